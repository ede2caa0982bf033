"""The questions that build a profile, most decisive first, skipping those that cannot matter.

One ordered list of questions serves the terminal interview and the web interview. A question
is asked only if some fact in the knowledge base reads its answer (or it decides entry), and
follow-ups are skipped when an earlier answer makes them moot.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ausweg.knowledge.base import Knowledge
from ausweg.knowledge.conditions import leaves
from ausweg.knowledge.profile_schema import FieldSpec, profile_fields

# Most decisive first: documents decide whether a person can leave at all, then the military
# situation, persecution, then what opens a pathway.
ORDER: tuple[str, ...] = (
    "citizenship",
    "location",
    "documents.international_passport",
    "documents.internal_passport",
    "military.status",
    "military.took_part_in_war",
    "persecution.criminal_case",
    "persecution.wanted_by_origin",
    "persecution.activities",
    "persecution.evidence",
    "persecution.public_profile",
    "lgbt",
    "family.children_travelling",
    "family.relatives_in",
    "family.right_of_return_to",
    "opportunities.job_offer_in",
    "opportunities.study_admission_in",
    "opportunities.languages",
    "opportunities.higher_education",
    "opportunities.diploma_apostilled",
    "support.ngo",
    "support.lawyer",
    "intent.asylum",
    "intent.arrival",
)
# Always asked: they decide entry and the passports looked up, whatever the facts say.
ALWAYS = frozenset({"citizenship", "documents.international_passport", "documents.internal_passport"})
# A follow-up is moot when the earlier answer is one of these.
MOOT_WHEN: dict[str, tuple[str, frozenset[str]]] = {
    "military.took_part_in_war": ("military.status", frozenset({"none", "draft_eligible"})),
    "opportunities.diploma_apostilled": ("opportunities.higher_education", frozenset({"no"})),
}


@dataclass(frozen=True)
class Question:
    path: str
    spec: FieldSpec

    @property
    def group(self) -> str:
        return self.path.split(".")[0]


def fields_read_by_knowledge(knowledge: Knowledge) -> frozenset[str]:
    return frozenset(leaf.field for fact in knowledge.facts.values() for leaf in leaves(fact.applies_to))


def questions(knowledge: Knowledge) -> list[Question]:
    """The questions worth asking with this knowledge base, in order."""
    read = fields_read_by_knowledge(knowledge) | ALWAYS
    specs = profile_fields()
    assert set(ORDER) == set(specs), "every profile field has its place in the interview order"
    return [Question(path, specs[path]) for path in ORDER if path in read]


def is_moot(question: Question, answers: Mapping[str, Any]) -> bool:
    rule = MOOT_WHEN.get(question.path)
    return rule is not None and answers.get(rule[0]) in rule[1]


def answers_to_profile_data(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Flat answers {"military.status": "deserter"} as nested profile data."""
    data: dict[str, Any] = {}
    for path, value in answers.items():
        if value in (None, "", []):
            continue
        if "." in path:
            group, name = path.split(".")
            data.setdefault(group, {})[name] = value
        else:
            data[path] = value
    return data


def run_terminal_interview(
    knowledge: Knowledge, lang: str, ask: Callable[[str], str], say: Callable[[str], None]
) -> dict[str, Any]:
    """Ask each question in the terminal; Enter means "I don't know". Returns profile data."""
    from ausweg.i18n import t

    say(t("interview_intro", lang))
    answers: dict[str, Any] = {}
    for question in questions(knowledge):
        if is_moot(question, answers):
            continue
        answers[question.path] = _ask_one(question, lang, ask, say)
    return answers_to_profile_data(answers)


def _ask_one(question: Question, lang: str, ask: Callable[[str], str], say: Callable[[str], None]) -> Any:
    from ausweg.i18n import t

    spec = question.spec
    choices = [value for value in spec.values if value != "unknown"]
    say("")
    say(t(f"q.{question.path}", lang))
    for number, value in enumerate(choices, start=1):
        say(f"  {number}) {t('value.' + value, lang)}")
    while True:
        reply = ask("> ").strip()
        if not reply:
            return None
        parsed = _parse_reply(reply, spec, choices)
        if parsed is not None:
            return parsed
        say(f"  ? {', '.join(choices) if choices else reply}")


def _parse_reply(reply: str, spec: FieldSpec, choices: list[str]) -> Any:
    if spec.kind == "count":
        return int(reply) if reply.isdigit() else None
    if spec.kind in ("country_list", "language_list", "choice_list"):
        items = reply.replace(",", " ").split()
        if spec.kind == "choice_list":
            picked = [choices[int(item) - 1] if item.isdigit() and 0 < int(item) <= len(choices) else item for item in items]
            return picked if all(item in choices for item in picked) else None
        return [item.upper() if spec.kind == "country_list" else item.lower() for item in items]
    if spec.kind == "country":
        return reply.upper()
    if reply.isdigit() and 0 < int(reply) <= len(choices):
        return choices[int(reply) - 1]
    return reply if reply in choices else None
