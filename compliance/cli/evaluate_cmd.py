"""`compliance evaluate`: the classifier against the keyword baseline on the development set."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import click
from rich.table import Table

from .common import console, err_console


@click.command("evaluate")
@click.option("--dev", "dev_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Utvärderingsfil (JSONL); standard är taxonomy/corpus/dev.jsonl.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Skriv rapporten som Markdown hit (standard i en utcheckning: bench/results/classifier.md).")
def evaluate_command(dev_path: Optional[Path], output: Optional[Path]) -> None:
    """Precision, täckning och F1 per etikett och axel på utvecklingsmängden, modell mot nyckelord.

    Modellen tränas aldrig på utvecklingsmängden; nyckelordsbaslinjen använder bara
    taxonomins termer.

    \b
    Exempel:
      compliance evaluate
      compliance evaluate --output /tmp/classifier.md
    """
    from ..classify.evaluate import evaluate_dev  # spaCy loads only for the commands that need it
    from ..classify.report import (LABEL_HEADER, SUMMARY_HEADER, default_report_path, label_rows, markdown,
                                   summary_rows)

    result, about = evaluate_dev(dev_path)
    summary = Table(title="Utvecklingsmängden: modell mot nyckelordsbaslinje")
    for column in SUMMARY_HEADER:
        summary.add_column(column)
    for row in summary_rows(result):
        summary.add_row(*row)
    for axis, scores in result.model.items():
        table = Table(title=axis)
        for column in LABEL_HEADER:
            table.add_column(column, justify="left" if column == "label" else "right")
        for row in label_rows(scores, result.baseline[axis]):
            table.add_row(*row)
        console.print(table)
    console.print(summary)
    console.print(f"Oklara rader: {result.unclear} av {result.size}")
    output = output or default_report_path()
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(markdown(result, about) + "\n", encoding="utf-8")
        err_console.print(f"Rapporten skrevs till {output}")

