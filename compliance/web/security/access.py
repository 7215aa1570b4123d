"""Who is logged in and what they may see: a district user only their own committee, a
reviewer or admin every committee of their city. What a user may not see is "not found".

A login is a row on the server (LoginSession) that the signed cookie names: the cookie alone
is not enough, so a copy of it is useless once its owner logs out."""
from __future__ import annotations

import datetime as dt
import secrets
from enum import Enum
from typing import Optional

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session

from ..db.schema import Committee, LoginSession, ReviewRun, Upload, User

SESSION_USER = "uid"
SESSION_STAMP = "stamp"
SESSION_ID = "sid"


class Role(str, Enum):
    district = "district"
    reviewer = "reviewer"
    admin = "admin"


ROLE_LABELS = {Role.district: "Nämnd", Role.reviewer: "Granskare", Role.admin: "Administratör"}
NOT_FOUND = "Sidan finns inte, eller så har du inte behörighet till den."


class LoginRequired(Exception):
    """Raised when a page needs a logged-in user; the app answers with the login page."""


def stamp(user: User) -> str:
    """Changes when the password does, so a new password ends the user's other sessions."""
    return user.password_hash[-16:]


def log_in(request: Request, session: Session, user: User) -> None:
    """A new session for ``user``: whatever the cookie held before (a planted one too) is gone."""
    login = LoginSession(id=secrets.token_urlsafe(32), user_id=user.id)
    session.add(login)
    request.session.clear()
    request.session.update({SESSION_USER: user.id, SESSION_STAMP: stamp(user), SESSION_ID: login.id})


def log_out(request: Request, session: Session) -> None:
    login = _login(request, session)
    if login is not None:
        login.ended_at = dt.datetime.now(dt.timezone.utc)
    request.session.clear()


def session_user(request: Request, session: Session) -> Optional[User]:
    user_id = request.session.get(SESSION_USER)
    user = session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None or not user.active or request.session.get(SESSION_STAMP) != stamp(user):
        return None
    login = _login(request, session)
    if login is None or login.ended_at is not None or login.user_id != user.id:
        return None
    return user


def _login(request: Request, session: Session) -> Optional[LoginSession]:
    login_id = request.session.get(SESSION_ID)
    return session.get(LoginSession, login_id) if isinstance(login_id, str) else None


def current_user(request: Request) -> User:
    """The logged-in, active user (a FastAPI dependency), else LoginRequired."""
    with request.app.state.db.transaction() as session:
        user = session_user(request, session)
        if user is None:
            raise LoginRequired()
        session.expunge(user)
    return user


def require(*roles: Role):
    """A dependency that admits only users with one of ``roles`` (403 for others)."""

    def check(user: User = Depends(current_user)) -> User:
        if Role(user.role) not in roles:
            raise HTTPException(403, "Du har inte behörighet till den här sidan.")
        return user

    return check


REVIEWER = require(Role.reviewer, Role.admin)
ADMIN = require(Role.admin)


def may_see(user: User, committee: Committee) -> bool:
    if Role(user.role) is Role.district:
        return committee.id == user.committee_id
    return committee.city_id == user.city_id


def visible_committee(session: Session, user: User, committee_id: int) -> Committee:
    committee = session.get(Committee, committee_id)
    if committee is None or not may_see(user, committee):
        raise HTTPException(404, NOT_FOUND)
    return committee


def visible_upload(session: Session, user: User, upload_id: int) -> Upload:
    upload = session.get(Upload, upload_id)
    if upload is None or not may_see(user, upload.committee):
        raise HTTPException(404, NOT_FOUND)
    return upload


def visible_run(session: Session, user: User, run_id: int) -> ReviewRun:
    run = session.get(ReviewRun, run_id)
    if run is None or not may_see(user, run.upload.committee):
        raise HTTPException(404, NOT_FOUND)
    return run
