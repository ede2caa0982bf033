"""Each deliberately broken knowledge file yields a one-line problem with file:line and the words it promises."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ausweg.cli import main
from ausweg.knowledge.loader import check_knowledge, load_knowledge
from ausweg.knowledge.problems import KnowledgeError

BROKEN = Path(__file__).parent / "broken"
CASES = sorted((BROKEN / "cases").glob("*.yaml"))


def _expected(case: Path) -> list[str]:
    first_line = case.read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith("# expect: "), f"{case.name} must start with '# expect: words | more words'"
    return [part.strip() for part in first_line.removeprefix("# expect: ").split("|")]


def _knowledge_dir(tmp_path: Path, case: Path | None) -> tuple[Path, Path]:
    knowledge = tmp_path / "knowledge"
    (knowledge / "coverage").mkdir(parents=True)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(BROKEN / "base.yaml", knowledge / "base.yaml")
    shutil.copy(BROKEN / "coverage.yaml", knowledge / "coverage" / "base.yaml")
    shutil.copy(BROKEN / "tiny.txt", seeds / "tiny.txt")
    if case is not None:
        shutil.copy(case, knowledge / case.name)
    return knowledge, seeds


def test_the_base_alone_is_clean(tmp_path: Path) -> None:
    knowledge, seeds = _knowledge_dir(tmp_path, None)
    report = check_knowledge(knowledge, seeds_dir=seeds)
    assert [str(problem) for problem in report.problems] == []
    assert report.knowledge is not None and set(report.knowledge.facts) == {"xx-base-fact"}


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_broken_file_is_reported_with_its_words(tmp_path: Path, case: Path) -> None:
    knowledge, seeds = _knowledge_dir(tmp_path, case)
    report = check_knowledge(knowledge, seeds_dir=seeds)
    lines = [str(problem) for problem in report.problems]
    assert report.knowledge is None, "a broken knowledge base must not be built at all"
    matching = [line for line in lines if all(words in line for words in _expected(case))]
    assert matching, f"no problem mentions {_expected(case)}; got:\n" + "\n".join(lines)
    assert any(line.startswith(f"knowledge/{case.name}:") for line in matching), lines
    problem = next(p for p in report.problems if str(p) in matching)
    assert problem.line is not None and problem.line >= 1
    assert "\n" not in str(problem) and "; fix: " in str(problem)


def test_check_command_exits_1_without_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    knowledge, seeds = _knowledge_dir(tmp_path, BROKEN / "cases" / "misspelt-field.yaml")
    code = main(["check", "--knowledge", str(knowledge), "--seeds", str(seeds)])
    captured = capsys.readouterr()
    assert code == 1
    assert "did you mean 'military.status'" in captured.out
    assert "Traceback" not in captured.out + captured.err


def test_a_broken_file_leaves_no_half_loaded_knowledge(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUSWEG_CACHE_DIR", str(tmp_path / "cache"))
    knowledge_dir, seeds = _knowledge_dir(tmp_path, None)
    good = load_knowledge(knowledge_dir, seeds_dir=seeds)
    shutil.copy(BROKEN / "cases" / "bad-state-value.yaml", knowledge_dir / "bad.yaml")
    with pytest.raises(KnowledgeError) as raised:
        load_knowledge(knowledge_dir, seeds_dir=seeds)
    assert any("avialable" in str(problem) for problem in raised.value.problems)
    assert set(good.facts) == {"xx-base-fact"}, "the knowledge loaded before is untouched"
    assert len(list((tmp_path / "cache").glob("*.json"))) == 1, "no cache is written for a broken base"


def test_cache_is_used_and_equal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUSWEG_CACHE_DIR", str(tmp_path / "cache"))
    knowledge_dir, seeds = _knowledge_dir(tmp_path, None)
    cold = load_knowledge(knowledge_dir, seeds_dir=seeds)
    warm = load_knowledge(knowledge_dir, seeds_dir=seeds)
    assert warm.version == cold.version
    assert warm.facts == cold.facts and warm.figures == cold.figures and warm.sources == cold.sources
