"""Benchmark: the real review pipeline on synthetic returns, per stage, against the NLP floor.

    python bench/pipeline_bench.py                          # 100 000 lines, 1 and 2 workers
    python bench/pipeline_bench.py --lines 1000000 --workers 1 --no-floor

Runs what ``compliance check FILES --format jsonl --workers N`` runs (ReviewStream and
write_jsonl, output to a file) on returns from bench/synthetic.py, and prints per stage
(ingest, classify, rules, totals, output) the seconds spent in it, lines/s and peak resident
memory, then end to end. With several workers the stage seconds are summed over processes.
Resident memory is sampled every tenth of the lines, and the outputs of the runs are compared
byte for byte. The floor, in the same process and run:
spaCy's tokenizer and lookup lemmatizer alone over the same texts (``spacy.blank("sv")`` with
the stock ``lemmatizer``), and the pipeline's own tokenizer and lemmatizer; the end-to-end
time is printed as a multiple of the floor.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator, TextIO

import spacy

from compliance.classify import load_classifier
from compliance.classify.pipeline import LEMMATIZER
from compliance.classify.text import spending_line_text
from compliance.ingest import iter_records
from compliance.models import SpendingLine
from compliance.process import settled
from compliance.review_jsonl import line_record, write_jsonl
from compliance.stages import STAGES, StageClock, peak_rss_mb
from compliance.stream import ReviewStream

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import generate  # noqa: E402  (bench/ is not a package)


def machine() -> str:
    meminfo = dict(line.split(":", 1) for line in Path("/proc/meminfo").read_text().splitlines())
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return (f"{os.cpu_count()} cores ({cpu}), {int(meminfo['MemTotal'].split()[0]) / 2**20:.1f} GiB memory, "
            f"Python {platform.python_version()}, spaCy {spacy.__version__}, load average {os.getloadavg()[0]:.2f}")


def rss_mb(pid: int | str = "self") -> float:
    """Resident memory now, from /proc."""
    with open(f"/proc/{pid}/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def pss_mb(pid: int | str = "self") -> float:
    """Proportional memory now: pages shared with forked workers count once in the sum."""
    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    return next(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")) / 1024


def children() -> list[int]:
    found = []
    for task in Path("/proc/self/task").iterdir():
        found += [int(pid) for pid in (task / "children").read_text().split()]
    return found


class Sampler:
    """An output file that samples resident memory (this process and its workers) every ``step`` lines."""

    def __init__(self, out: TextIO, step: int):
        self.out, self.step, self.lines = out, step, 0
        self.samples: list[tuple[int, float, float, float]] = []

    def write(self, text: str) -> None:
        self.out.write(text)
        self.lines += 1
        if self.lines % self.step == 0:
            workers = children()
            self.samples.append((self.lines, rss_mb(), sum(rss_mb(pid) for pid in workers),
                                 pss_mb() + sum(pss_mb(pid) for pid in workers)))


def run(files: list[Path], table: Path, year: int, workers: int, lines: int, output: Path) -> float:
    clock = StageClock()
    started = time.perf_counter()
    with open(output, "w", encoding="utf-8") as handle:
        sampler = Sampler(handle, max(lines // 10, 1))
        stream = ReviewStream(files, year=year, allocation=table, render=line_record, workers=workers, clock=clock)
        setup = time.perf_counter() - started
        with settled():  # as `compliance check` does
            summary = write_jsonl(stream, sampler)
    seconds = time.perf_counter() - started
    print(f"\n## {workers} worker{'s' if workers > 1 else ''}: {lines:,} lines, "
          f"{sum(d.lines for d in summary.districts):,} reviewed in {len(summary.districts)} districts, "
          f"{output.stat().st_size / 2**20:,.0f} MB of JSON Lines")
    print("| stage | seconds | lines/s | peak RSS MB |\n|---|---:|---:|---:|")
    for stage in STAGES:
        spent = clock.seconds.get(stage, 0.0)
        print(f"| {stage} | {spent:.2f} | {lines / spent if spent else 0:,.0f} | {clock.peak_mb.get(stage, 0):.0f} |")
    other = seconds - setup - sum(clock.seconds.values())
    if workers == 1:
        print(f"| other (setup {setup:.2f} s: model, rules; the rest: generators, writing) | {setup + other:.2f} | | |")
    peak = max(peak_rss_mb(), max((m for _, m, _, _ in sampler.samples), default=0))
    print(f"| **end to end** | **{seconds:.2f}** | **{lines / seconds:,.0f}** | {peak:.0f} |")
    print("resident memory (lines: RSS of this process + RSS of the workers, PSS of all; MB): "
          + ", ".join(f"{n:,}: {mine:.0f}+{theirs:.0f}, {pss:.0f}" for n, mine, theirs, pss in sampler.samples))
    if len(sampler.samples) > 1:
        first, last = sampler.samples[0], sampler.samples[-1]
        print(f"growth from {first[0]:,} to {last[0]:,} lines: this process {last[1] - first[1]:+.0f} MB, "
              f"workers {last[2] - first[2]:+.0f} MB, all (PSS) {last[3] - first[3]:+.0f} MB")
    return seconds


def digest(path: Path) -> str:
    found = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            found.update(block)
    return found.hexdigest()


def texts(files: list[Path]) -> Iterator[str]:
    """What the classifier reads of each line (description, account text, counterparty)."""
    for path in files:
        for record in iter_records(path):
            if isinstance(record, SpendingLine):
                yield spending_line_text(record).text


def floor(files: list[Path], year: int) -> tuple[float, float]:
    """Seconds for spaCy's stock tokenizer + lookup lemmatizer, and for the pipeline's own."""
    corpus = list(texts(files))
    stock = spacy.blank("sv")
    stock.add_pipe("lemmatizer", config={"mode": "lookup"})
    stock.initialize()
    own = load_classifier(year=year).nlp
    timings = []
    for nlp, names in ((stock, ["lemmatizer"]), (own, [LEMMATIZER])):
        with nlp.select_pipes(enable=names):
            for _ in nlp.pipe(corpus[:2000]):  # warm up the lookup tables
                pass
            started = time.perf_counter()
            for _ in nlp.pipe(corpus, batch_size=256):
                pass
            timings.append(time.perf_counter() - started)
    print(f"\n## floor over the same {len(corpus):,} texts")
    print(f"spaCy tokenizer + stock lookup lemmatizer: {timings[0]:.2f} s = {len(corpus) / timings[0]:,.0f} lines/s")
    print(f"the pipeline's tokenizer + its lemmatizer:  {timings[1]:.2f} s = {len(corpus) / timings[1]:,.0f} lines/s")
    return timings[0], timings[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--workers", default="1,2", help="comma-separated, e.g. 1,2")
    parser.add_argument("--files", type=int, default=1, help="input files to spread the lines over")
    parser.add_argument("--year", type=int, default=2022)
    parser.add_argument("--folder", type=Path, help="where to write the returns (default: a temporary folder)")
    parser.add_argument("--no-floor", action="store_true")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        folder = args.folder or Path(scratch)
        started = time.perf_counter()
        files, table = generate(folder, args.lines, [args.year], files=args.files)[args.year]
        print(f"generated {args.lines:,} lines in {len(files)} file(s) in {time.perf_counter() - started:.0f} s")
        load_classifier(year=args.year)  # train or load the model before timing
        outputs = {int(w): Path(scratch) / f"review-{w}.jsonl" for w in args.workers.split(",")}
        results = {w: run(files, table, args.year, w, args.lines, output) for w, output in outputs.items()}
        if len(outputs) > 1:
            same = "yes" if len({digest(output) for output in outputs.values()}) == 1 else "NO"
            print(f"\noutputs of {', '.join(map(str, outputs))} worker(s) byte for byte the same: {same}")
        if args.no_floor:
            return
        stock, own = floor(files, args.year)
        for workers, seconds in results.items():
            print(f"end to end with {workers} worker(s) = {seconds / stock:.1f} × the spaCy floor, "
                  f"{seconds / own:.1f} × the pipeline's own tokenizer + lemmatizer")


if __name__ == "__main__":
    main()
