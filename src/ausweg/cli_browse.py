"""The browsing commands: check, overview, countries, country, changes, sources, figures, orgs, import.

Each builds its data with `ausweg.knowledge.queries` (the same data the web app shows) and
prints it as a table or as JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from ausweg.cli_render import as_json, table, wrap
from ausweg.countries import normalise_country_code
from ausweg.dates import day_option
from ausweg.i18n import t
from ausweg.knowledge import queries
from ausweg.knowledge.base import Knowledge
from ausweg.knowledge.loader import check_knowledge, default_knowledge_dir, load_knowledge


def _knowledge(args: argparse.Namespace) -> Knowledge:
    return load_knowledge(Path(args.knowledge) if args.knowledge else None)



def _emit(args: argparse.Namespace, data: Any, text: str) -> int:
    print(as_json(data) if args.format == "json" else text)
    return 0


def check(args: argparse.Namespace) -> int:
    directory = Path(args.knowledge) if args.knowledge else default_knowledge_dir()
    report = check_knowledge(directory, seeds_dir=Path(args.seeds) if args.seeds else None)
    for problem in report.problems:
        print(problem)
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    if report.problems:
        print(f"{len(report.problems)} problem(s) in {report.files} file(s)", file=sys.stderr)
        return 1
    knowledge = report.knowledge
    assert knowledge is not None
    print(
        f"ok: {report.files} files, {len(knowledge.sources)} sources, {len(knowledge.facts)} facts, "
        f"{len(knowledge.figures)} figures, {len(knowledge.organisations)} organisations, "
        f"{len(knowledge.coverage)} seed coverage files"
    )
    return 0


def overview(args: argparse.Namespace) -> int:
    knowledge = _knowledge(args)
    lang = args.lang
    data = queries.overview(knowledge, lang)
    counts = {key: value for key, value in data.items() if key not in ("deep", "knowledge_version")}
    deep = data["deep"]
    lines = [t("overview_title", lang), t("overview_counts", lang, **counts), "", t("overview_deep", lang) + ":"]
    lines.append(table([t("code", lang), t("country", lang), t("facts", lang), t("sources", lang)],
                       [[row["country"], row["name"], row["facts"], row["sources"]] for row in deep]))
    lines += ["", t("overview_next", lang)]
    return _emit(args, data, "\n".join(lines))


def countries(args: argparse.Namespace) -> int:
    knowledge = _knowledge(args)
    lang = args.lang
    rows = [queries.country_summary(knowledge, code, lang) for code in knowledge.countries()]
    rows.sort(key=lambda row: (-row["facts"], row["country"]))
    text = table(
        [t("code", lang), t("country", lang), t("facts", lang), t("sources", lang), t("entry_table", lang), t("kinds", lang)],
        [[r["country"], r["name"], r["facts"], r["sources"], t("yes" if r["entry_table"] else "no", lang), r["kinds"]]
         for r in rows],
    )
    return _emit(args, rows, text)


def country(args: argparse.Namespace) -> int:
    knowledge = _knowledge(args)
    lang = args.lang
    code = normalise_country_code(args.code)
    day = day_option(args.as_of, "--as-of") or dt.date.today()
    passports = _passports(knowledge, args.passport)
    view = queries.country_view(knowledge, code, day, lang, passports)
    return _emit(args, view, _country_text(view, lang))


def _passports(knowledge: Knowledge, wanted: list[str] | None) -> tuple[str, ...]:
    if not wanted:
        return queries.DEFAULT_PASSPORTS
    if wanted == ["all"]:
        return tuple(knowledge.entry.passports()) if knowledge.entry else ()
    return tuple(normalise_country_code(code) for code in wanted)


def _requirement_text(observation: dict[str, Any], lang: str) -> list[str]:
    if observation["requirement"] is None:
        return [t("no_data", lang), "-", observation["effective"] or "-"]
    requirement = observation["requirement"].replace("_", " ")
    if observation.get("days"):
        requirement += f" ({observation['days']} d)"
    seen = f"{observation['first_observed']}..{observation['last_observed']}"
    if observation.get("stale"):
        seen += "; " + t("stale", lang, date=observation["last_observed"])
    elif observation.get("next_observed"):
        seen += "; " + t("until_changed", lang, date=observation["next_observed"])
    knowledge = ", ".join(item["fact"] for item in observation["knowledge"])
    effective = (observation["effective"] or "-").replace("_", " ")
    return [requirement, seen, f"{effective} ({knowledge})" if knowledge else effective]


def _country_text(view: dict[str, Any], lang: str) -> str:
    lines = [f"{view['name']} ({view['country']}), {t('as_of', lang).lower()} {view['as_of']}", ""]
    lines.append(t("entry_by_passport", lang) + " (Passport Index):")
    lines.append(table([t("passport", lang), t("requirement", lang), t("observed", lang), t("knowledge_wins", lang)],
                       [[passport, *_requirement_text(obs, lang)] for passport, obs in view["entry"].items()],
                       max_cell=70))
    lines += ["", t("facts_in_force", lang) + ":"]
    if not view["facts"]:
        lines.append(t("no_facts", lang))
    for fact in view["facts"]:
        lines.append(f"- [{fact['id']}] {fact['kind']}: {fact['state']} ({_valid(fact)})")
        lines.append(wrap(fact["summary"], "    "))
        for citation in fact["citations"]:
            lines.append(wrap(f"« {citation['quote']} » ({t('said_by', lang)} {citation['said_by']}; {citation['source']})", "      "))
    return "\n".join(lines)


def _valid(fact: dict[str, Any]) -> str:
    start = fact["valid_from"] or f"≥{fact['not_before']}"
    return f"{start}..{fact['valid_until'] or ''}"


def changes(args: argparse.Namespace) -> int:
    knowledge = _knowledge(args)
    lang = args.lang
    found = queries.changes(
        knowledge,
        since=day_option(args.since, "--since"),
        until=day_option(args.until, "--until"),
        country=normalise_country_code(args.country) if args.country else None,
    )
    data = [change.as_json(lang) for change in found]
    text = table(
        [t("date", lang), t("country", lang), t("change", lang), t("fact", lang), t("summary", lang)],
        [[row["date"], _where(row), row["change"], row["fact"], row["summary"]] for row in data],
        max_cell=70,
    )
    return _emit(args, data, text)


def _where(row: dict[str, Any]) -> str:
    others = len(row["countries"]) - 1
    return row["country"] + (f" +{others}" if others > 0 and row["country"] == row["countries"][0] else "")


def sources(args: argparse.Namespace) -> int:
    knowledge = _knowledge(args)
    lang = args.lang
    if args.id:
        source = knowledge.sources.get(args.id)
        if source is None:
            raise LookupError(f"source {args.id!r} is not in the knowledge base; `ausweg sources` lists them")
        cited_by = sorted(
            item_id for item_id, item in [*knowledge.facts.items(), *knowledge.figures.items(),
                                          *knowledge.organisations.items()]
            if args.id in _cited_sources(item)
        )
        data = {**queries.source_json(source), "cited_by": cited_by}
        text = "\n".join(f"{key}: {value}" for key, value in data.items())
        return _emit(args, data, text)
    data = [queries.source_json(source) for source in knowledge.sources.values()]
    text = table([t("code", lang), t("publisher", lang), t("published", lang), t("title", lang)],
                 [[row["id"], row["publisher"], row["published"], row["title"]] for row in data])
    return _emit(args, data, text)


def _cited_sources(item: Any) -> set[str]:
    from ausweg.knowledge.validate import citations_of

    return {citation.source for _, citation in citations_of(item)}


def figures(args: argparse.Namespace) -> int:
    knowledge = _knowledge(args)
    lang = args.lang
    country_code = normalise_country_code(args.country) if args.country else None
    data = [queries.figure_json(figure, lang) for figure in queries.figures(knowledge, country_code, args.topic)]
    text = table([t("code", lang), t("what", lang), t("value", lang), t("where", lang)],
                 [[row["id"], row["what"], row["value_text"], row["countries"]] for row in data], max_cell=70)
    return _emit(args, data, text)


def orgs(args: argparse.Namespace) -> int:
    knowledge = _knowledge(args)
    lang = args.lang
    data = [queries.organisation_json(org, lang) for org in knowledge.organisations.values()]
    text = table([t("name", lang), t("what", lang), t("for_whom", lang), t("where", lang)],
                 [[row["name"], row["what"], row["for_whom"], row["where"]] for row in data], max_cell=60)
    return _emit(args, data, text)


def import_data(args: argparse.Namespace) -> int:
    from ausweg.ingest.passport_index import run_import
    from ausweg.knowledge.loader import ENTRY_TABLE

    output = Path(args.output) if args.output else default_knowledge_dir() / ENTRY_TABLE
    directory = Path(args.directory)
    if not directory.is_dir():
        raise ValueError(f"snapshot folder {str(directory)!r} does not exist")
    summary = run_import(directory, output)
    print(f"imported {summary} into {output}")
    return 0


def coverage(args: argparse.Namespace) -> int:
    from ausweg.knowledge.topics import CORE_TOPICS, coverage_report, in_depth

    knowledge = _knowledge(args)
    rows = coverage_report(knowledge, args.lang)
    if args.format == "json":
        print(as_json(rows))
        return 0
    marks = {"covered": "●", "partial": "◐", "open": "○"}
    topics = list(rows[0]["topics"]) if rows else []
    headers = [t("code", args.lang), t("country", args.lang), *topics, t("sources", args.lang), "newest", "open"]
    body = [[row["country"], row["name"], *(marks[row["topics"][topic]] for topic in topics), row["sources"],
             row["newest_source"], len(row["open_questions"])] for row in rows]
    deep = sum(1 for row in rows if in_depth(row))
    summary = (f"{deep} of {len(rows)} destinations have {', '.join(CORE_TOPICS)} covered "
               "(● covered: two or more independent sources; ◐ partial: one; ○ open)")
    if args.format == "markdown":
        lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
        lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in body]
        print("\n".join(lines) + "\n\n" + summary)
    else:
        print(table(headers, body) + "\n\n" + summary)
    return 0
