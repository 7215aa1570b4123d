"""Money is conserved, on generated returns written as files and reviewed end to end: every
row's amount is accepted or rejected, district totals are the sums of their lines, the city's
the sums of its districts, at risk never exceeds what was spent, and a reviewer's decision
moves the totals by exactly the amounts of the lines it concerns."""
from __future__ import annotations

import datetime as dt
import tempfile
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterator

from hypothesis import HealthCheck, given, settings, strategies as st

from builders import StubClassifier, classification
from compliance.ingest import ingest_file
from compliance.models import Allocation, AllocationTable, Decision, Scope, Severity, Verdict
from compliance.money import format_amount
from compliance.review import review
from compliance.taxonomy import load_taxonomy
from compliance.totals import ZERO, line_status

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TAXONOMY = load_taxonomy(2022)
DISTRICTS = ("Norra", "Södra")
TABLE = AllocationTable(city="Teststad", year=2022, requisitioned=Decimal("150000.00"),
                        allocations=[Allocation(recipient="Norra", amount=Decimal("90000.00")),
                                     Allocation(recipient="Södra", amount=Decimal("60000.00"))])
TEXTS = ["Köp av platser skyddat boende 30 dygn", "Lön kvinnofridssamordnare tillsvidare", "Utbildning FREDA",
         "Hyra befintlig lokal", "Handledning VNR-team", "Diverse", "Projektanställd samordnare visstid"]
ACCOUNTS = ["", "4620", "5010", "6010", "7450", "7650"]
BROKEN = ["12 3OO", "tolv", "1e308", "", "=1+1"]
HEADER = "id;nämnd;datum;beskrivning;belopp;konto\n"


@st.composite
def returns(draw, negative: bool):
    """Up to three return files; each row is a good line, a faulty row, an empty row or a
    total row. Gives the files' texts and, per row, what ingest must make of its amount."""
    amounts = st.decimals(min_value=-50_000 if negative else 0, max_value=90_000, places=2)
    files, truth = [], {}
    for number in range(draw(st.integers(1, 3))):
        text, row, total = HEADER, 1, ZERO
        for index in range(draw(st.integers(0, 12))):
            row += 1
            shape = draw(st.sampled_from(["line"] * 5 + ["bad_amount", "bad_date", "no_text", "blank"]))
            if shape == "blank":
                text += ";;;;;\n"
                continue
            amount = draw(amounts)
            written = draw(st.sampled_from(BROKEN)) if shape == "bad_amount" else format_amount(amount)
            day = "2022-02-31" if shape == "bad_date" else draw(st.sampled_from(["2022-01-10", "2022-06-30",
                                                                                 "2021-12-31", "2023-01-02"]))
            description = "" if shape == "no_text" else draw(st.sampled_from(TEXTS))
            text += (f"F{number}-{index};{draw(st.sampled_from(DISTRICTS))};{day};{description};{written};"
                     f"{draw(st.sampled_from(ACCOUNTS))}\n")
            readable = None if shape == "bad_amount" else amount
            truth[(f"retur{number}.csv", row)] = readable
            total += readable or ZERO
        if draw(st.booleans()):
            text += f";;;Summa;{format_amount(total)};\n"
        files.append(text)
    return files, truth


@contextmanager
def written(texts: list[str]) -> Iterator[tuple[list[Path], Callable]]:
    """The files in a temporary folder, and a function reviewing them (with decisions, if given)
    under a stub classifier: boende lines as placements, the others as salaries."""
    with tempfile.TemporaryDirectory() as name:
        paths = []
        for number, content in enumerate(texts):
            paths.append(Path(name) / f"retur{number}.csv")
            paths[-1].write_text(content, encoding="utf-8")
        lines = [line for path in paths for line in ingest_file(path).lines]
        stub = StubClassifier(classification(x.id, *(("boende", "placering") if "boende" in x.description
                                                     else ("samordning", "lon"))) for x in lines)
        yield paths, lambda decisions=None: review(paths, year=2022, allocation=TABLE, classifier=stub,
                                                   decisions=decisions)


def _line_findings(result):
    return [(d.district, r, f) for d in result.districts for r in d.lines for f in r.findings if f.scope is Scope.line]


@SETTINGS
@given(data=returns(negative=True))
def test_every_row_amount_is_accepted_or_rejected_and_the_totals_add_up(data):
    texts, truth = data
    with written(texts) as (paths, reviewing):
        for path in paths:
            result = ingest_file(path)
            assert result.totals.reconciles
            expected = {row: amount for (file, row), amount in truth.items() if file == path.name}
            found = {line.source.row: line.amount for line in result.lines}
            found.update({r.row: r.amount for r in result.rejections if r.code not in ("tom_rad", "tomma_rader_sist",
                                                                                       "summarad")})
            assert found == expected                              # each row once, with its own amount
            assert result.totals.file == sum((a for a in expected.values() if a is not None), ZERO)
        reviewed = reviewing()
    assert reviewed.reconciliation.reconciles
    assert reviewed.reconciliation.file_total == sum((a for a in truth.values() if a is not None), ZERO)
    for district in reviewed.districts:
        totals = district.totals
        assert totals.spent == sum((r.line.amount for r in district.lines), ZERO)
        ineligible = sum((r.line.amount for r in district.lines if line_status(r.findings) is Severity.ej_stodberattigad),
                         ZERO)
        risky = sum((r.line.amount for r in district.lines if line_status(r.findings) is Severity.risk), ZERO)
        assert (totals.eligible, totals.at_risk) == (totals.spent - ineligible, risky)
        assert totals.repayment_risk == totals.unspent == max(totals.allocated - totals.eligible, ZERO)
    for name in ("allocated", "spent", "eligible", "at_risk", "unspent", "repayment_risk"):
        assert getattr(reviewed.totals, name) == sum((getattr(d.totals, name) for d in reviewed.districts), ZERO)
    assert reviewed.totals.spent == reviewed.reconciliation.accepted


@SETTINGS
@given(data=returns(negative=False))
def test_at_risk_never_exceeds_what_was_spent(data):
    with written(data[0]) as (_, reviewing):
        reviewed = reviewing()
    for totals in [reviewed.totals, *(d.totals for d in reviewed.districts)]:
        assert ZERO <= totals.at_risk <= totals.spent
        assert totals.at_risk + (totals.spent - totals.eligible) <= totals.spent


@SETTINGS
@given(data=returns(negative=True), picks=st.lists(st.integers(0, 10_000), max_size=6),
       verdict=st.sampled_from(list(Verdict)))
def test_decisions_move_the_totals_by_exactly_the_lines_they_concern(data, picks, verdict):
    with written(data[0]) as (_, reviewing):
        before = reviewing()
        findings = _line_findings(before)
        chosen = {(d, r.ref, f.rule): (r, f) for d, r, f in (findings[p % len(findings)] for p in picks)} \
            if findings else {}
        decisions = [Decision(line_id=ref, district=district, rule=rule, verdict=verdict, motivation="prövat",
                              reviewer="Test") for district, ref, rule in chosen]
        after = reviewing(decisions)
    lifted = {(d, ref, rule) for d, ref, rule in chosen} if verdict is Verdict.reject else set()
    for old, new in zip(before.districts, after.districts):
        assert new.totals.spent == old.totals.spent
        moved_eligible = moved_risk = ZERO
        for line in old.lines:
            standing = [f for f in line.findings if (old.district, line.ref, f.rule) not in lifted]
            was, now = line_status(line.findings), line_status(standing)
            amount = line.line.amount
            moved_eligible += amount * ((was is Severity.ej_stodberattigad) - (now is Severity.ej_stodberattigad))
            moved_risk += amount * ((now is Severity.risk) - (was is Severity.risk))
        assert new.totals.eligible - old.totals.eligible == moved_eligible
        assert new.totals.at_risk - old.totals.at_risk == moved_risk
    assert after.totals.spent == before.totals.spent


def test_a_lifted_finding_moves_exactly_its_lines_amount():
    """The same, spelt out: lifting the finding of one 30-dygn placement makes exactly its
    45 000 kr eligible again and nothing else."""
    with written([HEADER + "P1;Norra;2022-03-01;Köp av platser skyddat boende 30 dygn;45 000;4620\n"
                           "P2;Norra;2022-03-02;Utbildning FREDA;12 000;7650\n"]) as (_, reviewing):
        before = reviewing()
        lifted = Decision(line_id="P1", district="Norra", rule="skyddat-boende", verdict=Verdict.reject,
                          motivation="Avtal om utveckling av rutiner, inte platsköp.", reviewer="Test",
                          decided=dt.date(2023, 2, 1))
        after = reviewing([lifted])
    old, new = before.districts[0].totals, after.districts[0].totals
    assert new.eligible - old.eligible == Decimal("45000.00")
    assert (new.spent, new.allocated) == (old.spent, old.allocated)
    assert old.unspent - new.unspent == Decimal("45000.00")
