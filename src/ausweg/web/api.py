"""The JSON API under /api/v1: the assessment (the `ausweg.assessment/1` JSON, equal to the CLI's),
and the knowledge base as data. Errors have one shape: {"error": ..., "details": [{"loc", "msg"}]}."""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from importlib import resources
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, FastAPI, Query, Request
from pydantic import BaseModel
from starlette.responses import Response

from ausweg.countries import normalise_country_code
from ausweg.engine.assess import assess
from ausweg.knowledge import queries
from ausweg.profile import Profile
from ausweg.profile_io import profile_from_data
from ausweg.web import views
from ausweg.web.errors import bad
from ausweg.web.responses import day, json_response, knowledge_of, query_lang
from ausweg.web.work import in_turn

router = APIRouter(prefix="/api/v1", tags=["ausweg"])


class ErrorDetail(BaseModel):
    loc: list[str | int]
    msg: str


class ErrorBody(BaseModel):
    error: str
    details: list[ErrorDetail]


ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": text}
    for status, text in ((400, "malformed request"), (404, "not found"), (413, "body too large"),
                         (422, "a field with a bad value, named in details"))
}


@lru_cache(maxsize=1)
def assessment_schema() -> dict[str, Any]:
    text = resources.files("ausweg.schemas").joinpath("assessment-1.json").read_text(encoding="utf-8")
    schema = json.loads(text)
    schema.pop("$schema", None)
    return schema  # type: ignore[no-any-return]


def _profile_body() -> dict[str, Any]:
    schema = Profile.model_json_schema(ref_template="#/components/schemas/{model}")
    schema.pop("$defs", None)
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


def _codes(given: list[str] | None, loc: str) -> list[str] | None:
    if not given:
        return None
    try:
        return [normalise_country_code(code) for code in given]
    except ValueError as error:
        raise bad(["query", loc], str(error)) from None


def _body_profile(body: bytes) -> Profile:
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError as error:
        raise bad(["body"], f"the body is not valid JSON: {error}", 400) from None
    return profile_from_data(data)


@router.post("/assess", summary="Assess one person", responses={
    **ERRORS, 200: {"description": "the ausweg.assessment/1 JSON",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Assessment"}}}}},
    openapi_extra=_profile_body())
async def assess_person(request: Request, as_of: str | None = None, lang: str = "en",
                        country: Annotated[list[str] | None, Query()] = None) -> Response:
    """Every destination ranked for the profile in the body (the `ausweg.profile` contract), as of
    `as_of` (default today). The answer equals `ausweg assess --format json` for the same input."""
    query_lang(lang)
    when = day(as_of, ["query", "as_of"], dt.date.today())
    profile = _body_profile(await request.body())
    knowledge, countries = knowledge_of(request), _codes(country, "country")
    answer = await in_turn(
        lambda: orjson.dumps(assess(profile, when, lang, knowledge=knowledge, countries=countries).as_json()))
    return Response(answer, media_type="application/json")


@router.post("/compare", summary="What changed for one person between two days", responses=ERRORS,
             openapi_extra=_profile_body())
async def compare_person(request: Request, since: str, as_of: str | None = None, lang: str = "en",
                         country: Annotated[list[str] | None, Query()] = None) -> Response:
    from ausweg.engine.compare import compare

    query_lang(lang)
    until = day(as_of, ["query", "as_of"], dt.date.today())
    start = day(since, ["query", "since"])
    assert until is not None and start is not None
    profile = _body_profile(await request.body())
    first, last = sorted((start, until))
    knowledge, countries = knowledge_of(request), _codes(country, "country")
    return json_response(await in_turn(
        lambda: compare(profile, first, last, lang, knowledge=knowledge, countries=countries)))


@router.get("/countries", summary="Every destination and how much is known", responses=ERRORS)
async def countries(request: Request, lang: str = "en") -> Response:
    return json_response(views.country_rows(knowledge_of(request), query_lang(lang)))


@router.get("/countries/{code}", summary="Entry regime and facts in force for one country", responses=ERRORS)
async def country(request: Request, code: str, as_of: str | None = None, lang: str = "en",
                  passport: Annotated[list[str] | None, Query()] = None) -> Response:
    query_lang(lang)
    try:
        found = normalise_country_code(code)
    except ValueError as error:
        raise views.NotFound(str(error)) from None
    knowledge = knowledge_of(request)
    if found not in set(knowledge.countries()):
        raise views.NotFound(f"no country {found!r} in the knowledge base")
    when = day(as_of, ["query", "as_of"], dt.date.today())
    assert when is not None
    passports = tuple(_codes(passport, "passport") or queries.DEFAULT_PASSPORTS)
    return json_response(queries.country_view(knowledge, found, when, lang, passports))


@router.get("/changes", summary="Timeline of dated policy changes", responses=ERRORS)
async def changes(request: Request, since: str | None = None, until: str | None = None, country: str | None = None,
                  lang: str = "en") -> Response:
    query_lang(lang)
    code = (_codes([country], "country") or [None])[0] if country else None
    found = queries.changes(knowledge_of(request), since=day(since, ["query", "since"]),
                            until=day(until, ["query", "until"]), country=code)
    return json_response([change.as_json(lang) for change in found])


@router.get("/sources", summary="Every source", responses=ERRORS)
async def sources(request: Request) -> Response:
    return json_response([queries.source_json(source) for source in knowledge_of(request).sources.values()])


@router.get("/sources/{source_id}", summary="One source and what cites it", responses=ERRORS)
async def source(request: Request, source_id: str) -> Response:
    return json_response(views.source(knowledge_of(request), "en", source_id).data)


@router.get("/figures", summary="Numbers a researcher would cite", responses=ERRORS)
async def figures(request: Request, country: str | None = None, topic: str | None = None,
                  lang: str = "en") -> Response:
    query_lang(lang)
    code = (_codes([country], "country") or [None])[0] if country else None
    found = queries.figures(knowledge_of(request), code, topic)
    return json_response([queries.figure_json(figure, lang) for figure in found])


@router.get("/orgs", summary="Organisations that help", responses=ERRORS)
async def orgs(request: Request, lang: str = "en") -> Response:
    query_lang(lang)
    return json_response([queries.organisation_json(org, lang) for org in knowledge_of(request).organisations.values()])


def install(app: FastAPI) -> None:
    """Add the routes, and the published schemas (the profile's parts, the assessment) to OpenAPI."""
    app.include_router(router)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        from fastapi.openapi.utils import get_openapi

        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        defs = Profile.model_json_schema(ref_template="#/components/schemas/{model}").get("$defs", {})
        components.update(defs)
        components["Profile"] = {k: v for k, v in Profile.model_json_schema(
            ref_template="#/components/schemas/{model}").items() if k != "$defs"}
        components["Assessment"] = _rebase(assessment_schema())
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _rebase(schema: dict[str, Any]) -> dict[str, Any]:
    """The assessment schema's own $defs, re-pointed under components."""
    text = json.dumps(schema).replace('"#/$defs/', '"#/components/schemas/Assessment/$defs/')
    return json.loads(text)  # type: ignore[no-any-return]
