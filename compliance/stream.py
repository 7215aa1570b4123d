"""The review as a stream: lines come out judged as they are read; only totals are kept.

    stream = ReviewStream(files, year=2022, allocation=table)
    for item in stream.events():      # Rejection or LineResult, in input order
        ...
    summary = stream.summary          # districts, city findings, totals, files, reconciliation

ingest → classify → line rules → decisions (judge.py, in batches, optionally in several
processes) → district totals and rules → city totals and rules. Memory does not grow with the
input beyond the bounded indexes of sources.py and duplicates.py. review.py collects the stream
into one :class:`~compliance.models.Review`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional, Sequence

from .allocation import load_allocation
from .decisions import DecisionLedger, load_decisions
from .districts import DistrictNames
from .engine import BATCH_SIZE, DurableEngine
from .facts import city_subject, district_subject
from .judge import EngineFactory, Judge, LineClassifier, LineResult, Render, keep
from .models import (AllocationTable, Decision, FileReport, Finding, LineKind, Reconciliation, Rejection, Scope,
                     Severity, SpendingLine, Totals)
from .parallel import judged, mapped, worker_count
from .rulebook import load_rulebook
from .sources import LineInput, ReviewError, Sources, file_keys
from .stages import NO_CLOCK, StageClock
from .taxonomy import load_taxonomy
from .totals import ZERO, DistrictTally, city_totals, district_money, totals

BATCH_LINES = BATCH_SIZE   # a batch of lines is one durable-rules run


@dataclass(frozen=True)
class DistrictSummary:
    district: str
    kind: LineKind
    files: list[str]
    lines: int
    findings: list[Finding]
    totals: Totals


@dataclass(frozen=True)
class Summary:
    """What a review says beyond its lines. The file reports carry no rejections: the stream
    gave those out as they came, ``rejected[i]`` of them for ``files[i]``."""

    kind: LineKind
    districts: list[DistrictSummary]
    findings: list[Finding]
    totals: Totals
    files: list[FileReport]
    rejected: list[int]
    reconciliation: Reconciliation
    error_rows: int
    line_severities: frozenset[Severity]   # of the lines' standing findings (line_status)


class ReviewStream:
    """One review of one grant year's district files and/or lines (see :func:`compliance.review.review`
    for the arguments); ``render`` makes each judged line's output, ``workers`` is the number
    of processes that judge lines (0: one per core)."""

    def __init__(self, files: Sequence[Path | str] = (), *, year: int, allocation: AllocationTable | Path | str,
                 lines: Sequence[SpendingLine] = (), kind: LineKind = LineKind.utfall, district: Optional[str] = None,
                 submitted: Optional[dt.date] = None, decisions: Path | str | Sequence[Decision] | None = None,
                 classifier: Optional[LineClassifier] = None, engine: EngineFactory = DurableEngine,
                 render: Render = keep, workers: int = 1, clock: StageClock = NO_CLOCK):
        self.year, self.kind, self.submitted, self.clock = year, kind, submitted, clock
        self.taxonomy, self.rulebook = load_taxonomy(year), load_rulebook(year)
        self.table = allocation if isinstance(allocation, AllocationTable) else load_allocation(allocation)
        if self.table.year and self.table.year != year:
            raise ReviewError(f"fördelningen gäller {self.table.year}, men granskningen gäller {year}")
        names = DistrictNames(a.recipient for a in self.table.allocations)
        self.sources = Sources(files, list(lines), kind, district, names)
        self.ledger = DecisionLedger(_decisions(decisions), names)
        if classifier is None:
            from .classify import load_classifier  # spaCy: loaded only when no classifier is given
            classifier = load_classifier(year=year)
        self.judge = Judge(self.rulebook, self.taxonomy, self.ledger, classifier, engine, render, clock)
        self.workers = worker_count(workers)
        self._summary: Optional[Summary] = None

    @property
    def summary(self) -> Summary:
        """The districts, the city and the files; available once :meth:`events` is exhausted."""
        if self._summary is None:
            raise RuntimeError("the review's lines have not all been read")
        return self._summary

    def events(self) -> Iterator[Rejection | LineResult]:
        """Every rejected row and every judged line, in input order; then the summary is made."""
        sources, reading = self.sources, _Reading(self.ledger.line_refs)
        if sources.several:
            with self.clock("ingest"):
                sources.share(mapped(file_keys, [(path, self.kind, sources.district, sources.names)
                                                 for path in sources.files], self.workers))
        batches = reading.batches(sources.records(), self.clock)
        for number, results in enumerate(judged(self.judge, batches, self.workers)):
            with self.clock("totals"):
                reading.count(results)
            for position, result in enumerate(results):
                if reading.waiting:
                    yield from reading.waiting.pop((number, position), ())
                yield result
        yield from (rejection for place in sorted(reading.waiting) for rejection in reading.waiting[place])
        with self.clock("totals"):
            self._summary = self._summarise(reading)

    def _summarise(self, reading: "_Reading") -> Summary:
        kind = next(iter(reading.kinds), self.kind)
        reports = self.sources.reports
        districts = _district_order(self.table, reading.tallies, reports, kind)
        allocated = {a.recipient: a.amount for a in self.table.allocations}
        summaries = []
        for name in districts:
            tally = reading.tallies.get(name, DistrictTally())
            money = district_money(allocated.get(name, ZERO), tally)
            here = sorted({r.file for r in reports if name in r.districts} | reading.files.get(name, set()))
            subject = district_subject(name, kind, money, name in allocated, tally.lines, len(here), self.submitted)
            summaries.append(DistrictSummary(name, kind, here, tally.lines, self.judge.one(Scope.district, subject),
                                             totals(money)))
        city = city_totals(d.totals for d in summaries)
        subject = city_subject(kind, city.model_dump(), self.table.requisitioned or self.table.printed_total,
                               self.table.total)
        findings = self.judge.one(Scope.city, subject)
        self.ledger.finish(reading.owners, districts, self.rulebook.rule_scopes)
        reconciliation = Reconciliation(
            file_total=sum((r.totals.file for r in reports), ZERO),
            accepted=sum((r.totals.accepted for r in reports), ZERO),
            rejected=sum((r.totals.rejected for r in reports), ZERO), direct=self.sources.direct_total,
            spent=city.spent)
        return Summary(kind, summaries, findings, city, list(reports), list(self.sources.rejected), reconciliation,
                       self.sources.errors, frozenset(reading.severities))


@dataclass
class _Reading:
    """What a stream keeps while it reads: per district its tallies and files, the districts
    of the lines that decisions name, the lines' kind, and rejections waiting for their turn:
    a rejection is given out just before the line read after it, at (batch, position)."""

    refs: set[str]
    tallies: dict[str, DistrictTally] = field(default_factory=dict)
    files: dict[str, set[str]] = field(default_factory=dict)
    owners: dict[str, list[str]] = field(default_factory=dict)
    kinds: set[LineKind] = field(default_factory=set)
    severities: set[Severity] = field(default_factory=set)
    waiting: dict[tuple[int, int], list[Rejection]] = field(default_factory=dict)

    def batches(self, records: Iterator[LineInput | Rejection], clock: StageClock) -> Iterator[list[LineInput]]:
        """The lines in batches; ReviewError when plans and returns are mixed."""
        made = 0
        while True:
            with clock("ingest"):
                batch = self._batch(records, made)
            if not batch:
                return
            yield batch
            made += 1

    def _batch(self, records: Iterator[LineInput | Rejection], number: int) -> list[LineInput]:
        """Up to a batch of lines from ``records``, the rejections among them kept as waiting."""
        batch: list[LineInput] = []
        for record in records:
            if isinstance(record, Rejection):
                self.waiting.setdefault((number, len(batch)), []).append(record)
                continue
            self.kinds.add(record.line.kind)
            if len(self.kinds) > 1:
                raise ReviewError("granskningen blandar planer och utfall; granska dem var för sig")
            if record.file:
                self.files.setdefault(record.district, set()).add(record.file)
            if record.ref in self.refs:
                self.owners.setdefault(record.ref, []).append(record.district)
            batch.append(record)
            if len(batch) == BATCH_LINES:
                break
        return batch

    def count(self, results: Sequence[LineResult]) -> None:
        for result in results:
            self.tallies.setdefault(result.district, DistrictTally()).add(result.amount, result.status)
            if result.status is not None:
                self.severities.add(result.status)


def _district_order(table: AllocationTable, present: dict, reports: list[FileReport], kind: LineKind) -> list[str]:
    """Districts in allocation order, then unknown ones; a return review covers every committee."""
    seen = list(present) + [d for r in reports for d in r.districts]
    listed = [a.recipient for a in table.allocations]
    ordered = [name for name in listed if kind is LineKind.utfall or name in seen]
    return ordered + [name for name in dict.fromkeys(seen) if name not in listed]


def _decisions(decisions: Path | str | Sequence[Decision] | None) -> list[Decision]:
    if decisions is None:
        return []
    if isinstance(decisions, (str, Path)):
        return load_decisions(decisions)
    return list(decisions)
