"""Regenerate the example memos in examples/memos/ (run after changing rules, templates or
the classifier; tests/memo/test_example_memos.py fails until you do):

    .venv/bin/python tools/example_memos.py
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from compliance.allocation import load_allocation
from compliance.memo import Memo, memos
from compliance.models import LineKind
from compliance.review import review

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
OUTPUT = EXAMPLES / "memos"
DATE = dt.date(2023, 3, 1)
ALLOCATION = EXAMPLES / "allocations" / "stockholm-2022.yaml"
RETURNS = ["utfall_rinkeby-kista_2022.csv", "utfall_sodermalm_2022.csv", "utfall_enskede-arsta-vantor_2022.xlsx"]
SPECS = {
    # kind: (input files, line kind, decisions file)
    "risk": (["utfall_sodermalm_2022.csv"], LineKind.utfall, "beslut_sodermalm_2022.yaml"),
    "city": (RETURNS, LineKind.utfall, None),
    "self": (["plan_farsta_2022.csv"], LineKind.plan, None),
}


def example_memos() -> list[Memo]:
    """The example memos, one of each kind, built exactly as the shipped files were."""
    table = load_allocation(ALLOCATION)
    result = []
    for kind, (files, line_kind, decisions) in SPECS.items():
        reviewed = review([EXAMPLES / "2022" / f for f in files], year=2022, allocation=table, kind=line_kind,
                          decisions=EXAMPLES / "2022" / decisions if decisions else None)
        result += memos(reviewed, kind, city=table.city, date=DATE, author="Exempel Granskare",
                        diarienummer="Dnr 3.1.2-000/2023")
    return result


def main() -> None:
    OUTPUT.mkdir(exist_ok=True)
    for memo in example_memos():
        for fmt in ("md", "html", "pdf"):
            path = OUTPUT / memo.file_name(fmt)
            path.write_bytes(memo.render(fmt))
            print(f"Skrev {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
