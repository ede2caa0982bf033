"""An assessment as text for people: plain text for the terminal, Markdown for download.

Both are rendered from the `ausweg.assessment/1` JSON, so they say exactly what the JSON says.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ausweg.i18n import t

Data = dict[str, Any]


def _entry_line(entry: Data, lang: str) -> str:
    text = t(f"entry.{entry['status']}", lang)
    if entry["document"]:
        text += f" ({t('with_document', lang)} {t('document.' + entry['document'], lang)})"
    if entry["max_stay_days"]:
        text += f", {entry['max_stay_days']} {t('days', lang)}"
    for option in entry["alternatives"]:
        condition = ", ".join(f"{field} = {answer}" for field, answer in option["if"].items())
        text += f"; {condition}: {t('entry.' + option['status'], lang)}"
    if entry["apply_at"]:
        text += "; " + ", ".join(f"{post['city']} ({post['country']})" for post in entry["apply_at"])
    return text


def _depends(item: Data, lang: str) -> str:
    if not item["conditional"]:
        return ""
    return f" ({t('depends_on', lang)}: {', '.join(item['if_unknown']) or 'documents'})"


def _pathway_line(pathway: Data, lang: str) -> str:
    text = f"{t('pathway.' + pathway['kind'], lang)}: {t('status.' + pathway['status'], lang)}"
    if pathway["max_stay_days"]:
        text += f", {pathway['max_stay_days']} {t('days', lang)}"
    return text + _depends(pathway, lang)


def _risk_line(risk: Data, lang: str) -> str:
    return f"{t('risk.' + risk['kind'], lang)} ({t('level.' + risk['level'], lang)}){_depends(risk, lang)}: {risk['text']}"


def _sources_of(item: Data) -> str:
    ids = sorted({source for because in item["because"] for source in because["sources"]})
    return f" [{', '.join(ids)}]" if ids else ""


def _what_if_lines(destination: Data, lang: str) -> list[str]:
    lines = []
    for change in destination["what_if"]:
        options = "; ".join(f"{option['answer']} → {t('rating.' + option['rating'], lang)}" for option in change["options"])
        lines.append(f"{change['field']}: {options}")
    return lines


def _explain_lines(item: Data, citations: Data) -> list[str]:
    lines = []
    for because in item["because"]:
        held = ", ".join(f"{c['test']} ({'?' if c['holds'] is None else 'ok'})" for c in because["conditions"])
        lines.append(f"  {because['fact']}: {held}")
        lines.extend(f"    «{c['quote']}» — {c['said_by']} ({c['source']})" for c in citations.get(because["fact"], []))
    return lines


def _destination_lines(destination: Data, lang: str, explain: bool, bullet: str, citations: Data) -> list[str]:
    lines = [f"{bullet}{t('entry', lang)}: {_entry_line(destination['entry'], lang)}"]
    if destination["legal_stay"] == "no_data":
        lines.append(f"{bullet}{t('legal_stay_no_data', lang)}")
    sections: list[tuple[str, list[Data], Callable[[Data], str]]] = [
        (t("pathways", lang), destination["pathways"], lambda pathway: _pathway_line(pathway, lang)),
        (t("risks", lang), destination["risks"], lambda risk: _risk_line(risk, lang)),
        (t("advice", lang), destination["advice"], lambda advice: advice["text"] + _depends(advice, lang)),
    ]
    for title, items, describe in sections:
        for item in items:
            lines.append(f"{bullet}{title}: {describe(item)}{_sources_of(item)}")
            if explain:
                lines.extend(f"{bullet}{line}" for line in _explain_lines(item, citations))
    what_if = _what_if_lines(destination, lang)
    if what_if:
        lines.append(f"{bullet}{t('what_if', lang)}: " + " | ".join(what_if))
    for conflict in destination["conflicts"]:
        lines.append(f"{bullet}{t('conflict', lang)}: {conflict['fact']} ↔ {', '.join(conflict['conflicts_with'])}")
    return lines


def _shown(data: Data, top: int | None) -> tuple[list[Data], list[Data], int]:
    """Destinations shown in full, those shown in one line (not realistic), and how many are left out."""
    destinations = data["destinations"] if top is None else data["destinations"][:top]
    if top is None:
        destinations = [item for item in destinations if item["coverage"] == "deep"] or destinations
    full = [item for item in destinations if item["rating"] != "not_realistic"]
    brief = [item for item in destinations if item["rating"] == "not_realistic"]
    return full, brief, len(data["destinations"]) - len(destinations)


def _brief_line(destination: Data, lang: str) -> str:
    reasons = ", ".join(t("component." + reason["component"], lang) for reason in destination["rating_because"])
    return f"{destination['rank']}. {destination['name']} ({destination['country']}): {reasons}"


def assessment_text(data: Data, lang: str, *, top: int | None = None, explain: bool = False) -> str:
    full, brief, hidden = _shown(data, top)
    lines = [t("assessment_title", lang, date=data["as_of"]), ""]
    for destination in full:
        lines.append(f"{destination['rank']}. {destination['name']} ({destination['country']}): "
                     f"{t('rating.' + destination['rating'], lang)}")
        lines.extend(_destination_lines(destination, lang, explain, "   ", data["citations"]))
        lines.append("")
    if brief:
        lines.append(t("not_realistic_title", lang) + ":")
        lines.extend("   " + _brief_line(destination, lang) for destination in brief)
        lines.append("")
    if hidden:
        lines.append(t("more_destinations", lang, count=hidden))
    lines += ["", t("sources_title", lang) + ":"]
    lines.extend(_source_lines(data))
    return "\n".join(lines)


def _source_lines(data: Data) -> list[str]:
    return [
        f"[{source_id}] {source['publisher']}: {source['title']} ({source['published']})"
        + (f" {source['url']}" if source["url"] else "")
        for source_id, source in data["sources"].items()
    ]


def assessment_markdown(data: Data, lang: str, *, top: int | None = None, explain: bool = False) -> str:
    full, brief, hidden = _shown(data, top)
    lines = [f"# {t('assessment_title', lang, date=data['as_of'])}", ""]
    for destination in full:
        lines.append(f"## {destination['rank']}. {destination['name']} ({destination['country']}): "
                     f"{t('rating.' + destination['rating'], lang)}")
        lines.append("")
        lines.extend(_destination_lines(destination, lang, explain, "- ", data["citations"]))
        lines.append("")
    if brief:
        lines += [f"## {t('not_realistic_title', lang)}", ""]
        lines.extend("- " + _brief_line(destination, lang) for destination in brief)
        lines.append("")
    if hidden:
        lines += [t("more_destinations", lang, count=hidden), ""]
    lines += [f"## {t('sources_title', lang)}", ""]
    lines.extend(f"- {line}" for line in _source_lines(data))
    return "\n".join(lines) + "\n"
