"""`compliance ingest`: show what was read from a file and what was rejected."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.table import Table

from ..ingest import IngestError, ingest_file, is_error
from ..models import IngestResult, LineKind
from ..money import format_amount, format_kr
from .common import EXIT_BAD_INPUT, FORMAT_OPTION, console, err_console, fail, print_json

KIND_OPTION = click.option(
    "--kind", type=click.Choice([k.value for k in LineKind]), default=LineKind.utfall.value, show_default=True,
    help="plan (inga datum krävs) eller utfall (återrapport, datum krävs); en kolumn 'typ' går före.",
)
DISTRICT_OPTION = click.option("--district", help="Nämnd för rader utan kolumnen 'nämnd'.")


def ingest_json(result: IngestResult) -> dict:
    """The public JSON shape of an ingest result."""
    return {
        "lines": [line.model_dump(mode="json") for line in result.lines],
        "rejections": [r.model_dump(mode="json") for r in result.rejections],
        "notices": result.notices,
        "totals": result.totals.model_dump(mode="json"),
    }


@click.command("ingest")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@KIND_OPTION
@DISTRICT_OPTION
@FORMAT_OPTION
def ingest_command(files: tuple[Path, ...], kind: str, district: str | None, fmt: str) -> None:
    """Läs in planer eller återrapporter (CSV, XLSX, JSON) och visa vad som lästes och vad som avvisades.

    Avslutas med kod 2 om någon rad har fel (med fil, rad och kolumn i meddelandet).

    \b
    Exempel:
      compliance ingest examples/2022/trasig_aterrapport_2022.csv
      compliance ingest examples/2022/plan_farsta_2022.csv --kind plan --format json
    """
    results = []
    for path in files:
        try:
            results.append(ingest_file(path, kind=LineKind(kind), district=district))
        except IngestError as exc:
            fail(str(exc))
    if fmt == "json":
        documents = [ingest_json(r) for r in results]
        print_json(documents[0] if len(documents) == 1 else documents)
    else:
        for path, result in zip(files, results):
            _print_text(path, result)
    if any(is_error(r) for result in results for r in result.rejections):
        sys.exit(EXIT_BAD_INPUT)


def _print_text(path: Path, result: IngestResult) -> None:
    table = Table(title=f"{path.name}: {len(result.lines)} rader lästa")
    for column, justify in (("Rad", "right"), ("Id", "left"), ("Nämnd", "left"), ("Datum", "left"),
                            ("Beskrivning", "left"), ("Belopp", "right"), ("Konto", "left")):
        table.add_column(column, justify=justify)
    for line in result.lines:
        table.add_row(str(line.source.row if line.source else ""), line.id, line.district or "",
                      str(line.date or ""), line.description, format_amount(line.amount), line.account or "")
    console.print(table)
    for notice in result.notices:
        console.print(f"[dim]Obs: {notice}[/]")
    for rejection in result.rejections:
        style = "red" if is_error(rejection) else "yellow"
        label = "Avvisad" if is_error(rejection) else "Obs"
        err_console.print(f"[{style}]{label}:[/] {rejection.message}")
    totals = result.totals
    status = "stämmer" if totals.reconciles else "[bold red]STÄMMER INTE[/]"
    console.print(f"Inläst: {format_kr(totals.accepted)} · avvisat: {format_kr(totals.rejected)} · "
                  f"filens summa: {format_kr(totals.file)} ({status})")
