"""For `make bench` only: the same HTTP stack as `ausweg serve` (FastAPI on uvicorn) answering
`POST /api/v1/assess` with the example deserter's answer worked out once at start-up.

It is what the API would do if it kept each person's answer, which the web app must not (issue 4,
§3: nothing derived from a person's answers is kept between requests). Measured beside the real
server, it shows how much of the cost is the HTTP layer moving an answer of this size, and how much
is the assessment itself. Never part of ausweg; listens where bench_web.py tells it (127.0.0.1).
"""

from __future__ import annotations

import datetime as dt

import orjson
from fastapi import FastAPI, Request
from starlette.responses import Response

AS_OF = dt.date(2026, 2, 1)


def create_app() -> FastAPI:
    from ausweg.engine.assess import assess
    from ausweg.profile_io import example_profile

    answer = orjson.dumps(assess(example_profile("deserter"), AS_OF, "ru").as_json())
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    @app.post("/api/v1/assess")
    async def prepared(request: Request) -> Response:
        await request.body()  # read like the real endpoint does, then answer without assessing
        return Response(answer, media_type="application/json")

    return app
