"""District names as people write them, matched to the allocation table's names.

"Enskede-Årsta-Vantörs stadsdelsnämnd", "enskede årsta vantör" and "Enskede-Årsta-Vantör SDN"
all name the allocation's "Enskede-Årsta-Vantör": case, accents, punctuation, a committee
suffix and a genitive s do not matter.
"""
from __future__ import annotations

import re
from typing import Iterable

from .rulebook.terms import fold

_WORD = re.compile(r"[a-z0-9]+")
_SUFFIXES = {"stadsdelsnamnd", "stadsdelsnamnden", "stadsdelsforvaltning", "stadsdelsforvaltningen", "sdn",
             "sdf", "namnd", "namnden", "forvaltning", "forvaltningen"}


def district_key(name: str) -> str:
    """The comparable form of a committee's name: 'Enskede-Årsta-Vantörs SDN' -> 'enskede-arsta-vantors'."""
    words = _WORD.findall(fold(name))
    kept = [w for w in words if w not in _SUFFIXES] or words
    return "-".join(kept)


class DistrictNames:
    """Resolves written names to the allocation's names; unknown names are kept as written."""

    def __init__(self, names: Iterable[str]):
        self._by_key = {district_key(name): name for name in names}

    def resolve(self, name: str) -> str:
        key = district_key(name)
        if key in self._by_key:
            return self._by_key[key]
        if key.endswith("s") and key[:-1] in self._by_key:
            return self._by_key[key[:-1]]
        return " ".join(name.split())
