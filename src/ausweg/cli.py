"""The `ausweg` command: parses arguments and hands over to the command modules.

Only argparse is imported here, so `ausweg --help` stays fast; each command imports what it
needs when it runs. Bad input of any kind ends with a one-line message and exit code 2 (1 for
problems in the knowledge base), never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

LANGS = ("en", "ru", "de")
DESCRIPTION = (
    "ausweg: where a person leaving Russia can realistically go, by which legal pathway, with which "
    "risks, as of a given day, with the source of every statement."
)


def _common(format_choices: Sequence[str] = ("table", "json")) -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--format", choices=format_choices, default=format_choices[0], help="output format")
    parent.add_argument("--lang", choices=LANGS, default="en", help="language of the output")
    parent.add_argument("--knowledge", metavar="DIR", help="knowledge folder (default: the bundled one)")
    return parent


def _add(
    commands: argparse._SubParsersAction, name: str, handler: str, help_text: str, parents: list
) -> argparse.ArgumentParser:
    parser = commands.add_parser(name, help=help_text, description=help_text, parents=parents)
    parser.set_defaults(handler=handler)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ausweg", description=DESCRIPTION)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = [_common()]

    _add(commands, "overview", "ausweg.cli_browse:overview", "what the knowledge base holds, in short", common)

    check = _add(commands, "check", "ausweg.cli_browse:check", "validate the whole knowledge base", [_common(("text",))])
    check.add_argument("--seeds", metavar="DIR", help="folder of the seed articles (default: ../shared/seeds)")

    _add(commands, "countries", "ausweg.cli_browse:countries", "every destination and how much is known", common)

    country = _add(commands, "country", "ausweg.cli_browse:country", "entry regime and facts in force for one country", common)
    country.add_argument("code", help="ISO 3166-1 alpha-2 code, e.g. AM")
    country.add_argument("--as-of", metavar="DATE", help="the day asked about, YYYY-MM-DD (default: today)")
    country.add_argument("--passport", nargs="+", metavar="CODE", help="passports to show (default: RU BY); 'all' for all")

    changes = _add(commands, "changes", "ausweg.cli_browse:changes", "timeline of dated policy changes", common)
    changes.add_argument("--since", metavar="DATE", help="first day, YYYY-MM-DD")
    changes.add_argument("--until", metavar="DATE", help="last day, YYYY-MM-DD")
    changes.add_argument("--country", metavar="CODE", help="only this country")

    sources = _add(commands, "sources", "ausweg.cli_browse:sources", "the sources, or one source and what cites it", common)
    sources.add_argument("id", nargs="?", help="a source id")

    figures = _add(commands, "figures", "ausweg.cli_browse:figures", "numbers a researcher would cite", common)
    figures.add_argument("--country", metavar="CODE", help="only figures counting in this country")
    figures.add_argument("--topic", help="only this topic, e.g. emigration, visas, desertion")

    _add(commands, "orgs", "ausweg.cli_browse:orgs", "organisations that help", common)

    _add(commands, "coverage", "ausweg.cli_browse:coverage",
         "how well each destination is known, topic by topic", [_common(("table", "json", "markdown"))])

    assess = _add(commands, "assess", "ausweg.cli_assess:assess_command",
                  "where this person can go, by which pathway, with which risks", [_common(("table", "json", "markdown"))])
    source = assess.add_mutually_exclusive_group()
    source.add_argument("--profile", metavar="FILE", help="the person's profile, YAML or JSON")
    source.add_argument("--example", metavar="NAME", help="a shipped example profile, e.g. deserter")
    assess.add_argument("--interview", action="store_true", help="ask the questions even if stdin is not a terminal")
    assess.add_argument("--as-of", metavar="DATE", help="the day asked about, YYYY-MM-DD (default: today)")
    assess.add_argument("--compare", metavar="DATE", help="show what changed for this person since DATE")
    assess.add_argument("--country", nargs="+", metavar="CODE", help="only these destinations")
    assess.add_argument("--top", type=int, metavar="N", help="show the first N destinations (default: those known in depth)")
    assess.add_argument("--explain", action="store_true", help="the full trace: facts, conditions, quotes")
    _profile_flags(assess)

    importer = _add(commands, "import", "ausweg.cli_browse:import_data", "import third-party data into knowledge/", [])
    importer.add_argument("dataset", choices=["passport-index"], help="which dataset")
    importer.add_argument("directory", help="folder of the dataset's snapshots")
    importer.add_argument("--output", metavar="FILE", help="where to write (default: knowledge/entry/passport-index.json)")

    serve = _add(commands, "serve", "ausweg.web.server:serve_command",
                 "the web app and JSON API (stores and logs no profile)", [])
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on")
    serve.add_argument("--workers", type=int, default=1, metavar="N", help="worker processes")
    serve.add_argument("--knowledge", metavar="DIR", help="knowledge folder (default: the bundled one)")
    serve.add_argument("--no-access-log", action="store_true",
                       help="log no requests at all (by default: method, path, status and time only)")

    export = _add(commands, "export-site", "ausweg.web.export:export_command",
                  "every non-personal page, in every language, as a static site for mirrors", [])
    export.add_argument("directory", help="folder to write (empty, or an earlier export)")
    export.add_argument("--as-of", metavar="DATE", help="the day the country pages show, YYYY-MM-DD (default: today)")
    export.add_argument("--live-url", metavar="URL", help="a live ausweg site the mirror's interview page names")
    export.add_argument("--knowledge", metavar="DIR", help="knowledge folder (default: the bundled one)")
    return parser


def _profile_flags(parser: argparse.ArgumentParser) -> None:
    from ausweg.cli_assess import add_profile_flags

    add_profile_flags(parser)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["overview", *(argv or [])])
    module_name, function_name = args.handler.split(":")
    handler = getattr(importlib.import_module(module_name), function_name)
    try:
        return int(handler(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # noqa: BLE001 - the one place every error becomes a message
        return _report(error)


def _report(error: Exception) -> int:
    from ausweg.knowledge.problems import KnowledgeError

    if isinstance(error, KnowledgeError):
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"ausweg: the knowledge base has {len(error.problems)} problem(s); run `ausweg check`", file=sys.stderr)
        return 1
    if isinstance(error, (ValueError, LookupError, OSError)):
        print(f"ausweg: {error}", file=sys.stderr)
        return 2
    print(f"ausweg: internal error ({type(error).__name__}): {error}", file=sys.stderr)
    return 3


if __name__ == "__main__":
    sys.exit(main())
