"""The fields a rule condition may test, per scope: the contract between rules/ and facts.py.

Every fact carries every field of its scope with a value (never null), so a negated
condition means exactly "not so". Money is compared in kronor, dates as yyyymmdd numbers.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..models import Scope

FLAG, NUMBER, MONEY, DATE, TEXT = "flag", "number", "money", "date", "text"
ACCOUNT_DIGITS = 5          # account_1 … account_5 hold the account's first 1–5 digits
ACCOUNT_FIELDS = tuple((n, f"account_{n}") for n in range(1, ACCOUNT_DIGITS + 1))
UNKNOWN_DATE = 0
UNKNOWN_SHARE = -1.0


@dataclass(frozen=True)
class FieldSpec:
    type: str
    meaning: str  # Swedish, shown in rules/README.md


_COMMON = {"kind": FieldSpec(TEXT, "plan eller utfall")}

_LINE = {
    "amount": FieldSpec(MONEY, "radens belopp"),
    "has_date": FieldSpec(FLAG, "raden har ett bokföringsdatum"),
    "date": FieldSpec(DATE, "bokföringsdatum (0 när det saknas)"),
    "has_account": FieldSpec(FLAG, "raden har ett kontonummer"),
    **{name: FieldSpec(TEXT, f"kontonumrets {n} första siffror ('' utan konto); skriv account: [prefix]")
       for n, name in ACCOUNT_FIELDS},
    "recurring": FieldSpec(TEXT, "återkommande kostnad enligt underlaget: ja, nej eller okänt"),
    "fte_share": FieldSpec(NUMBER, "andel av heltid 0–1 (−1 när den saknas)"),
    "description_words": FieldSpec(NUMBER, "antal ord i beskrivningen (siffror räknas inte)"),
    "activity": FieldSpec(TEXT, "klassningens aktivitet (taxonomy/activities.yaml)"),
    "activity_score": FieldSpec(NUMBER, "klassningens säkerhet för aktiviteten, 0–1"),
    "cost_kind": FieldSpec(TEXT, "klassningens kostnadsslag (taxonomy/cost_kinds.yaml)"),
    "cost_kind_score": FieldSpec(NUMBER, "klassningens säkerhet för kostnadsslaget, 0–1"),
    "unclear": FieldSpec(FLAG, "klassningen är osäker eller beskrivningen säger för lite"),
    "target_groups": FieldSpec(NUMBER, "antal målgrupper i klassningen"),
    "has_purpose": FieldSpec(FLAG, "raden hör till ett av årets tillåtna syften"),
    "purpose": FieldSpec(TEXT, "id för årets syfte ('' när inget passar; taxonomy/purposes.yaml)"),
    "duplicate": FieldSpec(FLAG, "en tidigare rad i nämnden har samma datum, belopp och nästan samma text"),
    "duplicate_of": FieldSpec(TEXT, "id för den tidigare raden ('' annars)"),
}

_DISTRICT = {
    "allocated": FieldSpec(MONEY, "nämndens tilldelning"),
    "has_allocation": FieldSpec(FLAG, "nämnden finns i fördelningen"),
    "spent": FieldSpec(MONEY, "summan av nämndens rader"),
    "eligible": FieldSpec(MONEY, "spent minus rader med kvarstående ej_stodberattigad"),
    "ineligible": FieldSpec(MONEY, "spent − eligible"),
    "at_risk": FieldSpec(MONEY, "rader med kvarstående risk som inte redan är ej stödberättigade"),
    "unspent": FieldSpec(MONEY, "tilldelning − eligible, minst 0"),
    "overspent": FieldSpec(MONEY, "spent − tilldelning, minst 0"),
    "line_count": FieldSpec(NUMBER, "antal rader"),
    "file_count": FieldSpec(NUMBER, "antal filer från nämnden"),
    "submitted_known": FieldSpec(FLAG, "återrapportens datum är känt (--submitted)"),
    "submitted": FieldSpec(DATE, "återrapportens datum (0 när det inte är känt)"),
}

_CITY = {
    "requisitioned": FieldSpec(MONEY, "rekvirerat belopp (annars fördelningens tryckta total)"),
    "has_requisitioned": FieldSpec(FLAG, "rekvirerat belopp eller tryckt total är känt"),
    "allocations_total": FieldSpec(MONEY, "summan av fördelningens rader"),
    "allocation_difference": FieldSpec(MONEY, "allocations_total − requisitioned (0 när det inte är känt)"),
    "allocation_gap": FieldSpec(MONEY, "skillnadens storlek"),
    "allocated": FieldSpec(MONEY, "summan av nämndernas tilldelning i granskningen"),
    "spent": FieldSpec(MONEY, "summan över nämnderna"),
    "eligible": FieldSpec(MONEY, "summan över nämnderna"),
    "at_risk": FieldSpec(MONEY, "summan över nämnderna"),
    "unspent": FieldSpec(MONEY, "summan över nämnderna"),
    "repayment_risk": FieldSpec(MONEY, "summan över nämnderna"),
}


def signal_field(signal: str) -> str:
    return f"signal_{signal}"


def target_field(group: str) -> str:
    return f"target_{group}"


def scope_fields(scope: Scope, signals: Iterable[str] = (), target_groups: Iterable[str] = ()) -> dict[str, FieldSpec]:
    """Every field of a scope's facts; line facts add one flag per signal and target group."""
    fields = dict(_COMMON)
    if scope is Scope.line:
        fields.update(_LINE)
        fields.update({signal_field(s): FieldSpec(FLAG, f"signalen {s} (rules/signals.yaml)") for s in signals})
        fields.update({target_field(g): FieldSpec(FLAG, f"klassningen har målgruppen {g}") for g in target_groups})
    elif scope is Scope.district:
        fields.update(_DISTRICT)
    else:
        fields.update(_CITY)
    return fields
