"""Jinja2 pages (autoescaped) with Swedish filters, the user and the form's CSRF token."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .db.schema import User
from .present import FILTERS
from .security.access import ROLE_LABELS, Role
from .security.csrf import FIELD, csrf_token

TEMPLATES = Path(__file__).resolve().parent / "templates"


def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"], default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(FILTERS)
    env.globals.update(csrf_field=FIELD, roles=Role, role_labels=ROLE_LABELS)
    return env


ENV = environment()


def page(request: Request, template: str, user: Optional[User], status: int = 200, **context: Any) -> HTMLResponse:
    """Render ``template`` for ``user`` (None on the login and error pages)."""
    html = ENV.get_template(template).render(request=request, user=user, csrf_token=csrf_token(request), **context)
    return HTMLResponse(html, status_code=status)


def bare_page(template: str, **context: Any) -> str:
    """A page without a request (the size limit answers before the app has one)."""
    return ENV.get_template(template).render(request=None, user=None, csrf_token="", **context)
