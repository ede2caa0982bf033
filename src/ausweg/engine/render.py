"""The `ausweg.assessment/1` JSON of an assessment: every statement with its `because`.

Texts come from the facts' own summaries in the requested language; the explanations come from
the readings each conclusion was drawn from (see `ausweg.engine.trace`). Every source a `because`
names is listed once under `sources`, and the quotes behind every fact cited once under
`citations` (by fact id), so an answer stays small however many destinations share a fact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ausweg.countries import country_name
from ausweg.engine.destination import DestinationResult, Variants, what_if
from ausweg.engine.pathways import Pathway, with_indicators
from ausweg.engine.risks import Advice, Risk
from ausweg.engine.trace import AnyReading, Reading
from ausweg.knowledge.base import Knowledge
from ausweg.knowledge.queries import state_on
from ausweg.profile import Profile

if TYPE_CHECKING:
    from ausweg.engine.assess import Assessment

SCHEMA = "ausweg.assessment/1"


@dataclass
class _Renderer:
    knowledge: Knowledge
    profile: Profile
    as_of: dt.date
    lang: str
    cited: set[str] = field(default_factory=set)
    quoted: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    scratch: dict[tuple[object, ...], object] = field(default_factory=dict)
    explained: dict[str, dict[str, Any]] = field(default_factory=dict)  # a fact's `because`, built once

    def __post_init__(self) -> None:
        self.variants = Variants(self.knowledge, self.profile, self.as_of, self.scratch)
        self.explanations = self.variants.explanations

    def because(self, readings: Iterable[AnyReading]) -> list[dict[str, Any]]:
        items = []
        for reading in dict.fromkeys(readings):
            if isinstance(reading, Reading):
                item = self.explained.get(reading.fact.id)
                if item is None:
                    item = self.explained[reading.fact.id] = reading.because(self.explanations)
                    self.quoted[reading.fact.id] = reading.citations(self.knowledge)
            else:
                item = reading.because(self.explanations)
            self.cited.update(item["sources"])
            items.append(item)
        return items

    def text(self, reading: Reading) -> str:
        return (reading.state.summary or reading.fact.summary).get(self.lang)

    def unknowns(self, reading: Reading) -> list[str]:
        return reading.unknown_fields(self.explanations) if reading.holds is None else []

    def entry(self, result: DestinationResult) -> dict[str, Any]:
        entry = result.entry
        return {
            "status": entry.status,
            "document": entry.document,
            "max_stay_days": entry.max_stay_days,
            "requirement": entry.requirement,
            "alternatives": entry.alternatives,
            "apply_at": entry.apply_at,
            "possible_bans": [reading.fact.id for reading in entry.possible_bans],
            "because": self.because(entry.readings),
        }

    def pathway(self, pathway: Pathway) -> dict[str, Any]:
        facts = [reading for reading in pathway.readings if isinstance(reading, Reading)]
        return {
            "id": pathway.id,
            "kind": pathway.kind,
            "status": pathway.status,
            "conditional": pathway.conditional,
            "if_unknown": sorted({name for reading in facts for name in self.unknowns(reading)}),
            "max_stay_days": pathway.max_stay_days,
            "text": self.text(facts[0]) if facts else None,
            "indicators": [self.indicator(reading) for reading in pathway.indicators],
            "because": self.because(pathway.readings),
        }

    def indicator(self, reading: Reading) -> dict[str, Any]:
        figures = self.knowledge.figures
        return {
            "fact": reading.fact.id,
            "effect": reading.state.value,
            "conditional": reading.holds is None,
            "if_unknown": self.unknowns(reading),
            "text": self.text(reading),
            "figures": [
                {"id": figure_id, "value_text": figures[figure_id].value_text.get(self.lang)}
                for figure_id in reading.fact.figures
            ],
            "because": self.because([reading]),
        }

    def risk(self, risk: Risk) -> dict[str, Any]:
        return {
            "kind": risk.kind,
            "level": risk.level,
            "conditional": risk.conditional,
            "if_unknown": self.unknowns(risk.reading),
            "text": self.text(risk.reading),
            "because": self.because([risk.reading]),
        }

    def advice(self, advice: Advice) -> dict[str, Any]:
        return {
            "kind": advice.kind,
            "rating": advice.reading.state.value if advice.kind == "judgment" else None,
            "conditional": advice.conditional,
            "if_unknown": self.unknowns(advice.reading),
            "text": self.text(advice.reading),
            "because": self.because([advice.reading]),
        }

    def conflicts(self, result: DestinationResult) -> list[dict[str, Any]]:
        """Facts used here that a source disagrees with, where the disagreeing fact is about this
        country and in force that day too."""
        found = []
        shown: set[frozenset[str]] = set()  # each disagreeing pair once
        used = [reading.fact.id for reading in result.trace if isinstance(reading, Reading)]
        for fact_id in dict.fromkeys(used):
            others = [
                other for other in self.knowledge.conflicts.get(fact_id, [])
                if result.country in self.knowledge.facts[other].countries
                and state_on(self.knowledge.facts[other], self.as_of) is not None
                and frozenset((fact_id, other)) not in shown
            ]
            shown.update(frozenset((fact_id, other)) for other in others)
            if others:
                found.append({"fact": fact_id, "conflicts_with": others})
        return found

    def destination(self, result: DestinationResult, rank: int) -> dict[str, Any]:
        pathways = with_indicators(result.pathways, result.indicators)
        return {
            "country": result.country,
            "name": country_name(result.country, self.lang),
            "rank": rank,
            "rating": result.rating,
            "coverage": "deep" if result.deep else "entry_only",
            "legal_stay": "known" if any(pathway.long_term for pathway in pathways) else "no_data",
            "rating_because": [
                {"component": component.name, "rating": component.rating,
                 "facts": [item["fact"] for item in self.because(component.readings)]}
                for component in result.deciding
            ],
            "entry": self.entry(result),
            "pathways": [self.pathway(pathway) for pathway in pathways],
            "risks": [self.risk(risk) for risk in result.risks],
            "advice": [self.advice(item) for item in result.advice],
            "what_if": what_if(result, self.variants) if result.deep else [],
            "conflicts": self.conflicts(result),
        }

    def sources(self) -> dict[str, dict[str, Any]]:
        return {source_id: _source_json(self.knowledge, source_id) for source_id in sorted(self.cited)}


def _source_json(knowledge: Knowledge, source_id: str) -> dict[str, Any]:
    """A source as an assessment lists it. Sources alone decide it, so every source is worked out
    once and kept. Callers must not change what they get."""

    def compute() -> dict[str, dict[str, Any]]:
        return {
            source.id: {
                "publisher": source.publisher,
                "title": source.title,
                "published": str(source.published),
                "url": str(source.url) if source.url else None,
                "kind": source.kind.value,
                "language": source.language,
            }
            for source in knowledge.sources.values()
        }

    return knowledge.memoised(("assessment-sources",), compute)[source_id]  # type: ignore[index,no-any-return]


def assessment_json(assessment: Assessment) -> dict[str, Any]:
    renderer = _Renderer(assessment.knowledge, assessment.profile, assessment.as_of, assessment.lang,
                         scratch=assessment.scratch)
    destinations = [
        renderer.destination(result, rank) for rank, result in enumerate(assessment.destinations, start=1)
    ]
    return {
        "schema": SCHEMA,
        "as_of": assessment.as_of.isoformat(),
        "lang": assessment.lang,
        "knowledge_version": assessment.knowledge.version,
        "destinations": destinations,
        "citations": dict(sorted(renderer.quoted.items())),
        "sources": renderer.sources(),
    }
