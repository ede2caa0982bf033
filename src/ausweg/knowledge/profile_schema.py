"""The profile schema as conditions see it: every field path, its kind and its allowed values.

Derived from the `Profile` pydantic model itself, so a field added there is at once usable (and
checked) in knowledge conditions.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from difflib import get_close_matches
from enum import Enum
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel

from ausweg.countries import country_codes

FieldKind = Literal["choice", "choice_list", "country", "country_list", "language_list", "count"]

_OPERATORS: dict[FieldKind, tuple[str, ...]] = {
    "choice": ("is", "in", "not_in"),
    "country": ("is", "in", "not_in"),
    "choice_list": ("contains", "contains_any"),
    "country_list": ("contains", "contains_any"),
    "language_list": ("contains", "contains_any"),
    "count": ("at_least", "at_most"),
}


@dataclass(frozen=True)
class FieldSpec:
    path: str
    kind: FieldKind
    values: tuple[str, ...] = ()

    @property
    def operators(self) -> tuple[str, ...]:
        return _OPERATORS[self.kind]

    def accepts(self, value: str) -> bool:
        if self.kind in ("country", "country_list"):
            return value in country_codes() or (self.kind == "country" and value == "unknown")
        if self.kind == "language_list":
            return value.isalpha() and value.islower() and 2 <= len(value) <= 3
        return value in self.values


def _strip_optional(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return args[0] if len(args) == 1 else annotation
    if origin is typing.Annotated:
        return typing.get_args(annotation)[0]
    return annotation


def _spec(path: str, annotation: Any) -> FieldSpec:
    annotation = _strip_optional(annotation)
    if typing.get_origin(annotation) is list:
        item = _strip_optional(typing.get_args(annotation)[0])
        if isinstance(item, type) and issubclass(item, Enum):
            return FieldSpec(path, "choice_list", tuple(member.value for member in item))
        return FieldSpec(path, "language_list" if path.endswith("languages") else "country_list")
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return FieldSpec(path, "choice", tuple(member.value for member in annotation))
    if annotation is int:
        return FieldSpec(path, "count")
    return FieldSpec(path, "country")


def _walk(model: type[BaseModel], prefix: str) -> dict[str, FieldSpec]:
    found: dict[str, FieldSpec] = {}
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        annotation = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            found.update(_walk(annotation, f"{path}."))
        else:
            found[path] = _spec(path, annotation)
    return found


@lru_cache(maxsize=1)
def profile_fields() -> dict[str, FieldSpec]:
    """Every profile field path usable in a condition, e.g. "military.status"."""
    from ausweg.profile import Profile

    return _walk(Profile, "")


def suggest(wrong: str, choices: typing.Iterable[str]) -> str:
    """"; did you mean X?" for the nearest of `choices`, or the allowed values if few."""
    options = sorted(choices)
    close = get_close_matches(wrong, options, n=1, cutoff=0.6)
    if close:
        return f"; did you mean {close[0]!r}?"
    if options and len(options) <= 8:
        return f"; allowed: {', '.join(options)}"
    return ""
