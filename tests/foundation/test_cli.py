import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from compliance.cli import main


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)

    return invoke


def _commands(group: click.Group):
    return sorted(group.commands.items())


@pytest.mark.parametrize("name, command", _commands(main))
def test_every_command_is_documented_with_an_example(name, command):
    text = command.help or ""
    assert "Exempel:" in text, f"{name} saknar exempel i hjälptexten"
    example = text.split("Exempel:")[1]
    assert f"compliance {name}" in example


@pytest.mark.parametrize("name, command", _commands(main))
def test_every_command_is_in_the_readme_command_table(name, command):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Command line")[1].split("\n## ")[0]
    assert f"`compliance {name}" in table, f"README:s kommandotabell saknar compliance {name}"


def test_years_json(run):
    result = run("years", "--format", "json")
    assert result.exit_code == 0
    years = json.loads(result.output)
    assert [y["year"] for y in years] == [2019, 2020, 2021, 2022]
    assert years[1]["report_deadline"] == "2021-03-31"


def test_ingest_json_contract(run, write_csv):
    path = write_csv("id;nämnd;datum;beskrivning;belopp\nr1;Farsta;2022-02-01;Kurs FREDA;12 345,50\n"
                     "r2;Farsta;2022-02-30;Tolk;100\n")
    result = run("ingest", path, "--format", "json")
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    (line,) = document["lines"]
    assert {"id", "district", "kind", "date", "description", "amount"} <= set(line)
    assert (line["id"], line["district"], line["kind"], line["date"], line["amount"]) == (
        "r1", "Farsta", "utfall", "2022-02-01", "12345.50")
    (rejection,) = document["rejections"]
    assert {"file", "row", "column", "message"} <= set(rejection)
    assert (rejection["row"], rejection["column"]) == (3, "datum")
    assert document["totals"] == {"accepted": "12345.50", "rejected": "100.00", "file": "12445.50", "reconciles": True}


def test_ingest_clean_file_exits_0(run, write_csv):
    path = write_csv("beskrivning;belopp\nKurs;100\nSumma;100\n")
    result = run("ingest", path, "--kind", "plan")
    assert result.exit_code == 0
    assert "filens summa: 100 kr (stämmer)" in result.stdout


def test_ingest_unreadable_file_exits_2_with_swedish_error(run, write_csv):
    result = run("ingest", write_csv("a;b\n1;2\n", name="fel.csv"))
    assert result.exit_code == 2
    assert "fel.csv" in result.stderr and "saknas" in result.stderr


def test_allocate_check_reports_the_difference(run, examples):
    result = run("allocate", "--check", examples / "allocations" / "stockholm-2019.yaml")
    assert result.exit_code == 1
    assert "2 948 088 kr, 1 kr mer än totalen 2 948 087 kr" in result.stdout


def test_allocate_distributes(run, examples):
    result = run("allocate", "--amount", "5 394 915", "--key", examples / "allocations" / "stockholm-2022-nyckel.csv",
                 "--fixed", "Äldrenämnden=250 000", "--format", "json")
    assert result.exit_code == 0
    table = json.loads(result.stdout)
    assert table["total"] == "5394915.00"
    assert table["difference"] == "0.00"


def test_allocate_needs_amount_and_key(run):
    result = run("allocate")
    assert result.exit_code == 2
    assert "--amount" in result.stderr
