"""Classification of spending lines: activity, cost kind and target groups, with evidence.

    from compliance.classify import load_classifier
    classifier = load_classifier(year=2022)
    for result in classifier.classify(lines):   # lines: Iterable[SpendingLine]
        ...

See pipeline.py (spaCy base), terms.py (rules), tokens.py (the token table the layers share),
model.py and train.py (textcat), decide.py (one decision per axis), store.py (model cache) and
taxonomy/classifier.yaml (settings).
"""
from .classifier import Classifier, load_classifier
from .store import build_model, model_path

__all__ = ["Classifier", "load_classifier", "build_model", "model_path"]
