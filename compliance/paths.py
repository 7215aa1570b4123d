"""Where the shipped data lives: inside the wheel, or beside the package in a checkout."""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Folder of shipped data (``taxonomy`` or ``rules``), installed or from source."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"hittar inte datamappen '{name}' (installationen är ofullständig)")
