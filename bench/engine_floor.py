"""Benchmark: durable-rules alone, on the facts of a real review, with each JSON codec.

    python bench/engine_floor.py --lines 20000

Reviews synthetic returns (bench/synthetic.py) once, in one process, keeping every batch of
line facts that the review hands to durable-rules; then asserts the same batches again
(fresh ids and states, actions that record nothing) and prints durable-rules' CPU time per
fact with the standard library's ``json`` and with orjson (compliance/engine_json.py), next
to the whole rules stage per line. What is left between the two is the project's own Python:
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

from compliance import engine
from compliance.engine_json import OrjsonCodec
from compliance.process import settled
from compliance.stages import StageClock
from compliance.stream import ReviewStream

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import generate  # noqa: E402  (bench/ is not a package)


def captured_batches(lines: int, folder: Path) -> tuple[list[tuple[str, list[dict]]], float, int]:
    """The line-fact batches of one review, its rules-stage seconds and its line count."""
    batches: list[tuple[str, list[dict]]] = []
    original = engine._Host.assert_facts

    def keep(host, name, facts):
        if len(facts) > 1:   # a district's or the city's single fact is not a line batch
            batches.append((name, [dict(fact) for fact in facts]))
        return original(host, name, facts)

    files, table = generate(folder, lines, [2022], files=1)[2022]
    clock = StageClock()
    engine._Host.assert_facts = keep
    try:
        with settled():   # as `compliance check` does
            count = sum(1 for _ in ReviewStream(files, year=2022, allocation=table, clock=clock).events())
    finally:
        engine._Host.assert_facts = original
    return batches, clock.seconds["rules"], count


def reasserted(batches: list[tuple[str, list[dict]]]) -> float:
    """CPU seconds to assert every batch again into a fresh state, with actions doing nothing."""
    host = engine._host()
    started = time.process_time()
    for name, facts in batches:
        sid = f"bench{next(engine._IDS)}"
        fresh = [{**fact, "id": f"bench{next(engine._IDS)}", "sid": sid} for fact in facts]
        batch = engine._Batch({}, {}, lambda *_: None)
        batch.fire = lambda key, fact_id: None
        engine._ACTIVE[name] = batch
        try:
            host.assert_facts(name, fresh)
        finally:
            del engine._ACTIVE[name]
            engine._forget(name, sid)
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        batches, rules_seconds, lines = captured_batches(args.lines, Path(folder))
    facts = sum(len(batch) for _, batch in batches)
    print(f"{lines:,} lines reviewed; rules stage {rules_seconds:.2f} s = {1e6 * rules_seconds / lines:.0f} µs a line; "
          f"{facts:,} line facts of {len(batches[0][1][0])} fields in {len(batches)} batches")
    for label, codec in (("standard library json", json), ("orjson", OrjsonCodec)):
        durable.json = codec
        best = min(reasserted(batches) for _ in range(args.rounds))
        print(f"durable-rules alone, {label}: {1e6 * best / facts:.0f} µs CPU a fact (best of {args.rounds})")
    durable.json = OrjsonCodec


if __name__ == "__main__":
    main()
