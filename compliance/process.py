"""Tuning for a long review in a process of its own: the command line and its workers."""
from __future__ import annotations

import ctypes
import gc
from contextlib import contextmanager
from typing import Callable, Iterator, Optional

TRIM_EVERY = 16   # batches between two returns of freed memory (16 × 256 lines)


@contextmanager
def settled() -> Iterator[None]:
    """While it lasts, exempt what is loaded so far (model, rules, taxonomy) from garbage
    collection and collect less often. A review makes few reference cycles, and walking the
    same long-lived objects over and over cost about 15 % of a large review's time. Workers
    forked meanwhile inherit both; the process's own settings come back afterwards."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _malloc_trim() -> Optional[Callable[[int], int]]:
    """glibc's ``malloc_trim``, or None where the C library has none (macOS, musl, Windows)."""
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):
        return None


class MemoryReturn:
    """Gives the C heap's free pages back to the system after every ``every`` batches.

    Each batch allocates and frees Docs, arrays and durable-rules states; glibc keeps what is
    freed inside its heap, so without this a long review's resident memory creeps up with the
    heap's holes (about 15 MB at 50 000 lines). ``malloc_trim`` releases every free page, not
    only the heap's top, and takes well under a millisecond; where it does not exist this does
    nothing.
    """

    def __init__(self, every: int = TRIM_EVERY, trim: Optional[Callable[[int], int]] = None):
        self.every, self.batches = every, 0
        self.trim = trim if trim is not None else _malloc_trim()

    def batch_done(self) -> None:
        self.batches += 1
        if self.trim is not None and self.batches % self.every == 0:
            self.trim(0)
