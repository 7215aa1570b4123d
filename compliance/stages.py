"""Time and memory per stage of a review (ingest, classify, rules, totals, output), for benchmarks.

A review's stages interleave batch by batch, so a :class:`StageClock` adds up the seconds spent
inside each stage and the largest resident memory seen when one ends. Without a clock the
review uses :data:`NO_CLOCK`, which measures nothing.
"""
from __future__ import annotations

import resource
import time
from collections import defaultdict
from contextlib import contextmanager, nullcontext
from typing import ContextManager, Iterator

STAGES = ("ingest", "classify", "rules", "totals", "output")


def peak_rss_mb() -> float:
    """This process's peak resident memory so far (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class StageClock:
    """Seconds and peak resident memory (MB) per stage, from any number of processes."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.peak_mb: dict[str, float] = defaultdict(float)

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] += time.perf_counter() - started
            self.peak_mb[stage] = max(self.peak_mb[stage], peak_rss_mb())

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


class _NoClock(StageClock):
    def __call__(self, stage: str) -> ContextManager[None]:
        return nullcontext()


NO_CLOCK = _NoClock()
