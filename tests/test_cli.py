"""The CLI: browsing commands as tables and JSON, the assessment, and clear errors (never a traceback)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from ausweg.cli import main
from ausweg.dates import FuzzyDate

ROOT = Path(__file__).resolve().parents[1]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_country_view_shows_dated_entry_regime(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "country", "RS", "--as-of", "2022-03-01", "--format", "json")
    assert code == 0
    before = json.loads(out)
    assert before["entry"]["RU"]["requirement"] == "visa_free" and before["entry"]["RU"]["days"] == 90
    code, out, _ = run(capsys, "country", "RS", "--as-of", "2025-02-01", "--format", "json")
    after = json.loads(out)
    assert after["entry"]["RU"]["days"] == 30 and after["entry"]["RU"]["stale"] is True
    assert set(after) >= {"country", "as_of", "entry", "facts"}


def test_country_view_lists_facts_in_force_with_citations(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "country", "EE", "--as-of", "2026-02-01", "--format", "json")
    facts = {fact["id"]: fact for fact in json.loads(out)["facts"]}
    ban = facts["ee-entry-ban-former-combatants"]
    assert ban["valid_from"] == "2026-01-12" and ban["valid_from_precision"] == "day"
    assert ban["citations"] and all(c["quote"] and c["source"] for c in ban["citations"])
    code, out, _ = run(capsys, "country", "EE", "--as-of", "2025-12-01", "--format", "json")
    assert "ee-entry-ban-former-combatants" not in {fact["id"] for fact in json.loads(out)["facts"]}


def test_country_view_in_russian(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "country", "AM", "--as-of", "2026-02-01", "--lang", "ru")
    assert code == 0 and "Армения" in out and "Въезд по паспорту" in out


def test_changes_timeline(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "changes", "--since", "2025-08-01", "--until", "2025-09-30", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and rows
    keys = {"date", "date_precision", "country", "fact", "change", "summary", "sources"}
    assert all(keys <= set(row) for row in rows)
    assert any(row["fact"] == "us-visa-applications-russians-astana-warsaw" and row["date"] == "2025-09-06" for row in rows)
    first_days = [FuzzyDate.parse(row["date"]).first_day for row in rows]
    assert first_days == sorted(first_days)
    code, out, _ = run(capsys, "changes", "--country", "DE", "--format", "json")
    assert {row["country"] for row in json.loads(out)} == {"DE"}


def test_figures_sources_orgs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "figures", "--topic", "desertion", "--format", "json")
    figures = json.loads(out)
    assert figures and all({"id", "what", "unit", "period", "citations"} <= set(f) for f in figures)
    assert all(("value" in f) or ("high" in f) for f in figures)
    code, out, _ = run(capsys, "sources", "report-2026-01-deserters", "--format", "json")
    source = json.loads(out)
    assert source["published"] == "2026-01" and source["published_precision"] == "month"
    assert "ee-entry-ban-former-combatants" in source["cited_by"]
    code, out, _ = run(capsys, "orgs", "--format", "json")
    assert {"get-lost", "intransit", "yashin-reception-office-berlin"} <= {org["id"] for org in json.loads(out)}


def test_countries_lists_every_destination(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "countries", "--format", "json")
    rows = json.loads(out)
    assert len(rows) >= 199
    deep = {row["country"] for row in rows if row["coverage"] == "deep"}
    assert {"AM", "KZ", "DE", "US", "SK", "EE"} <= deep


def test_assess_example_json_validates_against_the_published_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "assess", "--example", "deserter", "--as-of", "2026-02-01", "--format", "json")
    assert code == 0
    data = json.loads(out)
    schema = json.loads((ROOT / "src/ausweg/schemas/assessment-1.json").read_text())
    jsonschema.validate(data, schema)
    assert data["schema"] == "ausweg.assessment/1" and data["destinations"][0]["country"] == "AM"


def test_assess_text_in_russian_and_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "assess", "--example", "deserter", "--as-of", "2026-02-01", "--lang", "ru")
    assert code == 0 and "Армения" in out and "Источники" in out
    code, out, _ = run(capsys, "assess", "--example", "deserter", "--as-of", "2026-02-01", "--format", "markdown")
    assert out.startswith("# ") and "## 1. Armenia (AM)" in out


def test_assess_flags_and_compare(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "assess", "--example", "former-combatant", "--as-of", "2026-02-01",
                       "--compare", "2026-01-01", "--country", "EE", "--format", "json")
    changes = json.loads(out)["changes"]
    assert code == 0 and changes[0]["country"] == "EE"
    added = {because["fact"] for risk in changes[0]["risks"]["added"] for because in risk["because"]}
    assert "ee-entry-ban-former-combatants" in added
    code, out, _ = run(capsys, "assess", "--citizenship", "RU", "--military.status", "deserter",
                       "--documents.international_passport", "none", "--documents.internal_passport", "yes",
                       "--as-of", "2026-02-01", "--format", "json", "--country", "AM", "KZ")
    assert [d["country"] for d in json.loads(out)["destinations"]] == ["AM", "KZ"]


def test_interview_from_piped_answers(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["RU", "AM", "3", "1", "5"] + [""] * 40)
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    code, out, err = run(capsys, "assess", "--interview", "--as-of", "2026-02-01", "--format", "json", "--country", "AM")
    assert code == 0, err
    assert json.loads(out)["destinations"][0]["entry"]["document"] == "internal_passport"


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["country", "XZ"], "not an ISO 3166-1 alpha-2 code"),
        (["country", "AM", "--as-of", "2026-13-01"], "--as-of"),
        (["changes", "--since", "yesterday"], "--since"),
        (["sources", "no-such-source"], "not in the knowledge base"),
        (["assess", "--example", "desertr"], "did you mean 'deserter'"),
        (["assess", "--military.status", "desrter"], "military.status"),
        (["assess", "--profile", "/nonexistent/profile.yaml"], "cannot read profile file"),
        (["assess"], "no profile"),
    ],
)
def test_bad_input_gets_a_clear_message(capsys: pytest.CaptureFixture[str], argv: list[str], words: str) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert words in err and "Traceback" not in err + out


def test_malformed_profile_file_lists_every_problem(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("citizenship: [RU]\nlgbt: maybe\nmilitary: {status: general}\nfamly: {}\n", encoding="utf-8")
    code, _, err = run(capsys, "assess", "--profile", str(profile))
    assert code == 2
    assert "lgbt" in err and "maybe" in err and "military.status" in err and "did you mean 'family'" in err


def test_country_view_says_where_the_knowledge_base_wins(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "country", "AM", "--as-of", "2026-02-01", "--format", "json")
    russian = json.loads(out)["entry"]["RU"]
    assert russian["requirement"] == "visa_free"
    assert "internal passport accepted" in russian["effective"]
    assert "am-internal-passport-entry" in {item["fact"] for item in russian["knowledge"]}
    code, out, _ = run(capsys, "country", "EE", "--as-of", "2026-02-01", "--format", "json")
    assert "banned" in json.loads(out)["entry"]["RU"]["effective"]
