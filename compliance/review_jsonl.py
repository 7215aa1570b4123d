"""The review as JSON Lines (`compliance check --format jsonl`), written while it is made.

One JSON object per line, told apart by ``record``; objects inside have the shapes of the JSON
document (review_json.py). In this order:

- ``rejection``: a row that ingest did not read, as soon as it is read: ``file``, ``row``,
  ``column``, ``code``, ``message``, ``amount``;
- ``line``: each judged line in input order: ``district`` and the line as in the JSON document
  (``id``, ``description``, ``amount``, ``date``, ``account``, ``source``, ``classification``,
  ``purpose``, ``findings``);
- ``file``: per input file: ``file``, ``kind``, ``districts``, ``lines`` and ``rejected_rows``
  (counts), ``notices``, ``totals``;
- ``district``: per district in review order: ``district``, ``kind``, ``files``,
  ``line_count``, ``findings``, ``totals``;
- ``review``: last, and only when the review is complete: ``year``, ``kind``, ``submitted``, the
  city's ``findings``, ``totals`` and ``reconciliation``.

Records are written as they are made, so a review that fails on the way (bad input, a broken
engine) leaves the records before the failure and no ``review`` record.
"""
from __future__ import annotations

from typing import Any, TextIO

import orjson

from .judge import LineResult
from .models import LineReview, Rejection
from .review_json import finding_document, line_document, totals_document
from .stream import ReviewStream, Summary
from .taxonomy import Taxonomy, load_taxonomy


def line_record(district: str, review: LineReview, taxonomy: Taxonomy) -> str:
    """A judged line's record (made where the line is judged, so in the workers)."""
    return _dumps({"record": "line", "district": district, **line_document(review, taxonomy)})


def write_jsonl(stream: ReviewStream, out: TextIO) -> Summary:
    """Write a stream made with ``render=line_record`` record by record; return its summary."""
    for event in stream.events():
        with stream.clock("output"):
            out.write((event.rendered if isinstance(event, LineResult) else _dumps(_rejection(event))) + "\n")
    summary = stream.summary
    with stream.clock("output"):
        for record in _closing(stream, summary, load_taxonomy(stream.year)):
            out.write(_dumps(record) + "\n")
    return summary


def _rejection(rejection: Rejection) -> dict[str, Any]:
    return {"record": "rejection", **rejection.model_dump(mode="json")}


def _closing(stream: ReviewStream, summary: Summary, taxonomy: Taxonomy):
    for report, rejected in zip(summary.files, summary.rejected):
        data = report.model_dump(mode="json", exclude={"rejections"})
        yield {"record": "file", "file": data.pop("file"), **data, "rejected_rows": rejected}
    for d in summary.districts:
        yield {"record": "district", "district": d.district, "kind": d.kind.value, "files": d.files,
               "line_count": d.lines, "findings": [finding_document(f, taxonomy) for f in d.findings],
               "totals": totals_document(d.totals)}
    yield {"record": "review", "year": stream.year, "kind": summary.kind.value,
           "submitted": stream.submitted.isoformat() if stream.submitted else None,
           "findings": [finding_document(f, taxonomy) for f in summary.findings],
           "totals": totals_document(summary.totals), "reconciliation": summary.reconciliation.model_dump(mode="json")}


def _dumps(record: dict[str, Any]) -> str:
    return orjson.dumps(record).decode()
