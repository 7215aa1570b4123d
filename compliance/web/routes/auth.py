"""Logging in and out, with the login rate limit."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from sqlalchemy import select

from ..db.schema import User
from ..security.access import Role, current_user, log_in, log_out
from ..security.csrf import CSRF
from ..security.passwords import verify_password
from ..templating import page
from .common import database, safe_next, see_other

router = APIRouter()


@router.get("/")
def home(user: User = Depends(current_user)):
    if Role(user.role) is Role.district:
        return see_other(f"/namnder/{user.committee_id}")
    return see_other("/oversikt")


@router.get("/logga-in")
def login_form(request: Request, nasta: str = "/"):
    return page(request, "login.html", None, next=safe_next(nasta), username="", error=None)


@router.post("/logga-in", dependencies=[CSRF])
def login(request: Request, username: str = Form(""), password: str = Form(""), nasta: str = Form("/")):
    limiter = request.app.state.limiter
    address = request.client.host if request.client else "okänd"
    username = username.strip().lower()
    wait = limiter.retry_after(username, address)
    if wait is not None:
        minutes = max(1, (wait + 59) // 60)
        return page(request, "login.html", None, status=429, next=safe_next(nasta), username=username,
                    error=f"För många misslyckade inloggningar. Försök igen om {minutes} "
                          f"{'minut' if minutes == 1 else 'minuter'}.")
    with database(request).transaction() as session:
        user = session.scalar(select(User).where(User.username == username))
        if verify_password(user.password_hash if user else None, password) and user.active:
            log_in(request, session, user)
            limiter.succeeded(username)
            return see_other(safe_next(nasta))
    limiter.failed(username, address)
    return page(request, "login.html", None, status=401, next=safe_next(nasta), username=username,
                error="Fel användarnamn eller lösenord.")


@router.post("/logga-ut", dependencies=[CSRF])
def logout(request: Request):
    with database(request).transaction() as session:
        log_out(request, session)
    return see_other("/logga-in")
