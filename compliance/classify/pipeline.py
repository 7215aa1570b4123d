"""The Swedish spaCy base pipeline: tokenizer, lemmas and the normalised form every layer reads.

``sv_core_news_sm`` is used when it is installed (its tagger and lemmatizer); otherwise a
blank Swedish pipeline with spaCy's lookup lemmatizer and the table from spacy-lookups-data.
Either way each token's NORM becomes its lower-cased lemma with å/ä/ö folded, so that
"Våldsutövarna", "våldsutövare" and "valdsutovare" look the same to the rules and the model.
The lookup lemmatizer sets both in one pass over the doc's word ids, remembered per word.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional

import numpy
import spacy
from spacy import util
from spacy.attrs import LEMMA, LOWER, NORM
from spacy.errors import Errors
from spacy.language import Language
from spacy.lang.char_classes import ALPHA
from spacy.lookups import Lookups
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from .lemmas import LemmaIndex
from .text import fold

SMALL_MODEL = "sv_core_news_sm"
LEMMATIZER = "compliance_lemmatizer"
NORMALIZER = "compliance_normalizer"
# Ledger texts glue words with hyphens ("SARA-utbildning", "VNR-samordnare"): split them.
_HYPHEN_INFIX = rf"(?<=[{ALPHA}])[-–](?=[{ALPHA}])"
_MIN_HEAD = 5
_CACHE_LIMIT = 100_000


def base_model_name() -> str:
    """``sv_core_news_sm`` when that package is installed, else ``blank:sv``."""
    return SMALL_MODEL if spacy.util.is_package(SMALL_MODEL) else "blank:sv"


def base_model_version() -> str:
    if base_model_name() == SMALL_MODEL:
        return spacy.util.get_package_version(SMALL_MODEL) or "?"
    return spacy.about.__version__


def create_base(name: Optional[str] = None) -> Language:
    """A fresh base pipeline; ``name`` forces ``sv_core_news_sm`` or ``blank:sv``."""
    name = name or base_model_name()
    if name == SMALL_MODEL:
        nlp = spacy.load(SMALL_MODEL, exclude=["parser", "ner", "senter"])
        nlp.add_pipe(NORMALIZER)
    else:
        nlp = spacy.blank("sv")
        nlp.add_pipe(LEMMATIZER)
        nlp.get_pipe(LEMMATIZER).initialize()
    infixes = list(nlp.Defaults.infixes) + [_HYPHEN_INFIX]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.meta["base_model"] = name
    return nlp


class LowercaseLookupLemmatizer(Lemmatizer):
    """spaCy's lookup lemmatizer on the lower-cased word, which also sets NORM. A word that is
    itself a lemma in the table stays as it is (the table maps "lön" to the verb "löna" but
    "lönen" to "lön"); an unknown compound is lemmatised by its longest known last part:
    "kvinnofridssamordnaren" -> "kvinnofridssamordnare". The table is kept as a
    :class:`LemmaIndex` and saved with the model as one."""

    _index: Optional[LemmaIndex] = None
    _lemmas: frozenset = frozenset()

    def __call__(self, doc: Doc) -> Doc:
        if self._index is None:
            self._validate_tables(Errors.E1004)
        strings = doc.vocab.strings
        ids = []
        for lower in doc.to_array(LOWER).tolist():
            found = self.cache.get(lower)
            if found is None:
                if len(self.cache) > _CACHE_LIMIT:
                    self.cache.clear()
                lemma = self._lemma(strings[lower])
                found = self.cache[lower] = (strings.add(lemma), strings.add(fold(lemma)))
            ids.append(found)
        if ids:
            doc.from_array([LEMMA, NORM], numpy.asarray(ids, dtype="uint64"))
        return doc

    def _validate_tables(self, error_message: str = Errors.E912) -> None:
        """Check the tables spaCy loaded and turn the lookup table into the index (the
        table's 660 000 Python objects are then let go)."""
        super()._validate_tables(error_message)
        self._use(LemmaIndex.from_table(self.lookups.get_table("lemma_lookup")))
        self.lookups = Lookups()

    def _use(self, index: LemmaIndex) -> None:
        """Collect the words that are lemmas when the model is loaded, so that workers forked
        from the loading process share them instead of each building them."""
        self._index, self._lemmas = index, frozenset(index.lemmas)

    def _lemma(self, word: str) -> str:
        assert self._index is not None
        for start in range(0, len(word) - _MIN_HEAD + 1):
            if start == 1:
                continue  # a compound's first part has at least two letters
            head = word[start:]
            if head in self._lemmas:
                return word
            found = self._index.get(head)
            if found:
                return word[:start] + found
        return word

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        if self._index is None:
            self._validate_tables()
        assert self._index is not None
        util.to_disk(path, {"vocab": lambda p: self.vocab.to_disk(p, exclude=exclude),
                            "lemma_index": self._index.to_disk}, exclude)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "LowercaseLookupLemmatizer":
        util.from_disk(path, {"vocab": lambda p: self.vocab.from_disk(p, exclude=exclude),
                              "lemma_index": lambda p: self._use(LemmaIndex.from_disk(p))}, exclude)
        return self


@Language.factory(LEMMATIZER, default_config={"overwrite": True})
def make_lemmatizer(nlp: Language, name: str, overwrite: bool) -> LowercaseLookupLemmatizer:
    return LowercaseLookupLemmatizer(nlp.vocab, None, name, mode="lookup", overwrite=overwrite)


@Language.component(NORMALIZER)
def normalize(doc: Doc) -> Doc:
    """Set each token's NORM to its folded, lower-cased lemma (after a trained lemmatizer)."""
    for token in doc:
        token.norm_ = fold(token.lemma_ or token.text)
    return doc
