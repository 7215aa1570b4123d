"""Per-label precision, recall and F1, and macro-F1 (micro-F1 for target groups), per axis.

Macro-F1 averages over the labels that occur in the gold data or the predictions of that
axis. ``evaluate`` scores the classifier and the keyword baseline on the same records.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional

from ..models import Classification
from .baseline import KeywordBaseline
from .classifier import Classifier, load_classifier
from .config import AXES
from .corpus import Record, corpus_path, read_corpus
from .labels import entries_by_axis
from .pipeline import base_model_name

Prediction = dict[str, set[str]]


@dataclass(frozen=True)
class LabelScores:
    label: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class AxisScores:
    axis: str
    labels: list[LabelScores]
    macro_f1: float
    micro_f1: float


@dataclass(frozen=True)
class Evaluation:
    """Model and baseline scores per axis, on ``size`` lines."""

    size: int
    model: dict[str, AxisScores]
    baseline: dict[str, AxisScores]
    unclear: int

    def headline(self, axis: str, which: str = "model") -> float:
        """The figure the issue asks for: macro-F1, or micro-F1 for target groups."""
        scores = getattr(self, which)[axis]
        return scores.micro_f1 if axis == "target_groups" else scores.macro_f1


def gold(record: Record) -> Prediction:
    return {"activity": {record.activity}, "cost_kind": {record.cost_kind},
            "target_groups": set(record.target_groups)}


def predicted(classification: Classification) -> Prediction:
    return {"activity": {classification.activity.label}, "cost_kind": {classification.cost_kind.label},
            "target_groups": {g.label for g in classification.target_groups}}


def score_axis(axis: str, golds: list[set[str]], predictions: list[set[str]]) -> AxisScores:
    labels = sorted(set().union(*golds, *predictions))
    rows, total_tp, total_fp, total_fn = [], 0, 0, 0
    for label in labels:
        tp = sum(label in g and label in p for g, p in zip(golds, predictions))
        fp = sum(label not in g and label in p for g, p in zip(golds, predictions))
        fn = sum(label in g and label not in p for g, p in zip(golds, predictions))
        total_tp, total_fp, total_fn = total_tp + tp, total_fp + fp, total_fn + fn
        rows.append(LabelScores(label, *_prf(tp, fp, fn), support=tp + fn))
    macro = sum(r.f1 for r in rows) / len(rows) if rows else 0.0
    return AxisScores(axis, rows, macro, _prf(total_tp, total_fp, total_fn)[2])


def score(records: list[Record], predictions: Iterable[Prediction]) -> dict[str, AxisScores]:
    predictions = list(predictions)
    golds = [gold(r) for r in records]
    return {axis: score_axis(axis, [g[axis] for g in golds], [p[axis] for p in predictions]) for axis in AXES}


def classify_records(classifier: Classifier, records: list[Record]) -> Iterator[Classification]:
    return classifier.classify_texts((str(i), r.line_text()) for i, r in enumerate(records, start=1))


def evaluate(classifier: Classifier, records: list[Record]) -> Evaluation:
    """Score the classifier and the keyword baseline (same pipeline, terms only) on ``records``."""
    classifications = list(classify_records(classifier, records))
    baseline = KeywordBaseline(classifier.nlp, classifier.decider.labels)
    return Evaluation(
        size=len(records),
        model=score(records, (predicted(c) for c in classifications)),
        baseline=score(records, baseline.predict(r.line_text() for r in records)),
        unclear=sum(c.unclear for c in classifications),
    )


def evaluate_dev(dev_path: Optional[Path] = None) -> tuple[Evaluation, str]:
    """Evaluate the shipped model on the development set; also returns what was compared."""
    entries = entries_by_axis()
    dev_path = dev_path or corpus_path("dev")
    result = evaluate(load_classifier(), read_corpus(dev_path, entries))
    train_size = len(read_corpus(corpus_path("train"), entries))
    about = (f"`compliance evaluate` on `{_shown(dev_path)}` ({result.size} lines, never used in training "
             f"or tuning); model trained on `taxonomy/corpus/train.jsonl` ({train_size} lines) with base "
             f"pipeline `{base_model_name()}` and the settings in `taxonomy/classifier.yaml`. The keyword "
             "baseline uses the taxonomy's terms alone (most matching terms wins, `ovrigt` when none).")
    return result, about


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
