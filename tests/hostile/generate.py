"""The hostile files too large to commit, written into a folder when the tests run:

- ``cell_10_mb.csv``: one cell of ten million characters;
- ``cell_40000_tecken.csv`` and ``.json``: a description longer than Excel allows in a cell;
- ``mycket_lang_rad.csv``: a data row of 200 000 cells (about 1 MB on one line);
- ``zipbomb.xlsx``: a workbook whose sheet unpacks to 80 MB of white space (a few hundred kB).

    python tests/hostile/generate.py FOLDER
"""
from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

HEADER = "beskrivning;belopp;datum\n"


def generate(folder: Path) -> list[Path]:
    """Write every generated file into ``folder``; their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "cell_10_mb.csv": (HEADER + "Kurs FREDA;1 000;2022-03-01\n" + "x" * 10_000_000 + ";2 000;2022-03-02\n").encode(),
        "cell_40000_tecken.csv": (HEADER + "Kurs FREDA;1 000;2022-03-01\n" + "x" * 40_000 + ";2 000;2022-03-02\n").encode(),
        "cell_40000_tecken.json": json.dumps([
            {"beskrivning": "Kurs FREDA", "belopp": "1 000", "datum": "2022-03-01"},
            {"beskrivning": "x" * 40_000, "belopp": "2 000", "datum": "2022-03-02"}]).encode(),
        "mycket_lang_rad.csv": (HEADER + "Kurs FREDA;1 000;2022-03-01" + ";x" * 200_000 + "\n").encode(),
        "zipbomb.xlsx": _zip_bomb(80 << 20),
    }
    for name, content in files.items():
        (folder / name).write_bytes(content)
    return [folder / name for name in files]


def _zip_bomb(size: int) -> bytes:
    """A small valid workbook whose one sheet is ``size`` bytes, nearly all of them spaces."""
    sheet = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             b'<row r="1"><c r="A1" t="inlineStr"><is><t>beskrivning</t></is></c>'
             b'<c r="B1" t="inlineStr"><is><t>belopp</t></is></c></row>')
    end = b"</sheetData></worksheet>"
    parts = {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                               b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                               b'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                               b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
                               b'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
                               b'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
                               b'worksheet+xml"/></Types>',
        "_rels/.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                       b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                       b'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                           b'2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                           b'<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                                      b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                                      b'openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                                      b'Target="worksheets/sheet1.xml"/></Relationships>',
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
        with archive.open("xl/worksheets/sheet1.xml", "w") as part:  # streamed: 80 MB never in memory at once
            part.write(sheet)
            block = b" " * (1 << 20)
            for _ in range((size - len(sheet) - len(end)) // len(block)):
                part.write(block)
            part.write(end)
    return buffer.getvalue()


if __name__ == "__main__":
    for path in generate(Path(sys.argv[1])):
        print(path)
