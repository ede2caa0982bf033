"""The result page: the shell (the person's answers in hidden inputs, the date and compare
forms) rendered per request, the destinations from HTML fragments kept beside the rendered
destinations they show (`ausweg.web.render_fast`), under the same keys and the same bound."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup, escape

from ausweg.engine.assess import Assessment
from ausweg.knowledge.base import Knowledge
from ausweg.web.render_fast import MAX_PARTS, Part, assessment_sources, destination_parts
from ausweg.web.site import Links
from ausweg.web.templating import label, render

HTML = dict[tuple[object, ...], tuple[Part, bytes]]
# The shell is rendered with these in place of the fragments, then split and joined as bytes,
# so the fragments (most of the page) are never escaped, copied or encoded again.
SLOTS = ("\x00cards\x00", "\x00brief\x00", "\x00others\x00", "\x00sources\x00")


def hidden_inputs(pairs: list[tuple[str, str]]) -> Markup:
    return Markup("".join(f'<input type="hidden" name="{escape(name)}" value="{escape(value)}">\n'
                          for name, value in pairs))


def _memo(knowledge: Knowledge) -> HTML:
    return knowledge.memoised(("web:html",), dict)  # type: ignore[return-value]


def _kind(part: Part) -> str:
    if part.tail["coverage"] != "deep":
        return "row"
    return "brief" if part.tail["rating"] == "not_realistic" else "card"


def _fragment(knowledge: Knowledge, lang: str, part: Part, country: str, rank: int) -> tuple[str, bytes]:
    kind = _kind(part)
    memo = _memo(knowledge)
    key = (id(part), rank, lang)
    found = memo.get(key)
    if found is not None and found[0] is part:
        return kind, found[1]
    d = {"country": country, "name": part.name, "rank": rank, **part.tail}
    sources = assessment_sources(knowledge, part.cited)
    html = render(f"{kind}.html", Links(lang, "result"), d=d, sources=sources).encode()
    if len(memo) >= MAX_PARTS:
        memo.clear()
    memo[key] = (part, html)
    return kind, html


def _source_list(knowledge: Knowledge, lang: str, cited: frozenset[str]) -> bytes:
    def build() -> bytes:
        return render("source_list.html", Links(lang, "result"), sources=assessment_sources(knowledge, cited)).encode()

    return knowledge.memoised(("web:source-list", lang, cited), build)  # type: ignore[return-value]


def answer_lines(answers: Mapping[str, Any], lang: str) -> list[tuple[str, str]]:
    lines = []
    for path, value in answers.items():
        if value in (None, "unknown", [], ""):
            continue
        items = value if isinstance(value, list) else [value]
        lines.append((label("web.field", path, lang), ", ".join(label("value", str(item), lang) for item in items)))
    return lines


def result_html(assessment: Assessment, answers: Mapping[str, Any], pairs: list[tuple[str, str]],
                comparison: dict[str, Any] | None, date_error: str | None) -> bytes:
    """The page as UTF-8 bytes."""
    knowledge, lang = assessment.knowledge, assessment.lang
    parts = destination_parts(assessment)
    groups: dict[str, list[bytes]] = {"card": [], "brief": [], "row": []}
    for rank, (result, part) in enumerate(zip(assessment.destinations, parts), start=1):
        kind, html = _fragment(knowledge, lang, part, result.country, rank)
        groups[kind].append(html)
    cited = frozenset().union(*(part.cited for part in parts))
    as_of = assessment.as_of
    shell = render(
        "result.html", Links(lang, "result"), as_of=as_of.isoformat(), cards=Markup(SLOTS[0]) if groups["card"] else "",
        brief=Markup(SLOTS[1]) if groups["brief"] else "", others=Markup(SLOTS[2]) if groups["row"] else "",
        others_count=len(groups["row"]), sources_html=Markup(SLOTS[3]), compare=comparison,
        date_error=date_error, hidden_html=hidden_inputs(pairs), here_action="result",
        default_since=(as_of - dt.timedelta(days=90)).isoformat(), answer_lines=answer_lines(answers, lang),
    )
    fills = [b"".join(groups["card"]), b"".join(groups["brief"]), b"".join(groups["row"]),
             _source_list(knowledge, lang, cited)]
    pieces: list[bytes] = []
    for slot, fill in zip(SLOTS, fills):
        before, found, shell = shell.partition(slot)
        pieces.append(before.encode())
        if found:
            pieces.append(fill)
    pieces.append(shell.encode())
    return b"".join(pieces)
