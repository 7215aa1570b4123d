"""Which permitted purpose of the year's anvisningar a classified line serves."""
from __future__ import annotations

from typing import Optional

from .models import Classification, PurposeRef
from .taxonomy import Purpose, Taxonomy


def match_purpose(taxonomy: Taxonomy, classification: Classification) -> Optional[Purpose]:
    """The first purpose valid that year (taxonomy/purposes.yaml order) whose ``match`` the line
    meets: one of its target groups is listed, or its activity is listed."""
    groups = {group.label for group in classification.target_groups}
    for purpose in taxonomy.purposes:
        if groups & set(purpose.match.target_groups) or classification.activity.label in purpose.match.activities:
            return purpose
    return None


def purpose_ref(taxonomy: Taxonomy, purpose: Purpose) -> PurposeRef:
    version = purpose.version_for(taxonomy.year)
    return PurposeRef(id=purpose.id, label=purpose.label, citation=version.citation)
