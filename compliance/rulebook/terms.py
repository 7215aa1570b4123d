"""Signal words: Swedish term lists from rules/signals.yaml, matched in a line's texts.

Matching is case- and accent-insensitive and word by word: ``skydd*`` matches a word's
beginning, ``*samordnare`` its end, ``*plats*`` anywhere in it; a phrase matches consecutive
words of one text. Punctuation and hyphens separate words ("VNR-team" is "vnr team").
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Iterable, Mapping, Optional

_WORD_PART = "[a-z0-9]"
_TERM_WORDS = re.compile(r"[^\W_]+\*?|\*[^\W_]+\*?", re.UNICODE)
_WORDS = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=100_000)
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
    def _matcher(self) -> "_Matcher":
        return _Matcher.build(self.terms)

    def occurs(self, texts: Iterable[Words]) -> bool:
        return any(self._matcher.matches(text) for text in texts)

    def evidence(self, texts: Mapping[str, str]) -> list[dict[str, str]]:
        """Which term matched which words in which text (for explanations)."""
        found = []
        for field, text in texts.items():
            folded = fold(text)
            shown = text if len(text) == len(folded) else folded
            for term in self.terms:
                match = _compiled(term_pattern(term)).search(folded)
                if match:
                    found.append({"field": field, "text": shown[match.start():match.end()], "term": term})
        return found


@dataclass(frozen=True)
class _Matcher:
    """A signal's terms sorted by kind, so that most checks are set lookups and str methods."""

    exact: frozenset[str]
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    infixes: tuple[str, ...]
    phrases: Optional[re.Pattern]

    @classmethod
    def build(cls, terms: Iterable[str]) -> "_Matcher":
        exact, prefixes, suffixes, infixes, phrases = set(), [], [], [], []
        for term in terms:
            words = _TERM_WORDS.findall(term)
            if len(words) > 1:
                phrases.append(" ".join(_word_pattern(w) for w in words))
                continue
            word = words[0]
            core = fold(word.strip("*"))
            head, tail = word.startswith("*"), word.endswith("*")
            if head and tail:
                infixes.append(core)
            elif head:
                suffixes.append(core)
            elif tail:
                prefixes.append(core)
            else:
                exact.add(core)
        pattern = re.compile(f"(?<![a-z0-9])(?:{'|'.join(phrases)})(?![a-z0-9])") if phrases else None
        return cls(frozenset(exact), tuple(prefixes), tuple(suffixes), tuple(infixes), pattern)

    def matches(self, text: Words) -> bool:
        words = text.words
        return (not self.exact.isdisjoint(words)
                or (bool(self.prefixes) and any(w.startswith(self.prefixes) for w in words))
                or (bool(self.suffixes) and any(w.endswith(self.suffixes) for w in words))
                or any(infix in w for infix in self.infixes for w in words)
                or (self.phrases is not None and self.phrases.search(text.joined) is not None))


def _word_pattern(word: str) -> str:
    core = fold(word.strip("*"))
    head = f"{_WORD_PART}*" if word.startswith("*") else ""
    tail = f"{_WORD_PART}*" if word.endswith("*") else ""
    return head + re.escape(core) + tail


@lru_cache(maxsize=None)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern)


class SignalIndex:
    """Which signals occur in a line's texts, remembered per text: ledger texts repeat (account
    texts, suppliers, monthly invoices), so most texts are matched only once."""

    _LIMIT = 100_000

    def __init__(self, signals: Iterable[Signal]):
        self.signals = tuple(signals)
        self._seen: dict[str, frozenset[str]] = {}

    def occurring(self, texts: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for text in texts:
            ids = self._seen.get(text)
            if ids is None:
                words = [Words.of(text)]
                ids = frozenset(s.id for s in self.signals if s.occurs(words))
                if len(self._seen) >= self._LIMIT:
                    self._seen.clear()
                self._seen[text] = ids
            found |= ids
        return found
