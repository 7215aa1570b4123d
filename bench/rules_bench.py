"""Benchmark: synthetic spending lines through the rules, printing lines/s and memory.

    python bench/rules_bench.py                 # 100 000 lines: engine stage, then whole review
    python bench/rules_bench.py --lines 30000 --stage engine

Stage ``engine``: facts are built (signals included) and evaluated by durable-rules one at a
time in a stream; nothing is kept, so resident memory must stay flat however many lines
pass: it is sampled every 10 % to show that the engine's state is bounded.
Stage ``review``: the same lines through compliance.review.review (explicit classifications,
so no spaCy), which keeps every line and finding for its result.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import time
from collections import Counter
from decimal import Decimal
from typing import Iterator

from compliance.engine import DurableEngine
from compliance.facts import line_fact, line_subject
from compliance.models import Allocation, AllocationTable, Classification, LabelScore, Scope, SpendingLine
from compliance.purposes import match_purpose
from compliance.review import review
from compliance.rulebook import load_rulebook
from compliance.taxonomy import load_taxonomy

YEAR = 2022
DISTRICTS = ["Rinkeby-Kista", "Södermalm", "Farsta", "Skarpnäck"]
# description, account, activity, cost kind, target groups
TEMPLATES = [
    ("FREDA-utb handl vuxenenh {n} delt", "76500", "bedomningsmetoder", "utbildning", ["valdsutsatta_vuxna"]),
    ("Handledning VNR-team {m}", "74500", "kompetensutveckling", "tjanst", ["valdsutsatta_vuxna"]),
    ("SKYDDAT BOENDE DYGNSAVG {n} DGR", "46200", "boende", "placering", ["valdsutsatta_vuxna"]),
    ("Rutiner för skyddat boende-placeringar del {n}", "74500", "rutiner", "tjanst", ["valdsutsatta_vuxna"]),
    ("Omf lön projektanst samordnare heder visstid {m} 50%", "50120", "samordning", "lon", ["hedersrelaterat"]),
    ("Omf lön kvinnofridssamordnare tillsv {m}", "50110", "samordning", "lon", ["valdsutsatta_vuxna"]),
    ("Hyra befintlig lokal IFO-mottagning {m}", "60100", "ovrigt", "lokal", []),
    ("Inköp {n} bärbara datorer", "40100", "ovrigt", "utrustning", []),
    ("Tolk stödsamtal {m}", "74520", "stodinsatser", "tjanst", []),
    ("Julbord enheten {n}", "71100", "ovrigt", "ovrigt", []),
    ("Behandlingssamtal våldsutövare {n} ggr", "74500", "behandling", "tjanst", ["valdsutovare"]),
    ("Diverse", None, "ovrigt", "material", []),
]
MONTHS = ["jan", "feb", "mars", "april", "maj", "juni", "juli", "aug", "sep", "okt", "nov", "dec"]


def synthetic(count: int, seed: int = 2022) -> Iterator[tuple[SpendingLine, Classification]]:
    rng = random.Random(seed)
    for number in range(count):
        text, account, activity, cost_kind, groups = rng.choice(TEMPLATES)
        line_id = f"B{number:06d}"
        day = dt.date(YEAR, 1, 1) + dt.timedelta(days=rng.randrange(-20, 385))
        line = SpendingLine(
            id=line_id, district=rng.choice(DISTRICTS), date=day, account=account,
            description=text.format(n=rng.randrange(1, 40), m=rng.choice(MONTHS)),
            amount=Decimal(rng.randrange(100_00, 60_000_00)) / 100, recurring=rng.choice([None, True, False]))
        score = rng.choice([0.35, 0.8, 0.95])
        yield line, Classification(line_id=line_id, activity=LabelScore(label=activity, score=score),
                                   cost_kind=LabelScore(label=cost_kind, score=score),
                                   target_groups=[LabelScore(label=g, score=score) for g in groups],
                                   unclear=score < 0.5)


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * resource.getpagesize() / 2**20


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def engine_stage(count: int) -> None:
    rulebook, taxonomy = load_rulebook(YEAR), load_taxonomy(YEAR)
    engine = DurableEngine(rulebook.scope(Scope.line))
    findings: Counter = Counter()
    samples = []
    step = max(count // 10, 1)

    def subjects():
        for number, (line, classification) in enumerate(synthetic(count), start=1):
            purpose = match_purpose(taxonomy, classification)
            yield line_subject(line, line.id, line.district, classification, purpose, None)
            if number % step == 0:
                samples.append((number, rss_mb()))

    start = time.perf_counter()
    engine.evaluate(subjects(), lambda s: line_fact(rulebook, s), lambda s, case, fact: findings.update([case.rule]))
    seconds = time.perf_counter() - start
    print(f"engine: {count} lines in {seconds:.1f} s = {count / seconds:,.0f} lines/s; "
          f"{sum(findings.values())} findings {dict(findings.most_common())}")
    print("engine: resident memory (lines: MB) " + ", ".join(f"{n}: {mb:.0f}" for n, mb in samples))
    growth = samples[-1][1] - samples[0][1]
    print(f"engine: growth from first to last sample {growth:+.1f} MB; peak RSS so far {peak_mb():.0f} MB")


def review_stage(count: int) -> None:
    pairs = list(synthetic(count))
    table = AllocationTable(city="Bänkstad", year=YEAR, requisitioned=Decimal("4000000"),
                            allocations=[Allocation(recipient=d, amount=Decimal("1000000")) for d in DISTRICTS])

    class Stub:
        def classify(self, lines):
            for _, classification in pairs:
                yield classification

    before = rss_mb()
    start = time.perf_counter()
    result = review(year=YEAR, allocation=table, lines=[line for line, _ in pairs], classifier=Stub())
    seconds = time.perf_counter() - start
    flagged = sum(1 for d in result.districts for r in d.lines if r.findings)
    print(f"review: {count} lines in {seconds:.1f} s = {count / seconds:,.0f} lines/s; {flagged} lines flagged; "
          f"repayment risk {result.totals.repayment_risk} kr; reconciles {result.reconciliation.reconciles}")
    print(f"review: resident memory {before:.0f} -> {rss_mb():.0f} MB (holds every line and finding); "
          f"peak RSS {peak_mb():.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--stage", choices=["engine", "review", "both"], default="both")
    args = parser.parse_args()
    if args.stage in ("engine", "both"):
        engine_stage(args.lines)
    if args.stage in ("review", "both"):
        review_stage(args.lines)


if __name__ == "__main__":
    main()
