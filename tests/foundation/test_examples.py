"""The shipped 2022 examples read exactly as their answer key says."""
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from compliance.allocation import load_allocation
from compliance.cli import main
from compliance.ingest import ingest_file, is_error
from compliance.models import LineKind

ROOT = Path(__file__).resolve().parents[2]
KEY = yaml.safe_load((ROOT / "tests" / "data" / "planted_2022.yaml").read_text(encoding="utf-8"))
GOOD = {name: spec for name, spec in KEY["files"].items() if "lines" in spec}


@pytest.mark.parametrize("name", sorted(GOOD))
def test_example_reads_cleanly_and_reconciles(name):
    spec = GOOD[name]
    result = ingest_file(ROOT / "examples" / "2022" / name, kind=LineKind(spec["kind"]))
    assert len(result.lines) == spec["lines"]
    assert not [r for r in result.rejections if is_error(r)]
    assert result.totals.accepted == Decimal(str(spec["total"]))
    assert result.totals.reconciles
    assert {line.district for line in result.lines} == {spec["district"]}
    if spec["kind"] == "plan":
        assert all(line.date is None for line in result.lines)


@pytest.mark.parametrize("name", sorted(GOOD))
def test_example_respects_the_2022_allocation(name):
    spec = GOOD[name]
    allocation = {a.recipient: a.amount for a in load_allocation(ROOT / "examples/allocations/stockholm-2022.yaml").allocations}
    assert Decimal(str(spec["total"])) <= allocation[spec["district"]]


def test_broken_example_prints_row_and_column_and_exits_2():
    spec = KEY["files"]["trasig_aterrapport_2022.csv"]
    path = ROOT / "examples" / "2022" / "trasig_aterrapport_2022.csv"
    result = CliRunner().invoke(main, ["ingest", str(path)])
    assert result.exit_code == 2
    for broken in spec["broken_rows"]:
        assert f"rad {broken['row']}, kolumn " in result.stderr
        assert f"”{broken['column']}”" in result.stderr
    ingested = ingest_file(path)
    assert sorted(line.id for line in ingested.lines) == sorted(spec["valid_ids"])
    errors = {(r.row, r.column, r.code) for r in ingested.rejections if is_error(r)}
    assert errors == {(b["row"], b["column"], b["code"]) for b in spec["broken_rows"]}
    assert ingested.totals.file == Decimal(str(spec["summa"]))
    assert ingested.totals.reconciles
