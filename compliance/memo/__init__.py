"""Memos from a review: PM om återbetalningsrisk (per district), sammanställning (city) and
självskattning av plan (per district), as Markdown, HTML or PDF.

    from compliance.memo import memos
    for memo in memos(review, kind="risk", city="Stockholms stad", date=date(2023, 3, 1)):
        path.write_bytes(memo.render("html"))
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterator, Optional

from ..models import Model, Review
from ..rulebook import load_rulebook
from ..taxonomy import load_taxonomy
from .recommendations import load_recommendations
from .render import FORMATS, render
from .views import ViewBuilder

KINDS = ("risk", "city", "self")
__all__ = ["KINDS", "FORMATS", "Memo", "memos"]


@dataclass(frozen=True)
class Memo:
    """One memo: its template, the view it shows and a file name stem."""

    template: str
    view: Model
    stem: str

    def render(self, fmt: str) -> bytes:
        return render(self.template, self.view, fmt)

    def file_name(self, fmt: str) -> str:
        return f"{self.stem}.{fmt}"


def memos(review: Review, kind: str, *, city: str, date: dt.date, author: Optional[str] = None,
          diarienummer: Optional[str] = None) -> Iterator[Memo]:
    """The memos of ``kind`` (risk, city or self) for a review, in district order; risk
    memos and self-assessments only for districts that sent something."""
    if kind not in KINDS:
        raise ValueError(f"okänd sorts PM '{kind}'; välj {', '.join(KINDS)}")
    builder = ViewBuilder(review, load_taxonomy(review.year), load_rulebook(review.year), load_recommendations(),
                          date=date, author=author, diarienummer=diarienummer)
    year = review.year
    if kind == "city":
        yield Memo("city", builder.city_summary(city), f"sammanstallning-{_slug(city)}-{year}")
        return
    for district in review.districts:
        if not (district.files or district.lines):
            continue  # a committee that sent nothing: the city summary reports it
        if kind == "risk":
            yield Memo("risk", builder.risk_memo(district), f"pm-aterbetalningsrisk-{_slug(district.district)}-{year}")
        else:
            yield Memo("self", builder.self_assessment(district), f"sjalvskattning-{_slug(district.district)}-{year}")


def _slug(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "namnd"
