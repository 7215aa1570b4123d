"""What an Excel workbook holds before anyone parses it: its parts, how large they unpack,
macros, links to other workbooks and XML declarations (DTDs, entities). The ingest reader and
the web app's upload check both decide on this."""
from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from typing import BinaryIO

_HEAD = 2048
BROKEN = "filen är ingen Excel-arbetsbok (.xlsx) eller så är den skadad"


class NotAWorkbook(ValueError):
    """The file is no zip archive with an Excel workbook in it; the message is a Swedish reason."""


@dataclass(frozen=True)
class Parts:
    count: int
    unpacked: int                 # bytes, as the archive declares them (reading checks them)
    macros: bool
    external_links: bool
    dtd: bool                     # an XML part declares a DTD or entities


def inspect(source: str | BinaryIO) -> Parts:
    """The parts of the workbook at ``source`` (a path or a binary file)."""
    try:
        archive = zipfile.ZipFile(source)
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise NotAWorkbook(BROKEN) from None
    with archive:
        names = {info.filename.lower() for info in infos}
        if "xl/workbook.xml" not in names:
            raise NotAWorkbook("filen är ingen Excel-arbetsbok (.xlsx): arbetsboken saknas i filen")
        macros = any(name.endswith("vbaproject.bin") for name in names) or \
            b"macroenabled" in _head(archive, "[Content_Types].xml", 1 << 20).lower()
        dtd = any(_declares(archive, info) for info in infos if info.filename.lower().endswith((".xml", ".rels")))
        return Parts(count=len(infos), unpacked=sum(info.file_size for info in infos), macros=macros,
                     external_links=any(name.startswith("xl/externallinks/") for name in names), dtd=dtd)


def _head(archive: zipfile.ZipFile, name: str, size: int) -> bytes:
    """The first ``size`` bytes of a part (b"" when there is none); a part that cannot be
    unpacked (bad data, encrypted, unknown method) means a broken workbook."""
    try:
        with archive.open(name) as part:
            return part.read(size)
    except KeyError:
        return b""
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, RuntimeError, NotImplementedError):
        raise NotAWorkbook(BROKEN) from None


def _declares(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    head = _head(archive, info.filename, _HEAD).upper()
    return b"<!DOCTYPE" in head or b"<!ENTITY" in head
