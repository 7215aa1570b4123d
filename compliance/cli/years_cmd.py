"""`compliance years`: the grant years the taxonomy knows."""
from __future__ import annotations

import click
from rich.table import Table

from ..dates import format_long
from ..taxonomy import known_years, load_taxonomy
from .common import FORMAT_OPTION, console, print_json


@click.command("years")
@FORMAT_OPTION
def years_command(fmt: str) -> None:
    """Visa kända bidragsår: period, sista dag för rekvisition och återrapport, anvisningar.

    \b
    Exempel:
      compliance years
    """
    taxonomies = [load_taxonomy(year) for year in known_years()]
    if fmt == "json":
        print_json([t.grant_year.model_dump(mode="json") for t in taxonomies])
        return
    table = Table(title="Kända bidragsår")
    for column in ("År", "Period", "Rekvisition senast", "Återrapport senast", "Anvisningar"):
        table.add_column(column)
    for taxonomy in taxonomies:
        year = taxonomy.grant_year
        doc = taxonomy.documents[year.directions]
        table.add_row(
            str(year.year),
            f"{year.period_start} – {year.period_end}",
            format_long(year.requisition_deadline) if year.requisition_deadline else "–",
            format_long(year.report_deadline),
            f"{doc.issuer}, {doc.diarienummer or doc.year}",
        )
    console.print(table)
    for taxonomy in taxonomies:
        if taxonomy.grant_year.note:
            console.print(f"[bold]{taxonomy.year}:[/] {taxonomy.grant_year.note}")
