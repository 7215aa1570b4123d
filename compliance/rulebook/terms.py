"""Signal words: Swedish term lists from rules/signals.yaml, matched in a line's texts.

Matching is case- and accent-insensitive and word by word: ``skydd*`` matches a word's
beginning, ``*samordnare`` its end, ``*plats*`` anywhere in it; a phrase matches consecutive
words of one text. Punctuation and hyphens separate words ("VNR-team" is "vnr team").
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Iterable, Mapping

_WORD_PART = "[a-z0-9]"
_TERM_WORDS = re.compile(r"[^\W_]+\*?|\*[^\W_]+\*?", re.UNICODE)
_WORDS = re.compile(r"[a-z0-9]+")
_WORD_LIMIT = 100_000


@lru_cache(maxsize=20_000)
def fold(text: str) -> str:
    """Lower case without diacritics: "Våldsutövare" -> "valdsutovare"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def term_pattern(term: str) -> str:
    """The regular expression (over folded text) for one term; ValueError if it has no word."""
    words = []
    for raw in _TERM_WORDS.findall(term):
        if not re.fullmatch(f"{_WORD_PART}+", fold(raw.strip("*"))):
            raise ValueError(f"termen '{term}' har ett ord som inte är bokstäver eller siffror: '{raw}'")
        words.append(_word_pattern(raw))
    if not words:
        raise ValueError(f"termen '{term}' innehåller inget ord")
    return f"(?<!{_WORD_PART})" + "[^a-z0-9]+".join(words) + f"(?!{_WORD_PART})"


@dataclass(frozen=True)
class Words:
    """One text, folded and split into words: what signals are matched against."""

    words: tuple[str, ...]
    joined: str

    @classmethod
    def of(cls, text: str) -> "Words":
        words = tuple(_WORDS.findall(fold(text)))
        return cls(words, " ".join(words))


@dataclass(frozen=True)
class Signal:
    """A named list of terms; true for a line when one of them occurs in one of its texts."""

    id: str
    label: str
    terms: tuple[str, ...]

    @cached_property
    def _index(self) -> _TermIndex:
        return _TermIndex([(self.id, self.terms)])

    @cached_property
    def _patterns(self) -> tuple[tuple[str, tuple[str, ...], re.Pattern], ...]:
        """Per term: the letters each of its words must contain (a quick test) and its pattern."""
        return tuple((term, tuple(fold(word.strip("*")) for word in _TERM_WORDS.findall(term)),
                      re.compile(term_pattern(term))) for term in self.terms)

    def occurs(self, texts: Iterable[Words]) -> bool:
        return any(self._index.find(text) for text in texts)

    def evidence(self, texts: Mapping[str, str]) -> list[dict[str, str]]:
        """Which term matched which words in which text (for explanations)."""
        found = []
        for field, text in texts.items():
            folded = fold(text)
            shown = text if len(text) == len(folded) else folded
            for term, cores, pattern in self._patterns:
                match = cores[0] in folded and all(core in folded for core in cores[1:]) and pattern.search(folded)
                if match:
                    found.append({"field": field, "text": shown[match.start():match.end()], "term": term})
        return found


class _TermIndex:
    """The terms of one or more signals sorted by kind into lookups, so that finding which
    signals a text has takes a few dictionary lookups and substring tests per word."""

    def __init__(self, signals: Iterable[tuple[str, Iterable[str]]]):
        self.exact: dict[str, set[str]] = defaultdict(set)
        self.prefixes: dict[str, set[str]] = defaultdict(set)
        self.suffixes: dict[str, set[str]] = defaultdict(set)
        self.infixes: dict[str, set[str]] = defaultdict(set)
        self.phrases: dict[str, re.Pattern] = {}                      # signal -> its phrases
        self._firsts: list[tuple[str, str, bool, bool]] = []            # (signal, core, head *, tail *)
        for signal, terms in signals:
            phrases = []
            for term in terms:
                words = _TERM_WORDS.findall(term)
                if len(words) > 1:
                    phrases.append(" ".join(_word_pattern(w) for w in words))
                    self._firsts.append((signal, fold(words[0].strip("*")), words[0].startswith("*"),
                                         words[0].endswith("*")))
                    continue
                word = words[0]
                core = fold(word.strip("*"))
                head, tail = word.startswith("*"), word.endswith("*")
                if head and tail:
                    self.infixes[core].add(signal)
                elif head:
                    self.suffixes[core].add(signal)
                elif tail:
                    self.prefixes[core].add(signal)
                else:
                    self.exact[core].add(signal)
            if phrases:
                self.phrases[signal] = re.compile(f"(?<![a-z0-9])(?:{'|'.join(phrases)})(?![a-z0-9])")
        self._prefix_lengths = sorted({len(p) for p in self.prefixes})
        self._suffix_lengths = sorted({len(p) for p in self.suffixes})
        self._words: dict[str, tuple[frozenset[str], frozenset[str]]] = {}

    def find(self, text: Words) -> set[str]:
        """The signals with a term in the text."""
        found: set[str] = set()
        phrased: set[str] = set()
        for word in text.words:
            signals, phrases = self._words.get(word) or self._word(word)
            if signals:
                found |= signals
            if phrases:
                phrased |= phrases
        joined = text.joined
        for infix, signals in self.infixes.items():
            if infix in joined:
                found |= signals
        for signal in phrased - found:
            if self.phrases[signal].search(joined):
                found.add(signal)
        return found

    def _word(self, word: str) -> tuple[frozenset[str], frozenset[str]]:
        """The signals of which a one-word term is the word, begins it or ends it, and the
        signals with a phrase whose first word fits the word: a phrase starts at a word and
        its first word is a whole word, so only those phrases can occur in a text (remembered)."""
        cached = self._words.get(word)
        if cached is None:
            found = set(self.exact.get(word, ()))
            for length in self._prefix_lengths:
                if length > len(word):
                    break
                found.update(self.prefixes.get(word[:length], ()))
            for length in self._suffix_lengths:
                if length > len(word):
                    break
                found.update(self.suffixes.get(word[-length:], ()))
            phrased = frozenset(signal for signal, core, head, tail in self._firsts if _fits(word, core, head, tail))
            if len(self._words) >= _WORD_LIMIT:
                self._words.clear()
            cached = self._words[word] = (frozenset(found), phrased)
        return cached


def _fits(word: str, core: str, head: bool, tail: bool) -> bool:
    """Does a term word (``core`` with a leading and/or trailing ``*``) match the whole word?"""
    if head and tail:
        return core in word
    if head:
        return word.endswith(core)
    if tail:
        return word.startswith(core)
    return word == core


def _word_pattern(word: str) -> str:
    core = fold(word.strip("*"))
    head = f"{_WORD_PART}*" if word.startswith("*") else ""
    tail = f"{_WORD_PART}*" if word.endswith("*") else ""
    return head + re.escape(core) + tail


class SignalIndex:
    """Which signals occur in a line's texts, remembered per text: ledger texts repeat (account
    texts, suppliers, monthly invoices), so most texts are matched only once."""

    _LIMIT = 20_000

    def __init__(self, signals: Iterable[Signal]):
        self.signals = tuple(signals)
        self._index = _TermIndex((signal.id, signal.terms) for signal in self.signals)
        self._seen: dict[str, frozenset[str]] = {}

    def occurring(self, texts: Iterable[str]) -> set[str]:
        """The signals that occur in any of the texts."""
        found: set[str] = set()
        for text in texts:
            found |= self.of(text)
        return found

    def of(self, text: str) -> frozenset[str]:
        """The signals that occur in one text."""
        ids = self._seen.get(text)
        if ids is None:
            ids = frozenset(self._index.find(Words.of(text)))
            if len(self._seen) >= self._LIMIT:
                self._seen.clear()
            self._seen[text] = ids
        return ids
