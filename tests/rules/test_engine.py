"""The durable-rules engine against its traps: facts not events, no dedup of equal facts, no
double firing, no unhandled facts, bounded state, actions that raise, threads."""
from __future__ import annotations

import json
import random
import threading

import pytest
from durable import engine as durable

from builders import StubClassifier, allocation, classification, field_values, line
from compliance import engine as engine_module
from compliance.engine import DurableEngine, RuleActionError, compile_term, exclusive, terms
from compliance.engine_json import OrjsonCodec
from compliance.findings import FindingFactory
from compliance.models import Scope
from compliance.review import review
from compliance.rulebook import load_rulebook
from reference import ReferenceEvaluator

RULEBOOK = load_rulebook(2022)
LINE_CASES = RULEBOOK.scope(Scope.line)


def random_facts(count: int, seed: int = 4) -> list[dict]:
    rng = random.Random(seed)
    values = field_values(RULEBOOK, Scope.line)
    return [{name: rng.choice(options) for name, options in values.items()} for _ in range(count)]


def hits(evaluator, facts: list[dict]) -> list[tuple[int, str]]:
    found = []
    evaluator.evaluate(range(len(facts)), facts.__getitem__, lambda i, case, fact: found.append((i, case.key)))
    return sorted(found)


def test_100000_facts_in_one_run_lose_nothing():
    """Far beyond the 25 000 facts where one durable-rules state breaks."""
    facts = random_facts(100_000)
    found = hits(DurableEngine(LINE_CASES), facts)
    assert found == hits(ReferenceEvaluator(LINE_CASES), facts)
    assert len(found) > 100_000 and len({i for i, _ in found}) > 50_000


def test_identical_facts_are_not_deduplicated():
    fact = random_facts(1, seed=1)[0]
    fact.update(signal_skyddat_boende=True, signal_boendeutveckling=False, account_2="46", kind="utfall")
    found = hits(DurableEngine(LINE_CASES), [dict(fact), dict(fact)])
    assert (0, "skyddat-boende#1") in found and (1, "skyddat-boende#1") in found


def test_a_fact_meeting_several_branches_fires_once():
    fact = random_facts(1, seed=2)[0]
    fact.update(signal_skyddat_boende=True, signal_boendeutveckling=False, account_2="46", cost_kind="placering",
                signal_platskop=True)
    assert [key for _, key in hits(DurableEngine(LINE_CASES), [fact])].count("skyddat-boende#1") == 1


def test_no_or_reaches_durable_rules():
    for case in RULEBOOK.cases:
        for term in terms(exclusive(case.condition)):
            assert "$or" not in str(compile_term(term, {t.field: t.field for t in term}))


def test_each_batch_gets_its_own_state_which_is_deleted(monkeypatch):
    deleted = []
    host = engine_module._host()
    original = host.delete_state
    monkeypatch.setattr(host, "delete_state", lambda name, sid: (deleted.append(sid), original(name, sid)))
    engine = DurableEngine(LINE_CASES, batch_size=100)
    hits(engine, random_facts(1_050))
    assert len(deleted) == len(set(deleted)) == 11


def test_an_action_that_raises_fails_the_review(monkeypatch):
    def broken(self, case, subject, fact):
        raise ValueError("trasig åtgärd")

    monkeypatch.setattr(FindingFactory, "make", broken)
    lines = [line("A", "Köp av platser skyddat boende 30 dygn", "45 000", account="4620")]
    stub = StubClassifier([classification("A", "boende", "placering")])
    with pytest.raises(RuleActionError, match="trasig åtgärd"):
        review(year=2022, allocation=allocation("45 000"), lines=lines, classifier=stub)


def test_the_engine_still_works_after_a_failed_batch():
    engine = DurableEngine(LINE_CASES)
    facts = random_facts(300, seed=9)

    def boom(i, case, fact):
        raise RuntimeError("nej")

    with pytest.raises(RuleActionError):
        engine.evaluate(range(len(facts)), facts.__getitem__, boom)
    assert hits(engine, facts) == hits(ReferenceEvaluator(LINE_CASES), facts)


def test_concurrent_reviews_are_serialised_and_agree():
    facts = random_facts(2_000, seed=5)
    expected = hits(ReferenceEvaluator(LINE_CASES), facts)
    results, errors = [], []

    def run():
        try:
            results.append(hits(DurableEngine(LINE_CASES), facts))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert results == [expected] * 4


def test_a_batch_that_cannot_be_sent_reports_its_own_error():
    fact = random_facts(1, seed=3)[0]
    fact["amount"] = object()
    with pytest.raises(TypeError, match="not JSON serializable"):
        hits(DurableEngine(LINE_CASES), [fact])


def test_durable_rules_json_goes_through_orjson():
    DurableEngine(LINE_CASES)
    assert durable.json is OrjsonCodec


def test_orjson_codec_reads_back_what_the_standard_library_would():
    state = {"sid": "s1", "id": "f2", "beskrivning": "Våldsutövare, skyddat boende – €", "amount": 12345.5,
             "date": 20220331, "unclear": False, "purpose": None, 7: "nyckel", "list": [1, 2.25, "å"]}
    text = OrjsonCodec.dumps(state, ensure_ascii=False)
    assert "Våldsutövare" in text
    assert OrjsonCodec.loads(text) == json.loads(json.dumps(state, ensure_ascii=False))
