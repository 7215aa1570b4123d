"""What the classifier reads from a spending line, and the folding of Swedish letters."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..models import SpendingLine

SEPARATOR = " ¦ "
_ACCOUNT_DIGITS = re.compile(r"\d+")


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower-case and strip diacritics: "Våldsutövare" -> "valdsutovare"."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class LineText:
    """The text the pipeline reads: the description first, then account text and counterparty.

    Offsets below ``description_end`` are offsets into the line's description.
    """

    text: str
    description_end: int
    account: Optional[str]


def account_digits(account: Optional[str]) -> Optional[str]:
    """The Kommun-Bas account number at the start of an account field, if any."""
    match = _ACCOUNT_DIGITS.match((account or "").strip())
    return match.group(0) if match else None


def line_text(description: str, account: Optional[str] = None, cost_type: Optional[str] = None,
              counterparty: Optional[str] = None) -> LineText:
    """Combine the fields in a stable order; the account number itself goes to ``account``."""
    number = account_digits(account)
    account_words = (account or "").strip()
    if number:
        account_words = account_words[len(number):].strip(" -·:")
    extra = [part.strip() for part in (account_words, cost_type, counterparty) if part and part.strip()]
    if cost_type and account_words and account_words.lower() == cost_type.strip().lower():
        extra.remove(account_words)
    text = SEPARATOR.join([description, *extra])
    return LineText(text=text, description_end=len(description), account=number)


def spending_line_text(line: SpendingLine) -> LineText:
    return line_text(line.description, line.account, line.cost_type, line.counterparty)
