"""The people in the source articles, on the dates they describe: data-driven scenario files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from ausweg.engine.assess import assess
from ausweg.knowledge.base import Knowledge
from ausweg.profile_io import example_profile, profile_from_data
from ausweg.yaml_io import parse_yaml

SCENARIOS = sorted((Path(__file__).parent / "scenarios").glob("*.yaml"))
SCHEMA = json.loads((Path(__file__).parents[2] / "src/ausweg/schemas/assessment-1.json").read_text())


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        merged[key] = {**merged.get(key, {}), **value} if isinstance(value, dict) else value
    return merged


def _profile(scenario: dict[str, Any]):  # type: ignore[no-untyped-def]
    base = example_profile(scenario["example"]).model_dump(mode="json") if "example" in scenario else {}
    return profile_from_data(_merge(_merge(base, scenario.get("profile", {})), scenario.get("override", {})))


def _cited(destination: dict[str, Any], key: str) -> set[str]:
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "fact" in node and "sources" in node:
                found.update([node["fact"]] if key == "fact" else node["sources"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(destination)
    return found


def _check_destination(code: str, actual: dict[str, Any], expected: dict[str, Any]) -> list[str]:
    errors = []
    if "rating" in expected and actual["rating"] != expected["rating"]:
        errors.append(f"{code}: rating {actual['rating']}, expected {expected['rating']}")
    if "rating_in" in expected and actual["rating"] not in expected["rating_in"]:
        errors.append(f"{code}: rating {actual['rating']}, expected one of {expected['rating_in']}")
    for key, value in expected.get("entry", {}).items():
        if actual["entry"][key] != value:
            errors.append(f"{code}: entry.{key} is {actual['entry'][key]}, expected {value}")
    have_pathways = {(p["kind"], p["status"]) for p in actual["pathways"]}
    errors += [f"{code}: no pathway {p}" for p in expected.get("pathways", []) if (p["kind"], p["status"]) not in have_pathways]
    have_risks = {(r["kind"], r["level"]) for r in actual["risks"]}
    errors += [f"{code}: no risk {r}" for r in expected.get("risks", []) if (r["kind"], r["level"]) not in have_risks]
    facts, sources = _cited(actual, "fact"), _cited(actual, "sources")
    errors += [f"{code}: fact {f} not cited" for f in expected.get("facts", []) if f not in facts]
    errors += [f"{code}: fact {f} cited but must not be" for f in expected.get("absent_facts", []) if f in facts]
    errors += [f"{code}: source {s} not cited" for s in expected.get("sources", []) if s not in sources]
    conflicts = {other for c in actual["conflicts"] for other in [c["fact"], *c["conflicts_with"]]}
    errors += [f"{code}: conflict with {f} not shown" for f in expected.get("conflicts", []) if f not in conflicts]
    what_if = {change["field"] for change in actual["what_if"]}
    errors += [f"{code}: what_if lacks {f}" for f in expected.get("what_if", []) if f not in what_if]
    return errors


@pytest.mark.parametrize("path", SCENARIOS, ids=[path.stem for path in SCENARIOS])
def test_scenario(path: Path, knowledge: Knowledge) -> None:
    scenario = parse_yaml(path.read_text(encoding="utf-8"))
    as_of = scenario["as_of"] if isinstance(scenario["as_of"], dt.date) else dt.date.fromisoformat(scenario["as_of"])
    data = assess(_profile(scenario), as_of, scenario.get("lang", "en"), knowledge=knowledge).as_json()
    jsonschema.validate(data, SCHEMA)
    by_country = {item["country"]: item for item in data["destinations"]}
    expect = scenario["expect"]
    errors = []
    if "first" in expect and data["destinations"][0]["country"] != expect["first"]:
        errors.append(f"first is {data['destinations'][0]['country']}, expected {expect['first']}")
    ranks = [by_country[code]["rank"] for code in expect.get("order", [])]
    if ranks != sorted(ranks):
        errors.append(f"order {expect['order']} has ranks {ranks}")
    for code, expected in expect.get("destinations", {}).items():
        errors += _check_destination(code, by_country[code], expected)
    cited = {source for item in data["destinations"] for source in _cited(item, "sources")}
    assert cited <= set(data["sources"]), "every cited source is listed under sources"
    assert not errors, f"{path.name} ({scenario['describes']}):\n" + "\n".join(errors)
