"""A reference evaluation of the rule data, written independently of compliance.engine.

It reads each case's own condition (``when``, with its ``not``s as written) and applies the
documented semantics in plain Python: per rule, the first case that holds for a subject of
one of the rule's kinds fires. No negation normal form, no exclusive branches, no durable-rules.
"""
from __future__ import annotations

import operator

from compliance.rulebook import AllOf, AnyOf, Not, Test

COMPARE = {"eq": operator.eq, "ne": operator.ne, "lt": operator.lt, "le": operator.le, "gt": operator.gt,
           "ge": operator.ge}


def holds(condition, fact: dict) -> bool:
    if isinstance(condition, Test):
        return COMPARE[condition.op](fact[condition.field], condition.value)
    if isinstance(condition, Not):
        return not holds(condition.item, fact)
    if isinstance(condition, AllOf):
        return all(holds(item, fact) for item in condition.items)
    assert isinstance(condition, AnyOf)
    return any(holds(item, fact) for item in condition.items)


class ReferenceEvaluator:
    """Same interface as DurableEngine: evaluate(subjects, fact_of, record)."""

    def __init__(self, cases):
        self.rules: dict[str, list] = {}
        for case in cases:
            self.rules.setdefault(case.rule, []).append(case)

    def evaluate(self, subjects, fact_of, record) -> None:
        for subject in subjects:
            fact = fact_of(subject)
            for cases in self.rules.values():
                for case in sorted(cases, key=lambda c: c.number):
                    if fact["kind"] in case.kinds and holds(case.when, fact):
                        record(subject, case, fact)
                        break
