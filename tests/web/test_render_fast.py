"""The web's renderer of the assessment JSON equals the engine's, for many people, days and
languages, whether its parts are rendered anew or taken from its memo."""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import Any

import pytest

from ausweg.engine.assess import assess
from ausweg.knowledge.base import Knowledge
from ausweg.knowledge.profile_schema import profile_fields
from ausweg.profile import Profile
from ausweg.profile_io import example_names, example_profile
from ausweg.web import render_fast
from ausweg.web.render_fast import assessment_bytes, assessment_data

DAYS = [dt.date(2022, 3, 1), dt.date(2025, 9, 10), dt.date(2026, 2, 1)]


def _varied(count: int, seed: int) -> list[Profile]:
    rng = random.Random(seed)
    choices = {path: spec.values for path, spec in profile_fields().items() if spec.kind == "choice"}
    found = []
    for _ in range(count):
        data: dict[str, Any] = {"citizenship": rng.choice([["RU"], ["RU"], ["BY"], ["RU", "IL"]]),
                                "location": rng.choice([None, "AM", "KZ", "GE", "RS", "MX", "TH", "DE"])}
        for path, values in choices.items():
            group, _, name = path.partition(".")
            if name:
                data.setdefault(group, {})[name] = rng.choice(values)
            else:
                data[group] = rng.choice(values)
        data["opportunities"] = {**data.get("opportunities", {}), "job_offer_in": rng.choice([[], ["DE"], ["SK", "CZ"]]),
                                 "languages": rng.choice([[], ["ru"], ["ru", "en"], ["de"]])}
        data["persecution"] = {**data.get("persecution", {}),
                               "activities": rng.choice([[], ["journalist"], ["anti_war_protest", "opposition"]])}
        data["family"] = {"children_travelling": rng.choice([None, 0, 2]), "relatives_in": rng.choice([[], ["DE"]])}
        found.append(Profile.model_validate(data))
    return found


def _same(knowledge: Knowledge, profile: Profile, day: dt.date, lang: str) -> None:
    result = assess(profile, day, lang, knowledge=knowledge)
    expected = result.as_json()
    assert assessment_data(result) == expected
    assert json.loads(assessment_bytes(result)) == expected


@pytest.mark.parametrize("lang", ["ru", "en", "de"])
def test_examples_on_several_days(knowledge: Knowledge, lang: str) -> None:
    for name in example_names():
        for day in DAYS:
            _same(knowledge, example_profile(name), day, lang)
            _same(knowledge, example_profile(name), day, lang)  # now from the memo


def test_varied_profiles(knowledge: Knowledge) -> None:
    for index, profile in enumerate(_varied(120, 2026)):
        _same(knowledge, profile, DAYS[index % len(DAYS)], ("ru", "en", "de")[index % 3])


def test_a_full_memo_is_emptied_and_refilled(knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render_fast, "MAX_PARTS", 50)
    for profile in _varied(6, 7):
        _same(knowledge, profile, DAYS[-1], "ru")
    assert len(render_fast._parts_memo(knowledge)) <= 50
