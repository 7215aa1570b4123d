"""How things read on the pages: Swedish labels, local times, evidence highlighted in a text."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Iterable, Optional

from markupsafe import Markup, escape

from ..dates import format_long
from ..memo.filters import belopp, kr, long_date
from ..models import Evidence
from ..taxonomy import load_taxonomy
from .clock import local

SEVERITY = {"ej_stodberattigad": "Ej stödberättigad", "risk": "Risk", "info": "Upplysning"}
KIND = {"plan": "Plan", "utfall": "Återrapport"}
VERDICT = {"accept": "Står kvar", "reject": "Lyft"}
AXIS = {"activity": "aktivitet", "cost_kind": "kostnadsslag", "target_groups": "målgrupp",
        "signal": "regelns signalord"}
REASON = {"uppladdning": "uppladdning", "beslut": "beslut", "omgranskning": "omgranskning"}


def when(moment: Optional[dt.datetime]) -> str:
    """``22 november 2025 kl. 09.14`` in Swedish local time."""
    if moment is None:
        return "–"
    moment = local(moment)
    return f"{format_long(moment.date())} kl. {moment:%H.%M}"


@lru_cache(maxsize=16)
def tag_labels(year: int) -> dict[str, dict[str, str]]:
    """The taxonomy's Swedish label per classifier axis and id."""
    taxonomy = load_taxonomy(year)
    return {"activity": {e.id: e.label for e in taxonomy.activities},
            "cost_kind": {e.id: e.label for e in taxonomy.cost_kinds},
            "target_groups": {e.id: e.label for e in taxonomy.target_groups}}


def highlight(text: str, evidence: Iterable[Evidence]) -> Markup:
    """``text`` escaped, with each evidence span in ``<mark>`` (overlapping spans: the first wins)."""
    parts, position = [], 0
    for item in sorted(evidence, key=lambda e: (e.start, -e.end)):
        if item.start < position or item.end > len(text) or item.start >= item.end:
            continue
        title = f"{AXIS.get(item.axis, item.axis)}: {item.label} (”{item.term}”)"
        parts += [escape(text[position:item.start]),
                  Markup('<mark class="{}" title="{}">{}</mark>').format(
                      "signal" if item.axis == "signal" else "evidence", title, text[item.start:item.end])]
        position = item.end
    parts.append(escape(text[position:]))
    return Markup("").join(parts)


def _label(labels: dict[str, str]):
    def label(value: object) -> str:
        key = str(getattr(value, "value", value))
        return labels.get(key, key)

    return label


FILTERS = {"kr": kr, "belopp": belopp, "long_date": long_date, "when": when, "severity": _label(SEVERITY),
           "kind": _label(KIND), "verdict": _label(VERDICT), "reason": _label(REASON)}
