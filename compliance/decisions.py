"""Reviewer decisions: accept (the finding stands) or reject (the reviewer lifts it).

A decisions file is YAML, a list (or ``{decisions: [...]}``) of entries like::

    - line_id: SO-U-008          # omit for a district's or the city's finding
      district: Södermalm        # needed for a district's finding, or when a line id is in two districts
      rule: grundverksamhet
      verdict: reject            # accept | reject
      motivation: Lokalen hyrs för den nya stödgruppen, inte för ordinarie mottagning.
      reviewer: Anna Andersson
      decided: 2023-02-10        # optional

A decision that names a line, district or rule that does not exist, or a finding the review
does not have, is an error: nothing is silently ignored.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Mapping, Optional

from pydantic import ValidationError

from .districts import DistrictNames
from .models import Decision, Finding, Scope, Verdict
from .yamlio import DataFileError, load_yaml

Key = tuple[Scope, Optional[str], Optional[str], str]   # scope, district, line ref, rule


class DecisionError(ValueError):
    """Decisions that do not fit the review; the message lists every problem, in Swedish."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("beslutsfilen stämmer inte med granskningen:\n" + "\n".join(f"- {p}" for p in problems))


def load_decisions(path: Path | str) -> list[Decision]:
    """Read a decisions file; malformed entries raise DataFileError naming the file and entry."""
    raw = load_yaml(Path(path))
    if isinstance(raw, dict) and set(raw) == {"decisions"}:
        raw = raw["decisions"]
    if not isinstance(raw, list):
        raise DataFileError(f"{path}: ska vara en lista med beslut")
    decisions = []
    for number, item in enumerate(raw, start=1):
        try:
            decision = Decision.model_validate(item)
        except ValidationError as exc:
            raise DataFileError(f"{path}: beslut {number}: {exc}") from None
        if not decision.reviewer.strip():
            raise DataFileError(f"{path}: beslut {number}: granskarens namn (reviewer) saknas")
        if decision.verdict is Verdict.reject and not decision.motivation.strip():
            raise DataFileError(f"{path}: beslut {number}: ett reject behöver en motivering (motivation)")
        decisions.append(decision)
    return decisions


class DecisionLedger:
    """Matches decisions to findings as the review makes them, then checks that every decision
    fits the review (:meth:`finish`), so that a streamed review needs no second pass."""

    def __init__(self, decisions: Iterable[Decision], names: DistrictNames):
        self.decisions = list(decisions)
        self.names = names
        self.used: set[int] = set()
        self._candidates: dict[tuple[str, Optional[str]], list[tuple[int, Optional[str]]]] = {}
        for number, decision in enumerate(self.decisions):
            district = names.resolve(decision.district) if decision.district else None
            self._candidates.setdefault((decision.rule, decision.line_id), []).append((number, district))

    @property
    def line_refs(self) -> set[str]:
        """The line refs that decisions name: :meth:`finish` needs to know their districts."""
        return {decision.line_id for decision in self.decisions if decision.line_id is not None}

    def apply(self, finding: Finding) -> Finding:
        """The finding with the decision that names it, if any (valid once :meth:`finish` passes)."""
        for number, district in self._candidates.get((finding.rule, finding.line_id), ()):
            if finding.scope is Scope.city or district == finding.district or (
                    district is None and finding.scope is Scope.line):
                self.used.add(number)
                return finding.model_copy(update={"decision": self.decisions[number]})
        return finding

    def finish(self, lines: Mapping[str, list[str]], districts: Iterable[str],
               rule_scopes: Mapping[str, Scope]) -> None:
        """Raise DecisionError listing every decision whose target is unknown or ambiguous, or
        else every decision that names no finding of the review. ``lines`` maps each of
        :attr:`line_refs` to the districts that have a line with that ref."""
        problems, keys, taken = [], {}, set()
        known_districts = set(districts)
        for number, decision in enumerate(self.decisions):
            key, problem = self._key(decision, lines, known_districts, rule_scopes)
            if problem:
                problems.append(f"beslut {number + 1}: {problem}")
            elif key in taken:
                problems.append(f"beslut {number + 1}: anmärkningen {_describe(key)} har redan ett beslut")
            else:
                keys[number] = key
                taken.add(key)
        if problems:
            raise DecisionError(problems)
        unused = [f"det finns ingen anmärkning {_describe(key)}" for number, key in keys.items()
                  if number not in self.used]
        if unused:
            raise DecisionError(unused)

    def _key(self, decision: Decision, lines, districts, rule_scopes) -> tuple[Optional[Key], Optional[str]]:
        scope = rule_scopes.get(decision.rule)
        if scope is None:
            return None, f"regeln '{decision.rule}' finns inte"
        district = self.names.resolve(decision.district) if decision.district else None
        if district is not None and district not in districts:
            return None, f"nämnden '{decision.district}' finns inte i granskningen"
        if decision.line_id is not None:
            if scope is not Scope.line:
                return None, f"regeln '{decision.rule}' gäller inte enskilda rader"
            owners = lines.get(decision.line_id, [])
            if district is not None:
                owners = [d for d in owners if d == district]
            if not owners:
                return None, f"raden '{decision.line_id}' finns inte" + (f" i {district}" if district else "")
            if len(owners) > 1:
                return None, f"raden '{decision.line_id}' finns i flera nämnder; ange district"
            return (scope, owners[0], decision.line_id, decision.rule), None
        if scope is Scope.line:
            return None, f"regeln '{decision.rule}' gäller rader: ange line_id"
        if scope is Scope.district and district is None:
            return None, f"regeln '{decision.rule}' gäller en nämnd: ange district"
        return (scope, district if scope is Scope.district else None, None, decision.rule), None


def _describe(key: Key) -> str:
    scope, district, line, rule = key
    if line:
        return f"'{rule}' på rad '{line}' ({district})"
    return f"'{rule}' för {district}" if district else f"'{rule}' för staden"
