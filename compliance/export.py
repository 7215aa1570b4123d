"""A review's findings as a table for Excel: CSV or XLSX, one row per finding, Swedish headers.

Cells come from district files, so a text that a spreadsheet would take for a formula
(``=``, ``+``, ``-``, ``@``, tab or carriage return first, OWASP's list) is written with a
leading apostrophe and shows as the text it is; plain numbers stay numbers.

    from compliance.export import export
    path.write_bytes(export(review, "xlsx"))
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal
from typing import Iterator, Optional

from .memo.views import SEVERITY_LABELS, VERDICT_LABELS
from .models import Finding, LineReview, Review
from .money import format_amount
from .rulebook import load_rulebook
from .taxonomy import load_taxonomy

FORMATS = ("csv", "xlsx")
COLUMNS = ("Nämnd", "Rad-id", "Fil", "Rad i filen", "Datum", "Beskrivning", "Radens belopp", "Regel", "Regelns namn",
           "Regelversion", "Bedömning", "Belopp i risk", "Meddelande", "Beslut", "Beslutat av", "Motivering",
           "Hänvisning")
MEDIA = {"csv": "text/csv; charset=utf-8", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?[0-9][0-9 ]*(?:[.,][0-9]+)?$")
Cell = Optional[str | Decimal | dt.date | int]


def neutralised(text: str) -> str:
    """``text`` as a spreadsheet shows it and never runs it: ``'=HYPERLINK(…)``."""
    return f"'{text}" if text.startswith(_FORMULA_START) and not _NUMBER.match(text) else text


def finding_rows(review: Review) -> Iterator[list[Cell]]:
    """The rows under :data:`COLUMNS`: each district's line findings in line order, then its own
    findings, then the city's."""
    taxonomy = load_taxonomy(review.year)
    titles = {case.rule: case.title for case in load_rulebook(review.year).cases}

    def row(finding: Finding, district: str, line: Optional[LineReview]) -> list[Cell]:
        decision = finding.decision
        source = line.line.source if line else None
        return [district, line.ref if line else None, source.file if source else None, source.row if source else None,
                line.line.date if line else None, line.line.description if line else None,
                line.line.amount if line else None, finding.rule, titles.get(finding.rule, finding.rule),
                finding.rule_version, SEVERITY_LABELS[finding.severity], finding.amount_at_risk, finding.message,
                VERDICT_LABELS[decision.verdict] if decision else None, decision.reviewer if decision else None,
                decision.motivation if decision else None, taxonomy.citation_short(finding.citation)]

    for district in review.districts:
        for line in district.lines:
            for finding in line.findings:
                yield row(finding, district.district, line)
        for finding in district.findings:
            yield row(finding, district.district, None)
    for finding in review.findings:
        yield row(finding, "Staden", None)


def export(review: Review, fmt: str) -> bytes:
    """The findings table as CSV (UTF-8 with BOM, semicolons, as Swedish Excel opens it) or XLSX."""
    if fmt == "csv":
        return _csv(review)
    if fmt == "xlsx":
        return _xlsx(review)
    raise ValueError(f"okänt format '{fmt}'; välj {', '.join(FORMATS)}")


def file_name(review: Review, fmt: str) -> str:
    """``anmarkningar-Södermalm-2022.xlsx`` for one committee's review, else ``anmarkningar-2022.xlsx``."""
    names = [d.district for d in review.districts]
    return f"anmarkningar-{names[0]}-{review.year}.{fmt}" if len(names) == 1 else f"anmarkningar-{review.year}.{fmt}"


def _csv(review: Review) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in finding_rows(review):
        writer.writerow([_text(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_amount(value).replace(" ", "")
    if isinstance(value, dt.date):
        return value.isoformat()
    return neutralised(str(value))


def _xlsx(review: Review) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Anmärkningar")
    sheet.append(list(COLUMNS))
    for row in finding_rows(review):
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=neutralised(value) if isinstance(value, str) else value)
            if isinstance(value, str):
                cell.data_type = "s"           # never "f": openpyxl would store a text beginning with = as a formula
            elif isinstance(value, Decimal):
                cell.number_format = "#,##0.00"
            elif isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
