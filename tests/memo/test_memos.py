"""Memos show the review's own figures, escape hostile text, and are reproducible."""
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from compliance.memo import memos
from compliance.memo.filters import kr, long_date, md
from compliance.memo.recommendations import DEFAULT_ADVICE, load_recommendations
from compliance.models import LineKind
from compliance.review import review
from compliance.review_json import review_document
from compliance.rulebook import load_rulebook

ROOT = Path(__file__).resolve().parents[2]
ALLOCATION = ROOT / "examples" / "allocations" / "stockholm-2022.yaml"
RETURNS = [ROOT / "examples" / "2022" / name for name in
           ("utfall_rinkeby-kista_2022.csv", "utfall_sodermalm_2022.csv", "utfall_enskede-arsta-vantor_2022.xlsx")]
DATE = dt.date(2023, 3, 1)
# Each hostile text is also a skyddat boende placement, so that it is sure to appear in a finding.
HOSTILE = ['<script>alert("x")</script> plats skyddat boende 10 dygn', "{{ 7*7 }} {% raw %} skyddat boende 5 dygn",
           "=cmd|' /C calc'!A0 skyddat boende dygn", "+SUM(A1:A9) skyddat boende plats",
           "@import | skyddat boende [länk](javascript:x)"]


@pytest.fixture(scope="module")
def city_review():
    return review(RETURNS, year=2022, allocation=ALLOCATION)


@pytest.fixture(scope="module")
def hostile_review(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    rows = "".join(f'H-{i};Södermalm;2022-0{i + 1}-10;"{text.replace(chr(34), chr(34) * 2)}";1 000;4620\n'
                   for i, text in enumerate(HOSTILE))
    path = folder / "retur.csv"
    path.write_text("id;nämnd;datum;beskrivning;belopp;konto\n" + rows, encoding="utf-8")
    return review([path], year=2022, allocation=ALLOCATION)


def _money(text: str) -> str:
    return kr(Decimal(text))


def test_risk_memo_figures_equal_check_json(city_review):
    document = review_document(city_review)
    by_district = {d["district"]: d["totals"] for d in document["districts"]}
    written = list(memos(city_review, "risk", city="Stockholms stad", date=DATE))
    assert [m.view.header.committee for m in written] == ["Rinkeby-Kista", "Södermalm", "Enskede-Årsta-Vantör"]
    for memo in written:
        totals = by_district[memo.view.header.committee]
        text = memo.render("md").decode()
        for field in ("allocated", "spent", "eligible", "at_risk", "unspent", "repayment_risk"):
            assert str(getattr(memo.view.totals, field).quantize(Decimal("0.01"))) == totals[field]
            assert _money(totals[field]) in text


def test_every_finding_of_the_district_is_in_its_memo(city_review):
    for memo, district in zip(memos(city_review, "risk", city="S", date=DATE),
                              [d for d in city_review.districts if d.lines]):
        expected = sorted((f.rule, f.line_id or "–") for line in district.lines for f in line.findings)
        expected += sorted((f.rule, "–") for f in district.findings)
        assert sorted((r.rule, r.line_id) for r in memo.view.findings) == sorted(expected)
        html = memo.render("html").decode()
        for row in memo.view.findings:
            assert row.rule in html


def test_city_summary_totals_are_the_sum_of_the_districts(city_review):
    (summary,) = memos(city_review, "city", city="Stockholms stad", date=DATE)
    view = summary.view
    assert len(view.rows) == 14  # every committee of the allocation, also those that sent nothing
    for field in ("allocated", "spent", "eligible", "at_risk", "unspent", "repayment_risk"):
        assert getattr(view.totals, field) == sum(getattr(r.totals, field) for r in view.rows)
    assert review_document(city_review)["totals"]["repayment_risk"] == str(view.totals.repayment_risk)
    assert {r.status for r in view.rows} == {"Inkommen", "Saknas"}
    assert "| **Summa** |" in summary.render("md").decode()


def test_self_assessment_sorts_plan_lines(tmp_path):
    plan = review([ROOT / "examples" / "2022" / "plan_farsta_2022.csv"], year=2022, allocation=ALLOCATION,
                  kind=LineKind.plan)
    (memo,) = memos(plan, "self", city="S", date=DATE)
    view = memo.view
    assert len(view.fitting) + len(view.at_risk) + len(view.ineligible) == 13
    assert view.ineligible, "the plan has planted ineligible lines"
    assert all(line.purpose for line in view.fitting)
    assert all(line.advice for line in view.ineligible)
    text = memo.render("md").decode()
    assert "Självskattning av plan: Farsta 2022" in text


def test_html_escapes_hostile_text(hostile_review):
    (memo,) = memos(hostile_review, "risk", city="S", date=DATE)
    assert len(memo.view.findings) >= len(HOSTILE)
    html = memo.render("html").decode()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "{{ 7*7 }}" in html and "49" not in html.split("Sammanfattning")[1].split("Anmärkningar")[0]
    assert "javascript:x" not in html.replace("[länk](javascript:x)", "")
    md_text = memo.render("md").decode()
    assert "=cmd|" not in md_text and "'=cmd\\|" in md_text
    assert "<script>" not in md_text


@pytest.mark.parametrize("text, expected", [("=cmd|' /C calc'!A0", "'=cmd\\|' /C calc'!A0"), ("a|b", "a\\|b"),
                                            ("<b>", "\\<b\\>"), ("-5 kr", "'-5 kr"), ("Rinkeby-Kista", "Rinkeby-Kista")])
def test_markdown_filter_neutralises(text, expected):
    assert md(text) == expected


def test_swedish_filters():
    assert kr(Decimal("1234567")) == "1 234 567 kr"
    assert kr(Decimal("12345.50")) == "12 345,50 kr"
    assert long_date(dt.date(2023, 3, 31)) == "31 mars 2023"


def test_memos_are_byte_identical_for_the_same_review(city_review):
    first = [(m.render("md"), m.render("html")) for m in memos(city_review, "risk", city="S", date=DATE)]
    again = review(RETURNS, year=2022, allocation=ALLOCATION)
    second = [(m.render("md"), m.render("html")) for m in memos(again, "risk", city="S", date=DATE)]
    assert first == second


def test_pdf_is_valid_and_holds_the_figures(city_review):
    (summary,) = memos(city_review, "city", city="Stockholms stad", date=DATE)
    pdf = summary.render("pdf")
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Sammanställning av utvecklingsmedel" in text
    assert "Rinkeby-Kista" in text and "Äldrenämnden" in text
    assert kr(summary.view.totals.allocated).replace("\u00a0", " ") in text.replace("\u00a0", " ")


def test_every_rule_has_advice():
    advice = load_recommendations()
    rules = {case.rule for year in (2019, 2020, 2021, 2022) for case in load_rulebook(year).cases}
    assert {rule for rule in rules if advice.for_rule(rule) == DEFAULT_ADVICE} == set()
