"""durable-rules as the rules engine: rule cases compiled to rulesets, subjects asserted as facts.

How the library's traps are handled:

- Facts, not events: an event is consumed by the first rule it matches; a fact is seen by
  every rule, so several rules can flag the same line.
- Every fact gets a fresh unique ``id``: facts with the same content (or the same id) are
  "already observed" and would be dropped, so two identical salary lines stay two facts.
  Facts carry only the fields the rules read, under short names ("f0", "f1" …), since JSON
  round trips per action dominate the cost.
- durable-rules fires a rule once per satisfied branch of an ``$or`` (two findings for one
  line), and refuses an ``$or`` of conjunctions beyond about 30 tests. So no ``$or`` is
  compiled: each case becomes one durable rule per conjunction of its disjunctive normal
  form, made mutually exclusive first (A or B becomes A, or not-A and B). A case that fires
  twice for one fact is an error.
- A sentinel rule matches every fact, so no fact is ever "not handled" (an unhandled fact
  makes durable-rules abandon the actions of its whole batch), and the sentinel's count proves
  that every fact was evaluated exactly once.
- Every rule has a ``cap`` of a whole batch, so it fires once per batch with all the facts it
  matched instead of once per fact: durable-rules' own cost per action (a JSON round trip of
  the state and the matched facts) is paid per rule and batch, not per finding.
- State is bounded: each batch is asserted into its own state, which is deleted after the
  batch (retracting facts does not free memory, and one state breaks near 25 000 facts).
- durable-rules encodes and decodes JSON with the standard library; engine_json.py makes it
  use orjson (the engine's own cost about 50 → 30 µs a fact, bench/engine_floor.py).
- The host is global and not thread-safe: one host per process, without the library's
  background dispatch threads, used under a lock.
- durable-rules swallows an action's exception into the state; ours are caught and re-raised
  as :class:`RuleActionError` after the batch, so a review fails loudly, never partially.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import threading
from collections import Counter
from typing import Callable, Hashable, Iterable, Sequence, TypeVar

import durable_rules_engine
from durable import engine as durable
from durable.engine import MessageNotHandledException, MessageObservedException

from .engine_json import use_orjson
from .rulebook import AllOf, AnyOf, Condition, Not, RuleCase, Test
from .rulebook.conditions import NEGATED, negation_normal_form

K = TypeVar("K", bound=Hashable)
Record = Callable[[K, RuleCase, dict], None]

BATCH_SIZE = 256   # facts in one durable-rules state; a stream's batch of lines (stream.py) is one
MAX_TERMS = 256
_SENTINEL = "$seen"
_MARK = ("fact", "compliance")
_OPS = {"ne": "$neq", "lt": "$lt", "le": "$lte", "gt": "$gt", "ge": "$gte"}
_LOCK = threading.RLock()
_IDS = itertools.count(1)
_HOST = None
_ACTIVE: dict[str, "_Batch"] = {}
_REGISTERED: set[str] = set()


class EngineError(RuntimeError):
    """The engine did not evaluate every fact as it must (a bug, never an input problem)."""


class RuleActionError(RuntimeError):
    """Recording a finding failed inside a rule's action; the review is aborted."""


class _Host(durable.Host):
    """A host without the library's timer threads: evaluation is synchronous, under our lock."""

    def _run(self) -> None:
        pass


def exclusive(condition: Condition) -> Condition:
    """The same condition (in negation normal form) with mutually exclusive ``AnyOf`` branches."""
    if isinstance(condition, Test):
        return condition
    if isinstance(condition, AllOf):
        return AllOf(tuple(exclusive(item) for item in condition.items))
    if not isinstance(condition, AnyOf):
        raise TypeError(f"condition not in negation normal form: {condition!r}")
    branches = []
    for i, item in enumerate(condition.items):
        earlier = [exclusive(negation_normal_form(Not(previous))) for previous in condition.items[:i]]
        branches.append(AllOf((*earlier, exclusive(item))) if earlier else exclusive(item))
    return AnyOf(tuple(branches))


def terms(condition: Condition) -> list[tuple[Test, ...]]:
    """Disjunctive normal form: the condition holds iff one of these conjunctions does.

    On an :func:`exclusive` condition the conjunctions are mutually exclusive; those that
    contradict themselves (a test and its negation) are left out.
    """
    if isinstance(condition, Test):
        return [(condition,)]
    if isinstance(condition, AnyOf):
        return [term for item in condition.items for term in terms(item)]
    result: list[tuple[Test, ...]] = [()]
    for item in condition.items:
        result = [left + right for left in result for right in terms(item)]
        if len(result) > MAX_TERMS:
            raise EngineError(f"villkoret är för sammansatt för durable-rules (mer än {MAX_TERMS} grenar)")
    return [term for term in result if not _contradicts(term)]


def _contradicts(term: tuple[Test, ...]) -> bool:
    return any(Test(t.field, NEGATED[t.op], t.value) in term for t in term)


def compile_term(term: tuple[Test, ...], names: dict[str, str]) -> dict:
    """durable-rules JSON for a conjunction of tests (no ``$or``: see the module docstring), with
    each field under its name in the facts, ``names[field]``."""
    tests = [{names[t.field]: t.value} if t.op == "eq" else {_OPS[t.op]: {names[t.field]: t.value}} for t in term]
    return {"$and": [dict([_MARK]), *tests]}


class DurableEngine:
    """Evaluates subjects against rule cases: ``fact_of(subject)`` gives each subject's fact, and
    ``record(subject, case, fact)`` is called once for every case that matches it."""

    def __init__(self, cases: Sequence[RuleCase], batch_size: int = BATCH_SIZE):
        self.cases = {case.key: case for case in cases}
        self.batch_size = batch_size
        compiled = {f"{key}@{n}": term for key, case in self.cases.items()
                    for n, term in enumerate(terms(exclusive(case.condition)), 1)}
        fields = sorted({test.field for term in compiled.values() for test in term})
        self.names = {field: f"f{i}" for i, field in enumerate(fields)}
        rules = {name: {"all": [{"m": compile_term(term, self.names)}], "cap": batch_size}
                 for name, term in compiled.items()}
        rules[_SENTINEL] = {"all": [{"m": dict([_MARK])}], "cap": batch_size}
        digest = hashlib.sha256(json.dumps(rules, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        self.name = f"compliance_{digest[:20]}"
        _register(self.name, rules)

    def evaluate(self, subjects: Iterable[K], fact_of: Callable[[K], dict], record: Record) -> None:
        batch: list[K] = []
        for subject in subjects:
            batch.append(subject)
            if len(batch) >= self.batch_size:
                self._run(batch, fact_of, record)
                batch = []
        if batch:
            self._run(batch, fact_of, record)

    def _run(self, subjects: list[K], fact_of: Callable[[K], dict], record: Record) -> None:
        sid = f"s{next(_IDS)}"
        facts, by_id = [], {}
        for subject in subjects:
            fact_id = f"f{next(_IDS)}"
            fact = fact_of(subject)
            facts.append({**{short: fact[name] for name, short in self.names.items()}, "id": fact_id, "sid": sid,
                          _MARK[0]: _MARK[1]})
            by_id[fact_id] = (subject, fact)
        batch = _Batch(by_id, self.cases, record)
        with _LOCK:
            _ACTIVE[self.name] = batch
            try:
                state = _host().assert_facts(self.name, facts)
            except (MessageNotHandledException, MessageObservedException) as exc:
                raise EngineError(f"durable-rules vägrade en batch: {type(exc).__name__}") from None
            finally:
                del _ACTIVE[self.name]
                _forget(self.name, sid)
        batch.check(state)


class _Batch:
    """One batch in flight: which fact is which subject, and what the actions saw."""

    def __init__(self, by_id: dict, cases: dict[str, RuleCase], record: Record):
        self.by_id, self.cases, self.record = by_id, cases, record
        self.seen: Counter = Counter()
        self.fired: set[tuple[str, str]] = set()
        self.error: BaseException | None = None

    def fire(self, key: str, fact_id: str) -> None:
        if self.error is not None:
            return
        try:
            if key == _SENTINEL:
                self.seen[fact_id] += 1
                return
            key = key.rpartition("@")[0]
            if (fact_id, key) in self.fired:
                raise EngineError(f"regeln {key} utlöstes två gånger för samma fakta")
            self.fired.add((fact_id, key))
            subject, fact = self.by_id[fact_id]
            self.record(subject, self.cases[key], fact)
        except BaseException as exc:  # noqa: BLE001 - durable-rules would swallow it
            self.error = exc

    def check(self, state: dict | None) -> None:
        if self.error is not None:
            raise RuleActionError(f"en regels åtgärd misslyckades: {self.error}") from self.error
        if state and "exception" in state:
            raise RuleActionError(f"durable-rules rapporterade ett fel: {state['exception']}")
        if set(self.seen) != set(self.by_id) or any(n != 1 for n in self.seen.values()):
            missing = len(set(self.by_id) - set(self.seen))
            raise EngineError(f"{missing} av {len(self.by_id)} fakta prövades inte exakt en gång")


def _action(name: str, key: str) -> Callable:
    def act(c) -> None:
        batch = _ACTIVE[name]
        for message in c.m:
            batch.fire(key, message["id"])
    return act


def _forget(name: str, sid: str) -> None:
    """Delete a batch's state; a batch that failed before its state existed leaves none."""
    try:
        _host().delete_state(name, sid)
    except durable_rules_engine.error:
        pass


def _register(name: str, rules: dict) -> None:
    with _LOCK:
        if name in _REGISTERED:  # the same compiled rules: reuse the ruleset
            return
        definition = {key: {**rule, "run": _action(name, key)} for key, rule in rules.items()}
        _host().register_rulesets({name: definition})
        _REGISTERED.add(name)


def _host() -> _Host:
    global _HOST
    with _LOCK:
        if _HOST is None:
            use_orjson()
            _HOST = _Host()
        return _HOST
