"""Time and memory per stage of a review (ingest, classify, rules, totals, output), for benchmarks.

A review's stages interleave batch by batch, so a :class:`StageClock` adds up the seconds spent
inside each stage and the largest resident memory seen when one ends. Without a clock the
review uses :data:`NO_CLOCK`, which measures nothing.
"""
from __future__ import annotations

import resource
import time
from collections import defaultdict
from contextlib import nullcontext
from typing import ContextManager

STAGES = ("ingest", "classify", "rules", "totals", "output")
_READ_EVERY = 0.1   # seconds


def peak_rss_mb() -> float:
    """This process's peak resident memory so far (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class StageClock:
    """Seconds and peak resident memory (MB) per stage, from any number of processes. The
    memory is read when a stage ends, at most every tenth of a second per stage (it is a
    high-water mark, so a later reading covers the ones left out)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.peak_mb: dict[str, float] = defaultdict(float)
        self._read: dict[str, float] = {}   # per stage, when its memory was last read

    def __call__(self, stage: str) -> ContextManager[None]:
        return _Timing(self, stage)

    def add(self, other: "StageClock") -> None:
        """Add another process's figures (seconds add up; memory is the largest one process had)."""
        for stage, seconds in other.seconds.items():
            self.seconds[stage] += seconds
        for stage, peak in other.peak_mb.items():
            self.peak_mb[stage] = max(self.peak_mb[stage], peak)

    def take(self) -> "StageClock":
        """The figures so far, leaving this clock at zero (a worker hands them over per batch)."""
        taken = StageClock()
        taken.seconds, taken.peak_mb = self.seconds, self.peak_mb
        self.seconds, self.peak_mb = defaultdict(float), defaultdict(float)
        return taken

    def _ended(self, stage: str, started: float) -> None:
        now = time.perf_counter()
        self.seconds[stage] += now - started
        if now - self._read.get(stage, -_READ_EVERY) >= _READ_EVERY:
            self._read[stage] = now
            self.peak_mb[stage] = max(self.peak_mb[stage], peak_rss_mb())


class _Timing:
    """One stretch of a stage (a plain class: a generator-based context manager costs more)."""

    __slots__ = ("clock", "stage", "started")

    def __init__(self, clock: StageClock, stage: str):
        self.clock, self.stage = clock, stage

    def __enter__(self) -> None:
        self.started = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        self.clock._ended(self.stage, self.started)


class _NoClock(StageClock):
    def __call__(self, stage: str) -> ContextManager[None]:
        return nullcontext()


NO_CLOCK = _NoClock()
