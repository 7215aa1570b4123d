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
from spacy.strings import hash_string
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab
from thinc.api import Logistic, Model, SparseLinear_v2, chain, softmax_activation

from .terms import term_matches
from .tokens import token_rows

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
    classifiers of the same doc; the features of each word and account are cached."""

    def __init__(self, word_ngrams: int, char_min: int, char_max: int):
        self.word_ngrams = word_ngrams
        self.char_min, self.char_max = char_min, char_max
        self.key = f"compliance_features_{word_ngrams}_{char_min}_{char_max}"
        self._words: dict[tuple[int, int], Optional[tuple[str, numpy.ndarray]]] = {}
        self._lemmas: dict[str, tuple[str, numpy.ndarray]] = {}
        self._accounts: dict[Optional[str], list[int]] = {}

    def __call__(self, doc: Doc) -> numpy.ndarray:
        cached = doc.user_data.get(self.key)
        if cached is None:
            cached = doc.user_data[self.key] = self._extract(doc)
        return cached

    def _extract(self, doc: Doc) -> numpy.ndarray:
        words = [word for word in (self._word(doc.vocab, orth, norm) for orth, norm, _, _ in token_rows(doc))
                 if word is not None]
        norms = [text for text, _ in words]
        keys = [hash_string("w:" + " ".join(norms[i:i + n])) for n in range(2, self.word_ngrams + 1)
                for i in range(len(norms) - n + 1)]
        keys += [hash_string(f"t:{match.axis}:{match.label}") for match in term_matches(doc)]
        keys += self._account(doc._.get(ACCOUNT_EXTENSION))
        found = numpy.concatenate([numpy.asarray(keys, dtype="uint64"), *(features for _, features in words)])
        found.sort()
        return found[numpy.concatenate(([True], found[1:] != found[:-1]))]

    def _account(self, account: Optional[str]) -> list[int]:
        """The keys of an account number's prefixes ("a:-" without one), cached by account."""
        found = self._accounts.get(account)
        if found is None:
            if len(self._accounts) > _CACHE_LIMIT:
                self._accounts.clear()
            prefixes = [account[:k] for k in range(1, len(account) + 1)] if account else ["-"]
            found = self._accounts[account] = [hash_string("a:" + prefix) for prefix in prefixes]
        return found

    def _word(self, vocab: Vocab, orth: int, norm: int) -> Optional[tuple[str, numpy.ndarray]]:
        """A token's lemma and its features; None for punctuation and space. Cached per
        (word, lemma), the features themselves once per lemma."""
        found = self._words.get((orth, norm), False)
        if found is False:
            lexeme = vocab[orth]
            found = None if lexeme.is_punct or lexeme.is_space else self._lemma(vocab.strings[norm])
            if len(self._words) > _CACHE_LIMIT:
                self._words.clear()
            self._words[(orth, norm)] = found
        return found

    def _lemma(self, text: str) -> tuple[str, numpy.ndarray]:
        """A lemma and its features: the word and its character n-grams."""
        found = self._lemmas.get(text)
        if found is None:
            keys = [hash_string("w:" + text)]
            if any(c.isalpha() for c in text):
                padded = f"<{text}>"
                for n in range(self.char_min, self.char_max + 1):
                    keys.extend(hash_string("c:" + padded[i:i + n]) for i in range(len(padded) - n + 1))
            if len(self._lemmas) > _CACHE_LIMIT:
                self._lemmas.clear()
            found = self._lemmas[text] = (text, numpy.asarray(keys, dtype="uint64"))
        return found
