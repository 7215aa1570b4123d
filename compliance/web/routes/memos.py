"""Memos of a review (Markdown, HTML, PDF), rendered by compliance.memo."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request

from ...memo import FORMATS, memos
from ...models import LineKind
from ..clock import today
from ..db.schema import User
from ..security.access import NOT_FOUND, REVIEWER
from .common import download, stored_review

router = APIRouter()
MEDIA = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8", "pdf": "application/pdf"}


@router.get("/granskningar/{run_id}/pm.{fmt}")
def memo(request: Request, run_id: int, fmt: str, user: User = Depends(REVIEWER)):
    """PM om återbetalningsrisk for a return, självskattning for a plan."""
    if fmt not in FORMATS:
        raise HTTPException(404, NOT_FOUND)
    result, city = stored_review(request, user, run_id)
    kind = "self" if result.kind is LineKind.plan else "risk"
    (written,) = memos(result, kind, city=city, date=today(), author=user.name)
    content = request.app.state.queue.call(lambda: written.render(fmt))  # on the worker, one at a time
    return download(content, written.file_name(fmt), MEDIA[fmt])
