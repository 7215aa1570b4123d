"""Tuning for a long review in a process of its own: the command line and its workers."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


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
