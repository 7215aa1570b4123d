"""CSRF protection: a random token per session, required in every form that changes data."""
from __future__ import annotations

import hmac
import secrets

from fastapi import Depends, HTTPException, Request

SESSION_KEY = "csrf"
FIELD = "csrf_token"


def csrf_token(request: Request) -> str:
    """The session's token, created on first use (forms embed it as a hidden field)."""
    token = request.session.get(SESSION_KEY)
    if not token:
        token = request.session[SESSION_KEY] = secrets.token_urlsafe(32)
    return token


async def verify_csrf(request: Request) -> None:
    """Reject a POST whose form (or X-CSRF-Token header) does not carry the session's token."""
    expected = request.session.get(SESSION_KEY)
    sent = request.headers.get("x-csrf-token")
    if sent is None:
        sent = (await request.form()).get(FIELD)
    if not expected or not isinstance(sent, str) or not hmac.compare_digest(sent, expected):
        raise HTTPException(403, "Formuläret har gått ut eller kom inte från den här sidan. "
                                 "Ladda om sidan och försök igen.")


CSRF = Depends(verify_csrf)
