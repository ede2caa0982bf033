"""The command reference is generated from the code; undocumented commands, options or settings fail."""

from __future__ import annotations

import re
from pathlib import Path

from ausweg.cli import build_parser
from ausweg.cli_docs import _subcommands, render
from ausweg.settings import SETTINGS

ROOT = Path(__file__).resolve().parents[1]


def test_docs_cli_md_is_current() -> None:
    assert (ROOT / "docs" / "CLI.md").read_text(encoding="utf-8") == render(), "run `make docs` and commit docs/CLI.md"


def test_every_command_and_option_has_help() -> None:
    for name, sub in _subcommands(build_parser()).items():
        assert sub.description, f"command {name} has no description"
        for action in sub._actions:
            assert action.help, f"option {action.option_strings or action.dest} of {name} has no help"


def test_every_environment_variable_read_is_documented() -> None:
    used = set()
    for path in (ROOT / "src").rglob("*.py"):
        used |= set(re.findall(r"""env\(\s*["']([A-Z_]+)["']""", path.read_text(encoding="utf-8")))
        assert "os.environ.get(" not in path.read_text(encoding="utf-8") or path.name == "settings.py", (
            f"{path} reads the environment directly; use ausweg.settings.env"
        )
    assert used <= set(SETTINGS), used - set(SETTINGS)
    assert used, "the settings scan found nothing: the pattern is stale"
