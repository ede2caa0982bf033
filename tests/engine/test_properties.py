"""Properties of every assessment, for any person and any day (hypothesis)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ausweg.engine.assess import assess
from ausweg.engine.rating import RATINGS
from ausweg.knowledge.base import Knowledge
from ausweg.knowledge.profile_schema import profile_fields
from ausweg.knowledge.queries import state_on, state_start
from ausweg.profile import Profile

CHOICE_FIELDS = sorted(path for path, spec in profile_fields().items() if spec.kind == "choice")
DAYS = st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2027, 12, 31))
SETTINGS = settings(max_examples=int(__import__("os").environ.get("AUSWEG_HYPOTHESIS_EXAMPLES", "40")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@st.composite
def profiles(draw: st.DrawFn) -> Profile:
    data: dict[str, Any] = {"citizenship": [draw(st.sampled_from(["RU", "RU", "RU", "BY"]))]}
    for path in CHOICE_FIELDS:
        value = draw(st.sampled_from(profile_fields()[path].values))
        group, _, name = path.partition(".")
        if name:
            data.setdefault(group, {})[name] = value
        else:
            data[group] = value
    data.setdefault("persecution", {})["activities"] = draw(
        st.lists(st.sampled_from(profile_fields()["persecution.activities"].values), max_size=2, unique=True)
    )
    data["family"] = {"children_travelling": draw(st.sampled_from([None, 0, 1, 2]))}
    data["opportunities"] = {
        **data.get("opportunities", {}),
        "job_offer_in": draw(st.lists(st.sampled_from(["SK", "DE", "CZ"]), max_size=1)),
        "study_admission_in": draw(st.lists(st.sampled_from(["SK", "DE"]), max_size=1)),
        "languages": draw(st.lists(st.sampled_from(["ru", "en", "de", "it"]), max_size=2, unique=True)),
    }
    return Profile.model_validate(data)


def _deep(knowledge: Knowledge) -> list[str]:
    return sorted(knowledge.facts_by_country)


def _becauses(node: Any) -> list[dict[str, Any]]:
    found = []
    if isinstance(node, dict):
        if "fact" in node and "sources" in node and "conditions" in node:
            found.append(node)
        for value in node.values():
            found += _becauses(value)
    elif isinstance(node, list):
        for value in node:
            found += _becauses(value)
    return found


@SETTINGS
@given(profile=profiles(), day=DAYS)
def test_every_statement_cites_a_source_in_force(knowledge: Knowledge, profile: Profile, day: dt.date) -> None:
    data = assess(profile, day, knowledge=knowledge, countries=_deep(knowledge)).as_json()
    for because in _becauses(data["destinations"]):
        assert because["sources"] or because["fact"].startswith("profile:"), because
        assert set(because["sources"]) <= set(data["sources"])
        fact = knowledge.facts.get(because["fact"])
        if fact is not None:
            assert state_on(fact, day) is not None, f"{fact.id} is cited on {day} but not in force then"


@SETTINGS
@given(profile=profiles(), data=st.data())
def test_moving_before_a_fact_starts_removes_it(knowledge: Knowledge, profile: Profile, data: st.DataObject) -> None:
    fact = data.draw(st.sampled_from(sorted(knowledge.facts.values(), key=lambda fact: fact.id)))
    start = min(state_start(state).first_day for state in fact.states)
    day = start - dt.timedelta(days=data.draw(st.integers(min_value=1, max_value=2000)))
    result = assess(profile, day, knowledge=knowledge, countries=fact.countries).as_json()
    cited = {because["fact"] for because in _becauses(result["destinations"])}
    assert fact.id not in cited


def _ratings(knowledge: Knowledge, profile: Profile, day: dt.date, countries: list[str]) -> dict[str, dict[str, Any]]:
    data = assess(profile, day, knowledge=knowledge, countries=countries).as_json()
    return {item["country"]: item for item in data["destinations"]}


def _with(profile: Profile, path: str, value: str) -> Profile:
    data = profile.model_dump(mode="json")
    group, _, name = path.partition(".")
    if name:
        data[group][name] = value
    else:
        data[group] = value
    return Profile.model_validate(data)


@SETTINGS
@given(profile=profiles(), field=st.sampled_from(CHOICE_FIELDS), day=DAYS)
def test_unknown_is_never_better_than_every_known_answer(
    knowledge: Knowledge, profile: Profile, field: str, day: dt.date
) -> None:
    countries = _deep(knowledge) + ["RS", "AE", "DE", "US"]
    unknown = _ratings(knowledge, _with(profile, field, "unknown"), day, countries)
    answers = [value for value in profile_fields()[field].values if value != "unknown"]
    known = {value: _ratings(knowledge, _with(profile, field, value), day, countries) for value in answers}
    for country, destination in unknown.items():
        options = {value: known[value][country]["rating"] for value in answers}
        # "unknown" is no place on the better-worse scale: where a known answer leaves the rating
        # unknown, that answer might be as good as any, so no rating can be better than it.
        if "unknown" not in options.values():
            best = min(RATINGS.index(rating) for rating in options.values())
            assert destination["rating"] != "unknown", (country, field, options)
            assert RATINGS.index(destination["rating"]) >= best, (country, field, destination["rating"], options)
        if len(set(options.values())) > 1:
            explained = {change["field"] for change in destination["what_if"]}
            explained |= {key for option in destination["entry"]["alternatives"] for key in option["if"]}
            assert field in explained, (country, field, options, destination["what_if"])
