"""Load rules/ for one grant year: validate everything, then bind rules to the year."""
from __future__ import annotations

import string
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Optional

from pydantic import ValidationError

from ..models import LineKind, Scope
from ..paths import data_dir
from ..taxonomy import Taxonomy, known_years, load_taxonomy
from ..yamlio import DataFileError, load_yaml
from .conditions import (
    AllOf,
    AnyOf,
    ConditionError,
    Not,
    Test,
    Threshold,
    Vocabulary,
    YearDate,
    date_number,
    negation_normal_form,
    parse,
    resolve,
)
from .fields import MONEY, FieldSpec, scope_fields, signal_field, target_field
from .model import RuleCase, RuleSpec, SignalSpec, ThresholdSpec
from .terms import Signal, SignalIndex, term_pattern

RULE_FILES = ("line.yaml", "district.yaml", "city.yaml")
# Placeholders a message may use besides its scope's fields.
MESSAGE_EXTRAS = {
    Scope.line: {"year", "period_start", "period_end", "report_deadline", "district", "description", "line_id"},
    Scope.district: {"year", "period_start", "period_end", "report_deadline", "district"},
    Scope.city: {"year", "period_start", "period_end", "report_deadline"},
}


@dataclass(frozen=True)
class Rulebook:
    """The rules, signals and thresholds valid in one grant year."""

    year: int
    cases: tuple[RuleCase, ...]
    signals: tuple[Signal, ...]
    signal_index: SignalIndex
    thresholds: dict[str, Decimal]
    threshold_units: dict[str, str]
    rule_scopes: dict[str, Scope]   # every rule id in rules/, whatever its years
    fields: dict[Scope, dict[str, FieldSpec]]
    target_groups: tuple[str, ...]  # every target group with a target_<id> field

    def scope(self, scope: Scope) -> tuple[RuleCase, ...]:
        return tuple(case for case in self.cases if case.scope is scope)

    @cached_property
    def signal_fields(self) -> tuple[tuple[str, str], ...]:
        """(signal id, its line field) for every signal."""
        return tuple((signal.id, signal_field(signal.id)) for signal in self.signals)

    @cached_property
    def target_fields(self) -> tuple[tuple[str, str], ...]:
        """(target group, its line field) for every target group."""
        return tuple((group, target_field(group)) for group in self.target_groups)


@dataclass(frozen=True)
class _Catalogue:
    specs: tuple[tuple[str, RuleSpec], ...]   # (file name, rule)
    signals: tuple[SignalSpec, ...]
    thresholds: tuple[ThresholdSpec, ...]
    vocabularies: dict[Scope, Vocabulary]


def load_rulebook(year: int, folder: Optional[Path] = None, taxonomy_folder: Optional[Path] = None) -> Rulebook:
    """The rulebook of ``year``; malformed rule data raises DataFileError naming the file."""
    return _load(year, folder or data_dir("rules"), taxonomy_folder)


@lru_cache(maxsize=32)
def _load(year: int, folder: Path, taxonomy_folder: Optional[Path]) -> Rulebook:
    taxonomy = load_taxonomy(year, taxonomy_folder)
    catalogue = _catalogue(folder, taxonomy_folder)
    thresholds = {}
    for spec in catalogue.thresholds:
        value = next((v.value for v in spec.values if v.covers(year)), None)
        if value is not None:
            thresholds[spec.id] = value
    cases = []
    for file, spec in catalogue.specs:
        version = next((v for v in spec.versions if v.covers(year)), None)
        if version is not None:
            cases += _bind(folder / file, spec, version, catalogue.vocabularies[spec.scope], taxonomy, thresholds)
    signals = tuple(Signal(s.id, s.label, tuple(s.terms)) for s in catalogue.signals)
    scopes = {spec.id: spec.scope for _, spec in catalogue.specs}
    return Rulebook(year=year, cases=tuple(cases), signals=signals, signal_index=SignalIndex(signals),
                    thresholds=thresholds, threshold_units={t.id: t.unit for t in catalogue.thresholds},
                    rule_scopes=scopes,
                    fields={scope: dict(v.fields) for scope, v in catalogue.vocabularies.items()},
                    target_groups=tuple(sorted(catalogue.vocabularies[Scope.line].labels["target_group"])))


def _bind(path: Path, spec: RuleSpec, version, vocabulary: Vocabulary, taxonomy: Taxonomy,
          thresholds: dict[str, Decimal]) -> list[RuleCase]:
    def value_of(ref):
        if isinstance(ref, Threshold):
            if ref.id not in thresholds:
                raise DataFileError(f"{path}: '{spec.id}' behöver tröskelvärdet '{ref.id}' för {taxonomy.year}, "
                                    "men rules/thresholds.yaml har inget värde det året")
            return float(thresholds[ref.id])
        assert isinstance(ref, YearDate)
        return date_number(getattr(taxonomy.grant_year, ref.name))

    kinds = [] if set(spec.kinds) == set(LineKind) else [AnyOf(tuple(Test("kind", "eq", k.value) for k in spec.kinds))]
    cases, earlier = [], []
    for number, case in enumerate(spec.cases, start=1):
        when = resolve(parse(case.when, vocabulary), value_of)
        condition = AllOf((when, *kinds, *(Not(previous) for previous in earlier)))
        earlier.append(when)
        cases.append(RuleCase(
            rule=spec.id, title=spec.title, version=version.version, scope=spec.scope, number=number,
            severity=case.severity, kinds=tuple(k.value for k in spec.kinds), when=when,
            condition=negation_normal_form(condition), message=case.message,
            amount_field=None if spec.amount_at_risk == "none" else spec.amount_at_risk, citation=version.citation))
    return cases


@lru_cache(maxsize=8)
def _catalogue(folder: Path, taxonomy_folder: Optional[Path]) -> _Catalogue:
    documents = set(load_taxonomy(known_years(taxonomy_folder)[0], taxonomy_folder).documents)
    signals = _read(folder / "signals.yaml", SignalSpec)
    thresholds = _read(folder / "thresholds.yaml", ThresholdSpec)
    for signal in signals:
        for term in signal.terms:
            try:
                term_pattern(term)
            except ValueError as exc:
                raise DataFileError(f"{folder / 'signals.yaml'}: signalen '{signal.id}': {exc}") from None
    _check_ids(folder / "signals.yaml", [s.id for s in signals])
    _check_ids(folder / "thresholds.yaml", [t.id for t in thresholds])
    for threshold in thresholds:
        _check_dated(folder / "thresholds.yaml", threshold.id, threshold.values)
    vocabularies = _vocabularies(signals, thresholds, taxonomy_folder)
    specs = []
    for file in RULE_FILES:
        for spec in _read(folder / file, RuleSpec):
            _check_rule(folder / file, spec, vocabularies[spec.scope], documents)
            specs.append((file, spec))
    _check_rule_years(folder, specs)
    return _Catalogue(specs=tuple(specs), signals=tuple(signals), thresholds=tuple(thresholds),
                      vocabularies=vocabularies)


def _vocabularies(signals, thresholds, taxonomy_folder) -> dict[Scope, Vocabulary]:
    labels: dict[str, set[str]] = {"activity": set(), "cost_kind": set(), "target_group": set()}
    for year in known_years(taxonomy_folder):
        taxonomy = load_taxonomy(year, taxonomy_folder)
        labels["activity"].update(taxonomy.ids("activities"))
        labels["cost_kind"].update(taxonomy.ids("cost_kinds"))
        labels["target_group"].update(taxonomy.ids("target_groups"))
    signal_ids = [s.id for s in signals]
    frozen = {axis: frozenset(ids) for axis, ids in labels.items()}
    return {scope: Vocabulary(fields=scope_fields(scope, signal_ids, sorted(labels["target_group"])),
                              signals=frozenset(signal_ids), labels=frozen,
                              thresholds=frozenset(t.id for t in thresholds))
            for scope in Scope}


def _check_rule(path: Path, spec: RuleSpec, vocabulary: Vocabulary, documents: set[str]) -> None:
    where = f"{path}: regeln '{spec.id}'"
    for version in spec.versions:
        if version.citation.document not in documents:
            raise DataFileError(f"{where} citerar okänt dokument '{version.citation.document}'")
    _check_dated(path, spec.id, spec.versions)
    if spec.amount_at_risk != "none" and getattr(vocabulary.fields.get(spec.amount_at_risk), "type", None) != MONEY:
        raise DataFileError(f"{where}: amount_at_risk ska vara ett beloppsfält eller none, "
                            f"inte '{spec.amount_at_risk}'")
    allowed = set(vocabulary.fields) | MESSAGE_EXTRAS[spec.scope] | {f"threshold_{t}" for t in vocabulary.thresholds}
    for number, case in enumerate(spec.cases, start=1):
        try:
            parse(case.when, vocabulary)
        except ConditionError as exc:
            raise DataFileError(f"{where}, fall {number}: {exc}") from None
        names = {name for _, name, _, _ in string.Formatter().parse(case.message) if name is not None}
        unknown = sorted(names - allowed)
        if unknown:
            raise DataFileError(f"{where}, fall {number}: meddelandet använder okända namn: {', '.join(unknown)}")


def _check_rule_years(folder: Path, specs: list[tuple[str, RuleSpec]]) -> None:
    by_id: dict[str, list[RuleSpec]] = {}
    for _, spec in specs:
        by_id.setdefault(spec.id, []).append(spec)
    for rule_id, entries in by_id.items():
        if len({e.scope for e in entries}) > 1:
            raise DataFileError(f"{folder}: regeln '{rule_id}' har olika scope i olika poster")
        versions = [v for e in entries for v in e.versions]
        for i, a in enumerate(versions):
            if any(a.overlaps(b) for b in versions[i + 1:]):
                raise DataFileError(f"{folder}: regeln '{rule_id}' har flera poster eller versioner för samma år")


def _check_dated(path: Path, owner: str, dated: list) -> None:
    for i, a in enumerate(dated):
        if a.last is not None and a.last < a.first:
            raise DataFileError(f"{path}: '{owner}': 'to' ({a.last}) är före 'from' ({a.first})")
        if any(a.overlaps(b) for b in dated[i + 1:]):
            raise DataFileError(f"{path}: '{owner}' har överlappande år")


def _check_ids(path: Path, ids: list[str]) -> None:
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise DataFileError(f"{path}: dubblerade id: {', '.join(duplicates)}")


def _read(path: Path, model: type) -> list:
    raw = load_yaml(path)
    if not isinstance(raw, list):
        raise DataFileError(f"{path}: ska vara en lista")
    try:
        return [model.model_validate(item) for item in raw]
    except ValidationError as exc:
        raise DataFileError(f"{path}: {exc}") from None
