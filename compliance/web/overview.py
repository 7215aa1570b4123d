"""The city overview: one row per committee with its allocation, the latest review of its
newest upload of the year, the status of its return and a bar of where the money went."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import LineKind
from .allocations import find_allocation
from .db.schema import Committee, ReviewRun, Upload

ZERO = Decimal("0.00")


@dataclass
class Segment:
    css: str
    x: float
    width: float
    title: str


@dataclass
class Row:
    committee: Committee
    allocated: Decimal
    upload: Optional[Upload]
    run: Optional[ReviewRun]
    status: str
    css: str
    bar: list[Segment]


@dataclass
class Overview:
    year: int
    kind: LineKind
    rows: list[Row]
    allocated: Decimal
    spent: Decimal
    at_risk: Decimal
    repayment_risk: Decimal


def overview(session: Session, city_id: int, year: int, kind: LineKind) -> Overview:
    allocation = find_allocation(session, city_id, year)
    shares = [(s.committee, s.amount) for s in allocation.shares] if allocation else []
    listed = {c.id for c, _ in shares}
    uploads = _newest_uploads(session, city_id, year, kind)
    shares += [(upload.committee, ZERO) for cid, upload in uploads.items() if cid not in listed]
    rows = []
    for committee, amount in shares:
        upload = uploads.get(committee.id)
        run = upload.runs[-1] if upload is not None else None
        rows.append(_row(committee, amount, upload, run, kind))
    scale = max([max(r.allocated, r.run.spent if r.run else ZERO) for r in rows] + [Decimal(1)])
    for row in rows:
        row.bar = _bar(row, scale)
    runs = [r.run for r in rows if r.run]
    return Overview(year=year, kind=kind, rows=rows, allocated=sum((r.allocated for r in rows), ZERO),
                    spent=sum((r.spent for r in runs), ZERO), at_risk=sum((r.at_risk for r in runs), ZERO),
                    repayment_risk=sum((r.repayment_risk for r in runs), ZERO))


def _newest_uploads(session: Session, city_id: int, year: int, kind: LineKind) -> dict[int, Upload]:
    query = (select(Upload).join(Committee).where(Committee.city_id == city_id, Upload.year == year,
                                                   Upload.kind == kind.value).order_by(Upload.id))
    return {upload.committee_id: upload for upload in session.scalars(query)}


def _row(committee: Committee, allocated: Decimal, upload, run, kind: LineKind) -> Row:
    if run is None:
        status, css = ("Ej inlämnad" if kind is LineKind.utfall else "Ingen plan"), "missing"
    elif run.undecided:
        status, css = f"Att granska ({run.undecided})", "open"
    else:
        status, css = "Granskad", "done"
    return Row(committee, allocated, upload, run, status, css, [])


def _bar(row: Row, scale: Decimal) -> list[Segment]:
    """Spent split into eligible without risk, at risk and ineligible, then what is left unspent."""
    if row.run is None:
        parts = [("unused", row.allocated, "Tilldelat, ingen redovisning")]
    else:
        run = row.run
        parts = [("ok", run.eligible - run.at_risk, "Stödberättigat"), ("risk", run.at_risk, "Risk, granskas"),
                 ("bad", run.spent - run.eligible, "Ej stödberättigat"),
                 ("unused", max(row.allocated - run.spent, ZERO), "Ej förbrukat")]
    segments, x = [], 0.0
    for css, amount, title in parts:
        width = float(max(amount, ZERO) / scale * 100)
        if width > 0:
            segments.append(Segment(css, round(x, 2), round(width, 2), title))
            x += width
    return segments
