"""Time the Passport Index import and the loading of the compiled entry table; prints medians.

PYTHONPATH=src .venv/bin/python benchmarks/bench_import.py [--runs N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from ausweg.ingest.passport_index import import_snapshots
from ausweg.knowledge.entry_table import load_entry_table

REPO = Path(__file__).resolve().parents[1]
SNAPSHOTS = REPO.parent / "shared" / "data" / "passport-index" / "snapshots"
COMMITTED = REPO / "knowledge" / "entry" / "passport-index.json"


def median_seconds(action: Callable[[], object], runs: int) -> tuple[float, list[float]]:
    timings: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings), timings


def report(label: str, runs: int, action: Callable[[], object]) -> None:
    median, timings = median_seconds(action, runs)
    spread = ", ".join(f"{seconds * 1000:.1f}" for seconds in sorted(timings))
    print(f"{label:<52} median {median * 1000:9.1f} ms   (runs, ms: {spread})")


def load_and_look_up() -> None:
    table = load_entry_table(COMMITTED)
    table.lookup("RU", "RS", dt.date(2025, 2, 1))


def load_and_validate() -> None:
    load_entry_table(COMMITTED).validate()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    runs = parser.parse_args().runs
    print(f"snapshots: {SNAPSHOTS}")
    print(f"compiled table: {COMMITTED} ({COMMITTED.stat().st_size / 1_000_000:.2f} MB)")
    if SNAPSHOTS.is_dir():
        report("import_snapshots (all snapshots)", runs, lambda: import_snapshots(SNAPSHOTS))
    else:
        print("import_snapshots: skipped, snapshot folder not found")
    report("load_entry_table", runs * 4, lambda: load_entry_table(COMMITTED))
    report("load_entry_table + lookup RU->RS", runs * 4, load_and_look_up)
    report("load_entry_table + validate (decode every pair)", runs, load_and_validate)


if __name__ == "__main__":
    main()
