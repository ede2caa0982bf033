"""The interview without server state: steps, moot questions, answers carried in the form,
errors beside their fields, the result page and its downloads."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from starlette.datastructures import FormData

from ausweg.engine.assess import assess
from ausweg.interview import questions
from ausweg.knowledge.base import Knowledge
from ausweg.profile_io import example_profile
from ausweg.report import assessment_markdown
from ausweg.web.interview_forms import (
    STEPS,
    all_steps,
    answers_from_profile,
    carried,
    parse_form,
    steps_for,
    to_profile,
)
from tests.web.conftest import AS_OF

HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


def _interview_form(html: str) -> str:
    return html[html.index('<form class="interview"'):html.index("</form>", html.index('<form class="interview"'))]


def test_steps_group_the_questions_in_interview_order(knowledge: Knowledge) -> None:
    steps = all_steps(knowledge)
    assert [step.name for step in steps] == [name for name in STEPS if any(s.name == name for s in steps)]
    asked = [question.path for step in steps for question in step.questions]
    assert sorted(asked) == sorted(question.path for question in questions(knowledge))
    for step in steps:  # a follow-up is never on the page of the question that can make it moot
        paths = [question.path for question in step.questions]
        assert not ("military.status" in paths and "military.took_part_in_war" in paths)


def test_moot_questions_are_skipped(knowledge: Knowledge) -> None:
    def asked(answers: dict[str, Any]) -> set[str]:
        return {question.path for step in steps_for(knowledge, answers) for question in step.questions}

    assert "military.took_part_in_war" in asked({"military.status": "deserter"})
    assert "military.took_part_in_war" not in asked({"military.status": "none"})


def test_the_form_carries_a_whole_profile(knowledge: Knowledge) -> None:
    for name in ("deserter", "former-combatant", "lgbt-germany", "family-us-border", "student"):
        profile = example_profile(name)
        answers = answers_from_profile(profile, knowledge)
        parsed = parse_form(FormData(carried(answers)), knowledge)
        assert not parsed.errors
        again = to_profile(parsed.answers)
        for question in questions(knowledge):
            group, _, field = question.path.partition(".")
            mine = getattr(getattr(again, group), field) if field else getattr(again, group)
            theirs = getattr(getattr(profile, group), field) if field else getattr(profile, group)
            assert mine == theirs, (name, question.path)


def test_first_step_every_question_answerable_i_do_not_know(client: TestClient) -> None:
    html = client.get("/ru/interview").text
    form = _interview_form(html)
    radios = set(re.findall(r'type="radio" id="[^"]+" name="([^"]+)"', form))
    for name in radios:
        assert re.search(rf'name="{re.escape(name)}" value="unknown" checked', form), name
    assert 'value="RU" checked' in form  # citizenship defaults to Russian
    assert "не знаю" in form and 'autocomplete="off"' in form


def test_next_and_back_carry_the_answers(client: TestClient) -> None:
    first = {"step": "documents", "go": "next", "citizenship": "RU", "location": "AM",
             "documents.international_passport": "none", "documents.internal_passport": "yes"}
    second = client.post("/ru/interview", data=first)
    assert second.status_code == 200 and "military.status" in second.text
    carried_now = dict(HIDDEN.findall(_interview_form(second.text)))
    assert carried_now["location"] == "AM" and carried_now["documents.internal_passport"] == "yes"
    back = client.post("/ru/interview", data={**carried_now, "go": "back", "military.status": "deserter"})
    assert 'name="location"' in back.text and '<option value="AM" selected>' in back.text
    assert dict(HIDDEN.findall(_interview_form(back.text)))["military.status"] == "deserter"


def test_errors_are_tied_to_their_fields(client: TestClient) -> None:
    response = client.post("/ru/interview", data={"step": "family", "go": "next", "family.children_travelling": "99",
                                                  "family.relatives_in:other": "QQ"})
    assert response.status_code == 422
    html = response.text
    assert 'id="f-family-children_travelling" name="family.children_travelling"' in html
    assert re.search(r'id="f-family-children_travelling"[^>]*aria-describedby="[^"]*f-family-children_travelling-error'
                     r'[^"]*"[^>]*aria-invalid="true"', html)
    assert 'id="f-family-children_travelling-error"' in html and "от 0 до 30" in html
    assert re.search(r'<fieldset id="f-family-relatives_in"[^>]*aria-invalid="true"', html)
    assert 'value="QQ"' in html  # what was typed is shown again
    assert 'role="alert"' in html and 'href="#f-family-children_travelling"' in html


def test_tampered_hidden_answers_send_the_person_back_to_that_step(client: TestClient) -> None:
    response = client.post("/ru/result", data={"military.status": "general", "documents.internal_passport": "yes"})
    assert response.status_code == 422 and 'name="step" value="military"' in response.text


def post_form(client: TestClient, path: str, pairs: list[tuple[str, str]]) -> Any:
    """POST a form whose fields may repeat (lists), as a browser sends it."""
    return client.post(path, content=urlencode(pairs), headers={"content-type": "application/x-www-form-urlencoded"})


def _result(client: TestClient, form: list[tuple[str, str]], **extra: str) -> Any:
    return post_form(client, "/ru/result", [*form, *extra.items()])


def test_result_ranks_as_the_engine_with_sources_on_every_card(client: TestClient, knowledge: Knowledge,
                                                               deserter_form: list[tuple[str, str]]) -> None:
    html = _result(client, deserter_form, as_of=AS_OF.isoformat()).text
    expected = assess(example_profile("deserter"), AS_OF, "ru", knowledge=knowledge)
    full = [d.country for d in expected.destinations if d.deep and d.rating != "not_realistic"]
    assert re.findall(r'<article class="card [^"]+" id="d-([A-Z]{2})"', html) == full and "AM" in full
    for card in re.findall(r"<article class=\"card.*?</article>", html, re.DOTALL):
        assert "<details class=\"sources\">" in card and "<blockquote" in card
    assert f"Оценка на {AS_OF.isoformat()}" in html and f'value="{AS_OF.isoformat()}"' in html
    brief = [d.country for d in expected.destinations if d.deep and d.rating == "not_realistic"]
    assert re.findall(r'<li id="d-([A-Z]{2})">', html) == brief


def test_result_in_every_language_and_the_compare_form(client: TestClient, deserter_form: list[tuple[str, str]]) -> None:
    for lang, title in (("en", "Assessment as of"), ("de", "Einschätzung")):
        response = post_form(client, f"/{lang}/result", [*deserter_form, ("as_of", AS_OF.isoformat())])
        assert response.status_code == 200 and f'<html lang="{lang}">' in response.text
    compared = _result(client, deserter_form, as_of=AS_OF.isoformat(), compare_since="2022-03-01").text
    assert 'id="compare-title"' in compared and "2022-03-01" in compared


def test_a_bad_date_is_shown_beside_the_date_field(client: TestClient, deserter_form: list[tuple[str, str]]) -> None:
    html = _result(client, deserter_form, as_of="2026-02-31").text
    assert 'aria-describedby="as-of-error"' in html and 'id="as-of-error"' in html


def test_downloads_markdown_and_pdf(client: TestClient, knowledge: Knowledge,
                                    deserter_form: list[tuple[str, str]]) -> None:
    markdown = post_form(client, "/ru/result.md", [*deserter_form, ("as_of", AS_OF.isoformat())])
    expected = assess(example_profile("deserter"), AS_OF, "ru", knowledge=knowledge).as_json()
    assert markdown.text == assessment_markdown(expected, "ru")
    assert markdown.headers["content-disposition"] == f'attachment; filename="ausweg-{AS_OF}.md"'
    pdf = post_form(client, "/ru/result.pdf", [*deserter_form, ("as_of", AS_OF.isoformat())])
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    assert len(pdf.content) > 5000 and b"DejaVu" in pdf.content


def test_forms_not_json_for_the_personal_pages(client: TestClient) -> None:
    response = client.post("/ru/result", content=b'{"citizenship": ["RU"]}', headers={"content-type": "application/json"})
    assert response.status_code == 415


@pytest.mark.parametrize("path", ["/ru/result", "/ru/result.md", "/ru/result.pdf", "/ru/interview"])
def test_personal_pages_answer_no_get_with_answers(client: TestClient, path: str) -> None:
    response = client.get(path + "?military.status=deserter")
    assert response.status_code in (200, 405)
    assert "deserter" not in response.text
