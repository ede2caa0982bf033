"""The overall rating of a destination, and the order of the ranking. Deterministic and documented.

A destination gets a rating from four components. A conclusion that depends on an answer the
person gave as unknown counts only where it can make the rating worse (a possible risk, ban or
negative verdict counts; a possible pathway does not), so an unknown answer never rates better
than a known one would; the output then says what each answer would change:

- entry: allowed -> recommended; visa required -> possible (difficult where applications are
  restricted to a few consulates or suspended); not allowed or banned -> not_realistic; where it
  depends on a document the person is unsure of, the best of the possibilities, at most possible;
- stay: the best long-term pathway (of two sources that disagree about the same pathway, the more
  cautious counts): available -> recommended; individual review or suspended ->
  difficult; closed or not eligible -> not_realistic; when the best is suspended and the person
  is refused outright on another (not eligible, closed), not_realistic;
- risk: the worst risk: high -> risky; medium -> difficult; low -> recommended; risks to the plan
  rather than to the person (arbitrary consular refusal, policy volatility) at worst difficult;
- judgment: the worst expert verdict that concerns the person, as given.

The rating is the worst of the components known. A component with no data caps the rating at
`possible` (no data never reads as "allowed"). Where nothing is known about staying (no pathway,
no expert verdict), the rating is `unknown` unless entry or risks already make it risky or not
realistic; so is a destination with no fact at all (entry table only), unless the person
certainly cannot enter (`not_realistic`). A certain entry ban makes it `not_realistic`.

The ranking sorts by rating (recommended, possible, difficult, risky, unknown, not_realistic),
then destinations known in depth before those known only from the entry table, then by the best
way to stay (a known way to stay before none known), then by the weight
of the documented risks to the person (3 per high, 1 per medium risk that concerns or may concern
them: fewer documented dangers rank higher), then by entry status, then by longer visa-free
stay, then by country code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ausweg.engine.entry import ENTRY_ORDER, Entry
from ausweg.engine.pathways import PATHWAY_ORDER, Pathway
from ausweg.engine.risks import Advice, Risk
from ausweg.engine.trace import AnyReading

RATINGS = ("recommended", "possible", "difficult", "risky", "not_realistic")
RANK_ORDER = ("recommended", "possible", "difficult", "risky", "unknown", "not_realistic")
_PATHWAY_RATING = {
    "available": "recommended",
    "individual_review": "difficult",
    "suspended": "difficult",
    "closed": "not_realistic",
    "not_eligible": "not_realistic",
}
_RISK_RATING = {"low": "recommended", "medium": "difficult", "high": "risky"}
# Risks to the plan rather than to the person: at worst they make a destination difficult.
_PLAN_RISKS = frozenset({"consular_refusal", "policy_volatility"})
_UNKNOWN_CAP = "possible"


@dataclass(frozen=True, slots=True)
class Component:
    name: str  # entry, stay, risk, judgment
    rating: str | None  # None: no data
    readings: tuple[AnyReading, ...]


def _worse(first: str, second: str) -> str:
    return first if RATINGS.index(first) >= RATINGS.index(second) else second


def _entry_rating(status: str, apply_at: list[dict[str, str]]) -> str | None:
    if status in ("banned", "not_allowed"):
        return "not_realistic"
    if status == "allowed":
        return "recommended"
    if status == "visa_required":
        hard = any(post["status"] in ("restricted", "suspended") for post in apply_at)
        return "difficult" if hard else "possible"
    return None


def entry_component(entry: Entry) -> Component:
    if entry.status != "unknown" or not entry.alternatives:
        return Component("entry", _entry_rating(entry.status, entry.apply_at), entry.readings)
    ratings = [_entry_rating(option["status"], entry.apply_at) for option in entry.alternatives]
    known = [rating for rating in ratings if rating is not None]
    if not known:
        return Component("entry", None, entry.readings)
    best = min(known, key=RATINGS.index)
    return Component("entry", _worse(best, _UNKNOWN_CAP), entry.readings)


def _disputed(pathways: list[Pathway], conflicts: Mapping[str, list[str]]) -> set[str]:
    """Pathways that a source disagrees with, where the disagreeing source says the same pathway
    is worse: the rating goes by the more cautious of two disagreeing sources (both are shown)."""
    by_id = {pathway.id: pathway for pathway in pathways}
    disputed = set()
    for pathway in pathways:
        for other_id in conflicts.get(pathway.id, ()):
            other = by_id.get(other_id)
            if other is not None and other.kind == pathway.kind and (
                PATHWAY_ORDER.index(other.status) > PATHWAY_ORDER.index(pathway.status)
            ):
                disputed.add(pathway.id)
    return disputed


def stay_component(pathways: list[Pathway], conflicts: Mapping[str, list[str]]) -> Component:
    best: Pathway | None = None
    disputed = _disputed(pathways, conflicts)
    for pathway in pathways:
        if pathway.id in disputed:
            continue
        if not pathway.long_term or pathway.status not in _PATHWAY_RATING:
            continue
        if pathway.conditional and _PATHWAY_RATING[pathway.status] == "recommended":
            continue  # a pathway that may not be open to the person does not raise the rating
        if best is None or RATINGS.index(_PATHWAY_RATING[pathway.status]) < RATINGS.index(_PATHWAY_RATING[best.status]):
            best = pathway
    if best is None:
        return Component("stay", None, ())
    if best.status == "suspended":
        refusals = [p for p in pathways if p.long_term and not p.conditional and p.status in ("not_eligible", "closed")]
        if refusals:  # the person is refused outright, and what is left is on hold
            return Component("stay", "not_realistic", tuple(r for p in [best, *refusals] for r in p.readings))
    return Component("stay", _PATHWAY_RATING[best.status], best.readings)


def risk_component(risks: list[Risk]) -> Component:
    if not risks:
        return Component("risk", None, ())
    worst = max(risks, key=lambda risk: RATINGS.index(_risk_rating(risk)))
    return Component("risk", _risk_rating(worst), (worst.reading,))


def _risk_rating(risk: Risk) -> str:
    rating = _RISK_RATING[risk.level]
    return "difficult" if risk.kind in _PLAN_RISKS and rating == "risky" else rating


def judgment_component(advice: list[Advice]) -> Component:
    verdicts = [item for item in advice if item.kind == "judgment"]
    if not verdicts:
        return Component("judgment", None, ())
    worst = max(verdicts, key=lambda item: RATINGS.index(item.reading.state.value))
    return Component("judgment", worst.reading.state.value, (worst.reading,))


def rate(components: list[Component], deep: bool, banned: bool) -> tuple[str, list[Component]]:
    """The rating and the components that decided it."""
    if banned:
        entry = next(component for component in components if component.name == "entry")
        return "not_realistic", [entry]
    known = [component for component in components if component.rating is not None]
    if not deep and known and known[0].name == "entry" and known[0].rating == "not_realistic":
        return "not_realistic", [known[0]]
    if not deep or not known:
        return "unknown", [component for component in components if component.rating is None]
    rating = known[0].rating
    assert rating is not None
    for component in known[1:]:
        assert component.rating is not None
        rating = _worse(rating, component.rating)
    by_name = {component.name: component for component in components}
    if by_name["stay"].rating is None and by_name["judgment"].rating is None and RATINGS.index(rating) < RATINGS.index("risky"):
        return "unknown", [by_name["stay"], by_name["judgment"]]
    missing = [component for component in components if component.rating is None]
    if missing and RATINGS.index(rating) < RATINGS.index(_UNKNOWN_CAP):
        return _UNKNOWN_CAP, missing
    return rating, [component for component in known if component.rating == rating]


_RISK_WEIGHT = {"low": 0, "medium": 1, "high": 3}


def risk_weight(risks: list[Risk]) -> int:
    """How heavily the documented risks to the person weigh: 3 per high, 1 per medium risk that
    concerns or may concern them (risks to the plan, like consular refusals, do not count)."""
    return sum(_RISK_WEIGHT[risk.level] for risk in risks if risk.kind not in _PLAN_RISKS)


def rank_key(
    rating: str, deep: bool, stay: str | None, entry: Entry, risks: list[Risk], country: str
) -> tuple[int, int, int, int, int, int, str]:
    return (
        RANK_ORDER.index(rating),
        0 if deep else 1,
        RATINGS.index(stay) if stay is not None else len(RATINGS),
        risk_weight(risks),
        ENTRY_ORDER.index(entry.status),
        -(entry.max_stay_days or 0),
        country,
    )
