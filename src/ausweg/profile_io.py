"""Reading a person's profile from YAML or JSON, and explaining what is wrong with a bad one.

A malformed profile gets one message per problem: the path, the value given and the values
allowed. Nothing is read from or written to anywhere but the file the person names.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ausweg.knowledge.profile_schema import profile_fields, suggest
from ausweg.profile import Profile
from ausweg.yaml_io import YamlError, parse_yaml

EXAMPLES_PACKAGE = "ausweg.examples"


@dataclass(frozen=True)
class ProfileProblem:
    loc: tuple[str | int, ...]
    message: str

    def __str__(self) -> str:
        path = ".".join(str(step) for step in self.loc) or "(profile)"
        return f"{path}: {self.message}"

    def as_json(self) -> dict[str, Any]:
        return {"loc": list(self.loc), "msg": self.message}


class ProfileError(ValueError):
    """A profile that does not fit the contract; `problems` has one entry per bad field."""

    def __init__(self, problems: list[ProfileProblem]) -> None:
        self.problems = problems
        super().__init__("the profile has problems:\n" + "\n".join(f"  {problem}" for problem in problems))


def _allowed(loc: tuple[str | int, ...]) -> str:
    path = ".".join(str(step) for step in loc if isinstance(step, str))
    spec = profile_fields().get(path)
    if spec is None or not spec.values:
        return ""
    return f"; allowed: {', '.join(spec.values)}"


def problems_of(error: ValidationError) -> list[ProfileProblem]:
    found = []
    for detail in error.errors(include_url=False):
        loc = tuple(detail["loc"])
        value = detail.get("input")
        if detail["type"] == "extra_forbidden":
            parent = ".".join(str(step) for step in loc[:-1] if isinstance(step, str))
            names = [name.split(".")[-1] for name in profile_fields() if name.startswith(parent + ".")] if parent else [
                name.split(".")[0] for name in profile_fields()
            ]
            message = f"{loc[-1]!r} is not a profile field{suggest(str(loc[-1]), set(names))}"
        else:
            shown = "" if isinstance(value, (dict, list)) or value is None else f" (got {value!r})"
            allowed = "" if detail["type"] == "enum" else _allowed(loc)
            message = f"{detail['msg'].removeprefix('Value error, ')}{shown}{allowed}"
        found.append(ProfileProblem(loc, message))
    return found


def profile_from_data(data: Any) -> Profile:
    if not isinstance(data, dict):
        raise ProfileError([ProfileProblem((), "a profile is a mapping of fields, e.g. {citizenship: [RU]}")])
    try:
        return Profile.model_validate(data)
    except ValidationError as error:
        raise ProfileError(problems_of(error)) from None


def parse_profile_text(text: str, name: str = "profile") -> Profile:
    stripped = text.lstrip()
    try:
        data = json.loads(text) if stripped.startswith("{") else parse_yaml(text)
    except (json.JSONDecodeError, YamlError) as error:
        raise ProfileError([ProfileProblem((), f"{name} is not valid YAML or JSON: {error}")]) from None
    return profile_from_data(data)


def read_profile(path: Path) -> Profile:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ValueError(f"cannot read profile file {str(path)!r}: {error.strerror}") from None
    return parse_profile_text(text, str(path))


def example_names() -> list[str]:
    files = resources.files(EXAMPLES_PACKAGE).iterdir()
    return sorted(item.name.removesuffix(".yaml") for item in files if item.name.endswith(".yaml"))


def example_profile(name: str) -> Profile:
    names = example_names()
    if name not in names:
        raise ValueError(f"example {name!r} does not exist{suggest(name, names)}; examples: {', '.join(names)}")
    text = resources.files(EXAMPLES_PACKAGE).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return parse_profile_text(text, f"example {name}")
