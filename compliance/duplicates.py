"""Possible double bookings: a later line with the same date, amount and near-identical text.

The index is bounded: it keeps the keys of the last :data:`WINDOW` distinct lines of the review
(any district) as 64-bit hashes, each with the ref of the first line that had it: about 200
bytes a line, 20 MB when full. A copy is found when its original is among those lines, which
covers a district's whole ledger in any real return, while a national review of millions of
lines stays in bounded memory. Two different keys share a hash with odds of about one in 10^9
in a full window.
"""
from __future__ import annotations

import re
from collections import OrderedDict
from typing import Optional

from .keys import key64
from .models import SpendingLine
from .rulebook.terms import fold

WINDOW = 100_000
_WORD = re.compile(r"[a-z0-9]+")


def text_key(description: str) -> tuple[str, ...]:
    """Near-identical texts share this key: the same words, whatever the case, accents,
    punctuation and word order ("Tolk, stödsamtal" = "tolk stödsamtal")."""
    return tuple(sorted(_WORD.findall(fold(description))))


def line_key(group: str, line: SpendingLine) -> int:
    """The hashed (group, kind, date, amount, text) of a line."""
    return key64(group, line.kind.value, str(line.date), str(line.amount.normalize()), *text_key(line.description))


class DuplicateIndex:
    """Remembers the first line of each (group, kind, date, amount, text) among the last
    ``window`` lines and names it for later copies."""

    def __init__(self, window: int = WINDOW) -> None:
        self.window = window
        self._first: OrderedDict[int, str] = OrderedDict()

    def earlier(self, group: str, line: SpendingLine, ref: str) -> Optional[str]:
        key = line_key(group, line)
        first = self._first.get(key)
        if first is not None:
            return first
        self._first[key] = ref
        if len(self._first) > self.window:
            self._first.popitem(last=False)
        return None
