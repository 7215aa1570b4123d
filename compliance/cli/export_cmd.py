"""`compliance export`: the review's findings as a CSV or Excel table."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from ..export import FORMATS, export
from ..models import LineKind
from ..review import all_findings
from .common import console
from .ingest_cmd import KIND_OPTION
from .review_input import review_options, run_review


@click.command("export")
@review_options
@KIND_OPTION
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True, help="csv (semikolon, UTF-8) eller xlsx.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="Filen att skriva.")
def export_command(files: tuple[Path, ...], year: int, allocation_path: Path, decisions_path: Optional[Path],
                   district: Optional[str], submitted: Optional[str], kind: str, fmt: str, output: Path) -> None:
    """Skriv granskningens anmärkningar som en tabell för Excel: en rad per anmärkning med nämnd,
    rad, belopp, regel, bedömning, belopp i risk, beslut och hänvisning. Text som Excel skulle
    läsa som en formel (=, +, -, @ först) skrivs med en apostrof före och körs aldrig.

    \b
    Exempel:
      compliance export examples/2022/utfall_*.csv --year 2022 \\
          --allocation examples/allocations/stockholm-2022.yaml --format xlsx --output anmarkningar.xlsx
      compliance export examples/2022/plan_farsta_2022.csv --kind plan --year 2022 \\
          --allocation examples/allocations/stockholm-2022.yaml --format csv --output plan.csv
    """
    _, result = run_review(files, year, allocation_path, LineKind(kind), district, submitted, decisions_path)
    output.write_bytes(export(result, fmt))
    console.print(f"Skrev {output}: {len(all_findings(result))} anmärkningar")
