"""The safety of the people who use ausweg: nothing about them is kept, logged or sent anywhere.

- security headers on every kind of response (HTML, JSON, static, feeds, errors, redirects);
- no cookie is ever set; every asset is the app's own (no CDN, no web font, no inline script or style);
- the access log of a real `ausweg serve` holds no query string, no body, no address;
- no file is written while a person is assessed; no response may be cached;
- bodies over the limit get 413; `ausweg serve` listens on 127.0.0.1:8000 unless told otherwise.
"""

from __future__ import annotations

import builtins
import json
import re
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient

from ausweg.cli import build_parser
from ausweg.web.security import CSP, MAX_BODY
from ausweg.web.templating import STATIC
from tests.web.conftest import AS_OF, Server, deserter_data

EXPECTED = {
    "content-security-policy": CSP,
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "cache-control": "no-store",
}


def _responses(client: TestClient, deserter_form: list[tuple[str, str]]) -> dict[str, Any]:
    form = urlencode([*deserter_form, ("as_of", AS_OF.isoformat())])
    form_headers = {"content-type": "application/x-www-form-urlencoded"}
    return {
        "html": client.get("/ru/"),
        "json twin": client.get("/ru/countries/AM.json"),
        "api": client.post("/api/v1/assess", json=deserter_data()),
        "static css": client.get("/static/ausweg.css"),
        "static js": client.get("/static/ausweg.js"),
        "atom": client.get("/ru/changes.atom"),
        "openapi": client.get("/api/v1/openapi.json"),
        "redirect": client.get("/", follow_redirects=False),
        "404 html": client.get("/ru/nothing"),
        "404 json": client.get("/api/v1/nothing"),
        "405": client.get("/api/v1/assess"),
        "422": client.post("/api/v1/assess", content=b"[]"),
        "413": client.post("/api/v1/assess", content=b" " * (MAX_BODY + 1)),
        "result": client.post("/ru/result", content=form, headers=form_headers),
        "interview": client.post("/ru/interview", content=form, headers=form_headers),
        "pdf": client.post("/ru/result.pdf", content=form, headers=form_headers),
    }


def test_security_headers_on_every_response_and_never_a_cookie(client: TestClient,
                                                               deserter_form: list[tuple[str, str]]) -> None:
    for name, response in _responses(client, deserter_form).items():
        for header, value in EXPECTED.items():
            assert response.headers.get(header) == value, (name, header)
        assert "set-cookie" not in response.headers, name
        assert "server" not in response.headers, name
    assert not client.cookies


def test_the_csp_is_strict() -> None:
    assert "default-src 'self'" in CSP and "script-src 'self'" in CSP and "frame-ancestors 'none'" in CSP
    assert "unsafe" not in CSP and "http" not in CSP


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.problems.append(f"<{tag} {name}>")
        if tag == "style":
            self.problems.append("<style>")
        if tag == "script":
            self._in_script = True
            if not found.get("src"):
                self.problems.append("inline <script>")
        for name in ("src", "srcset", "poster", "data", "action", "formaction"):
            if found.get(name):
                self.urls.append(str(found[name]))
        if tag == "link" and found.get("href"):
            self.urls.append(str(found["href"]))

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False if tag == "script" else self._in_script

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.problems.append("inline script content")


def _is_own(url: str) -> bool:
    return url.startswith("data:") or (not re.match(r"^[a-z]+:", url) and not url.startswith("//"))


@pytest.mark.parametrize("path", ["/ru/", "/ru/interview", "/en/countries/AM", "/de/changes", "/ru/figures",
                                  "/ru/sources", "/ru/orgs"])
def test_every_asset_is_the_apps_own_and_nothing_inline(client: TestClient, path: str) -> None:
    parser = _Assets()
    parser.feed(client.get(path).text)
    assert parser.urls and all(_is_own(url) for url in parser.urls), parser.urls
    assert not parser.problems, parser.problems


def test_the_result_page_loads_nothing_from_elsewhere(client: TestClient, deserter_form: list[tuple[str, str]]) -> None:
    form = urlencode([*deserter_form, ("as_of", AS_OF.isoformat())])
    html = client.post("/ru/result", content=form, headers={"content-type": "application/x-www-form-urlencoded"}).text
    parser = _Assets()
    parser.feed(html)
    assert all(_is_own(url) for url in parser.urls) and not parser.problems, parser.problems
    assert 'method="get"' not in html  # answers never go into a URL


def test_static_files_reference_nothing_outside() -> None:
    for path in STATIC.iterdir():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"https?://|@import|url\(", text), path.name


def test_no_file_is_written_while_a_person_is_assessed(client: TestClient, deserter_form: list[tuple[str, str]],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    client.get("/ru/")  # the knowledge base is loaded (and its cache written) before
    written: list[str] = []
    real_open = builtins.open

    def watching_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if any(flag in mode for flag in "wax+"):
            written.append(str(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", watching_open)
    monkeypatch.setattr(Path, "write_text", lambda *a, **k: written.append("write_text"))
    monkeypatch.setattr(Path, "write_bytes", lambda *a, **k: written.append("write_bytes"))
    form = urlencode([*deserter_form, ("as_of", AS_OF.isoformat())])
    headers = {"content-type": "application/x-www-form-urlencoded"}
    for path in ("/ru/interview", "/ru/result", "/ru/result.md", "/ru/result.pdf"):
        assert client.post(path, content=form, headers=headers).status_code == 200
    assert client.post("/api/v1/assess", json=deserter_data()).status_code == 200
    assert written == []


def test_bodies_over_the_limit_get_413(client: TestClient) -> None:
    big = b"{" + b" " * MAX_BODY + b"}"
    api = client.post("/api/v1/assess", content=big, headers={"content-type": "application/json"})
    assert api.status_code == 413 and set(api.json()) == {"error", "details"}
    page = client.post("/ru/result", content=b"a=" + b"x" * MAX_BODY,
                       headers={"content-type": "application/x-www-form-urlencoded"})
    assert page.status_code == 413 and page.headers["content-type"].startswith("text/html")

    def chunks() -> Any:  # no Content-Length: counted as it streams
        for _ in range(MAX_BODY // 1024 + 2):
            yield b" " * 1024

    streamed = client.post("/api/v1/assess", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413


def test_serve_listens_on_loopback_port_8000_by_default() -> None:
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)


def test_the_access_log_of_a_real_server_has_no_query_string_body_or_address(served: Server) -> None:
    marker = "Zqx7secretmarker"
    body = json.dumps({**deserter_data(), "location": "AM", "opportunities": {"languages": ["ru"]}}).encode()
    request = urllib.request.Request(f"{served.base}/api/v1/assess?as_of={AS_OF}&lang=ru&note={marker}",
                                     data=body, headers={"content-type": "application/json"}, method="POST")
    assert urllib.request.urlopen(request, timeout=30).status == 200
    form = urlencode([("military.status", "deserter"), ("location", "AM"), ("as_of", AS_OF.isoformat()),
                      ("citizenship:other", marker)]).encode()
    page = urllib.request.Request(f"{served.base}/ru/result?{marker}=1", data=form, method="POST")
    try:
        urllib.request.urlopen(page, timeout=30)
    except urllib.error.HTTPError as error:  # the bad citizenship code: the step again, 422
        assert error.code == 422
    deadline = time.monotonic() + 10  # the line is written just after the response is sent
    while "POST /ru/result 422" not in served.log.read_text(encoding="utf-8") and time.monotonic() < deadline:
        time.sleep(0.1)
    log = served.log.read_text(encoding="utf-8")
    assert marker not in log
    access = "\n".join(line for line in log.splitlines() if "ausweg.web.access" in line)
    assert "POST /api/v1/assess 200" in access and "POST /ru/result 422" in access
    for leak in ("?", "as_of", "lang=ru", "deserter", "location", "127.0.0.1"):
        assert leak not in access, leak


def _served_one(profile: dict[str, Any], form: list[tuple[str, str]]) -> dict[str, list[str]]:
    """What a fresh server holds after assessing one person through the API and the result page."""
    from ausweg.knowledge.loader import load_knowledge
    from ausweg.web.app import create_app

    knowledge = load_knowledge()
    client = TestClient(create_app(knowledge))
    assert client.post("/api/v1/assess?as_of=2026-02-01&lang=ru", json=profile).status_code == 200
    body = urlencode([*form, ("as_of", "2026-02-01")])
    headers = {"content-type": "application/x-www-form-urlencoded"}
    assert client.post("/ru/result", content=body, headers=headers).status_code == 200
    return knowledge.kept()


def test_what_the_server_keeps_after_a_request_is_the_same_whoever_sent_it() -> None:
    from ausweg.knowledge.loader import load_knowledge
    from ausweg.profile_io import example_profile
    from ausweg.web.interview_forms import answers_from_profile, carried

    knowledge = load_knowledge()
    deserter = example_profile("deserter")
    # someone else entirely: other citizenships (one outside the usual ones), place, documents, grounds
    other = example_profile("belarusian-journalist").model_copy(update={"citizenship": ["BY", "KG"]})
    lgbt = example_profile("lgbt-germany")
    first = _served_one(deserter.model_dump(mode="json"), carried(answers_from_profile(deserter, knowledge)))
    second = _served_one(other.model_dump(mode="json"), carried(answers_from_profile(lgbt, knowledge)))
    assert set(first) == set(second)
    for kind in first:
        assert first[kind] == second[kind], kind
    assert [kind for kind in first if kind.startswith("memo:")] == ["memo:shared"]
    assert knowledge.entry is not None
    assert len(first["entry-table"]) == knowledge.entry.pair_count(), "the entry table is decoded whole at start"
