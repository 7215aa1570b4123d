"""Progress of a queued review, as a page that refreshes itself and as JSON for the script."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request

from ..db.schema import User
from ..reviews.jobs import Job
from ..security.access import NOT_FOUND, current_user
from ..templating import page
from .common import see_other

router = APIRouter()


def _job(request: Request, job_id: str, user: User) -> Job:
    job = request.app.state.queue.get(job_id, user.id)
    if job is None:
        raise HTTPException(404, NOT_FOUND)
    return job


@router.get("/jobb/{job_id}")
def job_page(request: Request, job_id: str, user: User = Depends(current_user)):
    job = _job(request, job_id, user)
    if job.state == "done":
        return see_other(job.url)
    status = 422 if job.state == "failed" else 200
    return page(request, "job.html", user, status=status, job=job, ahead=request.app.state.queue.ahead(job))


@router.get("/jobb/{job_id}/status")
def job_status(request: Request, job_id: str, user: User = Depends(current_user)):
    job = _job(request, job_id, user)
    return {"state": job.state, "phase": job.phase, "ahead": request.app.state.queue.ahead(job),
            "url": job.url if job.state == "done" else f"/jobb/{job.id}"}
