"""Helpers the pages share."""
from __future__ import annotations

from urllib.parse import quote

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ...models import Review
from ..db import Database
from ..db.schema import User
from ..reviews.codec import from_json
from ..reviews.jobs import Job
from ..security.access import visible_run


def database(request: Request) -> Database:
    return request.app.state.db


def stored_review(request: Request, user: User, run_id: int) -> tuple[Review, str]:
    """The review of a run ``user`` may see (else 404) and the name of its city."""
    with database(request).transaction() as session:
        run = visible_run(session, user, run_id)
        return from_json(run.result), run.upload.committee.city.name


def see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


async def follow(job: Job, seconds: float) -> RedirectResponse:
    """The job's result when it is ready within ``seconds``, else its progress page."""
    done = await run_in_threadpool(job.wait, seconds)
    return see_other(job.url if done and job.state == "done" else f"/jobb/{job.id}")


def safe_next(target: str) -> str:
    """Only a path on this site (no scheme, no //host) may follow a login."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


def download(content: bytes, file_name: str, media_type: str) -> Response:
    """``content`` as a file to save, under its (possibly non-ASCII) name."""
    plain = file_name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    disposition = f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(file_name)}"
    return Response(content, media_type=media_type, headers={"Content-Disposition": disposition})
