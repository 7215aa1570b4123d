"""Turn "this case of this rule matched this subject" into a :class:`Finding`: amount at risk,
Swedish message, citation and the explanation of what matched."""
from __future__ import annotations

import datetime as dt
import string
from decimal import Decimal
from functools import lru_cache
from typing import Any

from .dates import format_long
from .facts import DistrictSubject, LineSubject, Subject
from .models import Finding, GrantYear, LabelScore
from .money import as_json_amount, format_kr
from .rulebook import Rulebook, RuleCase, Signal, describe, fields_of
from .rulebook.fields import DATE, FLAG, MONEY, NUMBER, UNKNOWN_DATE


class FindingFactory:
    """Builds findings for one grant year's rulebook."""

    def __init__(self, rulebook: Rulebook, grant_year: GrantYear):
        self.rulebook = rulebook
        self.grant_year = grant_year
        self._signals = {f"signal_{s.id}": s for s in rulebook.signals}
        self._extras = {
            "year": str(grant_year.year),
            "period_start": format_long(grant_year.period_start),
            "period_end": format_long(grant_year.period_end),
            "report_deadline": format_long(grant_year.report_deadline),
            **{f"threshold_{name}": _threshold(value, rulebook.threshold_units[name])
               for name, value in rulebook.thresholds.items()},
        }
        # per case: the fields its condition reads, and the condition as text (shared by its findings)
        self._reads = {case.key: (tuple(fields_of(case.when)), describe(case.when)) for case in rulebook.cases}

    def make(self, case: RuleCase, subject: Subject, fact: dict) -> Finding:
        amount = subject.money[case.amount_field] if case.amount_field else Decimal("0.00")
        is_line = isinstance(subject, LineSubject)
        return Finding(
            rule=case.rule, rule_version=case.version, severity=case.severity, scope=case.scope,
            district=subject.district if isinstance(subject, (LineSubject, DistrictSubject)) else None,
            line_id=subject.ref if is_line else None, amount_at_risk=amount,
            message=self.message(case, subject, fact), explanation=self.explanation(case, subject, fact),
            citation=case.citation)

    def message(self, case: RuleCase, subject: Subject, fact: dict) -> str:
        fields = self.rulebook.fields[case.scope]
        values = {name: self._shown(fields[name].type, name, fact[name], subject)
                  for name in _placeholders(case.message) if name in fields}
        values.update(self._extras)
        if isinstance(subject, (LineSubject, DistrictSubject)):
            values["district"] = subject.district
        if isinstance(subject, LineSubject):
            values.update(description=subject.line.description, line_id=subject.ref)
        return case.message.format(**values)

    def explanation(self, case: RuleCase, subject: Subject, fact: dict) -> dict[str, Any]:
        """What matched: the condition, the facts it read, signal words and the classification."""
        fields = self.rulebook.fields[case.scope]
        read, condition = self._reads[case.key]
        explained: dict[str, Any] = {
            "case": case.number,
            "condition": condition,
            "facts": {name: self._json(fields[name].type, name, fact[name], subject) for name in read},
        }
        if isinstance(subject, LineSubject):
            texts = subject.texts
            matched = {name[len("signal_"):]: self._evidence(self._signals[name], texts)
                       for name in read if name in self._signals and fact[name]}
            classification = subject.classification
            explained.update(
                signals=matched,
                classification={
                    "activity": score_document(classification.activity),
                    "cost_kind": score_document(classification.cost_kind),
                    "target_groups": [score_document(g) for g in classification.target_groups],
                    "unclear": classification.unclear,
                },
                evidence=[{"axis": e.axis, "label": e.label, "text": e.text, "term": e.term}
                          for e in classification.evidence])
        return explained

    def _evidence(self, signal: Signal, texts: dict[str, str]) -> list[dict[str, str]]:
        """The signal's words, looked for only in the texts where the line's fact found it."""
        index = self.rulebook.signal_index
        return signal.evidence({field: text for field, text in texts.items() if signal.id in index.of(text)})

    @staticmethod
    def _shown(kind: str, name: str, value: object, subject: Subject) -> str:
        if kind == MONEY:
            return format_kr(subject.money[name])
        if kind == DATE:
            return format_long(_date(value)) if value != UNKNOWN_DATE else "okänt datum"
        if kind == FLAG:
            return "ja" if value else "nej"
        if kind == NUMBER and float(value).is_integer():
            return str(int(value))
        return str(value)

    @staticmethod
    def _json(kind: str, name: str, value: object, subject: Subject) -> object:
        if kind == MONEY:
            return as_json_amount(subject.money[name])
        if kind == DATE:
            return _date(value).isoformat() if value != UNKNOWN_DATE else None
        return value


def score_document(score: LabelScore) -> dict[str, Any]:
    """A label and its score, as explanations and the JSON document show them."""
    return {"label": score.label, "score": score.score}


def _date(number: object) -> dt.date:
    number = int(number)
    return dt.date(number // 10000, number // 100 % 100, number % 100)


def _threshold(value: Decimal, unit: str) -> str:
    return format_kr(value) if unit == "kr" else f"{value} {unit}"


@lru_cache(maxsize=None)
def _placeholders(template: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)
