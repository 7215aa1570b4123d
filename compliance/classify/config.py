"""The classifier's settings, read from taxonomy/classifier.yaml (config is data)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from pydantic import Field, ValidationError

from ..models import Model
from ..paths import data_dir
from ..yamlio import DataFileError, load_yaml

AXES = ("activity", "cost_kind", "target_groups")
TAXONOMY_AXIS = {"activity": "activities", "cost_kind": "cost_kinds", "target_groups": "target_groups"}


class TermSettings(Model):
    compound_head_min_chars: int = Field(ge=3)


class FeatureSettings(Model):
    word_ngrams: int = Field(ge=1, le=3)
    char_ngrams: tuple[int, int]
    hash_rows: int = Field(ge=1024)


class TrainingSettings(Model):
    epochs: int = Field(ge=1)
    batch_size: int = Field(ge=1)
    learn_rate: float = Field(gt=0)
    dropout: float = Field(ge=0, lt=1)
    augment_copies: int = Field(ge=0)


class Fusion(Model):
    rule_weight: dict[str, float]
    account_weight: float = Field(ge=0, le=1)


class UnclearThresholds(Model):
    activity: float = Field(ge=0, le=1)
    cost_kind: float = Field(ge=0, le=1)


class Thresholds(Model):
    unclear: UnclearThresholds
    target_group: float = Field(ge=0, le=1)


class Settings(Model):
    seed: int
    terms: TermSettings
    features: FeatureSettings
    training: TrainingSettings
    fusion: Fusion
    thresholds: Thresholds
    vague_words: list[str]
    batch_size: int = Field(ge=1)


def settings_path(folder: Optional[Path] = None) -> Path:
    return (folder or data_dir("taxonomy")) / "classifier.yaml"


def load_settings(folder: Optional[Path] = None) -> Settings:
    """Read and validate classifier.yaml; errors name the file."""
    path = settings_path(folder)
    try:
        settings = Settings.model_validate(load_yaml(path))
    except ValidationError as exc:
        raise DataFileError(f"{path}: {exc}") from None
    missing = set(AXES) - set(settings.fusion.rule_weight)
    if missing:
        raise DataFileError(f"{path}: fusion.rule_weight saknar {', '.join(sorted(missing))}")
    return settings
