"""Fixtures for the rules tests."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def real_classifier():
    """The shipped classifier per year (trained into the model cache on first use)."""
    from compliance.classify import load_classifier

    loaded: dict[int, object] = {}

    def get(year: int):
        if year not in loaded:
            loaded[year] = load_classifier(year=year, progress=lambda message: None)
        return loaded[year]

    return get

