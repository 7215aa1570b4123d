"""`compliance check`: the JSON contract, the summary, exit codes and errors."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from compliance.cli import main
from compliance.findings import FindingFactory

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "2022"
STOCKHOLM = ROOT / "examples" / "allocations" / "stockholm-2022.yaml"
AMOUNT = re.compile(r"^-?\d+\.\d\d$")
FINDING_KEYS = {"rule", "rule_version", "severity", "scope", "district", "line_id", "amount_at_risk", "message",
                "explanation", "citation", "decision"}
TOTAL_KEYS = {"allocated", "spent", "eligible", "at_risk", "unspent", "repayment_risk"}


@pytest.fixture(scope="module")
def run(real_classifier):
    real_classifier(2022)  # train or load the model once, outside the timed commands

    def invoke(*args):
        return CliRunner().invoke(main, ["check", *map(str, args)], catch_exceptions=False)

    return invoke


@pytest.fixture
def small(tmp_path):
    """A one-committee city and a return with a possible double booking (risk) and nothing else."""
    table = tmp_path / "fordelning.yaml"
    table.write_text("city: Teststad\nyear: 2022\nrequisitioned: \"5 000\"\n"
                     "allocations:\n  - {recipient: Farsta, amount: \"5 000\"}\n", encoding="utf-8")
    data = tmp_path / "utfall_farsta.csv"
    data.write_text("id;nämnd;datum;beskrivning;belopp;konto;kostnadsslag\n"
                    "A;Farsta;2022-06-15;Handledning VNR-team maj;2 500;7450;Konsulttjänster\n"
                    "B;Farsta;2022-06-15;Handledning VNR team maj;2 500;7450;Konsulttjänster\n", encoding="utf-8")
    return data, table


def test_readme_command_prints_a_summary_and_exits_1(run):
    files = sorted(EXAMPLES.glob("utfall_*"))
    result = run(*files, "--year", 2022, "--allocation", STOCKHOLM)
    assert result.exit_code == 1
    for text in ("Rinkeby-Kista", "skyddat-boende", "ej stödberättigad", "återbetalningsrisk", "Avstämning", "stämmer"):
        assert text in result.output


def test_json_contract(run):
    result = run(EXAMPLES / "utfall_sodermalm_2022.csv", "--year", 2022, "--allocation", STOCKHOLM,
                 "--format", "json", "--submitted", "2023-04-03")
    document = json.loads(result.stdout)
    assert {"year", "districts", "findings", "totals"} <= set(document)
    assert document["year"] == 2022 and document["kind"] == "utfall"
    sodermalm = next(d for d in document["districts"] if d["district"] == "Södermalm")
    assert {"district", "kind", "lines", "findings", "totals"} <= set(sodermalm)
    assert set(sodermalm["totals"]) == TOTAL_KEYS and all(AMOUNT.match(v) for v in sodermalm["totals"].values())
    clean = next(line for line in sodermalm["lines"] if line["id"] == "SO-U-002")
    assert {"id", "description", "amount", "classification", "purpose", "findings"} <= set(clean)
    assert clean["findings"] == [] and clean["purpose"]["id"] and "Dnr" not in clean["purpose"]["citation"]["document"]
    assert clean["purpose"]["citation"]["text"].startswith("Socialstyrelsen: Anvisningar")
    assert clean["classification"]["activity"]["label"]
    flagged = next(line for line in sodermalm["lines"] if line["id"] == "SO-U-006")
    finding = flagged["findings"][0]
    assert set(finding) == FINDING_KEYS
    assert (finding["rule"], finding["severity"], finding["scope"], finding["line_id"], finding["amount_at_risk"]) == (
        "skyddat-boende", "ej_stodberattigad", "line", "SO-U-006", "52700.00")
    assert {"condition", "facts", "signals", "classification", "evidence"} <= set(finding["explanation"])
    assert finding["explanation"]["signals"]["skyddat_boende"][0]["text"].lower() == "skyddat boende"
    assert set(finding["citation"]) == {"document", "passage", "text"} and finding["decision"] is None
    assert "sen-aterrapport" in [f["rule"] for f in sodermalm["findings"]]
    assert set(document["totals"]) == TOTAL_KEYS
    assert [f["rule"] for f in document["findings"]] == ["fordelning-summa", "aterbetalningsrisk"]
    assert document["reconciliation"]["reconciles"] is True
    assert document["files"][0]["file"] == "utfall_sodermalm_2022.csv"


def test_fail_on_threshold(run, small):
    data, table = small
    assert run(data, "--year", 2022, "--allocation", table).exit_code == 0
    assert run(data, "--year", 2022, "--allocation", table, "--fail-on", "risk").exit_code == 1


def test_decisions_are_applied_and_shown(run, small, tmp_path):
    data, table = small
    decisions = tmp_path / "beslut.yaml"
    decisions.write_text("- {line_id: B, rule: mojlig-dubblett, verdict: reject, motivation: Två olika möten,"
                         " reviewer: Anna}\n", encoding="utf-8")
    result = run(data, "--year", 2022, "--allocation", table, "--decisions", decisions, "--fail-on", "risk")
    assert result.exit_code == 0
    assert "lyft av Anna: Två olika möten" in result.output


@pytest.mark.parametrize("extra, message", [
    (["--decisions", "BAD"], "raden 'X' finns inte"),
    (["--submitted", "igår"], "'igår' är inget datum"),
    (["--year", "2031"], "ingen taxonomi för år 2031"),
])
def test_bad_input_exits_2(run, small, tmp_path, extra, message):
    data, table = small
    if "BAD" in extra:
        bad = tmp_path / "beslut.yaml"
        bad.write_text("- {line_id: X, rule: mojlig-dubblett, verdict: accept, motivation: '', reviewer: A}\n",
                       encoding="utf-8")
        extra = ["--decisions", bad]
    args = [data, "--allocation", table, *extra] + ([] if "--year" in extra else ["--year", 2022])
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_rejected_rows_exit_2_but_the_review_is_printed(run):
    result = run(EXAMPLES / "trasig_aterrapport_2022.csv", "--year", 2022, "--allocation", STOCKHOLM,
                 "--format", "json")
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert len(document["files"][0]["rejections"]) >= 5 and document["reconciliation"]["reconciles"]


def test_engine_failure_exits_3_without_a_result(run, small, monkeypatch):
    def broken(self, case, subject, fact):
        raise RuntimeError("trasig")

    monkeypatch.setattr(FindingFactory, "make", broken)
    data, table = small
    result = run(data, "--year", 2022, "--allocation", table, "--format", "json")
    assert result.exit_code == 3
    assert result.stdout == "" and "regelmotorn misslyckades" in result.stderr
