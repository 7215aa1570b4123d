"""The whole review in memory, one function for the CLI, the web app and the memo writer:

ingest → classify → line rules → decisions → district rules → decisions → city rules →
decisions → totals (definitions in totals.py). It collects :class:`~compliance.stream.ReviewStream`,
which gives the same review line by line for inputs too large to hold.
"""
from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Optional, Sequence

from .engine import DurableEngine
from .judge import EngineFactory, LineClassifier
from .models import (AllocationTable, Decision, DistrictReview, Finding, LineKind, LineReview, Rejection, Review,
                     SpendingLine)
from .sources import ReviewError
from .stream import ReviewStream

__all__ = ["ReviewError", "all_findings", "review"]


def review(files: Sequence[Path | str] = (), *, year: int, allocation: AllocationTable | Path | str,
           lines: Sequence[SpendingLine] = (), kind: LineKind = LineKind.utfall, district: Optional[str] = None,
           submitted: Optional[dt.date] = None, decisions: Path | str | Sequence[Decision] | None = None,
           classifier: Optional[LineClassifier] = None, engine: EngineFactory = DurableEngine,
           workers: int = 1) -> Review:
    """Review district files (and/or lines) of one grant year against its rules.

    ``district`` names the committee of lines without a ``nämnd``; ``submitted`` is the date
    of the return (the late-return rule runs only when it is known); ``decisions`` is a
    decisions file or list; ``classifier`` defaults to the shipped one; ``engine`` builds an
    evaluator from rule cases; ``workers`` processes judge the lines (0: one per core; the
    result is the same). Raises ReviewError, DecisionError, IngestError or DataFileError on bad
    input, and RuleActionError/EngineError if the engine fails.
    """
    stream = ReviewStream(files, year=year, allocation=allocation, lines=lines, kind=kind, district=district,
                          submitted=submitted, decisions=decisions, classifier=classifier, engine=engine,
                          workers=workers)
    by_district: dict[str, list[LineReview]] = {}
    rejections: list[Rejection] = []
    for event in stream.events():
        if isinstance(event, Rejection):
            rejections.append(event)
        else:
            by_district.setdefault(event.district, []).append(event.rendered)
    summary = stream.summary
    districts = [DistrictReview(district=d.district, kind=d.kind, files=d.files, lines=by_district.get(d.district, []),
                                findings=d.findings, totals=d.totals) for d in summary.districts]
    ends = list(itertools.accumulate(summary.rejected))
    files_read = [report.model_copy(update={"rejections": rejections[end - count:end]})
                  for report, count, end in zip(summary.files, summary.rejected, ends)]
    return Review(year=year, kind=summary.kind, submitted=submitted, districts=districts, findings=summary.findings,
                  totals=summary.totals, files=files_read, reconciliation=summary.reconciliation)


def all_findings(result: Review) -> list[Finding]:
    """Every finding of a review: the city's, then each district's and its lines'."""
    return [*result.findings, *(f for d in result.districts
                                for f in [*d.findings, *(x for line in d.lines for x in line.findings)])]
