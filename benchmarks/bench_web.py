"""`make bench`, web part: the JSON API and the result page under load, on 127.0.0.1 only.

Starts `ausweg serve --workers 2` on a free loopback port, drives it with wrk (Debian's; installed
with apt-get when missing and possible, else this part is skipped), each run bounded in time:

- POST /api/v1/assess for the example deserter: 50 connections, target >= 1,000 requests/s, p99 < 50 ms;
- POST /ru/result (the interview's last form) for the same person: 100 connections, target p99 < 100 ms.

Beside them, from the same run and on the same cores, the assessments per second in-process
(no HTTP): what the server's work costs without the server. The server is stopped at the end.
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
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
AUSWEG = str(Path(sys.executable).with_name("ausweg"))
AS_OF = dt.date(2026, 2, 1)
DURATION_S = 10  # each measured run; with warm-ups and start-up the whole web part takes about 40 s
HOST = "127.0.0.1"  # never anything else


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


def _start(port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen([AUSWEG, "serve", "--host", HOST, "--port", str(port), "--workers", "2"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://{HOST}:{port}/ru/", timeout=2).read()
            return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("ausweg serve did not start")


def _lua(path: Path, body: str, content_type: str) -> None:
    path.write_text(f'wrk.method = "POST"\nwrk.body = {json.dumps(body)}\n'
                    f'wrk.headers["Content-Type"] = "{content_type}"\n', encoding="utf-8")


def _run_wrk(wrk: str, script: Path, url: str, connections: int) -> dict[str, float]:
    """A 2 s warm-up (each worker renders what it will share), then the measured run."""
    warm = [wrk, "-t1", "-c4", "-d2s", "-s", str(script), url]
    subprocess.run(warm, capture_output=True, timeout=60, check=True)
    command = [wrk, "-t2", f"-c{connections}", f"-d{DURATION_S}s", "--timeout", "5s", "--latency", "-s", str(script), url]
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


def _in_process(seconds: float = 3.0) -> tuple[float, float]:
    """Assessments per second in one process: assess only, and as the API serves it (JSON bytes)."""
    from ausweg.engine.assess import assess, bundled_knowledge
    from ausweg.profile_io import example_profile, profile_from_data
    import orjson

    from ausweg.web.app import forget_answers

    knowledge = bundled_knowledge()
    forget_answers(knowledge)  # as in the server: nothing of a person kept between requests
    data = example_profile("deserter").model_dump(mode="json")
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


def bench_web() -> None:
    wrk = _wrk()
    if wrk is None:
        print("web benchmarks: skipped, wrk not found (apt-get install -y wrk)")
        return
    profile = json.dumps(_deserter())
    port = _free_port()
    server = _start(port)
    try:
        with tempfile.TemporaryDirectory() as folder:
            api_script, page_script = Path(folder) / "api.lua", Path(folder) / "page.lua"
            _lua(api_script, profile, "application/json")
            _lua(page_script, _form_body(), "application/x-www-form-urlencoded")
            base = f"http://{HOST}:{port}"
            api = _run_wrk(wrk, api_script, f"{base}/api/v1/assess?as_of={AS_OF}&lang=ru", 50)
            page = _run_wrk(wrk, page_script, f"{base}/ru/result", 100)
    finally:
        server.terminate()
        server.wait(timeout=20)
    assess_only, served = _in_process()
    print(f"web, 2 uvicorn workers on {os.cpu_count()} cores, wrk -t2 on the same cores, {DURATION_S} s each:")
    _line("POST /api/v1/assess (deserter), 50 connections", api, ">= 1000 req/s, p99 < 50 ms")
    _line("POST /ru/result (deserter), 100 connections", page, "p99 < 100 ms")
    print(f"{'in-process, one core: assess(deserter)':<58} {assess_only:8.0f} /s")
    print(f"{'in-process, one core: assess + API JSON bytes':<58} {served:8.0f} /s")


def _deserter() -> dict[str, object]:
    from ausweg.profile_io import example_profile

    return example_profile("deserter").model_dump(mode="json")


if __name__ == "__main__":
    bench_web()
