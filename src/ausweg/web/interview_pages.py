"""The personal pages: the interview's steps, the result, and its downloads (Markdown, PDF).

All of them answer POSTed forms whose fields carry every answer so far, so nothing about the
person is kept between requests, nor lands in a URL. Only the first step is a plain GET.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import HTMLResponse, Response

from ausweg.engine.assess import assess
from ausweg.i18n import t
from ausweg.knowledge.base import Knowledge
from ausweg.profile import Profile
from ausweg.profile_io import ProfileError
from ausweg.web.errors import bad
from ausweg.web.interview_forms import (
    Parsed,
    carried,
    parse_form,
    profile_errors,
    questions,
    step_index,
    steps_for,
    to_profile,
)
from ausweg.web.interview_view import question_label, step_views
from ausweg.web.responses import check_lang, day, json_response, knowledge_of
from ausweg.web.result_page import hidden_inputs, result_html
from ausweg.web.site import Links
from ausweg.web.templating import render
from ausweg.web.work import in_turn

router = APIRouter(include_in_schema=False)
MAX_FIELDS = 400


async def read_form(request: Request) -> FormData:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in ("application/x-www-form-urlencoded", "multipart/form-data"):
        raise bad(["body"], "send the answers as a form (application/x-www-form-urlencoded)", 415)
    return await request.form(max_files=0, max_fields=MAX_FIELDS)


def render_step(knowledge: Knowledge, lang: str, parsed: Parsed, step_name: str | None, fresh: bool = False,
                status: int = 200) -> HTMLResponse:
    steps = steps_for(knowledge, parsed.answers)
    index = step_index(steps, step_name)
    step = steps[index]
    views = step_views(knowledge, step, parsed, lang, fresh)
    shown = [question.path for question in step.questions]
    html = render(
        "interview.html", Links(lang, "interview"), step_name=step.name, index=index, total=len(steps),
        last=index == len(steps) - 1, views=views, errors={p: e for p, e in parsed.errors.items() if p in shown},
        carried=carried(parsed.answers, shown), hidden_html=hidden_inputs(carried(parsed.answers)),
        here_action="interview",
    )
    return HTMLResponse(html, status)


@router.get("/{lang}/interview")
async def interview_start(request: Request, lang: str) -> Response:
    check_lang(lang)
    return render_step(knowledge_of(request), lang, Parsed({}), None, fresh=True)


@router.get("/{lang}/interview.json")
async def interview_questions(request: Request, lang: str) -> Response:
    return json_response(questions_json(knowledge_of(request), check_lang(lang)))


def questions_json(knowledge: Knowledge, lang: str) -> dict[str, Any]:
    from ausweg.web.interview_forms import all_steps

    return {"steps": [{"name": step.name, "title": t(f"web.step.{step.name}", lang),
                       "questions": [_question_json(question, lang) for question in step.questions]}
                      for step in all_steps(knowledge)],
            "questions": [_question_json(question, lang) for question in questions(knowledge)]}


def _question_json(question: Any, lang: str) -> dict[str, Any]:
    return {"field": question.path, "kind": question.spec.kind, "label": question_label(question.path, lang),
            "values": [{"value": value, "label": t(f"value.{value}", lang)} for value in question.spec.values]}


def _first_error_step(knowledge: Knowledge, parsed: Parsed) -> str | None:
    for step in steps_for(knowledge, parsed.answers):
        if any(question.path in parsed.errors for question in step.questions):
            return step.name
    return None


@router.post("/{lang}/interview")
async def interview_step(request: Request, lang: str) -> Response:
    check_lang(lang)
    knowledge = knowledge_of(request)
    form = await read_form(request)
    parsed = parse_form(form, knowledge)
    steps = steps_for(knowledge, parsed.answers)
    current = step_index(steps, form.get("step") if isinstance(form.get("step"), str) else None)  # type: ignore[arg-type]
    go = form.get("go")
    shown = {question.path for question in steps[current].questions}
    if parsed.errors and go != "back":
        on_page = any(path in shown for path in parsed.errors)
        name = steps[current].name if on_page else _first_error_step(knowledge, parsed)
        return render_step(knowledge, lang, parsed, name, status=422)
    if go == "back":
        target = max(current - 1, 0)
    elif go == "next":
        target = current + 1
    else:
        target = current
    if target >= len(steps):
        return await _result(knowledge, lang, parsed, form)
    return render_step(knowledge, lang, Parsed(parsed.answers), steps[target].name)


def _profile_or_step(knowledge: Knowledge, lang: str, parsed: Parsed) -> Profile | HTMLResponse:
    if parsed.errors:
        return render_step(knowledge, lang, parsed, _first_error_step(knowledge, parsed), status=422)
    try:
        return to_profile(parsed.answers)
    except ProfileError as error:
        failed = Parsed(parsed.answers, profile_errors(error), parsed.typed)
        return render_step(knowledge, lang, failed, _first_error_step(knowledge, failed), status=422)


def _as_of(form: Mapping[str, Any], lang: str) -> tuple[dt.date, str | None]:
    text = form.get("as_of")
    if not isinstance(text, str) or not text:
        return dt.date.today(), None
    try:
        found = day(text, ["as_of"])
    except Exception:  # noqa: BLE001 - a bad date is shown beside the date field
        return dt.date.today(), t("web.error.date", lang)
    assert found is not None
    return found, None


@router.post("/{lang}/result")
async def result(request: Request, lang: str) -> Response:
    check_lang(lang)
    knowledge = knowledge_of(request)
    form = await read_form(request)
    return await _result(knowledge, lang, parse_form(form, knowledge), form)


async def _result(knowledge: Knowledge, lang: str, parsed: Parsed, form: Mapping[str, Any]) -> Response:
    profile = _profile_or_step(knowledge, lang, parsed)
    if isinstance(profile, HTMLResponse):
        return profile
    as_of, date_error = _as_of(form, lang)
    since = form.get("compare_since")

    def page() -> str:
        data = assess(profile, as_of, lang, knowledge=knowledge).as_json()
        comparison = _comparison(knowledge, profile, as_of, lang, since)
        return result_html(data, parsed.answers, carried(parsed.answers), comparison, date_error)

    return HTMLResponse(await in_turn(page))


def _comparison(knowledge: Knowledge, profile: Profile, as_of: dt.date, lang: str, since_text: Any) -> Any:
    if not isinstance(since_text, str) or not since_text:
        return None
    from ausweg.engine.compare import compare

    try:
        since = day(since_text, ["compare_since"])
    except Exception:  # noqa: BLE001 - a bad date: no comparison
        return None
    assert since is not None
    first, last = sorted((since, as_of))
    return compare(profile, first, last, lang, knowledge=knowledge)


async def _download(request: Request, lang: str, suffix: str, media_type: str,
                    render_data: Callable[[dict[str, Any], str], bytes]) -> Response:
    """The assessment for the POSTed answers as a file; nothing of it is kept."""
    check_lang(lang)
    knowledge = knowledge_of(request)
    form = await read_form(request)
    parsed = parse_form(form, knowledge)
    profile = _profile_or_step(knowledge, lang, parsed)
    if isinstance(profile, HTMLResponse):
        return profile
    as_of, _ = _as_of(form, lang)
    body = await in_turn(lambda: render_data(assess(profile, as_of, lang, knowledge=knowledge).as_json(), lang))
    return Response(body, media_type=media_type,
                    headers={"content-disposition": f'attachment; filename="ausweg-{as_of.isoformat()}.{suffix}"'})


@router.post("/{lang}/result.md")
async def result_markdown(request: Request, lang: str) -> Response:
    from ausweg.report import assessment_markdown

    return await _download(request, lang, "md", "text/markdown; charset=utf-8",
                           lambda data, lang: assessment_markdown(data, lang).encode("utf-8"))


@router.post("/{lang}/result.pdf")
async def result_pdf(request: Request, lang: str) -> Response:
    from ausweg.web.pdf import assessment_pdf

    return await _download(request, lang, "pdf", "application/pdf", assessment_pdf)
