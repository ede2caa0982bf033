"""The web app over the bundled knowledge base, and the example deserter as the interview enters it."""

from __future__ import annotations

import datetime as dt
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from ausweg.knowledge.base import Knowledge
from ausweg.profile_io import example_profile

AS_OF = dt.date(2026, 2, 1)


@pytest.fixture(scope="session")
def app(knowledge: Knowledge) -> FastAPI:
    from ausweg.web.app import create_app

    return create_app(knowledge)


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://127.0.0.1:8000") as test_client:
        yield test_client


@pytest.fixture(scope="session")
def deserter_form(knowledge: Knowledge) -> list[tuple[str, str]]:
    """The example deserter as form fields (only the questions this knowledge base asks)."""
    from ausweg.web.interview_forms import answers_from_profile, carried

    return carried(answers_from_profile(example_profile("deserter"), knowledge))


def deserter_data() -> dict[str, Any]:
    return example_profile("deserter").model_dump(mode="json")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """`ausweg serve` on 127.0.0.1 and a free port; what it prints goes to `log`."""

    def __init__(self, log: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log
        command = [str(Path(sys.executable).with_name("ausweg")), "serve", "--port", str(self.port)]
        self._output = log.open("wb")
        self.process = subprocess.Popen(command, stdout=self._output, stderr=subprocess.STDOUT)

    def wait(self) -> None:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{self.base}/ru/", timeout=2).read()
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    pytest.fail(f"ausweg serve did not start:\n{self.log.read_text()}")
                time.sleep(0.2)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)
        self._output.close()


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = Server(tmp_path_factory.mktemp("serve") / "serve.log")
    server.wait()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def server(served: Server) -> str:
    return served.base


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say where the browser tests left their screenshots, whether or not output is captured."""
    shots = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
    if shots.is_dir() and any(shots.glob("*.png")):
        terminalreporter.write_line(f"browser screenshots: {shots}")
