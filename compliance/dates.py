"""Swedish dates: read 2022-03-31, 20220331, 31/3 2022; write ISO and "31 mars 2023"."""
from __future__ import annotations

import re
from datetime import date, datetime

from .messages import quoted

MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", re.ASCII)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$", re.ASCII)
_SWEDISH = re.compile(r"^(\d{1,2})/(\d{1,2})[ -](\d{4})$", re.ASCII)


class DateError(ValueError):
    """The text is not a date in a form we accept."""


def parse_date(value: object) -> date:
    """Read a date: ISO ``2022-03-31``, compact ``20220331``, Swedish ``31/3 2022``,
    or a spreadsheet date/datetime. Raises :class:`DateError` otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip() if value is not None else ""
    if not text:
        raise DateError("datum saknas")
    if text.endswith(" 00:00:00"):
        text = text[: -len(" 00:00:00")]
    for pattern, order in ((_ISO, "ymd"), (_COMPACT, "ymd"), (_SWEDISH, "dmy")):
        match = pattern.match(text)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups())))
            try:
                return date(parts["y"], parts["m"], parts["d"])
            except ValueError as exc:
                raise DateError(f"{quoted(text)} är inget giltigt datum") from exc
    raise DateError(f"{quoted(text)} är inget datum (skriv t.ex. 2022-03-31, 20220331 eller 31/3 2022)")


def format_long(day: date) -> str:
    """Swedish long form: ``31 mars 2023``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
