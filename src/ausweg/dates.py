"""Dates that are only as precise as their source: a year, a month or a day.

A source published "in September 2025" must not become 2025-09-01. `FuzzyDate` keeps the
precision, and answers the two questions the rest of ausweg asks of it: the first and the last
calendar day it may stand for.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

Precision = Literal["year", "month", "day"]

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class DateFormatError(ValueError):
    """A date string that is not YYYY, YYYY-MM or YYYY-MM-DD, or not a real calendar date."""


@dataclass(frozen=True, order=True, slots=True)
class FuzzyDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str | dt.date | int) -> FuzzyDate:
        if isinstance(text, dt.date):
            return cls(text.year, text.month, text.day)
        raw = str(text).strip()
        match = _PATTERN.match(raw)
        if match is None:
            raise DateFormatError(
                f"date {raw!r} is not YYYY, YYYY-MM or YYYY-MM-DD; "
                "write only as much as the source says (e.g. 2025-09 for 'September 2025')"
            )
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        try:
            dt.date(year, month or 1, day or 1)
        except ValueError as error:
            raise DateFormatError(f"date {raw!r} is not a calendar date: {error}") from None
        return cls(year, month, day)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        if self.day is not None:
            return dt.date(self.year, self.month or 1, self.day)
        if self.month is not None:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, 12, 31)

    def __str__(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source_type: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        def validate(value: Any) -> FuzzyDate:
            if isinstance(value, FuzzyDate):
                return value
            if isinstance(value, (str, int, dt.date)):
                return cls.parse(value)
            raise DateFormatError(f"expected a date like 2025, 2025-09 or 2025-09-06, got {value!r}")

        return core_schema.no_info_plain_validator_function(
            validate,
            serialization=core_schema.plain_serializer_function_ser_schema(str),
            json_schema_input_schema=core_schema.str_schema(pattern=_PATTERN.pattern),
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        return {"type": "string", "pattern": _PATTERN.pattern}


def parse_day(text: str) -> dt.date:
    """Parse an exact day (YYYY-MM-DD) given by a user, e.g. an --as-of option."""
    fuzzy = FuzzyDate.parse(text)
    if fuzzy.precision != "day":
        raise DateFormatError(f"date {text!r} must name a day, as YYYY-MM-DD")
    return fuzzy.first_day


def day_option(text: str | None, option: str) -> dt.date | None:
    """A day given for a command option or query parameter; the error names the option."""
    if text is None:
        return None
    try:
        return parse_day(text)
    except DateFormatError as error:
        raise DateFormatError(f"{option}: {error}") from None
