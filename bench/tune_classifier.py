"""Cross-validate classifier settings on the TRAINING corpus only (never on dev.jsonl).

Splits taxonomy/corpus/train.jsonl into K folds with a fixed seed, trains on K-1 folds and
scores the held-out fold, for the settings in taxonomy/classifier.yaml and for each variant
given as dotted overrides. Use it to choose the values in classifier.yaml.

    python bench/tune_classifier.py
    python bench/tune_classifier.py --folds 5 "training.epochs=10" "fusion.rule_weight.activity=0.3"
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time

from compliance.classify.augment import variant
from compliance.classify.classifier import Classifier
from compliance.classify.config import AXES, Settings, load_settings
from compliance.classify.corpus import corpus_path, read_corpus
from compliance.classify.evaluate import evaluate
from compliance.classify.labels import entries_by_axis
from compliance.classify.train import train

SPLIT_SEED = 13


def override(settings: Settings, assignment: str) -> Settings:
    data = settings.model_dump()
    path, value = assignment.split("=", 1)
    *parents, last = path.split(".")
    node = data
    for key in parents:
        node = node[key]
    node[last] = json.loads(value)
    return Settings.model_validate(data)


def cross_validate(settings: Settings, records, entries, folds: int) -> dict[str, list[float]]:
    """Mean headline figures of the model, the keyword baseline and the model on held-out lines
    rewritten as other ledgers write them (folded, upper-cased, truncated, no account)."""
    order = list(range(len(records)))
    random.Random(SPLIT_SEED).shuffle(order)
    kinds = ("model", "baseline", "perturbed")
    figures: dict[str, list[float]] = {f"{which}:{axis}": [] for which in kinds for axis in AXES}
    for fold in range(folds):
        held = set(order[fold::folds])
        training = [r for i, r in enumerate(records) if i not in held]
        validation = [r for i, r in enumerate(records) if i in held]
        nlp = train(training, settings, entries)
        classifier = Classifier(nlp, settings=settings)
        result = evaluate(classifier, validation)
        rng = random.Random(SPLIT_SEED + fold)
        perturbed = evaluate(classifier, [variant(r, rng) for r in validation])
        for axis in AXES:
            figures[f"model:{axis}"].append(result.headline(axis))
            figures[f"baseline:{axis}"].append(result.headline(axis, "baseline"))
            figures[f"perturbed:{axis}"].append(perturbed.headline(axis))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("variants", nargs="*", help="overrides, e.g. training.epochs=10; ';' joins several")
    args = parser.parse_args()
    entries = entries_by_axis()
    records = read_corpus(corpus_path("train"), entries)
    base = load_settings()
    for name in ["(classifier.yaml)", *args.variants]:
        settings = base
        if name != "(classifier.yaml)":
            for assignment in name.split(";"):
                settings = override(settings, assignment.strip())
        started = time.monotonic()
        figures = cross_validate(settings, records, entries, args.folds)
        means = {key: sum(v) / len(v) for key, v in figures.items()}
        line = "  ".join(f"{axis} {means['model:' + axis]:.3f} (kw {means['baseline:' + axis]:.3f}, "
                         f"perturbed {means['perturbed:' + axis]:.3f})" for axis in AXES)
        print(f"{name}: {line}  [{(time.monotonic() - started) / args.folds:.1f} s/fold]", flush=True)


if __name__ == "__main__":
    sys.exit(main())
