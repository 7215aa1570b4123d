"""The public classifier: spending lines in, one :class:`Classification` per line out, streaming."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator, Optional

import numpy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from ..models import Classification, SpendingLine
from .config import AXES, Settings, load_settings
from .decide import Decider
from .labels import entries_by_axis, year_labels
from .store import Progress, load_model, to_stderr
from .text import LineText, line_text, spending_line_text
from .train import TEXTCAT, make_doc


class Classifier:
    """Tags lines with activity, cost kind and target groups, with scores and evidence.

    ``year`` limits the choice to the labels valid that grant year. Lines go through
    ``nlp.pipe`` one batch at a time, so only one batch of Docs is ever held.
    """

    def __init__(self, nlp: Language, year: Optional[int] = None, folder: Optional[Path] = None,
                 settings: Optional[Settings] = None):
        self.nlp = nlp
        settings = settings or load_settings(folder)
        entries = entries_by_axis(folder)
        labels = {axis: [entry.id for entry in entries[axis]] for axis in AXES}
        if year is not None:
            valid = year_labels(year, folder)
            labels = {axis: [label for label in labels[axis] if label in valid[axis]] for axis in AXES}
        self.decider = Decider.create(settings, labels, entries["cost_kind"])
        self.batch_size = settings.batch_size

    def classify(self, lines: Iterable[SpendingLine]) -> Iterator[Classification]:
        """Classify spending lines lazily, in input order."""
        return self.classify_texts((line.id, spending_line_text(line)) for line in lines)

    def classify_texts(self, items: Iterable[tuple[str, LineText]]) -> Iterator[Classification]:
        """Classify ``(line id, LineText)`` pairs lazily, in input order. The text classifiers'
        score arrays go to the decider as they are (``doc.cats`` is not filled in)."""
        textcats = list(TEXTCAT.values())
        for batch in minibatch(items, size=self.batch_size):
            docs = list(self.nlp.pipe((make_doc(self.nlp, text) for _, text in batch), batch_size=len(batch),
                                      disable=textcats))
            yield from self.decider.classify(docs, batch, {axis: self._probabilities(axis, docs) for axis in AXES})

    def _probabilities(self, axis: str, docs: list[Doc]) -> numpy.ndarray:
        """One axis's model probabilities: a row per doc, a column per allowed label (0 for a
        label the model does not know)."""
        textcat = self.nlp.get_pipe(TEXTCAT[axis])
        known = {category: i for i, category in enumerate(textcat.labels)}
        scores = numpy.asarray(textcat.predict(docs), dtype=float)
        padded = numpy.hstack([scores, numpy.zeros((len(docs), 1))])
        return padded[:, [known.get(category, len(known)) for _, category in self.decider.categories[axis]]]

    def classify_text(self, description: str, account: Optional[str] = None, cost_type: Optional[str] = None,
                      counterparty: Optional[str] = None, line_id: str = "") -> Classification:
        """Classify one description (with optional account, account text and counterparty)."""
        text = line_text(description, account, cost_type, counterparty)
        return next(self.classify_texts([(line_id, text)]))


def load_classifier(year: Optional[int] = None, folder: Optional[Path] = None,
                    progress: Optional[Progress] = to_stderr) -> Classifier:
    """The shipped classifier; trains and caches the model on first use (see store.py)."""
    return Classifier(load_model(folder, progress), year=year, folder=folder)
