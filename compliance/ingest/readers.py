"""Read raw rows from CSV (any Swedish Excel export), XLSX and JSON, streaming.

Every reader yields ``(row_number, cells)`` where row numbers are what the spreadsheet
shows (the first row is 1) and cells is a list of raw values.
"""
from __future__ import annotations

import codecs
import csv
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO, Iterator

from defusedxml import DefusedXmlException

from ..messages import listed
from ..money import format_amount
from .errors import IngestError
from .headers import canonical_name
from .workbook import NotAWorkbook, inspect

Row = tuple[int, list]
_SNIFF_BYTES = 1 << 20
MAX_COLUMNS = 1000            # wider rows are cut: no return has more, and width costs time
MAX_UNPACKED_RATIO = 100      # a workbook that unpacks to more than 100 × its size …
MAX_UNPACKED_BYTES = 64 << 20  # … and more than 64 MB is a zip bomb
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_NAMES = {"utf-8-sig": "UTF-8 med BOM", "utf-8": "UTF-8", "cp1252": "Windows-1252"}
_SEPARATORS = {";": "semikolon", ",": "komma", "\t": "tabb"}
DECLARATIONS = "Excel-filen innehåller XML-deklarationer (DTD eller entiteter) och läses inte"


def read_rows(path: Path) -> tuple[Iterator[Row], list[str]]:
    """Rows of a file by its suffix, and notices about how it was read (more may be added
    to the list while the rows are read)."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        return _csv_rows(path)
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_rows(path)
    if suffix == ".json":
        return _json_rows(path), []
    raise IngestError(path.name, None, None, f"filtypen '{suffix or '(ingen)'}' stöds inte; använd CSV, XLSX eller JSON")


def detect_encoding(sample: bytes) -> str:
    """'utf-8-sig' for a BOM; 'utf-8' when the sample decodes or has UTF-8 in it (lines that
    are not UTF-8 are then read as Windows-1252 one by one); else 'cp1252'."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        return "utf-8" if _UTF8_SEQUENCE.search(sample) else "cp1252"


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (";", "\t", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


def _refuse_non_text(name: str, sample: bytes) -> None:
    if sample.startswith(b"PK\x03\x04"):
        raise IngestError(name, None, None, "filen är en Excel-arbetsbok, inte en textfil; byt filändelsen till .xlsx")
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or sample.count(b"\x00") > len(sample) // 4:
        raise IngestError(name, None, None, "filen är ingen CSV-text (den är sparad som UTF-16 ”Unicode-text” eller "
                                            "är binär); spara den som ”CSV UTF-8” eller ”CSV (semikolonavgränsad)”")


class _Lines:
    """A text file's physical lines, each decoded as the file's encoding; in a UTF-8 file a
    line that is not UTF-8 is read as Windows-1252 (files pasted together from two sources)."""

    def __init__(self, handle: BinaryIO, encoding: str):
        self.handle, self.encoding = handle, encoding
        self.read = 0
        self.fallbacks: list[int] = []

    def __iter__(self) -> Iterator[str]:
        for chunk in self.handle:
            for raw in chunk.splitlines(keepends=True):   # also at a lone CR, as Excel for Mac writes
                self.read += 1
                if self.read == 1 and self.encoding == "utf-8-sig":
                    raw = raw.removeprefix(codecs.BOM_UTF8)
                yield self._decode(raw)

    def _decode(self, raw: bytes) -> str:
        if self.encoding == "cp1252":
            return raw.decode("cp1252", errors="replace")
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            self.fallbacks.append(self.read)
            return raw.decode("cp1252", errors="replace")


def _csv_rows(path: Path) -> tuple[Iterator[Row], list[str]]:
    with open(path, "rb") as handle:
        sample = handle.read(_SNIFF_BYTES)
    if not sample.strip():
        raise IngestError(path.name, None, None, "filen är tom")
    _refuse_non_text(path.name, sample)
    encoding = detect_encoding(sample)
    head = sample.decode(encoding, errors="replace").splitlines()
    delimiter = _delimiter(head[0] if head else "")
    full_row = max(1, max((line.count(delimiter) for line in head[:10]), default=0))
    notices = [f"läst som {_NAMES[encoding]}, avgränsare {_SEPARATORS[delimiter]}"]

    def rows() -> Iterator[Row]:
        with open(path, "rb") as handle:
            lines = _Lines(handle, encoding)
            reader = csv.reader(lines, delimiter=delimiter)
            number, first_line = 0, 1
            try:
                for number, cells in enumerate(reader, start=1):
                    _check_quotes(path.name, number, cells, delimiter, full_row, first_line, lines.read)
                    first_line = lines.read + 1
                    yield number, cells
            except csv.Error as exc:
                reason = "en cell är längre än 131 072 tecken" if "field larger" in str(exc) else "trasig CSV"
                raise IngestError(path.name, number + 1, None, f"raden kan inte läsas som CSV ({reason})") from None
            if lines.fallbacks:
                notices.append(f"textrad {listed(lines.fallbacks)} var inte UTF-8 och lästes som Windows-1252")

    return rows(), notices


def _check_quotes(name: str, number: int, cells: list[str], delimiter: str, full_row: int, first: int,
                  last: int) -> None:
    """A quote that is never closed (or closed rows later) turns whole rows into one cell, and
    their amounts would vanish into a text: refuse the file instead."""
    for cell in cells:
        if ("\n" in cell or "\r" in cell) and any(line.count(delimiter) >= full_row for line in cell.splitlines()):
            raise IngestError(name, number, None, f"ett citattecken (\") öppnas men stängs inte förrän på textrad "
                                                  f"{last} eller aldrig, så textraderna {first}–{last} skulle bli en "
                                                  "enda cell; rätta citattecknet i filen")


def _xlsx_rows(path: Path) -> tuple[Iterator[Row], list[str]]:
    notices = _workbook_notices(path)

    def rows() -> Iterator[Row]:
        from openpyxl import load_workbook

        number = 0
        try:  # openpyxl fails on broken parts in many ways (zip, zlib, XML, KeyError …): all mean "broken"
            workbook = load_workbook(path, read_only=True, data_only=True, keep_links=False)
        except Exception as exc:  # noqa: BLE001
            raise IngestError(path.name, None, None, _broken(exc, "kan inte öppna Excel-filen: den är skadad")) from None
        try:
            if not workbook.worksheets:
                raise IngestError(path.name, None, None, "arbetsboken har inget kalkylblad")
            sheet = workbook.worksheets[0]
            sheet.reset_dimensions()  # a forged size would pad every row to 16 384 columns
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, list(values[:MAX_COLUMNS])
        except IngestError:
            raise
        except Exception as exc:  # noqa: BLE001 - as above
            raise IngestError(path.name, number + 1, None, _broken(exc, "Excel-filen är skadad från den här raden")) \
                from None
        finally:
            workbook.close()

    return rows(), notices


def _broken(exc: BaseException | None, reason: str) -> str:
    """Why openpyxl could not read on: XML declarations that defusedxml refused (somewhere in
    the chain of causes openpyxl wraps them in), or ``reason``."""
    while exc is not None:
        if isinstance(exc, DefusedXmlException):
            return DECLARATIONS
        exc = exc.__cause__ or exc.__context__
    return reason


def _workbook_notices(path: Path) -> list[str]:
    """Refuse a zip bomb or XML declarations before parsing; note macros and links."""
    try:
        parts = inspect(path)
    except NotAWorkbook as exc:
        raise IngestError(path.name, None, None, str(exc)) from None
    size = path.stat().st_size
    if parts.unpacked > MAX_UNPACKED_BYTES and parts.unpacked > MAX_UNPACKED_RATIO * size:
        megabytes = format_amount(Decimal(parts.unpacked >> 20), decimals=False)
        raise IngestError(path.name, None, None, f"Excel-filen packas upp till {megabytes} MB, mer än "
                                                 f"{MAX_UNPACKED_RATIO} gånger sin storlek, och läses inte")
    if parts.dtd:
        raise IngestError(path.name, None, None, DECLARATIONS)
    notices = []
    if parts.macros:
        notices.append("arbetsboken innehåller makron; de körs aldrig, bara sparade värden läses")
    if parts.external_links:
        notices.append("arbetsboken länkar till andra arbetsböcker; värdena är de som Excel sparade senast")
    return notices


def _json_rows(path: Path) -> Iterator[Row]:
    data = _load_json(path)
    records = data.get("lines") if isinstance(data, dict) else data
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise IngestError(path.name, None, None, "JSON ska vara en lista av objekt, eller {\"lines\": [...]}")
    canonical = []
    for number, record in enumerate(records, start=1):
        named: dict = {}
        for key, value in record.items():
            column = canonical_name(key) or key
            if column in named:
                raise IngestError(path.name, number, column, f"två fält betyder kolumnen ”{column}” "
                                                            f"(”{named[column][0]}” och ”{key}”)")
            named[column] = (key, value)
        canonical.append({column: value for column, (_, value) in named.items()})
    headers: list[str] = []
    for record in canonical:
        headers.extend(key for key in record if key not in headers)
    yield 0, list(headers)  # no header row in JSON: row N is the N-th object
    for number, record in enumerate(canonical, start=1):
        yield number, [record.get(key) for key in headers]


def _load_json(path: Path) -> object:
    def unique(pairs: list) -> dict:
        found = dict(pairs)
        if len(found) < len(pairs):
            twice = next(key for i, (key, _) in enumerate(pairs) if key in dict(pairs[:i]))
            raise IngestError(path.name, None, None, f"fältet ”{twice}” står två gånger i samma objekt")
        return found

    try:
        return json.loads(path.read_bytes().decode("utf-8-sig"), object_pairs_hook=unique)
    except UnicodeDecodeError as exc:
        raise IngestError(path.name, None, None, f"ogiltig JSON: filen är inte UTF-8 (byte {exc.start + 1})") from None
    except json.JSONDecodeError as exc:
        raise IngestError(path.name, None, None, f"ogiltig JSON på textrad {exc.lineno}, tecken {exc.colno}") from None
    except RecursionError:
        raise IngestError(path.name, None, None, "ogiltig JSON: den är för djupt nästlad") from None
