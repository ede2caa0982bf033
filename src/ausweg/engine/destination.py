"""One destination for one person on one day: entry, pathways, risks, advice and rating.

`evaluate` is the whole rule set for a destination; `what_if` re-runs it with each possible
answer to the questions the person left unknown, so the output can say what each would change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ausweg.engine.entry import Entry, assess_entry
from ausweg.engine.pathways import Pathway, assess_pathways
from ausweg.engine.rating import (
    Component,
    entry_component,
    judgment_component,
    rank_key,
    rate,
    risk_component,
    stay_component,
)
from ausweg.engine.risks import Advice, Risk, assess_advice, assess_risks
from ausweg.engine.trace import AnyReading, Reader, Reading
from ausweg.knowledge.base import Knowledge
from ausweg.knowledge.profile_schema import profile_fields
from ausweg.knowledge.schema import FactKind
from ausweg.profile import Profile

MAX_WHAT_IF_FIELDS = 3


@dataclass(slots=True)
class DestinationResult:
    country: str
    deep: bool
    entry: Entry
    pathways: list[Pathway]
    risks: list[Risk]
    advice: list[Advice]
    rating: str
    deciding: list[Component]
    trace: tuple[AnyReading, ...]  # every reading, in order; the same for everyone it is shared with
    order: tuple[int, int, int, int, int, str]  # its place in the ranking (see ausweg.engine.rating)


def evaluate(
    knowledge: Knowledge, profile: Profile, as_of: dt.date, country: str, person: Reader | None = None
) -> DestinationResult:
    """The destination for this person. A destination's answer depends only on the day, the
    person's citizenship and documents, and how each fact about it judges the person; results
    are shared between people alike in all of these. The person's own answers are read again
    when the result is rendered (`because`, `what_if`)."""
    person = person or Reader(knowledge, profile, as_of)
    documents = profile.documents
    signature = person.signature(country) if country in knowledge.facts_by_country else ()
    key = ("destination", country, as_of, tuple(profile.citizenship), documents.international_passport,
           documents.internal_passport, signature)
    result = knowledge.memoised(key, lambda: evaluate_once(knowledge, profile, as_of, country, person), per_person=True)
    assert isinstance(result, DestinationResult)
    return result


def evaluate_once(
    knowledge: Knowledge, profile: Profile, as_of: dt.date, country: str, person: Reader | None = None
) -> DestinationResult:
    """The whole rule set for one destination (`person`: a reader whose judgments to reuse)."""
    reader = person.for_destination() if person is not None else Reader(knowledge, profile, as_of)
    deep = country in knowledge.facts_by_country
    entry = assess_entry(reader, country)
    pathways = assess_pathways(reader, country, entry)
    risks = assess_risks(reader, country, entry)
    advice = assess_advice(reader, country)
    components = [entry_component(entry), stay_component(pathways), risk_component(risks), judgment_component(advice)]
    rating, deciding = rate(components, deep, entry.status == "banned")
    order = rank_key(rating, deep, entry, risks, country)
    return DestinationResult(country, deep, entry, pathways, risks, advice, rating, deciding, tuple(reader.trace), order)


# Only these kinds of fact move the rating; unknown answers read by others (advice, indicators)
# are shown on the statement itself as `if_unknown`.
_RATING_KINDS = frozenset({FactKind.entry_ban, FactKind.entry_document, FactKind.visa_application,
                           FactKind.pathway, FactKind.risk, FactKind.judgment})


def unknown_fields(result: DestinationResult, profile: Profile, knowledge: Knowledge) -> list[str]:
    """The unknown answers this destination's rating depends on, in the order they were read."""
    fields: list[str] = []
    for option in result.entry.alternatives:
        fields.extend(option["if"])  # type: ignore[arg-type]
    for reading in result.trace:
        if isinstance(reading, Reading) and reading.holds is None and reading.fact.kind in _RATING_KINDS:
            fields.extend(reading.unknown_fields(profile, knowledge))
    return list(dict.fromkeys(fields))[:MAX_WHAT_IF_FIELDS]


def _with_answer(profile: Profile, path: str, answer: str) -> Profile:
    if "." not in path:
        return profile.model_copy(update={path: answer})
    group, name = path.split(".")
    part = getattr(profile, group)
    return profile.model_copy(update={group: part.model_copy(update={name: type(getattr(part, name))(answer)})})


def what_if(result: DestinationResult, profile: Profile, knowledge: Knowledge, as_of: dt.date) -> list[dict[str, object]]:
    """For each unknown answer of `profile` the rating reads, the rating each known answer would
    give, where they differ. Computed on demand: it is explanation, and costs a re-evaluation."""
    found = []
    for path in unknown_fields(result, profile, knowledge):
        spec = profile_fields()[path]
        options = []
        for answer in spec.values:
            if answer == "unknown":
                continue
            variant = evaluate(knowledge, _with_answer(profile, path, answer), as_of, result.country)
            options.append({"answer": answer, "rating": variant.rating, "entry": variant.entry.status})
        if len({(option["rating"], option["entry"]) for option in options}) > 1:
            found.append({"field": path, "options": options})
    return found
