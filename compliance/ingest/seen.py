"""The line ids a file has used so far, and the row of each, in bounded memory.

Ids are kept as 64-bit hashes with their row numbers: the latest in a dictionary, the rest in
sorted arrays, 12 bytes an id however long the file (about 12 MB for a million rows). Two
different ids share a hash with odds of about one in 10^7 in a file of a million rows.
"""
from __future__ import annotations

from typing import Optional

import numpy

from ..keys import key64

_RECENT = 1 << 16


class SeenIds:
    """``id in seen``, ``seen[id]`` (the row) and ``seen[id] = row``, as for a dictionary."""

    def __init__(self) -> None:
        self._recent: dict[int, int] = {}
        self._keys = numpy.zeros(0, dtype=numpy.uint64)
        self._rows = numpy.zeros(0, dtype=numpy.uint32)

    def __contains__(self, line_id: str) -> bool:
        return self._row(key64(line_id)) is not None

    def __getitem__(self, line_id: str) -> int:
        row = self._row(key64(line_id))
        if row is None:
            raise KeyError(line_id)
        return row

    def __setitem__(self, line_id: str, row: int) -> None:
        self._recent[key64(line_id)] = row
        if len(self._recent) >= _RECENT:
            self._merge()

    def _row(self, key: int) -> Optional[int]:
        row = self._recent.get(key)
        if row is None and len(self._keys):
            index = int(numpy.searchsorted(self._keys, numpy.uint64(key)))
            if index < len(self._keys) and int(self._keys[index]) == key:
                row = int(self._rows[index])
        return row

    def _merge(self) -> None:
        keys = numpy.concatenate([self._keys, numpy.fromiter(self._recent, numpy.uint64, len(self._recent))])
        rows = numpy.concatenate([self._rows, numpy.fromiter(self._recent.values(), numpy.uint32, len(self._recent))])
        order = numpy.argsort(keys, kind="stable")
        self._keys, self._rows, self._recent = keys[order], rows[order], {}
