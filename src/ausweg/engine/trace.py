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
# A `because` whose fact starts with this rests on the person's own answer, not on a source.
PROFILE_FACT_PREFIX = "profile:"


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
        }

    def citations(self) -> list[dict[str, Any]]:
        """The quotes behind the fact's state that day, listed once per assessment under `citations`."""
        return [citation_json(citation) for citation in self.state.citations]

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


@dataclass(frozen=True, slots=True, eq=False)
class LocationReading:
    """The person's own answer that they are already in the country: no source, their word."""

    country: str

    def because(self, profile: Profile, knowledge: Knowledge) -> dict[str, Any]:
        return {
            "fact": PROFILE_FACT_PREFIX + "location",
            "sources": [],
            "conditions": [{"test": f"location is {self.country}", "field": "location",
                            "answer": profile.location, "holds": True}],
        }


AnyReading = Reading | TableReading | LocationReading


def in_force(knowledge: Knowledge, country: str, kind: FactKind, day: dt.date) -> list[tuple[Fact, State]]:
    """Facts of `kind` about `country` with their state on `day`; the same for every person, so
    kept in the knowledge base's memo (facts are data and never change once loaded)."""

    def compute() -> list[tuple[Fact, State]]:
        pairs = ((fact, state_on(fact, day)) for fact in knowledge.facts_by_country_kind.get((country, kind), ()))
        return [(fact, state) for fact, state in pairs if state is not None]

    return knowledge.memoised(("in-force", country, kind, day), compute)  # type: ignore[return-value]


@dataclass
class Reader:
    """The accessor through which rules read facts; `trace` lists every reading, in order.

    Whether each fact concerns the person is judged once per assessment, for every fact at once
    (`truths`, in the knowledge base's fact order), and shared by the readers of all destinations."""

    knowledge: Knowledge
    profile: Profile
    as_of: dt.date
    trace: list[AnyReading] = field(default_factory=list)
    truths: list[Truth] | None = None
    # Results worked out during this assessment (and its what-if variants), dropped with it.
    scratch: dict[tuple[object, ...], object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.truths is None:
            self.truths = self.knowledge.fact_order[1].evaluate(self.profile)

    def for_destination(self) -> Reader:
        """A fresh trace for the next destination, sharing what was learnt about the person."""
        return Reader(self.knowledge, self.profile, self.as_of, [], self.truths, self.scratch)

    def holds(self, fact: Fact) -> Truth:
        """Whether `fact` concerns the person (None: depends on an unknown answer)."""
        assert self.truths is not None
        return self.truths[self.knowledge.fact_order[2][fact.id]]

    def signature(self, country: str, kinds: frozenset[FactKind]) -> tuple[Truth, ...]:
        """How each fact of `kinds` about `country` judges this person: all that the person's
        answers can change in what those facts say, beyond citizenship and documents."""
        assert self.truths is not None
        return self.knowledge.positions(country, kinds)(self.truths)  # type: ignore[arg-type,return-value]

    def facts(self, country: str, kind: FactKind) -> list[Reading]:
        """Facts of `kind` about `country` in force that day which concern or may concern the person."""
        found = []
        for fact, state in in_force(self.knowledge, country, kind, self.as_of):
            holds = self.holds(fact)
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
