"""Generate docs/CLI.md from the argument parser itself, so the reference can never drift.

`make docs` writes it; a test fails when the committed file differs from what this prints.
"""

from __future__ import annotations

import argparse
import os

from ausweg.cli import build_parser
from ausweg.settings import SETTINGS


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:  # argparse offers no public accessor for subparsers
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _option_rows(parser: argparse.ArgumentParser) -> list[str]:
    rows = []
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        names = ", ".join(action.option_strings) or action.dest
        choices = f" ({', '.join(map(str, action.choices))})" if action.choices else ""
        default = f" Default: `{action.default}`." if action.default not in (None, False, argparse.SUPPRESS) else ""
        help_text = (action.help or "").replace("|", "\\|")
        rows.append(f"| `{names}` | {help_text}{choices}.{default} |")
    return rows


def render() -> str:
    os.environ["COLUMNS"] = "100"  # usage lines wrap at the terminal width; fix it
    parser = build_parser()
    lines = [
        "# `ausweg` command reference",
        "",
        "Generated from the code by `make docs` (`python -m ausweg.cli_docs`); do not edit by hand.",
        "",
        parser.description or "",
        "",
    ]
    for name, sub in _subcommands(parser).items():
        lines += [f"## `ausweg {name}`", "", sub.description or "", "", "```", sub.format_usage().strip(), "```", ""]
        rows = _option_rows(sub)
        if rows:
            lines += ["| option | meaning |", "|---|---|", *rows, ""]
    lines += ["## Settings (environment variables)", "", "| variable | meaning |", "|---|---|"]
    lines += [f"| `{name}` | {meaning} |" for name, meaning in SETTINGS.items()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render(), end="")
