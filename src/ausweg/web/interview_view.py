"""The interview's questions as the templates show them: label, options, current answer, error."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ausweg.countries import country_codes, country_name
from ausweg.i18n import t
from ausweg.interview import Question
from ausweg.knowledge.base import Knowledge
from ausweg.web.interview_forms import COMMON_CITIZENSHIPS, Parsed, Step, suggestions


@dataclass(frozen=True)
class Option:
    value: str
    text: str
    checked: bool


@dataclass(frozen=True)
class QuestionView:
    path: str
    id: str
    kind: str  # radio, checkboxes, select, number
    label: str
    options: list[Option]
    other: str  # free text for codes not offered as a checkbox
    value: str  # for number inputs
    error: str | None
    hint: str | None
    other_label: str = ""


def field_id(path: str) -> str:
    return "f-" + path.replace(".", "-")


def error_text(key: str, lang: str) -> str:
    return t(key, lang) if key.startswith("web.error.") else key


@lru_cache(maxsize=8)
def _country_options(lang: str) -> tuple[tuple[str, str], ...]:
    names = [(code, country_name(code, lang)) for code in country_codes()]
    return tuple(sorted(names, key=lambda pair: pair[1]))


def _language_name(code: str, lang: str) -> str:
    from babel import Locale

    return Locale.parse(lang).languages.get(code, code)


def question_label(path: str, lang: str) -> str:
    """The question as the web asks it: a web wording where the terminal's asks for codes."""
    try:
        return t(f"web.q.{path}", lang)
    except KeyError:
        return t(f"q.{path}", lang)


def question_view(knowledge: Knowledge, question: Question, parsed: Parsed, lang: str, fresh: bool) -> QuestionView:
    """`fresh`: nothing answered yet (defaults are shown, e.g. Russian citizenship)."""
    path, kind = question.path, question.spec.kind
    value = parsed.answers.get(path)
    error = error_text(parsed.errors[path], lang) if path in parsed.errors else None
    label = question_label(path, lang)
    if kind == "choice":
        chosen = value or "unknown"
        options = [Option(item, t(f"value.{item}", lang), item == chosen)
                   for item in [*[v for v in question.spec.values if v != "unknown"], "unknown"]]
        return QuestionView(path, field_id(path), "radio", label, options, "", "", error, None)
    if kind == "count":
        shown = "" if value is None else str(value)
        return QuestionView(path, field_id(path), "number", label, [], "", shown, error, t("web.hint_blank_unknown", lang))
    if kind == "country":
        chosen = value or ""
        options = [Option("", t("value.unknown", lang), not chosen)]
        options += [Option(code, name, code == chosen) for code, name in _country_options(lang)]
        return QuestionView(path, field_id(path), "select", label, options, "", "", error, None)
    return _list_view(knowledge, question, value, error, label, lang, fresh, parsed.typed.get(path))


def _list_view(knowledge: Knowledge, question: Question, value: Any, error: str | None, label: str, lang: str,
               fresh: bool, typed: str | None) -> QuestionView:
    path, kind = question.path, question.spec.kind
    picked = list(value or [])
    if fresh and path == "citizenship" and not picked:
        picked = ["RU"]
    offered = suggestions(knowledge, question)
    if path == "citizenship":
        offered = [code for code in COMMON_CITIZENSHIPS if code in offered] + [
            code for code in offered if code not in COMMON_CITIZENSHIPS]
    if kind == "choice_list":
        names = {item: t(f"value.{item}", lang) for item in offered}
    elif kind == "language_list":
        names = {item: _language_name(item, lang) for item in offered}
    else:
        names = {item: country_name(item, lang) for item in offered}
    options = [Option(item, names[item], item in picked) for item in offered]
    other = typed if typed is not None else " ".join(item for item in picked if item not in offered)
    hint_key = {"country_list": "web.hint_country_codes", "language_list": "web.hint_language_codes"}.get(kind)
    hint = t(hint_key, lang) if hint_key else None
    if path == "citizenship":
        hint = t("web.hint_citizenship", lang)
    other_label = t("web.other_languages" if kind == "language_list" else "web.other_countries", lang)
    return QuestionView(path, field_id(path), "checkboxes", label, options, other, "", error, hint, other_label)


def step_views(knowledge: Knowledge, step: Step, parsed: Parsed, lang: str, fresh: bool) -> list[QuestionView]:
    return [question_view(knowledge, question, parsed, lang, fresh) for question in step.questions]
