"""The compiled knowledge base: every validated item by id, the entry table, and fast indexes.

A `Knowledge` is built whole or not at all (see `ausweg.knowledge.loader`), and never changes
afterwards; conditions are compiled to closures on first use.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from operator import itemgetter
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ausweg.knowledge.condition_set import ConditionSet
from ausweg.knowledge.conditions import Evaluator, Explainer, compile_condition, compile_explainer
from ausweg.knowledge.schema import Fact, FactKind, Figure, OpenQuestion, Organisation, SeedCoverage, Source

if TYPE_CHECKING:
    from ausweg.knowledge.entry_table import EntryTable


MEMO_LIMIT = 100_000  # entries per store; a store is emptied whole when full
_MISSING = object()


def _nothing(values: list[object]) -> tuple[object, ...]:
    return ()


@dataclass(eq=False)
class Knowledge:
    version: str
    sources: dict[str, Source]
    facts: dict[str, Fact]
    figures: dict[str, Figure]
    organisations: dict[str, Organisation]
    coverage: list[SeedCoverage]
    entry: EntryTable | None
    open_questions: dict[str, OpenQuestion] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict, repr=False)  # item id -> file it came from
    # Results that depend only on their key (e.g. an entry-table-only destination for given
    # documents and day), shared by all assessments over this knowledge; one bounded store each
    # for results everyone needs ("shared") and for results keyed by what people answered.
    memos: dict[str, dict[tuple[object, ...], object]] = field(default_factory=dict, repr=False)
    # Whether results keyed by what people answered may be kept between assessments. The web
    # server turns this off: there, nothing derived from a person outlives their request.
    remember_answers: bool = field(default=True, repr=False)
    _positions: dict[frozenset[FactKind], dict[str, Callable[[list[object]], Any]]] = field(
        default_factory=dict, repr=False
    )

    def memoised(
        self,
        key: tuple[object, ...],
        compute: Callable[[], object],
        *,
        store: str = "shared",
        scratch: dict[tuple[object, ...], object] | None = None,
    ) -> object:
        """`compute()`, remembered under `key` in `store`; for results that depend on nothing but
        the key. Stores are emptied one at a time when full, so results keyed by what people
        answered never push out the few results every assessment needs. Where answers must not
        be remembered, such results live only in `scratch`, which lasts one assessment."""
        if store != "shared" and not self.remember_answers:
            if scratch is None:
                return compute()
            found = scratch.get(key, _MISSING)
            if found is _MISSING:
                found = scratch[key] = compute()
            return found
        memo = self.memos.get(store)
        if memo is None:
            memo = self.memos[store] = {}
        found = memo.get(key, _MISSING)
        if found is _MISSING:
            if len(memo) >= MEMO_LIMIT:
                memo.clear()
            found = memo[key] = compute()
        return found

    def kept(self) -> dict[str, list[str]]:
        """Everything worked out and kept since loading, by kind: the keys of each memo store, the
        kinds of fact with position getters, the decoded entry-table pairs. For checking that what
        a server holds after a request does not depend on who sent it."""
        held = {f"memo:{store}": sorted(repr(key) for key in memo) for store, memo in self.memos.items()}
        held["positions"] = sorted(repr(sorted(kinds)) for kinds in self._positions)
        if self.entry is not None:
            held["entry-table"] = sorted(self.entry.decoded_pairs())
        return held

    @cached_property
    def facts_by_country(self) -> dict[str, list[Fact]]:
        index: dict[str, list[Fact]] = defaultdict(list)
        for fact in self.facts.values():
            for country in fact.countries:
                index[country].append(fact)
        return dict(index)

    @cached_property
    def facts_by_country_kind(self) -> dict[tuple[str, FactKind], list[Fact]]:
        index: dict[tuple[str, FactKind], list[Fact]] = defaultdict(list)
        for fact in self.facts.values():
            for country in fact.countries:
                index[(country, fact.kind)].append(fact)
        return dict(index)

    @cached_property
    def conditions(self) -> dict[str, Evaluator]:
        return {fact_id: compile_condition(fact.applies_to) for fact_id, fact in self.facts.items()}

    @cached_property
    def fact_order(self) -> tuple[list[str], ConditionSet, dict[str, int]]:
        """Fact ids in a fixed order, their conditions as one set, and each id's position."""
        ids = list(self.facts)
        conditions = ConditionSet([self.facts[fact_id].applies_to for fact_id in ids])
        return ids, conditions, {fact_id: i for i, fact_id in enumerate(ids)}

    def positions(self, country: str, kinds: frozenset[FactKind]) -> Callable[[list[object]], tuple[object, ...]]:
        """A getter picking, out of a list in `fact_order`, the entries of the facts of `kinds`
        about `country` (an empty tuple when there are none). Made for every country at once the
        first time `kinds` is asked for, so what is kept never depends on whose assessment asked."""
        getters = self._positions.get(kinds)
        if getters is None:
            getters = self._positions[kinds] = {
                where: self._getter(where, kinds) for where in self.facts_by_country
            }
        return getters.get(country, _nothing)

    def _getter(self, country: str, kinds: frozenset[FactKind]) -> Callable[[list[object]], tuple[object, ...]]:
        position = self.fact_order[2]
        indexes = [position[fact.id] for fact in self.facts_by_country[country] if fact.kind in kinds]
        if len(indexes) > 1:
            return itemgetter(*indexes)  # type: ignore[no-any-return]
        if indexes:
            only = indexes[0]
            return lambda values: (values[only],)
        return _nothing

    @cached_property
    def explainers(self) -> dict[str, Explainer]:
        return {fact_id: compile_explainer(fact.applies_to) for fact_id, fact in self.facts.items()}

    @cached_property
    def conflicts(self) -> dict[str, list[str]]:
        """Each fact's disagreeing facts, both ways, whichever side declared it."""
        pairs: dict[str, set[str]] = defaultdict(set)
        for fact in self.facts.values():
            for other in fact.conflicts_with:
                pairs[fact.id].add(other)
                pairs[other].add(fact.id)
        return {fact_id: sorted(others) for fact_id, others in pairs.items()}

    @cached_property
    def entry_destinations(self) -> frozenset[str]:
        """Destinations in the entry table (every passport covers the same set)."""
        if self.entry is None:
            return frozenset()
        return frozenset(self.entry.destinations("RU")) | {"RU"}

    def countries(self) -> list[str]:
        """Every country the knowledge base says anything about, facts or entry table."""
        return sorted(set(self.facts_by_country) | self.entry_destinations)
