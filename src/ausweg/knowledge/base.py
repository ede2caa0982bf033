"""The compiled knowledge base: every validated item by id, the entry table, and fast indexes.

A `Knowledge` is built whole or not at all (see `ausweg.knowledge.loader`), and never changes
afterwards; conditions are compiled to closures on first use.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ausweg.knowledge.conditions import Evaluator, compile_condition
from ausweg.knowledge.schema import Fact, Figure, Organisation, SeedCoverage, Source

if TYPE_CHECKING:
    from ausweg.knowledge.entry_table import EntryTable


@dataclass(eq=False)
class Knowledge:
    version: str
    sources: dict[str, Source]
    facts: dict[str, Fact]
    figures: dict[str, Figure]
    organisations: dict[str, Organisation]
    coverage: list[SeedCoverage]
    entry: EntryTable | None
    origins: dict[str, str] = field(default_factory=dict, repr=False)  # item id -> file it came from

    @cached_property
    def facts_by_country(self) -> dict[str, list[Fact]]:
        index: dict[str, list[Fact]] = defaultdict(list)
        for fact in self.facts.values():
            for country in fact.countries:
                index[country].append(fact)
        return dict(index)

    @cached_property
    def conditions(self) -> dict[str, Evaluator]:
        return {fact_id: compile_condition(fact.applies_to) for fact_id, fact in self.facts.items()}

    @cached_property
    def conflicts(self) -> dict[str, list[str]]:
        """Each fact's disagreeing facts, both ways, whichever side declared it."""
        pairs: dict[str, set[str]] = defaultdict(set)
        for fact in self.facts.values():
            for other in fact.conflicts_with:
                pairs[fact.id].add(other)
                pairs[other].add(fact.id)
        return {fact_id: sorted(others) for fact_id, others in pairs.items()}

    def countries(self) -> list[str]:
        """Every country the knowledge base says anything about, facts or entry table."""
        known = set(self.facts_by_country)
        if self.entry is not None:
            known.update(self.entry.destinations())
        return sorted(known)
