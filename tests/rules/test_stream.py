"""The streamed review: its JSON Lines say what the in-memory review says, several worker
processes write exactly what one writes, and the indexes it keeps are bounded."""
from __future__ import annotations

import datetime as dt
import io
import json
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from builders import line
from compliance.cli import main
from compliance.duplicates import DuplicateIndex
from compliance.ingest.seen import SeenIds
from compliance.review import review
from compliance.review_json import review_document
from compliance.review_jsonl import line_record, write_jsonl
from compliance.stream import ReviewStream

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
from synthetic import generate  # noqa: E402  (bench/ is not a package)


@pytest.fixture(scope="module")
def national(tmp_path_factory, real_classifier):
    """3 000 synthetic lines in two files (so refs are checked across files), with a
    reviewer's decision on one line finding and on one district finding."""
    folder = tmp_path_factory.mktemp("riket")
    files, table = generate(folder, 3000, [2022], files=2, districts=40)[2022]
    first = review(files, year=2022, allocation=table, classifier=real_classifier(2022))
    flagged = next(r for d in first.districts for r in d.lines if r.findings)
    district = next(d for d in first.districts if d.findings)
    decisions = folder / "beslut.yaml"
    decisions.write_text(yaml.safe_dump([
        {"line_id": flagged.ref, "rule": flagged.findings[0].rule, "verdict": "reject", "motivation": "Prövad",
         "reviewer": "Anna"},
        {"district": district.district, "rule": district.findings[0].rule, "verdict": "accept", "motivation": "",
         "reviewer": "Anna"}], allow_unicode=True), encoding="utf-8")
    return dict(files=files, year=2022, allocation=table, decisions=decisions, classifier=real_classifier(2022))


def jsonl(run: dict, workers: int) -> str:
    out = io.StringIO()
    write_jsonl(ReviewStream(render=line_record, workers=workers, **run), out)
    return out.getvalue()


@pytest.fixture(scope="module")
def parallel(national):
    return jsonl(national, workers=2)  # first, while the classifier has not seen these lines


def test_two_workers_write_what_one_writes(national, parallel):
    assert parallel == jsonl(national, workers=1)


def test_jsonl_agrees_with_the_in_memory_review(national, parallel):
    records = [json.loads(text) for text in parallel.splitlines()]
    document = review_document(review(**national))
    kinds = [r.pop("record") for r in records]
    assert kinds[-1] == "review" and kinds.count("review") == 1
    lines: dict[str, list] = {}
    for kind, record in zip(kinds, records):
        if kind == "line":
            lines.setdefault(record.pop("district"), []).append(record)
    assert lines == {d["district"]: d["lines"] for d in document["districts"] if d["lines"]}
    assert any(f["decision"] for d in document["districts"] for r in d["lines"] for f in r["findings"])
    districts = [r for kind, r in zip(kinds, records) if kind == "district"]
    assert [{**d, "line_count": None} for d in districts] == [
        {"district": d["district"], "kind": d["kind"], "files": d["files"], "line_count": None,
         "findings": d["findings"], "totals": d["totals"]} for d in document["districts"]]
    assert [d["line_count"] for d in districts] == [len(d["lines"]) for d in document["districts"]]
    rejections = [r for kind, r in zip(kinds, records) if kind == "rejection"]
    assert rejections and rejections == [r for f in document["files"] for r in f["rejections"]]
    files = [r for kind, r in zip(kinds, records) if kind == "file"]
    assert [f.pop("rejected_rows") for f in files] == [len(f["rejections"]) for f in document["files"]]
    assert files == [{k: v for k, v in f.items() if k != "rejections"} for f in document["files"]]
    summary = records[-1]
    assert summary == {key: document[key] for key in ("year", "kind", "submitted", "findings", "totals",
                                                      "reconciliation")}


def test_check_writes_jsonl_with_the_same_exit_code_as_json(real_classifier):
    real_classifier(2022)
    files = [str(path) for path in sorted((ROOT / "examples" / "2022").glob("utfall_*"))]
    args = ["check", *files, "--year", "2022", "--allocation", str(ROOT / "examples/allocations/stockholm-2022.yaml")]
    streamed = CliRunner().invoke(main, [*args, "--format", "jsonl", "--workers", "2"], catch_exceptions=False)
    whole = CliRunner().invoke(main, [*args, "--format", "json"], catch_exceptions=False)
    records = [json.loads(text) for text in streamed.stdout.splitlines()]
    assert streamed.exit_code == whole.exit_code == 1
    assert records[-1]["totals"] == json.loads(whole.stdout)["totals"]


def test_the_duplicate_index_remembers_a_window_of_lines():
    index = DuplicateIndex(window=2)
    day = dt.date(2022, 5, 2)
    first, second, third = (line(ref, f"Tolk stödsamtal {ref}", "1 000", date=day) for ref in "ABC")
    assert [index.earlier("Farsta", item, item.id) for item in (first, second)] == [None, None]
    assert index.earlier("Farsta", first.model_copy(update={"id": "A2"}), "A2") == "A"
    assert index.earlier("Södermalm", first, "A3") is None  # another district; A drops out of the window
    assert index.earlier("Farsta", third, "C") is None
    assert index.earlier("Farsta", first.model_copy(update={"id": "A4"}), "A4") is None
    assert index.earlier("Farsta", third.model_copy(update={"amount": Decimal("1000.0")}), "C2") == "C"


def test_a_files_ids_are_remembered_past_the_recent_ones():
    seen = SeenIds()
    for row in range(2, 70_002):
        seen[f"RK-{row}"] = row
    assert seen["RK-5"] == 5 and seen["RK-70001"] == 70001
    assert "RK-5" in seen and "RK-70002" not in seen
