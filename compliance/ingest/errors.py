"""The error raised when a whole file cannot be read."""
from __future__ import annotations


class IngestError(ValueError):
    """A file cannot be read at all (wrong type, no header, a required column missing)."""

    def __init__(self, file: str, row: int | None, column: str | None, reason: str):
        self.file, self.row, self.column, self.reason = file, row, column, reason
        where = f"{file}"
        if row is not None:
            where += f", rad {row}"
        if column is not None:
            where += f", kolumn {column}"
        super().__init__(f"{where}: {reason}")
