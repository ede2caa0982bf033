"""Importing the Passport Index snapshots (ilyankou/passport-index-dataset) into an entry table.

Each `DATE.csv.gz` in the snapshot folder is one dated copy of the dataset: rows of passport,
destination and requirement. The requirement column went through three vocabularies:

- numeric codes (2019): 3 visa-free, 2 visa on arrival, 1 eTA, 0 visa required;
- labels (2020-02 .. 2020-05): a number of visa-free days, VF, VOA, ETA, VR;
- words (2020-11 on): a number of days, `visa free`, `visa on arrival`, `eta`, `EVW`, `e-visa`,
  `visa required`, `no admission`, `covid ban`, `Hayya Entry Permit`.

All of them map onto `ausweg.knowledge.entry_table.Requirement`. In the label era the source
swapped VOA and ETA (ilyankou/passport-index-dataset issue #10: UK -> AU/CA/NZ/US shown as VOA);
the data agree: VOA there marks exactly the 719 pairs coded 1 (eTA) in 2019, ETA the pairs coded
2 (visa on arrival). So in that era VOA is read as eta and ETA as visa_on_arrival.

Both code-headed eras share the header `Passport,Destination,Code`; a file that holds any of the
labels VF, VOA, ETA or VR is of the label era, any other of the numeric era.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from itertools import pairwise
from pathlib import Path

from ausweg.knowledge.entry_table import (
    ENTRY_TABLE_SCHEMA,
    VOCABULARY,
    EntrySource,
    EntryTable,
    RawPassport,
    Requirement,
)

PASSPORT_INDEX_SOURCE = EntrySource(
    name="Passport Index dataset",
    url="https://github.com/ilyankou/passport-index-dataset",
    licence="MIT",
    attribution="Copyright (c) 2019 Ilya Ilyankou; data collected from Passport Index (passportindex.org)",
    note=(
        "Each snapshot date is when the value was observed, not when it became valid. "
        "In the 2020-02..2020-05 snapshots the source's VOA and ETA labels are swapped "
        "(upstream issue #10) and are read accordingly."
    ),
)

DEFAULT_OUTPUT = Path("knowledge") / "entry" / "passport-index.json"  # relative to the repository root

_SNAPSHOT_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})\.csv\.gz$")
_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")
_DAYS = re.compile(r"^[0-9]+$")
_SAME_COUNTRY = "-1"

Normalised = tuple[str, int | None]  # (Requirement value, visa-free days or None)


class SnapshotError(ValueError):
    """A snapshot file that cannot be read; the message names the file, the row and the value."""


class Era(Enum):
    codes = "codes"  # 2019: numeric codes 0..3
    labels = "labels"  # 2020-02 .. 2020-05: VF, VOA, ETA, VR or days
    words = "words"  # 2020-11 on: `visa free`, `e-visa`, ... or days


_CODE_HEADER = ("Passport", "Destination", "Code")
_WORDS_HEADER = ("Passport", "Destination", "Requirement")

_CODES: dict[str, Requirement] = {
    "3": Requirement.visa_free,
    "2": Requirement.visa_on_arrival,
    "1": Requirement.eta,
    "0": Requirement.visa_required,
}
_LABELS: dict[str, Requirement] = {
    "VF": Requirement.visa_free,
    "VOA": Requirement.eta,  # swapped at the source, see the module docstring
    "ETA": Requirement.visa_on_arrival,  # swapped at the source, see the module docstring
    "VR": Requirement.visa_required,
}
_WORDS: dict[str, Requirement] = {
    "visa free": Requirement.visa_free,
    "visa on arrival": Requirement.visa_on_arrival,
    "eta": Requirement.eta,
    "EVW": Requirement.eta,  # electronic visa waiver
    "e-visa": Requirement.e_visa,
    "visa required": Requirement.visa_required,
    "no admission": Requirement.no_admission,
    "covid ban": Requirement.covid_ban,
    "Hayya Entry Permit": Requirement.special_permit,
}


@dataclass(frozen=True, slots=True)
class Snapshot:
    date: dt.date
    path: Path


@dataclass(frozen=True, slots=True)
class ImportSummary:
    snapshots: int
    passports: int
    pairs: int
    runs: int
    first_snapshot: dt.date
    last_snapshot: dt.date
    output: Path

    def as_text(self) -> str:
        dates = f"{self.first_snapshot.isoformat()} .. {self.last_snapshot.isoformat()}"
        return (
            f"{self.snapshots} snapshots ({dates}), {self.passports} passports, "
            f"{self.pairs} pairs, {self.runs} runs -> {self.output}"
        )


# --- finding and reading snapshots -----------------------------------------------------------


def find_snapshots(directory: Path) -> list[Snapshot]:
    """Every `YYYY-MM-DD.csv.gz` in `directory`, oldest first."""
    if not directory.is_dir():
        raise SnapshotError(f"snapshot folder {str(directory)!r} does not exist or is not a folder")
    snapshots = [_snapshot_of(path) for path in directory.glob("*.csv.gz")]
    if not snapshots:
        raise SnapshotError(f"snapshot folder {str(directory)!r} holds no *.csv.gz files")
    return sorted(snapshots, key=lambda snapshot: snapshot.date)


def _snapshot_of(path: Path) -> Snapshot:
    match = _SNAPSHOT_NAME.match(path.name)
    if match is None:
        raise SnapshotError(f"{path}: file name {path.name!r} is not YYYY-MM-DD.csv.gz")
    try:
        return Snapshot(dt.date.fromisoformat(match.group(1)), path)
    except ValueError as error:
        raise SnapshotError(f"{path}: file name {path.name!r} is not a real date") from error


def read_rows(path: Path) -> tuple[tuple[str, ...], list[list[str]]]:
    """The header and data rows of one gzip CSV snapshot."""
    with gzip.open(path, "rb") as compressed:
        text = io.TextIOWrapper(compressed, encoding="utf-8", newline="")
        reader = csv.reader(text)
        header = tuple(next(reader, ()))
        return header, list(reader)


def detect_era(path: Path, header: tuple[str, ...], rows: list[list[str]]) -> Era:
    if header == _WORDS_HEADER:
        return Era.words
    if header != _CODE_HEADER:
        raise SnapshotError(
            f"{path}: row 1: header {','.join(header)!r} is neither "
            f"{','.join(_CODE_HEADER)!r} nor {','.join(_WORDS_HEADER)!r}"
        )
    if any(len(row) == 3 and row[2] in _LABELS for row in rows):
        return Era.labels
    return Era.codes


# --- normalising values ----------------------------------------------------------------------


def normalise_value(era: Era, value: str) -> Normalised | None:
    """The (requirement, days) for a source value; None for -1 (same country); KeyError if unknown."""
    if value == _SAME_COUNTRY:
        return None
    if era is Era.codes:
        return (_CODES[value].value, None)
    if _DAYS.match(value) and int(value) > 0:
        return (Requirement.visa_free.value, int(value))
    table = _LABELS if era is Era.labels else _WORDS
    return (table[value].value, None)


def _normaliser(path: Path, era: Era) -> Callable[[str, int], Normalised | None]:
    """A cached `normalise_value` for one file whose errors name the file, the row and the value."""
    cache: dict[str, Normalised | None] = {}

    def normalise(value: str, line: int) -> Normalised | None:
        try:
            return cache[value]
        except KeyError:
            pass
        try:
            result = normalise_value(era, value)
        except KeyError:
            raise SnapshotError(
                f"{path}: row {line}: unknown requirement value {value!r} ({era.value} era)"
            ) from None
        cache[value] = result
        return result

    return normalise


# --- compressing into runs -------------------------------------------------------------------


def _add_snapshot(
    table: dict[str, RawPassport], index: int, path: Path, era: Era, rows: list[list[str]]
) -> None:
    """Extend the runs of every pair in one snapshot (the hot loop: about 40,000 rows)."""
    normalise = _normaliser(path, era)
    codes: set[str] = set()
    for line, row in enumerate(rows, start=2):
        if len(row) != 3:
            raise SnapshotError(f"{path}: row {line}: expected 3 columns, got {len(row)}: {row!r}")
        passport, destination, value = row
        if passport not in codes or destination not in codes:
            _check_codes(path, line, passport, destination, codes)
        if passport == destination:
            continue
        normalised = normalise(value, line)
        if normalised is None:
            raise SnapshotError(
                f"{path}: row {line}: value '-1' (same country) for {passport} -> {destination}"
            )
        _extend(table.setdefault(passport, {}), destination, normalised, index, path, line)


def _extend(
    by_destination: RawPassport, destination: str, value: Normalised, index: int, path: Path, line: int
) -> None:
    runs = by_destination.get(destination)
    if runs is None:
        by_destination[destination] = [[value[0], value[1], index, index]]
        return
    last = runs[-1]
    if last[3] == index:
        raise SnapshotError(
            f"{path}: row {line}: destination {destination!r} appears twice for this passport"
        )
    if last[3] == index - 1 and last[0] == value[0] and last[1] == value[1]:
        last[3] = index
    else:
        runs.append([value[0], value[1], index, index])


def _check_codes(path: Path, line: int, passport: str, destination: str, codes: set[str]) -> None:
    for column, code in (("passport", passport), ("destination", destination)):
        if not _COUNTRY_CODE.match(code):
            raise SnapshotError(f"{path}: row {line}: {column} {code!r} is not a two-letter country code")
        codes.add(code)


# --- the import ------------------------------------------------------------------------------


def import_snapshots(directory: Path) -> EntryTable:
    """Read every snapshot in `directory` into an entry table of runs."""
    snapshots = find_snapshots(directory)
    _check_distinct_dates(snapshots)
    table: dict[str, RawPassport] = {}
    for index, snapshot in enumerate(snapshots):
        header, rows = read_rows(snapshot.path)
        era = detect_era(snapshot.path, header, rows)
        _add_snapshot(table, index, snapshot.path, era, rows)
    return EntryTable(
        snapshots=[snapshot.date for snapshot in snapshots],
        passports=table,
        source=PASSPORT_INDEX_SOURCE,
        origin=str(directory),
    )


def _check_distinct_dates(snapshots: list[Snapshot]) -> None:
    for earlier, later in pairwise(snapshots):
        if earlier.date == later.date:
            raise SnapshotError(
                f"{later.path}: date {later.date.isoformat()} is also the date of {earlier.path}"
            )


def entry_table_lines(table: EntryTable) -> Iterator[str]:
    """The JSON document of `table`, one line per passport so that diffs stay readable."""
    yield "{" + f'"schema": {json.dumps(ENTRY_TABLE_SCHEMA)},'
    yield f'"source": {json.dumps(table.source.as_json(), ensure_ascii=False)},'
    yield f'"snapshots": {json.dumps([day.isoformat() for day in table.snapshots])},'
    yield f'"vocabulary": {json.dumps(list(VOCABULARY))},'
    yield '"passports": {'
    passports = table.passports()
    for number, passport in enumerate(passports):
        runs = table.raw_passport(passport)
        body = json.dumps(
            {destination: runs[destination] for destination in sorted(runs)}, separators=(",", ":")
        )
        comma = "," if number < len(passports) - 1 else ""
        yield f"{json.dumps(passport)}: {body}{comma}"
    yield "}}"


def write_entry_table(table: EntryTable, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "\n".join(entry_table_lines(table)) + "\n"
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def run_import(directory: Path, output: Path) -> ImportSummary:
    """`ausweg import passport-index DIR`: import every snapshot and write the compiled table."""
    table = import_snapshots(directory)
    write_entry_table(table, output)
    return ImportSummary(
        snapshots=len(table.snapshots),
        passports=len(table.passports()),
        pairs=table.pair_count(),
        runs=table.run_count(),
        first_snapshot=table.first_snapshot,
        last_snapshot=table.last_snapshot,
        output=output,
    )
