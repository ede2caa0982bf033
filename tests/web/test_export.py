"""`ausweg export-site`: every non-personal page in every language, with JSON and feeds, as a
static site whose every link and asset resolves from the file itself (any sub-path, file://)."""

from __future__ import annotations

import json
import posixpath
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from ausweg.cli import main
from ausweg.knowledge.base import Knowledge
from tests.web.conftest import AS_OF


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, knowledge: Knowledge) -> Path:
    root = tmp_path_factory.mktemp("mirror") / "site"
    assert main(["export-site", str(root), "--as-of", AS_OF.isoformat(), "--live-url", "https://ausweg.example/"]) == 0
    return root


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action") and value is not None:
                self.links.append(value)
            if name == "id" and value:
                self.ids.add(value)


def _parse(path: Path, cache: dict[Path, _Links]) -> _Links:
    if path not in cache:
        parser = _Links()
        parser.feed(path.read_text(encoding="utf-8"))
        cache[path] = parser
    return cache[path]


def test_one_folder_per_language_with_pages_json_and_feeds(site: Path, knowledge: Knowledge) -> None:
    for lang in ("ru", "en", "de"):
        assert (site / lang / "index.html").is_file() and (site / lang / "index.json").is_file()
        for code in ("AM", "DE", "KZ"):
            assert (site / lang / "countries" / code / "index.html").is_file()
            assert json.loads((site / lang / "countries" / f"{code}.json").read_text())["country"] == code
            ET.parse(site / lang / "countries" / code / "changes.atom")
        ET.parse(site / lang / "changes.atom")
        assert len(list((site / lang / "sources").glob("*/index.html"))) == len(knowledge.sources)
    assert (site / "index.html").is_file() and (site / "static" / "ausweg.css").is_file()


def test_the_mirror_says_where_to_run_the_assessment(site: Path) -> None:
    page = (site / "ru" / "interview" / "index.html").read_text(encoding="utf-8")
    assert "https://ausweg.example/" in page and "make run" in page and "<form" not in page


def test_every_link_and_asset_resolves(site: Path) -> None:
    cache: dict[Path, _Links] = {}
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    broken = []
    for page in pages:
        for link in _parse(page, cache).links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https", "mailto", "data"):
                continue
            assert not link.startswith("/"), f"{page}: absolute link {link}"
            target = page if not parts.path else Path(posixpath.normpath(page.parent / unquote(parts.path)))
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} -> {link}")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in _parse(target, cache).ids:
                broken.append(f"{page.relative_to(site)} -> {link} (no such id)")
    assert not broken, broken[:20]


def test_json_of_the_mirror_parses(site: Path) -> None:
    for path in site.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))
