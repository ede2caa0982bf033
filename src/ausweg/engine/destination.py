"""One destination for one person on one day: entry, pathways, risks, advice and rating.

`evaluate` is the whole rule set for a destination; `what_if` re-runs it with each possible
answer to the questions the person left unknown, so the output can say what each would change.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ausweg.engine.entry import Entry, assess_entry
from ausweg.engine.pathways import Pathway, assess_indicators, assess_pathways
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
from ausweg.engine.trace import AnyReading, Explanations, Reader, Reading
from ausweg.knowledge.base import Knowledge
from ausweg.knowledge.conditions import Truth
from ausweg.knowledge.profile_schema import profile_fields
from ausweg.knowledge.schema import FactKind
from ausweg.profile import Profile

@dataclass(slots=True)
class DestinationResult:
    country: str
    deep: bool
    entry: Entry
    pathways: list[Pathway]  # without indicators: see `indicators` and pathways.with_indicators
    risks: list[Risk]
    advice: list[Advice]
    indicators: list[Reading]
    rating: str
    deciding: list[Component]
    trace: tuple[AnyReading, ...]  # every reading, in order; the same for everyone it is shared with
    order: tuple[int, int, int, int, int, int, str]  # its place in the ranking (see ausweg.engine.rating)


# What each part of a destination's answer reads, besides citizenship, documents and the day.
ENTRY_KINDS = frozenset({FactKind.entry_document, FactKind.entry_ban, FactKind.visa_application})
STAY_KINDS = frozenset({FactKind.pathway})
INDICATOR_KINDS = frozenset({FactKind.indicator})
RISK_KINDS = frozenset({FactKind.risk})
ADVICE_KINDS = frozenset({FactKind.advice, FactKind.judgment})
READ_KINDS = ENTRY_KINDS | STAY_KINDS | RISK_KINDS | ADVICE_KINDS | INDICATOR_KINDS

Part = tuple[Any, tuple[AnyReading, ...], int]  # a part of the answer, the readings it consulted, its token
_tokens = itertools.count()  # each computed part gets a token, so keys built on it stay short


def _part(knowledge: Knowledge, key: tuple[object, ...], reader: Reader, work: Callable[[], Any]) -> Part:
    """`work()` with the readings it consulted, shared by everyone whose answers give the same `key`."""

    def compute() -> Part:
        start = len(reader.trace)
        value = work()
        return value, tuple(reader.trace[start:]), next(_tokens)

    return knowledge.memoised(key, compute, store="parts", scratch=reader.scratch)  # type: ignore[return-value]


def evaluate(
    knowledge: Knowledge, profile: Profile, as_of: dt.date, country: str, person: Reader | None = None
) -> DestinationResult:
    """The destination for this person.

    Each part of the answer (entry, ways to stay, risks, advice) depends only on the day, the
    person's citizenship and documents, and how the facts of its kinds judge the person; parts are
    shared between people alike in these. The person's own answers are read again when the result
    is rendered (`because`, `what_if`)."""
    person = person or Reader(knowledge, profile, as_of)
    documents = profile.documents
    papers = (tuple(profile.citizenship), documents.international_passport, documents.internal_passport,
              profile.location == country)
    key = ("destination", country, as_of, papers, person.signature(country, READ_KINDS))
    result = knowledge.memoised(
        key, lambda: _assemble(knowledge, person.for_destination(), country, papers), store="destinations",
        scratch=person.scratch,
    )
    assert isinstance(result, DestinationResult)
    return result


def _entry_only(knowledge: Knowledge, reader: Reader, country: str) -> DestinationResult:
    """A destination no fact speaks of: entry and a visa-free stay from the entry table alone."""
    entry = assess_entry(reader, country)
    pathways = assess_pathways(reader, country, entry)
    rating, deciding, order = _verdict(knowledge, country, entry, pathways, [], [])
    return DestinationResult(country, False, entry, pathways, [], [], [], rating, deciding, tuple(reader.trace), order)


def _assemble(knowledge: Knowledge, reader: Reader, country: str, papers: tuple[object, ...]) -> DestinationResult:
    """The destination from its parts, each shared with everyone for whom that part is the same."""
    if country not in knowledge.facts_by_country:
        return _entry_only(knowledge, reader, country)
    where = (country, reader.as_of)
    signature = reader.signature
    entry, entry_trace, entry_token = _part(
        knowledge, ("entry", *where, papers, signature(country, ENTRY_KINDS)), reader,
        lambda: assess_entry(reader, country))
    pathways, stay_trace, stay_token = _part(
        knowledge, ("stay", entry_token, signature(country, STAY_KINDS)), reader,
        lambda: assess_pathways(reader, country, entry))
    risks, risk_trace, risk_token = _part(
        knowledge, ("risk", entry_token, signature(country, RISK_KINDS)), reader,
        lambda: assess_risks(reader, country, entry))
    advice, advice_trace, advice_token = _part(
        knowledge, ("advice", *where, signature(country, ADVICE_KINDS)), reader,
        lambda: assess_advice(reader, country))
    indicators, indicator_trace, _ = _part(
        knowledge, ("indicators", *where, signature(country, INDICATOR_KINDS)), reader,
        lambda: assess_indicators(reader, country))
    verdict = knowledge.memoised(
        ("verdict", stay_token, risk_token, advice_token),
        lambda: _verdict(knowledge, country, entry, pathways, risks, advice),
        store="parts",
        scratch=reader.scratch,
    )
    rating, deciding, order = verdict  # type: ignore[misc]
    trace = entry_trace + stay_trace + risk_trace + advice_trace + indicator_trace
    return DestinationResult(country, country in knowledge.facts_by_country, entry, pathways, risks, advice,
                             indicators, rating, deciding, trace, order)


def _verdict(
    knowledge: Knowledge, country: str, entry: Entry, pathways: list[Pathway], risks: list[Risk], advice: list[Advice]
) -> tuple[str, list[Component], tuple[int, int, int, int, int, int, str]]:
    """The rating, the components that decided it, and the place in the ranking."""
    deep = country in knowledge.facts_by_country
    components = [
        entry_component(entry), stay_component(pathways, knowledge.conflicts), risk_component(risks),
        judgment_component(advice),
    ]
    rating, deciding = rate(components, deep, entry.status == "banned")
    return rating, deciding, rank_key(rating, deep, components[1].rating, entry, risks, country)


# Only these kinds of fact move the rating; unknown answers read by others (advice, indicators)
# are shown on the statement itself as `if_unknown`.
_RATING_KINDS = frozenset({FactKind.entry_ban, FactKind.entry_document, FactKind.visa_application,
                           FactKind.pathway, FactKind.risk, FactKind.judgment})


def unknown_fields(result: DestinationResult, explanations: Explanations) -> list[str]:
    """The unknown answers this destination's rating depends on, in the order they were read."""
    fields: list[str] = []
    for option in result.entry.alternatives:
        fields.extend(option["if"])  # type: ignore[arg-type]
    for reading in result.trace:
        if isinstance(reading, Reading) and reading.holds is None and reading.fact.kind in _RATING_KINDS:
            fields.extend(reading.unknown_fields(explanations))
    return list(dict.fromkeys(fields))


def _with_answer(profile: Profile, path: str, answer: str) -> Profile:
    if "." not in path:
        return profile.model_copy(update={path: answer})
    group, name = path.split(".")
    part = getattr(profile, group)
    return profile.model_copy(update={group: part.model_copy(update={name: type(getattr(part, name))(answer)})})


class Variants:
    """The person as they would be with one unknown answer made known, one reader per variant,
    shared by all destinations of an assessment (each variant's facts are judged once)."""

    def __init__(
        self, knowledge: Knowledge, profile: Profile, as_of: dt.date, scratch: dict[tuple[object, ...], object]
    ) -> None:
        self.knowledge, self.profile, self.as_of, self.scratch = knowledge, profile, as_of, scratch
        self.explanations = Explanations(knowledge, profile)  # the person's own answers, not a variant's
        self._readers: dict[tuple[str, str], Reader] = {}
        self._leaf_values: list[Truth] | None = None  # the person's own, worked out on first use

    def reader(self, path: str, answer: str) -> Reader:
        key = (path, answer)
        if key not in self._readers:
            variant = _with_answer(self.profile, path, answer)
            conditions = self.knowledge.fact_order[1]
            if self._leaf_values is None:
                self._leaf_values = conditions.leaf_values(self.profile)
            truths = conditions.judge(conditions.leaf_values_changed(self._leaf_values, variant, path))
            self._readers[key] = Reader(self.knowledge, variant, self.as_of, truths=truths, scratch=self.scratch)
        return self._readers[key]


def what_if(result: DestinationResult, variants: Variants) -> list[dict[str, object]]:
    """For each unknown answer the rating reads, the rating each known answer would give, where
    they differ. Computed on demand: it is explanation, and costs a re-evaluation per answer."""
    found = []
    for path in unknown_fields(result, variants.explanations):
        options = []
        for answer in profile_fields()[path].values:
            if answer == "unknown":
                continue
            reader = variants.reader(path, answer)
            variant = evaluate(variants.knowledge, reader.profile, variants.as_of, result.country, reader)
            options.append({"answer": answer, "rating": variant.rating, "entry": variant.entry.status})
        if len({(option["rating"], option["entry"]) for option in options}) > 1:
            found.append({"field": path, "options": options})
    return found
