import json
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import Workbook

from compliance.ingest import IngestError, ingest_file, is_error
from compliance.models import LineKind

HEADER = "id;nämnd;datum;beskrivning;belopp;konto\n"


def _codes(result):
    return [(r.row, r.column, r.code) for r in result.rejections]


def test_semicolon_utf8_with_bom(write_csv):
    path = write_csv("\ufeff" + HEADER + "a1;Farsta;2022-03-01;Utbildning FREDA;12 345,50;7650\n")
    result = ingest_file(path)
    (line,) = result.lines
    assert (line.id, line.district, line.date, line.amount, line.account) == (
        "a1", "Farsta", date(2022, 3, 1), Decimal("12345.50"), "7650")
    assert result.rejections == []
    assert "UTF-8 med BOM" in result.notices[0]


def test_windows_1252_is_detected(write_csv):
    path = write_csv(HEADER + "1;Södermalm;2022-05-02;Föreläsning hedersrelaterat våld;4 500;\n", encoding="cp1252")
    result = ingest_file(path)
    assert result.lines[0].description == "Föreläsning hedersrelaterat våld"
    assert result.lines[0].district == "Södermalm"
    assert "Windows-1252" in result.notices[0]


def test_comma_separated_with_quoted_decimal_comma(write_csv):
    path = write_csv('Beskrivning,Belopp,Datum\n"Handledning, Trappan","12345,50",20220315\n')
    result = ingest_file(path)
    assert result.lines[0].description == "Handledning, Trappan"
    assert result.lines[0].amount == Decimal("12345.50")
    assert result.lines[0].date == date(2022, 3, 15)


def test_headers_are_case_accent_insensitive_and_english_aliases_work(write_csv):
    path = write_csv("DESCRIPTION;Amount;NAMND;Date;Account;Counterparty;Recurring;FTE\n"
                     "Lön samordnare;30 000;Bromma;2022-01-31;5010;;ja;50%\n")
    line = ingest_file(path).lines[0]
    assert (line.description, line.amount, line.district, line.account) == ("Lön samordnare", Decimal("30000.00"), "Bromma", "5010")
    assert line.recurring is True
    assert line.fte_share == Decimal("0.5")


@pytest.mark.parametrize("share, expected", [("50%", "0.5"), ("50 %", "0.5"), ("0,5", "0.5"), ("0.75", "0.75"), ("100", "1")])
def test_share_of_post(write_csv, share, expected):
    path = write_csv(f"beskrivning;belopp;omfattning\nLön;1;{share}\n")
    assert ingest_file(path, kind=LineKind.plan).lines[0].fte_share == Decimal(expected)


def test_missing_id_gets_stable_id_from_file_and_row(write_csv):
    path = write_csv("beskrivning;belopp\nA;1\nB;2\n", name="plan.csv")
    first = [line.id for line in ingest_file(path, kind=LineKind.plan).lines]
    assert first == ["plan.csv:2", "plan.csv:3"]
    assert first == [line.id for line in ingest_file(path, kind=LineKind.plan).lines]


def test_plan_lines_need_no_date_but_returns_do(write_csv):
    path = write_csv("beskrivning;belopp;datum\nKurs;100;\n")
    assert ingest_file(path, kind=LineKind.plan).lines[0].date is None
    result = ingest_file(path, kind=LineKind.utfall)
    assert result.lines == []
    (rejection,) = result.rejections
    assert (rejection.row, rejection.column, rejection.code) == (2, "datum", "datum_saknas")
    assert rejection.amount == Decimal("100.00")


def test_typ_column_overrides_kind(write_csv):
    path = write_csv("beskrivning;belopp;typ\nKurs;100;plan\nKurs 2;200;budget\n")
    result = ingest_file(path)
    assert result.lines[0].kind is LineKind.plan
    assert _codes(result) == [(3, "typ", "typ_ogiltig")]


@pytest.mark.parametrize(
    "row, column, code, words",
    [
        ("1;Farsta;2022-03-01;Kurs;12 3OO;", "belopp", "belopp_ogiltigt", "'12 3OO' är inte ett belopp"),
        ("1;Farsta;2022-03-01;Kurs;;", "belopp", "belopp_saknas", "belopp saknas"),
        ("1;Farsta;2022-03-01;;500;", "beskrivning", "beskrivning_saknas", "beskrivning saknas"),
        ("1;Farsta;31/2 2022;Kurs;500;", "datum", "datum_ogiltigt", "'31/2 2022' är inget giltigt datum"),
        ("1;Farsta;mars 2022;Kurs;500;", "datum", "datum_ogiltigt", "'mars 2022' är inget datum"),
    ],
)
def test_each_rejection_names_file_row_and_column(write_csv, row, column, code, words):
    path = write_csv(HEADER + "0;Farsta;2022-01-10;Ok rad;1;\n" + row + "\n", name="retur.csv")
    result = ingest_file(path)
    (rejection,) = result.rejections
    assert (rejection.file, rejection.row, rejection.column, rejection.code) == ("retur.csv", 3, column, code)
    letter = "ABCDEF"[["id", "nämnd", "datum", "beskrivning", "belopp", "konto"].index(column)]
    assert rejection.message.startswith(f"retur.csv: rad 3, kolumn {letter} ”{column}”: ")
    assert words in rejection.message
    assert is_error(rejection)


def test_several_problems_in_one_row_are_one_rejection(write_csv):
    path = write_csv(HEADER + "1;Farsta;31/2 2022;Kurs;12 3OO;\n")
    (rejection,) = ingest_file(path).rejections
    assert rejection.column == "datum"
    assert "dessutom" in rejection.message and "12 3OO" in rejection.message


def test_duplicate_ids_are_rejected(write_csv):
    path = write_csv(HEADER + "7;F;2022-01-01;A;1;\n7;F;2022-01-02;B;2;\n")
    result = ingest_file(path)
    assert [line.id for line in result.lines] == ["7"]
    assert _codes(result) == [(3, "id", "id_dubblett")]
    assert result.totals.rejected == Decimal("2.00")


def test_summa_row_is_reported_and_checked(write_csv):
    path = write_csv(HEADER + "1;F;2022-01-01;A;1 000;\n2;F;2022-01-02;B;2 000,50;\n;;;Summa;3 000,50;\n")
    result = ingest_file(path)
    assert len(result.lines) == 2
    (summa,) = result.rejections
    assert (summa.row, summa.code, summa.amount) == (4, "summarad", None)
    assert "stämmer med raderna ovanför" in summa.message
    assert not is_error(summa)
    assert result.totals.file == Decimal("3000.50")


def test_summa_row_that_does_not_match_is_reported(write_csv):
    path = write_csv(HEADER + "1;F;2022-01-01;A;1 000;\nSumma total, kr;;;;1 500;\n")
    (summa,) = ingest_file(path).rejections
    assert "avviker med 500 kr" in summa.message


def test_empty_rows_in_the_middle_and_at_the_end(write_csv):
    path = write_csv(HEADER + "1;F;2022-01-01;A;1;\n;;;;;\n2;F;2022-01-01;B;2;\n;;;;;\n\n;;;;;\n")
    result = ingest_file(path)
    assert _codes(result) == [(3, None, "tom_rad"), (5, None, "tomma_rader_sist")]
    assert "raderna 5–7" in result.rejections[1].message


def test_every_row_is_accounted_for_and_amounts_reconcile(write_csv):
    rows = [
        "1;F;2022-01-01;A;1 000;", "2;F;2022-01-01;;250,25;", "3;F;31/2 2022;C;99;", "4;F;2022-01-01;D;x;",
        ";;;;;", "5;F;2022-01-01;E;-300;", "Summa;;;;1049,25;",
    ]
    path = write_csv(HEADER + "\n".join(rows) + "\n")
    result = ingest_file(path)
    rows_seen = sorted([line.source.row for line in result.lines] + [r.row for r in result.rejections])
    assert rows_seen == list(range(2, 2 + len(rows)))
    assert result.totals.accepted == Decimal("700.00")
    assert result.totals.rejected == Decimal("349.25")
    assert result.totals.file == Decimal("1049.25")
    assert result.totals.reconciles


def test_missing_required_column_is_a_file_error(write_csv):
    path = write_csv("id;beskrivning;summan\n1;A;100\n")
    with pytest.raises(IngestError) as error:
        ingest_file(path)
    assert "retur.csv" in str(error.value) and "”belopp”" in str(error.value)


def test_duplicate_header_is_a_file_error(write_csv):
    path = write_csv("beskrivning;belopp;Belopp\nA;1;2\n")
    with pytest.raises(IngestError, match="finns två gånger"):
        ingest_file(path)


def test_title_rows_above_header_are_reported(write_csv):
    path = write_csv("Återrapport 2022 Farsta;;\n;;\nbeskrivning;belopp;datum\nKurs;100;2022-02-02\n")
    result = ingest_file(path)
    assert result.lines[0].source.row == 4
    assert _codes(result) == [(1, None, "fore_rubrik")]


def test_unknown_file_type_and_empty_file(write_csv):
    with pytest.raises(IngestError, match="stöds inte"):
        ingest_file(write_csv("x", name="retur.pdf"))
    with pytest.raises(IngestError, match="tom"):
        ingest_file(write_csv("", name="tom.csv"))


def test_xlsx_with_real_dates_numbers_and_summa_row(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Id", "Nämnd", "Datum", "Beskrivning", "Belopp"])
    sheet.append(["x1", "Farsta", datetime(2022, 4, 5), "Stödsamtal Trappan", 12345.5])
    sheet.append(["x2", "Farsta", datetime(2022, 4, 6), "Tolk", 800])
    sheet.append([None, None, None, None, None])
    sheet.append([None, None, None, "Summa", 13145.5])
    path = tmp_path / "retur.xlsx"
    book.save(path)
    result = ingest_file(path)
    assert [(line.id, line.date, line.amount) for line in result.lines] == [
        ("x1", date(2022, 4, 5), Decimal("12345.50")), ("x2", date(2022, 4, 6), Decimal("800.00"))]
    assert [(r.row, r.code) for r in result.rejections] == [(4, "tom_rad"), (5, "summarad")]
    assert "stämmer" in result.rejections[1].message


def test_broken_xlsx_is_a_clear_error(write_csv):
    with pytest.raises(IngestError, match=r"trasig.xlsx: filen är ingen Excel-arbetsbok \(.xlsx\) eller så är den skadad"):
        ingest_file(write_csv(b"PK\x03\x04 not really a zip", name="trasig.xlsx"))


def test_json_list_and_object_forms(tmp_path):
    records = [{"id": "j1", "beskrivning": "Kurs SARA", "belopp": "5 000", "datum": "2022-06-01"},
               {"id": "j2", "Beskrivning": "Tolk", "Belopp": 750, "datum": "20220602"}]
    for name, payload in (("a.json", records), ("b.json", {"lines": records})):
        path = tmp_path / name
        path.write_text(json.dumps(payload), encoding="utf-8")
        result = ingest_file(path)
        assert [(line.id, line.amount) for line in result.lines] == [("j1", Decimal("5000.00")), ("j2", Decimal("750.00"))]


def test_json_that_is_not_a_list_of_objects(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"lines": 3}', encoding="utf-8")
    with pytest.raises(IngestError, match="lista av objekt"):
        ingest_file(path)


def test_json_rows_are_object_positions(tmp_path):
    path = tmp_path / "x.json"
    path.write_text(json.dumps([{"beskrivning": "A", "belopp": "1", "datum": "2022-01-01"},
                                {"beskrivning": "B", "belopp": "tre", "datum": "2022-01-01"}]), encoding="utf-8")
    result = ingest_file(path)
    assert result.lines[0].source.row == 1
    assert (result.rejections[0].row, result.rejections[0].column) == (2, "belopp")


def test_nul_bytes_and_direction_marks_are_dropped_from_text(write_csv):
    path = write_csv("beskrivning;belopp;datum\nKurs\x00 FREDA\u200f;1 000;2022-01-01\n")
    line = ingest_file(path).lines[0]
    assert line.description == "Kurs FREDA"


def test_oversized_cell_is_a_clear_error_naming_the_row(write_csv):
    path = write_csv("beskrivning;belopp;datum\nA;1;2022-01-01\n" + "x" * 200_000 + ";2;2022-01-01\n")
    with pytest.raises(IngestError, match=r"retur.csv, rad 3: raden kan inte läsas som CSV"):
        ingest_file(path)
