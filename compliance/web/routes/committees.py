"""A committee's page: its allocations and every upload with the status of its latest review."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from sqlalchemy import select

from ..db.schema import AllocationShare, Upload, User
from ..security.access import current_user, visible_committee
from ..templating import page
from .common import database

router = APIRouter()


@router.get("/namnder/{committee_id}")
def committee_page(request: Request, committee_id: int, user: User = Depends(current_user)):
    with database(request).transaction() as session:
        committee = visible_committee(session, user, committee_id)
        uploads = list(session.scalars(select(Upload).where(Upload.committee_id == committee.id)
                                       .order_by(Upload.year.desc(), Upload.id.desc())))
        shares = list(session.scalars(select(AllocationShare).where(AllocationShare.committee_id == committee.id)))
        return page(request, "committee.html", user, committee=committee, uploads=uploads,
                    shares=sorted(shares, key=lambda s: -s.allocation.year))
