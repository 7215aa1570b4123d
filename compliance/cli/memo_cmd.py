"""`compliance memo`: repayment-risk memos, the city summary and plan self-assessments."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from ..memo import FORMATS, KINDS, memos
from ..models import LineKind
from .common import console, fail
from .review_input import day, review_options, run_review


@click.command("memo")
@review_options
@click.option("--kind", "memo_kind", type=click.Choice(KINDS), default="risk", show_default=True,
              help="risk = PM om återbetalningsrisk per nämnd, city = sammanställning, self = självskattning av plan.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="md", show_default=True)
@click.option("--output", type=click.Path(path_type=Path),
              help="Fil för en PM, mapp när flera PM skrivs. Utan --output skrivs Markdown/HTML till skärmen.")
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
    table, result = run_review(files, year, allocation_path, line_kind, district, submitted, decisions_path)
    written = list(memos(result, memo_kind, city=table.city, date=day(memo_date) or dt.date.today(),
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
