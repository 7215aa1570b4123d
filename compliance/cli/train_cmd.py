"""`compliance train`: rebuild the classifier's model from the shipped corpus."""
from __future__ import annotations

import click

from .common import console, err_console


@click.command("train")
def train_command() -> None:
    """Träna om klassificeringsmodellen på taxonomy/corpus/train.jsonl och spara den i cachen.

    Träningen är deterministisk (fröet står i taxonomy/classifier.yaml) och tar några sekunder.
    Cachen ligger i ~/.cache/compliance, eller i mappen som miljövariabeln
    COMPLIANCE_MODEL_DIR anger. Andra kommandon tränar modellen själva när den saknas.

    \b
    Exempel:
      compliance train
    """
    from ..classify.store import ENV_MODEL_DIR, build_model  # spaCy loads only when needed

    path = build_model(progress=lambda message: err_console.print(message))
    console.print(f"Modellen sparades i {path} (cachemapp från {ENV_MODEL_DIR} eller ~/.cache/compliance).")
