"""One error handler for HTML and JSON: the same status and message, in the shape the client reads.

JSON (paths under /api/, or ending in .json or .atom, or clients that ask only for JSON) gets
`{"error": "...", "details": [{"loc": [...], "msg": "..."}]}`; browsers get a page in the
language of the URL. Nothing a client sends leads to a 500, and an unexpected error is logged
by its type and place only (`ausweg.web.security.Guard`): its message could carry what the
person typed.
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import HTMLResponse, Response

from ausweg.countries import UnknownCountryError
from ausweg.i18n import t
from ausweg.profile_io import ProfileError
from ausweg.web.site import LANGS, Links
from ausweg.web.views import NotFound

Detail = dict[str, Any]


class BadInput(Exception):
    """Input a client sent that cannot be used: 422 (or `status`), one detail per bad field."""

    def __init__(self, details: list[Detail], message: str = "bad input", status: int = 422) -> None:
        super().__init__(message)
        self.details = details
        self.message = message
        self.status = status


def bad(loc: list[str | int], msg: str, status: int = 422) -> BadInput:
    return BadInput([{"loc": loc, "msg": msg}], msg, status)


_TITLES = {400: "web.error.400", 404: "web.error.404", 405: "web.error.405", 413: "web.error.413",
           415: "web.error.415", 422: "web.error.422", 500: "web.error.500"}


def wants_json(path: str, accept: str = "") -> bool:
    if path.startswith("/api/") or path.endswith((".json", ".atom")):
        return True
    return "application/json" in accept and "text/html" not in accept


def _lang_of(path: str) -> str:
    first = path.strip("/").split("/")[0]
    return first if first in LANGS else "en"


def error_response(path: str, accept: str, status: int, message: str, details: list[Detail] | None = None) -> Response:
    details = details or []
    if wants_json(path, accept):
        body = orjson.dumps({"error": message, "details": details})
        return Response(body, status, media_type="application/json")
    from ausweg.web.templating import render

    lang = _lang_of(path)
    title = t(_TITLES.get(status, "web.error.400"), lang)
    shown = t(_TITLES[status], lang) if status in (404, 413, 500) else message
    html = render("error.html", Links(lang, ""), title=title, message=shown, details=details)
    return HTMLResponse(html, status)


def classify(error: Exception) -> tuple[int, str, list[Detail]]:
    """Status, message and details for an exception raised while handling a request."""
    if isinstance(error, BadInput):
        return error.status, error.message, error.details
    if isinstance(error, ProfileError):
        return 422, "the profile does not fit the profile contract", [p.as_json() for p in error.problems]
    if isinstance(error, RequestValidationError):
        details = [{"loc": list(item.get("loc", [])), "msg": str(item.get("msg", ""))} for item in error.errors()]
        return 422, "bad input", details
    if isinstance(error, (NotFound, UnknownCountryError)):
        return 404, str(error), []
    if isinstance(error, StarletteHTTPException):
        return error.status_code, str(error.detail), []
    return 500, "internal error", []


async def handle(request: Request, error: Exception) -> Response:
    status, message, details = classify(error)
    return error_response(request.url.path, request.headers.get("accept", ""), status, message, details)


def install(app: FastAPI) -> None:
    for kind in (BadInput, ProfileError, RequestValidationError, NotFound, UnknownCountryError, StarletteHTTPException):
        app.add_exception_handler(kind, handle)  # type: ignore[arg-type]
