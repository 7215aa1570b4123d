"""Uploading a plan or a return: checked before parsing, reviewed on the worker, stored whole."""
from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from sqlalchemy import select

from ...dates import DateError, parse_date
from ...models import LineKind
from ..clock import today
from ..db.schema import Allocation, Committee, User
from ..filecheck import FileRejected, check_upload
from ..limits import megabytes
from ..reviews.run import safe_name
from ..reviews.service import NewUpload
from ..security.access import Role, current_user, visible_committee, visible_upload
from ..security.csrf import CSRF
from ..templating import page
from .common import database, download, follow

router = APIRouter()
WAIT_SECONDS = 5


def _form(request: Request, user: User, status: int = 200, error: Optional[str] = None, **chosen):
    with database(request).transaction() as session:
        if Role(user.role) is Role.district:
            committees = [session.get(Committee, user.committee_id)]
        else:
            committees = list(session.scalars(select(Committee).where(Committee.city_id == user.city_id)
                                              .order_by(Committee.name)))
        years = list(session.scalars(select(Allocation.year).where(Allocation.city_id == user.city_id)
                                     .order_by(Allocation.year.desc())))
        return page(request, "upload.html", user, status=status, error=error, committees=committees, years=years,
                    limit_mb=megabytes(request.app.state.settings.max_upload_bytes),
                    chosen={"namnd": None, "ar": None, "typ": "utfall", **chosen})


@router.get("/ladda-upp")
def upload_form(request: Request, namnd: Optional[int] = None, ar: Optional[int] = None, typ: str = "utfall",
                user: User = Depends(current_user)):
    return _form(request, user, namnd=namnd, ar=ar, typ=typ)


@router.post("/ladda-upp", dependencies=[CSRF])
async def upload(request: Request, namnd: int = Form(...), ar: int = Form(...), typ: LineKind = Form(...),
                 inlamnad: str = Form(""), fil: UploadFile = File(...), user: User = Depends(current_user)):
    limit = request.app.state.settings.max_upload_bytes
    chosen = {"namnd": namnd, "ar": ar, "typ": typ.value}
    with database(request).transaction() as session:
        visible_committee(session, user, namnd)
    content = await fil.read(limit + 1)
    file_name = safe_name(fil.filename or "fil")  # no folders, no odd characters, at most 100 + suffix
    try:
        check_upload(file_name, content, limit)
        submitted = _submitted(user, typ, inlamnad)
    except (FileRejected, DateError) as exc:
        return _form(request, user, status=400, error=str(exc), **chosen)
    job = request.app.state.reviews.upload(user, NewUpload(committee_id=namnd, year=ar, kind=typ, file_name=file_name,
                                                           content=content, submitted=submitted))
    return await follow(job, WAIT_SECONDS)


def _submitted(user: User, kind: LineKind, written: str):
    """A return is dated the day it is uploaded; a reviewer may give the day it arrived."""
    if kind is LineKind.plan:
        return None
    if written.strip() and Role(user.role) is not Role.district:
        day = parse_date(written.strip())
        if day > today():
            raise DateError("inlämningsdagen kan inte ligga i framtiden")
        return day
    return today()


@router.get("/uppladdningar/{upload_id}/original")
def original(request: Request, upload_id: int, user: User = Depends(current_user)):
    """The file exactly as it was uploaded."""
    with database(request).transaction() as session:
        upload = visible_upload(session, user, upload_id)
        return download(upload.content, upload.file_name, "application/octet-stream")
