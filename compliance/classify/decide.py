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
from spacy.tokens import Doc, Span

from ..models import Classification, Evidence, LabelScore
from .config import AXES, Settings
from .labels import account_labels
from .model import ACCOUNT_EXTENSION
from .terms import SPANS_KEY, split_key
from .text import fold


@dataclass(frozen=True)
class Decider:
    """Turns a processed doc into a :class:`Classification`."""

    settings: Settings
    labels: dict[str, list[str]]          # per axis, the labels that may be chosen
    cost_kinds: list                      # cost-kind entries, for account prefixes
    vague: frozenset[str]

    @classmethod
    def create(cls, settings: Settings, labels: dict[str, list[str]], cost_kinds: list) -> "Decider":
        return cls(settings, labels, cost_kinds, frozenset(fold(w) for w in settings.vague_words))

    def votes(self, doc: Doc) -> dict[str, set[str]]:
        """Labels per axis whose terms occur anywhere in the line's text."""
        found: dict[str, set[str]] = {axis: set() for axis in AXES}
        for span in doc.spans.get(SPANS_KEY, []):
            axis, label, _ = split_key(span.id_)
            found[axis].add(label)
        return found

    def account_votes(self, doc: Doc) -> set[str]:
        """Cost kinds that the line's Kommun-Bas account points to."""
        return set(account_labels(doc._.get(ACCOUNT_EXTENSION), self.cost_kinds)) & set(self.labels["cost_kind"])

    def scores(self, doc: Doc) -> dict[str, dict[str, float]]:
        """Fused score of every allowed label, per axis."""
        votes = self.votes(doc)
        result = {}
        for axis in AXES:
            weight = self.settings.fusion.rule_weight[axis]
            labels = self.labels[axis]
            model = {label: doc.cats.get(f"{axis}:{label}", 0.0) for label in labels}
            voted = votes[axis] & set(labels)
            if axis == "target_groups":
                rule = {label: float(label in voted) for label in labels}
            else:
                total = sum(model.values()) or 1.0
                model = {label: p / total for label, p in model.items()}
                rule = {label: (1.0 / len(voted) if label in voted else 0.0) if voted else model[label]
                        for label in labels}
            result[axis] = {label: (1 - weight) * model[label] + weight * rule[label] for label in labels}
        accounts = self.account_votes(doc)
        if accounts:
            weight = self.settings.fusion.account_weight
            result["cost_kind"] = {label: (1 - weight) * score + weight * (label in accounts) / len(accounts)
                                   for label, score in result["cost_kind"].items()}
        return {axis: {label: _clip(score) for label, score in scores.items()} for axis, scores in result.items()}

    def classify(self, doc: Doc, line_id: str, description_end: int) -> Classification:
        scores = self.scores(doc)
        thresholds = self.settings.thresholds
        activity = _best(scores["activity"])
        cost_kind = _best(scores["cost_kind"])
        groups = sorted((LabelScore(label=label, score=score) for label, score in scores["target_groups"].items()
                         if score >= thresholds.target_group), key=lambda s: (-s.score, s.label))
        chosen = {("activity", activity.label), ("cost_kind", cost_kind.label),
                  *(("target_groups", g.label) for g in groups)}
        unclear = (activity.score < thresholds.unclear.activity or cost_kind.score < thresholds.unclear.cost_kind
                   or not self.informative(doc, description_end))
        return Classification(line_id=line_id, activity=activity, cost_kind=cost_kind, target_groups=groups,
                              evidence=evidence(doc, description_end, chosen), unclear=unclear)

    def informative(self, doc: Doc, description_end: int) -> bool:
        """Does the description hold a word other than stop words and vague words?"""
        return any(token.idx < description_end and token.is_alpha and len(token) > 1 and not token.is_stop
                   and fold(token.text) not in self.vague and token.norm_ not in self.vague for token in doc)


def evidence(doc: Doc, description_end: int, chosen: set[tuple[str, str]]) -> list[Evidence]:
    """Term matches in the description that support a chosen label; offsets into the description.

    Per label, a match inside a longer match is left out, and one term is kept per span.
    """
    spans: dict[tuple[str, str, int, int], Span] = {}
    for span in doc.spans.get(SPANS_KEY, []):
        axis, label, term = split_key(span.id_)
        if (axis, label) not in chosen or span.end_char > description_end:
            continue
        where = (axis, label, span.start_char, span.end_char)
        if where not in spans or _preference(span) < _preference(spans[where]):
            spans[where] = span
    kept = [w for w in spans if not any(o != w and o[:2] == w[:2] and o[2] <= w[2] and w[3] <= o[3] for o in spans)]
    result = []
    for where in sorted(kept, key=lambda w: (w[2], AXES.index(w[0]), w[1], w[3])):
        span = spans[where]
        axis, label, term = split_key(span.id_)
        result.append(Evidence(axis=axis, label=label, text=span.text, start=span.start_char,
                               end=span.end_char, term=term))
    return result


def _preference(span: Span) -> tuple[int, int]:
    """Prefer a term written like the words, then one without a wildcard."""
    term = split_key(span.id_)[2]
    return (0 if fold(term) == fold(span.text) else 1, 1 if "*" in term else 0)


def _best(scores: dict[str, float]) -> LabelScore:
    label = max(scores, key=lambda name: (scores[name], -list(scores).index(name)))
    return LabelScore(label=label, score=scores[label])


def _clip(value: float) -> float:
    return round(min(1.0, max(0.0, value)), 4)

