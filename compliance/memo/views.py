"""What a memo shows, computed from a Review: templates only lay these figures out.

Each view is a pydantic model carrying every figure, text and citation the memo prints, so
the Markdown, HTML and PDF of one view always agree.
"""
from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from decimal import Decimal
from typing import Optional

from ..models import (DistrictReview, Finding, LineKind, LineReview, Model, Review, Scope, Severity,
                      Totals, Verdict)
from ..rulebook import Rulebook
from ..taxonomy import Taxonomy
from ..totals import stands
from .recommendations import Recommendations

SEVERITY_LABELS = {
    Severity.ej_stodberattigad: "Ej stödberättigad",
    Severity.risk: "Risk – granskaren bedömer",
    Severity.info: "Upplysning",
}
VERDICT_LABELS = {Verdict.accept: "Anmärkningen står kvar", Verdict.reject: "Anmärkningen lyfts"}
ZERO = Decimal("0.00")


class Header(Model):
    title: str
    committee_label: str = "Nämnd"
    committee: str
    year: int
    diarienummer: Optional[str] = None
    date: dt.date
    author: Optional[str] = None
    directions: str
    report_deadline: dt.date


class FindingRow(Model):
    line_id: str
    description: str
    date: Optional[dt.date] = None
    line_amount: Optional[Decimal] = None
    rule: str
    rule_title: str
    severity: Severity
    severity_label: str
    amount_at_risk: Decimal
    message: str
    citation: str
    citation_short: str
    decision: Optional[str] = None
    decision_by: Optional[str] = None
    motivation: Optional[str] = None


class RecommendationRow(Model):
    rule: str
    rule_title: str
    count: int
    amount: Decimal
    advice: str


class RuleRow(Model):
    rule: str
    title: str
    version: str
    scope: str
    citation: str


class RejectionRow(Model):
    file: str
    row: int
    message: str
    amount: Optional[Decimal] = None


class RiskMemo(Model):
    """PM om återbetalningsrisk for one district."""

    header: Header
    kind: LineKind
    totals: Totals
    line_count: int
    findings: list[FindingRow]
    recommendations: list[RecommendationRow]
    decisions: list[FindingRow]
    rejections: list[RejectionRow]
    rejected_amount: Decimal
    rules: list[RuleRow]


class CityRow(Model):
    committee: str
    status: str
    totals: Totals
    ineligible_count: int
    risk_count: int


class CitySummary(Model):
    """Sammanställning over all districts of a review, ready to attach to a tjänsteutlåtande."""

    header: Header
    rows: list[CityRow]
    totals: Totals
    findings: list[FindingRow]
    rules: list[RuleRow]


class PlanLine(Model):
    line_id: str
    description: str
    amount: Decimal
    purpose: Optional[str] = None
    purpose_citation: Optional[str] = None
    status: str
    severity: Optional[Severity] = None
    messages: list[str]
    advice: list[str]


class SelfAssessment(Model):
    """Självskattning av plan for one district."""

    header: Header
    totals: Totals
    fitting: list[PlanLine]
    at_risk: list[PlanLine]
    ineligible: list[PlanLine]
    district_findings: list[FindingRow]
    rules: list[RuleRow]


class ViewBuilder:
    """Builds memo views for one review, its year's taxonomy, rulebook and advice."""

    def __init__(self, review: Review, taxonomy: Taxonomy, rulebook: Rulebook, advice: Recommendations,
                 date: dt.date, author: Optional[str] = None, diarienummer: Optional[str] = None):
        self.review, self.taxonomy, self.rulebook, self.advice = review, taxonomy, rulebook, advice
        self.date, self.author, self.diarienummer = date, author, diarienummer
        self.titles = {case.rule: case.title for case in rulebook.cases}

    # -- shared pieces ----------------------------------------------------------------------
    def header(self, title: str, committee: str, committee_label: str = "Nämnd") -> Header:
        grant_year = self.taxonomy.grant_year
        doc = self.taxonomy.documents[grant_year.directions]
        directions = f"{doc.issuer}: {doc.title} ({', '.join(filter(None, [str(doc.year or ''), doc.diarienummer]))})"
        return Header(title=title, committee_label=committee_label, committee=committee, year=self.review.year, diarienummer=self.diarienummer,
                      date=self.date, author=self.author, directions=directions,
                      report_deadline=grant_year.report_deadline)

    def finding_row(self, finding: Finding, line: Optional[LineReview]) -> FindingRow:
        decision = finding.decision
        return FindingRow(
            line_id=finding.line_id or "–",
            description=line.line.description if line else ("Nämnden" if finding.scope is Scope.district else "Staden"),
            date=line.line.date if line else None,
            line_amount=line.line.amount if line else None,
            rule=finding.rule, rule_title=self.titles.get(finding.rule, finding.rule),
            severity=finding.severity, severity_label=SEVERITY_LABELS[finding.severity],
            amount_at_risk=finding.amount_at_risk, message=finding.message,
            citation=self.taxonomy.citation_text(finding.citation),
            citation_short=self.taxonomy.citation_short(finding.citation),
            decision=VERDICT_LABELS[decision.verdict] if decision else None,
            decision_by=(f"{decision.reviewer}, {decision.decided}" if decision and decision.decided
                         else decision.reviewer if decision else None),
            motivation=decision.motivation if decision else None)

    def district_rows(self, district: DistrictReview) -> list[FindingRow]:
        rows = [self.finding_row(f, line) for line in district.lines for f in line.findings]
        rows += [self.finding_row(f, None) for f in district.findings]
        return rows

    def recommendation_rows(self, rows: list[FindingRow]) -> list[RecommendationRow]:
        grouped: "OrderedDict[str, list[FindingRow]]" = OrderedDict()
        for row in sorted(rows, key=lambda r: r.rule):
            grouped.setdefault(row.rule, []).append(row)
        return [RecommendationRow(rule=rule, rule_title=items[0].rule_title, count=len(items),
                                  amount=sum((r.amount_at_risk for r in items), ZERO), advice=self.advice.for_rule(rule))
                for rule, items in grouped.items()]

    def rule_rows(self) -> list[RuleRow]:
        seen: "OrderedDict[str, RuleRow]" = OrderedDict()
        for case in self.rulebook.cases:
            seen.setdefault(case.rule, RuleRow(rule=case.rule, title=case.title, version=case.version,
                                               scope=case.scope.value,
                                               citation=self.taxonomy.citation_text(case.citation)))
        return list(seen.values())

    def rejections(self, district: DistrictReview) -> list[RejectionRow]:
        files = [f for f in self.review.files if district.district in f.districts or f.file in district.files]
        return [RejectionRow(file=f.file, row=r.row, message=r.message, amount=r.amount)
                for f in files for r in f.rejections]

    # -- the three memos --------------------------------------------------------------------
    def risk_memo(self, district: DistrictReview) -> RiskMemo:
        rows = self.district_rows(district)
        rejections = self.rejections(district)
        return RiskMemo(
            header=self.header("PM om återbetalningsrisk", district.district), kind=district.kind,
            totals=district.totals, line_count=len(district.lines), findings=rows,
            recommendations=self.recommendation_rows(rows), decisions=[r for r in rows if r.decision],
            rejections=rejections, rejected_amount=sum((r.amount for r in rejections if r.amount is not None), ZERO),
            rules=self.rule_rows())

    def city_summary(self, city: str) -> CitySummary:
        rows = []
        for district in self.review.districts:
            standing = [f for line in district.lines for f in line.findings if stands(f)]
            missing = any(f.rule == "saknad-aterrapport" for f in district.findings)
            rows.append(CityRow(
                committee=district.district,
                status="Saknas" if missing else ("Plan" if district.kind is LineKind.plan else "Inkommen"),
                totals=district.totals,
                ineligible_count=sum(1 for f in standing if f.severity is Severity.ej_stodberattigad),
                risk_count=sum(1 for f in standing if f.severity is Severity.risk)))
        return CitySummary(header=self.header("Sammanställning av utvecklingsmedel", city, "Kommun"), rows=rows,
                           totals=self.review.totals,
                           findings=[self.finding_row(f, None) for f in self.review.findings],
                           rules=self.rule_rows())

    def self_assessment(self, district: DistrictReview) -> SelfAssessment:
        groups: dict[str, list[PlanLine]] = {"fitting": [], "at_risk": [], "ineligible": []}
        for line in district.lines:
            standing = [f for f in line.findings if stands(f)]
            worst = _worst(standing)
            purpose = line.purpose
            plan_line = PlanLine(
                line_id=line.ref, description=line.line.description, amount=line.line.amount,
                purpose=purpose.label if purpose else None,
                purpose_citation=self.taxonomy.citation_short(purpose.citation) if purpose else None,
                status={None: "Passar", Severity.info: "Passar", Severity.risk: "Risk",
                        Severity.ej_stodberattigad: "Ej stödberättigad"}[worst],
                severity=worst, messages=[f.message for f in standing],
                advice=sorted({self.advice.for_rule(f.rule) for f in standing}))
            key = {Severity.ej_stodberattigad: "ineligible", Severity.risk: "at_risk"}.get(worst, "fitting")
            groups[key].append(plan_line)
        return SelfAssessment(
            header=self.header("Självskattning av plan", district.district), totals=district.totals,
            district_findings=[self.finding_row(f, None) for f in district.findings], rules=self.rule_rows(),
            **groups)


def _worst(findings: list[Finding]) -> Optional[Severity]:
    for severity in (Severity.ej_stodberattigad, Severity.risk, Severity.info):
        if any(f.severity is severity for f in findings):
            return severity
    return None
