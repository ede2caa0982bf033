"""The seed articles: quotes from them must be verbatim, and every paragraph must be accounted for.

The articles live outside the project (../shared/seeds); only short quotes are copied in. A
paragraph is a non-empty line of the seed file, numbered from 1.
"""

from __future__ import annotations

import re
from pathlib import Path

from ausweg.knowledge.files import SourceFile
from ausweg.knowledge.problems import Problem
from ausweg.knowledge.profile_schema import suggest
from ausweg.knowledge.schema import SeedCoverage, Source
from ausweg.knowledge.validate import Located, citations_of
from ausweg.settings import env

_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def default_seeds_dir(knowledge_dir: Path) -> Path:
    """$AUSWEG_SEEDS_DIR, else shared/seeds beside the project checkout."""
    configured = env("AUSWEG_SEEDS_DIR")
    if configured:
        return Path(configured)
    return knowledge_dir.resolve().parent.parent / "shared" / "seeds"


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def check_quotes(items: dict[str, Located], seeds_dir: Path) -> list[Problem]:
    """Every quote from a source that has a seed file appears verbatim in that file."""
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    for located in items.values():
        for sub, citation in citations_of(located.item):
            source = items.get(citation.source)
            if source is None or not isinstance(source.item, Source) or source.item.seed_file is None:
                continue
            seed_file = source.item.seed_file
            if seed_file not in texts:
                path = seeds_dir / seed_file
                texts[seed_file] = normalise(path.read_text(encoding="utf-8")) if path.exists() else ""
            if texts[seed_file] and normalise(citation.quote) not in texts[seed_file]:
                problems.append(
                    located.problem(
                        [*sub, "quote"],
                        f"quote {citation.quote[:50]!r}... is not verbatim in seed {seed_file}",
                        "copy the quote exactly from the article (only whitespace may differ)",
                    )
                )
    return problems


def check_coverage(
    coverage_files: list[SourceFile], items: dict[str, Located], seeds_dir: Path
) -> list[Problem]:
    """Each seed source has a coverage file accounting for every paragraph with known ids."""
    problems: list[Problem] = []
    covered: set[str] = set()
    for source_file in coverage_files:
        coverage = source_file.model
        assert isinstance(coverage, SeedCoverage)
        covered.add(coverage.source)
        problems.extend(_check_one_coverage(source_file, coverage, items, seeds_dir))
    for located in items.values():
        if isinstance(located.item, Source) and located.item.seed_file and located.item.id not in covered:
            problems.append(
                located.problem(
                    ["seed_file"],
                    f"seed source {located.item.id!r} has no coverage file",
                    "add knowledge/coverage/<name>.yaml mapping every paragraph to ids",
                )
            )
    return problems


def _check_one_coverage(
    source_file: SourceFile, coverage: SeedCoverage, items: dict[str, Located], seeds_dir: Path
) -> list[Problem]:
    problems: list[Problem] = []
    source = items.get(coverage.source)
    if source is None or not isinstance(source.item, Source) or source.item.seed_file != coverage.seed_file:
        problems.append(
            source_file.problem(
                ["source"],
                coverage.source,
                f"source {coverage.source!r} is not a source with seed_file {coverage.seed_file!r}",
                "name the seed's source id and its file exactly as in knowledge/sources.yaml",
            )
        )
    for index, paragraph in enumerate(coverage.paragraphs):
        for ref_index, ref in enumerate(paragraph.ids):
            if ref not in items:
                problems.append(
                    source_file.problem(
                        ["paragraphs", index, "ids", ref_index],
                        f"paragraph {paragraph.n}",
                        f"names unknown id {ref!r}",
                        f"use an id from the knowledge base{suggest(ref, items)}",
                    )
                )
    seed_path = seeds_dir / coverage.seed_file
    if not seed_path.exists():
        return problems
    problems.extend(_check_paragraphs(source_file, coverage, paragraphs(seed_path.read_text(encoding="utf-8"))))
    return problems


def _check_paragraphs(source_file: SourceFile, coverage: SeedCoverage, seed: list[str]) -> list[Problem]:
    problems: list[Problem] = []
    numbers = [paragraph.n for paragraph in coverage.paragraphs]
    missing = sorted(set(range(1, len(seed) + 1)) - set(numbers))
    if missing:
        problems.append(
            source_file.problem(
                ["paragraphs"],
                coverage.source,
                f"paragraphs {', '.join(map(str, missing))} of {len(seed)} are not accounted for",
                "add an entry with ids or not_actionable for each",
            )
        )
    for index, paragraph in enumerate(coverage.paragraphs):
        if paragraph.n > len(seed) or numbers.count(paragraph.n) > 1:
            problems.append(
                source_file.problem(
                    ["paragraphs", index, "n"],
                    f"paragraph {paragraph.n}",
                    f"paragraph {paragraph.n} is listed twice or the seed has only {len(seed)}",
                    "number the paragraphs 1..N once each",
                )
            )
        elif not normalise(seed[paragraph.n - 1]).startswith(normalise(paragraph.starts)):
            problems.append(
                source_file.problem(
                    ["paragraphs", index, "starts"],
                    f"paragraph {paragraph.n}",
                    f"paragraph {paragraph.n} starts {seed[paragraph.n - 1][:40]!r}, not {paragraph.starts[:40]!r}",
                    "copy the paragraph's first words exactly",
                )
            )
    return problems
