"""The shipped 2022 examples against their answer key (tests/data/planted_2022.yaml), with the
real classifier: every planted line is found, no eligible look-alike is judged ineligible, and
the totals reconcile to the öre."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from compliance.models import LineKind, Severity
from compliance.review import review
from compliance.totals import stands

ROOT = Path(__file__).resolve().parents[2]
KEY = yaml.safe_load((ROOT / "tests" / "data" / "planted_2022.yaml").read_text(encoding="utf-8"))
FILES = {name: spec for name, spec in KEY["files"].items() if "planted" in spec}
ALLOCATION = ROOT / "examples" / "allocations" / "stockholm-2022.yaml"


@pytest.fixture(scope="module", params=[LineKind.utfall, LineKind.plan], ids=lambda kind: kind.value)
def reviewed(request, real_classifier):
    names = sorted(name for name, spec in FILES.items() if spec["kind"] == request.param.value)
    result = review([ROOT / "examples" / "2022" / name for name in names], year=2022, allocation=ALLOCATION,
                    kind=request.param, classifier=real_classifier(2022))
    return names, result


def _lines(result) -> dict:
    return {(d.district, r.ref): r for d in result.districts for r in d.lines}


def test_every_planted_line_is_found(reviewed):
    names, result = reviewed
    lines = _lines(result)
    missed = []
    for name in names:
        spec = FILES[name]
        for planted in spec["planted"]:
            found = {f.rule for f in lines[(spec["district"], planted["id"])].findings}
            missed += [(planted["id"], rule) for rule in planted["rules"] if rule not in found]
    assert not missed


def test_no_eligible_look_alike_is_judged_ineligible(reviewed):
    names, result = reviewed
    lines = _lines(result)
    wrong = [(line_id, f.rule) for name in names for line_id in FILES[name].get("eligible_lookalikes", [])
             for f in lines[(FILES[name]["district"], line_id)].findings if f.severity is Severity.ej_stodberattigad]
    assert not wrong


def test_totals_reconcile_to_the_ore(reviewed):
    names, result = reviewed
    assert result.reconciliation.reconciles
    assert result.totals.spent == sum((Decimal(str(FILES[n]["total"])) for n in names), Decimal(0))
    for district in result.districts:
        spent = sum((r.line.amount for r in district.lines), Decimal("0.00"))
        ineligible = sum((r.line.amount for r in district.lines if any(
            stands(f) and f.severity is Severity.ej_stodberattigad for f in r.findings)), Decimal("0.00"))
        at_risk = sum((r.line.amount for r in district.lines if any(
            stands(f) and f.severity is Severity.risk for f in r.findings) and not any(
            stands(f) and f.severity is Severity.ej_stodberattigad for f in r.findings)), Decimal("0.00"))
        totals = district.totals
        assert (totals.spent, totals.eligible, totals.at_risk) == (spent, spent - ineligible, at_risk)
        allocated = Decimal(str(KEY["allocations"].get(district.district, totals.allocated)))
        assert totals.allocated == allocated
        assert totals.unspent == totals.repayment_risk == max(allocated - spent + ineligible, Decimal(0))
    for name in ("allocated", "spent", "eligible", "at_risk", "unspent", "repayment_risk"):
        assert getattr(result.totals, name) == sum((getattr(d.totals, name) for d in result.districts), Decimal(0))
