from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.allocation import allocate, load_allocation, load_key


def test_stockholm_2019_as_printed(examples):
    table = load_allocation(examples / "allocations" / "stockholm-2019.yaml")
    assert len(table.allocations) == 15
    assert table.printed_total == Decimal("2948087")
    assert table.requisitioned == Decimal("2948087")
    assert table.allocations[0].recipient == "Rinkeby-Kista"
    assert {a.recipient for a in table.allocations} >= {"Östermalm", "Älvsjö", "Skärholmen", "Socialnämnden"}
    # The printed rows add up to 2 948 088 kr: one krona more than the printed total.
    assert table.total == Decimal("2948088")
    assert table.difference == Decimal("1")


def test_stockholm_2022_as_printed(examples):
    table = load_allocation(examples / "allocations" / "stockholm-2022.yaml")
    assert len(table.allocations) == 14
    assert table.printed_total == Decimal("5394915")
    amounts = {a.recipient: a.amount for a in table.allocations}
    assert amounts["Äldrenämnden"] == Decimal("250000")
    assert amounts["Hägersten-Älvsjö"] == Decimal("504276")
    assert table.total == Decimal("5394916")
    assert table.difference == Decimal("1")


def test_csv_table_with_total_row_reads_the_same(examples):
    from_yaml = load_allocation(examples / "allocations" / "stockholm-2022.yaml")
    from_csv = load_allocation(examples / "allocations" / "stockholm-2022.csv")
    assert from_csv.allocations == from_yaml.allocations
    assert from_csv.printed_total == from_yaml.printed_total
    assert from_csv.year == 2022


def test_allocate_reproduces_stockholm_2022_to_the_krona(examples):
    key = load_key(examples / "allocations" / "stockholm-2022-nyckel.csv")
    rows = allocate(Decimal("5394915"), key, {"Äldrenämnden": Decimal("250000")})
    assert sum(r.amount for r in rows) == Decimal("5394915")
    assert rows[-1].recipient == "Äldrenämnden" and rows[-1].amount == Decimal("250000")
    printed = {a.recipient: a.amount for a in load_allocation(examples / "allocations" / "stockholm-2022.yaml").allocations}
    assert sum(abs(r.amount - printed[r.recipient]) for r in rows) == Decimal("1")


def test_largest_remainder_gives_leftover_kronor_to_largest_remainders():
    rows = allocate(Decimal("100"), {"A": Decimal(1), "B": Decimal(1), "C": Decimal(1)})
    assert [(r.recipient, r.amount) for r in rows] == [("A", 34), ("B", 33), ("C", 33)]


@settings(max_examples=200, deadline=None)
@given(
    amount=st.integers(min_value=0, max_value=10_000_000),
    weights=st.lists(st.integers(min_value=1, max_value=10**6), min_size=1, max_size=20),
    fixed=st.integers(min_value=0, max_value=100_000),
)
def test_allocation_always_adds_up(amount, weights, fixed):
    key = {f"N{i}": Decimal(w) for i, w in enumerate(weights)}
    fixed_part = {"Fast": Decimal(min(fixed, amount))}
    rows = allocate(Decimal(amount), key, fixed_part)
    assert sum(r.amount for r in rows) == amount
    assert all(r.amount >= 0 and r.amount == r.amount.to_integral_value() for r in rows)


def test_allocate_refuses_impossible_input():
    with pytest.raises(ValueError, match="fasta beloppen"):
        allocate(Decimal(100), {"A": Decimal(1)}, {"B": Decimal(200)})
    with pytest.raises(ValueError, match="hela kronor"):
        allocate(Decimal("100.50"), {"A": Decimal(1)})
