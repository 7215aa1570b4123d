"""Benchmark: durable-rules alone, on the facts of a real review, with each JSON codec.

    python bench/engine_floor.py --lines 20000

Reviews synthetic returns (bench/synthetic.py) once, in one process, keeping every line's
fact; then has the review's engine (compliance/engine.py, batches of 256) evaluate the same
facts again, recording nothing, and prints its CPU time per fact with the standard library's
``json`` and with orjson (compliance/engine_json.py), next to the whole rules stage per line. What is left between the two is the project's own Python:
building facts and findings.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from durable import engine as durable

from compliance import judge
from compliance.engine import DurableEngine
from compliance.engine_json import OrjsonCodec
from compliance.facts import line_fact
from compliance.models import Scope
from compliance.process import settled
from compliance.rulebook import load_rulebook
from compliance.stages import StageClock
from compliance.stream import ReviewStream

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import generate  # noqa: E402  (bench/ is not a package)


def captured_facts(lines: int, folder: Path) -> tuple[list[dict], float]:
    """The line facts of one review, in order, and its rules-stage seconds."""
    facts: list[dict] = []

    def kept(rulebook, subject) -> dict:
        facts.append(line_fact(rulebook, subject))
        return facts[-1]

    files, table = generate(folder, lines, [2022], files=1)[2022]
    clock = StageClock()
    judge.line_fact = kept
    try:
        with settled():   # as `compliance check` does
            for _ in ReviewStream(files, year=2022, allocation=table, clock=clock).events():
                pass
    finally:
        judge.line_fact = line_fact
    return facts, clock.seconds["rules"]


def reasserted(engine: DurableEngine, facts: list[dict]) -> float:
    """CPU seconds for the engine to evaluate the facts again, recording nothing."""
    started = time.process_time()
    engine.evaluate(facts, lambda fact: fact, lambda *_: None)
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        facts, rules_seconds = captured_facts(args.lines, Path(folder))
    engine = DurableEngine(load_rulebook(2022).scope(Scope.line))
    print(f"{len(facts):,} lines reviewed; rules stage {rules_seconds:.2f} s = "
          f"{1e6 * rules_seconds / len(facts):.0f} µs a line; the engine reads {len(engine.names)} fields of each fact")
    for label, codec in (("standard library json", json), ("orjson", OrjsonCodec)):
        durable.json = codec
        best = min(reasserted(engine, facts) for _ in range(args.rounds))
        print(f"the engine alone (durable-rules and compliance/engine.py), {label}: {1e6 * best / len(facts):.0f} µs CPU a fact (best of {args.rounds})")


if __name__ == "__main__":
    main()
