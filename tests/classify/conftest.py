"""One trained classifier per test session, built through the real first-use path into a
temporary model cache."""
from __future__ import annotations

import pytest

from compliance.classify import load_classifier
from compliance.classify.store import ENV_MODEL_DIR


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("models")
    patch = pytest.MonkeyPatch()
    patch.setenv(ENV_MODEL_DIR, str(path))
    yield path
    patch.undo()


@pytest.fixture(scope="session")
def classifier(model_dir):
    messages: list[str] = []
    result = load_classifier(progress=messages.append)
    assert messages, "the first use should say that it trains the model"
    return result
