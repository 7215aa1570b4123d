"""The labelled corpus (taxonomy/corpus/*.jsonl): one spending line per JSON line.

Keys: ``text`` (the description), ``account`` (Kommun-Bas number and/or account text, or
null), ``activity``, ``cost_kind`` and ``target_groups`` (taxonomy ids). ``train.jsonl`` is
for training; ``dev.jsonl`` is only ever read to report the final figures.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..paths import data_dir
from ..taxonomy import Entry
from ..yamlio import DataFileError
from .text import LineText, line_text


@dataclass(frozen=True)
class Record:
    text: str
    account: Optional[str]
    activity: str
    cost_kind: str
    target_groups: tuple[str, ...]

    def line_text(self) -> LineText:
        return line_text(self.text, self.account)

    def gold(self, axis: str):
        return getattr(self, axis)


def corpus_path(name: str, folder: Optional[Path] = None) -> Path:
    """``train`` or ``dev``: the shipped corpus file."""
    return (folder or data_dir("taxonomy")) / "corpus" / f"{name}.jsonl"


def read_corpus(path: Path, entries: dict[str, list[Entry]]) -> list[Record]:
    """Read and check a corpus file; an unknown label is an error naming file and line."""
    known = {axis: {e.id for e in axis_entries} for axis, axis_entries in entries.items()}
    records = []
    with open(path, encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                item = json.loads(raw)
                record = Record(text=str(item["text"]), account=item.get("account") or None,
                                activity=item["activity"], cost_kind=item["cost_kind"],
                                target_groups=tuple(item.get("target_groups") or ()))
            except (ValueError, KeyError, TypeError) as exc:
                raise DataFileError(f"{path}: rad {number}: ogiltig post ({exc})") from None
            for axis in ("activity", "cost_kind"):
                if record.gold(axis) not in known[axis]:
                    raise DataFileError(f"{path}: rad {number}: okänd {axis} '{record.gold(axis)}'")
            unknown = set(record.target_groups) - known["target_groups"]
            if unknown:
                raise DataFileError(f"{path}: rad {number}: okänd målgrupp {', '.join(sorted(unknown))}")
            records.append(record)
    return records
