"""The whole review, one function for the CLI, the web app and the memo writer:

ingest → classify → line rules → decisions → district rules → decisions → city rules →
decisions → totals (definitions in totals.py).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Protocol, Sequence

from .allocation import load_allocation
from .decisions import DecisionLedger, load_decisions
from .districts import DistrictNames
from .duplicates import DuplicateIndex
from .engine import DurableEngine
from .facts import LineSubject, city_subject, district_subject, line_fact, line_subject
from .findings import FindingFactory
from .ingest import ingest_file
from .models import (
    AllocationTable,
    Classification,
    Decision,
    DistrictReview,
    FileReport,
    Finding,
    LineKind,
    LineReview,
    Reconciliation,
    Review,
    Scope,
    SpendingLine,
)
from .purposes import match_purpose, purpose_ref
from .rulebook import Rulebook, RuleCase, load_rulebook
from .taxonomy import Taxonomy, load_taxonomy
from .totals import ZERO, city_totals, district_money, totals


class ReviewError(ValueError):
    """The input cannot be reviewed as given; the message says why, in Swedish."""


class LineClassifier(Protocol):
    def classify(self, lines: Iterable[SpendingLine]) -> Iterator[Classification]: ...


class Evaluator(Protocol):
    def evaluate(self, subjects: Iterable, fact_of: Callable[[object], dict],
                 record: Callable[[object, RuleCase, dict], None]) -> None: ...


@dataclass
class _Input:
    line: SpendingLine
    file: Optional[str]
    district: str = ""
    ref: str = ""


def review(files: Sequence[Path | str] = (), *, year: int, allocation: AllocationTable | Path | str,
           lines: Iterable[SpendingLine] = (), kind: LineKind = LineKind.utfall, district: Optional[str] = None,
           submitted: Optional[dt.date] = None, decisions: Path | str | Sequence[Decision] | None = None,
           classifier: Optional[LineClassifier] = None,
           engine: Callable[[Sequence[RuleCase]], Evaluator] = DurableEngine) -> Review:
    """Review district files (and/or lines) of one grant year against its rules.

    ``district`` names the committee of lines without a ``nämnd``; ``submitted`` is the date
    of the return (the late-return rule runs only when it is known); ``decisions`` is a
    decisions file or list; ``classifier`` defaults to the shipped one; ``engine`` builds an
    evaluator from rule cases. Raises ReviewError, DecisionError, IngestError or
    DataFileError on bad input, and RuleActionError/EngineError if the engine fails.
    """
    taxonomy = load_taxonomy(year)
    rulebook = load_rulebook(year)
    table = allocation if isinstance(allocation, AllocationTable) else load_allocation(allocation)
    if table.year and table.year != year:
        raise ReviewError(f"fördelningen gäller {table.year}, men granskningen gäller {year}")
    names = DistrictNames(a.recipient for a in table.allocations)
    inputs, reports = _ingest(files, kind, district, names)
    direct = [_Input(line, line.source.file if line.source else None) for line in lines]
    inputs += direct
    kind = _kind(inputs, kind)
    groups = _group(inputs, names, district)
    districts = _district_order(table, groups, reports, kind)

    ledger = DecisionLedger(_decisions(decisions), names)
    refs: dict[str, list[str]] = {}
    for item in inputs:
        refs.setdefault(item.ref, []).append(item.district)
    ledger.check(refs, districts, rulebook.rule_scopes)

    factory = FindingFactory(rulebook, taxonomy.grant_year)
    order = {case.rule: i for i, case in reversed(list(enumerate(rulebook.cases)))}
    judge = _Judge(rulebook, factory, ledger, order, engine)
    if classifier is None:
        from .classify import load_classifier  # spaCy: loaded only when no classifier is given
        classifier = load_classifier(year=year)
    subjects = judge.lines(_line_subjects(inputs, classifier, taxonomy))
    by_district: dict[str, list[LineReview]] = {name: [] for name in districts}
    for subject in subjects:
        by_district[subject.district].append(_line_review(subject, taxonomy))

    allocated = {a.recipient: a.amount for a in table.allocations}
    district_reviews = []
    for name in districts:
        money = district_money(allocated.get(name, ZERO), by_district[name])
        files_here = sorted({r.file for r in reports if name in r.districts}
                            | {i.file for i in groups.get(name, []) if i.file})
        subject = district_subject(name, kind, money, name in allocated, len(by_district[name]), len(files_here),
                                   submitted)
        district_reviews.append(DistrictReview(district=name, kind=kind, files=files_here, lines=by_district[name],
                                               findings=judge.one(Scope.district, subject), totals=totals(money)))

    city = city_totals(d.totals for d in district_reviews)
    subject = city_subject(kind, city.model_dump(), table.requisitioned or table.printed_total, table.total)
    city_findings = judge.one(Scope.city, subject)
    ledger.check_all_used()
    reconciliation = Reconciliation(
        file_total=sum((r.totals.file for r in reports), ZERO),
        accepted=sum((r.totals.accepted for r in reports), ZERO),
        rejected=sum((r.totals.rejected for r in reports), ZERO),
        direct=sum((i.line.amount for i in direct), ZERO), spent=city.spent)
    return Review(year=year, kind=kind, submitted=submitted, districts=district_reviews, findings=city_findings,
                  totals=city, files=reports, reconciliation=reconciliation)


class _Judge:
    """Runs one scope's rules over subjects and applies the reviewer's decisions."""

    def __init__(self, rulebook: Rulebook, factory: FindingFactory, ledger: DecisionLedger, order: dict[str, int],
                 engine: Callable[[Sequence[RuleCase]], Evaluator]):
        self.rulebook, self.factory, self.ledger, self.order = rulebook, factory, ledger, order
        self.engines = {scope: engine(rulebook.scope(scope)) for scope in Scope}

    def lines(self, subjects: Iterable[LineSubject]) -> list[LineSubject]:
        kept: list[LineSubject] = []

        def keep(stream: Iterable[LineSubject]) -> Iterator[LineSubject]:
            for subject in stream:
                kept.append(subject)
                yield subject

        self.engines[Scope.line].evaluate(keep(subjects), lambda s: line_fact(self.rulebook, s), self._record)
        for subject in kept:
            subject.findings = self._decided(subject.findings)
        return kept

    def one(self, scope: Scope, subject) -> list[Finding]:
        self.engines[scope].evaluate([subject], lambda s: s.fact, self._record)
        return self._decided(subject.findings)

    def _record(self, subject, case: RuleCase, fact: dict) -> None:
        subject.findings.append(self.factory.make(case, subject, fact))

    def _decided(self, findings: list[Finding]) -> list[Finding]:
        return [self.ledger.apply(f) for f in sorted(findings, key=lambda f: self.order[f.rule])]


def _ingest(files: Sequence[Path | str], kind: LineKind, district: Optional[str],
            names: DistrictNames) -> tuple[list[_Input], list[FileReport]]:
    inputs, reports = [], []
    for path in files:
        result = ingest_file(path, kind=kind, district=district)
        name = Path(path).name
        inputs += [_Input(line, name) for line in result.lines]
        found = {names.resolve(line.district) for line in result.lines if line.district}
        if not found and district:
            found = {names.resolve(district)}
        reports.append(FileReport(file=name, kind=kind, districts=sorted(found), lines=len(result.lines),
                                  rejections=result.rejections, notices=result.notices, totals=result.totals))
    return inputs, reports


def _kind(inputs: list[_Input], default: LineKind) -> LineKind:
    kinds = {item.line.kind for item in inputs}
    if len(kinds) > 1:
        raise ReviewError("granskningen blandar planer och utfall; granska dem var för sig")
    return kinds.pop() if kinds else default


def _group(inputs: list[_Input], names: DistrictNames, default: Optional[str]) -> dict[str, list[_Input]]:
    """Assign each line its district and a ref that is unique within the district."""
    groups: dict[str, list[_Input]] = {}
    for item in inputs:
        written = item.line.district or default
        if not written:
            where = f"{item.file}: rad {item.line.source.row}" if item.line.source else f"raden {item.line.id}"
            raise ReviewError(f"{where}: nämnd saknas; fyll i kolumnen ”nämnd” eller ange --district")
        item.district = names.resolve(written)
        groups.setdefault(item.district, []).append(item)
    for name, items in groups.items():
        counts: dict[str, int] = {}
        for item in items:
            counts[item.line.id] = counts.get(item.line.id, 0) + 1
        seen = set()
        for item in items:
            item.ref = item.line.id if counts[item.line.id] == 1 else f"{item.file}/{item.line.id}"
            if item.ref in seen:
                raise ReviewError(f"{name}: rad-id '{item.line.id}' förekommer flera gånger i samma underlag")
            seen.add(item.ref)
    return groups


def _district_order(table: AllocationTable, groups: dict, reports: list[FileReport], kind: LineKind) -> list[str]:
    """Districts in allocation order, then unknown ones; a return review covers every committee."""
    present = list(groups) + [d for r in reports for d in r.districts]
    listed = [a.recipient for a in table.allocations]
    ordered = [name for name in listed if kind is LineKind.utfall or name in present]
    return ordered + [name for name in dict.fromkeys(present) if name not in listed]


def _decisions(decisions: Path | str | Sequence[Decision] | None) -> list[Decision]:
    if decisions is None:
        return []
    if isinstance(decisions, (str, Path)):
        return load_decisions(decisions)
    return list(decisions)


def _line_subjects(inputs: list[_Input], classifier: LineClassifier, taxonomy: Taxonomy) -> Iterator[LineSubject]:
    duplicates = DuplicateIndex()
    results = classifier.classify(item.line for item in inputs)
    for item in inputs:
        classification = next(results, None)
        if classification is None or classification.line_id != item.line.id:
            raise ReviewError(f"klassificeraren svarade inte för rad '{item.line.id}'")
        yield line_subject(item.line, item.ref, item.district, classification, match_purpose(taxonomy, classification),
                           duplicates.earlier(item.district, item.line, item.ref))


def _line_review(subject: LineSubject, taxonomy: Taxonomy) -> LineReview:
    purpose = purpose_ref(taxonomy, subject.purpose) if subject.purpose else None
    return LineReview(ref=subject.ref, line=subject.line, classification=subject.classification, purpose=purpose,
                      findings=subject.findings)
