"""`ausweg.web.work.in_turn`: jobs run off the event loop, one at a time, in order of arrival."""

from __future__ import annotations

import threading
import time

import anyio

from ausweg.web.work import in_turn


def test_jobs_run_one_at_a_time_in_order_of_arrival_off_the_event_loop() -> None:
    events: list[tuple[str, int]] = []
    threads: set[int] = set()
    loop_thread = threading.get_ident()

    def job(number: int) -> int:
        threads.add(threading.get_ident())
        events.append(("start", number))
        time.sleep(0.02)
        events.append(("end", number))
        return number * 10

    results: dict[int, int] = {}

    async def submit(number: int) -> None:
        results[number] = await in_turn(lambda: job(number))

    async def main() -> None:
        async with anyio.create_task_group() as group:
            for number in range(5):
                group.start_soon(submit, number)
                await anyio.sleep(0.001)  # arrive in this order

    anyio.run(main)
    assert results == {number: number * 10 for number in range(5)}
    assert events == [(kind, number) for number in range(5) for kind in ("start", "end")]
    assert loop_thread not in threads


def test_an_error_in_a_job_reaches_the_caller() -> None:
    def job() -> None:
        raise ValueError("bad value 'x' for key 'as_of'")

    async def main() -> str:
        try:
            await in_turn(job)
        except ValueError as error:
            return str(error)
        return "no error"

    assert anyio.run(main) == "bad value 'x' for key 'as_of'"
