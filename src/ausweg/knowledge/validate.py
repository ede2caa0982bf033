"""Checks across knowledge files: references, dates, conditions, fact kinds, country codes.

Each check yields `Problem`s located to file:line; none of them raises. Seed quotes and seed
coverage are checked in `ausweg.knowledge.seeds`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ausweg.countries import is_country_code
from ausweg.knowledge.conditions import check_condition
from ausweg.knowledge.files import SourceFile
from ausweg.knowledge.problems import Problem
from ausweg.knowledge.profile_schema import suggest
from ausweg.knowledge.schema import (
    STATE_VALUES,
    Citation,
    Fact,
    FactKind,
    Figure,
    KnowledgeFile,
    OpenQuestion,
    Organisation,
    Source,
)

Item = Source | Fact | Figure | Organisation | OpenQuestion

# Which topic field each fact kind needs; the others must stay empty.
_KIND_FIELDS: dict[FactKind, tuple[str, ...]] = {
    FactKind.entry_document: ("document",),
    FactKind.visa_application: ("visa_types",),
    FactKind.pathway: ("pathway",),
    FactKind.indicator: ("pathway",),
    FactKind.risk: ("risk",),
}
_TOPIC_FIELDS = ("document", "pathway", "risk", "visa_types")


@dataclass(frozen=True)
class Located:
    item: Item
    file: SourceFile
    section: str
    index: int

    def problem(self, sub: list[str | int], message: str, fix: str) -> Problem:
        return self.file.problem([self.section, self.index, *sub], self.item.id, message, fix)


def index_items(files: list[SourceFile]) -> tuple[dict[str, Located], list[Problem]]:
    """Every item by id; an id used twice is a problem (ids share one namespace)."""
    items: dict[str, Located] = {}
    problems: list[Problem] = []
    for source_file in files:
        if not isinstance(source_file.model, KnowledgeFile):
            continue
        for section in ("sources", "facts", "figures", "organisations", "open_questions"):
            for index, item in enumerate(getattr(source_file.model, section)):
                located = Located(item, source_file, section, index)
                if item.id in items:
                    first = items[item.id]
                    problems.append(
                        located.problem(
                            ["id"],
                            f"id {item.id!r} is already used in {first.file.name}",
                            "give each source, fact, figure and organisation its own id",
                        )
                    )
                    continue
                items[item.id] = located
    return items, problems


def check_items(items: dict[str, Located]) -> list[Problem]:
    source_ids = {key for key, located in items.items() if isinstance(located.item, Source)}
    problems: list[Problem] = []
    for located in items.values():
        item = located.item
        if isinstance(item, Fact):
            problems.extend(_check_fact(located, item, items))
        if isinstance(item, Figure):
            problems.extend(_check_countries(located, ["countries"], item.countries))
            problems.extend(_check_period(located, item))
        if isinstance(item, Organisation):
            problems.extend(_check_countries(located, ["where"], item.where))
        if isinstance(item, OpenQuestion):
            problems.extend(_check_countries(located, ["countries"], item.countries))
        for sub, citation in citations_of(item):
            if citation.source not in source_ids:
                problems.append(
                    located.problem(
                        [*sub, "source"],
                        f"cites unknown source {citation.source!r}",
                        f"add the source to knowledge/sources.yaml or correct the id{suggest(citation.source, source_ids)}",
                    )
                )
    return problems


def citations_of(item: Item) -> Iterator[tuple[list[str | int], Citation]]:
    """Every citation of an item, with its location inside the item."""
    if isinstance(item, Fact):
        for state_index, state in enumerate(item.states):
            for index, citation in enumerate(state.citations):
                yield ["states", state_index, "citations", index], citation
    elif isinstance(item, (Figure, Organisation)):
        for index, citation in enumerate(item.citations):
            yield ["citations", index], citation


def _check_countries(located: Located, sub: list[str | int], codes: list[str]) -> list[Problem]:
    return [
        located.problem(
            [*sub, index], f"{code!r} is not an ISO 3166-1 alpha-2 country code", "use a code such as AM, DE or KZ"
        )
        for index, code in enumerate(codes)
        if not is_country_code(code)
    ]


def _check_fact(located: Located, fact: Fact, items: dict[str, Located]) -> list[Problem]:
    problems = _check_countries(located, ["countries"], fact.countries)
    problems.extend(
        located.problem(["applies_to"], f"applies_to: {message}", "correct the condition against the profile schema")
        for message in check_condition(fact.applies_to)
    )
    problems.extend(_check_kind_fields(located, fact))
    problems.extend(_check_states(located, fact))
    for field, wanted in (("figures", Figure), ("conflicts_with", Fact)):
        for index, ref in enumerate(getattr(fact, field)):
            target = items.get(ref)
            if target is None or not isinstance(target.item, wanted) or ref == fact.id:
                candidates = [key for key, other in items.items() if isinstance(other.item, wanted)]
                problems.append(
                    located.problem(
                        [field, index],
                        f"{field} names {ref!r}, which is not another {wanted.__name__.lower()}",
                        f"use an existing id{suggest(ref, candidates)}",
                    )
                )
    return problems


def _check_kind_fields(located: Located, fact: Fact) -> list[Problem]:
    needed = _KIND_FIELDS.get(fact.kind, ())
    problems = []
    for field in _TOPIC_FIELDS:
        present = bool(getattr(fact, field))
        if field in needed and not present:
            problems.append(located.problem(["kind"], f"a {fact.kind.value} fact needs `{field}`", f"add `{field}:`"))
        if field not in needed and present:
            problems.append(
                located.problem(
                    [field], f"`{field}` has no meaning for a {fact.kind.value} fact", f"remove `{field}` or change `kind`"
                )
            )
    return problems


def _check_states(located: Located, fact: Fact) -> list[Problem]:
    allowed = STATE_VALUES[fact.kind]
    problems = []
    previous_end = None
    for index, state in enumerate(fact.states):
        if state.value not in allowed:
            problems.append(
                located.problem(
                    ["states", index, "value"],
                    f"value {state.value!r} is not a state of a {fact.kind.value} fact",
                    f"use one of {', '.join(allowed)}{suggest(state.value, allowed)}",
                )
            )
        start = state.not_before if state.from_ == "unknown" else state.from_
        assert start is not None
        if state.until is not None and state.until.last_day < start.first_day:
            problems.append(
                located.problem(
                    ["states", index, "until"],
                    f"until {state.until} is before from {start}",
                    "swap the dates or correct them",
                )
            )
        if previous_end is not None and start.first_day <= previous_end:
            problems.append(
                located.problem(
                    ["states", index, "from"],
                    f"state starts {start}, before the previous state ends",
                    "list states in time order, each starting after the previous `until`",
                )
            )
        if state.posts and fact.kind is not FactKind.visa_application:
            problems.append(
                located.problem(["states", index, "posts"], "posts belong to visa_application facts", "remove `posts`")
            )
        problems.extend(_check_countries(located, ["states", index, "posts"], [post.country for post in state.posts]))
        previous_end = state.until.last_day if state.until else start.last_day if index + 1 < len(fact.states) else None
        if state.until is None and index + 1 < len(fact.states):
            problems.append(
                located.problem(
                    ["states", index],
                    "only the last state may be open-ended",
                    "give this state an `until` (the day before the next state starts)",
                )
            )
    return problems


def _check_period(located: Located, figure: Figure) -> list[Problem]:
    start, end = figure.period.from_, figure.period.until
    if start is not None and end is not None and end.last_day < start.first_day:
        return [located.problem(["period"], f"period ends {end} before it starts {start}", "correct the period")]
    return []
