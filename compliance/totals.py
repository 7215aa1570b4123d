"""The totals of a review, defined exactly. Amounts are signed kronor with öre, so a credit
line (a negative amount) reduces what it is counted in.

A finding *stands* unless a reviewer rejected it (no decision, or ``accept``, means it stands).
Per district:

- ``allocated``: the district's amount in the allocation table (0 when it is not there);
- ``spent``: the sum of the district's accepted lines (rows that ingest rejected are not
  spending; they are reported per file);
- ``eligible``: ``spent`` minus the amounts of lines with a standing ``ej_stodberattigad``
  line finding;
- ``at_risk``: the amounts of lines with a standing ``risk`` line finding and no standing
  ``ej_stodberattigad`` one: each line counts once, whatever the number of findings;
- ``unspent``: ``allocated − eligible``, at least 0;
- ``repayment_risk``: ``unspent``, which includes ineligible spending, since that must be
  repaid too. ``at_risk`` comes on top if the reviewers judge those lines ineligible.

City totals are the sums over the districts of the review. District and city findings
(e.g. a late return) carry their own amount at risk and do not change these totals.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable

from .models import Finding, Scope, Severity, Totals, Verdict

ZERO = Decimal("0.00")
TOTAL_FIELDS = ("allocated", "spent", "eligible", "at_risk", "unspent", "repayment_risk")


def stands(finding: Finding) -> bool:
    return finding.decision is None or finding.decision.verdict is Verdict.accept


def line_status(findings: Iterable[Finding]) -> Severity | None:
    """``ej_stodberattigad`` or ``risk`` by the line's standing line findings, else None."""
    severities = {f.severity for f in findings if f.scope is Scope.line and stands(f)}
    for severity in (Severity.ej_stodberattigad, Severity.risk):
        if severity in severities:
            return severity
    return None


@dataclass
class DistrictTally:
    """What a district's totals need of its lines, added up one line at a time."""

    lines: int = 0
    spent: Decimal = ZERO
    ineligible: Decimal = ZERO
    at_risk: Decimal = ZERO

    def add(self, amount: Decimal, status: Severity | None) -> None:
        """Count one line with its :func:`line_status`."""
        self.lines += 1
        self.spent += amount
        if status is Severity.ej_stodberattigad:
            self.ineligible += amount
        elif status is Severity.risk:
            self.at_risk += amount


def district_money(allocated: Decimal, tally: DistrictTally) -> dict[str, Decimal]:
    """The district's amounts: the totals plus ``ineligible`` and ``overspent`` for its rules."""
    eligible = tally.spent - tally.ineligible
    unspent = max(allocated - eligible, ZERO)
    return {"allocated": allocated, "spent": tally.spent, "eligible": eligible, "ineligible": tally.ineligible,
            "at_risk": tally.at_risk, "unspent": unspent, "overspent": max(tally.spent - allocated, ZERO)}


def totals(money: dict[str, Decimal]) -> Totals:
    return Totals(allocated=money["allocated"], spent=money["spent"], eligible=money["eligible"],
                  at_risk=money["at_risk"], unspent=money["unspent"], repayment_risk=money["unspent"])


def city_totals(districts: Iterable[Totals]) -> Totals:
    sums = {name: ZERO for name in TOTAL_FIELDS}
    for district in districts:
        for name in TOTAL_FIELDS:
            sums[name] += getattr(district, name)
    return Totals(**sums)
