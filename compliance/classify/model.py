"""The text-classification model: a sparse linear model over features robust to new wording.

Features of a doc: lemma (NORM) unigrams and bigrams, character n-grams of each lemma (so
an unseen compound or a truncated ledger word shares most features with a known one), the
term matches' labels, and the Kommun-Bas account number's prefixes ("7", "76", "765", "7650")
from ``doc._.account``.
Registered as the spaCy architecture ``compliance.SubwordBOW.v1`` for textcat components.
"""
from __future__ import annotations

from typing import Optional

import numpy
from spacy.attrs import IS_PUNCT, IS_SPACE, NORM
from spacy.strings import hash_string
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Logistic, Model, SparseLinear_v2, chain, softmax_activation

from .terms import term_matches

ACCOUNT_EXTENSION = "account"
_CACHE_LIMIT = 100_000

if not Doc.has_extension(ACCOUNT_EXTENSION):
    Doc.set_extension(ACCOUNT_EXTENSION, default=None)


@registry.architectures("compliance.SubwordBOW.v1")
def build_subword_bow(exclusive_classes: bool, word_ngrams: int, char_min: int, char_max: int,
                      length: int, nO: Optional[int] = None) -> Model:
    features: Model = Model("subword_features", _forward, attrs={
        "extractor": FeatureExtractor(word_ngrams, char_min, char_max), "dropout_rate": 0.0})
    output = softmax_activation() if exclusive_classes else Logistic()
    model = chain(features, SparseLinear_v2(nO=nO, length=length), output)
    model.attrs["multi_label"] = not exclusive_classes
    return model


def _forward(model: Model, docs: list[Doc], is_train: bool):
    extractor: FeatureExtractor = model.attrs["extractor"]
    keys = [extractor(doc) for doc in docs]
    lengths = numpy.asarray([len(k) for k in keys], dtype="int32")
    flat = numpy.concatenate(keys) if keys else numpy.zeros((0,), dtype="uint64")
    values = numpy.ones(flat.shape, dtype="float32")
    rate = model.attrs["dropout_rate"]
    if is_train and rate > 0:
        values *= (numpy.random.random(flat.shape) >= rate) / (1.0 - rate)
    return (flat, values, lengths), lambda d_output: []


class FeatureExtractor:
    """Hashed feature keys of a doc (unique, uint64), kept in ``doc.user_data`` for the other
    classifiers of the same doc; word features are cached by lemma."""

    def __init__(self, word_ngrams: int, char_min: int, char_max: int):
        self.word_ngrams = word_ngrams
        self.char_min, self.char_max = char_min, char_max
        self.key = f"compliance_features_{word_ngrams}_{char_min}_{char_max}"
        self._cache: dict[int, numpy.ndarray] = {}

    def __call__(self, doc: Doc) -> numpy.ndarray:
        cached = doc.user_data.get(self.key)
        if cached is None:
            cached = doc.user_data[self.key] = self._extract(doc)
        return cached

    def _extract(self, doc: Doc) -> numpy.ndarray:
        strings = doc.vocab.strings
        ids = [norm for norm, punct, space in doc.to_array([NORM, IS_PUNCT, IS_SPACE]).tolist() if not (punct or space)]
        norms = [strings[norm] for norm in ids]
        keys: list[int] = []
        for n in range(2, self.word_ngrams + 1):
            keys.extend(hash_string("w:" + " ".join(norms[i:i + n])) for i in range(len(norms) - n + 1))
        keys.extend(hash_string(f"t:{match.axis}:{match.label}") for match in term_matches(doc))
        account = doc._.get(ACCOUNT_EXTENSION)
        if account:
            keys.extend(hash_string("a:" + account[:k]) for k in range(1, len(account) + 1))
        else:
            keys.append(hash_string("a:-"))
        found = numpy.concatenate([numpy.asarray(keys, dtype="uint64"),
                                   *(self._word(norm, text) for norm, text in zip(ids, norms))])
        found.sort()
        return found[numpy.concatenate(([True], found[1:] != found[:-1]))]

    def _word(self, norm: int, text: str) -> numpy.ndarray:
        """The features of one lemma (its id and text): the word and its character n-grams."""
        found = self._cache.get(norm)
        if found is None:
            keys = [hash_string("w:" + text)]
            if any(c.isalpha() for c in text):
                padded = f"<{text}>"
                for n in range(self.char_min, self.char_max + 1):
                    keys.extend(hash_string("c:" + padded[i:i + n]) for i in range(len(padded) - n + 1))
            if len(self._cache) > _CACHE_LIMIT:
                self._cache.clear()
            found = self._cache[norm] = numpy.asarray(keys, dtype="uint64")
        return found
