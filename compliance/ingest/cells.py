"""Read one cell's value as the type its column wants; errors are Swedish reasons."""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from ..messages import quoted
from ..money import AmountError, parse_amount

_TRUE = {"ja", "j", "yes", "y", "true", "sant", "1", "x"}
_FALSE = {"nej", "n", "no", "false", "falskt", "0"}
_TOTAL = re.compile(r"^\s*(summa|totalt|total|delsumma|sum)\b", re.IGNORECASE)
MAX_CHARS = 32_767  # Excel's own limit for one cell


class CellError(ValueError):
    """A cell's value cannot be read; the message is a Swedish reason."""


def text(value: object) -> str:
    """A cell as trimmed text with inner white space folded and invisible control and
    direction characters (NUL, right-to-left marks, BOM) removed; '' for empty."""
    if type(value) is str:
        raw = value
    elif value is None:
        return ""
    elif isinstance(value, bool):
        return "SANT" if value else "FALSKT"  # as Swedish Excel shows a logical cell
    elif isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        raw = str(int(value))
    else:
        raw = str(value)
    if not raw.isprintable():
        raw = "".join(c if c.isspace() or unicodedata.category(c) not in ("Cc", "Cf") else "" for c in raw)
    return " ".join(raw.split())


def is_blank(value: object) -> bool:
    return text(value) == ""


def readable(value: object) -> object:
    """A value ready to parse: text (and logical cells) as :func:`text` shows them, numbers
    and dates as they are."""
    return text(value) if isinstance(value, (str, bool)) else value


def is_total_label(value: object) -> bool:
    """True for 'Summa', 'Totalt', 'Summa total, kr' and the like."""
    return bool(_TOTAL.match(text(value)))


def boolean(value: object) -> bool:
    word = text(value).lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise CellError(f"{quoted(text(value))} är inte ja eller nej")


def share(value: object) -> Decimal:
    """Share of a full-time post: '50%', '50 %', '0,5', '0.5' or '100' -> Decimal 0–1."""
    raw = text(value)
    is_percent = raw.endswith("%")
    try:
        number = parse_amount(raw.rstrip("%").strip())
    except AmountError:
        raise CellError(f"{quoted(raw)} är ingen omfattning (skriv t.ex. 50% eller 0,5)") from None
    if is_percent or number > 1:
        number = number / 100
    if not 0 <= number <= 1:
        raise CellError(f"{quoted(raw)} är ingen omfattning mellan 0 och 100 %")
    return number.quantize(Decimal("0.0001")).normalize()
