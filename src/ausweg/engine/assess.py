"""`assess(profile, as_of, lang)`: every destination ranked for one person on one day.

A pure function over the knowledge base: the same profile, day and knowledge give the same
answer. The CLI, the web app and the API all call this and only render what it returns.
"""

from __future__ import annotations

import datetime as dt
from operator import attrgetter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ausweg.countries import normalise_country_code
from ausweg.engine.destination import DestinationResult, evaluate
from ausweg.engine.trace import Reader
from ausweg.i18n import check_language
from ausweg.knowledge.base import Knowledge
from ausweg.profile import Profile

SCHEMA = "ausweg.assessment/1"


@lru_cache(maxsize=1)
def bundled_knowledge() -> Knowledge:
    """The knowledge base shipped with ausweg, loaded once per process."""
    import gc

    from ausweg.knowledge.loader import load_knowledge

    knowledge = load_knowledge()
    gc.freeze()  # the knowledge base lives as long as the process: keep it out of every GC pass
    return knowledge


@dataclass(frozen=True)
class Assessment:
    profile: Profile
    as_of: dt.date
    lang: str
    knowledge: Knowledge
    destinations: list[DestinationResult]  # in rank order: the first is rank 1
    # Results worked out for this person (reused by the what-if variants when rendering);
    # dropped with the assessment.
    scratch: dict[tuple[object, ...], object] = field(default_factory=dict, repr=False, compare=False)

    def destination(self, country: str) -> DestinationResult:
        for result in self.destinations:
            if result.country == country:
                return result
        raise LookupError(f"country {country!r} is not in this assessment")

    def as_json(self) -> dict[str, Any]:
        from ausweg.engine.render import assessment_json

        return assessment_json(self)


def assess(
    profile: Profile | Mapping[str, Any],
    as_of: dt.date | None = None,
    lang: str = "en",
    *,
    knowledge: Knowledge | None = None,
    countries: Iterable[str] | None = None,
) -> Assessment:
    """Rank every destination the knowledge base knows for `profile` as of `as_of` (default today)."""
    person = profile if isinstance(profile, Profile) else Profile.model_validate(profile)
    day = as_of or dt.date.today()
    knowledge = knowledge or bundled_knowledge()
    check_language(lang)
    reader = Reader(knowledge, person, day)
    if countries:
        wanted = [normalise_country_code(code) for code in countries]
        results = _evaluate_all(reader, wanted)
    else:
        deep = _evaluate_all(reader, sorted(knowledge.facts_by_country))
        results = sorted(deep + _entry_only_block(reader), key=_ORDER)  # merges two sorted runs
    return Assessment(person, day, lang, knowledge, results, reader.scratch)


_ORDER = attrgetter("order")


def _evaluate_all(reader: Reader, countries: list[str]) -> list[DestinationResult]:
    person, knowledge, day = reader.profile, reader.knowledge, reader.as_of
    results = [evaluate(knowledge, person, day, code, reader) for code in countries if code not in person.citizenship]
    results.sort(key=_ORDER)
    return results


def _entry_only_block(reader: Reader) -> list[DestinationResult]:
    """Every destination known only from the entry table, ranked: the same for everyone with
    this citizenship, these documents and this location on this day."""
    person, knowledge, day = reader.profile, reader.knowledge, reader.as_of
    documents = person.documents
    key = ("entry-only", day, tuple(person.citizenship), documents.international_passport, documents.internal_passport,
           person.location)
    countries = sorted(knowledge.entry_destinations - set(knowledge.facts_by_country))
    block = knowledge.memoised(key, lambda: _evaluate_all(reader, countries), store="blocks", scratch=reader.scratch)
    return block  # type: ignore[return-value]
