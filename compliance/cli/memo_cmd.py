"""`compliance memo`: repayment-risk memos, the city summary and plan self-assessments."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from ..allocation import load_allocation
from ..dates import DateError, parse_date
from ..decisions import DecisionError
from ..ingest import IngestError
from ..memo import FORMATS, KINDS, memos
from ..models import LineKind
from ..review import ReviewError, review
from ..taxonomy import UnknownYearError
from ..yamlio import DataFileError
from .common import console, fail


def _date(value: str | None) -> dt.date | None:
    try:
        return parse_date(value) if value else None
    except DateError as exc:
        fail(str(exc))


@click.command("memo")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--year", type=int, required=True, help="Bidragsår, t.ex. 2022.")
@click.option("--allocation", "allocation_path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Fördelningstabell (YAML, CSV eller XLSX).")
@click.option("--decisions", "decisions_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Granskarens beslut (YAML).")
@click.option("--kind", "memo_kind", type=click.Choice(KINDS), default="risk", show_default=True,
              help="risk = PM om återbetalningsrisk per nämnd, city = sammanställning, self = självskattning av plan.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="md", show_default=True)
@click.option("--output", type=click.Path(path_type=Path),
              help="Fil för en PM, mapp när flera PM skrivs. Utan --output skrivs Markdown/HTML till skärmen.")
@click.option("--district", help="Nämnd för rader utan kolumnen 'nämnd'.")
@click.option("--submitted", help="Datum då återrapporten lämnades (för regeln om sen återrapport).")
@click.option("--date", "memo_date", help="PM:ets datum (standard: i dag). Samma datum ger samma PM byte för byte.")
@click.option("--author", help="Den som upprättar PM:et.")
@click.option("--diarienummer", help="Diarienummer att skriva i huvudet.")
def memo_command(files: tuple[Path, ...], year: int, allocation_path: Path, decisions_path: Path | None,
                 memo_kind: str, fmt: str, output: Path | None, district: str | None, submitted: str | None,
                 memo_date: str | None, author: str | None, diarienummer: str | None) -> None:
    """Skriv PM om återbetalningsrisk (en per nämnd), en sammanställning för staden eller en
    självskattning av en plan, som Markdown, HTML eller PDF. Siffrorna är desamma som i
    `compliance check`.

    \b
    Exempel:
      compliance memo examples/2022/utfall_sodermalm_2022.csv --year 2022 \\
          --allocation examples/allocations/stockholm-2022.yaml --kind risk --format html --output pm.html
      compliance memo examples/2022/utfall_*.csv --year 2022 \\
          --allocation examples/allocations/stockholm-2022.yaml --kind city --format pdf --output pm/
    """
    line_kind = LineKind.plan if memo_kind == "self" else LineKind.utfall
    try:
        table = load_allocation(allocation_path)
        result = review(files, year=year, allocation=table, kind=line_kind, district=district,
                        submitted=_date(submitted), decisions=decisions_path)
    except (IngestError, DataFileError, DecisionError, ReviewError, UnknownYearError) as exc:
        fail(str(exc))
    written = list(memos(result, memo_kind, city=table.city, date=_date(memo_date) or dt.date.today(),
                         author=author, diarienummer=diarienummer))
    if output is None:
        if fmt == "pdf" or len(written) != 1:
            fail("ange --output (en fil eller en mapp) för PDF eller när flera PM skrivs")
        sys.stdout.write(written[0].render(fmt).decode("utf-8"))
        return
    folder = output if len(written) != 1 or output.is_dir() or not output.suffix else None
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    for memo in written:
        path = folder / memo.file_name(fmt) if folder is not None else output
        path.write_bytes(memo.render(fmt))
        console.print(f"Skrev {path}")
