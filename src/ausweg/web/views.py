"""The non-personal pages as data: what each page shows, built with `ausweg.knowledge.queries`.

Each builder returns a `Page`: its site path, its template, the data its JSON twin serves, and
what else the HTML needs. The live app and the static export both render these.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ausweg.countries import country_name
from ausweg.knowledge import queries
from ausweg.knowledge.base import Knowledge


class NotFound(LookupError):
    """A page asked for something the knowledge base does not have."""


@dataclass(frozen=True)
class Page:
    here: str  # site path relative to the language root
    template: str
    data: Any  # what the page's .json serves
    context: dict[str, Any] = field(default_factory=dict)


def overview(knowledge: Knowledge, lang: str) -> Page:
    return Page("", "home.html", queries.overview(knowledge, lang))


def country_rows(knowledge: Knowledge, lang: str) -> list[dict[str, Any]]:
    rows = [queries.country_summary(knowledge, code, lang) for code in knowledge.countries()]
    rows.sort(key=lambda row: (-row["facts"], row["country"]))
    return rows


def countries(knowledge: Knowledge, lang: str) -> Page:
    return Page("countries", "countries.html", country_rows(knowledge, lang))


def country(knowledge: Knowledge, lang: str, code: str, day: dt.date, passports: tuple[str, ...]) -> Page:
    if code not in set(knowledge.countries()):
        raise NotFound(f"no country {code!r} in the knowledge base")
    view = queries.country_view(knowledge, code, day, lang, passports)
    timeline = [change.as_json(lang) for change in queries.changes(knowledge, country=code)]
    figures = [queries.figure_json(figure, lang) for figure in queries.figures(knowledge, country=code)]
    organisations = [queries.organisation_json(org, lang) for org in knowledge.organisations.values()
                     if code in org.where]
    data = {**view, "changes": timeline, "figures": figures, "organisations": organisations}
    context = {"sources": _sources_named(knowledge, view["facts"] + figures + organisations, timeline), "summary":
               queries.country_summary(knowledge, code, lang), "passports": passports}
    return Page(f"countries/{code}", "country.html", data, context)


def changes(knowledge: Knowledge, lang: str, since: dt.date | None, until: dt.date | None,
            code: str | None) -> Page:
    found = queries.changes(knowledge, since=since, until=until, country=code)
    data = [change.as_json(lang) for change in found]
    filters = {"since": since.isoformat() if since else "", "until": until.isoformat() if until else "",
               "country": code or ""}
    choices = [(item, country_name(item, lang)) for item in sorted({c for fact in knowledge.facts.values()
                                                                    for c in fact.countries})]
    return Page("changes", "changes.html", data,
                {"filters": filters, "country_choices": choices, "sources": _sources_named(knowledge, [], data)})


def cited_by(knowledge: Knowledge) -> dict[str, list[str]]:
    """For every source, the facts, figures and organisations citing it (the same for everyone)."""

    def build() -> dict[str, list[str]]:
        from ausweg.knowledge.validate import citations_of

        found: dict[str, set[str]] = {source_id: set() for source_id in knowledge.sources}
        items = [*knowledge.facts.items(), *knowledge.figures.items(), *knowledge.organisations.items()]
        for item_id, item in items:
            for _, citation in citations_of(item):
                found.setdefault(citation.source, set()).add(item_id)
        return {source_id: sorted(ids) for source_id, ids in found.items()}

    return knowledge.memoised(("web:cited-by",), build)  # type: ignore[return-value]


def sources(knowledge: Knowledge, lang: str) -> Page:
    data = [queries.source_json(source) for source in knowledge.sources.values()]
    data.sort(key=lambda row: (row["publisher"].lower(), row["id"]))
    return Page("sources", "sources.html", data, {"cited_by": cited_by(knowledge)})


def source(knowledge: Knowledge, lang: str, source_id: str) -> Page:
    found = knowledge.sources.get(source_id)
    if found is None:
        raise NotFound(f"no source {source_id!r} in the knowledge base")
    ids = cited_by(knowledge).get(source_id, [])
    data = {**queries.source_json(found), "cited_by": ids}
    quotes = _quotes_of(knowledge, source_id, ids, lang)
    return Page(f"sources/{source_id}", "source.html", data, {"quotes": quotes})


def _quotes_of(knowledge: Knowledge, source_id: str, ids: list[str], lang: str) -> list[dict[str, Any]]:
    from ausweg.knowledge.validate import citations_of

    found = []
    for item_id in ids:
        item = knowledge.facts.get(item_id) or knowledge.figures.get(item_id) or knowledge.organisations.get(item_id)
        countries = list(getattr(item, "countries", []) or getattr(item, "where", []))
        summary = _item_summary(item, lang)
        for _, citation in citations_of(item):  # type: ignore[arg-type]
            if citation.source == source_id:
                found.append({"item": item_id, "countries": countries, "summary": summary,
                              **queries.citation_json(citation)})
    return found


def _item_summary(item: Any, lang: str) -> str:
    for name in ("summary", "what"):
        text = getattr(item, name, None)
        if text is not None:
            return text.get(lang)
    return getattr(item, "name", "")


def figures(knowledge: Knowledge, lang: str) -> Page:
    from ausweg.web.svg import figure_charts

    data = [queries.figure_json(figure, lang) for figure in queries.figures(knowledge)]
    return Page("figures", "figures.html", data, {"charts": figure_charts(data, lang),
                                                  "sources": _sources_named(knowledge, data, [])})


def organisations(knowledge: Knowledge, lang: str) -> Page:
    data = [queries.organisation_json(org, lang) for org in knowledge.organisations.values()]
    return Page("orgs", "orgs.html", data, {"sources": _sources_named(knowledge, data, [])})


def _sources_named(knowledge: Knowledge, items: list[dict[str, Any]], rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The sources cited by `items` (with citations) and `rows` (with source ids), as JSON by id."""
    ids = {citation["source"] for item in items for citation in item.get("citations", [])}
    ids |= {source_id for row in rows for source_id in row.get("sources", [])}
    return {source_id: queries.source_json(knowledge.sources[source_id])
            for source_id in sorted(ids) if source_id in knowledge.sources}
