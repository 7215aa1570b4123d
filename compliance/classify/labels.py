"""The classifier's label sets: every taxonomy entry of every known year, per axis."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..taxonomy import Entry, known_years, load_taxonomy
from .config import AXES, TAXONOMY_AXIS


def entries_by_axis(folder: Optional[Path] = None) -> dict[str, list[Entry]]:
    """Entries valid in any known year, keyed by classifier axis, in taxonomy order."""
    found: dict[str, dict[str, Entry]] = {axis: {} for axis in AXES}
    for year in known_years(folder):
        taxonomy = load_taxonomy(year, folder)
        for axis in AXES:
            for entry in taxonomy.axis(TAXONOMY_AXIS[axis]):
                found[axis].setdefault(entry.id, entry)
    return {axis: list(entries.values()) for axis, entries in found.items()}


def year_labels(year: int, folder: Optional[Path] = None) -> dict[str, set[str]]:
    """The ids valid in one grant year, per axis."""
    taxonomy = load_taxonomy(year, folder)
    return {axis: set(taxonomy.ids(TAXONOMY_AXIS[axis])) for axis in AXES}


def account_labels(account: Optional[str], cost_kinds: list[Entry]) -> list[str]:
    """Cost kinds whose Kommun-Bas prefix is the longest one that the account starts with."""
    if not account:
        return []
    best, labels = 0, []
    for entry in cost_kinds:
        for prefix in entry.accounts:
            if account.startswith(prefix) and len(prefix) >= best:
                if len(prefix) > best:
                    best, labels = len(prefix), []
                if entry.id not in labels:
                    labels.append(entry.id)
    return labels
