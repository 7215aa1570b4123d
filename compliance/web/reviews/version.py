"""The version of a year's rules that a stored review was made with."""
from __future__ import annotations

import hashlib
import json

from ...rulebook import load_rulebook


def rules_version(year: int) -> str:
    """``2022-<12 hex>``: a fingerprint of the year's rule cases (version, severity, condition,
    message) and thresholds, so any change to rules/ gives a new version."""
    rulebook = load_rulebook(year)
    cases = sorted((c.key, c.version, c.severity.value, repr(c.condition), c.message) for c in rulebook.cases)
    thresholds = sorted((name, str(value)) for name, value in rulebook.thresholds.items())
    digest = hashlib.sha256(json.dumps([cases, thresholds], ensure_ascii=False).encode()).hexdigest()
    return f"{year}-{digest[:12]}"
