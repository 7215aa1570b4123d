"""`compliance classify`: tag each spending line with activity, cost kind and target groups."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterator

import click
from rich.table import Table

from ..ingest import IngestError, iter_records
from ..models import Classification, LineKind, SpendingLine
from ..review_json import classification_json
from .common import console, err_console, fail
from .ingest_cmd import DISTRICT_OPTION, KIND_OPTION


@click.command("classify")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@KIND_OPTION
@DISTRICT_OPTION
@click.option("--year", type=int, help="Bidragsår: välj bara bland det årets målgrupper och aktiviteter.")
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True,
              help="text för människor, jsonl (ett JSON-objekt per rad) för program.")
def classify_command(files: tuple[Path, ...], kind: str, district: str | None, year: int | None, fmt: str) -> None:
    """Klassificera utgiftsrader: aktivitet, kostnadsslag och målgrupper, med poäng och belägg.

    Rader vars bästa poäng ligger under tröskeln i taxonomy/classifier.yaml markeras oklara.
    Första körningen tränar modellen (några sekunder) och sparar den i cachen.

    \b
    Exempel:
      compliance classify examples/2022/utfall_sodermalm_2022.csv
      compliance classify utfall.xlsx --year 2022 --format jsonl
    """
    from ..classify import load_classifier  # spaCy loads only for the commands that need it

    classifier = load_classifier(year=year)
    lines = _lines(files, LineKind(kind), district)
    if fmt == "jsonl":
        for classification in classifier.classify(lines):
            sys.stdout.write(json.dumps(classification_json(classification), ensure_ascii=False) + "\n")
        return
    lines = list(lines)
    _print_table(lines, list(classifier.classify(lines)))


def _lines(files: tuple[Path, ...], kind: LineKind, district: str | None) -> Iterator[SpendingLine]:
    for path in files:
        skipped = 0
        try:
            for record in iter_records(path, kind=kind, district=district):
                if isinstance(record, SpendingLine):
                    yield record
                else:
                    skipped += 1
        except IngestError as exc:
            fail(str(exc))
        if skipped:
            err_console.print(f"[yellow]Obs:[/] {path.name}: {skipped} rader avvisades eller är inga utgiftsrader "
                              "och klassificerades inte; `compliance ingest` visar varför (en plan utan datum "
                              "läses med --kind plan)")


def _print_table(lines: list[SpendingLine], classifications: list[Classification]) -> None:
    table = Table(title=f"{len(lines)} rader klassificerade")
    for column in ("Id", "Beskrivning", "Aktivitet", "Kostnadsslag", "Målgrupper", "Oklar", "Belägg"):
        table.add_column(column)
    for line, result in zip(lines, classifications):
        groups = ", ".join(f"{g.label} {g.score:.2f}" for g in result.target_groups) or "–"
        words = ", ".join(dict.fromkeys(f"{e.text}→{e.label}" for e in result.evidence)) or "–"
        table.add_row(line.id, line.description, f"{result.activity.label} {result.activity.score:.2f}",
                      f"{result.cost_kind.label} {result.cost_kind.score:.2f}", groups,
                      "[bold yellow]oklar[/]" if result.unclear else "", words)
    console.print(table)
