"""Swedish money: parse "12 345,50", "12 345 kr", "-1 200"; format "1 234 567 kr".

Money is always :class:`decimal.Decimal` in kronor with öre (two decimals).
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from .messages import quoted

ORE = Decimal("0.01")
LIMIT = Decimal("1e12")  # no return has a line of a thousand billion kronor
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007]+")
_SUFFIX = re.compile(r"(kr|kronor|sek|:-)\.?$", re.IGNORECASE)
_PLAIN = re.compile(r"^[+-]?[0-9]+(?:[.,][0-9]{1,2})?$")
_GROUPED_DOT = re.compile(r"^[+-]?[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]{1,2})?$")


class AmountError(ValueError):
    """The text is not an amount in a form we accept."""


def parse_amount(value: object) -> Decimal:
    """Read an amount in Swedish or plain form and return Decimal kronor rounded to öre.

    Accepts ints, Decimals, finite floats from spreadsheets and text such as
    ``12 345,50``, ``12 345 kr``, ``-1 200``, ``1 234 567`` (normal or non-breaking
    spaces), ``12345.50`` and ``1.234.567,00`` (ASCII digits only). Raises
    :class:`AmountError` with a Swedish reason otherwise, also for amounts of a thousand
    billion kronor or more.
    """
    if isinstance(value, bool) or value is None:
        raise AmountError("belopp saknas")
    if isinstance(value, (int, Decimal)):
        return _finite(Decimal(value), value)
    if isinstance(value, float):
        return _finite(Decimal(repr(value)), value)
    text = _SPACES.sub("", str(value)).replace("\u2212", "-")
    text = _SUFFIX.sub("", text)
    if not text:
        raise AmountError("belopp saknas")
    if _GROUPED_DOT.match(text):
        text = text.replace(".", "")
    if not _PLAIN.match(text):
        raise AmountError(f"{quoted(value)} är inte ett belopp (skriv t.ex. 12 345,50)")
    return _finite(Decimal(text.replace(",", ".")), value)


def _finite(amount: Decimal, value: object) -> Decimal:
    if not amount.is_finite():
        raise AmountError(f"{quoted(value)} är inte ett belopp (skriv t.ex. 12 345,50)")
    if abs(amount) >= LIMIT:
        raise AmountError(f"{quoted(value)} är inte ett rimligt belopp (högst 999 999 999 999,99 kr)")
    return amount.quantize(ORE, rounding=ROUND_HALF_UP) + Decimal("0.00")  # + 0.00 turns -0.00 into 0.00


def _group(digits: str) -> str:
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return " ".join(groups)


def format_amount(amount: Decimal, decimals: bool = True) -> str:
    """Swedish number: ``12 345,50`` (or ``12 346`` with ``decimals=False``)."""
    amount = amount.quantize(ORE if decimals else Decimal(1), rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    whole, _, frac = f"{abs(amount):f}".partition(".")
    text = sign + _group(whole)
    return f"{text},{frac}" if decimals else text


def format_kr(amount: Decimal) -> str:
    """Swedish money for people: ``1 234 567 kr``, or ``12 345,50 kr`` when there are öre."""
    has_ore = amount.quantize(ORE) != amount.quantize(Decimal(1))
    return f"{format_amount(amount, decimals=has_ore)} kr"


def as_json_amount(amount: Decimal) -> str:
    """Machine form used in JSON output: ``"12345.50"``."""
    return f"{amount.quantize(ORE):f}"
