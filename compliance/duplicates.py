"""Possible double bookings: a later line with the same date, amount and near-identical text."""
from __future__ import annotations

import re
from typing import Hashable, Optional

from .models import SpendingLine
from .rulebook.terms import fold

_WORD = re.compile(r"[a-z0-9]+")


def text_key(description: str) -> tuple[str, ...]:
    """Near-identical texts share this key: the same words, whatever the case, accents,
    punctuation and word order ("Tolk, stödsamtal" = "tolk stödsamtal")."""
    return tuple(sorted(_WORD.findall(fold(description))))


class DuplicateIndex:
    """Remembers the first line of each (group, kind, date, amount, text) and names it for later copies."""

    def __init__(self) -> None:
        self._first: dict[tuple, str] = {}

    def earlier(self, group: Hashable, line: SpendingLine, ref: str) -> Optional[str]:
        key = (group, line.kind, line.date, line.amount, text_key(line.description))
        first = self._first.setdefault(key, ref)
        return None if first == ref else first
