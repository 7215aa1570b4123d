"""Training is deterministic: the same records and seed give the same scores."""
from __future__ import annotations

from compliance.classify.config import load_settings
from compliance.classify.corpus import corpus_path, read_corpus
from compliance.classify.labels import entries_by_axis
from compliance.classify.train import make_doc, train

TEXTS = ["Utbildning i FREDA för socialsekreterare", "Lön samordnare heder", "asdf"]


def small_run(seed: int) -> list[dict[str, float]]:
    entries = entries_by_axis()
    records = read_corpus(corpus_path("train"), entries)[:120]
    settings = load_settings()
    settings = settings.model_copy(update={"training": settings.training.model_copy(update={"epochs": 2})})
    nlp = train(records, settings, entries, seed=seed)
    from compliance.classify.text import line_text

    return [dict(nlp(make_doc(nlp, line_text(text))).cats) for text in TEXTS]


def test_same_seed_same_scores():
    assert small_run(7) == small_run(7)


def test_other_seed_other_scores():
    assert small_run(7) != small_run(8)
