"""Where the trained model lives, and building it on first use.

The model is cached under ``$COMPLIANCE_MODEL_DIR`` (default ``~/.cache/compliance``, or
``$XDG_CACHE_HOME/compliance``) in ``model-<key>``, where the key hashes everything the model
is made from: the taxonomy and classifier.yaml, the training corpus, this package's
classifier code, the base pipeline and the spaCy version. Change any of them and the next
use trains a new model (a few seconds) instead of loading a stale one.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import sys
import time
from functools import lru_cache
from pathlib import Path
from typing import Callable, Optional

import spacy
from spacy.language import Language

from ..paths import data_dir
from .config import load_settings
from .corpus import corpus_path, read_corpus
from .labels import entries_by_axis
from .pipeline import base_model_name, base_model_version
from .train import train

Progress = Callable[[str], None]
ENV_MODEL_DIR = "COMPLIANCE_MODEL_DIR"


def to_stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def cache_root() -> Path:
    root = os.environ.get(ENV_MODEL_DIR)
    if root:
        return Path(root)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "compliance"


def model_key(folder: Optional[Path] = None) -> str:
    """Hash of the model's inputs (see the module docstring)."""
    folder = folder or data_dir("taxonomy")
    digest = hashlib.sha256()
    inputs = sorted(folder.glob("*.yaml")) + [corpus_path("train", folder)]
    inputs += sorted(Path(__file__).parent.glob("*.py"))
    for path in inputs:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(f"{base_model_name()} {base_model_version()} {spacy.about.__version__}".encode())
    return digest.hexdigest()[:16]


def model_path(folder: Optional[Path] = None) -> Path:
    return cache_root() / f"model-{model_key(folder)}"


def build_model(folder: Optional[Path] = None, progress: Optional[Progress] = to_stderr) -> Path:
    """Train on the shipped training corpus and save where :func:`load_model` looks."""
    target = model_path(folder)
    say = progress or (lambda message: None)
    started = time.monotonic()
    say(f"Tränar klassificeringsmodellen ({base_model_name()}) på {corpus_path('train', folder)} …")
    settings = load_settings(folder)
    entries = entries_by_axis(folder)
    nlp = train(read_corpus(corpus_path("train", folder), entries), settings, entries)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.parent / f".{target.name}-{os.getpid()}"
    nlp.to_disk(temporary)
    shutil.rmtree(target, ignore_errors=True)
    try:
        temporary.rename(target)
    except OSError:  # another process finished first: keep its identical model
        shutil.rmtree(temporary, ignore_errors=True)
    say(f"Modellen är klar efter {time.monotonic() - started:.0f} s: {target}")
    return target


def load_model(folder: Optional[Path] = None, progress: Optional[Progress] = to_stderr) -> Language:
    """The trained pipeline, built and cached on first use (once per process)."""
    path = model_path(folder)
    if not (path / "meta.json").is_file():
        build_model(folder, progress)
    return _load(str(path))


@lru_cache(maxsize=4)
def _load(path: str) -> Language:
    return spacy.load(path)
