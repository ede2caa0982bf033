"""`make bench`, web part: the JSON API and the result page under load, on 127.0.0.1 only.

Starts `ausweg serve --workers 2` on a free loopback port, drives it with wrk (Debian's; installed
with apt-get when missing and possible, else this part is skipped), each run bounded in time:

- POST /api/v1/assess for the example deserter: 50 connections, target >= 1,000 requests/s, p99 < 50 ms;
- POST /ru/result (the interview's last form) for the same person: 100 connections, target p99 < 100 ms.

Then, for comparison, the same API call against `benchmarks/prepared_answer.py`: the same HTTP
stack answering with the deserter's answer prepared at start-up, which is what keeping answers
between requests would buy (the web app must not keep them). Beside them, from the same run and on
the same cores (one process per worker), the assessments per second in-process, and the ratio of
served to in-process: what the HTTP layer costs. Every server is stopped at the end.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
AUSWEG = str(Path(sys.executable).with_name("ausweg"))
AS_OF = dt.date(2026, 2, 1)
DURATION_S = 10  # each measured run; with warm-ups and start-ups the whole web part takes about 70 s
HOST = "127.0.0.1"  # never anything else
WORKERS = 2
STARTUP_S = 4.0  # after the first connection is accepted: every worker loads the knowledge base


def _wrk() -> str | None:
    found = shutil.which("wrk")
    if found:
        return found
    if shutil.which("apt-get") and os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=300)
    return shutil.which("wrk")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _start(port: int, command: list[str] | None = None) -> subprocess.Popen[bytes]:
    """Start a server on 127.0.0.1:`port` (by default `ausweg serve` with 2 workers) and wait until
    it accepts connections and its workers have had time to load (each listens for itself)."""
    command = command or [AUSWEG, "serve", "--host", HOST, "--port", str(port), "--workers", str(WORKERS)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO / "benchmarks")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=2):
                time.sleep(STARTUP_S)
                return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"{' '.join(command[:3])} did not start")


def _prepared_answer_server(port: int) -> subprocess.Popen[bytes]:
    """benchmarks/prepared_answer.py on uvicorn, 2 workers, as `ausweg serve` runs them."""
    return _start(port, [sys.executable, "-m", "uvicorn", "--factory", "prepared_answer:create_app", "--host", HOST,
                         "--port", str(port), "--workers", "2", "--no-access-log", "--log-level", "warning"])


def _lua(path: Path, body: str, content_type: str) -> None:
    path.write_text(f'wrk.method = "POST"\nwrk.body = {json.dumps(body)}\n'
                    f'wrk.headers["Content-Type"] = "{content_type}"\n', encoding="utf-8")


def _run_wrk(wrk: str, script: Path, url: str, connections: int) -> dict[str, float]:
    """A 2 s warm-up (each worker works out the day's facts in force), then the measured run."""
    warm = [wrk, "-t1", "-c4", "-d2s", "-s", str(script), url]
    subprocess.run(warm, capture_output=True, timeout=60, check=True)
    threads = min(2, connections)  # wrk needs a connection per thread
    command = [wrk, f"-t{threads}", f"-c{connections}", f"-d{DURATION_S}s", "--timeout", "5s", "--latency",
               "-s", str(script), url]
    output = subprocess.run(command, capture_output=True, text=True, timeout=DURATION_S + 60, check=True).stdout
    return _parse(output)


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def _parse(output: str) -> dict[str, float]:
    found = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))}  # type: ignore[union-attr]
    for percent in ("50", "90", "99"):
        match = re.search(rf"^\s+{percent}(?:\.000)?%\s+(\S+)", output, re.MULTILINE)
        found[f"p{percent}"] = _ms(match.group(1)) if match else float("nan")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    found["non2xx"] = float(errors.group(1)) if errors else 0.0
    socket_errors = re.search(r"Socket errors: (.*)", output)
    found["socket_errors"] = float(sum(int(n) for n in re.findall(r"\d+", socket_errors.group(1)))) if socket_errors else 0
    return found


def _in_process_one_core(seconds: float) -> tuple[float, float]:
    """Assessments per second in one process: assess only, and as the API serves it (JSON bytes)."""
    from ausweg.engine.assess import assess, bundled_knowledge
    from ausweg.profile_io import example_profile, profile_from_data
    import orjson

    from ausweg.web.app import forget_answers

    knowledge = bundled_knowledge()
    forget_answers(knowledge)  # as in the server: nothing of a person kept between requests
    data = example_profile("deserter").model_dump(mode="json")
    assess(profile_from_data(data), AS_OF, "ru", knowledge=knowledge).as_json()  # the day's facts, as a warm worker has them
    rates = []
    for serve in (False, True):
        count, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds:
            result = assess(profile_from_data(data), AS_OF, "ru", knowledge=knowledge)
            if serve:
                orjson.dumps(result.as_json())
            count += 1
        rates.append(count / (time.perf_counter() - start))
    return rates[0], rates[1]


def _in_process(seconds: float = 3.0) -> tuple[float, float]:
    """The same, in as many processes as the server has workers, at once: on the same cores."""
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(WORKERS) as pool:
        rates = pool.map(_in_process_one_core, [seconds] * WORKERS)
    return sum(rate for rate, _ in rates), sum(rate for _, rate in rates)


def _form_body() -> str:
    from ausweg.engine.assess import bundled_knowledge
    from ausweg.profile_io import example_profile
    from ausweg.web.interview_forms import answers_from_profile, carried

    pairs = carried(answers_from_profile(example_profile("deserter"), bundled_knowledge()))
    return urllib.parse.urlencode([*pairs, ("as_of", AS_OF.isoformat())])


def _line(label: str, figures: dict[str, float], target: str) -> None:
    print(f"{label:<58} {figures['rps']:8.0f} req/s  p50 {figures['p50']:6.1f} ms  p90 {figures['p90']:6.1f} ms  "
          f"p99 {figures['p99']:6.1f} ms   target {target}"
          + (f"  (non-2xx: {figures['non2xx']:.0f})" if figures["non2xx"] else ""))


def _measure_server(wrk: str, scripts: dict[str, Path], port: int) -> dict[str, dict[str, float]]:
    base = f"http://{HOST}:{port}"
    server = _start(port)
    try:
        # one person alone first: after a run that overloads the server, its queue takes a while to empty
        alone = _run_wrk(wrk, scripts["page"], f"{base}/ru/result", 1)
        return {
            "page alone": alone,
            "api": _run_wrk(wrk, scripts["api"], f"{base}/api/v1/assess?as_of={AS_OF}&lang=ru", 50),
            "page": _run_wrk(wrk, scripts["page"], f"{base}/ru/result", 100),
        }
    finally:
        server.terminate()
        server.wait(timeout=20)


def _measure_prepared(wrk: str, script: Path) -> dict[str, float]:
    port = _free_port()
    server = _prepared_answer_server(port)
    try:
        return _run_wrk(wrk, script, f"http://{HOST}:{port}/api/v1/assess?as_of={AS_OF}&lang=ru", 50)
    finally:
        server.terminate()
        server.wait(timeout=20)


def bench_web() -> None:
    wrk = _wrk()
    if wrk is None:
        print("web benchmarks: skipped, wrk not found (apt-get install -y wrk)")
        return
    with tempfile.TemporaryDirectory() as folder:
        scripts = {"api": Path(folder) / "api.lua", "page": Path(folder) / "page.lua"}
        _lua(scripts["api"], json.dumps(_deserter()), "application/json")
        _lua(scripts["page"], _form_body(), "application/x-www-form-urlencoded")
        served = _measure_server(wrk, scripts, _free_port())
        prepared = _measure_prepared(wrk, scripts["api"])
    assess_only, as_json = _in_process()
    print(f"web, {WORKERS} uvicorn workers on {os.cpu_count()} cores, wrk -t2 on the same cores, {DURATION_S} s each:")
    _line("POST /api/v1/assess (deserter), 50 connections", served["api"], ">= 1000 req/s, p99 < 50 ms")
    _line("POST /ru/result (deserter), 100 connections", served["page"], "p99 < 100 ms")
    _line("POST /ru/result (deserter), 1 connection: one person alone", served["page alone"], "-")
    _line("the same API call answered with bytes prepared at start-up", prepared, "- (the HTTP layer alone)")
    print(f"{f'in-process, {WORKERS} processes: assess(deserter)':<58} {assess_only:8.0f} /s")
    print(f"{f'in-process, {WORKERS} processes: assess + API JSON bytes':<58} {as_json:8.0f} /s")
    print(f"{'served / in-process (assess + API JSON), same cores':<58} {served['api']['rps'] / as_json:8.2f}")


def _deserter() -> dict[str, object]:
    from ausweg.profile_io import example_profile

    return example_profile("deserter").model_dump(mode="json")


if __name__ == "__main__":
    bench_web()
