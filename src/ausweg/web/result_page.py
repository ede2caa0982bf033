"""The result page: the person's assessment as HTML, rendered from the same `ausweg.assessment/1`
data the API returns, and nothing of it kept after the response."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup, escape

from ausweg.web.site import Links
from ausweg.web.templating import label, render


def hidden_inputs(pairs: list[tuple[str, str]]) -> Markup:
    return Markup("".join(f'<input type="hidden" name="{escape(name)}" value="{escape(value)}">\n'
                          for name, value in pairs))


def answer_lines(answers: Mapping[str, Any], lang: str) -> list[tuple[str, str]]:
    lines = []
    for path, value in answers.items():
        if value in (None, "unknown", [], ""):
            continue
        items = value if isinstance(value, list) else [value]
        lines.append((label("web.field", path, lang), ", ".join(label("value", str(item), lang) for item in items)))
    return lines


def _groups(data: Mapping[str, Any]) -> dict[str, list[Mapping[str, Any]]]:
    """Cards for destinations known in depth, one line for those not realistic, a table row for
    those known only from the entry table."""
    groups: dict[str, list[Mapping[str, Any]]] = {"card": [], "brief": [], "row": []}
    for destination in data["destinations"]:
        if destination["coverage"] != "deep":
            groups["row"].append(destination)
        elif destination["rating"] == "not_realistic":
            groups["brief"].append(destination)
        else:
            groups["card"].append(destination)
    return groups


def result_html(data: Mapping[str, Any], answers: Mapping[str, Any], pairs: list[tuple[str, str]],
                comparison: dict[str, Any] | None, date_error: str | None) -> str:
    lang = data["lang"]
    as_of = dt.date.fromisoformat(data["as_of"])
    groups = _groups(data)
    return render(
        "result.html", Links(lang, "result"), as_of=data["as_of"], cards=groups["card"], brief=groups["brief"],
        others=groups["row"], others_count=len(groups["row"]), sources=data["sources"], citations=data["citations"],
        compare=comparison, date_error=date_error, hidden_html=hidden_inputs(pairs), here_action="result",
        default_since=(as_of - dt.timedelta(days=90)).isoformat(), answer_lines=answer_lines(answers, lang),
    )
