"""The Passport Index importer: three vocabularies, runs, errors, and the committed compiled file."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from ausweg.ingest.passport_index import (
    SnapshotError,
    entry_table_lines,
    import_snapshots,
    run_import,
    write_entry_table,
)
from ausweg.knowledge.entry_table import EntryRun, EntryTable, Requirement, load_entry_table

REPO = Path(__file__).resolve().parents[2]
SHARED_DATA = REPO.parent / "shared" / "data" / "passport-index"
SNAPSHOTS = SHARED_DATA / "snapshots"
COMMITTED = REPO / "knowledge" / "entry" / "passport-index.json"

CODES_HEADER = ("Passport", "Destination", "Code")
WORDS_HEADER = ("Passport", "Destination", "Requirement")

needs_shared_data = pytest.mark.skipif(
    not SNAPSHOTS.is_dir(),
    reason=f"Passport Index snapshots not found at {SNAPSHOTS} (shared/ beside the repo)",
)


def write_snapshot(folder: Path, date: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{date}.csv.gz"
    lines = [",".join(header), *(",".join(row) for row in rows)]
    with gzip.open(path, "wt", encoding="utf-8", newline="") as handle:
        handle.write("\r\n".join(lines) + "\r\n")
    return path


def single(table: EntryTable, passport: str, destination: str) -> tuple[Requirement, int | None]:
    (run,) = table.history(passport, destination)
    return run.requirement, run.days


# --- the three vocabularies ------------------------------------------------------------------


def test_numeric_code_era(tmp_path: Path) -> None:
    rows = [("RU", "AM", "3"), ("RU", "EG", "2"), ("RU", "LK", "1"), ("RU", "DE", "0")]
    write_snapshot(tmp_path, "2019-11-23", CODES_HEADER, rows)
    table = import_snapshots(tmp_path)
    assert single(table, "RU", "AM") == (Requirement.visa_free, None)
    assert single(table, "RU", "EG") == (Requirement.visa_on_arrival, None)
    assert single(table, "RU", "LK") == (Requirement.eta, None)
    assert single(table, "RU", "DE") == (Requirement.visa_required, None)


def test_label_era_reads_days_and_the_swapped_voa_eta_labels(tmp_path: Path) -> None:
    rows = [
        ("RU", "AM", "VF"),
        ("RU", "RS", "90"),
        ("US", "AU", "VOA"),
        ("RU", "EG", "ETA"),
        ("RU", "DE", "VR"),
    ]
    write_snapshot(tmp_path, "2020-02-07", CODES_HEADER, rows)
    table = import_snapshots(tmp_path)
    assert single(table, "RU", "AM") == (Requirement.visa_free, None)
    assert single(table, "RU", "RS") == (Requirement.visa_free, 90)
    assert single(table, "US", "AU") == (Requirement.eta, None)  # the source's VOA means eTA in this era
    assert single(table, "RU", "EG") == (Requirement.visa_on_arrival, None)  # and its ETA visa on arrival
    assert single(table, "RU", "DE") == (Requirement.visa_required, None)


def test_word_era_reads_every_value_and_skips_the_same_country(tmp_path: Path) -> None:
    expected = {
        "AM": ("visa free", Requirement.visa_free, None),
        "RS": ("30", Requirement.visa_free, 30),
        "EG": ("visa on arrival", Requirement.visa_on_arrival, None),
        "AU": ("eta", Requirement.eta, None),
        "GB": ("EVW", Requirement.eta, None),
        "IN": ("e-visa", Requirement.e_visa, None),
        "DE": ("visa required", Requirement.visa_required, None),
        "LY": ("no admission", Requirement.no_admission, None),
        "JP": ("covid ban", Requirement.covid_ban, None),
        "QA": ("Hayya Entry Permit", Requirement.special_permit, None),
    }
    rows = [("RU", "RU", "-1"), *(("RU", code, value) for code, (value, _, _) in expected.items())]
    write_snapshot(tmp_path, "2022-11-06", WORDS_HEADER, rows)
    table = import_snapshots(tmp_path)
    for code, (_, requirement, days) in expected.items():
        assert single(table, "RU", code) == (requirement, days), code
    assert table.history("RU", "RU") == ()
    assert "RU" not in table.destinations("RU")


@pytest.mark.parametrize(
    ("date", "header", "bad"),
    [
        ("2019-11-23", CODES_HEADER, "4"),  # numeric era: codes are 0..3 only
        ("2020-02-07", CODES_HEADER, "VFX"),
        ("2022-02-10", WORDS_HEADER, "visa-free-ish"),
        ("2022-02-10", WORDS_HEADER, "0"),  # zero visa-free days
    ],
)
def test_an_unknown_value_names_the_file_the_row_and_the_value(
    tmp_path: Path, date: str, header: tuple[str, ...], bad: str
) -> None:
    first = "VR" if header == CODES_HEADER and date.startswith("2020") else "0"
    if header == WORDS_HEADER:
        first = "visa required"
    path = write_snapshot(tmp_path, date, header, [("RU", "DE", first), ("RU", "AM", bad)])
    with pytest.raises(SnapshotError) as caught:
        import_snapshots(tmp_path)
    message = str(caught.value)
    assert path.name in message
    assert "row 3" in message
    assert repr(bad) in message


def test_minus_one_between_different_countries_is_an_error(tmp_path: Path) -> None:
    write_snapshot(tmp_path, "2022-02-10", WORDS_HEADER, [("RU", "AM", "-1")])
    with pytest.raises(SnapshotError, match=r"2022-02-10\.csv\.gz: row 2: value '-1'"):
        import_snapshots(tmp_path)


def test_an_unknown_header_is_an_error(tmp_path: Path) -> None:
    write_snapshot(tmp_path, "2022-02-10", ("Passport", "Destination", "Status"), [("RU", "AM", "visa free")])
    with pytest.raises(SnapshotError, match=r"row 1: header 'Passport,Destination,Status'"):
        import_snapshots(tmp_path)


def test_a_bad_country_code_is_an_error(tmp_path: Path) -> None:
    write_snapshot(tmp_path, "2022-02-10", WORDS_HEADER, [("RU", "Armenia", "visa free")])
    with pytest.raises(SnapshotError, match=r"row 2: destination 'Armenia' is not a two-letter"):
        import_snapshots(tmp_path)


def test_a_pair_twice_in_one_snapshot_is_an_error(tmp_path: Path) -> None:
    write_snapshot(tmp_path, "2022-02-10", WORDS_HEADER, [("RU", "AM", "visa free"), ("RU", "AM", "90")])
    with pytest.raises(SnapshotError, match=r"row 3: destination 'AM' appears twice"):
        import_snapshots(tmp_path)


def test_a_file_name_that_is_no_date_is_an_error(tmp_path: Path) -> None:
    write_snapshot(tmp_path, "latest", WORDS_HEADER, [("RU", "AM", "visa free")])
    with pytest.raises(SnapshotError, match=r"'latest\.csv\.gz' is not YYYY-MM-DD"):
        import_snapshots(tmp_path)


def test_an_empty_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SnapshotError, match="holds no"):
        import_snapshots(tmp_path)


# --- runs --------------------------------------------------------------------------------------


def test_consecutive_equal_values_compress_into_runs_across_eras(tmp_path: Path) -> None:
    write_snapshot(tmp_path, "2019-11-23", CODES_HEADER, [("RU", "RS", "3"), ("RU", "DE", "0")])
    write_snapshot(tmp_path, "2020-02-07", CODES_HEADER, [("RU", "RS", "90"), ("RU", "DE", "VR")])
    write_snapshot(tmp_path, "2022-02-10", WORDS_HEADER, [("RU", "RS", "90"), ("RU", "DE", "visa required")])
    write_snapshot(tmp_path, "2023-02-09", WORDS_HEADER, [("RU", "RS", "30"), ("RU", "DE", "visa required")])
    write_snapshot(tmp_path, "2024-01-05", WORDS_HEADER, [("RU", "RS", "90"), ("RU", "DE", "visa required")])
    table = import_snapshots(tmp_path)
    day = dt.date.fromisoformat
    assert table.history("RU", "DE") == (
        EntryRun(Requirement.visa_required, None, day("2019-11-23"), day("2024-01-05")),
    )
    assert table.history("RU", "RS") == (
        EntryRun(Requirement.visa_free, None, day("2019-11-23"), day("2019-11-23")),
        EntryRun(Requirement.visa_free, 90, day("2020-02-07"), day("2022-02-10")),
        EntryRun(Requirement.visa_free, 30, day("2023-02-09"), day("2023-02-09")),
        EntryRun(Requirement.visa_free, 90, day("2024-01-05"), day("2024-01-05")),
    )
    assert table.raw_passport("RU")["RS"] == [
        ["visa_free", None, 0, 0],
        ["visa_free", 90, 1, 2],
        ["visa_free", 30, 3, 3],
        ["visa_free", 90, 4, 4],
    ]


def test_a_snapshot_without_the_pair_ends_its_run(tmp_path: Path) -> None:
    write_snapshot(tmp_path, "2022-01-05", WORDS_HEADER, [("RU", "AM", "visa free")])
    write_snapshot(tmp_path, "2022-02-10", WORDS_HEADER, [("RU", "GE", "360")])
    write_snapshot(tmp_path, "2022-03-06", WORDS_HEADER, [("RU", "AM", "visa free"), ("RU", "GE", "360")])
    table = import_snapshots(tmp_path)
    assert table.raw_passport("RU")["AM"] == [["visa_free", None, 0, 0], ["visa_free", None, 2, 2]]
    assert table.raw_passport("RU")["GE"] == [["visa_free", 360, 1, 2]]


def test_run_import_writes_the_table_and_counts(tmp_path: Path) -> None:
    folder = tmp_path / "snapshots"
    write_snapshot(
        folder, "2022-01-05", WORDS_HEADER, [("RU", "AM", "visa free"), ("BY", "PL", "visa required")]
    )
    write_snapshot(folder, "2022-02-10", WORDS_HEADER, [("RU", "AM", "180"), ("BY", "PL", "visa required")])
    output = tmp_path / "out" / "table.json"
    summary = run_import(folder, output)
    assert (summary.snapshots, summary.passports, summary.pairs, summary.runs) == (2, 2, 2, 3)
    assert (summary.first_snapshot, summary.last_snapshot) == (dt.date(2022, 1, 5), dt.date(2022, 2, 10))
    assert "2 snapshots" in summary.as_text()
    lines = output.read_text(encoding="utf-8").splitlines()
    assert [line[:5] for line in lines[5:7]] == ['"BY":', '"RU":']  # one line per passport
    loaded = load_entry_table(output)
    assert loaded.history("RU", "AM") == import_snapshots(folder).history("RU", "AM")
    assert json.loads(output.read_text(encoding="utf-8"))["passports"]["BY"] == {
        "PL": [["visa_required", None, 0, 1]]
    }


def test_written_table_reads_back_the_same_in_any_json_layout(tmp_path: Path) -> None:
    write_snapshot(
        tmp_path / "in", "2022-01-05", WORDS_HEADER, [("RU", "AM", "visa free"), ("RU", "TR", "60")]
    )
    table = import_snapshots(tmp_path / "in")
    canonical = tmp_path / "canonical.json"
    write_entry_table(table, canonical)
    pretty = tmp_path / "pretty.json"
    pretty.write_text(
        json.dumps(json.loads(canonical.read_text(encoding="utf-8")), indent=2), encoding="utf-8"
    )
    for path in (canonical, pretty):
        loaded = load_entry_table(path)
        assert loaded.snapshots == table.snapshots
        assert loaded.history("RU", "TR") == table.history("RU", "TR")
        assert loaded.source == table.source


# --- the real snapshots and the committed file -------------------------------------------------


@pytest.fixture(scope="module")
def fresh_import() -> EntryTable:
    return import_snapshots(SNAPSHOTS)


@needs_shared_data
def test_every_real_snapshot_is_read(fresh_import: EntryTable) -> None:
    assert len(fresh_import.snapshots) == 53
    assert fresh_import.first_snapshot == dt.date(2019, 11, 23)
    assert fresh_import.last_snapshot == dt.date(2025, 1, 12)
    assert len(fresh_import.passports()) == 199
    assert fresh_import.pair_count() == 199 * 198


@needs_shared_data
@pytest.mark.parametrize(
    ("passport", "destination"),
    [
        ("RU", "RS"),
        ("RU", "AM"),
        ("RU", "US"),
        ("RU", "GE"),
        ("RU", "DE"),
        ("BY", "PL"),
        ("US", "AU"),
        ("UA", "QA"),
    ],
)
def test_committed_table_matches_a_fresh_import(
    fresh_import: EntryTable, passport: str, destination: str
) -> None:
    committed = load_entry_table(COMMITTED)
    assert committed.history(passport, destination) == fresh_import.history(passport, destination)
    assert committed.history(passport, destination) != ()


@needs_shared_data
def test_committed_file_is_exactly_what_the_import_writes(fresh_import: EntryTable) -> None:
    expected = "\n".join(entry_table_lines(fresh_import)) + "\n"
    assert COMMITTED.read_text(encoding="utf-8") == expected, (
        "knowledge/entry/passport-index.json is out of date: re-run "
        "`ausweg import passport-index ../shared/data/passport-index/snapshots`"
    )


@needs_shared_data
def test_real_serbia_change_for_russian_passports(fresh_import: EntryTable) -> None:
    days = [(run.requirement, run.days) for run in fresh_import.history("RU", "RS")]
    assert days == [(Requirement.visa_free, None), (Requirement.visa_free, 90), (Requirement.visa_free, 30)]
