"""The review page's content from a stored run: lines with tags and highlighted evidence,
findings with their ids for decisions, filters by rule and severity, and sums."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from markupsafe import Markup

from ..models import Evidence, Finding, LineReview, Review, Severity
from ..rulebook import load_rulebook
from ..taxonomy import load_taxonomy
from ..totals import ZERO, DistrictTally, line_status
from .present import AXIS, highlight, tag_labels
from .reviews.run import findings_of

SEVERITY_ORDER = [s.value for s in (Severity.ej_stodberattigad, Severity.risk, Severity.info)]


@dataclass
class FindingView:
    id: int
    finding: Finding
    title: str
    citation: str


@dataclass
class Tag:
    axis: str
    label: str
    score: float


@dataclass
class LineView:
    line: LineReview
    text: Markup
    tags: list[Tag]
    findings: list[FindingView]
    severity: Optional[str]


@dataclass
class ReviewView:
    review: Review
    district_findings: list[FindingView]
    lines: list[LineView]
    rules: list[tuple[str, str]]          # (id, title) of the rules that fired, for the filter
    rule: str = ""
    severity: str = ""
    line_total: Decimal = ZERO            # the shown lines' amounts, and of them
    ineligible_total: Decimal = ZERO      # those with a standing ej_stodberattigad finding
    risk_total: Decimal = ZERO            # those with a standing risk finding only
    shown_findings: int = 0
    notices: list[str] = field(default_factory=list)


def review_view(review: Review, finding_ids: list[int], rule: str = "", severity: str = "") -> ReviewView:
    """``finding_ids`` are the stored findings' ids in page order (see ``findings_of``)."""
    titles = {case.rule: case.title for case in load_rulebook(review.year).cases}
    taxonomy = load_taxonomy(review.year)
    views = {id(f): FindingView(i, f, titles.get(f.rule, f.rule), taxonomy.citation_short(f.citation))
             for i, f in zip(finding_ids, findings_of(review))}

    def shown(f: Finding) -> bool:
        return (not rule or f.rule == rule) and (not severity or f.severity.value == severity)

    district = review.districts[0]
    filtering = bool(rule or severity)
    lines = []
    for line in district.lines:
        matched = [views[id(f)] for f in line.findings if shown(f)]
        if filtering and not matched:
            continue
        lines.append(LineView(line, _text(line), _tags(line, review.year), matched, _worst(line.findings)))
    district_findings = [views[id(f)] for f in district.findings if shown(f)]
    fired = sorted({f.rule for f in findings_of(review)})
    shown_money = DistrictTally()   # the shown lines, counted as a district's totals count them
    for view in lines:
        shown_money.add(view.line.line.amount, line_status(view.line.findings))
    notices = [r.message for report in review.files for r in report.rejections] + \
              [n for report in review.files for n in report.notices]
    return ReviewView(review=review, district_findings=district_findings, lines=lines,
                      rules=[(r, titles.get(r, r)) for r in fired], rule=rule, severity=severity,
                      line_total=shown_money.spent, ineligible_total=shown_money.ineligible,
                      risk_total=shown_money.at_risk,
                      shown_findings=len(district_findings) + sum(len(v.findings) for v in lines), notices=notices)


def _text(line: LineReview) -> Markup:
    """The description with the classifier's evidence and the rules' signal words marked."""
    description = line.line.description
    spans = list(line.classification.evidence)
    for finding in line.findings:
        for signal, hits in finding.explanation.get("signals", {}).items():
            for hit in hits:
                start = description.find(hit.get("text", "")) if hit.get("field") == "beskrivning" else -1
                if start >= 0 and hit.get("text"):
                    spans.append(Evidence(axis="signal", label=signal, text=hit["text"], start=start,
                                          end=start + len(hit["text"]), term=hit.get("term", "")))
    return highlight(description, spans)


def _tags(line: LineReview, year: int) -> list[Tag]:
    labels = tag_labels(year)
    c = line.classification
    chosen = [("activity", c.activity), ("cost_kind", c.cost_kind)] + [("target_groups", t) for t in c.target_groups]
    return [Tag(AXIS[axis], labels[axis].get(score.label, score.label), score.score) for axis, score in chosen]


def _worst(findings: list[Finding]) -> Optional[str]:
    present = {f.severity.value for f in findings}
    return next((s for s in SEVERITY_ORDER if s in present), None)
