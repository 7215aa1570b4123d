"""Rule conditions as engine-independent data: parse the YAML form, resolve a year, negate.

The YAML form (rules/README.md) has groups ``all``, ``any``, ``not`` and tests:
``{field: X, is|is_not|in|below|at_most|above|at_least|before|after: V}``, the shorthand
``{X: V}`` (X is V), ``signal: S``, ``account: [prefix, …]``, ``activity|cost_kind: L or [L, …]``
and ``target_group: G or [G, …]``. Values may be ``{threshold: id}`` (rules/thresholds.yaml) and,
for dates, ``period_start``, ``period_end`` or ``report_deadline`` of the grant year.
Parsing gives a tree of :class:`AllOf`, :class:`AnyOf`, :class:`Not` and :class:`Test`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable, Mapping, Union

from .fields import ACCOUNT_DIGITS, DATE, FLAG, MONEY, NUMBER, TEXT, FieldSpec, signal_field, target_field

OPERATORS = {"is": "eq", "is_not": "ne", "below": "lt", "at_most": "le", "above": "gt", "at_least": "ge",
             "before": "lt", "after": "gt"}
NEGATED = {"eq": "ne", "ne": "eq", "lt": "ge", "ge": "lt", "gt": "le", "le": "gt"}
SYMBOL = {"eq": "=", "ne": "≠", "lt": "<", "le": "≤", "gt": ">", "ge": "≥"}
YEAR_DATES = ("period_start", "period_end", "report_deadline")
_ORDERED = (NUMBER, MONEY, DATE)


class ConditionError(ValueError):
    """A condition in a rule file cannot be read; the message says where and why."""


@dataclass(frozen=True)
class Threshold:
    id: str


@dataclass(frozen=True)
class YearDate:
    name: str


@dataclass(frozen=True)
class Test:
    field: str
    op: str
    value: object


@dataclass(frozen=True)
class AllOf:
    items: tuple["Condition", ...]


@dataclass(frozen=True)
class AnyOf:
    items: tuple["Condition", ...]


@dataclass(frozen=True)
class Not:
    item: "Condition"


Condition = Union[Test, AllOf, AnyOf, Not]


@dataclass(frozen=True)
class Vocabulary:
    """What a condition may name: the scope's fields, signals, labels and thresholds."""

    fields: Mapping[str, FieldSpec]
    signals: frozenset[str]
    labels: Mapping[str, frozenset[str]]  # "activity" / "cost_kind" / "target_group" -> ids
    thresholds: frozenset[str]


def parse(raw: object, vocabulary: Vocabulary) -> Condition:
    """Read the YAML form of a condition; raises :class:`ConditionError`."""
    if not isinstance(raw, dict) or not raw:
        raise ConditionError(f"ett villkor ska vara en mappning, inte {raw!r}")
    if "field" in raw:
        return _field_test(raw, vocabulary)
    if len(raw) != 1:
        raise ConditionError(f"skriv ett villkor per rad i en lista under all/any, inte {raw!r}")
    (key, value), = raw.items()
    if key in ("all", "any"):
        if not isinstance(value, list) or not value:
            raise ConditionError(f"'{key}' ska följas av en lista med villkor")
        items = tuple(parse(item, vocabulary) for item in value)
        return AllOf(items) if key == "all" else AnyOf(items)
    if key == "not":
        return Not(parse(value, vocabulary))
    if key == "signal":
        if value not in vocabulary.signals:
            raise ConditionError(f"okänd signal '{value}' (se rules/signals.yaml)")
        return Test(signal_field(value), "eq", True)
    if key == "account":
        return _account(value)
    if key in ("activity", "cost_kind", "target_group"):
        return _labels(key, value, vocabulary)
    if key in vocabulary.fields:
        return _test(key, "eq", value, vocabulary)
    raise ConditionError(f"okänt villkor '{key}'")


def _field_test(raw: dict, vocabulary: Vocabulary) -> Condition:
    field = raw["field"]
    if field not in vocabulary.fields:
        raise ConditionError(f"okänt fält '{field}'")
    rest = {k: v for k, v in raw.items() if k != "field"}
    if len(rest) != 1:
        raise ConditionError(f"fältet '{field}' ska ha exakt en jämförelse ({', '.join([*OPERATORS, 'in'])})")
    (word, value), = rest.items()
    if word == "in":
        if not isinstance(value, list) or not value:
            raise ConditionError(f"'in' för '{field}' ska följas av en lista")
        return AnyOf(tuple(_test(field, "eq", v, vocabulary) for v in value))
    if word not in OPERATORS:
        raise ConditionError(f"okänd jämförelse '{word}' för '{field}'")
    return _test(field, OPERATORS[word], value, vocabulary)


def _test(field: str, op: str, value: object, vocabulary: Vocabulary) -> Test:
    kind = vocabulary.fields[field].type
    if op not in ("eq", "ne") and kind not in _ORDERED:
        raise ConditionError(f"'{field}' kan bara jämföras med is/is_not")
    if isinstance(value, dict) and set(value) == {"threshold"}:
        if value["threshold"] not in vocabulary.thresholds:
            raise ConditionError(f"okänt tröskelvärde '{value['threshold']}' (se rules/thresholds.yaml)")
        if kind not in (NUMBER, MONEY):
            raise ConditionError(f"'{field}' kan inte jämföras med ett tröskelvärde")
        return Test(field, op, Threshold(value["threshold"]))
    if kind == FLAG and not isinstance(value, bool):
        raise ConditionError(f"'{field}' är sant eller falskt: skriv true eller false, inte {value!r}")
    if kind in (NUMBER, MONEY) and (isinstance(value, bool) or not isinstance(value, (int, float))):
        raise ConditionError(f"'{field}' är ett tal, inte {value!r}")
    if kind == TEXT and not isinstance(value, str):
        raise ConditionError(f"'{field}' är en text, inte {value!r}")
    if kind == DATE:
        if value in YEAR_DATES:
            return Test(field, op, YearDate(value))
        if not isinstance(value, dt.date):
            raise ConditionError(f"'{field}' är ett datum (ÅÅÅÅ-MM-DD eller {', '.join(YEAR_DATES)}), inte {value!r}")
        value = date_number(value)
    return Test(field, op, float(value) if kind in (NUMBER, MONEY) else value)


def _account(value: object) -> Condition:
    prefixes = value if isinstance(value, list) else [value]
    tests = []
    for prefix in prefixes:
        prefix = str(prefix)
        if not prefix.isdigit() or len(prefix) > ACCOUNT_DIGITS:
            raise ConditionError(f"kontoprefix ska vara 1–{ACCOUNT_DIGITS} siffror, inte '{prefix}'")
        tests.append(Test(f"account_{len(prefix)}", "eq", prefix))
    if not tests:
        raise ConditionError("'account' ska följas av minst ett kontoprefix")
    return tests[0] if len(tests) == 1 else AnyOf(tuple(tests))


def _labels(axis: str, value: object, vocabulary: Vocabulary) -> Condition:
    labels = value if isinstance(value, list) else [value]
    unknown = [label for label in labels if label not in vocabulary.labels[axis]]
    if unknown or not labels:
        raise ConditionError(f"okänt id för {axis}: {', '.join(map(str, unknown)) or '(tom lista)'}")
    if axis == "target_group":
        tests = [Test(target_field(label), "eq", True) for label in labels]
    else:
        tests = [Test(axis, "eq", label) for label in labels]
    return tests[0] if len(tests) == 1 else AnyOf(tuple(tests))


def date_number(day: dt.date) -> int:
    """A date as the yyyymmdd number facts carry."""
    return day.year * 10000 + day.month * 100 + day.day


def resolve(condition: Condition, value_of: Callable[[object], object]) -> Condition:
    """Replace thresholds and year dates by the year's values."""
    if isinstance(condition, Test):
        if isinstance(condition.value, (Threshold, YearDate)):
            return Test(condition.field, condition.op, value_of(condition.value))
        return condition
    if isinstance(condition, Not):
        return Not(resolve(condition.item, value_of))
    return type(condition)(tuple(resolve(item, value_of) for item in condition.items))


def negation_normal_form(condition: Condition, negate: bool = False) -> Condition:
    """The same condition without :class:`Not`: negations pushed down to the tests.

    Valid because every fact carries every field with a value (see fields.py).
    """
    if isinstance(condition, Test):
        return Test(condition.field, NEGATED[condition.op], condition.value) if negate else condition
    if isinstance(condition, Not):
        return negation_normal_form(condition.item, not negate)
    items = tuple(negation_normal_form(item, negate) for item in condition.items)
    if isinstance(condition, AllOf):
        return AnyOf(items) if negate else AllOf(items)
    return AllOf(items) if negate else AnyOf(items)


def fields_of(condition: Condition) -> list[str]:
    """The fields a condition reads, in order of appearance."""
    if isinstance(condition, Test):
        return [condition.field]
    items = (condition.item,) if isinstance(condition, Not) else condition.items
    seen: dict[str, None] = {}
    for item in items:
        seen.update(dict.fromkeys(fields_of(item)))
    return list(seen)


def describe(condition: Condition) -> str:
    """A compact one-line rendering for explanations: ``signal_x = true och (…)``."""
    if isinstance(condition, Test):
        value = condition.value
        if isinstance(value, bool):
            value = str(value).lower()
        elif isinstance(value, float) and value.is_integer():
            value = int(value)
        elif isinstance(value, str):
            value = repr(value)
        return f"{condition.field} {SYMBOL[condition.op]} {value}"
    if isinstance(condition, Not):
        return f"inte ({describe(condition.item)})"
    word = " och " if isinstance(condition, AllOf) else " eller "
    parts = [describe(item) if isinstance(item, (Test, Not)) else f"({describe(item)})" for item in condition.items]
    return word.join(parts)
