"""The bundled knowledge base: clean under `ausweg check`, every seed paragraph accounted for,
every covered topic backed by facts that cite sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from ausweg.knowledge.base import Knowledge
from ausweg.knowledge.loader import check_knowledge, default_knowledge_dir
from ausweg.knowledge.seeds import default_seeds_dir, paragraphs
from ausweg.knowledge.topics import GROUP_SIZE, coverage_report, fact_topics
from ausweg.knowledge.schema import Topic

SEEDS = default_seeds_dir(default_knowledge_dir())


def test_check_is_clean() -> None:
    report = check_knowledge()
    assert [str(problem) for problem in report.problems] == []


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed articles not found at {SEEDS}")
def test_every_seed_paragraph_is_accounted_for(knowledge: Knowledge) -> None:
    seeds = {source.seed_file: source.id for source in knowledge.sources.values() if source.seed_file}
    assert set(seeds) == {path.name for path in SEEDS.glob("*.txt")}
    for coverage in knowledge.coverage:
        count = len(paragraphs((SEEDS / coverage.seed_file).read_text(encoding="utf-8")))
        assert sorted(paragraph.n for paragraph in coverage.paragraphs) == list(range(1, count + 1))
        for paragraph in coverage.paragraphs:
            for ref in paragraph.ids:
                assert ref in knowledge.facts or ref in knowledge.figures or ref in knowledge.organisations or ref in knowledge.sources


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed articles not found at {SEEDS}")
def test_the_check_catches_a_quote_that_is_not_in_the_seed(tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "knowledge"
    shutil.copytree(default_knowledge_dir(), copy)
    target = copy / "countries" / "ee.yaml"
    text = target.read_text(encoding="utf-8")
    assert "Estland hat gegen die ersten 261" in text
    target.write_text(text.replace("Estland hat gegen die ersten 261", "Estland hat gegen die ersten 262", 1), encoding="utf-8")
    problems = [str(problem) for problem in check_knowledge(copy, seeds_dir=SEEDS).problems]
    assert any("ee.yaml" in line and "not verbatim" in line for line in problems), problems


def test_no_topic_is_covered_without_facts_citing_sources(knowledge: Knowledge) -> None:
    for row in coverage_report(knowledge):
        for topic, level in row["topics"].items():
            if level != "covered" or topic == Topic.organisations.value:
                continue
            backing = [
                fact for fact in knowledge.facts_by_country[row["country"]]
                if Topic(topic) in fact_topics(fact) and len(fact.countries) < GROUP_SIZE
            ]
            assert backing, (row["country"], topic)
            assert all(state.citations for fact in backing for state in fact.states)
            publishers = {knowledge.sources[c.source].publisher for f in backing for s in f.states for c in s.citations}
            if topic == Topic.entry.value:
                publishers.add(knowledge.sources["passport-index"].publisher)
            assert len(publishers) >= 2, (row["country"], topic, publishers)


def test_coverage_report_shape(knowledge: Knowledge) -> None:
    rows = coverage_report(knowledge)
    assert rows and all(set(row) >= {"country", "topics", "sources", "newest_source", "open_questions"} for row in rows)
    assert all(set(row["topics"]) == {topic.value for topic in Topic} for row in rows)
    assert "RU" not in {row["country"] for row in rows}
