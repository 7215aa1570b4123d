"""The data model (pydantic v2). Money is Decimal kronor with öre; dates are dates."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, computed_field
from typing_extensions import Annotated

from .money import as_json_amount

Money = Annotated[Decimal, PlainSerializer(as_json_amount, return_type=str, when_used="json")]


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Citation(Model):
    """A passage of an official document that a taxonomy entry or rule rests on."""

    document: str = Field(description="Document id, see taxonomy/documents.yaml")
    passage: str = Field(description="Section heading and the quoted words")


class Document(Model):
    id: str
    title: str
    issuer: str
    year: Optional[int] = None
    diarienummer: Optional[str] = None
    source: Optional[str] = None


class GrantYear(Model):
    """One year's rules of the game: period, deadlines and the directions that apply."""

    year: int
    programme: str
    directions: str = Field(description="Document id of the anvisningar that apply")
    period_start: dt.date
    period_end: dt.date
    requisition_deadline: Optional[dt.date] = None
    report_deadline: dt.date
    note: Optional[str] = None


class LineKind(str, Enum):
    plan = "plan"
    utfall = "utfall"


class SourceRef(Model):
    file: str
    row: int = Field(description="Row as the spreadsheet shows it; the header is row 1")


class SpendingLine(Model):
    """One planned or reported spending line of a district."""

    id: str
    district: Optional[str] = None
    kind: LineKind = LineKind.utfall
    date: Optional[dt.date] = None
    description: str
    amount: Money
    account: Optional[str] = None
    cost_type: Optional[str] = Field(default=None, description="kostnadsslag (account text)")
    counterparty: Optional[str] = None
    recurring: Optional[bool] = None
    fte_share: Optional[Decimal] = Field(default=None, description="share of a full-time post, 0–1")
    source: Optional[SourceRef] = None


class Rejection(Model):
    """An input row that did not become a spending line, with a Swedish reason."""

    file: str
    row: int
    column: Optional[str] = None
    code: str = Field(description="Stable code, e.g. 'belopp_ogiltigt', 'summarad'")
    message: str
    amount: Optional[Money] = Field(default=None, description="The row's amount when readable")


class IngestTotals(Model):
    accepted: Money
    rejected: Money
    file: Money

    @computed_field
    @property
    def reconciles(self) -> bool:
        return self.accepted + self.rejected == self.file


class IngestResult(Model):
    lines: list[SpendingLine]
    rejections: list[Rejection]
    notices: list[str] = []
    totals: IngestTotals


class Allocation(Model):
    recipient: str
    amount: Money


class AllocationTable(Model):
    """A city's distribution of its requisitioned amount over committees."""

    city: str
    year: int
    key: Optional[str] = None
    requisitioned: Optional[Money] = None
    printed_total: Optional[Money] = None
    source: Optional[Citation] = None
    allocations: list[Allocation]

    @computed_field
    @property
    def total(self) -> Money:
        return sum((a.amount for a in self.allocations), Decimal("0.00"))

    @computed_field
    @property
    def difference(self) -> Optional[Money]:
        """Sum of the rows minus the printed total (None when no total is printed)."""
        return None if self.printed_total is None else self.total - self.printed_total


class Evidence(Model):
    """Words in the text that made the classifier choose a label."""

    axis: str
    label: str
    text: str
    start: int
    end: int
    term: str


class LabelScore(Model):
    label: str
    score: float = Field(ge=0.0, le=1.0)


class Classification(Model):
    line_id: str
    activity: LabelScore
    cost_kind: LabelScore
    target_groups: list[LabelScore]
    evidence: list[Evidence] = []
    unclear: bool = False


class Severity(str, Enum):
    ej_stodberattigad = "ej_stodberattigad"
    risk = "risk"
    info = "info"


class Scope(str, Enum):
    line = "line"
    district = "district"
    city = "city"


class Verdict(str, Enum):
    accept = "accept"
    reject = "reject"


class Decision(Model):
    """A reviewer's judgement on one finding: accept (it stands) or reject (it is lifted)."""

    line_id: Optional[str] = None
    district: Optional[str] = None
    rule: str
    verdict: Verdict
    motivation: str
    reviewer: str
    decided: Optional[dt.date] = None


class Finding(Model):
    rule: str
    rule_version: Optional[str] = None
    severity: Severity
    scope: Scope
    district: Optional[str] = None
    line_id: Optional[str] = None
    amount_at_risk: Money
    message: str
    explanation: dict[str, Any] = {}
    citation: Citation
    decision: Optional[Decision] = None


class Totals(Model):
    allocated: Money
    spent: Money
    eligible: Money
    at_risk: Money
    unspent: Money
    repayment_risk: Money


# ---- Review (rules engine, issue 4) ----------------------------------------------------------

class PurposeRef(Model):
    """The permitted purpose of the year's anvisningar that a line was matched to."""

    id: str
    label: str
    citation: Citation


class LineReview(Model):
    """One line as reviewed: its classification, purpose and findings.

    ``ref`` is the line's id in the review: the line id, or ``file/id`` when two files of the
    same district use the same id. Decisions refer to lines by ``ref``.
    """

    ref: str
    line: SpendingLine
    classification: Classification
    purpose: Optional[PurposeRef] = None
    findings: list[Finding] = []


class FileReport(Model):
    """What ingest made of one input file: nothing is lost, and the amounts reconcile."""

    file: str
    kind: LineKind
    districts: list[str]
    lines: int
    rejections: list[Rejection]
    notices: list[str] = []
    totals: IngestTotals


class Reconciliation(Model):
    """Nothing is lost: every file row is accepted or rejected, and the review's lines are the
    accepted rows plus any lines given directly."""

    file_total: Money
    accepted: Money
    rejected: Money
    direct: Money = Field(description="Lines given to the review directly, not from a file")
    spent: Money

    @computed_field
    @property
    def reconciles(self) -> bool:
        return self.accepted + self.rejected == self.file_total and self.accepted + self.direct == self.spent


class DistrictReview(Model):
    district: str
    kind: LineKind
    files: list[str] = []
    lines: list[LineReview] = []
    findings: list[Finding] = []
    totals: Totals


class Review(Model):
    """The result of :func:`compliance.review.review`: every line, finding and total."""

    year: int
    kind: LineKind
    submitted: Optional[dt.date] = None
    districts: list[DistrictReview]
    findings: list[Finding] = []
    totals: Totals
    files: list[FileReport] = []
    reconciliation: Reconciliation
