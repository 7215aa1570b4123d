"""The findings of a review as a CSV or Excel table (compliance.export), beside the memos."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request

from ...export import FORMATS, MEDIA, export, file_name
from ..db.schema import User
from ..security.access import NOT_FOUND, REVIEWER
from .common import download, stored_review

router = APIRouter()


@router.get("/granskningar/{run_id}/anmarkningar.{fmt}")
def findings_table(request: Request, run_id: int, fmt: str, user: User = Depends(REVIEWER)):
    if fmt not in FORMATS:
        raise HTTPException(404, NOT_FOUND)
    result, _ = stored_review(request, user, run_id)
    return download(export(result, fmt), file_name(result, fmt), MEDIA[fmt])
