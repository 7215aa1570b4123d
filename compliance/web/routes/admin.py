"""Administration: users, allocation tables and the audit log."""
from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from sqlalchemy import or_, select

from ...allocation import load_allocation
from ...ingest import IngestError
from ...taxonomy import UnknownYearError, known_years
from ...yamlio import DataFileError
from ..allocations import store_allocation
from ..db.schema import Allocation, AuditEntry, City, Committee, User
from ..filecheck import FileRejected, check_upload
from ..reviews.run import safe_name
from ..security.access import ADMIN, NOT_FOUND, Role
from ..security.csrf import CSRF
from ..templating import page
from ..users import UserError, add_user, set_active, set_password
from .common import database, see_other

router = APIRouter(prefix="/admin")
ALLOCATION_FILES = (".yaml", ".yml", ".csv", ".xlsx")


def _users_page(request: Request, user: User, status: int = 200, error: str | None = None, form: dict | None = None):
    with database(request).transaction() as session:
        users = list(session.scalars(select(User).where(User.city_id == user.city_id).order_by(User.username)))
        committees = list(session.scalars(select(Committee).where(Committee.city_id == user.city_id)
                                          .order_by(Committee.name)))
        return page(request, "admin_users.html", user, status=status, error=error, users=users,
                    committees=committees, form={"username": "", "name": "", "role": "district", "committee": None,
                                                 **(form or {})})


@router.get("/anvandare")
def users_page(request: Request, user: User = Depends(ADMIN)):
    return _users_page(request, user)


@router.post("/anvandare", dependencies=[CSRF])
def create_user(request: Request, username: str = Form(""), name: str = Form(""), role: Role = Form(...),
                committee: int | None = Form(None), password: str = Form(""), user: User = Depends(ADMIN)):
    try:
        with database(request).transaction() as session:
            city = session.get(City, user.city_id)
            chosen = session.get(Committee, committee) if committee else None
            add_user(session, user, username=username, name=name, password=password, role=role, city=city,
                     committee=chosen if chosen and chosen.city_id == city.id else None)
    except UserError as exc:
        return _users_page(request, user, status=400, error=str(exc),
                           form={"username": username, "name": name, "role": role.value, "committee": committee})
    return see_other("/admin/anvandare")


def _city_user(session, admin: User, user_id: int) -> User:
    target = session.get(User, user_id)
    if target is None or target.city_id != admin.city_id:
        raise HTTPException(404, NOT_FOUND)
    return target


@router.post("/anvandare/{user_id}/aktiv", dependencies=[CSRF])
def change_active(request: Request, user_id: int, active: bool = Form(...), user: User = Depends(ADMIN)):
    try:
        with database(request).transaction() as session:
            set_active(session, user, _city_user(session, user, user_id), active)
    except UserError as exc:
        return _users_page(request, user, status=400, error=str(exc))
    return see_other("/admin/anvandare")


@router.post("/anvandare/{user_id}/losenord", dependencies=[CSRF])
def change_password(request: Request, user_id: int, password: str = Form(""), user: User = Depends(ADMIN)):
    try:
        with database(request).transaction() as session:
            set_password(session, user, _city_user(session, user, user_id), password)
    except UserError as exc:
        return _users_page(request, user, status=400, error=str(exc))
    return see_other("/admin/anvandare")


def _allocations_page(request: Request, user: User, status: int = 200, error: str | None = None):
    with database(request).transaction() as session:
        allocations = list(session.scalars(select(Allocation).where(Allocation.city_id == user.city_id)
                                           .order_by(Allocation.year.desc())))
        return page(request, "admin_allocations.html", user, status=status, error=error, allocations=allocations,
                    years=known_years())


@router.get("/fordelningar")
def allocations_page(request: Request, user: User = Depends(ADMIN)):
    return _allocations_page(request, user)


@router.post("/fordelningar", dependencies=[CSRF])
async def import_allocation(request: Request, ar: int = Form(...), fil: UploadFile = File(...),
                            user: User = Depends(ADMIN)):
    limit = request.app.state.settings.max_upload_bytes
    content = await fil.read(limit + 1)
    name = safe_name(fil.filename or "fordelning")
    try:
        check_upload(name, content, limit, ALLOCATION_FILES)
        with tempfile.TemporaryDirectory(prefix="compliance-") as folder:
            path = Path(folder) / name
            path.write_bytes(content)
            table = load_allocation(path)
        if table.year and table.year != ar:
            raise FileRejected(f"Filen gäller {table.year}, inte {ar}.")
        with database(request).transaction() as session:
            city = session.get(City, user.city_id)
            store_allocation(session, user, city, table.model_copy(update={"city": city.name, "year": ar}), name)
    except (FileRejected, IngestError, DataFileError, UnknownYearError) as exc:
        return _allocations_page(request, user, status=400, error=str(exc))
    return see_other("/admin/fordelningar")


@router.get("/logg")
def audit_log(request: Request, user: User = Depends(ADMIN)):
    with database(request).transaction() as session:
        query = (select(AuditEntry).outerjoin(User, AuditEntry.user_id == User.id)
                 .where(or_(User.city_id == user.city_id, AuditEntry.user_id.is_(None)))
                 .order_by(AuditEntry.id.desc()).limit(300))
        return page(request, "admin_log.html", user, entries=list(session.scalars(query)))
