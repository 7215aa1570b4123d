"""Grant years and allocation tables in the database, to and from the library's models."""
from __future__ import annotations

from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Allocation as AllocationModel
from ..models import AllocationTable, Citation
from ..money import as_json_amount
from ..taxonomy import load_taxonomy
from .db import audit
from .db.schema import Allocation, AllocationShare, City, GrantYear, User
from .users import committee_named


def ensure_grant_year(session: Session, year: int) -> GrantYear:
    """The stored grant year, copied from the taxonomy on first use (UnknownYearError if none)."""
    row = session.get(GrantYear, year)
    if row is None:
        known = load_taxonomy(year).grant_year
        row = GrantYear(year=year, programme=known.programme, directions=known.directions,
                        period_start=known.period_start, period_end=known.period_end,
                        requisition_deadline=known.requisition_deadline, report_deadline=known.report_deadline)
        session.add(row)
        session.flush()
    return row


def find_allocation(session: Session, city_id: int, year: int) -> Optional[Allocation]:
    return session.scalar(select(Allocation).where(Allocation.city_id == city_id, Allocation.year == year))


def store_allocation(session: Session, actor: Optional[User], city: City, table: AllocationTable,
                     file_name: str) -> Allocation:
    """Store (or replace) the city's allocation for ``table.year``; the old one goes to the audit log."""
    ensure_grant_year(session, table.year)
    row = find_allocation(session, city.id, table.year)
    previous = as_table(row).model_dump(mode="json") if row else None
    if row is None:
        row = Allocation(city_id=city.id, year=table.year)
        session.add(row)
    row.key, row.requisitioned, row.printed_total = table.key, table.requisitioned, table.printed_total
    row.source = table.source.model_dump() if table.source else None
    row.file_name, row.created_by = file_name, actor.id if actor else None
    row.shares.clear()
    session.flush()  # the old rows go before the new ones (one share per committee)
    row.shares = [AllocationShare(committee=committee_named(session, city, a.recipient), position=i, amount=a.amount)
                  for i, a in enumerate(table.allocations)]
    session.flush()
    audit(session, actor, "ersätt" if previous else "skapa", "fördelning", row.id, year=table.year, file=file_name,
          total=as_json_amount(table.total), previous=previous)
    return row


def as_table(row: Allocation) -> AllocationTable:
    """The library's AllocationTable of a stored allocation."""
    return AllocationTable(
        city=row.city.name, year=row.year, key=row.key, requisitioned=row.requisitioned,
        printed_total=row.printed_total, source=Citation(**row.source) if row.source else None,
        allocations=[AllocationModel(recipient=share.committee.name, amount=share.amount) for share in row.shares])
