"""Swedish local time: the day a return is submitted, and times shown on pages."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def today() -> dt.date:
    return dt.datetime.now(STOCKHOLM).date()


def local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(STOCKHOLM)
