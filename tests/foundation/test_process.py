"""Tuning of a long review's process: freed C heap memory goes back to the system."""
from __future__ import annotations

import platform
import sys
from pathlib import Path

import pytest

from compliance.process import MemoryReturn, _malloc_trim

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from pipeline_bench import rss_mb  # noqa: E402  (bench/ is not a package)

GLIBC = platform.libc_ver()[0] == "glibc"


def test_memory_is_returned_every_nth_batch():
    calls = []
    memory = MemoryReturn(every=3, trim=calls.append)
    for _ in range(10):
        memory.batch_done()
    assert calls == [0, 0, 0]


@pytest.mark.skipif(not GLIBC, reason="malloc_trim is glibc's; other C libraries keep their own heaps")
def test_holes_in_the_heap_are_given_back():
    """200 MB of 2 KB blocks, every hundredth kept (so the heap's top is not free): glibc keeps
    the freed rest resident until it is trimmed."""
    assert _malloc_trim() is not None
    blocks = [bytes(2048) for _ in range(100_000)]
    kept = blocks[::100]
    del blocks
    before = rss_mb()
    MemoryReturn(every=1).batch_done()
    assert before - rss_mb() > 100
    assert len(kept) == 1000
