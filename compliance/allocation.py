"""Allocation tables: read a city's distribution over committees, check it, or make one.

A table keeps every figure exactly as printed; :attr:`AllocationTable.difference` says
how far the rows are from the printed total.
"""
from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal
from pathlib import Path
from typing import Mapping, Optional

from pydantic import ValidationError

from .ingest import cells
from .ingest.errors import IngestError
from .ingest.headers import normalise
from .ingest.readers import read_rows
from .models import Allocation, AllocationTable
from .money import AmountError, parse_amount
from .yamlio import DataFileError, load_yaml

_NAME_HEADERS = {"namnd", "stadsdelsnamnd", "mottagare", "recipient", "committee", "district", "stadsdel"}
_AMOUNT_HEADERS = {"belopp", "fordelning", "fordelningkronor", "summa", "kronor", "amount", "kr"}
_KEY_HEADERS = {"andel", "nyckel", "underlag", "bas", "share", "basbelopp", "vikt"}


def load_allocation(path: Path | str) -> AllocationTable:
    """Read an allocation table from YAML (with metadata) or from CSV/XLSX with a total row."""
    path = Path(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        raw = load_yaml(path)
        try:
            return AllocationTable.model_validate(_parse_yaml_amounts(raw))
        except (ValidationError, AmountError, TypeError) as exc:
            raise DataFileError(f"{path}: {exc}") from None
    rows, printed = _two_columns(path, _AMOUNT_HEADERS)
    year = next((int(p) for p in path.stem.replace("_", "-").split("-") if p.isdigit() and len(p) == 4), 0)
    return AllocationTable(city=path.stem, year=year, printed_total=printed,
                           allocations=[Allocation(recipient=n, amount=a) for n, a in rows])


def _parse_yaml_amounts(raw: dict) -> dict:
    if not isinstance(raw, dict) or not isinstance(raw.get("allocations"), list):
        raise DataFileError("fördelningen ska ha en lista 'allocations'")
    data = dict(raw)
    for field in ("requisitioned", "printed_total"):
        if data.get(field) is not None:
            data[field] = parse_amount(data[field])
    data["allocations"] = [{**a, "amount": parse_amount(a["amount"])} for a in raw["allocations"]]
    return data


def _two_columns(path: Path, value_headers: set[str]) -> tuple[list[tuple[str, Decimal]], Optional[Decimal]]:
    """(name, value) rows of a two-column table, and the printed total row if there is one."""
    rows_iter, _ = read_rows(path)
    name_col = value_col = None
    rows: list[tuple[str, Decimal]] = []
    printed = None
    for number, values in rows_iter:
        if name_col is None:
            keys = [normalise(v) for v in values]
            name_col = next((i for i, k in enumerate(keys) if k in _NAME_HEADERS), None)
            value_col = next((i for i, k in enumerate(keys) if k in value_headers), None)
            if name_col is None or value_col is None:
                raise IngestError(path.name, number, None, "rubrikraden ska ha en kolumn för nämnd och en för belopp")
            continue
        if all(cells.is_blank(v) for v in values):
            continue
        name = cells.text(values[name_col] if name_col < len(values) else None)
        raw = values[value_col] if value_col < len(values) else None
        try:
            value = parse_amount(raw)
        except AmountError:
            raise IngestError(path.name, number, "belopp", f"'{cells.text(raw)}' är inte ett belopp") from None
        if cells.is_total_label(name):
            printed = value
        elif not name:
            raise IngestError(path.name, number, "nämnd", "nämnd saknas")
        else:
            rows.append((name, value))
    return rows, printed


def load_key(path: Path | str) -> dict[str, Decimal]:
    """A distribution key: committee -> share or base amount (any positive numbers)."""
    rows, _ = _two_columns(Path(path), _KEY_HEADERS | _AMOUNT_HEADERS)
    key = dict(rows)
    if len(key) != len(rows):
        raise IngestError(Path(path).name, None, "nämnd", "en nämnd står två gånger i nyckeln")
    if any(v < 0 for v in key.values()) or sum(key.values()) <= 0:
        raise IngestError(Path(path).name, None, None, "nyckelns värden ska vara positiva")
    return key


def allocate(amount: Decimal, key: Mapping[str, Decimal], fixed: Optional[Mapping[str, Decimal]] = None) -> list[Allocation]:
    """Distribute ``amount`` in whole kronor: fixed amounts first, the rest by ``key`` with
    the largest-remainder method, so the rows add up exactly to ``amount``."""
    fixed = dict(fixed or {})
    whole = Decimal(amount).quantize(Decimal(1))
    if whole != amount:
        raise ValueError("beloppet att fördela ska vara hela kronor")
    rest = whole - sum(fixed.values(), Decimal(0))
    if rest < 0:
        raise ValueError("de fasta beloppen är större än beloppet att fördela")
    weights = {name: Decimal(w) for name, w in key.items() if name not in fixed}
    total_weight = sum(weights.values(), Decimal(0))
    if total_weight <= 0:
        raise ValueError("nyckeln saknar vikter för de nämnder som ska få del av resten")
    exact = {name: rest * w / total_weight for name, w in weights.items()}
    floors = {name: value.to_integral_value(rounding=ROUND_FLOOR) for name, value in exact.items()}
    left = int(rest - sum(floors.values(), Decimal(0)))
    by_remainder = sorted(exact, key=lambda n: (-(exact[n] - floors[n]), n))
    for name in by_remainder[:left]:
        floors[name] += 1
    result = [Allocation(recipient=name, amount=floors[name]) for name in weights]
    result += [Allocation(recipient=name, amount=Decimal(value)) for name, value in fixed.items()]
    return result
