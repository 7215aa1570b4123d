"""Engine faults through the whole review: identical lines stay two, and an action that fails
late in a long run fails the review, never a partial result."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from builders import StubClassifier, allocation, classification, line
from compliance.engine import RuleActionError
from compliance.findings import FindingFactory
from compliance.ingest import ingest_file
from compliance.review import review

SALARIES = Path(__file__).resolve().parents[1] / "hostile" / "files" / "identiska_lonerader.csv"


def test_two_identical_salary_lines_give_two_findings_not_one():
    lines = ingest_file(SALARIES).lines
    stub = StubClassifier(classification(x.id, "samordning", "lon") for x in lines)
    result = review([SALARIES], year=2022, allocation=allocation("100 000", district="Farsta"), district="Farsta",
                     classifier=stub)
    (district,) = result.districts
    assert [r.line.amount for r in district.lines] == [Decimal("42000.00")] * 2
    salary = [(r.ref, f.severity.value) for r in district.lines for f in r.findings if f.rule == "lon-aterkommande"]
    assert salary == [(lines[0].id, "ej_stodberattigad"), (lines[1].id, "ej_stodberattigad")]
    assert [f.rule for f in district.lines[1].findings].count("mojlig-dubblett") == 1
    assert district.totals.spent - district.totals.eligible == Decimal("84000.00")


def test_an_action_that_fails_late_in_a_long_run_fails_the_whole_review(monkeypatch):
    lines = [line(f"L{n}", "Köp av platser skyddat boende 30 dygn", "1 000", account="4620") for n in range(1_500)]
    stub = StubClassifier(classification(x.id, "boende", "placering") for x in lines)
    original, made = FindingFactory.make, []

    def fails_late(self, case, subject, fact):
        made.append(subject)
        if len(made) == 1_234:
            raise ValueError("åtgärden gick sönder på rad 1 234")
        return original(self, case, subject, fact)

    monkeypatch.setattr(FindingFactory, "make", fails_late)
    with pytest.raises(RuleActionError, match="rad 1 234"):
        review(year=2022, allocation=allocation("1 500 000"), lines=lines, classifier=stub)
    assert len(made) >= 1_234                           # the failure came after batches had succeeded
