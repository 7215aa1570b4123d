"""`compliance allocate`: distribute a requisitioned amount, or check a printed table."""
from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import click
from rich.table import Table

from ..allocation import allocate, load_allocation, load_key
from ..ingest.errors import IngestError
from ..models import AllocationTable
from ..money import AmountError, as_json_amount, format_kr, parse_amount
from ..yamlio import DataFileError
from .common import EXIT_FINDINGS, FORMAT_OPTION, console, fail, print_json


def _fixed(values: tuple[str, ...]) -> dict[str, Decimal]:
    fixed = {}
    for value in values:
        name, sep, amount = value.rpartition("=")
        if not sep or not name.strip():
            fail(f"--fixed ska skrivas NÄMND=BELOPP, inte '{value}'")
        try:
            fixed[name.strip()] = parse_amount(amount)
        except AmountError as exc:
            fail(f"--fixed {value}: {exc}")
    return fixed


@click.command("allocate")
@click.option("--amount", help="Rekvirerat belopp att fördela, hela kronor (t.ex. \"5 394 915\").")
@click.option("--key", "key_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Fördelningsnyckel: CSV/XLSX med nämnd och andel eller underlag.")
@click.option("--fixed", multiple=True, metavar="NÄMND=BELOPP", help="Fast belopp som dras först (kan upprepas).")
@click.option("--check", "check_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Kontrollera en befintlig fördelningstabell mot dess tryckta total.")
@FORMAT_OPTION
def allocate_command(amount: str | None, key_path: Path | None, fixed: tuple[str, ...],
                     check_path: Path | None, fmt: str) -> None:
    """Fördela ett rekvirerat belopp på nämnder efter en nyckel (största-rest-metoden, så att
    tabellen går jämnt upp på kronan), eller kontrollera en befintlig tabell med --check.

    Med --check avslutas kommandot med kod 1 om tabellen inte går ihop med sin total.

    \b
    Exempel:
      compliance allocate --check examples/allocations/stockholm-2022.yaml
      compliance allocate --amount "5 394 915" --key examples/allocations/stockholm-2022-nyckel.csv \\
          --fixed "Äldrenämnden=250 000"
    """
    try:
        if check_path is not None:
            table = load_allocation(check_path)
            _show(table, fmt)
            if table.difference:
                sys.exit(EXIT_FINDINGS)
            return
        if amount is None or key_path is None:
            fail("ange --amount och --key för att fördela, eller --check TABELL för att kontrollera")
        total = parse_amount(amount)
        rows = allocate(total, load_key(key_path), _fixed(fixed))
    except (IngestError, DataFileError, AmountError, ValueError) as exc:
        fail(str(exc))
    _show(AllocationTable(city=key_path.stem, year=0, requisitioned=total, printed_total=total, allocations=rows), fmt)


def _show(table: AllocationTable, fmt: str) -> None:
    if fmt == "json":
        print_json(table.model_dump(mode="json"))
        return
    title = f"{table.city} {table.year}" if table.year else table.city
    view = Table(title=f"Fördelning: {title}")
    view.add_column("Nämnd")
    view.add_column("Belopp", justify="right")
    for row in table.allocations:
        view.add_row(row.recipient, format_kr(row.amount))
    view.add_row("[bold]Summa av raderna[/]", f"[bold]{format_kr(table.total)}[/]")
    if table.printed_total is not None:
        view.add_row("Tryckt total", format_kr(table.printed_total))
    console.print(view)
    if table.difference:
        console.print(f"[bold red]Tabellen går inte ihop:[/] raderna summerar till {format_kr(table.total)}, "
                      f"{format_kr(abs(table.difference))} {'mer' if table.difference > 0 else 'mindre'} än "
                      f"totalen {format_kr(table.printed_total)}.")
    elif table.printed_total is not None:
        console.print(f"Tabellen går ihop: {format_kr(table.total)} ({as_json_amount(table.total)}).")
