"""`ausweg assess`: the assessment for one person, from a file, an example, flags or an interview.

The profile is built here and handed to `ausweg.assess`; nothing of it is logged or written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from ausweg.cli_render import as_json
from ausweg.dates import day_option
from ausweg.knowledge.profile_schema import FieldSpec, profile_fields
from ausweg.profile import Profile


def add_profile_flags(parser: argparse.ArgumentParser) -> None:
    """One flag per profile field, named by its path (e.g. --military.status), from the schema."""
    group = parser.add_argument_group("profile fields (override the profile file or example)")
    for path, spec in profile_fields().items():
        group.add_argument(f"--{path}", dest=f"field:{path}", metavar=_metavar(spec), **_flag_options(spec))


def _metavar(spec: FieldSpec) -> str:
    if spec.values:
        return "|".join(spec.values) if spec.kind == "choice" else "{" + ",".join(spec.values) + "}"
    return {"count": "N", "country": "CODE", "country_list": "CODE", "language_list": "LANG"}[spec.kind]


def _flag_options(spec: FieldSpec) -> dict[str, Any]:
    if spec.kind == "count":
        return {"type": int, "help": "a number"}
    if spec.kind.endswith("_list"):
        return {"nargs": "+", "help": "one or more"}
    return {"help": "one value"}


def _flag_data(args: argparse.Namespace) -> dict[str, Any]:
    from ausweg.interview import answers_to_profile_data

    flags = {key.removeprefix("field:"): value for key, value in vars(args).items() if key.startswith("field:")}
    return answers_to_profile_data(flags)


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


def build_profile(args: argparse.Namespace) -> Profile:
    from ausweg.profile_io import example_profile, profile_from_data, read_profile

    if args.profile and args.example:
        raise ValueError("give --profile or --example, not both")
    base: dict[str, Any] = {}
    if args.profile:
        base = read_profile(Path(args.profile)).model_dump(mode="json")
    elif args.example:
        base = example_profile(args.example).model_dump(mode="json")
    flags = _flag_data(args)
    if not base and not flags:
        base = _interview(args)
    return profile_from_data(_merge(base, flags))


def _interview(args: argparse.Namespace) -> dict[str, Any]:
    if not (args.interview or sys.stdin.isatty()):
        raise ValueError("no profile: give --profile FILE, --example NAME or field flags (see --help), "
                         "or run in a terminal for the interview")
    from ausweg.engine.assess import bundled_knowledge
    from ausweg.interview import run_terminal_interview

    knowledge = _knowledge(args) or bundled_knowledge()
    return run_terminal_interview(knowledge, args.lang, input, lambda text: print(text, file=sys.stderr))


def _knowledge(args: argparse.Namespace) -> Any:
    if not args.knowledge:
        return None
    from ausweg.knowledge.loader import load_knowledge

    return load_knowledge(Path(args.knowledge))



def assess_command(args: argparse.Namespace) -> int:
    from ausweg.engine.assess import assess

    profile = build_profile(args)
    as_of = day_option(args.as_of, "--as-of") or dt.date.today()
    knowledge = _knowledge(args)
    if args.compare:
        return _compare(args, profile, as_of, knowledge)
    data = assess(profile, as_of, args.lang, knowledge=knowledge, countries=args.country).as_json()
    print(_render(args, data))
    return 0


def _render(args: argparse.Namespace, data: dict[str, Any]) -> str:
    from ausweg.report import assessment_markdown, assessment_text

    if args.format == "json":
        return as_json(data)
    render = assessment_markdown if args.format == "markdown" else assessment_text
    return render(data, args.lang, top=args.top, explain=args.explain)


def _compare(args: argparse.Namespace, profile: Profile, as_of: dt.date, knowledge: Any) -> int:
    from ausweg.engine.compare import compare, comparison_text

    other = day_option(args.compare, "--compare")
    assert other is not None
    since, until = sorted((other, as_of))
    data = compare(profile, since, until, args.lang, knowledge=knowledge, countries=args.country)
    print(as_json(data) if args.format == "json" else comparison_text(data, args.lang))
    return 0
