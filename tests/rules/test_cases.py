"""Runs the rule cases in tests/cases/*.yaml (format: tests/cases/README.md).

Each case runs through the whole review with durable-rules and with the reference evaluator;
both must give the same findings, and those must be what the case expects.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from builders import DISTRICT, StubClassifier, allocation, classification
from compliance.engine import DurableEngine
from compliance.models import LineKind, SpendingLine
from compliance.money import parse_amount
from compliance.review import review
from reference import ReferenceEvaluator

CASES = Path(__file__).resolve().parents[1] / "cases"
LINE_KEYS = {"id", "description", "amount", "date", "account", "cost_type", "counterparty", "recurring", "fte_share",
             "classification"}
CASE_KEYS = {"name", "year", "kind", "lines", "expect", "exact", "forbid", "allocation", "submitted",
             "district_findings", "totals"}


def _load() -> list:
    cases = []
    for path in sorted(CASES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            cases.append(pytest.param(case, id=f"{path.stem}: {case['name']}"))
    return cases


ALL = _load()


def test_there_are_enough_cases():
    assert len(ALL) >= 60


@pytest.mark.parametrize("case", ALL)
def test_case(case, real_classifier):
    assert set(case) <= CASE_KEYS, f"okända nycklar: {set(case) - CASE_KEYS}"
    year = case.get("year", 2022)
    kind = LineKind(case.get("kind", "utfall"))
    lines, explicit = [], []
    for number, raw in enumerate(case["lines"], start=1):
        assert set(raw) <= LINE_KEYS, f"okända nycklar: {set(raw) - LINE_KEYS}"
        line_id = str(raw.get("id", f"L{number}"))
        lines.append(SpendingLine(
            id=line_id, district=DISTRICT, kind=kind, description=raw["description"],
            amount=parse_amount(raw["amount"]),
            date=raw.get("date", dt.date(year, 6, 15)) if kind is LineKind.utfall else None,
            account=raw.get("account"), cost_type=raw.get("cost_type"), counterparty=raw.get("counterparty"),
            recurring=raw.get("recurring"),
            fte_share=Decimal(str(raw["fte_share"])) if "fte_share" in raw else None))
        if "classification" in raw:
            explicit.append(classification(line_id, **raw["classification"]))
    classifier = StubClassifier(explicit) if len(explicit) == len(lines) else _Mixed(explicit, real_classifier(year))
    table = allocation(case.get("allocation", sum((line.amount for line in lines), Decimal("0.00"))), year=year)
    run = dict(year=year, allocation=table, lines=lines, kind=kind, submitted=case.get("submitted"),
               classifier=classifier)
    result = review(**run)
    assert _findings(result) == _findings(review(**run, engine=ReferenceEvaluator))
    assert _findings(result) == _findings(review(**run, engine=DurableEngine))  # the same again: no state left

    district = result.districts[0]
    found = [(line.ref, f) for line in district.lines for f in line.findings]
    for expected in case["expect"]:
        matches = [f for ref, f in found if f.rule == expected["rule"]
                   and ref == str(expected.get("line", ref if len(lines) == 1 else None))]
        assert matches, f"väntade {expected}, fick {[(r, f.rule) for r, f in found]}"
        _check(matches[0], expected)
    if case.get("exact", True):
        assert len(found) == len(case["expect"]), f"fler anmärkningar än väntat: {[(r, f.rule) for r, f in found]}"
    forbidden = [(ref, f.rule) for ref, f in found if f.rule in case.get("forbid", [])]
    assert not forbidden, f"förbjudna anmärkningar: {forbidden}"
    if "district_findings" in case:
        assert [f.rule for f in district.findings] == [e["rule"] for e in case["district_findings"]]
        for finding, expected in zip(district.findings, case["district_findings"], strict=True):
            _check(finding, expected)
    for name, value in case.get("totals", {}).items():
        assert getattr(district.totals, name) == parse_amount(value), name


def _check(finding, expected: dict) -> None:
    if "severity" in expected:
        assert finding.severity.value == expected["severity"]
    if "amount" in expected:
        assert finding.amount_at_risk == parse_amount(expected["amount"])


def _findings(result) -> list:
    items = [(f.scope.value, f.district, f.line_id, f.rule, f.severity.value, f.amount_at_risk, f.message)
             for d in result.districts for f in [*(x for line in d.lines for x in line.findings), *d.findings]]
    return sorted(items + [(f.scope.value, None, None, f.rule, f.severity.value, f.amount_at_risk, f.message)
                           for f in result.findings], key=str)


class _Mixed:
    """Explicit classifications where a case gives them, the real classifier elsewhere."""

    def __init__(self, explicit, real):
        self.explicit = {c.line_id: c for c in explicit}
        self.real = real

    def classify(self, lines):
        for line in lines:
            yield self.explicit.get(line.id) or next(self.real.classify([line]))
