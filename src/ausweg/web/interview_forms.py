"""The web interview without server state: steps of questions, and form <-> answers <-> profile.

Every answer travels in the form itself: the fields of the current step as inputs, the earlier
answers as hidden inputs. Questions come from `ausweg.interview.questions` in its order, grouped
into a few steps by field group; `is_moot` drops a follow-up an earlier answer makes pointless,
and a follow-up whose deciding question is on the same page moves to the next page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ausweg.countries import UnknownCountryError, normalise_country_code
from ausweg.interview import MOOT_WHEN, Question, answers_to_profile_data, is_moot
from ausweg.interview import questions as all_questions
from ausweg.knowledge.base import Knowledge
from ausweg.knowledge.conditions import leaves
from ausweg.profile import Profile
from ausweg.profile_io import ProfileError, profile_from_data

STEPS: tuple[str, ...] = ("documents", "military", "persecution", "family", "intent")
STEP_OF_GROUP: dict[str, str] = {
    "citizenship": "documents", "location": "documents", "documents": "documents", "military": "military",
    "persecution": "persecution", "lgbt": "persecution", "family": "family", "opportunities": "family",
    "support": "intent", "intent": "intent",
}
COMMON_CITIZENSHIPS = ("RU", "BY")
COMMON_LANGUAGES = ("ru", "en", "de")
MAX_COUNT = 30
Answers = dict[str, Any]
FormData = Mapping[str, Any]  # a starlette FormData or any mapping with getlist


def questions(knowledge: Knowledge) -> list[Question]:
    """`ausweg.interview.questions`, worked out once per knowledge base."""
    return knowledge.memoised(("web:questions",), lambda: all_questions(knowledge))  # type: ignore[return-value]


@dataclass(frozen=True)
class Step:
    name: str
    questions: tuple[Question, ...]


@dataclass
class Parsed:
    answers: Answers
    errors: dict[str, str] = field(default_factory=dict)  # path -> interface-text key
    typed: dict[str, str] = field(default_factory=dict)  # path -> free text as typed, where it had an error


def all_steps(knowledge: Knowledge) -> list[Step]:
    """The steps worth showing with this knowledge base, before any answer."""
    groups: dict[str, list[Question]] = {name: [] for name in STEPS}
    deferred: dict[str, list[Question]] = {name: [] for name in STEPS}
    for question in questions(knowledge):
        step = STEP_OF_GROUP[question.group]
        rule = MOOT_WHEN.get(question.path)
        same_page = rule is not None and any(asked.path == rule[0] for asked in groups[step])
        if same_page:
            later = STEPS.index(step) + 1
            deferred[STEPS[later] if later < len(STEPS) else step].append(question)
        else:
            groups[step].append(question)
    return [Step(name, tuple(deferred[name] + groups[name])) for name in STEPS if deferred[name] or groups[name]]


def steps_for(knowledge: Knowledge, answers: Mapping[str, Any]) -> list[Step]:
    """The steps for this person so far: moot questions left out, empty steps dropped."""
    found = []
    for step in all_steps(knowledge):
        kept = tuple(question for question in step.questions if not is_moot(question, answers))
        if kept:
            found.append(Step(step.name, kept))
    return found


def step_index(steps: list[Step], name: str | None) -> int:
    names = [step.name for step in steps]
    if name in names:
        return names.index(name)
    if name in STEPS:  # a step that became empty: the next one that is left
        later = [index for index, step in enumerate(steps) if STEPS.index(step.name) > STEPS.index(name)]
        return later[0] if later else len(steps) - 1
    return 0


def suggestions(knowledge: Knowledge, question: Question) -> list[str]:
    """Values offered as checkboxes for a list question: those the knowledge base tests."""
    tested = {str(value) for fact in knowledge.facts.values() for leaf in leaves(fact.applies_to)
              if leaf.field == question.path for value in _as_list(leaf.operand(leaf.operator))}
    if question.spec.kind == "country_list":
        extra = COMMON_CITIZENSHIPS if question.path == "citizenship" else ()
        return sorted(tested | set(extra) | (set() if tested else set(knowledge.facts_by_country)))
    if question.spec.kind == "language_list":
        return sorted(tested | set(COMMON_LANGUAGES))
    return [value for value in question.spec.values if value != "unknown"]


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _values(form: FormData, name: str) -> list[str]:
    getlist = getattr(form, "getlist", None)
    raw = getlist(name) if getlist else ([form[name]] if name in form else [])
    return [str(item).strip() for item in raw if isinstance(item, str) and str(item).strip()]


def _split(text: str) -> list[str]:
    return [item for item in text.replace(",", " ").replace(";", " ").split() if item]


def parse_form(form: FormData, knowledge: Knowledge) -> Parsed:
    """Every answer the form carries, checked; a bad one is left unknown and named in `errors`."""
    parsed = Parsed({})
    for question in questions(knowledge):
        path, spec = question.path, question.spec
        ticked = _values(form, path)
        typed = " ".join(_values(form, f"{path}:other"))
        try:
            parsed.answers[path] = _parse_one(spec.kind, spec.values, ticked + _split(typed))
        except ValueError as error:
            parsed.errors[path] = str(error)
            parsed.typed[path] = typed
            parsed.answers[path] = _kept(spec.kind, spec.values, ticked)
    return parsed


def _kept(kind: str, allowed: tuple[str, ...], ticked: list[str]) -> Any:
    """What can be kept of a bad answer: the boxes ticked that are valid (the typed text is shown again)."""
    if not kind.endswith("_list"):
        return None
    try:
        return _parse_one(kind, allowed, ticked)
    except ValueError:
        return []


def _parse_one(kind: str, allowed: tuple[str, ...], given: list[str]) -> Any:
    if kind == "choice":
        value = given[-1] if given else "unknown"
        if value not in allowed:
            raise ValueError("web.error.choice")
        return value
    if kind == "choice_list":
        if any(item not in allowed for item in given):
            raise ValueError("web.error.choice")
        return list(dict.fromkeys(given))
    if kind == "count":
        if not given or given[-1] == "unknown":
            return None
        if not given[-1].isdigit() or int(given[-1]) > MAX_COUNT:
            raise ValueError("web.error.count")
        return int(given[-1])
    if kind == "language_list":
        items = [item.lower() for item in given]
        if any(not (item.isascii() and item.isalpha() and 2 <= len(item) <= 3) for item in items):
            raise ValueError("web.error.language")
        return list(dict.fromkeys(items))
    return _countries(kind, given)


def _countries(kind: str, given: list[str]) -> Any:
    try:
        codes = [normalise_country_code(item) for item in given if item != "unknown"]
    except UnknownCountryError:
        raise ValueError("web.error.country") from None
    if kind == "country":
        return codes[-1] if codes else None
    return list(dict.fromkeys(codes))


def to_profile(answers: Mapping[str, Any]) -> Profile:
    """The profile these answers describe (raises ProfileError, with `.problems`, if they do not fit)."""
    return profile_from_data(answers_to_profile_data(answers))


def profile_errors(error: ProfileError) -> dict[str, str]:
    """ProfileError problems by field path, for showing beside the fields."""
    found = {}
    for problem in error.problems:
        path = ".".join(str(step) for step in problem.loc if isinstance(step, str)) or "citizenship"
        found.setdefault(path, problem.message)
    return found


def carried(answers: Mapping[str, Any], leave_out: Iterable[str] = ()) -> list[tuple[str, str]]:
    """Hidden inputs for the answers given (unknown answers need none), except `leave_out`."""
    skip = set(leave_out)
    pairs: list[tuple[str, str]] = []
    for path, value in answers.items():
        if path in skip or value in (None, "unknown", "", []):
            continue
        for item in value if isinstance(value, list) else [value]:
            pairs.append((path, str(item)))
    return pairs


def answers_from_profile(profile: Profile, knowledge: Knowledge) -> Answers:
    """Flat answers from a profile (e.g. an example), for the questions this knowledge base asks."""
    data = profile.model_dump(mode="json")
    found: Answers = {}
    for question in questions(knowledge):
        value: Any = data
        for part in question.path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        found[question.path] = value
    return found
