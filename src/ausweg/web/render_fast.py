"""The `ausweg.assessment/1` JSON, equal to `Assessment.as_json()`, built from shared parts.

`ausweg.engine.render` rebuilds every destination for every request (about 10 ms for the
example deserter, most of it `because` and `what_if`). A destination's rendering depends only
on the day, the language, and the person's answers to the few questions its facts read, plus
what the engine reads of everyone directly (`PAPERS`: citizenship, documents, location): the
property the engine's own memo of destination results rests on (ARCHITECTURE.md, "Speed").
So each destination is rendered once per such key and kept, as data and as JSON bytes, in a
bounded in-memory memo (`MAX_PARTS`, emptied whole when full, never written anywhere). Nothing
keyed by a whole profile is kept. Within one request each `because` is built once.
Tests compare the result with `as_json()` for many profiles, days and languages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import Any, NamedTuple

import orjson

from ausweg.engine.assess import Assessment
from ausweg.engine.destination import DestinationResult
from ausweg.engine.render import SCHEMA, _Renderer
from ausweg.engine.trace import AnyReading, Reading
from ausweg.knowledge.base import Knowledge
from ausweg.knowledge.conditions import LeafOutcome, leaves
from ausweg.knowledge.queries import citation_json
from ausweg.knowledge.schema import State
from ausweg.profile import Profile

Data = dict[str, Any]
MAX_PARTS = 4000  # rendered destinations kept (a few tens of MB at most)
# What the engine reads of a person directly, for every destination, besides what facts read.
PAPERS = ("citizenship", "documents.international_passport", "documents.internal_passport", "location")


class Part(NamedTuple):
    """One destination as rendered, without its rank."""

    name: str
    tail: Data  # every key after "rank", in order
    prefix: bytes  # b'{"country":"AM","name":"...","rank":'
    suffix: bytes  # b',"rating":...}'
    cited: frozenset[str]


@dataclass
class _WebRenderer(_Renderer):
    explained: dict[str, list[LeafOutcome]] = field(default_factory=dict)
    rendered: dict[object, Data] = field(default_factory=dict)

    def outcomes(self, reading: Reading) -> list[LeafOutcome]:
        fact_id = reading.fact.id
        found = self.explained.get(fact_id)
        if found is None:
            found = self.explained[fact_id] = self.knowledge.explainers[fact_id](self.profile)
        return found

    def because(self, readings: Any) -> list[Data]:
        items = []
        for reading in dict.fromkeys(readings):
            key = (reading.fact.id, id(reading.state)) if isinstance(reading, Reading) else id(reading)
            item = self.rendered.get(key)
            if item is None:
                item = self.rendered[key] = self._because_one(reading)
            self.cited.update(item["sources"])
            items.append(item)
        return items

    def _because_one(self, reading: AnyReading) -> Data:
        if not isinstance(reading, Reading):
            return reading.because(self.profile, self.knowledge)
        sources, citations = _state_parts(self.knowledge, reading.state)
        return {
            "fact": reading.fact.id,
            "sources": sources,
            "conditions": [outcome.as_json() for outcome in self.outcomes(reading) if outcome.holds is not False],
            "citations": citations,
        }

    def unknowns(self, reading: Reading) -> list[str]:
        if reading.holds is not None:
            return []
        return [outcome.field for outcome in self.outcomes(reading) if outcome.holds is None]


def _state_parts(knowledge: Knowledge, state: State) -> tuple[list[str], list[Data]]:
    """A state's sources and citations as JSON: the same for everyone, built once."""

    def build() -> tuple[list[str], list[Data], State]:
        sources = sorted({citation.source for citation in state.citations})
        return sources, [citation_json(citation) for citation in state.citations], state

    sources, citations, _ = knowledge.memoised(("web:state", id(state)), build)  # type: ignore[misc]
    return sources, citations


def fields_read(knowledge: Knowledge) -> dict[str, tuple[str, ...]]:
    """For each destination known in depth, the answers its rendering can depend on: those its
    facts read, and what the engine reads directly (`PAPERS`)."""

    def build() -> dict[str, tuple[str, ...]]:
        return {
            country: tuple(sorted({leaf.field for fact in facts for leaf in leaves(fact.applies_to)} | set(PAPERS)))
            for country, facts in knowledge.facts_by_country.items()
        }

    return knowledge.memoised(("web:fields",), build)  # type: ignore[return-value]


def _answer_getters(knowledge: Knowledge) -> dict[str, Callable[[dict[str, object]], tuple[object, ...]]]:
    """For each destination known in depth, a function picking its `fields_read` from flat answers."""

    def build() -> dict[str, Callable[[dict[str, object]], tuple[object, ...]]]:
        return {country: itemgetter(*names) for country, names in fields_read(knowledge).items()}

    return knowledge.memoised(("web:getters",), build)  # type: ignore[return-value]


def _flat(profile: Profile) -> dict[str, object]:
    """Every answer by its path, lists as tuples (hashable)."""
    flat: dict[str, object] = {}
    for path in _paths():
        group, _, name = path.partition(".")
        value = getattr(getattr(profile, group), name) if name else getattr(profile, group)
        flat[path] = tuple(value) if isinstance(value, list) else value
    return flat


@lru_cache(maxsize=1)
def _paths() -> tuple[str, ...]:
    from ausweg.knowledge.profile_schema import profile_fields

    return tuple(profile_fields())


def _parts_memo(knowledge: Knowledge) -> dict[tuple[object, ...], Part]:
    return knowledge.memoised(("web:parts",), dict)  # type: ignore[return-value]


def _render_part(assessment: Assessment, result: DestinationResult) -> Part:
    renderer = _WebRenderer(assessment.knowledge, assessment.profile, assessment.as_of, assessment.lang)
    data = _Renderer.destination(renderer, result, 0)
    tail = {key: value for key, value in data.items() if key not in ("country", "name", "rank")}
    head = orjson.dumps({"country": data["country"], "name": data["name"]})
    return Part(data["name"], tail, head[:-1] + b',"rank":', b"," + orjson.dumps(tail)[1:], frozenset(renderer.cited))


def destination_parts(assessment: Assessment) -> list[Part]:
    """Every destination of `assessment`, in rank order, rendered or taken from the memo."""
    knowledge, profile = assessment.knowledge, assessment.profile
    memo = _parts_memo(knowledge)
    flat = _flat(profile)
    papers = tuple(flat[name] for name in PAPERS)
    getters = _answer_getters(knowledge)
    parts = []
    for result in assessment.destinations:
        answers = getters[result.country](flat) if result.deep else papers
        key = (result.country, assessment.as_of, assessment.lang, answers)
        part = memo.get(key)
        if part is None:
            if len(memo) >= MAX_PARTS:
                memo.clear()
            part = memo[key] = _render_part(assessment, result)
        parts.append(part)
    return parts


def _sources(knowledge: Knowledge, cited: frozenset[str]) -> tuple[Data, bytes]:
    """The `sources` of the JSON for these source ids (as data and bytes): built once per set."""

    def build() -> tuple[Data, bytes]:
        listed = _Renderer(knowledge, Profile(), None, "en", set(cited)).sources()  # type: ignore[arg-type]
        return listed, orjson.dumps(listed)

    return knowledge.memoised(("web:sources", cited), build)  # type: ignore[return-value]


def assessment_sources(knowledge: Knowledge, cited: frozenset[str]) -> Data:
    """The JSON `sources` entries for these source ids (shared: do not change)."""
    return _sources(knowledge, cited)[0]


def _cited(parts: list[Part]) -> frozenset[str]:
    return frozenset().union(*(part.cited for part in parts))


def _head(assessment: Assessment) -> Data:
    return {"schema": SCHEMA, "as_of": assessment.as_of.isoformat(), "lang": assessment.lang,
            "knowledge_version": assessment.knowledge.version}


def assessment_data(assessment: Assessment, parts: list[Part] | None = None) -> Data:
    """Equal to `assessment.as_json()`; shared parts of it must not be changed by the caller."""
    parts = parts if parts is not None else destination_parts(assessment)
    destinations = [
        {"country": result.country, "name": part.name, "rank": rank, **part.tail}
        for rank, (result, part) in enumerate(zip(assessment.destinations, parts), start=1)
    ]
    return {**_head(assessment), "destinations": destinations,
            "sources": _sources(assessment.knowledge, _cited(parts))[0]}


def assessment_bytes(assessment: Assessment) -> bytes:
    """`assessment.as_json()` as JSON bytes, joined from the rendered parts."""
    parts = destination_parts(assessment)
    pieces = [orjson.dumps(_head(assessment))[:-1], b',"destinations":[']
    for rank, part in enumerate(parts, start=1):
        pieces += (part.prefix, _rank(rank), part.suffix, b",")
    pieces[-1] = b'],"sources":'
    pieces += (_sources(assessment.knowledge, _cited(parts))[1], b"}")
    return b"".join(pieces)


@lru_cache(maxsize=4096)
def _rank(rank: int) -> bytes:
    return str(rank).encode()
