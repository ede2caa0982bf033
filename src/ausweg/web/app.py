"""`create_app`: the FastAPI application, HTML pages, JSON API, feeds and static files.

No session, no cookie, no storage: the knowledge base is the only state, loaded once, and the
engine keeps nothing derived from a person's answers between requests (`forget_answers`): what the
server holds after a request is the same whoever sent it. Swagger UI
and ReDoc are off (they load scripts from a CDN); the OpenAPI document is at /api/v1/openapi.json.
"""

from __future__ import annotations

import gc

from fastapi import FastAPI
from starlette.staticfiles import StaticFiles

from ausweg.knowledge.base import Knowledge
from ausweg.web import api, errors, interview_pages, pages
from ausweg.web.security import Guard
from ausweg.web.templating import STATIC, environment


def forget_answers(knowledge: Knowledge) -> None:
    """Nothing derived from a person's answers outlives their request: the engine's memo of
    results keyed by answers is emptied and stays off (only results about the facts themselves,
    the same for everyone, are kept), and the tables the knowledge base otherwise fills on first
    use, such as the entry table one passport at a time, are filled whole now, so that which parts
    were filled cannot tell whose citizenship was asked about."""
    knowledge.remember_answers = False
    for store in [name for name in knowledge.memos if name != "shared"]:
        del knowledge.memos[store]
    if knowledge.entry is not None:
        knowledge.entry.validate()  # decodes (and keeps) every passport's runs
    gc.freeze()  # those tables live as long as the process: keep them out of every GC pass


def create_app(knowledge: Knowledge | None = None) -> FastAPI:
    if knowledge is None:
        from ausweg.engine.assess import bundled_knowledge

        knowledge = bundled_knowledge()
    app = FastAPI(
        title="ausweg",
        version="1",
        description="Where a person leaving Russia can realistically go, by which legal pathway, with which "
                    "risks, as of a given day, with the source of every statement.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    forget_answers(knowledge)
    app.state.knowledge = knowledge
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    api.install(app)
    app.include_router(interview_pages.router)
    app.include_router(pages.router)
    errors.install(app)
    app.add_middleware(Guard)
    environment()  # compile the templates' environment before the first request
    return app
