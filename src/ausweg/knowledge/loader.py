"""Loading the knowledge base: read every file, validate everything, build it whole or not at all.

A warm load reads a JSON cache of the already-validated files, keyed by a hash of every
knowledge file, the seed articles and the schema code, so any change invalidates it.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ausweg.knowledge.base import Knowledge
from ausweg.settings import env
from ausweg.knowledge.files import SourceFile, read_file
from ausweg.knowledge.problems import KnowledgeError, Problem
from ausweg.knowledge.schema import Fact, Figure, KnowledgeFile, OpenQuestion, Organisation, SeedCoverage, Source
from ausweg.knowledge.seeds import check_coverage, check_quotes, default_seeds_dir
from ausweg.knowledge.validate import check_items, index_items

ENTRY_TABLE = Path("entry") / "passport-index.json"
_CODE_FILES = ("schema.py", "conditions.py", "validate.py", "seeds.py", "files.py", "loader.py", "profile_schema.py")


def default_knowledge_dir() -> Path:
    """$AUSWEG_KNOWLEDGE_DIR, else the knowledge/ folder of this checkout."""
    configured = env("AUSWEG_KNOWLEDGE_DIR")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[3] / "knowledge"


def _cache_dir() -> Path:
    configured = env("AUSWEG_CACHE_DIR")
    if configured:
        return Path(configured)
    base = env("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "ausweg"


@dataclass(frozen=True)
class CheckReport:
    """What `check` found: the problems, and notes on what could not be checked."""

    problems: list[Problem]
    notes: list[str]
    files: int
    knowledge: Knowledge | None


def _yaml_files(directory: Path) -> list[Path]:
    return sorted(path for path in directory.rglob("*.yaml") if path.is_file())


def _fingerprint(directory: Path, files: list[Path], seeds_dir: Path) -> str:
    digest = hashlib.sha256()
    code_dir = Path(__file__).parent
    extra = [code_dir / name for name in _CODE_FILES] + [code_dir.parent / "profile.py"]
    seeds = sorted(seeds_dir.glob("*.txt")) if seeds_dir.is_dir() else []
    for path in [*files, directory / ENTRY_TABLE, *extra, *seeds]:
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes() if path.exists() else b"-")
    return digest.hexdigest()[:16]


def load_knowledge(
    directory: Path | None = None, *, seeds_dir: Path | None = None, use_cache: bool = True
) -> Knowledge:
    """The validated knowledge base; raises `KnowledgeError` listing every problem."""
    directory = directory or default_knowledge_dir()
    seeds_dir = seeds_dir or default_seeds_dir(directory)
    files = _yaml_files(directory)
    version = _fingerprint(directory, files, seeds_dir)
    cache_file = _cache_dir() / f"knowledge-{version}.json"
    if use_cache and cache_file.exists():
        try:
            return _from_cache(json.loads(cache_file.read_text(encoding="utf-8")), directory, version)
        except (ValueError, KeyError, TypeError):
            pass  # a damaged cache is rebuilt below
    report = _check(directory, files, seeds_dir, version)
    if report.problems or report.knowledge is None:
        raise KnowledgeError(report.problems)
    if use_cache:
        _write_cache(cache_file, report.knowledge)
    return report.knowledge


def check_knowledge(directory: Path | None = None, *, seeds_dir: Path | None = None) -> CheckReport:
    """Validate everything, without the cache; never raises for bad knowledge."""
    directory = directory or default_knowledge_dir()
    seeds_dir = seeds_dir or default_seeds_dir(directory)
    files = _yaml_files(directory)
    return _check(directory, files, seeds_dir, _fingerprint(directory, files, seeds_dir))


def _check(directory: Path, paths: list[Path], seeds_dir: Path, version: str) -> CheckReport:
    notes: list[str] = []
    if not directory.is_dir():
        problem = Problem(str(directory), None, None, "knowledge folder not found", "pass an existing folder")
        return CheckReport([problem], notes, 0, None)
    base = directory.resolve().parent
    files = [read_file(path, str(path.resolve().relative_to(base))) for path in paths]
    problems = [problem for source_file in files for problem in source_file.problems]
    items, duplicate_problems = index_items(files)
    problems += duplicate_problems + check_items(items)
    coverage_files = [f for f in files if isinstance(f.model, SeedCoverage)]
    if seeds_dir.is_dir():
        problems += check_quotes(items, seeds_dir) + check_coverage(coverage_files, items, seeds_dir)
    else:
        notes.append(f"seed articles not found at {seeds_dir}: seed quotes and coverage not checked")
    entry, entry_problem = _load_entry(directory)
    if entry_problem:
        problems.append(entry_problem)
    if problems:
        return CheckReport(problems, notes, len(files), None)
    knowledge = _build(files, entry, version)
    return CheckReport([], notes, len(files), knowledge)


def _load_entry(directory: Path) -> tuple[Any, Problem | None]:
    path = directory / ENTRY_TABLE
    if not path.exists():
        return None, None
    from ausweg.knowledge.entry_table import load_entry_table

    try:
        return load_entry_table(path), None
    except (ValueError, KeyError, TypeError) as error:
        name = str(path.relative_to(directory.resolve().parent)) if path.is_absolute() else str(path)
        return None, Problem(name, None, None, f"entry table unreadable: {error}", "re-run `ausweg import passport-index`")


def _build(files: list[SourceFile], entry: Any, version: str) -> Knowledge:
    sources: dict[str, Source] = {}
    facts: dict[str, Fact] = {}
    figures: dict[str, Figure] = {}
    organisations: dict[str, Organisation] = {}
    coverage: list[SeedCoverage] = []
    questions: dict[str, OpenQuestion] = {}
    origins: dict[str, str] = {}
    for source_file in files:
        model = source_file.model
        if isinstance(model, SeedCoverage):
            coverage.append(model)
            continue
        assert isinstance(model, KnowledgeFile)
        for target, items in ((sources, model.sources), (facts, model.facts), (figures, model.figures),
                              (organisations, model.organisations), (questions, model.open_questions)):
            for item in items:
                target[item.id] = item  # type: ignore[assignment]
                origins[item.id] = source_file.name
    return Knowledge(version, sources, facts, figures, organisations, coverage, entry, questions, origins)


def _write_cache(cache_file: Path, knowledge: Knowledge) -> None:
    payload = {
        "version": knowledge.version,
        "sources": [item.model_dump(mode="json", by_alias=True) for item in knowledge.sources.values()],
        "facts": [item.model_dump(mode="json", by_alias=True) for item in knowledge.facts.values()],
        "figures": [item.model_dump(mode="json", by_alias=True) for item in knowledge.figures.values()],
        "organisations": [item.model_dump(mode="json", by_alias=True) for item in knowledge.organisations.values()],
        "coverage": [item.model_dump(mode="json", by_alias=True) for item in knowledge.coverage],
        "open_questions": [item.model_dump(mode="json", by_alias=True) for item in knowledge.open_questions.values()],
        "origins": knowledge.origins,
    }
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = cache_file.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        temporary.replace(cache_file)
    except OSError:
        pass  # a read-only home only costs speed


def _from_cache(payload: dict[str, Any], directory: Path, version: str) -> Knowledge:
    if payload["version"] != version:
        raise ValueError("cache version mismatch")
    entry, problem = _load_entry(directory)
    if problem:
        raise ValueError(problem.message)
    return Knowledge(
        version,
        {item["id"]: Source.model_validate(item) for item in payload["sources"]},
        {item["id"]: Fact.model_validate(item) for item in payload["facts"]},
        {item["id"]: Figure.model_validate(item) for item in payload["figures"]},
        {item["id"]: Organisation.model_validate(item) for item in payload["organisations"]},
        [SeedCoverage.model_validate(item) for item in payload["coverage"]],
        entry,
        {item["id"]: OpenQuestion.model_validate(item) for item in payload["open_questions"]},
        payload["origins"],
    )
