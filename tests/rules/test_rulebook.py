"""The rule data: it loads for every year, carries the public catalogue, is documented, and
malformed rule files are rejected with the file and rule named."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from compliance.models import Scope, Severity
from compliance.paths import data_dir
from compliance.rulebook import load_rulebook
from compliance.rulebook.fields import scope_fields
from compliance.rulebook.terms import Signal, Words
from compliance.taxonomy import known_years, load_taxonomy
from compliance.yamlio import DataFileError

RULES = data_dir("rules")
CATALOGUE = {
    Scope.line: {"skyddat-boende", "lon-aterkommande", "grundverksamhet", "utanfor-syfte", "utanfor-period",
                 "oklar-beskrivning", "mojlig-dubblett", "investering"},
    Scope.district: {"ej-forbrukat", "overforbrukning", "sen-aterrapport", "saknad-aterrapport"},
    Scope.city: {"fordelning-summa", "aterbetalningsrisk"},
}


@pytest.mark.parametrize("year", known_years())
def test_every_year_has_the_public_catalogue(year):
    rulebook = load_rulebook(year)
    for scope, ids in CATALOGUE.items():
        assert ids <= {case.rule for case in rulebook.scope(scope)}
    taxonomy = load_taxonomy(year)
    for case in rulebook.cases:
        assert case.version and case.title and case.message
        assert taxonomy.citation_text(case.citation).startswith(taxonomy.documents[case.citation.document].issuer)


def test_rules_follow_the_years_anvisningar():
    assert load_rulebook(2022).thresholds["investering"] == 24150
    assert load_rulebook(2019).thresholds["investering"] == 23250
    sexual_2019 = [c for c in load_rulebook(2019).cases if c.rule == "utanfor-syfte"]
    sexual_2022 = [c for c in load_rulebook(2022).cases if c.rule == "utanfor-syfte"]
    assert len(sexual_2019) == 2 and len(sexual_2022) == 1
    period = next(c for c in load_rulebook(2022).cases if c.rule == "utanfor-period")
    assert period.kinds == ("utfall",) and period.severity is Severity.ej_stodberattigad
    assert "Dnr 9.2-11954/2020" in load_taxonomy(2020).citation_text(
        next(c for c in load_rulebook(2020).cases if c.rule == "utanfor-period").citation)


def test_every_field_is_documented_for_the_domain_expert():
    readme = (RULES / "README.md").read_text(encoding="utf-8")
    for scope in Scope:
        for name in scope_fields(scope):
            if not name.startswith("account_"):
                assert f"`{name}`" in readme or f"`{name}`," in readme or f", `{name}`" in readme, name


@pytest.mark.parametrize("text, term, expected", [
    ("Köp av platser skyddat boende", "skydd* boende*", True),
    ("Rutiner för skyddat boende-placeringar", "*placering*", True),
    ("SKYDDAT BOENDE DYGNSAVG", "dygnsavg*", True),
    ("Lön kvinnofridssamordnare", "*samordnare", True),
    ("Lön kvinnofridssamordnaren", "*samordnare", False),
    ("Omf lön tillsv jan–dec", "jan dec", True),
    ("Våldsutövare", "valdsutovare", True),
    ("skyddatboende", "skydd* boende*", False),
    ("Handledning", "handled", False),
    ("Hyra av en lokal", "en lokal", True),                     # a phrase's first word, exact
    ("Hyra tentamen lokal", "en lokal", False),                 # ... is a whole word
    ("Försörjningsstöd utbetalt", "*stöd utbet*", True),        # first word with a leading *
    ("Skyddsboende plats", "skydd* plats", True),               # ... with a trailing *
    ("Kvinnojourens skyddade boende", "*jour* skydd*", True),   # ... with both
    ("Kvinnojour, skyddade boenden", "*jour skydd*", True),     # punctuation between the words
    ("Jourens lokal", "*jour lokal", False),
])
def test_signal_terms_match_words_not_substrings(text, term, expected):
    assert Signal("s", "s", (term,)).occurs([Words.of(text)]) is expected
    assert bool(Signal("s", "s", (term,)).evidence({"beskrivning": text})) is expected


@pytest.fixture
def rules_copy(tmp_path):
    folder = tmp_path / "rules"
    shutil.copytree(RULES, folder)
    return folder


@pytest.mark.parametrize("file, old, new, message", [
    ("line.yaml", "signal: skyddat_boende\n", "signal: skyddat_boendet\n", "okänd signal 'skyddat_boendet'"),
    ("line.yaml", "{field: date, before: period_start}", "{field: datum, before: period_start}", "okänt fält 'datum'"),
    ("line.yaml", "cost_kind: placering", "cost_kind: platser", "okänt id för cost_kind: platser"),
    ("line.yaml", "{threshold: investering}", "{threshold: inventarier}", "okänt tröskelvärde 'inventarier'"),
    ("line.yaml", "document: kommun-bas", "document: kommunbas", "okänt dokument 'kommunbas'"),
    ("line.yaml", "({amount}) är kommunens", "({belopp}) är kommunens", "okända namn: belopp"),
    ("line.yaml", "{has_date: true}", "{has_date: ja}", "'has_date' är sant eller falskt"),
    ("district.yaml", "amount_at_risk: unspent", "amount_at_risk: line_count", "amount_at_risk ska vara"),
    ("district.yaml", "- id: overforbrukning", "- id: ej-forbrukat", "för samma år"),
    ("signals.yaml", 'terms: [licens*', 'terms: ["*", licens*', "innehåller inget ord"),
])
def test_malformed_rule_data_is_rejected_with_the_file_named(rules_copy, file, old, new, message):
    path = rules_copy / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        load_rulebook(2022, folder=rules_copy)
    assert message in str(error.value)
    assert str(Path(rules_copy)) in str(error.value)


def test_a_rule_without_a_threshold_value_for_the_year_is_an_error(rules_copy):
    path = rules_copy / "thresholds.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    - {from: 2022, to: 2022, value: 24150,",
                                                                "    - {from: 2023, to: 2023, value: 24150,"),
                    encoding="utf-8")
    with pytest.raises(DataFileError, match="tröskelvärdet 'investering' för 2022"):
        load_rulebook(2022, folder=rules_copy)


def test_facts_carry_exactly_the_fields_of_their_scope():
    import datetime as dt
    from decimal import Decimal

    from builders import classification, line
    from compliance.facts import city_subject, district_subject, line_fact, line_subject
    from compliance.models import LineKind

    rulebook = load_rulebook(2022)
    subject = line_subject(line("A", "Tolk stödsamtal", 100), "A", "X", classification("A"), None, None)
    assert set(line_fact(rulebook, subject)) == set(rulebook.fields[Scope.line])
    money = dict.fromkeys(["allocated", "spent", "eligible", "ineligible", "at_risk", "unspent", "overspent"],
                          Decimal(0))
    district = district_subject("X", LineKind.utfall, money, True, 1, 1, dt.date(2023, 3, 1))
    assert set(district.fact) == set(rulebook.fields[Scope.district])
    totals = dict.fromkeys(["allocated", "spent", "eligible", "at_risk", "unspent", "repayment_risk"], Decimal(0))
    city = city_subject(LineKind.utfall, totals, Decimal(1), Decimal(2))
    assert set(city.fact) == set(rulebook.fields[Scope.city])
