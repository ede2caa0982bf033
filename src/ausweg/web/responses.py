"""Turning page data into responses: HTML from a template, JSON with orjson, Atom."""

from __future__ import annotations

import datetime as dt
from typing import Any

import orjson
from fastapi import Request
from starlette.responses import HTMLResponse, Response

from ausweg.dates import parse_day
from ausweg.knowledge.base import Knowledge
from ausweg.web.errors import bad
from ausweg.web.site import LANGS, Links
from ausweg.web.templating import render
from ausweg.web.views import NotFound, Page


def knowledge_of(request: Request) -> Knowledge:
    return request.app.state.knowledge  # type: ignore[no-any-return]


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise NotFound(f"no language {lang!r}; ausweg speaks {', '.join(LANGS)}")
    return lang


def query_lang(lang: str) -> str:
    if lang not in LANGS:
        raise bad(["query", "lang"], f"language {lang!r} is not one of {', '.join(LANGS)}")
    return lang


def day(text: str | None, loc: list[str | int], default: dt.date | None = None) -> dt.date | None:
    if text is None or text == "":
        return default
    try:
        return parse_day(text)
    except ValueError as error:
        raise bad(loc, str(error)) from None


def json_response(data: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(data), status, media_type="application/json")


def html_page(page: Page, lang: str) -> HTMLResponse:
    links = Links(lang, page.here)
    return HTMLResponse(render(page.template, links, data=page.data, **page.context))


def atom_response(text: str) -> Response:
    return Response(text.encode("utf-8"), media_type="application/atom+xml; charset=utf-8")


def best_language(accept: str) -> str:
    """The first of ru, en, de the Accept-Language header prefers (Russian when it names none)."""
    ranked = []
    for position, part in enumerate(accept.split(",")):
        pieces = part.strip().split(";")
        tag = pieces[0].strip().lower().split("-")[0]
        weight = 1.0
        for param in pieces[1:]:
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if tag in LANGS and weight > 0:
            ranked.append((-weight, position, tag))
    return min(ranked)[2] if ranked else "ru"


__all__ = ["NotFound", "atom_response", "best_language", "check_lang", "day", "html_page", "json_response",
           "knowledge_of", "query_lang"]
