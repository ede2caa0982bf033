"""Plain-text rendering for the terminal: tables and wrapped paragraphs, no colours, no widths guessed."""

from __future__ import annotations

import json
import shutil
import textwrap
import unicodedata
from collections.abc import Sequence
from typing import Any


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], max_cell: int = 60) -> str:
    """A left-aligned text table; long cells are cut with an ellipsis."""
    cells = [[_cell(value, max_cell) for value in row] for row in rows]
    widths = [display_width(header) for header in headers]
    for row in cells:
        widths = [max(width, display_width(cell)) for width, cell in zip(widths, row, strict=True)]
    lines = ["  ".join(_pad(header, width) for header, width in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * width for width in widths))
    lines.extend("  ".join(_pad(cell, width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in cells)
    return "\n".join(lines)


def _cell(value: Any, max_cell: int) -> str:
    if value is None:
        return "-"
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(item) for item in value)
    text = " ".join(str(value).split())
    return text if len(text) <= max_cell else text[: max_cell - 1] + "…"


def wrap(text: str, indent: str = "") -> str:
    width = min(100, shutil.get_terminal_size((100, 20)).columns)
    return textwrap.fill(" ".join(text.split()), width=width, initial_indent=indent, subsequent_indent=indent)


def as_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
