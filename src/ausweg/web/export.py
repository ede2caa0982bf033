"""`ausweg export-site DIR`: every non-personal page, in every language, as a static site.

One folder per language (ru/, en/, de/), each page a folder with an index.html, its data beside
it as .json, the Atom feeds, and static/ with the stylesheet and script. Links are relative,
so the mirror works from any sub-path and from file://. The interview page of the mirror says
where the assessment can be run instead (a local ausweg, or the live site if one is named).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from ausweg.knowledge import queries
from ausweg.knowledge.base import Knowledge
from ausweg.settings import env
from ausweg.web import views
from ausweg.web.feeds import changes_feed
from ausweg.web.interview_pages import questions_json
from ausweg.web.site import LANGS, Links
from ausweg.web.templating import STATIC, render


def _write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)


def _pages(knowledge: Knowledge, lang: str, day: dt.date) -> Iterator[views.Page]:
    yield views.overview(knowledge, lang)
    yield views.countries(knowledge, lang)
    for code in knowledge.countries():
        yield views.country(knowledge, lang, code, day, queries.DEFAULT_PASSPORTS)
    yield views.changes(knowledge, lang, None, None, None)
    yield views.sources(knowledge, lang)
    for source_id in knowledge.sources:
        yield views.source(knowledge, lang, source_id)
    yield views.figures(knowledge, lang)
    yield views.organisations(knowledge, lang)


def _json(data: Any) -> bytes:
    return orjson.dumps(data, option=orjson.OPT_INDENT_2)


def export_language(knowledge: Knowledge, root: Path, lang: str, day: dt.date, live_url: str | None) -> int:
    count = 0
    for page in _pages(knowledge, lang, day):
        links = Links(lang, page.here, static=True)
        folder = root / lang / page.here if page.here else root / lang
        _write(folder / "index.html", render(page.template, links, data=page.data, **page.context))
        _write(root / lang / (f"{page.here}.json" if page.here else "index.json"), _json(page.data))
        count += 1
    questions = questions_json(knowledge, lang)
    _write(root / lang / "interview" / "index.html",
           render("mirror_interview.html", Links(lang, "interview", static=True), data=questions, live_url=live_url))
    _write(root / lang / "interview.json", _json(questions))
    _write(root / lang / "changes.atom",
           changes_feed(knowledge, lang, None, "changes.atom", lambda code: f"countries/{code}/index.html"))
    for code in knowledge.countries():
        _write(root / lang / "countries" / code / "changes.atom",
               changes_feed(knowledge, lang, code, "changes.atom", lambda other: f"../{other}/index.html"))
    return count + 1


def export_site(knowledge: Knowledge, root: Path, day: dt.date, live_url: str | None = None) -> int:
    """Write the static site into `root` (emptied first if it is an earlier export); returns pages written."""
    if root.exists() and (root / "static" / "ausweg.css").exists():
        shutil.rmtree(root)
    root.mkdir(parents=True, exist_ok=True)
    for asset in STATIC.iterdir():
        if asset.is_file():
            _write(root / "static" / asset.name, asset.read_bytes())
    _write(root / "index.html", render("mirror_index.html", Links("ru", "", static=True), top=True))
    return sum(export_language(knowledge, root, lang, day, live_url) for lang in LANGS) + 1


def export_command(args: argparse.Namespace) -> int:
    from ausweg.dates import parse_day
    from ausweg.knowledge.loader import load_knowledge

    knowledge = load_knowledge(Path(args.knowledge) if args.knowledge else None)
    day = parse_day(args.as_of) if args.as_of else dt.date.today()
    root = Path(args.directory)
    if root.exists() and any(root.iterdir()) and not (root / "static" / "ausweg.css").exists():
        raise ValueError(f"{str(root)!r} is not empty and not an earlier export; choose an empty folder")
    pages = export_site(knowledge, root, day, args.live_url or env("AUSWEG_LIVE_URL"))
    print(f"exported {pages} pages per language set into {root} (as of {day.isoformat()}); open {root / 'index.html'}")
    return 0
