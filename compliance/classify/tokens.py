"""One table of a doc's tokens, made once and read by the term layer, the features and the decider."""
from __future__ import annotations

from spacy.attrs import IDX, LENGTH, NORM, ORTH
from spacy.tokens import Doc

TABLE_KEY = "compliance_tokens"


def token_rows(doc: Doc) -> list[list[int]]:
    """Per token ``[ORTH, NORM, IDX, LENGTH]``, as Python ints, kept in ``doc.user_data``.
    Made after the lemmatizer (NORM is the folded lemma) by the first layer that reads it."""
    rows = doc.user_data.get(TABLE_KEY)
    if rows is None:
        rows = doc.user_data[TABLE_KEY] = doc.to_array([ORTH, NORM, IDX, LENGTH]).tolist()
    return rows
