"""Classify many spending lines in one stream and print the speed and the memory used.

The lines are the training corpus's texts repeated with a running number, so most words
recur but every line is new. Memory should stay flat: the classifier keeps one batch of
Docs at a time.

    python bench/classify_100k.py            # 100 000 lines
    python bench/classify_100k.py 20000
"""
from __future__ import annotations

import resource
import sys
import time
from decimal import Decimal
from typing import Iterator

from compliance.classify import load_classifier
from compliance.classify.corpus import corpus_path, read_corpus
from compliance.classify.labels import entries_by_axis
from compliance.models import SpendingLine


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def lines(count: int) -> Iterator[SpendingLine]:
    records = read_corpus(corpus_path("train"), entries_by_axis())
    for number in range(count):
        record = records[number % len(records)]
        account, _, cost_type = (record.account or "").partition(" ")
        yield SpendingLine(id=f"L{number}", description=f"{record.text} ({number})", amount=Decimal("100.00"),
                           account=account or None, cost_type=cost_type or None)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    classifier = load_classifier()
    print(f"after loading: peak {peak_mb():.0f} MB", flush=True)
    started, unclear = time.monotonic(), 0
    for done, result in enumerate(classifier.classify(lines(count)), start=1):
        unclear += result.unclear
        if done % (count // 10) == 0:
            elapsed = time.monotonic() - started
            print(f"{done:>7} lines  {elapsed:6.1f} s  {done / elapsed:6.0f} lines/s  peak {peak_mb():.0f} MB",
                  flush=True)
    print(f"unclear: {unclear} of {count}")


if __name__ == "__main__":
    main()
