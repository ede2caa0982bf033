"""Questions asked of the knowledge base as of a day: what held, what changed, what is counted.

Every answer here is plain data (dicts and lists ready for JSON), built from the same functions
the CLI and the web app render, so both show the same thing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ausweg.countries import country_name
from ausweg.dates import FuzzyDate
from ausweg.knowledge.base import Knowledge
from ausweg.knowledge.schema import Citation, Fact, Figure, Organisation, Source, State

DEFAULT_PASSPORTS: tuple[str, ...] = ("RU", "BY")


def state_start(state: State) -> FuzzyDate:
    """The earliest date a state can have begun (its `from`, or `not_before` when from is unknown)."""
    start = state.not_before if state.from_ == "unknown" else state.from_
    assert isinstance(start, FuzzyDate)
    return start


def state_on(fact: Fact, day: dt.date) -> State | None:
    """The state of `fact` on `day`: from its first possible day to its last possible day."""
    for state in fact.states:
        if state_start(state).first_day <= day and (state.until is None or day <= state.until.last_day):
            return state
    return None


def citation_json(citation: Citation) -> dict[str, Any]:
    return {
        "source": citation.source,
        "quote": citation.quote,
        "said_by": citation.said_by,
        "reported_by": list(citation.reported_by),
    }


def source_json(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "kind": source.kind.value,
        "publisher": source.publisher,
        "title": source.title,
        "language": source.language,
        "published": str(source.published),
        "published_precision": source.published.precision,
        "url": str(source.url) if source.url else None,
        "translated_from": source.translated_from,
    }


def fact_json(knowledge: Knowledge, fact: Fact, state: State, lang: str) -> dict[str, Any]:
    start = state_start(state)
    return {
        "id": fact.id,
        "kind": fact.kind.value,
        "topic": fact.pathway or fact.risk or fact.document or (fact.visa_types[0] if fact.visa_types else None),
        "countries": list(fact.countries),
        "area": fact.area,
        "statement": fact.statement.value,
        "state": state.value,
        "summary": (state.summary or fact.summary).get(lang),
        "valid_from": None if state.from_ == "unknown" else str(start),
        "valid_from_precision": None if state.from_ == "unknown" else start.precision,
        "not_before": str(state.not_before) if state.not_before else None,
        "valid_until": str(state.until) if state.until else None,
        "applies_to": [leaf for leaf in _condition_words(fact)],
        "posts": [{"country": post.country, "city": post.city} for post in state.posts],
        "conflicts_with": knowledge.conflicts.get(fact.id, []),
        "citations": [citation_json(citation) for citation in state.citations],
    }


def _condition_words(fact: Fact) -> list[str]:
    from ausweg.knowledge.conditions import leaves

    return [leaf.describe() for leaf in leaves(fact.applies_to)]


def facts_in_force(knowledge: Knowledge, country: str, day: dt.date) -> list[tuple[Fact, State]]:
    found = []
    for fact in knowledge.facts_by_country.get(country, []):
        state = state_on(fact, day)
        if state is not None:
            found.append((fact, state))
    return found


_ENTRY_KINDS = ("entry_document", "entry_ban", "visa_application")


def country_view(
    knowledge: Knowledge, country: str, day: dt.date, lang: str, passports: tuple[str, ...] = DEFAULT_PASSPORTS
) -> dict[str, Any]:
    """Entry regime by passport and the facts in force on `day`; where the knowledge base says
    more than the entry table (documents accepted, bans, where to apply), it wins and says so."""
    facts = facts_in_force(knowledge, country, day)
    entry_facts = [(fact, state) for fact, state in facts if fact.kind.value in _ENTRY_KINDS]
    entry = {}
    for passport in passports:
        observation = knowledge.entry.lookup(passport, country, day) if knowledge.entry else None
        row: dict[str, Any] = observation.as_json() if observation else {"requirement": None}
        row["knowledge"] = _entry_knowledge(knowledge, entry_facts, passport, lang)
        row["effective"] = _effective(row["requirement"], row["knowledge"])
        entry[passport] = row
    return {
        "country": country,
        "name": country_name(country, lang),
        "as_of": day.isoformat(),
        "entry": entry,
        "facts": [fact_json(knowledge, fact, state, lang) for fact, state in facts],
    }


def _entry_knowledge(
    knowledge: Knowledge, entry_facts: list[tuple[Fact, State]], passport: str, lang: str
) -> list[dict[str, Any]]:
    """The entry facts that concern holders of `passport`: all of them (`applies: all`) or some
    of them, depending on other answers (`applies: some`)."""
    from ausweg.profile import Profile

    holder = Profile.model_validate({"citizenship": [passport]})
    found = []
    for fact, state in entry_facts:
        holds = knowledge.conditions[fact.id](holder)
        if holds is False:
            continue
        found.append({
            "fact": fact.id,
            "kind": fact.kind.value,
            "state": state.value,
            "document": fact.document.value if fact.document else None,
            "applies": "all" if holds else "some",
            "summary": (state.summary or fact.summary).get(lang),
            "sources": sorted({citation.source for citation in state.citations}),
        })
    return found


def _effective(requirement: str | None, known: list[dict[str, Any]]) -> str | None:
    """What the knowledge base makes of the table's requirement for holders of the passport."""
    if any(item["kind"] == "entry_ban" and item["state"] == "in_force" and item["applies"] == "all" for item in known):
        return "banned"
    if any(item["kind"] == "entry_ban" and item["state"] == "in_force" for item in known):
        return f"{requirement or 'unknown'}; banned for some"
    if any(item["kind"] == "entry_document" and item["state"] == "accepted" and item["document"] == "internal_passport"
           for item in known):
        return f"{requirement or 'unknown'}; internal passport accepted"
    return requirement


@dataclass(frozen=True)
class Change:
    date: FuzzyDate
    country: str  # the country asked about, else the first the fact names
    fact: Fact
    change: str  # starts, ends, suspended, resumed, changed
    state: State

    def as_json(self, lang: str) -> dict[str, Any]:
        return {
            "date": str(self.date),
            "date_precision": self.date.precision,
            "country": self.country,
            "countries": list(self.fact.countries),
            "area": self.fact.area,
            "fact": self.fact.id,
            "kind": self.fact.kind.value,
            "change": self.change,
            "value": self.state.value,
            "summary": (self.state.summary or self.fact.summary).get(lang),
            "sources": sorted({citation.source for citation in self.state.citations}),
        }


def _transition(previous: State | None, current: State) -> str:
    if previous is None:
        return "starts"
    if current.value in ("suspended", "closed", "lifted", "withdrawn", "ended"):
        return "suspended" if current.value == "suspended" else "ends"
    if previous.value in ("suspended", "closed"):
        return "resumed"
    return "changed"


def fact_changes(fact: Fact) -> list[tuple[FuzzyDate, str, State]]:
    """The dated changes of one fact; a start that is not known is not a change with a date."""
    changes: list[tuple[FuzzyDate, str, State]] = []
    previous: State | None = None
    for state in fact.states:
        if state.from_ != "unknown":
            changes.append((state_start(state), _transition(previous, state), state))
        previous = state
    last = fact.states[-1]
    if last.until is not None:
        changes.append((last.until, "ends", last))
    return changes


def changes(
    knowledge: Knowledge,
    since: dt.date | None = None,
    until: dt.date | None = None,
    country: str | None = None,
) -> list[Change]:
    """Every dated change, oldest first, within [since, until] (by the dates' possible days).
    A fact about several countries is one change, listing them all."""
    found = []
    for fact in knowledge.facts.values():
        for date, change, state in fact_changes(fact):
            if since is not None and date.last_day < since:
                continue
            if until is not None and date.first_day > until:
                continue
            if country is None or country in fact.countries:
                found.append(Change(date, country or fact.countries[0], fact, change, state))
    found.sort(key=lambda change: (change.date.first_day, change.country, change.fact.id))
    return found


def figure_json(figure: Figure, lang: str) -> dict[str, Any]:
    numbers = {"value": figure.value} if figure.value is not None else {"low": figure.low, "high": figure.high}
    return {
        "id": figure.id,
        "what": figure.what.get(lang),
        "topic": figure.topic.value,
        "countries": list(figure.countries),
        "qualifier": figure.qualifier.value,
        **numbers,
        "value_text": figure.value_text.get(lang),
        "unit": figure.unit.value,
        "period": {
            "from": str(figure.period.from_) if figure.period.from_ else None,
            "until": str(figure.period.until) if figure.period.until else None,
        },
        "citations": [citation_json(citation) for citation in figure.citations],
    }


def figures(knowledge: Knowledge, country: str | None = None, topic: str | None = None) -> list[Figure]:
    return [
        figure
        for figure in knowledge.figures.values()
        if (country is None or country in figure.countries) and (topic is None or figure.topic.value == topic)
    ]


def organisation_json(organisation: Organisation, lang: str) -> dict[str, Any]:
    return {
        "id": organisation.id,
        "name": organisation.name,
        "what": organisation.what.get(lang),
        "for_whom": organisation.for_whom.get(lang),
        "where": list(organisation.where),
        "url": str(organisation.url) if organisation.url else None,
        "citations": [citation_json(citation) for citation in organisation.citations],
    }


def country_summary(knowledge: Knowledge, country: str, lang: str) -> dict[str, Any]:
    """How much the knowledge base knows about one destination."""
    facts = knowledge.facts_by_country.get(country, [])
    sources = {citation.source for fact in facts for state in fact.states for citation in state.citations}
    kinds = sorted({fact.kind.value for fact in facts})
    has_entry = country in knowledge.entry_destinations
    return {
        "country": country,
        "name": country_name(country, lang),
        "facts": len(facts),
        "sources": len(sources),
        "kinds": kinds,
        "entry_table": has_entry,
        "coverage": "deep" if facts else "entry_only" if has_entry else "none",
    }


def overview(knowledge: Knowledge, lang: str) -> dict[str, Any]:
    """What the knowledge base holds: counts, the entry table's span, the destinations known in depth."""
    entry = knowledge.entry
    snapshots = entry.snapshots if entry else ()
    return {
        "knowledge_version": knowledge.version,
        "sources": len(knowledge.sources),
        "facts": len(knowledge.facts),
        "figures": len(knowledge.figures),
        "orgs": len(knowledge.organisations),
        "passports": len(entry.passports()) if entry else 0,
        "destinations": len(entry.destinations()) if entry else 0,
        "snapshots": len(snapshots),
        "first": snapshots[0] if snapshots else "-",
        "last": snapshots[-1] if snapshots else "-",
        "deep": [country_summary(knowledge, code, lang) for code in sorted(knowledge.facts_by_country)],
    }
