"""Headers that protect the people using ausweg, a request size limit, a last line of defence
against errors, and an access log that records no query string, body, address or client: only
method, path, status and time."""

from __future__ import annotations

import logging
import time
import traceback
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY = 64 * 1024  # bytes: a profile is well under 2 KB, a full interview form under 8 KB
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"referrer-policy", b"no-referrer"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)
_REPLACED = {name for name, _ in HEADERS} | {b"set-cookie", b"server"}
access_log = logging.getLogger("ausweg.web.access")


class BodyTooLarge(Exception):
    pass


class Guard:
    """One ASGI layer around the whole app (one layer is cheaper than four):

    - every response, HTML, JSON, static or error, gets `HEADERS`; no cookie ever leaves;
    - bodies over MAX_BODY get 413, whether announced by Content-Length or streamed;
    - anything unexpected becomes a 500 in the error shape, logged by type and place only;
    - one access-log line per request: method, path without query string, status, milliseconds.
    """

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        state: dict[str, Any] = {"status": 0, "seen": 0}

        async def guarded_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
                kept = [(name, value) for name, value in message.get("headers", []) if name.lower() not in _REPLACED]
                message = {**message, "headers": kept + list(HEADERS)}
            await send(message)

        async def counted_receive() -> Message:
            message = await receive()
            state["seen"] += len(message.get("body", b""))
            if state["seen"] > self.limit:
                raise BodyTooLarge
            return message

        try:
            length = dict(scope.get("headers", [])).get(b"content-length", b"0")
            if not length.isdigit() or int(length) > self.limit:
                await self._error(scope, receive, guarded_send, 413 if length.isdigit() else 400)
            else:
                await self.app(scope, counted_receive, guarded_send)
        except BodyTooLarge:
            await self._error(scope, receive, guarded_send, 413, state["status"] != 0)
        except Exception as error:  # noqa: BLE001 - the last line of defence
            _log_internal(error)
            await self._error(scope, receive, guarded_send, 500, state["status"] != 0)
        finally:
            if access_log.isEnabledFor(logging.INFO):
                elapsed = (time.perf_counter() - start) * 1000
                access_log.info("%s %s %s %.1fms", scope["method"], scope["path"], state["status"], elapsed)

    async def _error(self, scope: Scope, receive: Receive, send: Send, status: int, started: bool = False) -> None:
        if started:
            return  # the response has begun: nothing more can be said
        from ausweg.web.errors import error_response

        accept = dict(scope.get("headers", [])).get(b"accept", b"").decode("latin-1")
        message = {400: "bad Content-Length", 413: "request body too large", 500: "internal error"}[status]
        await error_response(scope["path"], accept, status, message)(scope, receive, send)


def _log_internal(error: Exception) -> None:
    frame = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
    place = f"{frame.filename}:{frame.lineno}" if frame else "?"
    logging.getLogger("ausweg.web").error("internal error %s at %s", type(error).__name__, place)
