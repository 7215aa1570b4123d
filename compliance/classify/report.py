"""The evaluation as Markdown (bench/results/classifier.md) and as rows for the terminal."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from .config import AXES
from .evaluate import AxisScores, Evaluation

TARGET = 0.85
_CHECKOUT = Path(__file__).resolve().parents[2]


def default_report_path() -> Optional[Path]:
    """bench/results/classifier.md in a source checkout; None when installed as a package."""
    bench = _CHECKOUT / "bench"
    return bench / "results" / "classifier.md" if bench.is_dir() else None
MEASURE = {"activity": "macro-F1", "cost_kind": "macro-F1", "target_groups": "micro-F1"}


def summary_rows(evaluation: Evaluation) -> list[list[str]]:
    """Per axis: measure, model, keyword baseline, difference, target met."""
    rows = []
    for axis in AXES:
        model, baseline = evaluation.headline(axis), evaluation.headline(axis, "baseline")
        rows.append([axis, MEASURE[axis], f"{model:.3f}", f"{baseline:.3f}", f"{model - baseline:+.3f}",
                     "yes" if model >= TARGET else "NO"])
    return rows


def label_rows(model: AxisScores, baseline: AxisScores) -> list[list[str]]:
    """Per label: support, then precision/recall/F1 of the model and of the baseline."""
    mine = {row.label: row for row in model.labels}
    other = {row.label: row for row in baseline.labels}
    rows = []
    for label in sorted(set(mine) | set(other)):
        support = (mine.get(label) or other[label]).support
        rows.append([label, str(support), *_prf(mine.get(label)), *_prf(other.get(label))])
    rows.append(["macro-F1", "", "", "", f"{model.macro_f1:.3f}", "", "", f"{baseline.macro_f1:.3f}"])
    rows.append(["micro-F1", "", "", "", f"{model.micro_f1:.3f}", "", "", f"{baseline.micro_f1:.3f}"])
    return rows


LABEL_HEADER = ["label", "support", "P", "R", "F1", "kw P", "kw R", "kw F1"]
SUMMARY_HEADER = ["axis", "measure", "model", "keyword baseline", "difference", f"≥ {TARGET}"]


def markdown(evaluation: Evaluation, about: str) -> str:
    """The whole report; ``about`` says what was trained and evaluated on what."""
    parts = ["# Classifier: figures on the development set", "", about, "",
             _table(SUMMARY_HEADER, summary_rows(evaluation)), "",
             f"Lines marked unclear (oklar): {evaluation.unclear} of {evaluation.size}.", ""]
    for axis in AXES:
        parts += [f"## {axis}", "", _table(LABEL_HEADER, label_rows(evaluation.model[axis],
                                                                    evaluation.baseline[axis])), ""]
    return "\n".join(parts)


def _prf(row) -> list[str]:
    return [f"{row.precision:.2f}", f"{row.recall:.2f}", f"{row.f1:.2f}"] if row else ["–", "–", "–"]


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)
