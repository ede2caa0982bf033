"""How the person could stay: each pathway with its status that day and what raises its chances.

Pathways come from `pathway` facts; a visa-free stay also from the entry table. `indicator` facts
attach to the pathway of their kind (success rates, who does better); an indicator about a
pathway no fact describes opens that pathway with status `unknown`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ausweg.engine.entry import Entry
from ausweg.engine.trace import AnyReading, Reader, Reading, TableReading
from ausweg.knowledge.schema import FactKind

# Statuses from best to worst, as the rating reads them.
PATHWAY_ORDER = ("available", "individual_review", "unknown", "suspended", "closed", "not_eligible")
# Short stays do not make a legal life somewhere; the rating looks at the others.
SHORT_STAYS = frozenset({"visa_free_stay", "tourist_visa"})


@dataclass(slots=True)
class Pathway:
    id: str
    kind: str
    status: str
    readings: tuple[AnyReading, ...]
    conditional: bool = False  # it depends on an answer the person gave as unknown
    indicators: list[Reading] = field(default_factory=list)
    max_stay_days: int | None = None

    @property
    def long_term(self) -> bool:
        return self.kind not in SHORT_STAYS


def _sorted(pathways: list[Pathway]) -> list[Pathway]:
    return sorted(pathways, key=lambda pathway: (PATHWAY_ORDER.index(pathway.status), pathway.conditional, pathway.id))


def assess_pathways(reader: Reader, country: str, entry: Entry) -> list[Pathway]:
    """The ways to stay that facts or the entry table describe, without their indicators."""
    pathways = [
        Pathway(reading.fact.id, reading.fact.pathway.value, reading.state.value, (reading,), reading.holds is None)
        for reading in reader.facts(country, FactKind.pathway)
        if reading.fact.pathway is not None
    ]
    visa_free = _visa_free_stay(entry)
    if visa_free is not None:
        pathways.insert(0, visa_free)
    return _sorted(pathways)


def assess_indicators(reader: Reader, country: str) -> list[Reading]:
    """What raises or lowers the chances of each pathway; they do not move the rating."""
    return reader.facts(country, FactKind.indicator)


def with_indicators(pathways: list[Pathway], indicators: list[Reading]) -> list[Pathway]:
    """New pathways with their indicators attached; an indicator about a pathway no fact
    describes opens that pathway with status `unknown`. The inputs are left unchanged."""
    merged = [
        Pathway(p.id, p.kind, p.status, p.readings, p.conditional, [], p.max_stay_days) for p in pathways
    ]
    for reading in indicators:
        _attach_indicator(merged, reading)
    return _sorted(merged)


def _visa_free_stay(entry: Entry) -> Pathway | None:
    table = next((reading for reading in entry.readings if isinstance(reading, TableReading)), None)
    if table is None or table.observation.requirement.value != "visa_free":
        return None
    if entry.status in ("not_allowed", "banned"):
        return None
    conditional = entry.status != "allowed" or entry.document != "international_passport"
    pathway_id = f"passport-index:{table.passport}-{table.destination}:visa-free"
    return Pathway(pathway_id, "visa_free_stay", "available", (table,), conditional,
                   max_stay_days=table.observation.days)


def _attach_indicator(pathways: list[Pathway], reading: Reading) -> None:
    kind = reading.fact.pathway.value if reading.fact.pathway else None
    for pathway in pathways:
        if pathway.kind == kind:
            pathway.indicators.append(reading)
            return
    opened = Pathway(f"{reading.fact.id}:pathway", kind or "residence_permit", "unknown", (reading,), reading.holds is None)
    opened.indicators.append(reading)
    pathways.append(opened)
