"""How well each destination is known: per topic covered, partial or open, from the facts themselves.

A topic is `covered` when facts about it cite at least two independent sources (different
publishers), `partial` with one, `open` with none. Statements about a large group of countries at
once (the EU as a whole) count for each of them, but only as `partial`: they do not make a
country known in depth. For entry, the Passport Index table counts as one source. Which facts
belong to which topic follows from their kind (and pathway), so no fact is tagged by hand.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any, Literal

from ausweg.countries import country_name
from ausweg.dates import FuzzyDate
from ausweg.knowledge.base import Knowledge
from ausweg.knowledge.schema import Fact, FactKind, PathwayKind, Topic

Level = Literal["covered", "partial", "open"]
WAR_START = dt.date(2022, 2, 24)
GROUP_SIZE = 10  # a fact about this many countries or more is a statement about a group
ORIGIN = "RU"  # the country people leave: known to the knowledge base, never a destination

_ENTRY_PATHWAYS = frozenset({PathwayKind.visa_free_stay, PathwayKind.tourist_visa})
_ASYLUM_PATHWAYS = frozenset({PathwayKind.asylum, PathwayKind.humanitarian_visa})


def fact_topics(fact: Fact) -> set[Topic]:
    """The topics a fact informs, from its kind."""
    topics: set[Topic] = set()
    if fact.kind in (FactKind.entry_document, FactKind.entry_ban, FactKind.visa_application):
        topics.add(Topic.entry)
    if fact.kind in (FactKind.entry_ban, FactKind.risk):
        topics.add(Topic.risks)
    if fact.kind in (FactKind.pathway, FactKind.indicator) and fact.pathway is not None:
        if fact.pathway in _ENTRY_PATHWAYS:
            topics.add(Topic.entry)
        topics.add(Topic.asylum if fact.pathway in _ASYLUM_PATHWAYS else Topic.legal_stay)
        if fact.pathway is PathwayKind.visa_free_stay:
            topics.add(Topic.legal_stay)
    if fact.kind is FactKind.judgment:
        topics.add(Topic.asylum)
    if _changed_since_war(fact):
        topics.add(Topic.changes)
    return topics


def _changed_since_war(fact: Fact) -> bool:
    """A dated change since the full-scale invasion: a rule that started, ended or changed then."""
    if fact.kind in (FactKind.advice, FactKind.judgment, FactKind.indicator):
        return False
    dated = [state.from_ for state in fact.states if isinstance(state.from_, FuzzyDate)]
    ends = [state.until for state in fact.states if state.until is not None]
    return any(date.last_day >= WAR_START for date in [*dated, *ends]) and (
        len(fact.states) > 1 or fact.statement.value == "official_decision" or bool(ends)
    )


def _publishers(knowledge: Knowledge, facts: list[Fact]) -> set[str]:
    return {
        knowledge.sources[citation.source].publisher
        for fact in facts
        for state in fact.states
        for citation in state.citations
    }


def _level(specific: set[str], general: set[str]) -> Level:
    if len(specific) >= 2:
        return "covered"
    return "partial" if specific or general else "open"


def _topic_level(knowledge: Knowledge, facts: list[Fact], extra: set[str]) -> Level:
    specific = [fact for fact in facts if len(fact.countries) < GROUP_SIZE]
    general = [fact for fact in facts if len(fact.countries) >= GROUP_SIZE]
    return _level(_publishers(knowledge, specific) | extra, _publishers(knowledge, general))


def destination_coverage(knowledge: Knowledge, country: str, lang: str = "en") -> dict[str, Any]:
    facts = knowledge.facts_by_country.get(country, [])
    by_topic: dict[Topic, list[Fact]] = defaultdict(list)
    for fact in facts:
        for topic in fact_topics(fact):
            by_topic[topic].append(fact)
    table = set()
    if knowledge.entry is not None and country in knowledge.entry_destinations and "passport-index" in knowledge.sources:
        table = {knowledge.sources["passport-index"].publisher}
    topics: dict[str, Level] = {
        topic.value: _topic_level(knowledge, by_topic[topic], table if topic is Topic.entry else set())
        for topic in Topic
    }
    organisations = [org for org in knowledge.organisations.values() if country in org.where]
    org_publishers = {knowledge.sources[c.source].publisher for org in organisations for c in org.citations}
    topics[Topic.organisations.value] = _level(org_publishers, set())
    source_ids = {c.source for fact in facts for state in fact.states for c in state.citations}
    dates = [knowledge.sources[source_id].published for source_id in source_ids]
    newest = max(dates, key=lambda date: date.last_day) if dates else None
    return {
        "country": country,
        "name": country_name(country, lang),
        "topics": topics,
        "facts": len(facts),
        "sources": len(source_ids),
        "newest_source": str(newest) if newest else None,
        "open_questions": [
            {"id": question.id, "topic": question.topic.value, "question": question.question}
            for question in knowledge.open_questions.values()
            if country in question.countries
        ],
    }


def coverage_report(knowledge: Knowledge, lang: str = "en") -> list[dict[str, Any]]:
    """Every destination the knowledge base has facts about, best covered first."""
    rows = [destination_coverage(knowledge, country, lang) for country in knowledge.facts_by_country if country != ORIGIN]
    rank = {"covered": 2, "partial": 1, "open": 0}
    rows.sort(key=lambda row: (-sum(rank[level] for level in row["topics"].values()), -row["sources"], row["country"]))
    return rows


CORE_TOPICS = (Topic.entry.value, Topic.legal_stay.value, Topic.asylum.value, Topic.risks.value)


def in_depth(row: dict[str, Any]) -> bool:
    """Known in depth: entry, legal stay, asylum practice and risks all covered."""
    return all(row["topics"][topic] == "covered" for topic in CORE_TOPICS)
