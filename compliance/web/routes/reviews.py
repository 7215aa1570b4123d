"""The review of one committee's upload; reviewers decide on findings and re-run reviews."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from sqlalchemy import select

from ...models import Verdict
from ..db.schema import Decision, FindingRow, User
from ..review_view import review_view
from ..reviews.codec import from_json
from ..reviews.service import latest_run
from ..reviews.version import rules_version
from ..security.access import NOT_FOUND, REVIEWER, current_user, visible_run, visible_upload
from ..security.csrf import CSRF
from ..templating import page
from .common import database, follow

router = APIRouter()
WAIT_SECONDS = 10


@router.get("/granskningar/{run_id}")
def review_page(request: Request, run_id: int, regel: str = "", allvarlighet: str = "",
                user: User = Depends(current_user)):
    with database(request).transaction() as session:
        run = visible_run(session, user, run_id)
        upload = run.upload
        result = from_json(run.result)
        view = review_view(result, [f.id for f in run.findings], rule=regel, severity=allvarlighet)
        decisions = {(d.scope, d.district, d.line_ref, d.rule): d for d in
                     session.scalars(select(Decision).where(Decision.upload_id == upload.id))}
        latest = latest_run(session, upload.id)
        return page(request, "review.html", user, run=run, upload=upload, committee=upload.committee, view=view,
                    decisions=decisions, latest=latest, current_rules=rules_version(upload.year))


@router.post("/granskningar/{run_id}/beslut", dependencies=[CSRF])
async def decide(request: Request, run_id: int, finding: int = Form(...), verdict: Verdict = Form(...),
                 motivation: str = Form(""), user: User = Depends(REVIEWER)):
    motivation = " ".join(motivation.split())
    with database(request).transaction() as session:
        run = visible_run(session, user, run_id)
        row = session.get(FindingRow, finding)
        if row is None or row.run_id != run.id:
            raise HTTPException(404, NOT_FOUND)
        if latest_run(session, run.upload_id).id != run.id:
            raise HTTPException(409, "Granskningen har ersatts av en nyare. "
                                     "Öppna den senaste granskningen och besluta där.")
    if verdict is Verdict.reject and not motivation:
        raise HTTPException(400, "Skriv en motivering när du lyfter en anmärkning.")
    job = request.app.state.reviews.decide(user, finding, verdict, motivation or "Anmärkningen står kvar.")
    return await follow(job, WAIT_SECONDS)


@router.post("/uppladdningar/{upload_id}/granska-om", dependencies=[CSRF])
async def rerun(request: Request, upload_id: int, user: User = Depends(REVIEWER)):
    with database(request).transaction() as session:
        visible_upload(session, user, upload_id)
    job = request.app.state.reviews.rerun(user, upload_id)
    return await follow(job, WAIT_SECONDS)
