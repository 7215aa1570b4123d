"""Reviewer decisions: accept keeps a finding, reject lifts it and the totals follow; a decision
about a line, district, rule or finding that does not exist is an error."""
from __future__ import annotations

from decimal import Decimal

import pytest

from builders import DISTRICT, StubClassifier, allocation, classification, line
from compliance.decisions import DecisionError, load_decisions
from compliance.models import Decision, Verdict
from compliance.review import review
from compliance.yamlio import DataFileError

LINES = [
    line("RENT", "Hyra befintlig lokal IFO-mottagning helår", "48 000", account="6010"),
    line("SB", "Placering skyddat boende 31 dygn enl avtal", "52 700", account="4620"),
    line("OK", "FREDA-utbildning handläggare", "20 000", account="7650"),
]
CLASSES = [classification("RENT", "stodinsatser", "lokal"), classification("SB", "boende", "placering"),
           classification("OK", "bedomningsmetoder", "utbildning")]


def run(decisions=None, **changes):
    return review(year=2022, allocation=allocation("150 000"), lines=LINES, classifier=StubClassifier(CLASSES),
                  decisions=decisions, **changes)


def decide(line_id=None, rule="grundverksamhet", verdict="reject", district=None, motivation="Bedömd av granskare"):
    return Decision(line_id=line_id, district=district, rule=rule, verdict=Verdict(verdict), motivation=motivation,
                    reviewer="Anna Andersson")


def test_without_decisions():
    totals = run().districts[0].totals
    assert (totals.spent, totals.eligible, totals.at_risk) == (Decimal("120700"), Decimal("68000"), Decimal("48000"))
    assert totals.unspent == Decimal("82000")


def test_reject_lifts_the_finding_keeps_it_visible_and_recomputes_totals():
    result = run([decide("RENT"), decide("SB", "skyddat-boende")])
    district = result.districts[0]
    rent = next(r for r in district.lines if r.ref == "RENT")
    assert rent.findings[0].decision.verdict is Verdict.reject
    assert rent.findings[0].decision.reviewer == "Anna Andersson"
    assert (district.totals.eligible, district.totals.at_risk) == (Decimal("120700"), Decimal("0"))
    assert district.totals.unspent == Decimal("29300")
    ej = next(f for f in district.findings if f.rule == "ej-forbrukat")
    assert ej.amount_at_risk == Decimal("29300")
    assert result.totals.repayment_risk == Decimal("29300")


def test_accept_keeps_the_finding_standing():
    district = run([decide("RENT", verdict="accept", motivation="")]).districts[0]
    assert district.totals.at_risk == Decimal("48000")
    assert district.lines[0].findings[0].decision.verdict is Verdict.accept


def test_district_and_city_findings_can_be_decided():
    result = run([decide(rule="ej-forbrukat", district="testnämnd"), decide(rule="aterbetalningsrisk")])
    assert result.districts[0].findings[0].decision is not None
    assert result.findings[-1].decision is not None


@pytest.mark.parametrize("decision, message", [
    (decide("NOPE"), "raden 'NOPE' finns inte"),
    (decide("RENT", rule="platskop"), "regeln 'platskop' finns inte"),
    (decide("OK"), "det finns ingen anmärkning 'grundverksamhet' på rad 'OK'"),
    (decide("RENT", district="Farsta"), "nämnden 'Farsta' finns inte i granskningen"),
    (decide(rule="grundverksamhet"), "regeln 'grundverksamhet' gäller rader: ange line_id"),
    (decide("RENT", rule="ej-forbrukat"), "gäller inte enskilda rader"),
    (decide(rule="ej-forbrukat"), "gäller en nämnd: ange district"),
    (decide(rule="sen-aterrapport", district=DISTRICT), "ingen anmärkning 'sen-aterrapport'"),
])
def test_a_decision_that_fits_nothing_is_an_error(decision, message):
    with pytest.raises(DecisionError, match=message):
        run([decision])


def test_two_decisions_on_one_finding_are_an_error():
    with pytest.raises(DecisionError, match="har redan ett beslut"):
        run([decide("RENT"), decide("RENT", verdict="accept")])


def test_decisions_file(tmp_path):
    path = tmp_path / "beslut.yaml"
    path.write_text(
        "- line_id: RENT\n  rule: grundverksamhet\n  verdict: reject\n"
        "  motivation: Lokalen hyrs för den nya stödgruppen.\n  reviewer: Anna Andersson\n  decided: 2023-02-10\n",
        encoding="utf-8")
    assert run(path).districts[0].totals.at_risk == 0


@pytest.mark.parametrize("text, message", [
    ("- line_id: RENT\n  rule: grundverksamhet\n  verdict: reject\n  motivation: ''\n  reviewer: A\n",
     "ett reject behöver en motivering"),
    ("- line_id: RENT\n  rule: grundverksamhet\n  verdict: maybe\n  motivation: x\n  reviewer: A\n", "beslut 1"),
    ("- line_id: RENT\n  rule: grundverksamhet\n  verdict: accept\n  motivation: x\n  reviewer: ' '\n",
     "granskarens namn"),
    ("line_id: RENT\n", "ska vara en lista"),
])
def test_malformed_decisions_file(tmp_path, text, message):
    path = tmp_path / "beslut.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        load_decisions(path)
