"""Many conditions judged together for one person, each distinct test evaluated once.

Most facts share tests ("citizenship contains RU") and many share whole conditions. A
`ConditionSet` compiles every distinct leaf test and every distinct condition once; judging a
person then costs one call per distinct leaf and per distinct condition, not per fact.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

from ausweg.knowledge.conditions import (
    All,
    Any_,
    Condition,
    Evaluator,
    Leaf,
    Not,
    Truth,
    all_of,
    any_of,
    compile_condition,
    negation,
)

Combiner = Callable[[list[Truth]], Truth]


class ConditionSet:
    """Judge a person against many conditions at once; `evaluate` returns one truth per condition."""

    def __init__(self, conditions: Sequence[Condition | None]) -> None:
        self._leaf_index: dict[str, int] = {}
        self._leaves: list[Evaluator] = []
        self._leaves_on: dict[str, list[int]] = {}  # field -> the leaves that read it
        distinct: dict[str, int] = {}
        self._combiners: list[Combiner] = []
        positions = []
        for condition in conditions:
            key = "" if condition is None else condition.model_dump_json(by_alias=True)
            if key not in distinct:
                distinct[key] = len(self._combiners)
                self._combiners.append(self._compile(condition))
            positions.append(distinct[key])
        self._pick: Callable[[list[Truth]], Any] = itemgetter(*positions) if len(positions) > 1 else (
            lambda results: tuple(results[index] for index in positions)
        )

    def _leaf(self, leaf: Leaf) -> int:
        key = leaf.model_dump_json(by_alias=True, exclude_none=True)
        if key not in self._leaf_index:
            self._leaf_index[key] = len(self._leaves)
            self._leaves_on.setdefault(leaf.field, []).append(len(self._leaves))
            self._leaves.append(compile_condition(leaf))
        return self._leaf_index[key]

    def _compile(self, condition: Condition | None) -> Combiner:
        if condition is None:
            return lambda values: True
        if isinstance(condition, Leaf):
            return itemgetter(self._leaf(condition))
        if isinstance(condition, Not):
            return negation(self._compile(condition.not_))
        if isinstance(condition, All):
            return all_of([self._compile(child) for child in condition.all])
        assert isinstance(condition, Any_)
        return any_of([self._compile(child) for child in condition.any])

    @property
    def sizes(self) -> tuple[int, int]:
        """(distinct leaf tests, distinct conditions)."""
        return len(self._leaves), len(self._combiners)

    def evaluate(self, profile: Any) -> list[Truth]:
        return self.judge(self.leaf_values(profile))

    def leaf_values(self, profile: Any) -> list[Truth]:
        """Each distinct leaf test's truth for `profile`."""
        return [leaf(profile) for leaf in self._leaves]

    def leaf_values_changed(self, values: list[Truth], profile: Any, field: str) -> list[Truth]:
        """`leaf_values(profile)`, given `values` for a profile that differs from it only in `field`."""
        changed = list(values)
        for index in self._leaves_on.get(field, ()):
            changed[index] = self._leaves[index](profile)
        return changed

    def judge(self, values: list[Truth]) -> list[Truth]:
        """One truth per condition, from the leaves' truths."""
        results = [combine(values) for combine in self._combiners]
        return list(self._pick(results))
