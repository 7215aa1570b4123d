"""The reviewer's advice per rule (rules/recommendations.yaml), printed in memos."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..paths import data_dir
from ..yamlio import DataFileError, load_yaml

DEFAULT_ADVICE = "Bedöm raden och dokumentera beslutet i beslutsfilen."


@dataclass(frozen=True)
class Recommendations:
    advice: dict[str, str]

    def for_rule(self, rule: str) -> str:
        return self.advice.get(rule, DEFAULT_ADVICE)


def load_recommendations(folder: Optional[Path] = None) -> Recommendations:
    """Advice per rule id; the file maps each rule id to one Swedish sentence or two."""
    path = (folder or data_dir("rules")) / "recommendations.yaml"
    raw = load_yaml(path)
    if not isinstance(raw, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in raw.items()):
        raise DataFileError(f"{path}: ska vara regel-id: råd (text)")
    return Recommendations(advice={k: " ".join(v.split()) for k, v in raw.items()})
