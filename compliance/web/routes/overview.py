"""The city overview for reviewers and admins."""
from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, Depends, Request
from sqlalchemy import select

from ...models import LineKind
from ..db.schema import Allocation, City, User
from ..overview import overview
from ..security.access import REVIEWER
from ..templating import page
from .common import database

router = APIRouter()


@router.get("/oversikt")
def city_overview(request: Request, ar: Optional[int] = None, typ: LineKind = LineKind.utfall,
                  user: User = Depends(REVIEWER)):
    with database(request).transaction() as session:
        city = session.get(City, user.city_id)
        years = list(session.scalars(select(Allocation.year).where(Allocation.city_id == city.id)
                                     .order_by(Allocation.year.desc())))
        year = ar if ar in years else (years[0] if years else None)
        view = overview(session, city.id, year, typ) if year else None
        return page(request, "overview.html", user, city=city, years=years, view=view, kind=typ)
