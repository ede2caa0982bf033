"""The non-personal pages: HTML in three languages, the same data at the same path + .json,
Atom feeds, charts as SVG, language chosen from Accept-Language, one error handler for both."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET

import pytest
from fastapi.testclient import TestClient

from ausweg.knowledge import queries
from ausweg.knowledge.base import Knowledge
from tests.web.conftest import AS_OF

ATOM = "{http://www.w3.org/2005/Atom}"
PAGES = ["", "countries", "countries/AM", "countries/DE", "changes", "sources", "figures", "orgs", "interview"]


@pytest.mark.parametrize("lang", ["ru", "en", "de"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_in_every_language_with_its_json_twin(client: TestClient, lang: str, page: str) -> None:
    html = client.get(f"/{lang}/{page}")
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert f'<html lang="{lang}">' in html.text and "<h1>" in html.text
    twin = client.get(f"/{lang}/{page}.json" if page else f"/{lang}/index.json")
    assert twin.status_code == 200 and twin.headers["content-type"] == "application/json"
    assert twin.json()


def test_country_page_and_json_come_from_the_same_query(client: TestClient, knowledge: Knowledge) -> None:
    data = client.get(f"/ru/countries/AM.json?as_of={AS_OF}").json()
    view = json.loads(json.dumps(queries.country_view(knowledge, "AM", AS_OF, "ru")))
    assert {key: data[key] for key in view} == view
    assert data["changes"] == [change.as_json("ru") for change in queries.changes(knowledge, country="AM")]
    html = client.get(f"/ru/countries/AM?as_of={AS_OF}").text
    assert "Армения" in html and AS_OF.isoformat() in html
    for fact in view["facts"]:
        assert f'id="fact-{fact["id"]}"' in html
        for citation in fact["citations"]:
            assert citation["quote"].replace("'", "&#39;").replace('"', "&#34;")[:40] in html


def test_changes_filters_come_from_the_query_string(client: TestClient, knowledge: Knowledge) -> None:
    rows = client.get("/en/changes.json?since=2025-01-01&until=2025-12-31&country=de").json()
    expected = queries.changes(knowledge, dt.date(2025, 1, 1), dt.date(2025, 12, 31), "DE")
    assert rows == [change.as_json("en") for change in expected]
    html = client.get("/en/changes?since=2025-01-01&country=DE").text
    assert 'value="2025-01-01"' in html and '<option value="DE" selected>' in html


def test_feeds_are_atom_all_and_per_country(client: TestClient, knowledge: Knowledge) -> None:
    response = client.get("/ru/changes.atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed" and feed.findall(f"{ATOM}entry")
    country = ET.fromstring(client.get("/de/countries/AM/changes.atom").content)
    entries = country.findall(f"{ATOM}entry")
    assert len(entries) == min(len(queries.changes(knowledge, country="AM")), 200)
    for entry in entries:
        assert entry.find(f"{ATOM}id") is not None and entry.find(f"{ATOM}updated") is not None
        assert entry.find(f"{ATOM}link").get("href", "").startswith("../")  # type: ignore[union-attr]


def test_figures_are_server_side_svg_charts(client: TestClient, knowledge: Knowledge) -> None:
    html = client.get("/ru/figures").text
    assert html.count("<svg") >= 2 and "<rect" in html and "<script>" not in html
    ranges = [f for f in knowledge.figures.values() if f.qualifier.value == "range"]
    assert ranges and 'class="bar range"' in html and 'class="whisker"' in html
    for figure in list(knowledge.figures.values())[:20]:
        assert figure.value_text.get("ru").replace('"', "&#34;")[:30] in html


def test_source_page_shows_what_cites_it(client: TestClient, knowledge: Knowledge) -> None:
    source_id = "report-2026-01-deserters" if "report-2026-01-deserters" in knowledge.sources else next(iter(knowledge.sources))
    data = client.get(f"/en/sources/{source_id}.json").json()
    assert data["id"] == source_id and data["cited_by"]
    assert "<blockquote" in client.get(f"/en/sources/{source_id}").text


@pytest.mark.parametrize("accept,lang", [
    ("de-DE,de;q=0.9,en;q=0.8", "de"), ("en-US,en;q=0.9", "en"), ("fr-FR,fr;q=0.9", "ru"), ("", "ru"),
    ("en;q=0.5, ru;q=0.9", "ru"), ("uk, de;q=0.3", "de"), ("garbage;;q=x,,", "ru"),
])
def test_the_language_comes_from_accept_language(client: TestClient, accept: str, lang: str) -> None:
    response = client.get("/", headers={"accept-language": accept}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == f"/{lang}/"


@pytest.mark.parametrize("path,kind", [
    ("/xx/", "html"), ("/ru/countries/ZZ", "html"), ("/ru/countries/ZZ.json", "json"), ("/ru/sources/nope", "html"),
    ("/ru/sources/nope.json", "json"), ("/ru/nothing", "html"), ("/ru/countries/AM?as_of=2026-02-31", "html"),
    ("/ru/countries/AM.json?as_of=x", "json"), ("/ru/countries/AM/changes.xml", "html"),
])
def test_one_error_handler_for_html_and_json(client: TestClient, path: str, kind: str) -> None:
    response = client.get(path)
    assert 400 <= response.status_code < 500
    if kind == "json":
        assert set(response.json()) == {"error", "details"}
    else:
        assert response.headers["content-type"].startswith("text/html") and "<h1>" in response.text


def test_a_json_client_gets_json_errors_anywhere(client: TestClient) -> None:
    response = client.get("/ru/nothing", headers={"accept": "application/json"})
    assert response.status_code == 404 and set(response.json()) == {"error", "details"}
