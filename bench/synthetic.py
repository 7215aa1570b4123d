"""Realistic synthetic returns (återrapporter) of any size, deterministic from a seed.

Texts are the training corpus's lines (taxonomy/corpus/train.jsonl) in the ledger variants
the classifier is trained on (truncated words, folded or upper-cased letters), with counts
and months as ledgers add them, plus lines composed from the taxonomy's own terms. Each file
has the style of one of the shipped examples (delimiter, encoding, amount and date format).
A few lines are double bookings, credits, bookings outside the period or unreadable amounts.

    python bench/synthetic.py /tmp/national --lines 1000000 --years 2021,2022 --files 4

writes, per year, ``utfall_<year>_<n>.csv`` and ``fordelning_<year>.yaml`` (the districts'
allocations) and prints the file names.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Sequence

import yaml

from compliance.classify.augment import variant
from compliance.classify.corpus import Record, corpus_path, read_corpus
from compliance.classify.labels import entries_by_axis
from compliance.money import format_amount, format_kr

COLUMNS = ["id", "nämnd", "datum", "beskrivning", "belopp", "konto", "kostnadsslag", "motpart", "återkommande",
           "omfattning"]
MONTHS = ["jan", "feb", "mars", "april", "maj", "juni", "juli", "aug", "sep", "okt", "nov", "dec"]
_PLACE = ["Berg", "Sjö", "Lund", "Holm", "Vik", "Dal", "Fors", "Torp", "Ås", "Näs", "Hed", "Bro", "Mark", "Ljung",
          "Ek", "Björk", "Al", "Sand", "Sten", "Strand"]
_END = ["by", "å", "sund", "köping", "hamn", "vik", "fors", "ås", "ryd", "tuna", "stad", "ö", "inge", "torp", "dal"]
_SUPPLIERS = {"tjanst": ["Handledarbyrån AB", "Tolkservice Norr", "Konsultgruppen Kvinnofrid AB"],
              "utbildning": ["Föreläsarbyrån AB", "NCK Uppsala universitet", "Riskbedömning Sverige AB"],
              "placering": ["Trygga Hem Skyddat Boende AB", "Stiftelsen Jourhemmet"],
              "lokal": ["Kommunfastigheter AB", "Folkets Hus"], "resor": ["SJ AB", "Taxi Kurir"],
              "material": ["Bokhandeln", "Tryckeriet i Väst"], "utrustning": ["Dustin AB", "Atea Sverige AB"]}
# The Kommun-Bas account (and its text) a line of each cost kind is booked on when the corpus gives none.
_ACCOUNTS = {"lon": ("5011", "Månadslön"), "tjanst": ("7450", "Konsulttjänster"),
             "utbildning": ("7650", "Kurs o konf"), "material": ("6410", "Böcker o tidskr"),
             "lokal": ("6010", "Lokalhyra"), "resor": ("7010", "Resor"),
             "placering": ("4620", "Köp av huvudverks"), "utrustning": ("4010", "Inventarier"),
             "ovrigt": ("7110", "Representation")}
_MEDIAN_KR = {"lon": 38_000, "tjanst": 9_000, "utbildning": 6_000, "material": 2_500, "lokal": 12_000,
              "resor": 1_800, "placering": 45_000, "utrustning": 11_000, "ovrigt": 2_000}


@dataclass(frozen=True)
class Style:
    """How one municipality's ledger export writes a CSV (after the shipped examples)."""

    delimiter: str
    encoding: str
    amount: str     # "space": 12 345,50 · "plain": 12345,50 · "dot": 12345.50 · "kr": 12 345,50 kr
    date: str       # "iso": 2022-03-31 · "compact": 20220331 · "slash": 31/3 2022


STYLES = [Style(";", "cp1252", "space", "iso"), Style(",", "utf-8", "plain", "compact"),
          Style(";", "utf-8-sig", "kr", "iso"), Style("\t", "utf-8", "dot", "slash")]


def district_names(count: int) -> list[str]:
    """``count`` distinct, Swedish-looking committee names, the same for every run."""
    names = [f"{first}{end}" for end in _END for first in _PLACE]
    if count > len(names):
        names += [f"{name} {n}" for n in range(2, count // len(names) + 2) for name in names]
    return names[:count]


class Ledger:
    """Draws spending rows for one grant year from a seeded generator."""

    def __init__(self, year: int, seed: int):
        self.year = year
        self.rng = random.Random(seed * 10_000 + year)
        entries = entries_by_axis()
        self.records = read_corpus(corpus_path("train"), entries)
        self.terms = {axis: [t.strip("*").strip() for e in items for t in e.terms if len(t.strip("* ")) > 3]
                      for axis, items in entries.items()}
        self.cost_kinds = [e.id for e in entries["cost_kind"]]

    def district(self, code: str, name: str, count: int) -> list[dict]:
        """``count`` rows of one committee, in booking-date order as a ledger lists them."""
        rows = [self._row(name) for _ in range(count)]
        for row in rows:
            if self.rng.random() < 0.004 and rows:   # a double booking: same date, amount and text
                twin = self.rng.choice(rows)
                row.update({k: twin[k] for k in ("datum", "beskrivning", "belopp", "konto", "kostnadsslag")})
        rows.sort(key=lambda row: row["datum"])
        for number, row in enumerate(rows, start=1):
            row["id"] = f"{code}-{self.year % 100:02d}-{number:05d}"
        return rows

    def _row(self, name: str) -> dict:
        rng = self.rng
        record = self._text()
        cost_kind = record.cost_kind
        number, account_text = _ACCOUNTS[cost_kind]
        if record.account:
            number, _, words = record.account.partition(" ")
            account_text = words or account_text
        if rng.random() < 0.1:
            account_text = ""
        amount = Decimal(round(rng.lognormvariate(0, 0.8) * _MEDIAN_KR[cost_kind] * 100)) / 100
        if rng.random() < 0.01:
            amount = -amount  # a credit
        day = dt.date(self.year, 1, 1) + dt.timedelta(days=rng.randrange(365))
        if rng.random() < 0.01:
            day += dt.timedelta(days=rng.choice([-30, 370]))  # booked outside the period
        salary = cost_kind == "lon"
        return {"id": "", "nämnd": name, "datum": day, "beskrivning": record.text, "belopp": amount,
                "konto": number if number.isdigit() else "", "kostnadsslag": account_text,
                "motpart": "" if salary else rng.choice(_SUPPLIERS.get(cost_kind, [""])),
                "återkommande": rng.choice(["ja", "nej", ""]) if salary else "",
                "omfattning": rng.choice(["50%", "100 %", "0,25", ""]) if salary else "",
                "_broken": rng.random() < 0.001}

    def _text(self) -> Record:
        rng = self.rng
        if rng.random() < 0.2:
            activity, kind = rng.choice(self.terms["activity"]), rng.choice(self.cost_kinds)
            group = rng.choice(self.terms["target_groups"])
            return Record(f"{activity.capitalize()} {group} {rng.choice(MONTHS)}", None, "", kind, ())
        record = variant(rng.choice(self.records), rng)
        if rng.random() < 0.3:
            extra = rng.choice([f" {rng.choice(MONTHS)}", f" {rng.randrange(2, 30)} delt",
                                f", {rng.randrange(2, 12)} ggr"])
            record = Record(record.text + extra, record.account, record.activity, record.cost_kind, ())
        return record


def written(row: dict, style: Style) -> list[str]:
    """The row's cells as the style writes them."""
    cells = dict(row)
    cells["belopp"] = "12 3OO" if row["_broken"] else _amount(row["belopp"], style.amount)
    day: dt.date = row["datum"]
    cells["datum"] = {"iso": day.isoformat(), "compact": day.strftime("%Y%m%d"),
                      "slash": f"{day.day}/{day.month} {day.year}"}[style.date]
    return [str(cells[column]) for column in COLUMNS]


def _amount(amount: Decimal, kind: str) -> str:
    if kind == "dot":
        return f"{amount:.2f}"
    if kind == "plain":
        return f"{amount:.2f}".replace(".", ",")
    if kind == "kr":
        return format_kr(amount)
    return format_amount(amount)


def generate(folder: Path, lines: int, years: Sequence[int], files: int = 4, districts: int = 0,
             seed: int = 2012) -> dict[int, tuple[list[Path], Path]]:
    """Write ``lines`` rows per year over ``districts`` committees (default: about one per 20
    lines, at most 290) and ``files`` files; return, per year, the files and the allocation."""
    folder.mkdir(parents=True, exist_ok=True)
    count = districts or max(1, min(290, lines // 20))
    names = district_names(count)
    written_files = {}
    for year in years:
        ledger = Ledger(year, seed)
        shares = _split(lines, count, ledger.rng)
        spent: dict[str, Decimal] = {}
        paths = []
        for part in range(min(files, count)):
            style = STYLES[part % len(STYLES)]
            path = folder / f"utfall_{year}_{part + 1}.csv"
            with open(path, "w", encoding=style.encoding, errors="replace", newline="") as handle:
                out = csv.writer(handle, delimiter=style.delimiter)
                out.writerow(COLUMNS)
                for index in range(part, count, files):
                    rows = ledger.district(f"K{index + 1:03d}", names[index], shares[index])
                    spent[names[index]] = sum((r["belopp"] for r in rows if not r["_broken"]), Decimal("0"))
                    out.writerows(written(row, style) for row in rows)
            paths.append(path)
        written_files[year] = (paths, _allocation(folder, year, names, spent, ledger.rng))
    return written_files


def _split(lines: int, parts: int, rng: random.Random) -> list[int]:
    """``lines`` over ``parts`` committees, uneven as municipalities are (summing exactly)."""
    weights = [rng.lognormvariate(0, 0.7) for _ in range(parts)]
    total = sum(weights)
    shares = [int(lines * w / total) for w in weights]
    for index in range(lines - sum(shares)):
        shares[index % parts] += 1
    return shares


def _allocation(folder: Path, year: int, names: list[str], spent: dict[str, Decimal], rng: random.Random) -> Path:
    """Each committee is allocated about what it spends (some more, some less)."""
    amounts = [(name, (spent.get(name, Decimal("0")) * Decimal(str(rng.uniform(0.9, 1.2)))).quantize(Decimal("1")))
               for name in names]
    total = sum((amount for _, amount in amounts), Decimal("0"))
    table = {"city": "Riket (syntetiskt)", "year": year, "key": "syntetisk", "requisitioned": str(total),
             "allocations": [{"recipient": name, "amount": str(amount)} for name, amount in amounts]}
    path = folder / f"fordelning_{year}.yaml"
    path.write_text(yaml.safe_dump(table, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _years(text: str) -> list[int]:
    return [int(part) for part in text.split(",")]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--lines", type=int, default=100_000, help="rows per year")
    parser.add_argument("--years", type=_years, default=[2022], help="e.g. 2019,2020,2021,2022")
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--districts", type=int, default=0)
    parser.add_argument("--seed", type=int, default=2012)
    args = parser.parse_args(argv)
    for year, (paths, table) in generate(args.folder, args.lines, args.years, args.files, args.districts,
                                         args.seed).items():
        print(f"{year}: {' '.join(map(str, paths))} --allocation {table}")


if __name__ == "__main__":
    main()
