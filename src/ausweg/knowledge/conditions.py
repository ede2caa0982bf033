"""Whom a fact applies to: a small declarative condition tree over the person profile.

Conditions are data (YAML), never code. They are checked against the `Profile` schema when the
knowledge base is loaded (a misspelt field or value gets a "did you mean"), compiled once into
Python closures, and evaluated in three-valued logic: a test on an answer the person gave as
`unknown` is itself unknown (None), never false.

    applies_to:
      all:
        - {field: citizenship, contains: RU}
        - any:
            - {field: military.status, in: [deserter, serving]}
            - {field: military.took_part_in_war, is: "yes"}
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ausweg.knowledge.profile_schema import FieldSpec, profile_fields, suggest

Truth = bool | None  # None: unknown, because an answer it depends on is unknown
Evaluator = Callable[[Any], Truth]

OPERATORS: tuple[str, ...] = ("is", "in", "not_in", "contains", "contains_any", "at_least", "at_most")


class ConditionError(ValueError):
    """A condition that does not fit the profile schema."""


class Leaf(BaseModel):
    """One test on one profile field. Exactly one operator is given."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    field: str
    is_: str | int | None = Field(default=None, alias="is")
    in_: list[str] | None = Field(default=None, alias="in")
    not_in: list[str] | None = None
    contains: str | None = None
    contains_any: list[str] | None = None
    at_least: int | None = None
    at_most: int | None = None

    @model_validator(mode="after")
    def _one_operator(self) -> Leaf:
        given = [name for name in OPERATORS if self.operand(name) is not None]
        if len(given) != 1:
            raise ValueError(
                f"condition on {self.field!r} needs exactly one of {', '.join(OPERATORS)}; got {given or 'none'}"
            )
        return self

    def operand(self, name: str) -> Any:
        return getattr(self, {"is": "is_", "in": "in_"}.get(name, name))

    @property
    def operator(self) -> str:
        return next(name for name in OPERATORS if self.operand(name) is not None)

    def describe(self) -> str:
        value = self.operand(self.operator)
        shown = "[" + ", ".join(map(str, value)) + "]" if isinstance(value, list) else str(value)
        return f"{self.field} {self.operator.replace('_', ' ')} {shown}"


class All(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    all: list[Condition] = Field(min_length=1)


class Any_(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    any: list[Condition] = Field(min_length=1)


class Not(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    not_: Condition = Field(alias="not")


Condition = Union[All, Any_, Not, Leaf]
All.model_rebuild()
Any_.model_rebuild()
Not.model_rebuild()


def leaves(condition: Condition | None) -> list[Leaf]:
    """Every leaf test in `condition`, in document order."""
    if condition is None:
        return []
    if isinstance(condition, Leaf):
        return [condition]
    if isinstance(condition, Not):
        return leaves(condition.not_)
    children = condition.all if isinstance(condition, All) else condition.any
    return [leaf for child in children for leaf in leaves(child)]


# --- checking against the profile schema -------------------------------------------------


def check_condition(condition: Condition | None) -> list[str]:
    """Problems of `condition` against the profile schema, each with a suggested fix."""
    fields = profile_fields()
    problems: list[str] = []
    for leaf in leaves(condition):
        spec = fields.get(leaf.field)
        if spec is None:
            problems.append(f"unknown profile field {leaf.field!r}{suggest(leaf.field, fields)}")
            continue
        problems.extend(_check_leaf(leaf, spec))
    return problems


def _check_leaf(leaf: Leaf, spec: FieldSpec) -> list[str]:
    operator = leaf.operator
    if operator not in spec.operators:
        return [
            f"operator {operator!r} does not apply to {leaf.field!r} ({spec.kind}); "
            f"use one of {', '.join(spec.operators)}"
        ]
    operand = leaf.operand(operator)
    if operator in ("at_least", "at_most"):
        return []
    values = operand if isinstance(operand, list) else [operand]
    return [
        f"value {value!r} is not allowed for {leaf.field!r}{suggest(str(value), spec.values)}"
        for value in values
        if not spec.accepts(str(value))
    ]


# --- compiling and evaluating ---------------------------------------------------------------


def _getter(path: str) -> Callable[[Any], Any]:
    parts = path.split(".")
    if len(parts) == 1:
        name = parts[0]
        return lambda profile: getattr(profile, name)
    first, second = parts

    return lambda profile: getattr(getattr(profile, first), second)


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _is_unknown(value: Any) -> bool:
    return value is None or value == "unknown"


def _compile_leaf(leaf: Leaf) -> Evaluator:
    get = _getter(leaf.field)
    operator = leaf.operator
    operand = leaf.operand(operator)
    asks_unknown = operand == "unknown" or (isinstance(operand, list) and "unknown" in operand)

    if operator in ("contains", "contains_any"):
        wanted = frozenset([operand] if operator == "contains" else operand)
        # list items are str or str-valued enums, which hash and compare as their value
        return lambda profile: not wanted.isdisjoint(get(profile))
    if operator in ("at_least", "at_most"):
        bound = int(operand)
        compare = (lambda v: v >= bound) if operator == "at_least" else (lambda v: v <= bound)

        def numeric(profile: Any) -> Truth:
            value = get(profile)
            return None if value is None else compare(value)

        return numeric
    allowed = frozenset([str(operand)] if operator == "is" else map(str, operand))
    negate = operator == "not_in"

    def membership(profile: Any) -> Truth:
        value = _plain(get(profile))
        if _is_unknown(value) and not asks_unknown:
            return None
        return (value in allowed) != negate

    return membership


def all_of(children: list[Callable[[Any], Truth]]) -> Callable[[Any], Truth]:
    """Three-valued AND: false if any child is false, else unknown if any is unknown."""
    def evaluate(profile: Any) -> Truth:
        result: Truth = True
        for child in children:
            outcome = child(profile)
            if outcome is False:
                return False
            if outcome is None:
                result = None
        return result

    return evaluate


def any_of(children: list[Callable[[Any], Truth]]) -> Callable[[Any], Truth]:
    """Three-valued OR: true if any child is true, else unknown if any is unknown."""
    def evaluate(profile: Any) -> Truth:
        result: Truth = False
        for child in children:
            outcome = child(profile)
            if outcome is True:
                return True
            if outcome is None:
                result = None
        return result

    return evaluate


def negation(child: Callable[[Any], Truth]) -> Callable[[Any], Truth]:
    """Three-valued NOT: unknown stays unknown."""
    def evaluate(profile: Any) -> Truth:
        outcome = child(profile)
        return None if outcome is None else not outcome

    return evaluate


def compile_condition(condition: Condition | None) -> Evaluator:
    """A closure `profile -> True | False | None` for `condition` (None: applies to everyone)."""
    if condition is None:
        return lambda profile: True
    if isinstance(condition, Leaf):
        return _compile_leaf(condition)
    if isinstance(condition, Not):
        return negation(compile_condition(condition.not_))
    if isinstance(condition, All):
        return all_of([compile_condition(child) for child in condition.all])
    return any_of([compile_condition(child) for child in condition.any])


@dataclass(frozen=True, slots=True)
class LeafOutcome:
    """What one test said about one person: the words of the test, the answer it read, its truth."""

    test: str
    field: str
    answer: Any
    holds: Truth

    def as_json(self) -> dict[str, Any]:
        return {"test": self.test, "field": self.field, "answer": self.answer, "holds": self.holds}


Explainer = Callable[[Any], list[LeafOutcome]]


def compile_explainer(condition: Condition | None) -> Explainer:
    """A closure giving each leaf of `condition` with the person's answer and whether it held."""
    compiled = [(leaf.describe(), leaf.field, _getter(leaf.field), _compile_leaf(leaf)) for leaf in leaves(condition)]

    def explain_for(profile: Any) -> list[LeafOutcome]:
        outcomes = []
        for test, field, get, evaluate in compiled:
            raw = get(profile)
            answer = [_plain(item) for item in raw] if isinstance(raw, list) else _plain(raw)
            outcomes.append(LeafOutcome(test, field, answer, evaluate(profile)))
        return outcomes

    return explain_for
