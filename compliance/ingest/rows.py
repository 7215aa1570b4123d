"""Turn one raw row into a SpendingLine or a Rejection with a Swedish reason."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Optional, Union

from ..dates import DateError, parse_date
from ..messages import quoted
from ..models import LineKind, Rejection, SourceRef, SpendingLine
from ..money import AmountError, format_amount, parse_amount
from . import cells
from .headers import column_letter
from .seen import SeenIds

Record = Union[SpendingLine, Rejection]


@dataclass(frozen=True)
class Layout:
    """Where each canonical column sits in the file, and how the file names it."""

    file: str
    index: dict[str, int]
    header: dict[str, str]

    def where(self, row: int, column: str) -> str:
        letter = column_letter(self.index[column])
        return f"{self.file}: rad {row}, kolumn {letter} ”{self.header[column]}”"

    def cell(self, values: list, column: str) -> object:
        position = self.index.get(column)
        return values[position] if position is not None and position < len(values) else None


@dataclass(frozen=True)
class Defaults:
    kind: LineKind = LineKind.utfall
    district: Optional[str] = None


def read_amount(raw: object) -> tuple[Optional[Decimal], Optional[str]]:
    """An amount cell as (amount, None), or (None, the Swedish reason it cannot be read)."""
    try:
        return parse_amount(cells.readable(raw)), None
    except AmountError as exc:
        return None, str(exc)


def amount_of(layout: Layout, values: list) -> Optional[Decimal]:
    """The row's amount when it is readable, else None (used for reconciliation)."""
    return read_amount(layout.cell(values, "belopp"))[0]


def _too_long(layout: Layout, values: list) -> list[tuple[str, str, str]]:
    """A problem for each cell longer than Excel allows (nothing reads such a text sensibly)."""
    if not any(isinstance(value, str) and len(value) > cells.MAX_CHARS for value in values):
        return []
    limit = format_amount(Decimal(cells.MAX_CHARS), decimals=False)
    return [(column, "cell_for_lang", f"cellen har {format_amount(Decimal(len(value)), decimals=False)} tecken; "
                                      f"högst {limit} tillåts")
            for column in layout.index
            if isinstance(value := layout.cell(values, column), str) and len(value) > cells.MAX_CHARS]


def reject(layout: Layout, row: int, column: Optional[str], code: str, reason: str,
           amount: Optional[Decimal] = None) -> Rejection:
    where = layout.where(row, column) if column else f"{layout.file}: rad {row}"
    return Rejection(file=layout.file, row=row, column=column, code=code,
                     message=f"{where}: {reason}", amount=amount)


def to_record(layout: Layout, row: int, values: list, defaults: Defaults, seen_ids: SeenIds,
              read: tuple[Optional[Decimal], Optional[str]]) -> Record:
    """Validate a data row whose amount cell gave ``read`` (:func:`read_amount`); its leftmost
    problem becomes the rejection, the others join its message."""
    problems = _too_long(layout, values)
    raw_amount = layout.cell(values, "belopp")
    amount, reason = read
    if reason:
        problems.append(("belopp", "belopp_saknas" if cells.is_blank(raw_amount) else "belopp_ogiltigt", reason))

    description = cells.text(layout.cell(values, "beskrivning"))
    if not description:
        problems.append(("beskrivning", "beskrivning_saknas", "beskrivning saknas"))

    kind = defaults.kind
    if "typ" in layout.index and not cells.is_blank(layout.cell(values, "typ")):
        word = cells.text(layout.cell(values, "typ")).lower()
        if word in ("plan", "utfall"):
            kind = LineKind(word)
        else:
            problems.append(("typ", "typ_ogiltig", f"{quoted(word)} är varken plan eller utfall"))

    day = None
    raw_date = layout.cell(values, "datum")
    if not cells.is_blank(raw_date):
        try:
            day = parse_date(cells.readable(raw_date))
        except DateError as exc:
            problems.append(("datum", "datum_ogiltigt", str(exc)))
    elif kind is LineKind.utfall:
        column = "datum" if "datum" in layout.index else None
        problems.append((column, "datum_saknas", "datum saknas; en utfallsrad behöver bokföringsdatum"))

    recurring = None
    if not cells.is_blank(layout.cell(values, "återkommande")):
        try:
            recurring = cells.boolean(layout.cell(values, "återkommande"))
        except cells.CellError as exc:
            problems.append(("återkommande", "aterkommande_ogiltigt", str(exc)))

    fte_share = None
    if not cells.is_blank(layout.cell(values, "omfattning")):
        try:
            fte_share = cells.share(layout.cell(values, "omfattning"))
        except cells.CellError as exc:
            problems.append(("omfattning", "omfattning_ogiltig", str(exc)))

    line_id = cells.text(layout.cell(values, "id")) or f"{layout.file}:{row}"
    if line_id in seen_ids:
        problems.append(("id", "id_dubblett", f"id {quoted(line_id)} finns redan på rad {seen_ids[line_id]}"))

    if problems:
        problems.sort(key=lambda problem: layout.index.get(problem[0], len(layout.index)))
        column, code, reason = problems[0]
        if len(problems) > 1:
            reason += "; dessutom: " + "; ".join(p[2] for p in problems[1:])
        return reject(layout, row, column, code, reason, amount)

    seen_ids[line_id] = row
    return SpendingLine(
        id=line_id,
        district=cells.text(layout.cell(values, "nämnd")) or defaults.district,
        kind=kind,
        date=day,
        description=description,
        amount=amount,
        account=cells.text(layout.cell(values, "konto")) or None,
        cost_type=cells.text(layout.cell(values, "kostnadsslag")) or None,
        counterparty=cells.text(layout.cell(values, "motpart")) or None,
        recurring=recurring,
        fte_share=fte_share,
        source=SourceRef(file=layout.file, row=row),
    )
