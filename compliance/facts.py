"""What the rules judge: a line, a district or the city, and its fact: a flat dict with every
field of its scope (rulebook/fields.py) and a value for each.

Text signals are computed here, in Python, into boolean fields, so that rule conditions stay
simple field comparisons that any engine can evaluate.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from .models import Classification, Finding, LineKind, SpendingLine
from .rulebook import Rulebook
from .rulebook.conditions import date_number
from .rulebook.fields import ACCOUNT_FIELDS, UNKNOWN_DATE, UNKNOWN_SHARE
from .taxonomy import Purpose

_DIGITS = re.compile(r"\s*(\d+)")
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(kw_only=True)
class Subject:
    """Something the rules judge: the exact Decimal amounts behind its money fields, and the
    findings the rules give it. Its fact (what the engine sees) is built when it is evaluated."""

    money: dict[str, Decimal]
    findings: list[Finding] = field(default_factory=list)


@dataclass(kw_only=True)
class LineSubject(Subject):
    line: SpendingLine
    ref: str
    district: str
    classification: Classification
    purpose: Optional[Purpose]
    duplicate_of: Optional[str]

    @property
    def texts(self) -> dict[str, str]:
        return line_texts(self.line)


@dataclass(kw_only=True)
class DistrictSubject(Subject):
    district: str
    fact: dict


@dataclass(kw_only=True)
class CitySubject(Subject):
    fact: dict


def line_texts(line: SpendingLine) -> dict[str, str]:
    """The texts signals are looked for in, by Swedish column name."""
    texts = {"beskrivning": line.description, "konto": line.account or "", "kostnadsslag": line.cost_type or "",
             "motpart": line.counterparty or ""}
    return {name: text for name, text in texts.items() if text}


def line_subject(line: SpendingLine, ref: str, district: str, classification: Classification,
                 purpose: Optional[Purpose], duplicate_of: Optional[str]) -> LineSubject:
    return LineSubject(money={"amount": line.amount}, line=line, ref=ref, district=district,
                       classification=classification, purpose=purpose, duplicate_of=duplicate_of)


def line_fact(rulebook: Rulebook, subject: LineSubject) -> dict:
    """The fact of one classified line: every line field of rulebook/fields.py."""
    line, classification, purpose = subject.line, subject.classification, subject.purpose
    digits = _account_digits(line.account)
    groups = {g.label for g in classification.target_groups}
    signals = rulebook.signal_index.occurring(subject.texts.values())
    return {
        "kind": line.kind.value,
        "amount": float(line.amount),
        "has_date": line.date is not None,
        "date": date_number(line.date) if line.date else UNKNOWN_DATE,
        "has_account": bool(digits),
        **{name: digits[:n] if len(digits) >= n else "" for n, name in ACCOUNT_FIELDS},
        "recurring": {True: "ja", False: "nej", None: "okänt"}[line.recurring],
        "fte_share": float(line.fte_share) if line.fte_share is not None else UNKNOWN_SHARE,
        "description_words": len(_WORD.findall(line.description)),
        "activity": classification.activity.label,
        "activity_score": classification.activity.score,
        "cost_kind": classification.cost_kind.label,
        "cost_kind_score": classification.cost_kind.score,
        "unclear": classification.unclear,
        "target_groups": len(groups),
        **{name: group in groups for group, name in rulebook.target_fields},
        "has_purpose": purpose is not None,
        "purpose": purpose.id if purpose else "",
        "duplicate": subject.duplicate_of is not None,
        "duplicate_of": subject.duplicate_of or "",
        **{name: signal in signals for signal, name in rulebook.signal_fields},
    }


def district_subject(district: str, kind: LineKind, money: dict[str, Decimal], has_allocation: bool,
                     line_count: int, file_count: int, submitted: Optional[dt.date]) -> DistrictSubject:
    """The fact of one district; ``money`` has allocated, spent, eligible, ineligible, at_risk,
    unspent and overspent."""
    fact = {"kind": kind.value, **{name: float(value) for name, value in money.items()},
            "has_allocation": has_allocation, "line_count": line_count, "file_count": file_count,
            "submitted_known": submitted is not None,
            "submitted": date_number(submitted) if submitted else UNKNOWN_DATE}
    return DistrictSubject(fact=fact, money=dict(money), district=district)


def city_subject(kind: LineKind, money: dict[str, Decimal], requisitioned: Optional[Decimal],
                 allocations_total: Decimal) -> CitySubject:
    """The fact of the city; ``money`` has the sums over districts (allocated … repayment_risk)."""
    difference = allocations_total - requisitioned if requisitioned is not None else Decimal("0.00")
    money = {**money, "requisitioned": requisitioned if requisitioned is not None else Decimal("0.00"),
             "allocations_total": allocations_total, "allocation_difference": difference,
             "allocation_gap": abs(difference)}
    fact = {"kind": kind.value, **{name: float(value) for name, value in money.items()},
            "has_requisitioned": requisitioned is not None}
    return CitySubject(fact=fact, money=money)


def _account_digits(account: Optional[str]) -> str:
    match = _DIGITS.match(account or "")
    return match.group(1) if match else ""
