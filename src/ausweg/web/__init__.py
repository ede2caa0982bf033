"""The web shell: HTML pages, the JSON API, Atom feeds and a static mirror, over the same core.

Nothing here decides anything: pages render `ausweg.knowledge.queries` and `ausweg.assess`.
`create_app` (in `ausweg.web.app`) builds the FastAPI application.
"""
