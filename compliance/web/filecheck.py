"""What an upload must be before anyone parses it: CSV text or an Excel workbook without
macros, DTDs or a zip bomb, within the size limit. Excel formulas are never evaluated:
ingest reads the values Excel saved."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

RETURNS = (".csv", ".xlsx")
TEXT = (".csv", ".yaml", ".yml")
MAX_UNPACKED_RATIO = 40
MAX_PARTS = 5000
_HEAD = 2048


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
        archive = zipfile.ZipFile(io.BytesIO(content))
        parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        raise FileRejected("Filen är ingen Excel-arbetsbok (.xlsx) eller så är den skadad.") from None
    names = {info.filename.lower() for info in parts}
    if "xl/workbook.xml" not in names:
        raise FileRejected("Filen är ingen Excel-arbetsbok (.xlsx): arbetsboken saknas i filen.")
    if len(parts) > MAX_PARTS or sum(info.file_size for info in parts) > MAX_UNPACKED_RATIO * limit:
        raise FileRejected("Filen packas upp till en orimlig storlek och tas inte emot.")
    macros = any(name.endswith("vbaproject.bin") for name in names)
    if macros or _mentions(archive, "[Content_Types].xml", b"macroEnabled"):
        raise FileRejected("Filen innehåller makron och tas inte emot. Spara arbetsboken som .xlsx utan makron.")
    for info in parts:
        if info.filename.lower().endswith((".xml", ".rels")) and _has_dtd(archive, info):
            raise FileRejected("Filen innehåller XML-deklarationer (DTD eller entiteter) som inte tillåts.")


def _mentions(archive: zipfile.ZipFile, name: str, needle: bytes) -> bool:
    try:
        with archive.open(name) as part:
            return needle.lower() in part.read(1 << 20).lower()
    except KeyError:
        return False


def _has_dtd(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    with archive.open(info) as part:
        head = part.read(_HEAD).upper()
    return b"<!DOCTYPE" in head or b"<!ENTITY" in head
