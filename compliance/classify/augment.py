"""Deterministic variants of training lines, as other municipalities and ledgers write them:
å/ä/ö folded ("valdsutovare"), upper case, long words truncated ("Handledn."), no account."""
from __future__ import annotations

import random
import re
from dataclasses import replace

from .corpus import Record
from .text import fold

_WORD = re.compile(r"\w{7,}")


def augmented(records: list[Record], copies: int, rng: random.Random) -> list[Record]:
    """The records followed by ``copies`` rounds of variants drawn from ``rng``."""
    result = list(records)
    for _ in range(copies):
        result.extend(variant(record, rng) for record in records)
    return result


def variant(record: Record, rng: random.Random) -> Record:
    text, account = record.text, record.account
    if rng.random() < 0.5:
        text = _WORD.sub(lambda m: _truncate(m.group(0), rng), text)
    if rng.random() < 0.3:
        text = "".join(fold(c) if c.lower() in "åäöé" else c for c in text)
    if rng.random() < 0.2:
        text = text.upper()
    if account and rng.random() < 0.3:
        account = None
    return replace(record, text=text, account=account)


def _truncate(word: str, rng: random.Random) -> str:
    if rng.random() < 0.5:
        return word
    return word[:rng.randint(4, len(word) - 2)] + "."
