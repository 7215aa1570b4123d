"""A review's work in several processes, with results in input order.

Workers are forked from the review's process once its :class:`~compliance.judge.Judge` is
built, so each starts with the loaded model and its own durable-rules host (the host is global
and not thread-safe, so a process per worker is what it needs). At most two batches per worker
are in flight, so memory stays bounded however long the input. :func:`mapped` spreads the
first pass over several files the same way. Where ``fork`` is not available (Windows) the work
is done in the review's own process.
"""
from __future__ import annotations

import multiprocessing
import os
from collections import deque
from typing import Callable, Iterable, Iterator, Optional, Sequence, TypeVar

from .judge import Judge, LineResult
from .process import MemoryReturn
from .sources import LineInput
from .stages import StageClock

T = TypeVar("T")
_JUDGE: Optional[Judge] = None
_MEMORY = MemoryReturn()   # one per process: forked workers count their own batches


def worker_count(requested: int) -> int:
    """``requested`` processes, or one per core for 0; 1 where workers cannot be forked."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return requested if requested > 0 else os.cpu_count() or 1


def judged(judge: Judge, batches: Iterable[Sequence[LineInput]], workers: int = 1) -> Iterator[list[LineResult]]:
    """Each batch's results, in order; with ``workers`` > 1 the batches are judged in forked
    workers, and their decisions and stage times are added to ``judge``."""
    if workers <= 1:
        for batch in batches:
            results = judge.lines(batch)
            _MEMORY.batch_done()
            yield results
        return
    pool = multiprocessing.get_context("fork").Pool(workers, initializer=_adopt, initargs=(judge,))
    try:
        pending: deque = deque()
        for batch in batches:
            pending.append(pool.apply_async(_judge_batch, (batch,)))
            if len(pending) >= 2 * workers:
                yield _merged(judge, pending.popleft().get())
        while pending:
            yield _merged(judge, pending.popleft().get())
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def mapped(function: Callable[..., T], arguments: Sequence[tuple], workers: int = 1) -> list[T]:
    """``function(*args)`` for each of ``arguments``, in order, in up to ``workers`` forked processes."""
    if workers <= 1 or len(arguments) <= 1:
        return [function(*args) for args in arguments]
    with multiprocessing.get_context("fork").Pool(min(workers, len(arguments))) as pool:
        return pool.starmap(function, arguments)


def _adopt(judge: Judge) -> None:
    global _JUDGE
    _JUDGE = judge


def _judge_batch(batch: Sequence[LineInput]) -> tuple[list[LineResult], set[int], StageClock]:
    assert _JUDGE is not None
    results = _JUDGE.lines(batch)
    _MEMORY.batch_done()
    return results, set(_JUDGE.ledger.used), _JUDGE.clock.take()


def _merged(judge: Judge, outcome: tuple[list[LineResult], set[int], StageClock]) -> list[LineResult]:
    results, used, clock = outcome
    _MEMORY.batch_done()
    judge.ledger.used |= used
    judge.clock.add(clock)
    return results
