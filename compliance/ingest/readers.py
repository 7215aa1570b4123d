"""Read raw rows from CSV (any Swedish Excel export), XLSX and JSON, streaming.

Every reader yields ``(row_number, cells)`` where row numbers are what the spreadsheet
shows (the first row is 1) and cells is a list of raw values.
"""
from __future__ import annotations

import codecs
import csv
import json
from pathlib import Path
from typing import Iterator

from .errors import IngestError
from .headers import canonical_name

Row = tuple[int, list]
_SNIFF_BYTES = 1 << 20


def read_rows(path: Path) -> tuple[Iterator[Row], list[str]]:
    """Rows of a file by its suffix, and notices about how it was read."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        return _csv_rows(path)
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_rows(path), []
    if suffix == ".json":
        return _json_rows(path), []
    raise IngestError(path.name, None, None, f"filtypen '{suffix or '(ingen)'}' stöds inte; använd CSV, XLSX eller JSON")


def detect_encoding(sample: bytes) -> str:
    """'utf-8-sig' for a BOM, 'utf-8' when the sample decodes, else Windows-1252."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1252"


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (";", "\t", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


def _csv_rows(path: Path) -> tuple[Iterator[Row], list[str]]:
    with open(path, "rb") as handle:
        sample = handle.read(_SNIFF_BYTES)
    if not sample.strip():
        raise IngestError(path.name, None, None, "filen är tom")
    encoding = detect_encoding(sample)
    first_line = sample.decode(encoding, errors="replace").lstrip("\ufeff").splitlines()[0]
    delimiter = _delimiter(first_line)
    names = {"utf-8-sig": "UTF-8 med BOM", "utf-8": "UTF-8", "cp1252": "Windows-1252"}
    separators = {";": "semikolon", ",": "komma", "\t": "tabb"}
    notices = [f"läst som {names[encoding]}, avgränsare {separators[delimiter]}"]

    def rows() -> Iterator[Row]:
        with open(path, encoding=encoding, errors="replace", newline="") as text:
            reader = csv.reader(text, delimiter=delimiter)
            number = 0
            try:
                for number, cells in enumerate(reader, start=1):
                    yield number, cells
            except csv.Error as exc:
                reason = "en cell är längre än 131 072 tecken" if "field larger" in str(exc) else str(exc)
                raise IngestError(path.name, number + 1, None, f"raden kan inte läsas som CSV ({reason})") from None

    return rows(), notices


def _xlsx_rows(path: Path) -> Iterator[Row]:
    import zipfile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise IngestError(path.name, None, None, f"kan inte öppna Excel-filen ({exc.__class__.__name__})") from None
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, list(values)
    finally:
        workbook.close()


def _json_rows(path: Path) -> Iterator[Row]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IngestError(path.name, None, None, f"ogiltig JSON ({exc})") from None
    records = data.get("lines") if isinstance(data, dict) else data
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise IngestError(path.name, None, None, "JSON ska vara en lista av objekt, eller {\"lines\": [...]}")
    records = [{canonical_name(key) or key: value for key, value in record.items()} for record in records]
    headers: list[str] = []
    for record in records:
        headers.extend(key for key in record if key not in headers)
    yield 0, list(headers)  # no header row in JSON: row N is the N-th object
    for number, record in enumerate(records, start=1):
        yield number, [record.get(key) for key in headers]

