"""Canonical column names and the header spellings districts really use."""
from __future__ import annotations

import re
import unicodedata

CANONICAL = (
    "id", "nämnd", "typ", "datum", "beskrivning", "belopp",
    "konto", "kostnadsslag", "motpart", "återkommande", "omfattning",
)
REQUIRED = ("beskrivning", "belopp")

# normalised spelling -> canonical name (normalised: lower case, no accents, letters/digits only)
_ALIASES = {
    "id": ["id", "radid", "lineid", "rad", "lopnr", "lopnummer", "nr"],
    "nämnd": ["namnd", "district", "committee", "stadsdel", "stadsdelsnamnd", "sdn", "forvaltning"],
    "typ": ["typ", "kind", "plansutfall", "planutfall"],
    "datum": ["datum", "date", "bokforingsdatum", "bokfdatum", "transaktionsdatum", "fakturadatum", "verdatum"],
    "beskrivning": ["beskrivning", "description", "text", "benamning", "aktivitet", "insats",
                    "verifikationstext", "specifikation", "kommentar", "vad"],
    "belopp": ["belopp", "amount", "beloppkr", "beloppsek", "kostnad", "kostnadkr", "utfall", "utfallkr", "kronor", "kr"],
    "konto": ["konto", "account", "kontonr", "kontonummer", "baskonto"],
    "kostnadsslag": ["kostnadsslag", "costtype", "kontotext", "kontobenamning", "kontonamn"],
    "motpart": ["motpart", "counterparty", "leverantor", "leverantorsnamn", "supplier", "kund"],
    "återkommande": ["aterkommande", "recurring", "lopande"],
    "omfattning": ["omfattning", "fte", "tjanstgoringsgrad", "sysselsattningsgrad", "share", "andeltjanst"],
}
_LOOKUP = {alias: canonical for canonical, aliases in _ALIASES.items() for alias in aliases}


def normalise(text: object) -> str:
    """Lower case, accents removed, only letters and digits: 'Nämnd ' -> 'namnd'."""
    decomposed = unicodedata.normalize("NFKD", str(text or "")).lower()
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in decomposed if not unicodedata.combining(c)))


def canonical_name(header: object) -> str | None:
    """The canonical column a header names, or None when it is not one we read."""
    return _LOOKUP.get(normalise(header))


def column_letter(index: int) -> str:
    """Spreadsheet column letter for a 0-based index: 0 -> A, 27 -> AB."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
