"""Uploads are limited in size and type, parsed safely, and a failing upload stores nothing."""
from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

HEADER = "id;nämnd;datum;beskrivning;belopp;konto\n"


def _xlsx(rows, **extra_parts) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    if not extra_parts:
        return buffer.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, extra_parts.pop(item.filename, source.read(item)))
        for name, data in extra_parts.items():
            target.writestr(name, data)
    return out.getvalue()


@pytest.fixture
def district(browser, committee_id):
    person = browser("farsta")

    def send(name, content, **fields):
        return person.finish(person.upload((name, content), committee_id("Farsta"), **fields))

    return send


def test_a_file_with_faulty_rows_shows_them_in_swedish_and_stores_nothing(district, examples, snapshot):
    before = snapshot()
    response = district("trasig_aterrapport_2022.csv", (examples / "2022" / "trasig_aterrapport_2022.csv").read_bytes())
    assert response.status_code == 422
    page = response.text
    assert "Filen har fel på" in page and "har inte tagits emot" in page and "Ingenting har sparats" in page
    assert "<td class=\"num\">4</td><td>belopp</td><td>trasig_aterrapport_2022.csv: rad 4, kolumn E ”belopp”: " \
           "&#39;12 3OO&#39; är inte ett belopp (skriv t.ex. 12 345,50)</td>" in page
    assert "summeringsrad" not in page                           # a total row is no error
    assert snapshot() == before


def test_a_failure_midway_through_storing_leaves_the_database_unchanged(district, examples, snapshot, monkeypatch):
    import compliance.web.reviews.service as service

    original = service.store_run

    def store_then_fail(session, upload, *args, **kwargs):
        original(session, upload, *args, **kwargs)           # upload, run, findings and audit are flushed …
        raise RuntimeError("disken tog slut")                # … and then the work fails

    monkeypatch.setattr(service, "store_run", store_then_fail)
    before = snapshot()
    response = district("plan_farsta_2022.csv", (examples / "2022" / "plan_farsta_2022.csv").read_bytes(), kind="plan")
    assert response.status_code == 422
    assert "Något gick fel när granskningen kördes. Ingenting sparades." in response.text
    assert "disken tog slut" not in response.text and "Traceback" not in response.text
    assert snapshot() == before


def test_a_decision_that_fails_midway_stores_no_decision(uploaded, browser, app, snapshot, monkeypatch):
    from sqlalchemy import select

    import compliance.web.reviews.service as service
    from compliance.web.db.schema import FindingRow

    def fail(*args, **kwargs):
        raise RuntimeError("databasen försvann")

    monkeypatch.setattr(service, "store_run", fail)
    reviewer = browser("granskare")
    with app.state.db.transaction() as session:
        finding = session.scalar(select(FindingRow.id).where(FindingRow.rule == "skyddat-boende"))
    before = snapshot()
    response = reviewer.finish(reviewer.post(f"/granskningar/{uploaded[1]}/beslut",
                                             data={"finding": finding, "verdict": "accept", "motivation": ""}))
    assert response.status_code == 422
    assert snapshot() == before


def test_too_large_uploads_are_refused_before_parsing(browser, committee_id, snapshot, settings):
    person = browser("farsta")
    before = snapshot()
    big = (HEADER + "r1;Farsta;2022-02-01;Kurs;100;7650\n" * 20_000).encode()
    assert len(big) > settings.max_upload_bytes
    response = person.upload(("stor.csv", big), committee_id("Farsta"))
    assert response.status_code == 413 and "Filen är för stor" in response.text
    assert snapshot() == before


@pytest.mark.parametrize("name, content, message", [
    ("makro.xlsm", b"PK\x03\x04", "Filtypen ”.xlsm” tas inte emot"),
    ("retur.txt", b"beskrivning;belopp\n", "Filtypen ”.txt” tas inte emot"),
    ("retur.csv", b"", "Filen är tom"),
    ("retur.csv", b"beskrivning;belopp\x00\n", "ingen textfil"),
    ("retur.xlsx", b"beskrivning;belopp\n", "ingen Excel-arbetsbok"),
])
def test_only_csv_and_xlsx_files_are_taken(district, snapshot, name, content, message):
    before = snapshot()
    response = district(name, content)
    assert response.status_code == 400 and message in response.text
    assert snapshot() == before


def test_workbooks_with_macros_dtds_or_zip_bombs_are_refused(district, snapshot):
    rows = [["beskrivning", "belopp", "datum"], ["Kurs FREDA", 1000, "2022-02-01"]]
    entity = (b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]><workbook '
              b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">&lol;</workbook>')
    cases = {
        "Filen innehåller makron": _xlsx(rows, **{"xl/vbaProject.bin": b"\x00" * 64}),
        "XML-deklarationer (DTD eller entiteter)": _xlsx(rows, **{"xl/workbook.xml": entity}),
        "orimlig storlek": _xlsx(rows, **{"xl/media/luft.bin": b"\x00" * (20 * 1024 * 1024)}),
    }
    before = snapshot()
    for message, content in cases.items():
        response = district("retur.xlsx", content)
        assert response.status_code == 400 and message in response.text
    assert snapshot() == before


def test_formulas_are_never_evaluated(district, snapshot):
    rows = [["beskrivning", "belopp", "datum"], ["Kurs FREDA", "=1000*2", "2022-02-01"]]
    before = snapshot()
    response = district("formel.xlsx", _xlsx(rows))
    assert response.status_code == 422 and "belopp saknas" in response.text   # no saved value, nothing computed
    assert snapshot() == before


def test_an_excel_return_is_reviewed(browser, examples, committee_id):
    person = browser("granskare")
    path = examples / "2022" / "utfall_enskede-arsta-vantor_2022.xlsx"
    response = person.finish(person.upload(path, committee_id("Enskede-Årsta-Vantör")))
    page = person.get(response.headers["location"]).text
    assert "Enskede-Årsta-Vantör: återrapport 2022" in page and "summeringsrad" in page


def test_cell_text_is_escaped_never_markup(district, browser):
    row = 'r1;Farsta;2022-02-01;<script>alert(1)</script> =HYPERLINK("x") Kurs FREDA;1000;7650\n'
    content = (HEADER + row).encode()
    response = district("retur.csv", content)
    page = browser("farsta").get(response.headers["location"]).text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
