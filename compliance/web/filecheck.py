"""What an upload must be before anyone parses it: CSV text or an Excel workbook without
macros, DTDs or a zip bomb, within the size limit. Excel formulas are never evaluated:
ingest reads the values Excel saved."""
from __future__ import annotations

import io
from pathlib import Path

from ..ingest.workbook import NotAWorkbook, inspect

RETURNS = (".csv", ".xlsx")
TEXT = (".csv", ".yaml", ".yml")
MAX_UNPACKED_RATIO = 40
MAX_PARTS = 5000


class FileRejected(ValueError):
    """The file is refused before reading; the message says why, in Swedish."""


def check_upload(file_name: str, content: bytes, limit: int, allowed: tuple[str, ...] = RETURNS) -> None:
    suffix = Path(file_name).suffix.lower()
    if suffix not in allowed:
        raise FileRejected(f"Filtypen ”{suffix or '(ingen)'}” tas inte emot. Tillåtna filtyper: "
                           f"{', '.join(allowed)} (Excel-arbetsböcker utan makron).")
    if not content:
        raise FileRejected("Filen är tom.")
    if len(content) > limit:
        raise FileRejected(f"Filen är för stor ({len(content) // 1024} kB); största tillåtna storlek är "
                           f"{limit // 1024} kB.")
    if suffix in TEXT:
        _check_text(content)
    else:
        _check_xlsx(content, limit)


def _check_text(content: bytes) -> None:
    if content.startswith(b"PK\x03\x04"):
        raise FileRejected("Filen är en Excel-arbetsbok, inte en textfil. "
                           "Spara den som .xlsx eller exportera till CSV.")
    if b"\x00" in content:
        raise FileRejected("Filen är ingen textfil. Exportera från Excel som ”CSV (semikolonavgränsad)”.")


def _check_xlsx(content: bytes, limit: int) -> None:
    try:
        parts = inspect(io.BytesIO(content))
    except NotAWorkbook as exc:
        reason = str(exc)
        raise FileRejected(f"{reason[0].upper()}{reason[1:]}.") from None
    if parts.count > MAX_PARTS or parts.unpacked > MAX_UNPACKED_RATIO * limit:
        raise FileRejected("Filen packas upp till en orimlig storlek och tas inte emot.")
    if parts.macros:
        raise FileRejected("Filen innehåller makron och tas inte emot. Spara arbetsboken som .xlsx utan makron.")
    if parts.dtd:
        raise FileRejected("Filen innehåller XML-deklarationer (DTD eller entiteter) som inte tillåts.")
