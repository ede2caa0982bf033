"""The non-personal pages: HTML at /{lang}/..., the same data as JSON at the same path + .json,
and Atom feeds of policy changes. GET only; nothing here reads anything about a person."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import RedirectResponse, Response

from ausweg.countries import normalise_country_code
from ausweg.knowledge import queries
from ausweg.web import views
from ausweg.web.feeds import changes_feed
from ausweg.web.responses import (
    atom_response,
    best_language,
    check_lang,
    day,
    html_page,
    json_response,
    knowledge_of,
)

router = APIRouter(include_in_schema=False)
# Where one function serves a page and its .json twin, the .json route is the lower decorator: it is
# registered first, so "AM.json" is never read as the code "AM.json".


@router.get("/")
async def root(request: Request) -> Response:
    lang = best_language(request.headers.get("accept-language", ""))
    return RedirectResponse(f"/{lang}/", status_code=303, headers={"vary": "accept-language"})


def _respond(page: views.Page, lang: str, as_json: bool) -> Response:
    return json_response(page.data) if as_json else html_page(page, lang)


@router.get("/{lang}")
async def language_root(lang: str) -> Response:
    check_lang(lang)
    return RedirectResponse(f"/{lang}/", status_code=308)


@router.get("/{lang}/index.json")
@router.get("/{lang}/")
async def home(request: Request, lang: str) -> Response:
    page = views.overview(knowledge_of(request), check_lang(lang))
    return _respond(page, lang, request.url.path.endswith(".json"))


@router.get("/{lang}/countries.json")
@router.get("/{lang}/countries")
async def countries(request: Request, lang: str) -> Response:
    page = views.countries(knowledge_of(request), check_lang(lang))
    return _respond(page, lang, request.url.path.endswith(".json"))


def _code(code: str) -> str:
    try:
        return normalise_country_code(code)
    except ValueError as error:
        raise views.NotFound(str(error)) from None


def _passports(given: list[str] | None) -> tuple[str, ...]:
    if not given:
        return queries.DEFAULT_PASSPORTS
    from ausweg.web.errors import bad

    try:
        return tuple(dict.fromkeys(normalise_country_code(code) for code in given[:10]))
    except ValueError as error:
        raise bad(["query", "passport"], str(error)) from None


@router.get("/{lang}/countries/{code}")
@router.get("/{lang}/countries/{code}.json")
async def country(request: Request, lang: str, code: str, as_of: str | None = None,
                  passport: Annotated[list[str] | None, Query()] = None) -> Response:
    check_lang(lang)
    when = day(as_of, ["query", "as_of"], dt.date.today())
    assert when is not None
    page = views.country(knowledge_of(request), lang, _code(code), when, _passports(passport))
    return _respond(page, lang, request.url.path.endswith(".json"))


@router.get("/{lang}/countries/{code}/changes.atom")
async def country_feed(request: Request, lang: str, code: str) -> Response:
    check_lang(lang)
    found = _code(code)
    if found not in set(knowledge_of(request).countries()):
        raise views.NotFound(f"no country {found!r} in the knowledge base")
    return atom_response(changes_feed(knowledge_of(request), lang, found, "changes.atom",
                                      lambda country: f"../{country}"))


@router.get("/{lang}/changes.atom")
async def feed(request: Request, lang: str) -> Response:
    check_lang(lang)
    return atom_response(changes_feed(knowledge_of(request), lang, None, "changes.atom",
                                      lambda country: f"countries/{country}"))


@router.get("/{lang}/changes.json")
@router.get("/{lang}/changes")
async def changes(request: Request, lang: str, since: str | None = None, until: str | None = None,
                  country: str | None = None) -> Response:
    check_lang(lang)
    code = None
    if country:
        from ausweg.web.errors import bad

        try:
            code = normalise_country_code(country)
        except ValueError as error:
            raise bad(["query", "country"], str(error)) from None
    page = views.changes(knowledge_of(request), lang, day(since, ["query", "since"]), day(until, ["query", "until"]), code)
    return _respond(page, lang, request.url.path.endswith(".json"))


@router.get("/{lang}/sources.json")
@router.get("/{lang}/sources")
async def sources(request: Request, lang: str) -> Response:
    page = views.sources(knowledge_of(request), check_lang(lang))
    return _respond(page, lang, request.url.path.endswith(".json"))


@router.get("/{lang}/sources/{source_id}")
@router.get("/{lang}/sources/{source_id}.json")
async def source(request: Request, lang: str, source_id: str) -> Response:
    page = views.source(knowledge_of(request), check_lang(lang), source_id)
    return _respond(page, lang, request.url.path.endswith(".json"))


@router.get("/{lang}/figures.json")
@router.get("/{lang}/figures")
async def figures(request: Request, lang: str) -> Response:
    page = views.figures(knowledge_of(request), check_lang(lang))
    return _respond(page, lang, request.url.path.endswith(".json"))


@router.get("/{lang}/orgs.json")
@router.get("/{lang}/orgs")
async def orgs(request: Request, lang: str) -> Response:
    page = views.organisations(knowledge_of(request), check_lang(lang))
    return _respond(page, lang, request.url.path.endswith(".json"))
