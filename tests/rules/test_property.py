"""Property tests: durable-rules and the independent reference evaluation give the same findings,
on random facts and on random lines through the whole review."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings, strategies as st

from builders import StubClassifier, classification, field_values
from compliance.engine import DurableEngine
from compliance.models import Allocation, AllocationTable, Citation, LineKind, Scope, Severity, SpendingLine
from compliance.review import review
from compliance.rulebook import AllOf, AnyOf, Not, RuleCase, load_rulebook
from compliance.rulebook import Test as Check
from compliance.rulebook.conditions import negation_normal_form
from compliance.taxonomy import load_taxonomy
from reference import ReferenceEvaluator

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RULEBOOKS = {year: load_rulebook(year) for year in (2019, 2022)}
ENGINES = {(year, scope): (DurableEngine(rb.scope(scope)), ReferenceEvaluator(rb.scope(scope)))
           for year, rb in RULEBOOKS.items() for scope in Scope}


def facts(year: int, scope: Scope):
    values = field_values(RULEBOOKS[year], scope)
    fact = st.fixed_dictionaries({name: st.sampled_from(options) for name, options in values.items()})
    return st.lists(fact, min_size=1, max_size=40)


def hits(evaluator, items: list[dict]) -> list[tuple[int, str]]:
    found = []
    evaluator.evaluate(range(len(items)), items.__getitem__, lambda i, case, fact: found.append((i, case.key)))
    return sorted(found)


@SETTINGS
@given(data=st.data(), year=st.sampled_from(sorted(RULEBOOKS)), scope=st.sampled_from(list(Scope)))
def test_engine_matches_reference_on_random_facts(data, year, scope):
    items = data.draw(facts(year, scope))
    durable, reference = ENGINES[(year, scope)]
    assert hits(durable, items) == hits(reference, items)


WORDS = ["skyddat boende", "platser", "dygn", "rutiner", "utbildning", "samverkan", "varaktigt boende", "lön",
         "tillsvidare", "projektanställd", "visstid", "jan–dec", "kvinnofridssamordnare", "verksamhetsbidrag",
         "grundverksamhet", "ekonomiskt bistånd", "kvarboende", "lokalbokning", "hyra", "lokal", "licens",
         "datorer", "våldtäkt", "nära relationer", "handledning", "FREDA", "diverse", "2022"]
TAXONOMY = load_taxonomy(2022)


@st.composite
def spending_lines(draw, year: int, kind: LineKind):
    count = draw(st.integers(min_value=1, max_value=25))
    pool = draw(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join),
                         min_size=1, max_size=6))
    lines, classes = [], []
    for number in range(count):
        line_id = f"R{number}"
        day = draw(st.sampled_from([dt.date(year - 1, 12, 31), dt.date(year, 1, 1), dt.date(year, 6, 15),
                                    dt.date(year, 12, 31), dt.date(year + 1, 1, 1)]))
        lines.append(SpendingLine(
            id=line_id, district=draw(st.sampled_from(["Norra", "Södra"])), kind=kind,
            date=day if kind is LineKind.utfall else None, description=draw(st.sampled_from(pool)),
            amount=draw(st.sampled_from([Decimal("-500.00"), Decimal("1200.50"), Decimal("23250.00"),
                                         Decimal("24149.99"), Decimal("24150.00"), Decimal("60000.00")])),
            account=draw(st.sampled_from([None, "4620", "46200", "5011", "5610", "6010", "4010", "7450", "7650"])),
            recurring=draw(st.sampled_from([None, True, False]))))
        classes.append(classification(
            line_id, draw(st.sampled_from(TAXONOMY.ids("activities"))),
            draw(st.sampled_from(TAXONOMY.ids("cost_kinds"))),
            draw(st.lists(st.sampled_from(TAXONOMY.ids("target_groups")), max_size=2, unique=True)),
            unclear=draw(st.booleans()), score=draw(st.sampled_from([0.3, 0.9]))))
    return lines, classes


def outcome(result) -> list:
    found = [(f.scope.value, f.district, f.line_id, f.rule, f.severity.value, f.amount_at_risk, f.message)
             for d in result.districts for f in [*(x for r in d.lines for x in r.findings), *d.findings]]
    found += [(f.scope.value, f.rule, f.amount_at_risk, f.message) for f in result.findings]
    return sorted(map(str, found)) + [str(d.totals) for d in result.districts] + [str(result.totals)]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), year=st.sampled_from([2019, 2022]), kind=st.sampled_from(list(LineKind)))
def test_review_matches_reference_on_random_lines(data, year, kind):
    lines, classes = data.draw(spending_lines(year, kind))
    table = AllocationTable(city="Teststad", year=year, requisitioned=Decimal("100000.00"),
                            allocations=[Allocation(recipient="Norra", amount=Decimal("60000.00")),
                                         Allocation(recipient="Södra", amount=Decimal("40001.00"))])
    run = dict(year=year, allocation=table, lines=lines, kind=kind, classifier=StubClassifier(classes),
               submitted=data.draw(st.sampled_from([None, dt.date(year + 1, 3, 31), dt.date(year + 1, 4, 1)])))
    durable = review(**run)
    assert outcome(durable) == outcome(review(**run, engine=ReferenceEvaluator))
    for district in durable.districts:
        totals = district.totals
        assert totals.eligible + sum((r.line.amount for r in district.lines if any(
            f.severity.value == "ej_stodberattigad" for f in r.findings)), Decimal(0)) == totals.spent
        assert totals.repayment_risk == totals.unspent == max(totals.allocated - totals.eligible, Decimal(0))


TESTS = st.one_of(
    st.builds(Check, st.just("flag"), st.sampled_from(["eq", "ne"]), st.booleans()),
    st.builds(Check, st.just("n"), st.sampled_from(["eq", "ne", "lt", "le", "gt", "ge"]),
              st.sampled_from([0.0, 1.0, 2.0])),
    st.builds(Check, st.just("s"), st.sampled_from(["eq", "ne"]), st.sampled_from(["a", "b"])),
)
CONDITIONS = st.recursive(TESTS, lambda inner: st.one_of(
    st.builds(Not, inner),
    st.lists(inner, min_size=1, max_size=3).map(lambda items: AllOf(tuple(items))),
    st.lists(inner, min_size=1, max_size=3).map(lambda items: AnyOf(tuple(items)))), max_leaves=8)
SMALL_FACTS = st.lists(st.fixed_dictionaries({
    "kind": st.just("utfall"), "flag": st.booleans(), "n": st.sampled_from([0.0, 1.0, 1.5, 2.0, 3.0]),
    "s": st.sampled_from(["a", "b", "c"])}), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(when=CONDITIONS, items=SMALL_FACTS)
def test_any_condition_compiles_to_the_same_meaning(when, items):
    """Negation normal form, exclusive branches and one durable rule per conjunction keep the
    meaning of any condition, and fire at most once per fact."""
    case = RuleCase(rule="slump", title="slump", version="1", scope=Scope.line, number=1, severity=Severity.risk,
                    kinds=("utfall",), when=when, condition=negation_normal_form(when), message="", amount_field=None,
                    citation=Citation(document="kommun-bas", passage="-"))
    assert hits(DurableEngine([case]), items) == hits(ReferenceEvaluator([case]), items)
