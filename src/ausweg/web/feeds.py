"""Atom feeds of dated policy changes, all countries or one, from `ausweg.knowledge.queries.changes`.

Links are relative to the feed's own address (Atom resolves them against it), so the same feed
works on the live site and on any static mirror. Entries are dated by the first day a change
can have happened; the feed's `updated` is its newest entry, so an export is reproducible.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape, quoteattr

from ausweg.countries import country_name
from ausweg.i18n import t
from ausweg.knowledge import queries
from ausweg.knowledge.base import Knowledge
from ausweg.web.templating import label

NEWEST_FIRST = 200  # entries in one feed


def _day(change: queries.Change) -> str:
    return f"{change.date.first_day.isoformat()}T00:00:00Z"


def _entry(change: queries.Change, lang: str, page: str) -> str:
    row: dict[str, Any] = change.as_json(lang)
    where = ", ".join(country_name(code, lang) for code in row["countries"])
    title = f"{row['date']} · {where} · {label('change', row['change'], lang)}"
    ident = f"tag:ausweg,2026:{row['fact']}/{row['date']}/{row['change']}"
    sources = ", ".join(row["sources"])
    return (
        "<entry>"
        f"<id>{escape(ident)}</id><title>{escape(title)}</title><updated>{_day(change)}</updated>"
        f"<link rel=\"alternate\" type=\"text/html\" href={quoteattr(page)}/>"
        f"<category term={quoteattr(row['kind'])}/>"
        f"<summary type=\"text\">{escape(row['summary'])} [{escape(sources)}]</summary>"
        "</entry>"
    )


def changes_feed(knowledge: Knowledge, lang: str, code: str | None, self_href: str, page_for: Any) -> str:
    """The Atom document; `page_for(country)` gives the relative link to a country's page."""
    found = queries.changes(knowledge, country=code)[-NEWEST_FIRST:][::-1]
    title = t("web.feed_title", lang) + (f": {country_name(code, lang)}" if code else "")
    updated = _day(found[0]) if found else "2000-01-01T00:00:00Z"
    ident = f"tag:ausweg,2026:changes/{lang}/{code or 'all'}"
    entries = "".join(_entry(change, lang, page_for(change.country)) for change in found)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">'
        f"<id>{escape(ident)}</id><title>{escape(title)}</title><updated>{updated}</updated>"
        f"<author><name>ausweg</name></author>"
        f"<link rel=\"self\" href={quoteattr(self_href)}/>"
        f"{entries}</feed>\n"
    )
