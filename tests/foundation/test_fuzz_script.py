"""bench/fuzz_ingest.py works: a short run tries inputs and finds no crash and no lost krona."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "fuzz_ingest.py"


def test_a_short_fuzz_run_reports_its_figures():
    run = subprocess.run([sys.executable, str(SCRIPT), "--seconds", "2", "--seed", "1"], capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    tried = int(re.search(r"fuzz ingest: (\d+) indata prövade", run.stdout).group(1))
    assert tried >= 50 and "krascher: 0, förlorade belopp: 0" in run.stdout
