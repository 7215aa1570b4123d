"""Ingest: what districts send (CSV, XLSX, JSON) -> spending lines + rejections.

Every input row ends as a :class:`SpendingLine` or a :class:`Rejection`; the amounts of
both add up to the file's total (the sum of every readable amount in a data row).
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Iterator, Optional

from ..messages import listed
from ..models import IngestResult, IngestTotals, LineKind, Rejection, SpendingLine
from ..money import format_kr
from . import cells
from .errors import IngestError
from .headers import REQUIRED, canonical_name, column_letter
from .readers import read_rows
from .rows import Defaults, Layout, Record, amount_of, read_amount, reject, to_record
from .seen import SeenIds

__all__ = ["IngestError", "ingest_file", "iter_records", "FileScan", "INFORMATIONAL_CODES", "is_error"]

# Rejections that report a row which is not a spending line at all (not an input error).
INFORMATIONAL_CODES = frozenset({"summarad", "tom_rad", "tomma_rader_sist", "fore_rubrik"})


def is_error(rejection: Rejection) -> bool:
    """True when the rejection is a faulty spending row, not a total or blank row."""
    return rejection.code not in INFORMATIONAL_CODES

_HEADER_SEARCH_ROWS = 10
_LISTED_COLUMNS = 20


class FileScan:
    """Streams one file's records and keeps its running totals and notices."""

    def __init__(self, path: Path | str, kind: LineKind = LineKind.utfall, district: Optional[str] = None):
        self.path = Path(path)
        self.defaults = Defaults(kind=LineKind(kind), district=district)
        self.notices: list[str] = []
        self.file_total = Decimal("0.00")
        self._blank: Optional[tuple[int, int]] = None   # the current run of empty rows: first, last
        self._seen = SeenIds()
        self._missing: list[str] = list(REQUIRED)
        self._width = 0                     # cells up to the header's last title
        self._beyond: list[int] = []        # rows with values right of it (not read)

    def records(self) -> Iterator[Record]:
        """Yield every row's record in file order. Raises IngestError if the file is unreadable."""
        rows, self.notices = read_rows(self.path)
        name = self.path.name
        layout, pending = None, []
        for number, values in rows:
            if layout is None:
                layout = self._header(name, number, values)
                if layout is None:
                    pending.append((number, values))
                    if number >= _HEADER_SEARCH_ROWS:
                        break
                    continue
                yield from self._before_header(name, pending)
                continue
            yield from self._data(layout, number, values)
        if layout is None:
            missing = " och ".join(f"”{c}”" for c in self._missing)
            raise IngestError(name, None, None, f"kolumnen {missing} saknas: hittar ingen rubrikrad med "
                              f"”beskrivning” och ”belopp” bland de första {_HEADER_SEARCH_ROWS} raderna")
        yield from self._flush_blank(layout, trailing=True)
        if self._beyond:
            self.notices.append(f"värden till höger om rubrikraden lästes inte (rad {listed(self._beyond)})")

    # -- header ---------------------------------------------------------------------------
    def _header(self, name: str, number: int, values: list) -> Optional[Layout]:
        index: dict[str, int] = {}
        header: dict[str, str] = {}
        ignored = []
        for position, value in enumerate(values):
            column = canonical_name(value)
            if column is None:
                if not cells.is_blank(value):
                    ignored.append(cells.text(value))
                continue
            if column in index:
                raise IngestError(name, number, None, f"kolumnen ”{column}” finns två gånger: ”{header[column]}” "
                                  f"i kolumn {column_letter(index[column])} och ”{cells.text(value)}” "
                                  f"i kolumn {column_letter(position)}")
            index[column], header[column] = position, cells.text(value)
        if not all(column in index for column in REQUIRED):
            if index:
                self._missing = [c for c in REQUIRED if c not in index]
            return None
        self._width = max(i for i, v in enumerate(values) if not cells.is_blank(v)) + 1
        if ignored:
            more = f" och {len(ignored) - _LISTED_COLUMNS} till" if len(ignored) > _LISTED_COLUMNS else ""
            self.notices.append("kolumner som inte läses: " + ", ".join(ignored[:_LISTED_COLUMNS]) + more)
        return Layout(file=name, index=index, header=header)

    def _before_header(self, name: str, pending: list) -> Iterator[Rejection]:
        for number, values in pending:
            if any(not cells.is_blank(v) for v in values):
                self.notices.append(f"rad {number} ligger före rubrikraden och lästes inte som utgift")
                yield Rejection(file=name, row=number, code="fore_rubrik",
                                message=f"{name}: rad {number}: raden står före rubrikraden och är ingen utgiftsrad")

    # -- data -----------------------------------------------------------------------------
    def _data(self, layout: Layout, number: int, values: list) -> Iterator[Record]:
        if all(cells.is_blank(v) for v in values):
            self._blank = (self._blank[0] if self._blank else number, number)
            return
        yield from self._flush_blank(layout, trailing=False)
        if self._is_total_row(layout, values):
            yield self._total_row(layout, number, values)
            return
        if len(values) > self._width and not all(cells.is_blank(v) for v in values[self._width:]):
            self._beyond.append(number)
        read = read_amount(layout.cell(values, "belopp"))
        if read[0] is not None:
            self.file_total += read[0]
        yield to_record(layout, number, values, self.defaults, self._seen, read)

    def _flush_blank(self, layout: Layout, trailing: bool) -> Iterator[Rejection]:
        """One notice for a run of empty rows (a forged sheet may have a million)."""
        blank, self._blank = self._blank, None
        if blank is None:
            return
        first, last = blank
        if first == last:
            span, verb = f"rad {first}", "är tom"
        else:
            span, verb = f"raderna {first}–{last}", "är tomma"
        if trailing:
            yield Rejection(file=layout.file, row=first, code="tomma_rader_sist",
                            message=f"{layout.file}: {span} {verb} efter sista dataraden och hoppades över")
        else:
            yield Rejection(file=layout.file, row=first, code="tom_rad",
                            message=f"{layout.file}: {span} {verb} och hoppades över")

    @staticmethod
    def _is_total_row(layout: Layout, values: list) -> bool:
        labels = [layout.cell(values, c) for c in ("beskrivning", "id", "nämnd")]
        if values:
            labels.append(values[0])
        return any(cells.is_total_label(v) for v in labels) and cells.is_blank(layout.cell(values, "datum"))

    def _total_row(self, layout: Layout, number: int, values: list) -> Rejection:
        stated = amount_of(layout, values)
        if stated is None:
            verdict = "den har inget läsbart belopp"
        elif stated == self.file_total:
            verdict = f"dess belopp {format_kr(stated)} stämmer med raderna ovanför"
        else:
            verdict = (f"dess belopp {format_kr(stated)} avviker med {format_kr(stated - self.file_total)} "
                       f"från raderna ovanför ({format_kr(self.file_total)})")
        return reject(layout, number, None, "summarad",
                      f"summeringsrad, räknas inte som utgift; {verdict}")


def iter_records(path: Path | str, kind: LineKind = LineKind.utfall,
                 district: Optional[str] = None) -> Iterator[Record]:
    """Stream a file's spending lines and rejections in file order."""
    yield from FileScan(path, kind, district).records()


def ingest_file(path: Path | str, kind: LineKind = LineKind.utfall,
                district: Optional[str] = None) -> IngestResult:
    """Read a whole file into lines, rejections and reconciled totals."""
    scan = FileScan(path, kind, district)
    lines: list[SpendingLine] = []
    rejections: list[Rejection] = []
    for record in scan.records():
        (lines if isinstance(record, SpendingLine) else rejections).append(record)
    accepted = sum((line.amount for line in lines), Decimal("0.00"))
    rejected = sum((r.amount for r in rejections if r.amount is not None), Decimal("0.00"))
    return IngestResult(lines=lines, rejections=rejections, notices=scan.notices,
                        totals=IngestTotals(accepted=accepted, rejected=rejected, file=scan.file_total))
