"""Problems found in the knowledge base: one line each, with where, what and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int | None
    item: str | None
    message: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        item = f" [{self.item}]" if self.item else ""
        return f"{where}:{item} {self.message}; fix: {self.fix}"


class KnowledgeError(Exception):
    """The knowledge base did not load; nothing of it is used. `problems` says why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        first = str(problems[0]) if problems else "no details"
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the knowledge base, first: {first}")
