"""One decision per axis from the model's probabilities and the rule layer's votes.

score = (1 - w) * model probability + w * rule vote (w = fusion.rule_weight in
classifier.yaml). The rule vote of a one-label axis is shared between the labels whose terms
occur, so scores still sum to one; for target groups each group with a term scores a full vote.
A line's Kommun-Bas account is the ledger's own classification of the cost, so for cost kinds
it then gets a vote of its own: score = (1 - a) * score + a * account vote
(a = fusion.account_weight).
"""
from __future__ import annotations

from dataclasses import dataclass
from spacy.attrs import IDX, IS_ALPHA, IS_STOP, LENGTH, NORM, ORTH
from spacy.tokens import Doc

from ..models import Classification, Evidence, LabelScore
from .config import AXES, Settings
from .labels import account_labels
from .model import ACCOUNT_EXTENSION
from .terms import Match, term_matches
from .text import LineText, fold


_NEAR = 2e-4   # more than rounding to four decimals can move a score


@dataclass(frozen=True)
class Decider:
    """Turns a processed doc into a :class:`Classification`."""

    settings: Settings
    labels: dict[str, list[str]]          # per axis, the labels that may be chosen
    cost_kinds: list                      # cost-kind entries, for account prefixes
    vague: frozenset[str]
    categories: dict[str, list[tuple[str, str]]]   # per axis, (label, textcat category)

    @classmethod
    def create(cls, settings: Settings, labels: dict[str, list[str]], cost_kinds: list) -> "Decider":
        categories = {axis: [(label, f"{axis}:{label}") for label in labels[axis]] for axis in AXES}
        return cls(settings, labels, cost_kinds, frozenset(fold(w) for w in settings.vague_words), categories)

    def votes(self, doc: Doc) -> dict[str, set[str]]:
        """Labels per axis whose terms occur anywhere in the line's text."""
        found: dict[str, set[str]] = {axis: set() for axis in AXES}
        for match in term_matches(doc):
            found[match.axis].add(match.label)
        return found

    def account_votes(self, doc: Doc) -> set[str]:
        """Cost kinds that the line's Kommun-Bas account points to."""
        return set(account_labels(doc._.get(ACCOUNT_EXTENSION), self.cost_kinds)) & set(self.labels["cost_kind"])

    def scores(self, doc: Doc) -> dict[str, list[float]]:
        """Fused score of every allowed label (in :attr:`categories` order) per axis, before
        clipping to [0, 1] and rounding to four decimals."""
        votes = self.votes(doc)
        cats = doc.cats
        result = {}
        for axis in AXES:
            weight = self.settings.fusion.rule_weight[axis]
            labels = self.categories[axis]
            model = [cats.get(category, 0.0) for _, category in labels]
            voted = [label in votes[axis] for label, _ in labels]
            count = sum(voted)
            if axis == "target_groups":
                rule = [float(vote) for vote in voted]
            else:
                total = sum(model) or 1.0
                model = [p / total for p in model]
                rule = [(1.0 / count if vote else 0.0) if count else p for vote, p in zip(voted, model)]
            result[axis] = [(1 - weight) * p + weight * r for p, r in zip(model, rule)]
        accounts = self.account_votes(doc)
        if accounts:
            weight = self.settings.fusion.account_weight
            result["cost_kind"] = [(1 - weight) * score + weight * (label in accounts) / len(accounts)
                                   for (label, _), score in zip(self.categories["cost_kind"], result["cost_kind"])]
        return result

    def classify(self, doc: Doc, line_id: str, text: LineText) -> Classification:
        """The line's classification; ``text`` is what ``doc`` was made from."""
        description_end = text.description_end
        scores = self.scores(doc)
        thresholds = self.settings.thresholds
        activity = _best(self.categories["activity"], scores["activity"])
        cost_kind = _best(self.categories["cost_kind"], scores["cost_kind"])
        groups = sorted(_reaching(self.categories["target_groups"], scores["target_groups"], thresholds.target_group),
                        key=lambda s: (-s.score, s.label))
        chosen = {("activity", activity.label), ("cost_kind", cost_kind.label),
                  *(("target_groups", g.label) for g in groups)}
        unclear = (activity.score < thresholds.unclear.activity or cost_kind.score < thresholds.unclear.cost_kind
                   or not self.informative(doc, description_end))
        return Classification(line_id=line_id, activity=activity, cost_kind=cost_kind, target_groups=groups,
                              evidence=evidence(doc, text, chosen), unclear=unclear)

    def informative(self, doc: Doc, description_end: int) -> bool:
        """Does the description hold a word other than stop words and vague words?"""
        strings = doc.vocab.strings
        return any(idx < description_end and alpha and length > 1 and not stop
                   and fold(strings[orth]) not in self.vague and strings[norm] not in self.vague
                   for idx, alpha, length, stop, orth, norm
                   in doc.to_array([IDX, IS_ALPHA, LENGTH, IS_STOP, ORTH, NORM]).tolist())


def evidence(doc: Doc, line_text: LineText, chosen: set[tuple[str, str]]) -> list[Evidence]:
    """Term matches in the description that support a chosen label; offsets into the description.

    Per label, a match inside a longer match is left out, and one term is kept per span.
    """
    text = line_text.text
    spans: dict[tuple[str, str, int, int], Match] = {}
    for match in term_matches(doc):
        if (match.axis, match.label) not in chosen or match.end > line_text.description_end:
            continue
        where = (match.axis, match.label, match.start, match.end)
        if where not in spans or _preference(text, match) < _preference(text, spans[where]):
            spans[where] = match
    kept = [w for w in spans if not any(o != w and o[:2] == w[:2] and o[2] <= w[2] and w[3] <= o[3] for o in spans)]
    return [Evidence(axis=axis, label=label, text=text[start:end], start=start, end=end,
                     term=spans[(axis, label, start, end)].term)
            for axis, label, start, end in sorted(kept, key=lambda w: (w[2], AXES.index(w[0]), w[1], w[3]))]


def _preference(text: str, match: Match) -> tuple[int, int]:
    """Prefer a term written like the words, then one without a wildcard."""
    return (0 if fold(match.term) == fold(text[match.start:match.end]) else 1, 1 if "*" in match.term else 0)


def _shown(score: float) -> float:
    """A score as decided on and shown: clipped to [0, 1], four decimals."""
    return round(min(1.0, max(0.0, score)), 4)


def _best(labels: list[tuple[str, str]], scores: list[float]) -> LabelScore:
    """The label with the highest shown score; on a tie, the first. Rounding keeps the order,
    so only scores within rounding distance of the top one can share its shown value."""
    top = max(scores)
    best, chosen = -1.0, ""
    for (label, _), score in zip(labels, scores):
        if score >= top - _NEAR and _shown(score) > best:
            best, chosen = _shown(score), label
    return LabelScore(label=chosen, score=best)


def _reaching(labels: list[tuple[str, str]], scores: list[float], threshold: float) -> list[LabelScore]:
    """The labels whose shown score reaches the threshold."""
    return [LabelScore(label=label, score=_shown(score)) for (label, _), score in zip(labels, scores)
            if score >= threshold - _NEAR and _shown(score) >= threshold]
