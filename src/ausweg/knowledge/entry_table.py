"""Entry requirements by passport and destination, as observed in dated snapshots of a dataset.

The table is compiled from the Passport Index snapshots (`ausweg import passport-index DIR`) into
`knowledge/entry/passport-index.json`. For every passport x destination pair it keeps *runs*: the
same requirement seen in consecutive snapshots, stored as `[requirement, days, first_idx, last_idx]`
where the indices point into the table's list of snapshot dates.

A snapshot says what the source believed on its date; the real change happened at some unknown
moment between two snapshots. So a lookup answers "observed from .. to .., changed by ..", never
"valid from". Runs are decoded lazily, pair by pair, so that loading the file stays cheap.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

ENTRY_TABLE_SCHEMA = "ausweg.entry-table/1"
SOURCE_ID = "passport-index"

_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")
_PASSPORT_LINE = re.compile(r'^"([A-Z]{2})": (?=\{)')


class Requirement(str, Enum):
    """What a passport holder needs to enter a destination, in ausweg's own vocabulary."""

    visa_free = "visa_free"
    visa_on_arrival = "visa_on_arrival"
    eta = "eta"
    e_visa = "e_visa"
    visa_required = "visa_required"
    no_admission = "no_admission"
    covid_ban = "covid_ban"
    special_permit = "special_permit"


VOCABULARY: tuple[str, ...] = tuple(requirement.value for requirement in Requirement)
_REQUIREMENTS: dict[str, Requirement] = {requirement.value: requirement for requirement in Requirement}

# One run as stored in JSON: [requirement, days | None, first_idx, last_idx]. Kept as the parsed
# JSON list (hence Any) until the pair is asked for.
RawRun = list[Any]
RawPassport = dict[str, list[RawRun]]


class EntryTableError(ValueError):
    """An entry table that does not follow `ausweg.entry-table/1`; the message names key and value."""


@dataclass(frozen=True, slots=True)
class EntrySource:
    """Where the table comes from, and on what terms it may be used."""

    name: str
    url: str
    licence: str
    attribution: str
    note: str = ""

    def as_json(self) -> dict[str, str]:
        data = {"name": self.name, "url": self.url, "licence": self.licence, "attribution": self.attribution}
        if self.note:
            data["note"] = self.note
        return data


@dataclass(frozen=True, slots=True)
class EntryRun:
    """One requirement, seen unchanged in consecutive snapshots from `first_observed` to `last_observed`."""

    requirement: Requirement
    days: int | None
    first_observed: dt.date
    last_observed: dt.date


@dataclass(frozen=True, slots=True)
class EntryObservation:
    """The requirement in force for a pair as of a date, with how well the snapshots pin it down."""

    passport: str
    destination: str
    requirement: Requirement
    days: int | None
    first_observed: dt.date
    last_observed: dt.date
    next_observed: dt.date | None  # first snapshot that showed a different value; None if none did
    stale: bool  # as_of lies after the last snapshot that observed this pair

    def as_json(self) -> dict[str, object]:
        return {
            "requirement": self.requirement.value,
            "days": self.days,
            "first_observed": self.first_observed.isoformat(),
            "last_observed": self.last_observed.isoformat(),
            "next_observed": self.next_observed.isoformat() if self.next_observed else None,
            "stale": self.stale,
            "source": SOURCE_ID,
        }


class EntryTable:
    """Runs of entry requirements per passport and destination, over a list of snapshot dates."""

    def __init__(
        self,
        snapshots: Sequence[dt.date],
        passports: Mapping[str, RawPassport],
        source: EntrySource,
        origin: str = "<entry table>",
    ) -> None:
        self._snapshots: tuple[dt.date, ...] = tuple(snapshots)
        self._passports = passports
        self.source = source
        self.origin = origin
        self._history: dict[tuple[str, str], tuple[EntryRun, ...]] = {}
        self._destinations: tuple[str, ...] | None = None

    # --- what the table covers ---------------------------------------------------------------

    @property
    def snapshots(self) -> tuple[dt.date, ...]:
        return self._snapshots

    @property
    def first_snapshot(self) -> dt.date:
        return self._snapshots[0]

    @property
    def last_snapshot(self) -> dt.date:
        return self._snapshots[-1]

    def passports(self) -> tuple[str, ...]:
        return tuple(sorted(self._passports))

    def destinations(self, passport: str | None = None) -> tuple[str, ...]:
        """Every destination in the table, or those with data for one passport."""
        if passport is not None:
            return tuple(sorted(self._destinations_of(passport.upper())))
        if self._destinations is None:
            found = {destination for runs in self._passports.values() for destination in runs}
            self._destinations = tuple(sorted(found))
        return self._destinations

    def pair_count(self) -> int:
        return sum(len(runs) for runs in self._passports.values())

    def run_count(self) -> int:
        return sum(
            len(runs) for by_destination in self._passports.values() for runs in by_destination.values()
        )

    def decoded_pairs(self) -> list[str]:
        """The passport-destination pairs decoded so far (the table is decoded as pairs are asked for)."""
        return [f"{passport}-{destination}" for passport, destination in self._history]

    def raw_passport(self, passport: str) -> RawPassport:
        """The stored runs of one passport, destination -> [[requirement, days, first_idx, last_idx]]."""
        return self._passports.get(passport, {})

    # --- answers -----------------------------------------------------------------------------

    def history(self, passport: str, destination: str) -> tuple[EntryRun, ...]:
        """All runs of a pair, oldest first; empty when the table has no data for it."""
        key = (passport.upper(), destination.upper())
        cached = self._history.get(key)
        if cached is None:
            raw = self._destinations_of(key[0]).get(key[1], [])
            cached = self._decode_runs(key[0], key[1], raw)
            self._history[key] = cached
        return cached

    def lookup(self, passport: str, destination: str, as_of: dt.date) -> EntryObservation | None:
        """The requirement in force as of `as_of`: the latest run first observed on or before it.

        None before the first snapshot, and for pairs the table has no data on by then.
        """
        if as_of < self._snapshots[0]:
            return None
        runs = self.history(passport, destination)
        position = bisect_right([run.first_observed for run in runs], as_of) - 1
        if position < 0:
            return None
        run = runs[position]
        following = runs[position + 1] if position + 1 < len(runs) else None
        return EntryObservation(
            passport=passport.upper(),
            destination=destination.upper(),
            requirement=run.requirement,
            days=run.days,
            first_observed=run.first_observed,
            last_observed=run.last_observed,
            next_observed=following.first_observed if following else None,
            stale=following is None and as_of > run.last_observed,
        )

    def validate(self) -> None:
        """Decode every pair, raising EntryTableError on the first bad one (load itself is lazy)."""
        for passport in self._passports:
            _check_code(self.origin, "passports", passport)
            for destination in self._destinations_of(passport):
                _check_code(self.origin, f"passports.{passport}", destination)
                self.history(passport, destination)

    # --- decoding ----------------------------------------------------------------------------

    def _destinations_of(self, passport: str) -> RawPassport:
        by_destination = self._passports.get(passport, {})
        if not isinstance(by_destination, dict):
            raise EntryTableError(
                f"{self.origin}: passports.{passport} must be an object, got {by_destination!r}"
            )
        return by_destination

    def _decode_runs(self, passport: str, destination: str, raw: Any) -> tuple[EntryRun, ...]:
        if not isinstance(raw, list):
            raise EntryTableError(
                f"{self.origin}: passports.{passport}.{destination} must be a list, got {raw!r}"
            )
        runs: list[EntryRun] = []
        previous_last = -1
        for number, item in enumerate(raw):
            where = f"{self.origin}: passports.{passport}.{destination}[{number}]"
            run = self._decode_run(where, item, previous_last)
            previous_last = item[3]
            runs.append(run)
        return tuple(runs)

    def _decode_run(self, where: str, item: Any, previous_last: int) -> EntryRun:
        if not isinstance(item, list) or len(item) != 4:
            raise EntryTableError(f"{where} must be [requirement, days, first_idx, last_idx], got {item!r}")
        name, days, first, last = item
        requirement = _REQUIREMENTS.get(name) if isinstance(name, str) else None
        if requirement is None:
            raise EntryTableError(f"{where}: requirement {name!r} is not one of {', '.join(VOCABULARY)}")
        if days is not None and not (type(days) is int and days > 0 and requirement is Requirement.visa_free):
            raise EntryTableError(f"{where}: days {days!r} must be null or a positive number for visa_free")
        count = len(self._snapshots)
        if not (type(first) is int and type(last) is int and previous_last < first <= last < count):
            raise EntryTableError(
                f"{where}: snapshot indices {first!r}..{last!r} must be ordered, after {previous_last} "
                f"and below {count}"
            )
        return EntryRun(requirement, days, self._snapshots[first], self._snapshots[last])


# --- reading the file ------------------------------------------------------------------------


def load_entry_table(path: Path) -> EntryTable:
    """Read a compiled entry table; checks the header now and each pair when first asked for.

    A file in the layout `write_entry_table` produces (one line per passport) is split by line and
    each passport's line parsed when first asked for; any other valid JSON is parsed whole.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise EntryTableError(f"{path}: not UTF-8 text ({error.reason})") from error
    lines = text.split("\n")
    split = _split_passport_lines(lines)
    if split is None:
        return entry_table_from_json(_parse_json(str(path), text), origin=str(path))
    header, passport_lines = split
    document = _parse_json(str(path), "\n".join([*header, '"passports": {}}']))
    return entry_table_from_json(
        document, origin=str(path), passports=LazyPassports(str(path), passport_lines)
    )


class LazyPassports(Mapping[str, RawPassport]):
    """Passport code -> its runs, parsed from the passport's own JSON line on first access."""

    def __init__(self, origin: str, lines: dict[str, str]) -> None:
        self._origin = origin
        self._lines = lines
        self._parsed: dict[str, RawPassport] = {}

    def __getitem__(self, passport: str) -> RawPassport:
        parsed = self._parsed.get(passport)
        if parsed is None:
            parsed = _parse_json(f"{self._origin}: passports.{passport}", self._lines[passport])
            if not isinstance(parsed, dict):
                raise EntryTableError(
                    f"{self._origin}: passports.{passport} must be an object, got {parsed!r}"
                )
            self._parsed[passport] = parsed
        return parsed

    def __iter__(self) -> Iterator[str]:
        return iter(self._lines)

    def __len__(self) -> int:
        return len(self._lines)


def _split_passport_lines(lines: list[str]) -> tuple[list[str], dict[str, str]] | None:
    """The header lines and the passport lines of the canonical layout; None for any other layout."""
    try:
        start = lines.index('"passports": {')
    except ValueError:
        return None
    if lines[-2:] != ["}}", ""]:
        return None
    passport_lines: dict[str, str] = {}
    body = lines[start + 1 : -2]
    for number, line in enumerate(body):
        match = _PASSPORT_LINE.match(line)
        last = number == len(body) - 1
        if match is None or line.endswith(",") == last or match.group(1) in passport_lines:
            return None
        passport_lines[match.group(1)] = line[match.end() : len(line) - (0 if last else 1)]
    return lines[:start], passport_lines


def _parse_json(origin: str, text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise EntryTableError(f"{origin}: not JSON ({error})") from error


def entry_table_from_json(
    document: Any, origin: str, passports: Mapping[str, RawPassport] | None = None
) -> EntryTable:
    """An entry table from a parsed `ausweg.entry-table/1` document (`passports` replaces its own)."""
    if not isinstance(document, dict):
        raise EntryTableError(f"{origin}: the top level must be an object, got {type(document).__name__}")
    schema = document.get("schema")
    if schema != ENTRY_TABLE_SCHEMA:
        raise EntryTableError(f"{origin}: schema {schema!r} is not {ENTRY_TABLE_SCHEMA!r}")
    _check_vocabulary(origin, document.get("vocabulary"))
    if passports is None:
        passports = document.get("passports")
        if not isinstance(passports, dict):
            raise EntryTableError(f"{origin}: passports must be an object, got {type(passports).__name__}")
    return EntryTable(
        snapshots=_parse_snapshots(origin, document.get("snapshots")),
        passports=passports,
        source=_parse_source(origin, document.get("source")),
        origin=origin,
    )


def _parse_snapshots(origin: str, value: Any) -> tuple[dt.date, ...]:
    if not isinstance(value, list) or not value:
        raise EntryTableError(f"{origin}: snapshots must be a non-empty list of dates, got {value!r}")
    dates: list[dt.date] = []
    for number, text in enumerate(value):
        try:
            day = dt.date.fromisoformat(text)
        except (TypeError, ValueError) as error:
            raise EntryTableError(
                f"{origin}: snapshots[{number}] {text!r} is not a YYYY-MM-DD date"
            ) from error
        if dates and day <= dates[-1]:
            raise EntryTableError(
                f"{origin}: snapshots[{number}] {text!r} is not after {dates[-1].isoformat()}"
            )
        dates.append(day)
    return tuple(dates)


def _parse_source(origin: str, value: Any) -> EntrySource:
    if not isinstance(value, dict):
        raise EntryTableError(f"{origin}: source must be an object, got {value!r}")
    for key in ("name", "url", "licence", "attribution"):
        if not isinstance(value.get(key), str) or not value[key]:
            raise EntryTableError(
                f"{origin}: source.{key} must be a non-empty string, got {value.get(key)!r}"
            )
    note = value.get("note", "")
    if not isinstance(note, str):
        raise EntryTableError(f"{origin}: source.note must be a string, got {note!r}")
    return EntrySource(value["name"], value["url"], value["licence"], value["attribution"], note)


def _check_vocabulary(origin: str, value: Any) -> None:
    if not isinstance(value, list):
        raise EntryTableError(f"{origin}: vocabulary must be a list, got {value!r}")
    for term in value:
        if term not in _REQUIREMENTS:
            raise EntryTableError(f"{origin}: vocabulary term {term!r} is not one of {', '.join(VOCABULARY)}")


def _check_code(origin: str, key: str, code: str) -> None:
    if not _COUNTRY_CODE.match(code):
        raise EntryTableError(f"{origin}: {key}: {code!r} is not a two-letter country code")
