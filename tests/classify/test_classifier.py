"""The trained classifier on typical lines, its evidence, `oklar`, streaming and the CLI."""
from __future__ import annotations

import json
from decimal import Decimal
from itertools import count

import pytest
from click.testing import CliRunner

from compliance.cli import main
from compliance.models import SpendingLine


@pytest.mark.parametrize("description, account, cost_type, activity", [
    ("Utbildning i FREDA-kortfrågor för handläggare, 2 dagar", "7650", "Kurs o konf", "bedomningsmetoder"),
    ("Stödsamtal för barn som bevittnat våld enligt Trappan-modellen", "7450", "Konsulttjänster", "stodinsatser"),
    ("Lön kvinnofridssamordnare 50 %, visstid mars–december", "5020", "Lön visstid", "samordning"),
    ("Föreläsning om hedersrelaterat våld och förtryck för personalen", "7450", "Föreläsararvode",
     "kompetensutveckling"),
    ("Behandling av våldsutövare enligt ATV-modellen", None, None, "behandling"),
    ("Kartläggning av omfattningen av våld i nära relationer, enkät", None, None, "kartlaggning"),
])
def test_activity_on_typical_lines(classifier, description, account, cost_type, activity):
    result = classifier.classify_text(description, account, cost_type)
    assert result.activity.label == activity
    assert 0.0 <= result.activity.score <= 1.0
    assert not result.unclear


@pytest.mark.parametrize("description, account, cost_type, cost_kind", [
    ("Kursavgift konferens om sexuellt våld", "7650", "Kurs o konf", "utbildning"),
    ("Lön kvinnofridssamordnare 50 %", "5020", "Lön visstid", "lon"),
    ("Tryck av broschyrer om stöd vid våld", "6510", "Trycksaker", "material"),
    ("Tåg och hotell till nationell konferens", "7010", "Resor", "resor"),
    ("Skyddat boende, 30 vårddygn", "4630", "Köp av huvudverksamhet", "placering"),
    ("Bärbar dator till kvinnofridssamordnaren", "4030", "Inventarier", "utrustning"),
    ("Hyra av lokal för stödgrupp", "6010", "Lokalhyra", "lokal"),
])
def test_cost_kind_on_typical_lines(classifier, description, account, cost_type, cost_kind):
    assert classifier.classify_text(description, account, cost_type).cost_kind.label == cost_kind


@pytest.mark.parametrize("description, groups", [
    ("Stödgrupp för barn som upplevt våld i familjen", {"barn"}),
    ("Behandlingsprogram för män som utövar våld mot partner", {"valdsutovare"}),
    ("Utbildning om hedersrelaterat våld och könsstympning", {"hedersrelaterat"}),
    ("Stöd till personer som säljer sex, samverkan med Mikamottagningen", {"prostitution"}),
    ("Anpassat stöd till våldsutsatta kvinnor med intellektuell funktionsnedsättning", {"sarskilt_utsatta"}),
])
def test_target_groups_on_typical_lines(classifier, description, groups):
    found = {g.label for g in classifier.classify_text(description).target_groups}
    assert groups <= found


def test_evidence_offsets_point_at_the_words(classifier):
    description = "Handledning för kvinnofridssamordnaren om våldsutövarbehandling"
    result = classifier.classify_text(description, "7450", "Konsulttjänster")
    assert result.evidence
    for evidence in result.evidence:
        assert description[evidence.start:evidence.end] == evidence.text
    assert any(e.text == "kvinnofridssamordnaren" for e in result.evidence)


def test_evidence_only_supports_chosen_labels_and_lies_in_the_description(classifier):
    description = "Kursavgift FREDA"
    result = classifier.classify_text(description, "7650", "Kurser o konf", "Utbildning AB")
    chosen = {("activity", result.activity.label), ("cost_kind", result.cost_kind.label)}
    chosen |= {("target_groups", g.label) for g in result.target_groups}
    for evidence in result.evidence:
        assert (evidence.axis, evidence.label) in chosen
        assert evidence.end <= len(description)


@pytest.mark.parametrize("text", ["asdf", "Diverse", "Övrigt", "div. kostnader", "Faktura 4711"])
def test_nonsense_and_vague_lines_are_unclear(classifier, text):
    assert classifier.classify_text(text).unclear


def test_year_limits_labels(classifier):
    from compliance.classify import Classifier

    older = Classifier(classifier.nlp, year=2019)
    result = older.classify_text("Stödsamtal efter våldtäkt och sexuella övergrepp")
    assert "sexuellt_vald" not in {g.label for g in result.target_groups}


def line(number: int, description: str = "Utbildning FREDA för handläggare") -> SpendingLine:
    return SpendingLine(id=f"L{number}", description=description, amount=Decimal("100.00"),
                        account="7650", cost_type="Kurs o konf")


def test_classify_streams_in_batches(classifier):
    consumed = count()

    def lines():
        for number in range(10 * classifier.batch_size):
            next(consumed)
            yield line(number)

    results = classifier.classify(lines())
    first = next(results)
    assert first.line_id == "L0"
    assert next(consumed) <= classifier.batch_size + 1  # only the first batch was read
    assert sum(1 for _ in results) == 10 * classifier.batch_size - 1


def test_cli_classify_jsonl(classifier, write_csv):
    path = write_csv("id;beskrivning;belopp;konto;kostnadsslag\n"
                     "A1;Stödsamtal barn som bevittnat våld, Trappan;12 000;7450;Konsulttjänster\n"
                     "A2;Diverse;500;;\n")
    result = CliRunner().invoke(main, ["classify", str(path), "--kind", "plan", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(text) for text in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["A1", "A2"]
    assert list(rows[0]) == ["id", "activity", "cost_kind", "target_groups", "evidence", "unclear"]
    assert rows[0]["activity"]["label"] == "stodinsatser" and not rows[0]["unclear"]
    assert rows[1]["unclear"] is True


def test_cli_classify_table(classifier, write_csv):
    path = write_csv("id;beskrivning;belopp\nB1;Föreläsning om hedersrelaterat våld;8 000\n")
    result = CliRunner().invoke(main, ["classify", str(path), "--kind", "plan"])
    assert result.exit_code == 0, result.output
    assert "B1" in result.stdout and "kompetensutveckling" in result.stdout
