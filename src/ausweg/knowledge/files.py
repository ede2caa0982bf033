"""Reading the knowledge files: YAML into validated models, every problem located to file:line."""

from __future__ import annotations

import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ausweg.knowledge.problems import Problem
from ausweg.knowledge.profile_schema import suggest
from ausweg.knowledge.schema import KnowledgeFile, SeedCoverage
from ausweg.yaml_io import YamlError, line_of, parse_yaml

SCHEMAS: dict[str, type[BaseModel]] = {
    "ausweg.knowledge/1": KnowledgeFile,
    "ausweg.seed-coverage/1": SeedCoverage,
}

Loc = Sequence[str | int]


@dataclass
class SourceFile:
    """One knowledge file: its text, and the model it validated into (None when it did not)."""

    path: Path
    name: str  # path relative to the knowledge folder's parent, as shown in messages
    text: str
    model: KnowledgeFile | SeedCoverage | None = None
    problems: list[Problem] = field(default_factory=list)

    def problem(self, loc: Loc, item: str | None, message: str, fix: str) -> Problem:
        return Problem(self.name, line_of(self.text, loc), item, message, fix)


def read_file(path: Path, name: str) -> SourceFile:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        source = SourceFile(path, name, "")
        source.problems.append(Problem(name, None, None, f"not UTF-8 text ({error.reason})", "save it as UTF-8"))
        return source
    source = SourceFile(path, name, text)
    try:
        data = parse_yaml(text)
    except YamlError as error:
        source.problems.append(Problem(name, error.line, None, str(error), "correct the YAML syntax at that line"))
        return source
    model_class = _schema_of(source, data)
    if model_class is None:
        return source
    try:
        source.model = model_class.model_validate(data)
    except ValidationError as error:
        source.problems.extend(_problems_from(source, data, model_class, error))
    return source


def _schema_of(source: SourceFile, data: Any) -> type[BaseModel] | None:
    if not isinstance(data, dict):
        source.problems.append(
            Problem(source.name, 1, None, "the file is not a mapping", "start it with `schema: ausweg.knowledge/1`")
        )
        return None
    schema = data.get("schema")
    if schema not in SCHEMAS:
        source.problems.append(
            source.problem(
                ["schema"],
                None,
                f"schema {schema!r} is not a knowledge schema",
                f"set `schema:` to one of {', '.join(SCHEMAS)}{suggest(str(schema), SCHEMAS)}",
            )
        )
        return None
    return SCHEMAS[schema]


def _item_id(data: Any, loc: Loc) -> str | None:
    """The id of the top-level item (a source, fact, ...) that `loc` points into."""
    if len(loc) >= 2 and isinstance(data, dict):
        section = data.get(loc[0])
        if isinstance(section, list) and isinstance(loc[1], int) and loc[1] < len(section):
            item = section[loc[1]]
            if isinstance(item, dict):
                return str(item.get("id") or item.get("n") or "") or None
    return None


def _yaml_loc(loc: Loc) -> list[str | int]:
    """Pydantic's error location without the names of union members it tried (e.g. 'Leaf')."""
    keep: list[str | int] = []
    for step in loc:
        if isinstance(step, str) and (step[:1].isupper() or step.startswith("function-") or "[" in step):
            continue
        keep.append(step)
    return keep


def _problems_from(
    source: SourceFile, data: Any, model_class: type[BaseModel], error: ValidationError
) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for detail in error.errors(include_url=False):
        loc = _yaml_loc(detail["loc"])
        shown = ".".join(str(step) for step in loc) or "(file)"
        message = f"{shown}: {_message(detail)}"
        if shown in seen:  # one problem per place: the other branches of a union add nothing
            continue
        seen.add(shown)
        problems.append(source.problem(loc, _item_id(data, loc), message, _fix(detail, model_class, loc)))
    return problems


def _message(detail: dict[str, Any]) -> str:
    value = detail.get("input")
    if detail["type"] == "missing":
        return "required field is missing"
    if detail["type"] == "extra_forbidden":
        return "is not a field of this item"
    if isinstance(value, (dict, list)):
        shown = type(value).__name__
    else:
        shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "...'"
    return f"{detail['msg'].removeprefix('Value error, ')} (got {shown})"


def _fix(detail: dict[str, Any], model_class: type[BaseModel], loc: Loc) -> str:
    kind = detail["type"]
    if kind == "missing":
        return f"add `{loc[-1]}:`" if loc else "add the missing field"
    if kind == "extra_forbidden":
        allowed = _fields_at(model_class, loc[:-1])
        return f"remove `{loc[-1]}` or correct its name{suggest(str(loc[-1]), allowed)}"
    if kind in ("enum", "literal_error"):
        return "use one of the values the message lists"
    if kind.startswith("string_pattern"):
        return "ids are lowercase letters, digits and hyphens; languages are two lowercase letters"
    if kind == "too_long":
        return "shorten it (quotes are short verbatim excerpts)"
    return "correct the value as the message says"


def _fields_at(model_class: type[BaseModel], loc: Loc) -> list[str]:
    """Field names of the model found at `loc`, for "did you mean" (best effort)."""
    current: Any = model_class
    for step in loc:
        if isinstance(step, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        info = current.model_fields.get(step) or next(
            (f for f in current.model_fields.values() if f.alias == step), None
        )
        if info is None:
            return []
        current = info.annotation
        while typing.get_origin(current) in (list, typing.Union, types.UnionType):
            args = [a for a in typing.get_args(current) if a is not type(None)]
            current = args[0]
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [info.alias or name for name, info in current.model_fields.items()]
    return []
