"""The public JSON document of a review (documented in the README; a contract)."""
from __future__ import annotations

from typing import Any, Optional

from .findings import score_document
from .models import Citation, Classification, Finding, LineReview, PurposeRef, Review, Totals
from .money import as_json_amount
from .taxonomy import Taxonomy, load_taxonomy


def review_document(review: Review) -> dict[str, Any]:
    """``{"year", "kind", "submitted", "districts", "findings", "totals", "files", "reconciliation"}``."""
    taxonomy = load_taxonomy(review.year)
    return {
        "year": review.year,
        "kind": review.kind.value,
        "submitted": review.submitted.isoformat() if review.submitted else None,
        "districts": [{
            "district": d.district,
            "kind": d.kind.value,
            "files": d.files,
            "lines": [line_document(r, taxonomy) for r in d.lines],
            "findings": [finding_document(f, taxonomy) for f in d.findings],
            "totals": totals_document(d.totals),
        } for d in review.districts],
        "findings": [finding_document(f, taxonomy) for f in review.findings],
        "totals": totals_document(review.totals),
        "files": [r.model_dump(mode="json") for r in review.files],
        "reconciliation": review.reconciliation.model_dump(mode="json"),
    }


def finding_document(finding: Finding, taxonomy: Taxonomy) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "rule_version": finding.rule_version,
        "severity": finding.severity.value,
        "scope": finding.scope.value,
        "district": finding.district,
        "line_id": finding.line_id,
        "amount_at_risk": as_json_amount(finding.amount_at_risk),
        "message": finding.message,
        "explanation": finding.explanation,
        "citation": citation_document(finding.citation, taxonomy),
        "decision": finding.decision.model_dump(mode="json") if finding.decision else None,
    }


def citation_document(citation: Citation, taxonomy: Taxonomy) -> dict[str, str]:
    return {"document": citation.document, "passage": citation.passage, "text": taxonomy.citation_text(citation)}


def line_document(review: LineReview, taxonomy: Taxonomy) -> dict[str, Any]:
    line = review.line
    return {
        "id": review.ref,
        "description": line.description,
        "amount": as_json_amount(line.amount),
        "date": line.date.isoformat() if line.date else None,
        "account": line.account,
        "source": line.source.model_dump(mode="json") if line.source else None,
        "classification": classification_json(review.classification),
        "purpose": _purpose(review.purpose, taxonomy),
        "findings": [finding_document(f, taxonomy) for f in review.findings],
    }


def classification_json(classification: Classification) -> dict[str, Any]:
    """The shape `compliance classify --format jsonl` prints: the line id as ``id``, then the
    other fields of :class:`Classification` in their order."""
    return {"id": classification.line_id, "activity": score_document(classification.activity),
            "cost_kind": score_document(classification.cost_kind),
            "target_groups": [score_document(group) for group in classification.target_groups],
            "evidence": [{"axis": e.axis, "label": e.label, "text": e.text, "start": e.start, "end": e.end,
                          "term": e.term} for e in classification.evidence],
            "unclear": classification.unclear}


def _purpose(purpose: Optional[PurposeRef], taxonomy: Taxonomy) -> Optional[dict[str, Any]]:
    if purpose is None:
        return None
    return {"id": purpose.id, "label": purpose.label, "citation": citation_document(purpose.citation, taxonomy)}


def totals_document(totals: Totals) -> dict[str, str]:
    return {name: as_json_amount(value) for name, value in totals.model_dump().items()}
