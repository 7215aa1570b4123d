"""The rule layer: the taxonomy's terms matched on folded lemmas with spaCy's PhraseMatcher.

A term is lemmatised by the same pipeline as the text, so "kurser" finds "kurs". Swedish
compounds are handled three ways: the lemmatizer lemmatises an unknown compound by its last
part; ``stem*`` / ``*stem`` in the data match a word's beginning / end ("våldsutövar*" finds
"våldsutövarbehandling"); and a long one-word term also matches as a compound's last part
("samordnare" in "kvinnofridssamordnaren"). Wildcards are expanded into exact PhraseMatcher
patterns the first time a matching word is seen, so matching stays one C-level pass per doc.
Patterns match lemmas, so a match found through an expanded pattern is kept only if the doc's
own word fits the wildcard (by its form or lemma): otherwise whether a word matched would
depend on which words the process had seen before, and a review's output on its batching.
The matches are kept as plain tuples with character offsets (:func:`term_matches`), not as
spaCy spans: every later layer reads them, and a ``Span`` per match costs more than the match.
"""
from __future__ import annotations

import itertools
import json
from collections import defaultdict
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Iterable, NamedTuple

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..taxonomy import Entry
from .text import fold
from .tokens import token_rows

COMPONENT = "compliance_terms"
MATCHES_KEY = "compliance_term_matches"
_SEEN_LIMIT = 100_000


@dataclass(frozen=True)
class TermWord:
    norm: str            # folded lemma: what an exact word is compared with
    form: str            # folded surface form: what a wildcard stem is
    wildcard: str = ""   # "", "prefix" (stem*) or "suffix" (*stem)


@dataclass(frozen=True)
class Term:
    axis: str
    label: str
    text: str            # as written in the taxonomy
    words: tuple[TermWord, ...]

    @property
    def key(self) -> str:
        return f"{self.axis}|{self.label}|{self.text}"


class Match(NamedTuple):
    """One term found in a doc: character offsets into the doc's text."""

    axis: str
    label: str
    term: str
    start: int
    end: int


def term_matches(doc: Doc) -> list[Match]:
    """The term matches of a doc that went through the TermMatcher, in the PhraseMatcher's order."""
    return doc.user_data.get(MATCHES_KEY, [])


def compile_terms(nlp: Language, entries: dict[str, list[Entry]]) -> list[Term]:
    """Lemmatise every taxonomy term with the base pipeline ``nlp``."""
    terms = []
    for axis, axis_entries in entries.items():
        for entry in axis_entries:
            for text in dict.fromkeys(t.strip() for t in entry.terms if t.strip(" *")):
                doc = nlp(text.strip("*").strip())
                words = [TermWord(norm=t.norm_, form=fold(t.text)) for t in doc if not t.is_space]
                if text.endswith("*"):
                    words[-1] = replace(words[-1], wildcard="prefix")
                if text.startswith("*"):
                    words[0] = replace(words[0], wildcard="suffix")
                terms.append(Term(axis, entry.id, text, tuple(words)))
    return terms


class TermMatcher:
    """spaCy component writing a doc's term matches (read with :func:`term_matches`)."""

    def __init__(self, vocab: Vocab, name: str = COMPONENT, head_min_chars: int = 7):
        self.vocab = vocab
        self.name = name
        self.head_min_chars = head_min_chars
        self.set_terms([])

    def set_terms(self, terms: Iterable[Term]) -> None:
        self.terms = {term.key: term for term in terms}
        strings = self.vocab.strings
        self._ids = {strings.add(key): (term, _checks(term, self.head_min_chars)) for key, term in self.terms.items()}
        self.matcher = PhraseMatcher(self.vocab, attr="NORM")
        self._patterns: set[tuple[str, tuple[str, ...]]] = set()
        self._hits: dict[tuple[str, int], set[str]] = defaultdict(set)
        self._words: dict[tuple[int, int], tuple[str, str]] = {}
        self._prefix: dict[str, set[tuple[str, int]]] = defaultdict(set)
        self._suffix: dict[str, set[tuple[str, int]]] = defaultdict(set)
        for key, term in self.terms.items():
            for index, word in enumerate(term.words):
                if word.wildcard == "prefix":
                    self._prefix[word.form].add((key, index))
                elif word.wildcard == "suffix":
                    self._suffix[word.form].add((key, index))
            if all(not word.wildcard for word in term.words):
                self._add(key, tuple(word.norm for word in term.words))
            if len(term.words) == 1 and not term.words[0].wildcard:
                for stem in {term.words[0].form, term.words[0].norm}:
                    if len(stem) >= self.head_min_chars:
                        self._suffix[stem].add((key, 0))

    def __call__(self, doc: Doc) -> Doc:
        rows = token_rows(doc)
        seen = self._words
        for orth, norm, _, _ in rows:
            if (orth, norm) not in seen:
                self._word(orth, norm)
        matches = []
        for match_id, start, end in self.matcher(doc):
            term, checks = self._ids[match_id]
            if not checks or all(_fits(check, *self._word(*rows[start + check.position][:2])) for check in checks):
                last = rows[end - 1]
                matches.append(Match(term.axis, term.label, term.text, rows[start][2], last[2] + last[3]))
        doc.user_data[MATCHES_KEY] = matches
        return doc

    def _word(self, orth: int, norm: int) -> tuple[str, str]:
        """A token's folded form and lemma; a new word's wildcard hits become patterns first."""
        found = self._words.get((orth, norm))
        if found is None:
            if len(self._words) > _SEEN_LIMIT:
                self._words.clear()
            text = self.vocab.strings[orth]
            found = self._words[(orth, norm)] = (fold(text), self.vocab.strings[norm])
            if any(c.isalpha() for c in text):
                self._expand(*found)
        return found


    def _expand(self, form: str, norm: str) -> None:
        """Turn wildcard and compound-head hits of a new word into exact patterns."""
        hits = set()
        for word in {form, norm}:
            for end in range(1, len(word) + 1):
                hits.update(self._prefix.get(word[:end], ()))
            for start in range(len(word)):
                hits.update(self._suffix.get(word[start:], ()))
        for key, index in sorted(hits):
            self._hits[(key, index)].add(norm)
            term = self.terms[key]
            choices = []
            for position, word in enumerate(term.words):
                if position == index:
                    choices.append([norm])
                elif word.wildcard:
                    choices.append(sorted(self._hits[(key, position)]))
                else:
                    choices.append([word.norm])
            for norms in itertools.product(*choices):
                self._add(key, norms)

    def _add(self, key: str, norms: tuple[str, ...]) -> None:
        if (key, norms) in self._patterns:
            return
        self._patterns.add((key, norms))
        pattern = Doc(self.vocab, words=list(norms))
        for token, norm in zip(pattern, norms):
            token.norm_ = norm
        self.matcher.add(key, [pattern])

    def to_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        data = {"head_min_chars": self.head_min_chars,
                "terms": [{**asdict(t), "words": [asdict(w) for w in t.words]} for t in self.terms.values()]}
        (path / "terms.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")

    def from_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> "TermMatcher":
        data = json.loads((Path(path) / "terms.json").read_text(encoding="utf-8"))
        self.head_min_chars = data["head_min_chars"]
        self.set_terms(Term(t["axis"], t["label"], t["text"], tuple(TermWord(**w) for w in t["words"]))
                       for t in data["terms"])
        return self


class _Check(NamedTuple):
    """A word of a term that a match must check in the doc (by its folded form or lemma)."""

    position: int
    kind: str                 # "prefix" or "suffix" (a wildcard), or "head" (may end a compound)
    stems: tuple[str, ...]
    norm: str = ""            # for "head": the word's own lemma, which fits as it is


def _checks(term: Term, head_min_chars: int) -> tuple[_Check, ...]:
    """What a match of the term must check: its wildcard words and, for a one-word term that
    may end a compound, that word; any other word matches by its lemma, as the pattern did."""
    checks = []
    for position, word in enumerate(term.words):
        if word.wildcard:
            checks.append(_Check(position, word.wildcard, (word.form,)))
        elif len(term.words) == 1:
            heads = tuple(stem for stem in sorted({word.form, word.norm}) if len(stem) >= head_min_chars)
            if heads:
                checks.append(_Check(position, "head", heads, word.norm))
    return tuple(checks)


def _fits(check: _Check, form: str, norm: str) -> bool:
    if check.kind == "prefix":
        return form.startswith(check.stems) or norm.startswith(check.stems)
    if check.kind == "head" and norm == check.norm:
        return True
    return form.endswith(check.stems) or norm.endswith(check.stems)


@Language.factory(COMPONENT, default_config={"head_min_chars": 7})
def make_term_matcher(nlp: Language, name: str, head_min_chars: int) -> TermMatcher:
    return TermMatcher(nlp.vocab, name, head_min_chars)
