"""Build the whole pipeline and train its text classifiers, deterministically from a seed.

Pipeline: base (pipeline.py) -> term rules (terms.py) -> ``textcat_activity`` and
``textcat_cost_kind`` (spaCy textcat, one label each) -> ``textcat_target_groups``
(textcat_multilabel). Category names are ``axis:label``, e.g. ``cost_kind:lon``.
"""
from __future__ import annotations

import random
from typing import Callable, Iterable, Optional

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch
from thinc.api import Adam

from ..taxonomy import Entry
from .augment import augmented
from .config import AXES, Settings
from .corpus import Record
from .model import ACCOUNT_EXTENSION
from .pipeline import create_base
from .terms import COMPONENT as TERMS, compile_terms
from .text import LineText

TEXTCAT = {axis: f"textcat_{axis}" for axis in AXES}


def category(axis: str, label: str) -> str:
    return f"{axis}:{label}"


def build_pipeline(settings: Settings, entries: dict[str, list[Entry]], base: Optional[str] = None) -> Language:
    """An untrained pipeline with the term rules and the three text classifiers."""
    nlp = create_base(base)
    terms = compile_terms(nlp, entries)
    nlp.add_pipe(TERMS, config={"head_min_chars": settings.terms.compound_head_min_chars})
    nlp.get_pipe(TERMS).set_terms(terms)
    features = settings.features
    for axis in AXES:
        exclusive = axis != "target_groups"
        model = {"@architectures": "compliance.SubwordBOW.v1", "exclusive_classes": exclusive,
                 "word_ngrams": features.word_ngrams, "char_min": features.char_ngrams[0],
                 "char_max": features.char_ngrams[1], "length": features.hash_rows}
        nlp.add_pipe("textcat" if exclusive else "textcat_multilabel", name=TEXTCAT[axis],
                     config={"model": model})
    return nlp


def make_doc(nlp: Language, text: LineText) -> Doc:
    """A tokenised doc carrying the line's account number for the model."""
    doc = nlp.make_doc(text.text)
    doc._.set(ACCOUNT_EXTENSION, text.account)
    return doc


def prepare(nlp: Language, texts: Iterable[LineText]) -> list[Doc]:
    """Docs with lemmas, norms and term matches: what the text classifiers learn from."""
    with nlp.select_pipes(enable=[name for name in nlp.pipe_names if name not in TEXTCAT.values()]):
        return list(nlp.pipe(make_doc(nlp, text) for text in texts))


def gold_cats(record: Record, axis: str, labels: list[str]) -> dict[str, float]:
    gold = set(record.target_groups) if axis == "target_groups" else {record.gold(axis)}
    return {category(axis, label): float(label in gold) for label in labels}


def train(records: list[Record], settings: Settings, entries: dict[str, list[Entry]],
          seed: Optional[int] = None, base: Optional[str] = None,
          progress: Optional[Callable[[str], None]] = None) -> Language:
    """Train a new pipeline on ``records``; the same records, settings and seed give the same model."""
    seed = settings.seed if seed is None else seed
    fix_random_seed(seed)
    rng = random.Random(seed)
    nlp = build_pipeline(settings, entries, base)
    training = augmented(records, settings.training.augment_copies, rng)
    docs = prepare(nlp, [record.line_text() for record in training])
    labels = {axis: [entry.id for entry in entries[axis]] for axis in AXES}
    examples = {axis: [Example.from_dict(doc, {"cats": gold_cats(record, axis, labels[axis])})
                       for doc, record in zip(docs, training)] for axis in AXES}
    for axis in AXES:
        nlp.get_pipe(TEXTCAT[axis]).initialize(lambda axis=axis: examples[axis][:200], nlp=nlp,
                                               labels=[category(axis, label) for label in labels[axis]])
    optimizer = Adam(settings.training.learn_rate)
    order = list(range(len(docs)))
    for epoch in range(settings.training.epochs):
        rng.shuffle(order)
        losses: dict[str, float] = {}
        for batch in minibatch(order, size=settings.training.batch_size):
            for axis in AXES:
                nlp.get_pipe(TEXTCAT[axis]).update([examples[axis][i] for i in batch], sgd=optimizer,
                                                   drop=settings.training.dropout, losses=losses)
        if progress:
            progress(f"epok {epoch + 1}/{settings.training.epochs}: " +
                     ", ".join(f"{axis} {losses[TEXTCAT[axis]]:.2f}" for axis in AXES))
    nlp.meta["seed"] = seed
    return nlp

