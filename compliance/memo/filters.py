"""Jinja2 filters for Swedish money and dates, and neutralising text for Markdown."""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Optional

from ..dates import format_long
from ..money import format_amount, format_kr

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def kr(amount: Optional[Decimal]) -> str:
    """``1 234 567 kr`` / ``12 345,50 kr``; an en dash for no amount."""
    return "–" if amount is None else format_kr(Decimal(amount))


def belopp(amount: Optional[Decimal]) -> str:
    """``12 345,50``; an en dash for no amount."""
    return "–" if amount is None else format_amount(Decimal(amount))


def long_date(day: Optional[dt.date]) -> str:
    """``31 mars 2023``; an en dash for no date."""
    return "–" if day is None else format_long(day)


def md(text: object) -> str:
    """Text safe inside a Markdown table cell: special characters escaped, no line breaks,
    and a leading formula character (=, +, -, @) neutralised so spreadsheets never run it."""
    value = " ".join(str(text if text is not None else "").split())
    if value.startswith(_FORMULA_START):
        value = "'" + value
    return _MD_SPECIAL.sub(r"\\\1", value)


FILTERS = {"kr": kr, "belopp": belopp, "long_date": long_date, "md": md}
