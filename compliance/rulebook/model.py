"""The shapes of the rule files (rules/*.yaml) and of a rule bound to one grant year."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, Optional

from pydantic import ConfigDict, Field

from ..models import Citation, LineKind, Model, Scope, Severity
from .conditions import Condition


class _Dated(Model):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    first: int = Field(alias="from")
    last: Optional[int] = Field(default=None, alias="to")

    def covers(self, year: int) -> bool:
        return self.first <= year and (self.last is None or year <= self.last)

    def overlaps(self, other: "_Dated") -> bool:
        return (self.last is None or other.first <= self.last) and (other.last is None or self.first <= other.last)


class RuleVersion(_Dated):
    """Years a rule applies, with the rule's version string and citation for those years."""

    version: str
    citation: Citation


class CaseSpec(Model):
    severity: Severity
    when: dict
    message: str


class RuleSpec(Model):
    """One entry of a rule file, as written."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: str
    scope: Scope
    kinds: list[LineKind] = [LineKind.plan, LineKind.utfall]
    amount_at_risk: str = Field(description="A money field of the scope's facts, or 'none'")
    versions: list[RuleVersion] = Field(min_length=1)
    cases: list[CaseSpec] = Field(min_length=1)


class ThresholdValue(_Dated):
    value: Decimal
    source: str


class ThresholdSpec(Model):
    id: str
    label: str
    unit: Literal["kr", "ord"]
    note: Optional[str] = None
    values: list[ThresholdValue] = Field(min_length=1)


class SignalSpec(Model):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: str
    terms: list[str] = Field(min_length=1)


@dataclass(frozen=True)
class RuleCase:
    """One case of a rule, bound to a grant year: what the engine evaluates.

    ``when`` is the case's own condition, resolved for the year; the case fires when ``when``
    holds, the subject's kind is one of ``kinds`` and no earlier case of the rule fires.
    ``condition`` says all that as one condition in negation normal form (for engines).
    """

    rule: str
    title: str
    version: str
    scope: Scope
    number: int
    severity: Severity
    kinds: tuple[str, ...]
    when: Condition
    condition: Condition
    message: str
    amount_field: Optional[str]
    citation: Citation

    @property
    def key(self) -> str:
        return f"{self.rule}#{self.number}"
