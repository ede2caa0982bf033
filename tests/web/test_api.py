"""The JSON API: the assessment equals the CLI's, the knowledge endpoints equal the queries, and
anything a client can send gets a 4xx in one error shape, never a 500."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from fastapi.testclient import TestClient

from ausweg.cli import main
from ausweg.engine.assess import assess
from ausweg.knowledge import queries
from ausweg.knowledge.base import Knowledge
from ausweg.profile_io import example_profile
from tests.web.conftest import AS_OF, deserter_data

SCHEMA = Path(__file__).resolve().parents[2] / "src" / "ausweg" / "schemas" / "assessment-1.json"


def _post(client: TestClient, body: bytes | str, query: str = f"as_of={AS_OF}&lang=ru") -> Any:
    content = body.encode() if isinstance(body, str) else body
    return client.post(f"/api/v1/assess?{query}", content=content, headers={"content-type": "application/json"})


def test_assess_equals_the_cli_and_the_engine(client: TestClient, knowledge: Knowledge,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    response = _post(client, json.dumps(deserter_data()))
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    served = response.json()
    assert served == assess(example_profile("deserter"), AS_OF, "ru", knowledge=knowledge).as_json()
    assert main(["assess", "--example", "deserter", "--as-of", AS_OF.isoformat(), "--lang", "ru", "--format", "json"]) == 0
    assert served == json.loads(capsys.readouterr().out)
    jsonschema.validate(served, json.loads(SCHEMA.read_text(encoding="utf-8")))
    again = _post(client, json.dumps(deserter_data()))  # the second time from shared parts: the same
    assert again.content == response.content


def test_assess_with_countries_and_other_languages(client: TestClient, knowledge: Knowledge) -> None:
    for lang in ("en", "de"):
        response = _post(client, json.dumps(deserter_data()), f"as_of={AS_OF}&lang={lang}&country=AM&country=kz")
        expected = assess(example_profile("deserter"), AS_OF, lang, knowledge=knowledge, countries=["AM", "KZ"])
        assert response.json() == expected.as_json()


def test_compare(client: TestClient, knowledge: Knowledge) -> None:
    from ausweg.engine.compare import compare

    response = client.post(f"/api/v1/compare?since=2025-01-01&as_of={AS_OF}&lang=ru", json=deserter_data())
    expected = compare(example_profile("deserter"), __import__("datetime").date(2025, 1, 1), AS_OF, "ru",
                       knowledge=knowledge)
    assert response.status_code == 200 and response.json() == json.loads(json.dumps(expected))


def test_knowledge_endpoints_equal_the_queries(client: TestClient, knowledge: Knowledge) -> None:
    view = client.get(f"/api/v1/countries/am?as_of={AS_OF}&lang=ru").json()
    assert view == json.loads(json.dumps(queries.country_view(knowledge, "AM", AS_OF, "ru")))
    changes = client.get("/api/v1/changes?since=2025-01-01&until=2025-12-31&country=DE").json()
    import datetime as dt

    expected = [c.as_json("en") for c in queries.changes(knowledge, dt.date(2025, 1, 1), dt.date(2025, 12, 31), "DE")]
    assert changes == expected and changes
    assert len(client.get("/api/v1/sources").json()) == len(knowledge.sources)
    assert len(client.get("/api/v1/figures").json()) == len(knowledge.figures)
    assert len(client.get("/api/v1/orgs").json()) == len(knowledge.organisations)
    countries = client.get("/api/v1/countries?lang=de").json()
    assert {row["country"] for row in countries} == set(knowledge.countries())
    source_id = next(iter(knowledge.sources))
    assert client.get(f"/api/v1/sources/{source_id}").json()["id"] == source_id


def test_openapi_describes_the_profile_and_the_assessment(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assess_op = spec["paths"]["/api/v1/assess"]["post"]
    body = assess_op["requestBody"]["content"]["application/json"]["schema"]
    assert "military" in body["properties"] and "citizenship" in body["properties"]
    assert {"Profile", "Assessment", "ErrorBody", "Military"} <= set(spec["components"]["schemas"])
    assert {p["name"] for p in assess_op["parameters"]} >= {"as_of", "lang"}
    assert client.get("/docs").status_code == 404  # Swagger UI would load scripts from a CDN


NASTY_BODIES: list[tuple[bytes, int]] = [
    (b"", 400), (b"{", 400), (b"\xff\xfe\x00", 400), (b"[" * 3000 + b"]" * 3000, 400), (b"1e999999", 400),
    (b"null", 422), (b"[]", 422), (b'"RU"', 422), (b"42", 422),
    (b'{"citizenship": "RU"}', 422), (b'{"citizenship": []}', 422), (b'{"citizenship": ["XX"]}', 422),
    (b'{"citizenship": ["R\\u0000"]}', 422), (b'{"citizenship": [{"a": 1}]}', 422),
    (b'{"military": {"status": "general"}}', 422), (b'{"military": "deserter"}', 422), (b'{"milatary": {}}', 422),
    (b'{"family": {"children_travelling": -1}}', 422),
    (b'{"family": {"children_travelling": 100000000000000000000000000}}', 422),
    (b'{"opportunities": {"languages": ["<script>"]}}', 422), (b'{"location": 5}', 422),
    (b'{"persecution": {"activities": ["x", "y"]}}', 422),
]


@pytest.mark.parametrize(("body", "status"), NASTY_BODIES, ids=[str(i) for i in range(len(NASTY_BODIES))])
def test_bad_bodies_get_4xx_in_the_error_shape(client: TestClient, body: bytes, status: int) -> None:
    response = _post(client, body)
    assert response.status_code == status, response.text
    _assert_error_shape(response.json())


def _assert_error_shape(data: dict[str, Any]) -> None:
    assert set(data) == {"error", "details"} and isinstance(data["error"], str) and data["error"]
    for detail in data["details"]:
        assert set(detail) == {"loc", "msg"} and isinstance(detail["loc"], list) and detail["msg"]


def test_bad_fields_are_named_by_their_path(client: TestClient) -> None:
    data = _post(client, b'{"military": {"status": "general"}, "family": {"relatives_in": ["DE", "QQ"]}}').json()
    locs = [detail["loc"] for detail in data["details"]]
    assert ["military", "status"] in locs and any(loc[:2] == ["family", "relatives_in"] for loc in locs)


@pytest.mark.parametrize("query,loc", [
    ("as_of=2026-13-45", ["query", "as_of"]), ("as_of=yesterday", ["query", "as_of"]), ("lang=xx", ["query", "lang"]),
    ("country=ZZ", ["query", "country"]), ("as_of=" + "9" * 500, ["query", "as_of"]),
])
def test_bad_query_parameters_are_named(client: TestClient, query: str, loc: list[str]) -> None:
    response = _post(client, json.dumps(deserter_data()), query)
    assert response.status_code == 422
    assert response.json()["details"][0]["loc"] == loc


@pytest.mark.parametrize("method,path,status", [
    ("GET", "/api/v1/assess", 405), ("GET", "/api/v1/countries/ZZ", 404), ("GET", "/api/v1/countries/QQQ", 404),
    ("GET", "/api/v1/sources/no-such-source", 404), ("GET", "/api/v1/nothing", 404),
    ("GET", "/api/v1/changes?since=2026-02-30", 422), ("GET", "/api/v1/figures?country=%00", 422),
    ("DELETE", "/api/v1/countries", 405), ("GET", "/api/v1/countries?lang=%F0%9F%98%80", 422),
])
def test_other_bad_requests(client: TestClient, method: str, path: str, status: int) -> None:
    response = client.request(method, path)
    assert response.status_code == status, response.text
    _assert_error_shape(response.json())
