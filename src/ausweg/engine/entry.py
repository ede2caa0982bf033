"""Can the person get in, with which document, for how long?

Two routes are weighed: the international passport (the Passport Index table, per citizenship)
and any document the knowledge base says a country accepts (Armenia and Kazakhstan take the
Russian internal passport). Entry bans from the knowledge base win over both. Where the answer
turns on a document the person did not know about, each possibility is listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ausweg.engine.trace import AnyReading, LocationReading, Reader, Reading, TableReading
from ausweg.knowledge.schema import FactKind
from ausweg.profile import Answer, PassportState

ALLOWED_REQUIREMENTS = frozenset({"visa_free", "visa_on_arrival", "eta"})
VISA_REQUIREMENTS = frozenset({"visa_required", "e_visa", "special_permit"})
# Entry statuses from best to worst, as the rating reads them.
ENTRY_ORDER = ("allowed", "visa_required", "unknown", "not_allowed", "banned")


@dataclass(slots=True)
class Route:
    status: str
    document: str | None
    max_stay_days: int | None
    readings: tuple[AnyReading, ...]
    requirement: str | None = None


@dataclass(slots=True)
class Entry:
    status: str
    document: str | None
    max_stay_days: int | None
    readings: tuple[AnyReading, ...]
    requirement: str | None = None
    alternatives: list[dict[str, Any]] = field(default_factory=list)
    apply_at: list[dict[str, str]] = field(default_factory=list)
    possible_bans: tuple[Reading, ...] = ()


def _passport_route(reader: Reader, country: str) -> Route:
    best: Route | None = None
    for passport in reader.profile.citizenship:
        if passport == country:
            return Route("allowed", "international_passport", None, ())
        reading = reader.entry_table(passport, country)
        if reading is None:
            continue
        route = _route_from_table(reading)
        if best is None or ENTRY_ORDER.index(route.status) < ENTRY_ORDER.index(best.status):
            best = route
    return best or Route("unknown", "international_passport", None, ())


def _route_from_table(reading: TableReading) -> Route:
    requirement = reading.observation.requirement.value
    if requirement in ALLOWED_REQUIREMENTS:
        status = "allowed"
    elif requirement in VISA_REQUIREMENTS:
        status = "visa_required"
    else:
        status = "not_allowed"
    days = reading.observation.days if status == "allowed" else None
    return Route(status, "international_passport", days, (reading,), requirement)


def _internal_route(reader: Reader, country: str) -> tuple[Route | None, tuple[Reading, ...]]:
    """The route with the internal passport where a fact says it is accepted, and the facts
    that say a document is not accepted (they explain a refusal)."""
    refusals = []
    for reading in reader.facts(country, FactKind.entry_document):
        internal = reading.fact.document is not None and reading.fact.document.value == "internal_passport"
        if internal and reading.state.value == "accepted" and reading.holds is True:
            return Route("allowed", "internal_passport", None, (reading,)), ()
        if reading.state.value == "not_accepted":
            refusals.append(reading)
    return None, tuple(refusals)


def _choose(
    international: PassportState, internal: Answer, passport: Route, inside: Route | None, refusals: tuple[Reading, ...]
) -> Route:
    """The route for one definite combination of documents."""
    has_passport = international is PassportState.valid
    if has_passport and passport.status == "allowed":
        return passport
    if inside is not None and internal is Answer.yes:
        return inside
    if has_passport:
        return passport
    return Route("not_allowed", None, None, passport.readings + refusals, "no_valid_travel_document")


def assess_entry(reader: Reader, country: str) -> Entry:
    profile = reader.profile
    passport = _passport_route(reader, country)
    inside, refusals = _internal_route(reader, country)
    documents = profile.documents
    internationals = (
        [documents.international_passport]
        if documents.international_passport is not PassportState.unknown
        else [PassportState.valid, PassportState.none]
    )
    internals = [documents.internal_passport] if documents.internal_passport is not Answer.unknown else [Answer.yes, Answer.no]
    options = {(i, j): _choose(i, j, passport, inside, refusals) for i in internationals for j in internals}
    entry = _combine(options, documents.international_passport, documents.internal_passport)
    if profile.location == country:
        _already_there(entry, country)
    _apply_bans(reader, country, entry)
    if entry.status == "visa_required" or passport.status == "visa_required":
        _visa_posts(reader, country, entry)
    return entry


def _combine(options: dict[tuple[PassportState, Answer], Route], international: PassportState, internal: Answer) -> Entry:
    routes = list(options.values())
    statuses = {route.status for route in routes}
    if len(statuses) == 1 and len({route.document for route in routes}) == 1:
        route = routes[0]
        return Entry(route.status, route.document, route.max_stay_days, route.readings, route.requirement)
    alternatives = []
    for (passport_state, internal_answer), route in options.items():
        condition = {}
        if international is PassportState.unknown:
            condition["documents.international_passport"] = passport_state.value
        if internal is Answer.unknown:
            condition["documents.internal_passport"] = internal_answer.value
        alternatives.append(
            {"if": condition, "status": route.status, "document": route.document, "max_stay_days": route.max_stay_days}
        )
    readings = tuple(reading for route in routes for reading in route.readings)
    return Entry("unknown", None, None, tuple(dict.fromkeys(readings)), None, alternatives)


def _already_there(entry: Entry, country: str) -> None:
    """The person is in the country already: getting in is behind them, whatever route it was."""
    entry.readings = (LocationReading(country),) + entry.readings
    if entry.status != "allowed":
        entry.status, entry.document, entry.requirement, entry.alternatives = "allowed", None, "already_there", []


def _apply_bans(reader: Reader, country: str, entry: Entry) -> None:
    bans = [reading for reading in reader.facts(country, FactKind.entry_ban) if reading.state.value == "in_force"]
    certain = tuple(reading for reading in bans if reading.holds is True)
    if certain:
        entry.status, entry.document, entry.max_stay_days = "banned", None, None
        entry.readings = certain + entry.readings
        entry.alternatives = []
    entry.possible_bans = tuple(reading for reading in bans if reading.holds is None)


def _visa_posts(reader: Reader, country: str, entry: Entry) -> None:
    for reading in reader.facts(country, FactKind.visa_application):
        if reading.holds is False:
            continue
        entry.readings = entry.readings + (reading,)
        entry.apply_at.extend(
            {"country": post.country, "city": post.city, "status": reading.state.value} for post in reading.state.posts
        )
