"""A plain keyword baseline from the taxonomy's terms alone (no training, no accounts).

Per one-label axis the label with most matching terms wins (ties: taxonomy order) and a line
without any match gets ``ovrigt``; every target group with a matching term is tagged. It uses
the same term matching (lemmas, compounds) as the classifier's rule layer.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable, Iterator

from spacy.language import Language

from .config import AXES
from .terms import term_matches
from .text import LineText
from .train import make_doc

FALLBACK = "ovrigt"


class KeywordBaseline:
    def __init__(self, nlp: Language, labels: dict[str, list[str]]):
        self.nlp = nlp
        self.labels = labels
        self.steps = [name for name in nlp.pipe_names if not name.startswith("textcat")]

    def predict(self, texts: Iterable[LineText]) -> Iterator[dict[str, set[str]]]:
        """Per line, the chosen labels per axis."""
        with self.nlp.select_pipes(enable=self.steps):
            for doc in self.nlp.pipe(make_doc(self.nlp, text) for text in texts):
                counts = {axis: Counter() for axis in AXES}
                for match in term_matches(doc):
                    counts[match.axis][match.label] += 1
                yield {axis: self._choose(axis, counts[axis]) for axis in AXES}

    def _choose(self, axis: str, counts: Counter) -> set[str]:
        if axis == "target_groups":
            return set(counts)
        if not counts:
            return {FALLBACK}
        order = self.labels[axis]
        return {max(counts, key=lambda label: (counts[label], -order.index(label)))}
