"""Reading facts for one person on one day, and remembering what was read.

The rules never look at the knowledge base directly: they ask a `Reader`, which returns each fact
in force together with whether its condition held for this person, and records the reading. A
conclusion keeps the readings it was drawn from, and its `because` (fact, conditions, sources)
is rendered from them, so no explanation is ever written by hand beside the logic.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ausweg.knowledge.base import Knowledge
from ausweg.knowledge.conditions import Truth
from ausweg.knowledge.queries import citation_json, state_on
from ausweg.knowledge.schema import Fact, FactKind, State
from ausweg.profile import Profile

ENTRY_TABLE_SOURCE = "passport-index"


@dataclass(frozen=True, slots=True, eq=False)
class Reading:
    """One fact as read for this person: its state that day and whether it concerns them."""

    fact: Fact
    state: State
    holds: Truth  # True: concerns the person; None: depends on an answer they did not know

    def because(self, profile: Profile, knowledge: Knowledge) -> dict[str, Any]:
        outcomes = knowledge.explainers[self.fact.id](profile)
        return {
            "fact": self.fact.id,
            "sources": sorted({citation.source for citation in self.state.citations}),
            "conditions": [outcome.as_json() for outcome in outcomes if outcome.holds is not False],
            "citations": [citation_json(citation) for citation in self.state.citations],
        }

    def unknown_fields(self, profile: Profile, knowledge: Knowledge) -> list[str]:
        return [outcome.field for outcome in knowledge.explainers[self.fact.id](profile) if outcome.holds is None]


@dataclass(frozen=True, slots=True, eq=False)
class TableReading:
    """One observation of the Passport Index entry table."""

    passport: str
    destination: str
    observation: Any  # EntryObservation

    def because(self, profile: Profile, knowledge: Knowledge) -> dict[str, Any]:
        return {
            "fact": f"{ENTRY_TABLE_SOURCE}:{self.passport}-{self.destination}",
            "sources": [ENTRY_TABLE_SOURCE],
            "conditions": [{"test": f"citizenship contains {self.passport}", "field": "citizenship",
                            "answer": list(profile.citizenship), "holds": True}],
            "observed": self.observation.as_json(),
        }


AnyReading = Reading | TableReading


@dataclass
class Reader:
    """The accessor through which rules read facts; `trace` lists every reading, in order."""

    knowledge: Knowledge
    profile: Profile
    as_of: dt.date
    trace: list[AnyReading] = field(default_factory=list)

    def facts(self, country: str, kind: FactKind) -> list[Reading]:
        """Facts of `kind` about `country` in force that day which concern or may concern the person."""
        found = []
        conditions = self.knowledge.conditions
        for fact in self.knowledge.facts_by_country_kind.get((country, kind), ()):
            state = state_on(fact, self.as_of)
            if state is None:
                continue
            holds = conditions[fact.id](self.profile)
            if holds is False:
                continue
            reading = Reading(fact, state, holds)
            self.trace.append(reading)
            found.append(reading)
        return found

    def entry_table(self, passport: str, destination: str) -> TableReading | None:
        table = self.knowledge.entry
        observation = table.lookup(passport, destination, self.as_of) if table is not None else None
        if observation is None:
            return None
        reading = TableReading(passport, destination, observation)
        self.trace.append(reading)
        return reading
