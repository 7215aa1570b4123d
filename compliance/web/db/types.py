"""Column types that behave the same on SQLite and PostgreSQL: exact money, UTC times."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import BigInteger, DateTime
from sqlalchemy.types import TypeDecorator

from ...money import ORE


class Money(TypeDecorator):
    """Kronor with öre as a Decimal, stored exactly as whole öre (no float anywhere)."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else int((Decimal(value).quantize(ORE) * 100).to_integral_value())

    def process_result_value(self, value, dialect):
        return None if value is None else (Decimal(value) / 100).quantize(ORE)


class UtcDateTime(TypeDecorator):
    """A timezone-aware UTC moment, stored naive UTC so every database reads it back alike."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("tidpunkter lagras med tidszon")
        return value.astimezone(dt.timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=dt.timezone.utc)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)
