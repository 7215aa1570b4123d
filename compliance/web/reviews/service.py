"""The three things that make a review run: a new upload, a reviewer's decision, a re-run with
the rules of today. Each is a job on the worker; each stores all of its changes in one
transaction, or nothing."""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Optional

from sqlalchemy import select

from ...decisions import DecisionError
from ...models import Decision as DecisionModel
from ...models import LineKind, Review, Scope, Verdict
from ..allocations import as_table, ensure_grant_year, find_allocation
from ..clock import local, today
from ..db import Database, audit
from ..db.schema import Committee, Decision, FindingRow, ReviewRun, Upload, User
from .jobs import Job, JobQueue, Rejected
from .run import findings_of, review_file
from .store import store_run
from .version import rules_version

Key = tuple[str, Optional[str], Optional[str], str]   # scope, district, line ref, rule


@dataclass(frozen=True)
class NewUpload:
    committee_id: int
    year: int
    kind: LineKind
    file_name: str
    content: bytes
    submitted: Optional[dt.date]


class ReviewService:
    def __init__(self, db: Database, queue: JobQueue):
        self.db, self.queue = db, queue

    def upload(self, user: User, new: NewUpload) -> Job:
        def work(job: Job) -> str:
            committee, table = self._committee_and_table(new.committee_id, new.year)
            job.phase = f"Läser in och granskar {new.file_name}"
            result = review_file(new.file_name, new.content, committee=committee, year=new.year, kind=new.kind,
                                 table=table, submitted=new.submitted)
            job.phase = "Sparar"
            with self.db.transaction() as session:
                ensure_grant_year(session, new.year)
                upload = Upload(committee_id=new.committee_id, year=new.year, kind=new.kind.value,
                                file_name=new.file_name, content=new.content,
                                sha256=hashlib.sha256(new.content).hexdigest(), size=len(new.content),
                                submitted=new.submitted, uploaded_by=user.id)
                session.add(upload)
                session.flush()
                audit(session, user, "ladda upp", "uppladdning", upload.id, committee=committee, year=new.year,
                      kind=new.kind.value, file=new.file_name, sha256=upload.sha256, size=upload.size)
                run = store_run(session, upload, result, reason="uppladdning", user_id=user.id,
                                rules_version=rules_version(new.year))
                return f"/granskningar/{run.id}"

        return self.queue.submit(user.id, f"Granskning av {new.file_name}", work)

    def decide(self, user: User, finding_id: int, verdict: Verdict, motivation: str) -> Job:
        def work(job: Job) -> str:
            with self.db.transaction() as session:
                finding = session.get(FindingRow, finding_id)
                upload_id = finding.run.upload_id
                key: Key = (finding.scope, finding.district, finding.line_ref, finding.rule)
            decisions = self._decisions(upload_id)
            decisions[key] = _model(key, verdict, motivation, user.name, today())
            try:
                result = self._review(upload_id, list(decisions.values()))
            except DecisionError as exc:
                raise Rejected(f"Beslutet passar inte granskningen: {exc}") from None
            with self.db.transaction() as session:
                row = _decision_row(session, upload_id, key)
                before = {"verdict": row.verdict, "motivation": row.motivation} if row else None
                if row is None:
                    row = Decision(upload_id=upload_id, scope=key[0], district=key[1], line_ref=key[2], rule=key[3])
                    session.add(row)
                row.verdict, row.motivation, row.user_id = verdict.value, motivation, user.id
                row.decided_at = dt.datetime.now(dt.timezone.utc)
                session.flush()
                audit(session, user, "besluta", "beslut", row.id, upload=upload_id, rule=key[3], line=key[2],
                      district=key[1], verdict=verdict.value, motivation=motivation, before=before)
                run = store_run(session, session.get(Upload, upload_id), result, reason="beslut", user_id=user.id,
                                rules_version=rules_version(result.year))
                same = [f.id for f in run.findings if (f.scope, f.district, f.line_ref, f.rule) == key]
                return f"/granskningar/{run.id}#anmarkning-{same[0]}" if same else f"/granskningar/{run.id}"

        return self.queue.submit(user.id, "Beslut om anmärkning", work)

    def rerun(self, user: User, upload_id: int) -> Job:
        """Review a stored upload again with today's rules; earlier runs are kept as they are."""
        def work(job: Job) -> str:
            decisions = list(self._decisions(upload_id).values())
            try:
                result = self._review(upload_id, decisions)
            except DecisionError:  # new rules no longer make some decided findings
                plain = self._review(upload_id, [])
                present = {(f.scope.value, f.district, f.line_id, f.rule) for f in findings_of(plain)}
                result = self._review(upload_id, [d for d in decisions if _key_of(d) in present])
            with self.db.transaction() as session:
                run = store_run(session, session.get(Upload, upload_id), result, reason="omgranskning",
                                user_id=user.id, rules_version=rules_version(result.year))
                return f"/granskningar/{run.id}"

        return self.queue.submit(user.id, "Omgranskning", work)

    # -- helpers ---------------------------------------------------------------------------
    def _committee_and_table(self, committee_id: int, year: int):
        with self.db.transaction() as session:
            committee = session.get(Committee, committee_id)
            allocation = find_allocation(session, committee.city_id, year)
            if allocation is None:
                raise Rejected(f"Det finns ingen fördelning för {year} i {committee.city.name}. "
                               "Be administratören lägga in fördelningen först.")
            return committee.name, as_table(allocation)

    def _review(self, upload_id: int, decisions: list[DecisionModel]) -> Review:
        with self.db.transaction() as session:
            upload = session.get(Upload, upload_id)
            name, content, year, kind = upload.file_name, upload.content, upload.year, LineKind(upload.kind)
            submitted, committee_id = upload.submitted, upload.committee_id
        committee, table = self._committee_and_table(committee_id, year)
        return review_file(name, content, committee=committee, year=year, kind=kind, table=table,
                           submitted=submitted, decisions=decisions)

    def _decisions(self, upload_id: int) -> dict[Key, DecisionModel]:
        with self.db.transaction() as session:
            rows = session.scalars(select(Decision).where(Decision.upload_id == upload_id).order_by(Decision.id))
            return {(r.scope, r.district, r.line_ref, r.rule):
                    _model((r.scope, r.district, r.line_ref, r.rule), Verdict(r.verdict), r.motivation, r.user.name,
                           local(r.decided_at).date()) for r in rows}


def latest_run(session, upload_id: int) -> ReviewRun:
    query = select(ReviewRun).where(ReviewRun.upload_id == upload_id).order_by(ReviewRun.id.desc()).limit(1)
    return session.scalar(query)


def _model(key: Key, verdict: Verdict, motivation: str, reviewer: str, decided: dt.date) -> DecisionModel:
    scope, district, line_ref, rule = key
    return DecisionModel(line_id=line_ref, district=district if scope != Scope.city.value else None, rule=rule,
                         verdict=verdict, motivation=motivation, reviewer=reviewer, decided=decided)


def _key_of(decision: DecisionModel) -> Key:
    scope = Scope.line.value if decision.line_id else (Scope.district.value if decision.district else Scope.city.value)
    return scope, decision.district, decision.line_id, decision.rule


def _decision_row(session, upload_id: int, key: Key) -> Optional[Decision]:
    scope, district, line_ref, rule = key
    query = select(Decision).where(Decision.upload_id == upload_id, Decision.scope == scope, Decision.rule == rule,
                                   Decision.district.is_(None) if district is None else Decision.district == district,
                                   Decision.line_ref.is_(None) if line_ref is None else Decision.line_ref == line_ref)
    return session.scalar(query)
