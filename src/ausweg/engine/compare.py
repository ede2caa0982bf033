"""What changed for one person between two days: two assessments, compared destination by destination."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from ausweg.engine.assess import assess
from ausweg.i18n import t
from ausweg.knowledge.base import Knowledge
from ausweg.profile import Profile

SCHEMA = "ausweg.comparison/1"


def _by_id(items: list[dict[str, Any]], key: str) -> dict[str, dict[str, Any]]:
    return {item[key]: item for item in items}


def _risk_key(risk: dict[str, Any]) -> str:
    return f"{risk['kind']}:{risk['because'][0]['fact']}" if risk["because"] else risk["kind"]


def _destination_changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any] | None:
    change: dict[str, Any] = {"country": after["country"], "name": after["name"]}
    if before["rating"] != after["rating"]:
        change["rating"] = {"before": before["rating"], "after": after["rating"]}
    if before["entry"]["status"] != after["entry"]["status"]:
        change["entry"] = {"before": before["entry"]["status"], "after": after["entry"]["status"]}
    old_paths, new_paths = _by_id(before["pathways"], "id"), _by_id(after["pathways"], "id")
    pathways = [
        {"id": key, "kind": (new_paths.get(key) or old_paths[key])["kind"],
         "before": old_paths[key]["status"] if key in old_paths else None,
         "after": new_paths[key]["status"] if key in new_paths else None}
        for key in sorted(set(old_paths) | set(new_paths))
        if (old_paths.get(key) or {}).get("status") != (new_paths.get(key) or {}).get("status")
    ]
    if pathways:
        change["pathways"] = pathways
    old_risks = {_risk_key(risk): risk for risk in before["risks"]}
    new_risks = {_risk_key(risk): risk for risk in after["risks"]}
    added = [new_risks[key] for key in sorted(set(new_risks) - set(old_risks))]
    removed = [old_risks[key] for key in sorted(set(old_risks) - set(new_risks))]
    if added or removed:
        change["risks"] = {"added": added, "removed": removed}
    return change if len(change) > 2 else None


def compare(
    profile: Profile,
    since: dt.date,
    until: dt.date,
    lang: str = "en",
    *,
    knowledge: Knowledge | None = None,
    countries: Iterable[str] | None = None,
) -> dict[str, Any]:
    wanted = list(countries) if countries else None
    before = assess(profile, since, lang, knowledge=knowledge, countries=wanted).as_json()
    after = assess(profile, until, lang, knowledge=knowledge, countries=wanted).as_json()
    old = _by_id(before["destinations"], "country")
    changes = [
        change
        for destination in after["destinations"]
        if destination["country"] in old
        and (change := _destination_changes(old[destination["country"]], destination)) is not None
    ]
    return {
        "schema": SCHEMA,
        "since": since.isoformat(),
        "until": until.isoformat(),
        "knowledge_version": after["knowledge_version"],
        "changes": changes,
        "sources": {**before["sources"], **after["sources"]},
    }


def comparison_text(data: dict[str, Any], lang: str) -> str:
    lines = [t("compare_title", lang, since=data["since"], until=data["until"]), ""]
    if not data["changes"]:
        lines.append(t("no_changes", lang))
    for change in data["changes"]:
        lines.append(f"{change['name']} ({change['country']})")
        if "rating" in change:
            lines.append(f"   {t('rating', lang)}: {t('rating.' + change['rating']['before'], lang)} → "
                         f"{t('rating.' + change['rating']['after'], lang)}")
        if "entry" in change:
            lines.append(f"   {t('entry', lang)}: {t('entry.' + change['entry']['before'], lang)} → "
                         f"{t('entry.' + change['entry']['after'], lang)}")
        for pathway in change.get("pathways", []):
            lines.append(f"   {pathway['kind']}: {pathway['before'] or '-'} → {pathway['after'] or '-'}")
        for risk in change.get("risks", {}).get("added", []):
            lines.append(f"   + {risk['kind']} ({risk['level']}): {risk['text']}")
        for risk in change.get("risks", {}).get("removed", []):
            lines.append(f"   - {risk['kind']} ({risk['level']})")
    return "\n".join(lines)
