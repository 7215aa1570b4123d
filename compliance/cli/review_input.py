"""What `compliance memo` and `compliance export` share: the review's input options and the
review call, with bad input (exit 2) and engine failures (exit 3) reported in Swedish."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable, Optional

import click

from ..allocation import load_allocation
from ..dates import DateError, parse_date
from ..decisions import DecisionError
from ..engine import EngineError, RuleActionError
from ..ingest import IngestError
from ..models import AllocationTable, LineKind, Review
from ..review import ReviewError, review
from ..taxonomy import UnknownYearError
from ..yamlio import DataFileError
from .common import EXIT_ENGINE_ERROR, fail

_EXISTING = click.Path(exists=True, dir_okay=False, path_type=Path)
_OPTIONS = (
    click.argument("files", nargs=-1, required=True, type=_EXISTING),
    click.option("--year", type=int, required=True, help="Bidragsår, t.ex. 2022."),
    click.option("--allocation", "allocation_path", required=True, type=_EXISTING,
                 help="Fördelningstabell (YAML, CSV eller XLSX)."),
    click.option("--decisions", "decisions_path", type=_EXISTING, help="Granskarens beslut (YAML)."),
    click.option("--district", help="Nämnd för rader utan kolumnen 'nämnd'."),
    click.option("--submitted", help="Datum då återrapporten lämnades (för regeln om sen återrapport)."),
)


def review_options(command: Callable) -> Callable:
    """FILES, --year, --allocation, --decisions, --district and --submitted."""
    for option in reversed(_OPTIONS):
        command = option(command)
    return command


def day(value: Optional[str]) -> Optional[dt.date]:
    """A date given on the command line, or None; exit 2 with a Swedish message when it is none."""
    try:
        return parse_date(value) if value else None
    except DateError as exc:
        fail(str(exc))


def run_review(files: tuple[Path, ...], year: int, allocation_path: Path, kind: LineKind, district: Optional[str],
               submitted: Optional[str], decisions_path: Optional[Path]) -> tuple[AllocationTable, Review]:
    """The allocation table and the review of ``files``; exits on bad input or a failed engine."""
    try:
        table = load_allocation(allocation_path)
        result = review(files, year=year, allocation=table, kind=kind, district=district,
                        submitted=day(submitted), decisions=decisions_path)
    except (IngestError, DataFileError, DecisionError, ReviewError, UnknownYearError) as exc:
        fail(str(exc))
    except (EngineError, RuleActionError) as exc:
        fail(f"regelmotorn misslyckades, inget resultat: {exc}", EXIT_ENGINE_ERROR)
    return table, result
