"""Assessing and rendering, off the event loop: one job at a time per worker process.

An assessment is pure Python work of some milliseconds. Run on the event loop, it stops the loop,
and under load a request that has to wait for the loop several times (reading its body, writing a
large answer) goes to the back of the queue each time, so a few requests wait many times longer than
the rest. Run here, in a worker thread, one job at a time and in order of arrival, the loop keeps
reading requests and writing finished answers meanwhile, and each request waits about its turn.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable
from typing import TypeVar

import anyio.to_thread
from anyio import CapacityLimiter

Result = TypeVar("Result")
JOBS_AT_ONCE = 1  # the GIL runs one thread of Python at a time; more would only interleave them

# One queue per event loop (a server worker has one; tests start several, one after another).
_limiters: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, CapacityLimiter] = weakref.WeakKeyDictionary()


def _one_at_a_time() -> CapacityLimiter:
    loop = asyncio.get_running_loop()
    limiter = _limiters.get(loop)
    if limiter is None:
        limiter = _limiters[loop] = CapacityLimiter(JOBS_AT_ONCE)
    return limiter


async def in_turn(job: Callable[[], Result]) -> Result:
    """`job()` in a worker thread, after the jobs that came before it."""
    return await anyio.to_thread.run_sync(job, limiter=_one_at_a_time())
