"""One decision per axis from the model's probabilities and the rule layer's votes.

score = (1 - w) * model probability + w * rule vote (w = fusion.rule_weight in
classifier.yaml). The rule vote of a one-label axis is shared between the labels whose terms
occur, so scores still sum to one; for target groups each group with a term scores a full vote.
A line's Kommun-Bas account is the ledger's own classification of the cost, so for cost kinds
it then gets a vote of its own: score = (1 - a) * score + a * account vote
(a = fusion.account_weight).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..models import Classification
from .config import AXES, Settings
from .labels import account_labels
from .model import ACCOUNT_EXTENSION
from .terms import Match, term_matches
from .text import LineText, fold
from .tokens import token_rows

_NEAR = 2e-4   # more than rounding to four decimals can move a score
_CACHE_LIMIT = 100_000
_AXIS_ORDER = {axis: i for i, axis in enumerate(AXES)}


@dataclass(frozen=True)
class Decider:
    """Turns a batch of processed docs and their text classifiers' scores into
    :class:`Classification` objects."""

    settings: Settings
    labels: dict[str, list[str]]          # per axis, the labels that may be chosen
    cost_kinds: list                      # cost-kind entries, for account prefixes
    vague: frozenset[str]
    categories: dict[str, list[tuple[str, str]]]   # per axis, (label, textcat category)
    _accounts: dict = field(default_factory=dict, compare=False)
    _informative: dict = field(default_factory=dict, compare=False)

    @classmethod
    def create(cls, settings: Settings, labels: dict[str, list[str]], cost_kinds: list) -> "Decider":
        categories = {axis: [(label, f"{axis}:{label}") for label in labels[axis]] for axis in AXES}
        return cls(settings, labels, cost_kinds, frozenset(fold(w) for w in settings.vague_words), categories)

    def votes(self, docs: Sequence[Doc]) -> dict[str, numpy.ndarray]:
        """Per axis, a row per doc: which allowed labels have terms anywhere in the line's text."""
        found = {axis: numpy.zeros((len(docs), len(labels)), dtype=bool) for axis, labels in self.labels.items()}
        columns = {axis: {label: i for i, label in enumerate(labels)} for axis, labels in self.labels.items()}
        for row, doc in enumerate(docs):
            for match in term_matches(doc):
                column = columns[match.axis].get(match.label)
                if column is not None:
                    found[match.axis][row, column] = True
        return found

    def account_votes(self, account: str | None) -> numpy.ndarray | None:
        """Per cost kind, whether the Kommun-Bas account points to it; None when it points to none."""
        found = self._accounts.get(account, False)
        if found is False:
            voted = set(account_labels(account, self.cost_kinds))
            row = numpy.asarray([label in voted for label in self.labels["cost_kind"]], dtype=float)
            found = row if row.any() else None
            if len(self._accounts) > _CACHE_LIMIT:
                self._accounts.clear()
            self._accounts[account] = found
        return found

    def scores(self, docs: Sequence[Doc], model: dict[str, numpy.ndarray]) -> dict[str, numpy.ndarray]:
        """Fused score of every allowed label per axis: a row per doc, columns in
        :attr:`categories` order, before clipping to [0, 1] and rounding to four decimals.
        ``model`` holds the text classifiers' probabilities in the same shape."""
        votes = self.votes(docs)
        result = {}
        for axis in AXES:
            weight = self.settings.fusion.rule_weight[axis]
            p, voted = model[axis], votes[axis]
            if axis == "target_groups":
                rule = voted.astype(float)
            else:
                total = _row_sums(p)
                p = p / numpy.where(total == 0, 1.0, total)[:, None]
                count = voted.sum(axis=1)[:, None]
                rule = numpy.where(count > 0, numpy.where(voted, 1.0 / numpy.maximum(count, 1), 0.0), p)
            result[axis] = (1 - weight) * p + weight * rule
        weight = self.settings.fusion.account_weight
        cost_kind = result["cost_kind"]
        for row, doc in enumerate(docs):
            accounts = self.account_votes(doc._.get(ACCOUNT_EXTENSION))
            if accounts is not None:
                cost_kind[row] = (1 - weight) * cost_kind[row] + weight * accounts / accounts.sum()
        return result

    def classify(self, docs: Sequence[Doc], items: Sequence[tuple[str, LineText]],
                 model: dict[str, numpy.ndarray]) -> list[Classification]:
        """Each line's classification; ``items`` are the (line id, text) ``docs`` were made from."""
        rows = {axis: matrix.tolist() for axis, matrix in self.scores(docs, model).items()}
        thresholds = self.settings.thresholds
        found = []
        for i, (doc, (line_id, text)) in enumerate(zip(docs, items)):
            activity = _best(self.categories["activity"], rows["activity"][i])
            cost_kind = _best(self.categories["cost_kind"], rows["cost_kind"][i])
            groups = sorted(_reaching(self.categories["target_groups"], rows["target_groups"][i],
                                      thresholds.target_group), key=lambda s: (-s["score"], s["label"]))
            chosen = {("activity", activity["label"]), ("cost_kind", cost_kind["label"]),
                      *(("target_groups", g["label"]) for g in groups)}
            unclear = (activity["score"] < thresholds.unclear.activity
                       or cost_kind["score"] < thresholds.unclear.cost_kind
                       or not self.informative(doc, text.description_end))
            # pydantic builds the nested models from plain dicts faster than from models made one by one
            found.append(Classification(line_id=line_id, activity=activity, cost_kind=cost_kind,
                                        target_groups=groups, evidence=evidence(doc, text, chosen), unclear=unclear))
        return found

    def informative(self, doc: Doc, description_end: int) -> bool:
        """Does the description hold a word other than stop words and vague words?"""
        return any(idx < description_end and self._says(doc.vocab, orth, norm)
                   for orth, norm, idx, _ in token_rows(doc))

    def _says(self, vocab: Vocab, orth: int, norm: int) -> bool:
        """Is the word neither a sign, a number, a one-letter word, a stop word nor vague?"""
        found = self._informative.get((orth, norm))
        if found is None:
            lexeme = vocab[orth]
            found = (lexeme.is_alpha and len(lexeme.orth_) > 1 and not lexeme.is_stop
                     and fold(lexeme.orth_) not in self.vague and vocab.strings[norm] not in self.vague)
            if len(self._informative) > _CACHE_LIMIT:
                self._informative.clear()
            self._informative[(orth, norm)] = found
        return found


def evidence(doc: Doc, line_text: LineText, chosen: set[tuple[str, str]]) -> list[dict]:
    """Term matches in the description that support a chosen label, as the fields of
    :class:`Evidence`; offsets into the description.

    Per label, a match inside a longer match is left out, and one term is kept per span.
    """
    text, limit = line_text.text, line_text.description_end
    spans: dict[tuple[str, str], dict[tuple[int, int], Match]] = {}
    for match in term_matches(doc):
        if match.end > limit or (match.axis, match.label) not in chosen:
            continue
        label_spans = spans.setdefault((match.axis, match.label), {})
        where = (match.start, match.end)
        other = label_spans.get(where)
        if other is None or _preference(text, match) < _preference(text, other):
            label_spans[where] = match
    kept = []
    for (axis, label), label_spans in spans.items():
        for (start, end), match in label_spans.items():
            if len(label_spans) == 1 or not any(s <= start and end <= e and (s, e) != (start, end)
                                                for s, e in label_spans):
                kept.append((start, _AXIS_ORDER[axis], label, end, axis, match.term))
    kept.sort()
    return [{"axis": axis, "label": label, "text": text[start:end], "start": start, "end": end, "term": term}
            for start, _, label, end, axis, term in kept]


def _preference(text: str, match: Match) -> tuple[int, int]:
    """Prefer a term written like the words, then one without a wildcard."""
    return (0 if fold(match.term) == fold(text[match.start:match.end]) else 1, 1 if "*" in match.term else 0)


def _row_sums(matrix: numpy.ndarray) -> numpy.ndarray:
    """Each row's sum, added left to right as Python's ``sum`` does (numpy's own order differs)."""
    total = matrix[:, 0].copy()
    for column in range(1, matrix.shape[1]):
        total += matrix[:, column]
    return total


def _shown(score: float) -> float:
    """A score as decided on and shown: clipped to [0, 1], four decimals."""
    return round(min(1.0, max(0.0, score)), 4)


def _best(labels: list[tuple[str, str]], scores: list[float]) -> dict:
    """The label with the highest shown score (the fields of :class:`LabelScore`); on a tie,
    the first. Rounding keeps the order, so only scores within rounding distance of the top
    one can share its shown value."""
    near = max(scores) - _NEAR
    best, chosen = -1.0, ""
    for (label, _), score in zip(labels, scores):
        if score >= near:
            shown = _shown(score)
            if shown > best:
                best, chosen = shown, label
    return {"label": chosen, "score": best}


def _reaching(labels: list[tuple[str, str]], scores: list[float], threshold: float) -> list[dict]:
    """The labels whose shown score reaches the threshold (the fields of :class:`LabelScore`)."""
    near = threshold - _NEAR
    shown = [(label, _shown(score)) for (label, _), score in zip(labels, scores) if score >= near]
    return [{"label": label, "score": score} for label, score in shown if score >= threshold]
