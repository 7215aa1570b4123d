"""Fuzz ingest for a fixed time: hypothesis writes hostile CSV, XLSX and JSON returns, and
every one must be read or refused in Swedish, never crash, and lose no krona.

    python bench/fuzz_ingest.py                  # 60 seconds
    python bench/fuzz_ingest.py --seconds 600 --seed 7

An input *crashes* when ingest raises anything but IngestError (the Swedish refusal of a
whole file). An amount is *lost* when accepted + rejected differs from the file's total, or,
for an input written cell by cell, when a row's readable amount is not on exactly that row's
line or rejection. Byte-level mutations of the files are fuzzed too (only the totals are
checked then). A failure is shrunk by hypothesis and printed; the exit code is 1.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import random
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Optional

from hypothesis import HealthCheck, Phase, given, seed, settings, strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from compliance.ingest import IngestError, cells, ingest_file
from compliance.ingest.headers import canonical_name
from compliance.models import LineKind
from compliance.money import AmountError, parse_amount

SPELLINGS = {"id": ["id", "Löpnr"], "nämnd": ["nämnd", "Stadsdel"], "typ": ["typ"],
             "datum": ["datum", "Bokföringsdatum", "date"], "beskrivning": ["beskrivning", "Kommentar", "Description"],
             "belopp": ["belopp", "BELOPP", "Belopp (kr)", "amount"], "konto": ["konto", "Kontonr"],
             "motpart": ["motpart", "Leverantör"], "återkommande": ["återkommande"], "omfattning": ["omfattning"]}
UNREAD = ["Övrigt", "Projekt", "Ansvar", ""]
TRICKY = ["", " ", "0", "-0", "-0,00", "\u22121 200", "12 345,50", "12\u00a0345 kr", "1.234.567,00", "12345.50",
          "1e308", "1E5", "NaN", "inf", "12 3OO", "12a", "999999999999,99", "1000000000000", "+500", "٣٤", "１２３",
          "2022-02-31", "31/2 2022", "20220331", "2022-03-31", "31/3 2022", "ja", "nej", "x", "50%", "0,5", "150 %",
          "=HYPERLINK(\"http://x\",\"klick\")", "+cmd|' /C calc'!A0", "@SUM(A1)", "-2+3", "\x00", "Kurs\x00 FREDA",
          "\u200f1 000\u200f", "\u202eKurs", "🎉 kurs", "Summa", "Totalt", "plan", "utfall", "budget", '"', '5" skärm',
          "a;b", "a,b", "rad\nbrytning", "\t", "x" * 300]
NO_TOTAL = st.text(max_size=30).filter(lambda value: not cells.is_total_label(value))
CELL = st.one_of(st.sampled_from([t for t in TRICKY if not cells.is_total_label(t)]), NO_TOTAL)
ENCODINGS = ["utf-8", "utf-8-sig", "cp1252"]


@dataclass
class Tally:
    tried: int = 0
    refused: int = 0
    read: int = 0
    rows: int = 0


TALLY = Tally()


# -- what is written --------------------------------------------------------------------------
AMOUNTS = st.one_of(st.decimals(min_value=-10**6, max_value=10**6, places=2).map(lambda d: str(d).replace(".", ",")),
                    st.integers(-10**7, 10**7).map(str), st.sampled_from(TRICKY[:22]))
DATES = st.one_of(st.dates().map(lambda d: d.isoformat()), st.dates().map(lambda d: f"{d.day}/{d.month} {d.year}"),
                  st.sampled_from(TRICKY[22:30]))
BY_COLUMN = {"belopp": st.one_of(AMOUNTS, CELL), "datum": st.one_of(DATES, CELL)}


@st.composite
def tables(draw) -> tuple[list[str], list[list[str]]]:
    """A header (each column spelled some way, now and then one twice, mostly with the
    required two) and rows whose cells suit their column, or not."""
    columns = draw(st.lists(st.sampled_from(sorted(SPELLINGS)), max_size=6, unique=True))
    if draw(st.integers(0, 9)):
        columns = list(dict.fromkeys(["beskrivning", "belopp", *columns]))
    header = [draw(st.sampled_from(SPELLINGS[c])) for c in columns]
    header += draw(st.lists(st.sampled_from(UNREAD), max_size=2))
    if header and draw(st.integers(0, 19)) == 0:
        header.append(draw(st.sampled_from(header)))
    header = draw(st.permutations(header))
    kinds = [canonical_name(h) for h in header]
    row = st.tuples(*(BY_COLUMN.get(kind, CELL) for kind in kinds)).map(list)
    rows = draw(st.lists(st.one_of(row, st.lists(CELL, max_size=len(header) + 2)), max_size=25))
    return header, rows


@st.composite
def csv_files(draw) -> tuple[bytes, Optional[dict]]:
    header, rows = draw(tables())
    delimiter = draw(st.sampled_from([";", ",", "\t"]))
    encoding = draw(st.sampled_from(ENCODINGS))
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=ending).writerows([header, *rows])
    text = buffer.getvalue()
    data = text.encode(encoding, errors="replace")
    # an oracle per row only when the bytes say exactly what was written, one physical line a row
    simple = data.decode(encoding) == text and encoding != "cp1252" and not any(
        "\n" in c or "\r" in c or '"' in c for r in rows for c in r)
    return data, (_expected(header, rows) if simple else None)


@st.composite
def xlsx_files(draw) -> tuple[bytes, Optional[dict]]:
    header, rows = draw(tables())
    values = st.one_of(CELL, st.integers(min_value=-10**15, max_value=10**15),
                       st.floats(allow_nan=False, allow_infinity=False), st.booleans(), st.none(),
                       st.dates().map(lambda d: d.isoformat()))
    typed = [[draw(values) if draw(st.booleans()) else cell for cell in row] for row in rows]
    workbook = Workbook()
    sheet = workbook.active
    written = [[ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row] for row in [header, *typed]]
    for row in written:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    formulas = any(isinstance(v, str) and v.startswith("=") for row in written for v in row)
    return buffer.getvalue(), (None if formulas else _expected(written[0], written[1:]))


@st.composite
def json_files(draw) -> tuple[bytes, Optional[dict]]:
    scalars = st.one_of(CELL, st.integers(), st.floats(), st.booleans(), st.none())
    anything = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                             st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                            max_leaves=6)
    header, rows = draw(tables())
    records = [{key: (draw(anything) if draw(st.integers(0, 5)) == 0 else value) for key, value in zip(header, row)}
               for row in rows]
    shape = draw(st.sampled_from(["list", "object", "other"]))
    document = records if shape == "list" else {"lines": records} if shape == "object" else draw(anything)
    return json.dumps(document, ensure_ascii=draw(st.booleans())).encode(), None


def _expected(header: list, rows: list[list]) -> Optional[dict]:
    """Row number -> readable amount, for a table whose header is row 1 and unique."""
    columns = [canonical_name(h) for h in header]
    if "belopp" not in columns or "beskrivning" not in columns or len(set(c for c in columns if c)) < len(
            [c for c in columns if c]):
        return None
    position = columns.index("belopp")
    expected = {}
    for number, row in enumerate(rows, start=2):
        if all(cells.is_blank(v) for v in row):  # no total rows: CELL writes no total labels
            continue
        raw = row[position] if position < len(row) else None
        try:
            expected[number] = parse_amount(cells.readable(raw))
        except AmountError:
            expected[number] = None
    return expected


FILES = st.one_of(
    st.tuples(st.just(".csv"), csv_files()),
    st.tuples(st.just(".xlsx"), xlsx_files()),
    st.tuples(st.just(".json"), json_files()),
)


@st.composite
def mutated(draw) -> tuple[str, bytes]:
    """A file with bytes flipped, cut, inserted or cut off; positions are drawn as shares of
    its length, since a workbook's bytes carry the time it was written."""
    suffix, (data, _) = draw(FILES)
    data = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        position = int(draw(st.floats(0, 1, exclude_max=True)) * len(data))
        action = draw(st.sampled_from(["flip", "cut", "insert", "truncate"]))
        if action == "flip" and data:
            data[position] ^= 1 << draw(st.integers(0, 7))
        elif action == "cut":
            del data[position:position + draw(st.integers(1, 64))]
        elif action == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=16))
        else:
            del data[position:]
    return suffix, bytes(data)


# -- what must hold ---------------------------------------------------------------------------
def check(folder: Path, suffix: str, data: bytes, expected: Optional[dict], kind: LineKind) -> None:
    TALLY.tried += 1
    path = folder / f"retur{suffix}"
    path.write_bytes(data)
    try:
        result = ingest_file(path, kind=kind)
    except IngestError as exc:
        assert str(exc).startswith(path.name), f"the refusal names no file: {exc}"
        TALLY.refused += 1
        return
    TALLY.read += 1
    totals = result.totals
    assert totals.accepted == sum((line.amount for line in result.lines), Decimal("0.00"))
    assert totals.rejected == sum((r.amount for r in result.rejections if r.amount is not None), Decimal("0.00"))
    assert totals.reconciles, f"accepted {totals.accepted} + rejected {totals.rejected} != file {totals.file}"
    seen = [line.source.row for line in result.lines] + [r.row for r in result.rejections if r.code not in
                                                          ("tom_rad", "tomma_rader_sist", "fore_rubrik")]
    assert len(seen) == len(set(seen)), "a row became two records"
    TALLY.rows += len(seen)
    if expected is not None:
        actual = {line.source.row: line.amount for line in result.lines}
        actual.update({r.row: r.amount for r in result.rejections if r.code not in ("tom_rad", "tomma_rader_sist")})
        for row, amount in expected.items():
            assert row in actual, f"row {row} is neither a line nor a rejection"
            if amount is not None:
                assert actual[row] == amount, f"row {row}: {amount} was read as {actual[row]}"


KINDS = st.sampled_from(list(LineKind))
ROUND = settings(max_examples=100, deadline=None, database=None, phases=[Phase.generate, Phase.shrink],
                 suppress_health_check=list(HealthCheck))


def one_round(folder: Path, value: int) -> list:
    """Two fresh hypothesis runs of ROUND's size, seeded by ``value``: whole files, broken files."""
    @seed(value)
    @ROUND
    @given(case=FILES, kind=KINDS)
    def written(case, kind):
        suffix, (data, expected) = case
        check(folder, suffix, data, expected, kind)

    @seed(value)
    @ROUND
    @given(case=mutated(), kind=KINDS)
    def broken(case, kind):
        suffix, data = case
        check(folder, suffix, data, None, kind)

    return [written, broken]


def run(seconds: float, base_seed: int) -> int:
    deadline = time.monotonic() + seconds
    rng = random.Random(base_seed)
    with tempfile.TemporaryDirectory(prefix="fuzz-ingest-") as name:
        while time.monotonic() < deadline:
            for test in one_round(Path(name), rng.getrandbits(64)):
                try:
                    test()
                except AssertionError as exc:  # shrunk by hypothesis: an amount or a row went astray
                    return report(seconds, lost=1, error=exc)
                except Exception as exc:  # noqa: BLE001 - anything else ingest raised is a crash
                    return report(seconds, crashes=1, error=exc)
    return report(seconds)


def report(seconds: float, crashes: int = 0, lost: int = 0, error: Optional[BaseException] = None) -> int:
    """Print the figures; the exit code."""
    if error is not None:  # with hypothesis's smallest example as a note
        traceback.print_exception(error, file=sys.stderr)
    print(f"fuzz ingest: {TALLY.tried} indata prövade på {seconds:.0f} s (CSV, XLSX, JSON, hela och sönderbrutna); "
          f"{TALLY.read} lästa ({TALLY.rows} rader), {TALLY.refused} avvisade hela med svenskt fel")
    print(f"fuzz ingest: krascher: {crashes}, förlorade belopp: {lost}")
    return 1 if crashes or lost else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=2022)
    args = parser.parse_args()
    sys.exit(run(args.seconds, args.seed))


if __name__ == "__main__":
    main()
