"""What a review reads, as a stream: the files' rows, then the lines given directly.

Each accepted line is placed: its district (the allocation's name for it), a *ref* unique within
the district, and the earlier line it may copy (duplicates.py). The ref is the line's id, or
``file/id`` when the district has that id in more than one source. A file's ids are unique
(ingest rejects a repeated id), so with one file every id is its ref; with several sources,
:func:`file_keys` first reads each file once more and keeps a 64-bit hash of (district, id) per
line, 8 bytes a line, to find the ids that occur twice.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Iterable, Iterator, Optional, Sequence

import numpy

from .districts import DistrictNames
from .duplicates import DuplicateIndex
from .ingest import FileScan, is_error
from .keys import key64
from .models import FileReport, IngestTotals, LineKind, Rejection, SpendingLine
from .totals import ZERO


class ReviewError(ValueError):
    """The input cannot be reviewed as given; the message says why, in Swedish."""


@dataclass(frozen=True)
class LineInput:
    """An accepted line, placed in its district."""

    line: SpendingLine
    file: Optional[str]
    district: str
    ref: str
    duplicate_of: Optional[str]


class Sources:
    """The files and direct lines of one review, read one record at a time."""

    def __init__(self, files: Sequence[Path | str], lines: Sequence[SpendingLine], kind: LineKind,
                 district: Optional[str], names: DistrictNames):
        self.files, self.lines, self.kind, self.district, self.names = files, lines, kind, district, names
        self.reports: list[FileReport] = []
        self.rejected: list[int] = []   # per report, the rows it rejected (given out as records)
        self.errors = 0
        self.direct_total: Decimal = sum((line.amount for line in lines), ZERO)
        self._shared: frozenset[int] = frozenset()
        self._refs: set[tuple[str, str]] = set()
        self._places: dict[str, str] = {}
        self._duplicates = DuplicateIndex()

    @property
    def several(self) -> bool:
        """Whether an id can occur twice in a district: more than one file, or direct lines."""
        return len(self.files) > 1 or bool(self.lines)

    def share(self, keys: Iterable[numpy.ndarray]) -> None:
        """Learn which ids occur twice, from the (district, id) keys of every file's lines."""
        direct = [id_key(self.place(line, _file_of(line)), line.id) for line in self.lines]
        found, counts = numpy.unique(numpy.concatenate([*keys, numpy.asarray(direct, dtype=numpy.uint64)]),
                                     return_counts=True)
        self._shared = frozenset(int(key) for key in found[counts > 1])

    def records(self) -> Iterator[LineInput | Rejection]:
        """Every record in order; a file's report joins :attr:`reports` once it is read."""
        for path in self.files:
            yield from self._file(path)
        for line in self.lines:
            yield self._input(line, _file_of(line))

    def place(self, line: SpendingLine, file: Optional[str] = None) -> str:
        """The allocation's name of the line's district; ReviewError when there is none."""
        written = line.district or self.district
        if not written:
            where = f"{file}: rad {line.source.row}" if line.source else f"raden {line.id}"
            raise ReviewError(f"{where}: nämnd saknas; fyll i kolumnen ”nämnd” eller ange --district")
        name = self._places.get(written)
        if name is None:
            name = self._places[written] = self.names.resolve(written)
        return name

    def _file(self, path: Path | str) -> Iterator[LineInput | Rejection]:
        scan = FileScan(path, kind=self.kind, district=self.district)
        name = Path(path).name
        found: set[str] = set()
        count, rows, accepted, rejected = 0, 0, ZERO, ZERO
        for record in scan.records():
            if isinstance(record, SpendingLine):
                count += 1
                accepted += record.amount
                if record.district:
                    found.add(self.place(record))
                yield self._input(record, name)
            else:
                rows += 1
                self.errors += is_error(record)
                if record.amount is not None:
                    rejected += record.amount
                yield record
        if not found and self.district:
            found = {self.names.resolve(self.district)}
        totals = IngestTotals(accepted=accepted, rejected=rejected, file=scan.file_total)
        self.rejected.append(rows)
        self.reports.append(FileReport(file=name, kind=self.kind, districts=sorted(found), lines=count, rejections=[],
                                       notices=scan.notices, totals=totals))

    def _input(self, line: SpendingLine, file: Optional[str]) -> LineInput:
        district = self.place(line, file)
        ref = line.id
        if self._shared and id_key(district, line.id) in self._shared:
            ref = f"{file}/{line.id}"
            if (district, ref) in self._refs:
                raise ReviewError(f"{district}: rad-id '{line.id}' förekommer flera gånger i samma underlag")
            self._refs.add((district, ref))
        return LineInput(line=line, file=file, district=district, ref=ref,
                         duplicate_of=self._duplicates.earlier(district, line, ref))


def _file_of(line: SpendingLine) -> Optional[str]:
    return line.source.file if line.source else None


def id_key(district: str, line_id: str) -> int:
    return key64(district, line_id)


def file_keys(path: Path | str, kind: LineKind, district: Optional[str], names: DistrictNames) -> numpy.ndarray:
    """The (district, id) keys of one file's accepted lines: the first pass over several files."""
    sources, name = Sources([path], (), kind, district, names), Path(path).name
    keys = (id_key(sources.place(record, name), record.id) for record in FileScan(path, kind, district).records()
            if isinstance(record, SpendingLine))
    return numpy.fromiter(keys, dtype=numpy.uint64)
