"""Judging: each scope's rules over its subjects, and the reviewer's decisions applied.

:meth:`Judge.lines` does a review's per-line work for one batch (classification, purpose, line
rules, decisions, rendering). A batch's results depend on nothing but the batch and the
review's settings, so the review's own process and any number of workers (parallel.py) give the
same output.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Iterable, Iterator, Optional, Protocol, Sequence

from .decisions import DecisionLedger
from .engine import DurableEngine
from .facts import LineSubject, line_fact, line_subject
from .findings import FindingFactory
from .models import Classification, Finding, LineReview, Scope, Severity, SpendingLine
from .purposes import match_purpose, purpose_ref
from .rulebook import Rulebook, RuleCase
from .sources import LineInput, ReviewError
from .stages import NO_CLOCK, StageClock
from .taxonomy import Taxonomy
from .totals import line_status


class LineClassifier(Protocol):
    def classify(self, lines: Iterable[SpendingLine]) -> Iterator[Classification]: ...


class Evaluator(Protocol):
    def evaluate(self, subjects: Iterable, fact_of: Callable[[object], dict],
                 record: Callable[[object, RuleCase, dict], None]) -> None: ...


EngineFactory = Callable[[Sequence[RuleCase]], Evaluator]
Render = Callable[[str, LineReview, Taxonomy], Any]


def keep(district: str, review: LineReview, taxonomy: Taxonomy) -> LineReview:
    """The default rendering: the line's review itself."""
    return review


@dataclass(frozen=True)
class LineResult:
    """One judged line: what the totals need, and the line as rendered."""

    district: str
    amount: Decimal
    status: Optional[Severity]
    rendered: Any


class Judge:
    """Runs a review's rules and decisions; ``render`` turns each line's review into its output."""

    def __init__(self, rulebook: Rulebook, taxonomy: Taxonomy, ledger: DecisionLedger,
                 classifier: LineClassifier, engine: EngineFactory = DurableEngine, render: Render = keep,
                 clock: StageClock = NO_CLOCK):
        self.rulebook, self.taxonomy, self.ledger = rulebook, taxonomy, ledger
        self.classifier, self.render, self.clock = classifier, render, clock
        self.factory = FindingFactory(rulebook, taxonomy.grant_year)
        self.order = {case.rule: i for i, case in reversed(list(enumerate(rulebook.cases)))}
        self.engines = {scope: engine(rulebook.scope(scope)) for scope in Scope}

    def lines(self, batch: Sequence[LineInput]) -> list[LineResult]:
        """Classify and judge a batch of lines."""
        with self.clock("classify"):
            subjects = list(self._subjects(batch))
        with self.clock("rules"):
            self.engines[Scope.line].evaluate(subjects, lambda s: line_fact(self.rulebook, s), self._record)
            reviews = [self._line_review(subject) for subject in subjects]
        with self.clock("output"):
            return [LineResult(subject.district, subject.line.amount, line_status(review.findings),
                               self.render(subject.district, review, self.taxonomy))
                    for subject, review in zip(subjects, reviews)]

    def one(self, scope: Scope, subject) -> list[Finding]:
        """The decided findings of one district or of the city."""
        self.engines[scope].evaluate([subject], lambda s: s.fact, self._record)
        return self._decided(subject.findings)

    def _subjects(self, batch: Sequence[LineInput]) -> Iterator[LineSubject]:
        results = self.classifier.classify(item.line for item in batch)
        for item in batch:
            classification = next(results, None)
            if classification is None or classification.line_id != item.line.id:
                raise ReviewError(f"klassificeraren svarade inte för rad '{item.line.id}'")
            yield line_subject(item.line, item.ref, item.district, classification,
                               match_purpose(self.taxonomy, classification), item.duplicate_of)

    def _line_review(self, subject: LineSubject) -> LineReview:
        purpose = purpose_ref(self.taxonomy, subject.purpose) if subject.purpose else None
        return LineReview(ref=subject.ref, line=subject.line, classification=subject.classification,
                          purpose=purpose, findings=self._decided(subject.findings))

    def _record(self, subject, case: RuleCase, fact: dict) -> None:
        subject.findings.append(self.factory.make(case, subject, fact))

    def _decided(self, findings: list[Finding]) -> list[Finding]:
        return [self.ledger.apply(f) for f in sorted(findings, key=lambda f: self.order[f.rule])]
