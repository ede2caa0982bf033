"""The compiled entry table: loading it, and what `lookup` answers as of a date."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from ausweg.ingest.passport_index import write_entry_table
from ausweg.knowledge.entry_table import (
    ENTRY_TABLE_SCHEMA,
    EntryObservation,
    EntryTable,
    EntryTableError,
    Requirement,
    entry_table_from_json,
    load_entry_table,
)

REPO = Path(__file__).resolve().parents[2]
COMMITTED = REPO / "knowledge" / "entry" / "passport-index.json"

day = dt.date.fromisoformat


@pytest.fixture(scope="module")
def table() -> EntryTable:
    return load_entry_table(COMMITTED)


def found(table: EntryTable, passport: str, destination: str, as_of: str) -> EntryObservation:
    observation = table.lookup(passport, destination, day(as_of))
    assert observation is not None, f"no answer for {passport} -> {destination} as of {as_of}"
    return observation


def small_document(**changes: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "schema": ENTRY_TABLE_SCHEMA,
        "source": {"name": "test", "url": "https://example.org", "licence": "MIT", "attribution": "test"},
        "snapshots": ["2022-01-05", "2022-02-10", "2022-03-06", "2022-04-10"],
        "vocabulary": ["visa_free", "visa_required", "covid_ban"],
        "passports": {
            "RU": {
                "GE": [["covid_ban", None, 0, 0], ["visa_free", 360, 1, 3]],
                "AM": [["visa_free", None, 0, 0], ["visa_free", None, 2, 3]],  # not seen on 2022-02-10
            }
        },
    }
    document.update(changes)
    return document


def write(path: Path, document: dict[str, Any], layout: str = "canonical") -> Path:
    """Write `document` one line per passport ("canonical", as the importer does) or "indented"."""
    if layout == "canonical":
        write_entry_table(entry_table_from_json(document, origin="test"), path)
    else:
        path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return path


# --- the committed table -----------------------------------------------------------------------


def test_committed_table_covers_53_snapshots_and_199_passports(table: EntryTable) -> None:
    assert len(table.snapshots) == 53
    assert (table.first_snapshot, table.last_snapshot) == (day("2019-11-23"), day("2025-01-12"))
    assert len(table.passports()) == 199
    assert len(table.destinations()) == 199
    assert table.source.licence == "MIT"
    assert table.source.url == "https://github.com/ilyankou/passport-index-dataset"
    table.validate()


def test_serbia_for_russian_passports_went_from_90_to_30_days(table: EntryTable) -> None:
    before = found(table, "RU", "RS", "2022-03-01")
    assert (before.requirement, before.days, before.stale) == (Requirement.visa_free, 90, False)
    after = found(table, "RU", "RS", "2025-02-01")
    assert (after.requirement, after.days) == (Requirement.visa_free, 30)
    assert after.stale is True


def test_germany_requires_a_visa_of_russian_passports(table: EntryTable) -> None:
    for as_of in ("2022-03-01", "2024-06-01"):
        assert found(table, "RU", "DE", as_of).requirement is Requirement.visa_required


def test_between_two_snapshots_the_older_value_holds_with_its_bounds(table: EntryTable) -> None:
    between = found(table, "RU", "RS", "2023-01-20")  # between 2023-01-11 (90) and 2023-02-09 (30)
    assert between.days == 90
    assert (between.first_observed, between.last_observed) == (day("2020-02-07"), day("2023-01-11"))
    assert between.next_observed == day("2023-02-09")
    assert found(table, "RU", "RS", "2023-02-09").days == 30


def test_before_the_first_snapshot_there_is_no_answer(table: EntryTable) -> None:
    assert table.lookup("RU", "RS", day("2019-11-22")) is None
    assert table.lookup("RU", "RS", day("2019-11-23")) is not None


def test_after_the_last_snapshot_the_answer_is_stale(table: EntryTable) -> None:
    assert found(table, "RU", "AM", "2025-01-12").stale is False
    assert found(table, "RU", "AM", "2025-01-13").stale is True
    assert found(table, "RU", "AM", "2026-06-01").stale is True


def test_as_json(table: EntryTable) -> None:
    assert found(table, "RU", "AM", "2024-06-01").as_json() == {
        "requirement": "visa_free",
        "days": 180,
        "first_observed": "2022-08-03",
        "last_observed": "2025-01-12",
        "next_observed": None,
        "stale": False,
        "source": "passport-index",
    }


def test_unknown_pairs_and_the_same_country_have_no_answer(table: EntryTable) -> None:
    assert table.lookup("RU", "RU", day("2024-06-01")) is None
    assert table.lookup("ZZ", "DE", day("2024-06-01")) is None
    assert table.history("RU", "ZZ") == ()


def test_codes_are_case_insensitive(table: EntryTable) -> None:
    assert table.lookup("ru", "rs", day("2024-06-01")) == found(table, "RU", "RS", "2024-06-01")


# --- lookup rules on a small table -------------------------------------------------------------


def test_a_gap_keeps_the_older_run_until_the_pair_is_seen_again(tmp_path: Path) -> None:
    table = load_entry_table(write(tmp_path / "t.json", small_document()))
    in_gap = found(table, "RU", "AM", "2022-02-20")
    assert (in_gap.last_observed, in_gap.next_observed, in_gap.stale) == (
        day("2022-01-05"),
        day("2022-03-06"),
        False,
    )
    georgia = found(table, "RU", "GE", "2022-02-10")
    assert (georgia.requirement, georgia.days) == (Requirement.visa_free, 360)
    assert found(table, "RU", "GE", "2022-02-09").requirement is Requirement.covid_ban


def test_a_pair_first_seen_later_has_no_answer_before(tmp_path: Path) -> None:
    document = small_document(passports={"RU": {"GE": [["visa_free", 360, 2, 3]]}})
    table = load_entry_table(write(tmp_path / "t.json", document))
    assert table.lookup("RU", "GE", day("2022-02-20")) is None
    assert found(table, "RU", "GE", "2022-03-06").days == 360


# --- bad files name the key and the value --------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"schema": "ausweg.entry-table/2"}, "schema 'ausweg.entry-table/2'"),
        ({"snapshots": ["2022-01-05", "2022-13-01"]}, "snapshots[1] '2022-13-01'"),
        ({"snapshots": ["2022-02-10", "2022-01-05"]}, "snapshots[1] '2022-01-05' is not after"),
        ({"vocabulary": ["visa_free", "maybe"]}, "vocabulary term 'maybe'"),
        ({"source": {"name": "x", "url": "u", "licence": "", "attribution": "a"}}, "source.licence"),
    ],
)
def test_a_bad_header_fails_on_load(tmp_path: Path, changes: dict[str, Any], message: str) -> None:
    with pytest.raises(EntryTableError) as caught:
        load_entry_table(write(tmp_path / "t.json", small_document(**changes), "indented"))
    assert message in str(caught.value)
    assert "t.json" in str(caught.value)


def test_a_bad_header_fails_on_load_in_the_line_per_passport_layout(tmp_path: Path) -> None:
    path = write(tmp_path / "t.json", small_document())
    path.write_text(
        path.read_text(encoding="utf-8").replace('"2022-02-10"', '"2022-02-30"'), encoding="utf-8"
    )
    with pytest.raises(EntryTableError, match=r"t\.json: snapshots\[1\] '2022-02-30'"):
        load_entry_table(path)


@pytest.mark.parametrize(
    ("runs", "message"),
    [
        ([["visa_maybe", None, 0, 3]], "passports.RU.AM[0]: requirement 'visa_maybe'"),
        ([["visa_required", 30, 0, 3]], "passports.RU.AM[0]: days 30"),
        ([["visa_free", None, 0, 4]], "passports.RU.AM[0]: snapshot indices 0..4"),
        (
            [["visa_free", None, 0, 2], ["visa_required", None, 2, 3]],
            "passports.RU.AM[1]: snapshot indices 2..3",
        ),
        ([["visa_free", None, 0]], "passports.RU.AM[0] must be [requirement"),
    ],
)
def test_a_bad_run_fails_when_its_pair_is_read(tmp_path: Path, runs: list[Any], message: str) -> None:
    document = small_document(passports={"RU": {"AM": runs}})
    for layout in ("canonical", "indented"):  # the line-per-passport reader and the whole-document one
        table = load_entry_table(write(tmp_path / f"{layout}.json", document, layout))
        with pytest.raises(EntryTableError) as caught:
            table.lookup("RU", "AM", day("2022-03-01"))
        assert message in str(caught.value)
        assert f"{layout}.json" in str(caught.value)
        with pytest.raises(EntryTableError):
            table.validate()


def test_both_layouts_read_the_same(tmp_path: Path) -> None:
    canonical = load_entry_table(write(tmp_path / "c.json", small_document(), "canonical"))
    indented = load_entry_table(write(tmp_path / "i.json", small_document(), "indented"))
    assert type(canonical.raw_passport("RU")) is dict
    for table in (canonical, indented):
        assert table.snapshots == tuple(day(text) for text in small_document()["snapshots"])
    assert canonical.history("RU", "GE") == indented.history("RU", "GE")
    assert canonical.destinations() == indented.destinations() == ("AM", "GE")


def test_not_json_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(EntryTableError, match="t.json: not JSON"):
        load_entry_table(path)
