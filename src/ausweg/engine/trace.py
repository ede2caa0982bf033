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
from ausweg.knowledge.conditions import LeafOutcome, Truth
from ausweg.knowledge.queries import citation_json, state_on
from ausweg.knowledge.schema import Fact, FactKind, State
from ausweg.profile import Profile

ENTRY_TABLE_SOURCE = "passport-index"
# A `because` whose fact starts with this rests on the person's own answer, not on a source.
PROFILE_FACT_PREFIX = "profile:"


@dataclass(slots=True)
class Explanations:
    """How each fact's condition judged one person, leaf by leaf (with the answer each leaf read),
    worked out once per fact and kept only as long as this object (one assessment's rendering)."""

    knowledge: Knowledge
    profile: Profile
    _outcomes: dict[str, list[LeafOutcome]] = field(default_factory=dict)

    def outcomes(self, fact_id: str) -> list[LeafOutcome]:
        found = self._outcomes.get(fact_id)
        if found is None:
            found = self._outcomes[fact_id] = self.knowledge.explainers[fact_id](self.profile)
        return found


@dataclass(frozen=True, slots=True, eq=False)
class Reading:
    """One fact as read for this person: its state that day and whether it concerns them."""

    fact: Fact
    state: State
    holds: Truth  # True: concerns the person; None: depends on an answer they did not know

    def because(self, explanations: Explanations) -> dict[str, Any]:
        return {
            "fact": self.fact.id,
            "sources": cited(explanations.knowledge, self.state)[0],
            "conditions": [outcome.as_json() for outcome in explanations.outcomes(self.fact.id)
                           if outcome.holds is not False],
        }

    def citations(self, knowledge: Knowledge) -> list[dict[str, Any]]:
        """The quotes behind the fact's state that day, listed once per assessment under `citations`."""
        return cited(knowledge, self.state)[1]

    def unknown_fields(self, explanations: Explanations) -> list[str]:
        return [outcome.field for outcome in explanations.outcomes(self.fact.id) if outcome.holds is None]


@dataclass(frozen=True, slots=True, eq=False)
class TableReading:
    """One observation of the Passport Index entry table."""

    passport: str
    destination: str
    observation: Any  # EntryObservation

    def because(self, explanations: Explanations) -> dict[str, Any]:
        profile = explanations.profile
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

    def because(self, explanations: Explanations) -> dict[str, Any]:
        profile = explanations.profile
        return {
            "fact": PROFILE_FACT_PREFIX + "location",
            "sources": [],
            "conditions": [{"test": f"location is {self.country}", "field": "location",
                            "answer": profile.location, "holds": True}],
        }


AnyReading = Reading | TableReading | LocationReading


_NONE_IN_FORCE: list[tuple[Fact, State]] = []


def in_force(knowledge: Knowledge, country: str, kind: FactKind, day: dt.date) -> list[tuple[Fact, State]]:
    """Facts of `kind` about `country` with their state on `day`; the same for every person, so
    kept in the knowledge base's memo, worked out for every country and kind of that day at once
    (what is kept then depends on the day alone, never on whose assessment asked first)."""
    return _in_force_on(knowledge, day).get((country, kind), _NONE_IN_FORCE)


def _in_force_on(knowledge: Knowledge, day: dt.date) -> dict[tuple[str, FactKind], list[tuple[Fact, State]]]:
    def compute() -> dict[tuple[str, FactKind], list[tuple[Fact, State]]]:
        found = {}
        for where, facts in knowledge.facts_by_country_kind.items():
            pairs = [(fact, state_on(fact, day)) for fact in facts]
            found[where] = [(fact, state) for fact, state in pairs if state is not None]
        return found

    return knowledge.memoised(("in-force", day), compute)  # type: ignore[return-value]


def cited(knowledge: Knowledge, state: State) -> tuple[list[str], list[dict[str, Any]]]:
    """A fact state's source ids and quotes as JSON. Facts alone decide them, so they are worked
    out once for every state of every fact and kept (under each state's identity: states live as
    long as the knowledge base). Callers must not change what they get."""

    def compute() -> dict[int, tuple[list[str], list[dict[str, Any]]]]:
        return {
            id(each): (sorted({citation.source for citation in each.citations}),
                       [citation_json(citation) for citation in each.citations])
            for fact in knowledge.facts.values() for each in fact.states
        }

    table: dict[int, tuple[list[str], list[dict[str, Any]]]] = knowledge.memoised(("cited",), compute)  # type: ignore[assignment]
    return table[id(state)]


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
