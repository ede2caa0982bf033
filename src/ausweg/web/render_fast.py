"""The `ausweg.assessment/1` JSON, as `Assessment.as_json()` gives it, built faster for the web.

`ausweg.engine.render` rebuilds each `because` every time a reading is shown (a fact read for
five destinations is explained five times, and the same entry-table reading is rendered anew
for every person). This renderer is the engine's own, with two memos:

- within one request, each reading's `because` and each fact's explanation are built once;
- across requests, a destination known only from the entry table is rendered once per day,
  citizenship, documents and language (rank left out), under the same key as the engine's own
  shared result for it (`ausweg.engine.assess._entry_only_block`). No other answer is part of
  that key, and nothing keyed by the rest of a profile outlives the request.

The output is equal to `assess(...).as_json()`: tests compare the two for many profiles.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ausweg.engine.assess import Assessment
from ausweg.engine.destination import DestinationResult
from ausweg.engine.render import SCHEMA, _Renderer
from ausweg.engine.trace import AnyReading, Reading
from ausweg.knowledge.conditions import LeafOutcome
from ausweg.knowledge.queries import citation_json
from ausweg.knowledge.schema import State

Data = dict[str, Any]


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
        sources, citations = _state_parts(self, reading.state)
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

    def destination(self, result: DestinationResult, rank: int) -> Data:
        if result.deep:
            return super().destination(result, rank)
        documents = self.profile.documents
        key = ("web:entry-only", result.country, self.as_of, self.lang, tuple(self.profile.citizenship),
               documents.international_passport, documents.internal_passport)
        cached = self.knowledge.memoised(key, lambda: self._entry_only(result))
        tail, cited = cached  # type: ignore[misc]
        self.cited.update(cited)
        return {"country": result.country, "name": tail["name"], "rank": rank, **tail["rest"]}

    def _entry_only(self, result: DestinationResult) -> tuple[Data, frozenset[str]]:
        alone = _WebRenderer(self.knowledge, self.profile, self.as_of, self.lang)
        data = _Renderer.destination(alone, result, 0)
        rest = {key: value for key, value in data.items() if key not in ("country", "name", "rank")}
        return {"name": data["name"], "rest": rest}, frozenset(alone.cited)


def _state_parts(renderer: _Renderer, state: State) -> tuple[list[str], list[Data]]:
    """A state's sources and citations as JSON: the same for everyone, built once."""
    key = ("web:state", id(state))

    def build() -> tuple[list[str], list[Data], State]:
        sources = sorted({citation.source for citation in state.citations})
        return sources, [citation_json(citation) for citation in state.citations], state

    sources, citations, _ = renderer.knowledge.memoised(key, build)  # type: ignore[misc]
    return sources, citations


def assessment_data(assessment: Assessment) -> Data:
    """Equal to `assessment.as_json()`; shared parts of it must not be changed by the caller."""
    renderer = _WebRenderer(assessment.knowledge, assessment.profile, assessment.as_of, assessment.lang)
    destinations = [renderer.destination(result, rank) for rank, result in enumerate(assessment.destinations, start=1)]
    return {
        "schema": SCHEMA,
        "as_of": assessment.as_of.isoformat(),
        "lang": assessment.lang,
        "knowledge_version": assessment.knowledge.version,
        "destinations": destinations,
        "sources": renderer.sources(),
    }


def as_of_default() -> dt.date:
    return dt.date.today()
