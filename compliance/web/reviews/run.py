"""Run the library's review on one committee's file and keep that committee's part of it."""
from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path
from typing import Iterator, Optional, Sequence

from ...decisions import DecisionError
from ...ingest import IngestError, is_error
from ...models import AllocationTable, Decision, Finding, LineKind, Review
from ...review import ReviewError, review
from ...taxonomy import UnknownYearError
from ...yamlio import DataFileError
from .jobs import Rejected

_UNSAFE = re.compile(r"[^\w.\- ]+")


def safe_name(file_name: str) -> str:
    """The file's own name without folders or odd characters (ingest names rows by it)."""
    name = _UNSAFE.sub("_", Path(file_name.replace("\\", "/")).name).strip(" .") or "fil"
    stem, suffix = Path(name).stem, Path(name).suffix.lower()
    return f"{stem[:100]}{suffix}"


def review_file(file_name: str, content: bytes, *, committee: str, year: int, kind: LineKind,
                table: AllocationTable, submitted: Optional[dt.date],
                decisions: Sequence[Decision] = ()) -> Review:
    """The review of one committee's file, narrowed to that committee. Raises Rejected when the
    file has faulty rows, names another committee or is of another kind; DecisionError when a
    decision no longer fits."""
    with tempfile.TemporaryDirectory(prefix="compliance-") as folder:
        path = Path(folder) / safe_name(file_name)
        path.write_bytes(content)
        try:
            result = review([path], year=year, allocation=table, kind=kind, district=committee,
                            submitted=submitted, decisions=list(decisions))
        except DecisionError:
            raise
        except (IngestError, ReviewError, DataFileError, UnknownYearError) as exc:
            raise Rejected(f"Filen kunde inte granskas: {exc}") from None
    _check(result, committee, kind)
    return for_committee(result, committee)


def _check(result: Review, committee: str, kind: LineKind) -> None:
    rows = [{"row": r.row, "column": r.column, "message": r.message}
            for report in result.files for r in report.rejections if is_error(r)]
    if rows:
        raise Rejected(f"Filen har fel på {len(rows)} {'rad' if len(rows) == 1 else 'rader'} och har inte tagits emot. "
                       "Rätta raderna i filen och ladda upp den igen.", rows)
    others = sorted({d for report in result.files for d in report.districts if d != committee})
    if others:
        raise Rejected(f"Filen innehåller rader för {', '.join(others)}. Här tas bara rader för {committee} emot.")
    if not any(report.lines for report in result.files):
        raise Rejected("Filen innehåller inga utgiftsrader.")
    if result.kind is not kind:
        wanted = "en plan" if kind is LineKind.plan else "en återrapport (utfall)"
        raise Rejected(f"Filens rader är av typen ”{result.kind.value}”, men den laddades upp som {wanted}.")


def for_committee(result: Review, committee: str) -> Review:
    """The part of a review that is about ``committee``: its lines, findings and totals."""
    (district,) = [d for d in result.districts if d.district == committee]
    return result.model_copy(update={"districts": [district], "findings": [], "totals": district.totals})


def findings_of(result: Review) -> Iterator[Finding]:
    """Every finding of a committee's review in page order: the committee's, then line by line."""
    district = result.districts[0]
    yield from district.findings
    for line in district.lines:
        yield from line.findings
