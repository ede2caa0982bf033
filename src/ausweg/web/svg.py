"""Figures as bar charts in server-side SVG: readable without JavaScript, printable, no library.

One chart per topic and unit. A figure with one value is a bar from zero; a range is a lighter
bar from its low to its high end with whiskers at both (from zero, dashed, where the source gives
no low end); "more than" ends in an arrow, "at most" in a whisker, "about" is marked ≈.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape

from babel.numbers import format_decimal
from markupsafe import Markup

from ausweg.i18n import t

WIDTH, LEFT, RIGHT, ROW, TOP = 640, 150, 40, 30, 26
Figure = dict[str, Any]


def number(value: float, lang: str) -> str:
    return format_decimal(value, locale=lang, format="#,##0.##")


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def _top(figure: Figure) -> float:
    return float(figure.get("high") if figure.get("value") is None else figure["value"]) or 0.0


def _x(value: float, scale: float) -> float:
    return round(LEFT + (WIDTH - LEFT - RIGHT) * value / scale, 1)


def _label(figure: Figure, lang: str) -> str:
    if figure.get("value") is None:
        low = number(figure["low"], lang) if figure.get("low") is not None else "…"
        return f"{low}–{number(figure['high'], lang)}"
    prefix = {"about": "≈ ", "more_than": "> ", "at_most": "≤ "}.get(figure["qualifier"], "")
    return prefix + number(figure["value"], lang)


def _bar(figure: Figure, y: float, scale: float, lang: str) -> list[str]:
    qualifier = figure["qualifier"]
    mid, height = y + ROW / 2, 14
    top = y + (ROW - height) / 2
    parts: list[str] = []
    if figure.get("value") is None:
        low = figure.get("low")
        x1, x2 = _x(low or 0.0, scale), _x(figure["high"], scale)
        dashed = "" if low is not None else ' stroke-dasharray="3 2"'
        parts.append(f'<rect class="bar range" x="{x1}" y="{top}" width="{max(x2 - x1, 1)}" height="{height}"'
                     f' fill="#9ecae1" stroke="#08519c"{dashed}/>')
        for x in (x1, x2):
            parts.append(f'<line class="whisker" x1="{x}" x2="{x}" y1="{top - 4}" y2="{top + height + 4}" stroke="#08519c"/>')
    else:
        x2 = _x(figure["value"], scale)
        css = "bar light" if qualifier == "at_most" else "bar"
        fill = "#9ecae1" if qualifier == "at_most" else "#3182bd"
        parts.append(f'<rect class="{css}" x="{LEFT}" y="{top}" width="{max(x2 - LEFT, 1)}" height="{height}" fill="{fill}"/>')
        if qualifier == "more_than":
            parts.append(f'<polygon class="arrow" points="{x2},{top - 3} {x2 + 10},{mid} {x2},{top + height + 3}" fill="#08519c"/>')
        if qualifier == "at_most":
            parts.append(f'<line class="whisker" x1="{x2}" x2="{x2}" y1="{top - 4}" y2="{top + height + 4}" stroke="#08519c"/>')
    end = _x(_top(figure), scale)
    anchor, text_x = ("end", end - 4) if end > WIDTH - RIGHT - 60 else ("start", end + 14)
    css = "value inside" if anchor == "end" else "value"
    parts.append(f'<text class="{css}" x="{text_x}" y="{mid + 4}" text-anchor="{anchor}">{escape(_label(figure, lang))}</text>')
    return parts


def chart(figures: list[Figure], title: str, lang: str) -> Markup:
    """One SVG bar chart of `figures` (all in the same unit)."""
    scale = _nice_max(max(_top(figure) for figure in figures))
    height = TOP + ROW * len(figures) + 22
    opening = (f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(title)}"'
               ' xmlns="http://www.w3.org/2000/svg">')
    parts = [opening, f"<title>{escape(title)}</title>"]
    axis_y = TOP + ROW * len(figures)
    for step in range(5):
        value = scale * step / 4
        x = _x(value, scale)
        parts.append(f'<line class="grid" x1="{x}" x2="{x}" y1="{TOP - 6}" y2="{axis_y}" stroke="#ccc"/>')
        parts.append(f'<text class="tick" x="{x}" y="{axis_y + 16}" text-anchor="middle">{escape(number(value, lang))}</text>')
    for index, figure in enumerate(figures):
        y = TOP + ROW * index
        name = f"{index + 1}. {', '.join(figure['countries']) or '—'}"
        parts.append(f'<text class="row-label" x="{LEFT - 8}" y="{y + ROW / 2 + 4}" text-anchor="end">{escape(name)}</text>')
        parts.extend(_bar(figure, y, scale, lang))
    parts.append("</svg>")
    return Markup("".join(parts))


def _groups(figures: Iterable[Figure]) -> dict[tuple[str, str], list[Figure]]:
    groups: dict[tuple[str, str], list[Figure]] = {}
    for figure in figures:
        groups.setdefault((figure["topic"], figure["unit"]), []).append(figure)
    return groups


def figure_charts(figures: list[Figure], lang: str) -> list[dict[str, Any]]:
    """The charts of the figures page: one per topic and unit, each with its figures in order."""
    charts = []
    for (topic, unit), members in sorted(_groups(figures).items()):
        title = f"{_text('topic.' + topic, topic, lang)}: {_text('unit.' + unit, unit, lang)}"
        charts.append({"topic": topic, "unit": unit, "title": title, "svg": chart(members, title, lang),
                       "figures": members})
    return charts


def _text(key: str, fallback: str, lang: str) -> str:
    try:
        return t(key, lang)
    except KeyError:
        return fallback.replace("_", " ")
