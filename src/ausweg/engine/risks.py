"""What could go wrong there, what counselors advise, and what experts conclude.

Risks come from `risk` facts and from entry bans; advice from `advice` facts; verdicts from
`judgment` facts (an NGO's "not realistic for deserters"). Each keeps the reading it came from.
"""

from __future__ import annotations

from dataclasses import dataclass

from ausweg.engine.entry import Entry
from ausweg.engine.trace import Reader, Reading
from ausweg.knowledge.schema import FactKind

LEVEL_ORDER = ("low", "medium", "high")


@dataclass(slots=True)
class Risk:
    kind: str
    level: str
    reading: Reading

    @property
    def conditional(self) -> bool:
        return self.reading.holds is None


@dataclass(slots=True)
class Advice:
    reading: Reading
    kind: str  # advice or judgment

    @property
    def conditional(self) -> bool:
        return self.reading.holds is None


def assess_risks(reader: Reader, country: str, entry: Entry) -> list[Risk]:
    risks = [
        Risk(reading.fact.risk.value, reading.state.value, reading)
        for reading in reader.facts(country, FactKind.risk)
        if reading.fact.risk is not None
    ]
    bans = [reading for reading in entry.readings if isinstance(reading, Reading) and reading.fact.kind is FactKind.entry_ban]
    risks.extend(Risk("entry_ban", "high", reading) for reading in (*bans, *entry.possible_bans))
    risks.sort(key=lambda risk: (-LEVEL_ORDER.index(risk.level), risk.conditional, risk.kind, risk.reading.fact.id))
    return risks


def assess_advice(reader: Reader, country: str) -> list[Advice]:
    advice = [Advice(reading, "judgment") for reading in reader.facts(country, FactKind.judgment)]
    advice.extend(
        Advice(reading, "advice")
        for reading in reader.facts(country, FactKind.advice)
        if reading.state.value == "in_force"
    )
    return advice
