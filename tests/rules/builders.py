"""Builders for the rules tests: lines, explicit classifications, small allocations."""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Iterator, Optional

from compliance.models import Allocation, AllocationTable, Classification, LabelScore, LineKind, SpendingLine
from compliance.money import parse_amount

DISTRICT = "Testnämnd"


def classification(line_id: str, activity: str = "kompetensutveckling", cost_kind: str = "tjanst",
                   target_groups: Iterable[str] = ("valdsutsatta_vuxna",), unclear: bool = False,
                   score: float = 0.9) -> Classification:
    return Classification(line_id=line_id, activity=LabelScore(label=activity, score=score),
                          cost_kind=LabelScore(label=cost_kind, score=score),
                          target_groups=[LabelScore(label=g, score=score) for g in target_groups], unclear=unclear)


class StubClassifier:
    """Answers with the classifications it was given, by line id, in the order asked."""

    def __init__(self, classifications: Iterable[Classification]):
        self.by_id = {c.line_id: c for c in classifications}

    def classify(self, lines: Iterable[SpendingLine]) -> Iterator[Classification]:
        for line in lines:
            yield self.by_id[line.id]


def line(line_id: str, description: str, amount: object, *, date: Optional[dt.date] = dt.date(2022, 6, 15),
         account: Optional[str] = "7450", kind: LineKind = LineKind.utfall, district: str = DISTRICT,
         **fields) -> SpendingLine:
    return SpendingLine(id=line_id, district=district, kind=kind, date=date if kind is LineKind.utfall else None,
                        description=description, amount=parse_amount(amount), account=account, **fields)


def allocation(amount: object, year: int = 2022, district: str = DISTRICT,
               requisitioned: object = None) -> AllocationTable:
    amount = parse_amount(amount)
    return AllocationTable(city="Teststad", year=year, allocations=[Allocation(recipient=district, amount=amount)],
                           requisitioned=parse_amount(requisitioned) if requisitioned is not None else amount)


def field_values(rulebook, scope) -> dict[str, list]:
    """Candidate values per fact field: every constant the rules compare it with, its neighbours,
    and a value no rule mentions, so that random facts hit every boundary."""
    from compliance.rulebook import AllOf, AnyOf, Not, Test
    from compliance.rulebook.fields import DATE, FLAG, MONEY, NUMBER

    constants: dict[str, set] = {}

    def walk(condition):
        if isinstance(condition, Test):
            constants.setdefault(condition.field, set()).add(condition.value)
        elif isinstance(condition, Not):
            walk(condition.item)
        elif isinstance(condition, (AllOf, AnyOf)):
            for item in condition.items:
                walk(item)

    for case in rulebook.scope(scope):
        walk(case.when)
    values = {}
    for name, spec in rulebook.fields[scope].items():
        seen = constants.get(name, set())
        if spec.type == FLAG:
            values[name] = [False, True]
        elif spec.type in (NUMBER, MONEY, DATE):
            step = 1 if spec.type == DATE else 0.01
            values[name] = sorted({0, *(v + d for v in seen for d in (-step, 0, step))}) or [0]
        else:
            values[name] = sorted({*seen, "x"})
    values["kind"] = ["plan", "utfall"]
    return values
