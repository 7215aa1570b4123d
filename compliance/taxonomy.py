"""The taxonomy of permitted uses, versioned by anvisningar year (data in taxonomy/).

Entries carry the years they are valid and the passage they rest on per version, so a
new year's directions are a data change. :func:`load_taxonomy` returns one year's view.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Optional

from pydantic import ConfigDict, Field, ValidationError

from .models import Citation, Document, GrantYear, Model
from .paths import data_dir
from .yamlio import DataFileError, load_yaml

AXES = ("target_groups", "activities", "cost_kinds")


class UnknownYearError(LookupError):
    """No taxonomy exists for the requested year."""


class Version(Model):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    first: int = Field(alias="from")
    last: Optional[int] = Field(default=None, alias="to")
    citation: Citation

    def covers(self, year: int) -> bool:
        return self.first <= year and (self.last is None or year <= self.last)


class Entry(Model):
    """One taxonomy value (a target group, activity or cost kind)."""

    id: str
    label: str
    description: str
    terms: list[str] = []
    accounts: list[str] = Field(default=[], description="Kommun-Bas account prefixes (cost kinds)")
    versions: list[Version]

    def version_for(self, year: int) -> Optional[Version]:
        return next((v for v in self.versions if v.covers(year)), None)


class PurposeMatch(Model):
    activities: list[str] = []
    target_groups: list[str] = []


class Purpose(Model):
    """A permitted purpose of a year's anvisningar; ``match`` says which tags point to it."""

    id: str
    label: str
    text: str
    match: PurposeMatch
    versions: list[Version]

    def version_for(self, year: int) -> Optional[Version]:
        return next((v for v in self.versions if v.covers(year)), None)


class Taxonomy(Model):
    """One grant year's taxonomy: only the entries valid that year."""

    grant_year: GrantYear
    documents: dict[str, Document]
    target_groups: list[Entry]
    activities: list[Entry]
    cost_kinds: list[Entry]
    purposes: list[Purpose]

    @property
    def year(self) -> int:
        return self.grant_year.year

    def axis(self, name: str) -> list[Entry]:
        return getattr(self, name)

    def ids(self, axis: str) -> list[str]:
        return [entry.id for entry in self.axis(axis)]

    def citation_short(self, citation: Citation) -> str:
        """Short citation for tables: issuer, diarienummer or year, and the section heading."""
        doc = self.documents[citation.document]
        section = re.split(r"[:”(]", citation.passage, maxsplit=1)[0].strip().rstrip(",")
        return f"{doc.issuer}, {doc.diarienummer or doc.year or doc.title}: {section}"

    def citation_text(self, citation: Citation) -> str:
        """Human citation: the document's title, issuer, year, diarienummer and the passage."""
        doc = self.documents[citation.document]
        when = ", ".join(str(part) for part in (doc.year, doc.diarienummer) if part)
        return f"{doc.issuer}: {doc.title}{f' ({when})' if when else ''}, {citation.passage}"


def _read_list(folder: Path, name: str, model: type[Model]) -> list:
    path = folder / f"{name}.yaml"
    raw = load_yaml(path)
    if not isinstance(raw, list):
        raise DataFileError(f"{path}: ska vara en lista")
    try:
        items = [model.model_validate(item) for item in raw]
    except ValidationError as exc:
        raise DataFileError(f"{path}: {exc}") from None
    ids = [item.id if hasattr(item, "id") else item.year for item in items]
    duplicates = sorted({str(i) for i in ids if ids.count(i) > 1})
    if duplicates:
        raise DataFileError(f"{path}: dubblerade id: {', '.join(duplicates)}")
    return items


@lru_cache(maxsize=None)
def _raw(folder: Path) -> dict[str, list]:
    data = {
        "documents": _read_list(folder, "documents", Document),
        "years": _read_list(folder, "years", GrantYear),
        "purposes": _read_list(folder, "purposes", Purpose),
    }
    for axis in AXES:
        data[axis] = _read_list(folder, axis, Entry)
    _check_references(folder, data)
    return data


def _check_references(folder: Path, data: dict[str, list]) -> None:
    documents = {d.id for d in data["documents"]}
    known = {axis: {e.id for e in data[axis]} for axis in AXES}
    for year in data["years"]:
        if year.directions not in documents:
            raise DataFileError(f"{folder}/years.yaml: {year.year} hänvisar till okänt dokument '{year.directions}'")
    for name in ("purposes", *AXES):
        for item in data[name]:
            for version in item.versions:
                if version.citation.document not in documents:
                    raise DataFileError(
                        f"{folder}/{name}.yaml: '{item.id}' citerar okänt dokument '{version.citation.document}'"
                    )
    for purpose in data["purposes"]:
        for axis, ids in (("activities", purpose.match.activities), ("target_groups", purpose.match.target_groups)):
            unknown = sorted(set(ids) - known[axis])
            if unknown:
                raise DataFileError(f"{folder}/purposes.yaml: '{purpose.id}' nämner okända id: {', '.join(unknown)}")


def known_years(folder: Optional[Path] = None) -> list[int]:
    """The grant years that have a taxonomy, ascending."""
    return sorted(y.year for y in _raw(folder or data_dir("taxonomy"))["years"])


def load_taxonomy(year: int, folder: Optional[Path] = None) -> Taxonomy:
    """Load the taxonomy valid in ``year``; an unknown year raises :class:`UnknownYearError`."""
    raw = _raw(folder or data_dir("taxonomy"))
    grant_year = next((y for y in raw["years"] if y.year == year), None)
    if grant_year is None:
        years = ", ".join(str(y) for y in known_years(folder))
        raise UnknownYearError(f"det finns ingen taxonomi för år {year}; kända år: {years}")

    def valid(items: list) -> list:
        return [item for item in items if item.version_for(year) is not None]

    return Taxonomy(
        grant_year=grant_year,
        documents={d.id: d for d in raw["documents"]},
        target_groups=valid(raw["target_groups"]),
        activities=valid(raw["activities"]),
        cost_kinds=valid(raw["cost_kinds"]),
        purposes=valid(raw["purposes"]),
    )
