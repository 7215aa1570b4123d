"""The flow around the rules: files, districts, line ids, kinds, rejections and reconciliation."""
from __future__ import annotations

from decimal import Decimal

import pytest

from builders import StubClassifier, allocation, classification, line
from compliance.districts import DistrictNames, district_key
from compliance.models import Allocation, AllocationTable, LineKind
from compliance.review import ReviewError, review

HEADER = "id;nämnd;datum;beskrivning;belopp;konto\n"


class AnyLine(StubClassifier):
    """Classifies every line as FREDA training for adults."""

    def __init__(self):
        super().__init__([])

    def classify(self, lines):
        for spending_line in lines:
            yield classification(spending_line.id, "bedomningsmetoder", "utbildning")


class WrongIds(StubClassifier):
    def __init__(self):
        super().__init__([])

    def classify(self, lines):
        for spending_line in lines:
            yield classification(spending_line.id + "-x")


STOCKHOLM = AllocationTable(city="Stockholms stad", year=2022, requisitioned=Decimal("300000"),
                            allocations=[Allocation(recipient="Enskede-Årsta-Vantör", amount=Decimal("200000")),
                                         Allocation(recipient="Farsta", amount=Decimal("100000"))])


@pytest.mark.parametrize("written", ["Enskede-Årsta-Vantör", "enskede årsta vantör",
                                     "Enskede-Årsta-Vantörs stadsdelsnämnd", "ENSKEDE-ARSTA-VANTOR SDN",
                                     "Enskede-Årsta-Vantör stadsdelsförvaltning"])
def test_district_names_are_matched_tolerantly(written):
    assert DistrictNames(["Farsta", "Enskede-Årsta-Vantör"]).resolve(written) == "Enskede-Årsta-Vantör"


def test_an_unknown_district_keeps_its_name():
    assert DistrictNames(["Farsta"]).resolve("  Gamla  stan ") == "Gamla stan"
    assert district_key("Äldrenämnden") == "aldrenamnden"


def test_files_with_colliding_ids_and_a_district_option(write_csv):
    first = write_csv(HEADER + "1;;2022-03-01;FREDA-utb 2 delt;1 000;7650\n", name="a.csv")
    second = write_csv(HEADER + "1;;2022-04-01;FREDA-utb 3 delt;2 000;7650\n", name="b.csv")
    result = review([first, second], year=2022, allocation=STOCKHOLM, district="Enskede-Årsta-Vantörs stadsdelsnämnd",
                    classifier=AnyLine())
    eav = result.districts[0]
    assert eav.district == "Enskede-Årsta-Vantör" and eav.files == ["a.csv", "b.csv"]
    assert [r.ref for r in eav.lines] == ["a.csv/1", "b.csv/1"]
    assert [d.district for d in result.districts] == ["Enskede-Årsta-Vantör", "Farsta"]
    assert [f.rule for f in result.districts[1].findings] == ["saknad-aterrapport"]
    assert result.reconciliation.reconciles and result.reconciliation.spent == Decimal("3000")


def test_rejected_rows_are_reported_and_reconciled(write_csv):
    path = write_csv(HEADER + "1;Farsta;2022-03-01;FREDA-utb;1 000;7650\n2;Farsta;2022-03-02;Tolk;12 3OO;7452\n"
                              "3;Farsta;31/2 2022;Handledning;500;7450\n")
    result = review([path], year=2022, allocation=STOCKHOLM, classifier=AnyLine())
    report = result.files[0]
    assert report.districts == ["Farsta"] and report.lines == 1
    assert [r.code for r in report.rejections] == ["belopp_ogiltigt", "datum_ogiltigt"]
    assert result.reconciliation.rejected == Decimal("500") and result.reconciliation.reconciles


def test_a_plan_review_covers_only_districts_with_a_plan(write_csv):
    path = write_csv("beskrivning;belopp\nFREDA-utbildning;50 000\n")
    result = review([path], year=2022, allocation=STOCKHOLM, kind=LineKind.plan, district="Farsta",
                    classifier=AnyLine())
    assert [d.district for d in result.districts] == ["Farsta"]
    assert result.totals.allocated == Decimal("100000")


def test_unknown_district_is_a_finding(write_csv):
    path = write_csv(HEADER + "1;Gamla stan;2022-03-01;FREDA-utb;1 000;7650\n")
    result = review([path], year=2022, allocation=STOCKHOLM, kind=LineKind.plan, classifier=AnyLine())
    assert [(d.district, [f.rule for f in d.findings]) for d in result.districts] == [
        ("Gamla stan", ["saknas-i-fordelningen"])]


@pytest.mark.parametrize("changes, message", [
    ({"lines": [line("A", "x y", 1, district=None)]}, "nämnd saknas"),
    ({"lines": [line("A", "x y", 1), line("B", "x y", 1, kind=LineKind.plan)]}, "blandar planer och utfall"),
    ({"lines": [line("A", "x y", 1), line("A", "x y", 2)]}, "förekommer flera gånger"),
    ({"allocation": allocation(1, year=2019)}, "fördelningen gäller 2019"),
    ({"classifier": WrongIds()}, "klassificeraren svarade inte"),
])
def test_input_that_cannot_be_reviewed(changes, message):
    run = {"lines": [line("A", "x y", 1)], "allocation": allocation(1), "classifier": AnyLine(), **changes}
    with pytest.raises(ReviewError, match=message):
        review(year=2022, **run)
