"""Metrics and the keyword baseline."""
from __future__ import annotations

import pytest

from compliance.classify.evaluate import score_axis


def test_per_label_and_macro_f1():
    scores = score_axis("activity", [{"a"}, {"a"}, {"b"}, {"c"}], [{"a"}, {"b"}, {"b"}, {"c"}])
    by_label = {row.label: row for row in scores.labels}
    assert by_label["a"].precision == 1.0 and by_label["a"].recall == 0.5
    assert by_label["b"].precision == 0.5 and by_label["b"].recall == 1.0
    assert scores.macro_f1 == pytest.approx((2 / 3 + 2 / 3 + 1.0) / 3)
    assert scores.micro_f1 == pytest.approx(0.75)


def test_multilabel_micro_f1_counts_every_pair():
    scores = score_axis("target_groups", [{"x", "y"}, set()], [{"x"}, {"y"}])
    assert scores.micro_f1 == pytest.approx(0.5)  # tp 1, fp 1, fn 1


def test_evaluate_reports_model_and_baseline(classifier):
    from compliance.classify.corpus import Record
    from compliance.classify.evaluate import evaluate

    records = [Record("Kursavgift FREDA-utbildning", "7650 Kurs o konf", "bedomningsmetoder", "utbildning",
                      ("valdsutsatta_vuxna",))]
    result = evaluate(classifier, records)
    assert result.size == 1
    assert set(result.model) == set(result.baseline) == {"activity", "cost_kind", "target_groups"}
