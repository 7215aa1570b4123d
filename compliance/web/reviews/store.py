"""Store a committee's review as an immutable run with its findings."""
from __future__ import annotations

from sqlalchemy.orm import Session

from ...models import Review, Severity
from ..db import audit
from ..db.schema import FindingRow, ReviewRun, Upload
from .codec import to_json
from .run import findings_of


def store_run(session: Session, upload: Upload, result: Review, *, reason: str, user_id: int,
              rules_version: str) -> ReviewRun:
    totals = result.districts[0].totals
    findings = list(findings_of(result))
    run = ReviewRun(
        upload_id=upload.id, rules_version=rules_version, reason=reason, created_by=user_id,
        result=to_json(result), allocated=totals.allocated, spent=totals.spent,
        eligible=totals.eligible, at_risk=totals.at_risk, unspent=totals.unspent,
        repayment_risk=totals.repayment_risk,
        undecided=sum(1 for f in findings if f.decision is None and f.severity is not Severity.info),
        findings=[FindingRow(position=i, rule=f.rule, rule_version=f.rule_version, severity=f.severity.value,
                             scope=f.scope.value, district=f.district, line_ref=f.line_id,
                             amount_at_risk=f.amount_at_risk, message=f.message,
                             verdict=f.decision.verdict.value if f.decision else None)
                  for i, f in enumerate(findings)])
    session.add(run)
    session.flush()
    audit(session, user_id, "granska", "granskning", run.id, upload=upload.id, reason=reason,
          rules_version=rules_version, findings=len(findings))
    return run
