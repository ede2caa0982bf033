"""`make bench`: every speed target of ausweg, measured and printed (never asserted in tests).

Targets (issues 2 and 3): knowledge load with the entry table < 0.3 s warm; import of all 53
snapshots < 20 s; `ausweg --help` < 0.3 s; one full assessment median < 2 ms in-process; 10,000
varied profiles < 5 s in one process; `ausweg assess --example deserter --format json` < 0.8 s
end to end. Web figures: `benchmarks/bench_web.py` (also run by `make bench`).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SNAPSHOTS = REPO.parent / "shared" / "data" / "passport-index" / "snapshots"
AUSWEG = str(Path(sys.executable).with_name("ausweg"))
AS_OF = dt.date(2026, 2, 1)


def timed(action: Callable[[], object], runs: int) -> list[float]:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return timings


def line(label: str, seconds: float, target: str, extra: str = "") -> None:
    shown = f"{seconds * 1000:9.2f} ms" if seconds < 10 else f"{seconds:9.2f} s "
    print(f"{label:<58} {shown}   target {target:<9} {extra}")


def bench_knowledge() -> None:
    from ausweg.knowledge.loader import load_knowledge

    with tempfile.TemporaryDirectory() as cache:
        os.environ["AUSWEG_CACHE_DIR"] = cache
        cold = timed(lambda: load_knowledge(use_cache=False), 3)
        warm = timed(lambda: load_knowledge(), 15)
        del os.environ["AUSWEG_CACHE_DIR"]
    line("knowledge load + validate, cold (no cache), median", statistics.median(cold), "-")
    line("knowledge load with entry table, warm (cache), median", statistics.median(warm), "< 300 ms")


def bench_import() -> None:
    if not SNAPSHOTS.is_dir():
        print("import passport-index: skipped, snapshots not found")
        return
    from ausweg.ingest.passport_index import import_snapshots

    line("import all 53 Passport Index snapshots, median of 3", statistics.median(timed(lambda: import_snapshots(SNAPSHOTS), 3)), "< 20 s")


def bench_commands() -> None:
    def command(*argv: str) -> None:
        subprocess.run([AUSWEG, *argv], check=True, stdout=subprocess.DEVNULL)

    command("assess", "--example", "deserter", "--format", "json")  # warm the knowledge cache
    line("`ausweg --help`, median of 10", statistics.median(timed(lambda: command("--help"), 10)), "< 300 ms")
    end_to_end = timed(lambda: command("assess", "--example", "deserter", "--format", "json"), 10)
    line("`ausweg assess --example deserter --format json`, median", statistics.median(end_to_end), "< 800 ms")


def varied_profiles(count: int, seed: int = 2026) -> list[object]:
    from ausweg.knowledge.profile_schema import profile_fields
    from ausweg.profile import Profile

    rng = random.Random(seed)
    choices = {path: spec.values for path, spec in profile_fields().items() if spec.kind == "choice"}
    profiles = []
    for _ in range(count):
        data: dict[str, dict[str, object] | object] = {"citizenship": [rng.choice(["RU", "RU", "RU", "BY"])]}
        for path, values in choices.items():
            group, _, name = path.partition(".")
            value = rng.choice(values)
            if name:
                data.setdefault(group, {})[name] = value  # type: ignore[index]
            else:
                data[group] = value
        data["opportunities"] = {**data.get("opportunities", {}),  # type: ignore[dict-item]
                                 "job_offer_in": rng.choice([[], [], ["SK"], ["DE"]]),
                                 "languages": rng.choice([["ru"], ["ru", "en"], ["ru", "de"]])}
        profiles.append(Profile.model_validate(data))
    return profiles


def load_knowledge_without_memo() -> object:
    """A knowledge base as the web server uses it: no result derived from answers is kept."""
    from ausweg.knowledge.loader import load_knowledge

    knowledge = load_knowledge()
    knowledge.remember_answers = False
    return knowledge


def bench_assess() -> None:
    from ausweg.engine.assess import assess, bundled_knowledge
    from ausweg.profile_io import example_profile

    knowledge = bundled_knowledge()
    deserter = example_profile("deserter")
    assess(deserter, AS_OF, knowledge=knowledge)
    one = timed(lambda: assess(deserter, AS_OF, knowledge=knowledge), 200)
    line("assess(deserter), all destinations, median of 200", statistics.median(one), "< 2 ms",
         f"({len(knowledge.countries())} destinations)")
    rendered = timed(lambda: assess(deserter, AS_OF, "ru", knowledge=knowledge).as_json(), 50)
    line("assess(deserter) + as_json (with what-if), median of 50", statistics.median(rendered), "-")
    private = load_knowledge_without_memo()
    alone = timed(lambda: assess(deserter, AS_OF, knowledge=private), 50)
    line("assess(deserter), nothing kept between assessments (web)", statistics.median(alone), "-")
    profiles = varied_profiles(10_000)
    start = time.perf_counter()
    for profile in profiles:
        assess(profile, AS_OF, knowledge=knowledge)
    total = time.perf_counter() - start
    line("10,000 varied profiles, assess only, one process", total, "< 5 s", f"({10_000 / total:,.0f}/s)")


def main() -> None:
    print(f"ausweg benchmarks on {os.cpu_count()} cores, Python {sys.version.split()[0]}, {dt.date.today()}")
    bench_knowledge()
    bench_import()
    bench_commands()
    bench_assess()
    from bench_web import bench_web

    bench_web()


if __name__ == "__main__":
    main()
