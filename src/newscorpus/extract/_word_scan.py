"""One pass over an article for the lexicon words of the mention and quote extractors.

Group nouns (``officials``, ``the ministry``) and cue words (``said``,
``according to``) are found by one pattern built from both lexicons, so that
the text is scanned once for both. The hits of the last article scanned are
kept, so that the quote extractor reuses the pass the mention extractor made
over the same text.

Each hit is ``(start, end, word)``, *word* written with single spaces (the
patterns accept one or two blanks inside an entry). A hit of one lexicon is
exactly what a pattern of that lexicon alone would find: where an entry of
one lexicon starts with an entry of the other (``campaign for``, a cue, and
``campaign``, a group noun), both are reported; where an entry of one holds a
later word that starts an entry of the other, the two lexicons are scanned
apart.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection

from newscorpus.extract._cues import cached_lexicon
from newscorpus.extract._lexicon import alternation

__all__ = ["Hit", "scan_words"]

Hit = tuple[int, int, str]

_BOUNDARY_CHARS = "_'’-"


def _is_word(char: str) -> bool:
    return char.isalnum() or char in _BOUNDARY_CHARS


def _pattern(words: Collection[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'’-])(?:{alternation(words)})(?![\w'’-])")


def _later_starts(entry: str) -> list[str]:
    """Return the tails of *entry* that start at one of its later words."""
    return [entry[i:] for i in range(1, len(entry)) if not _is_word(entry[i - 1]) and _is_word(entry[i])]


def _overlaps(first: Collection[str], second: Collection[str]) -> bool:
    """Tell whether a later word of an entry of *first* starts an entry of *second*."""
    for entry in first:
        for tail in _later_starts(entry):
            for other in second:
                if tail == other or (tail.startswith(other) and not _is_word(tail[len(other)])):
                    return True
                if other.startswith(tail) and not _is_word(other[len(tail)]):
                    return True
    return False


class _Scanner:
    """The merged pattern of two lexicons, or their two patterns where they cannot share a pass."""

    def __init__(self, nouns: frozenset[str], cues: frozenset[str]) -> None:
        self.nouns = nouns
        self.cues = cues
        apart = _overlaps(nouns, cues) or _overlaps(cues, nouns)
        self.merged = None if apart else _pattern(nouns | cues)
        self.noun_pattern = _pattern(nouns)
        self.cue_pattern = _pattern(cues)

    def scan(self, text: str) -> tuple[list[Hit], list[Hit]]:
        if self.merged is None:
            return _hits(self.noun_pattern, text), _hits(self.cue_pattern, text)
        nouns: list[Hit] = []
        cues: list[Hit] = []
        noun_words, cue_words = self.nouns, self.cues
        for match in self.merged.finditer(text):
            raw = match.group()
            if raw.isalpha():
                if raw in cue_words:
                    cues.append((match.start(), match.end(), raw))
                if raw in noun_words:
                    nouns.append((match.start(), match.end(), raw))
                continue
            start, end = match.span()
            word = " ".join(raw.split())
            for lexicon, found in ((noun_words, nouns), (cue_words, cues)):
                if word in lexicon:
                    found.append((start, end, word))
                    continue
                # a shorter entry of this lexicon opening the match ("campaign" in "campaign for")
                for cut in range(len(raw) - 1, 0, -1):
                    if not _is_word(raw[cut]) and _is_word(raw[cut - 1]):
                        prefix = " ".join(raw[:cut].split())
                        if prefix in lexicon:
                            found.append((start, start + cut, prefix))
                            break
        return nouns, cues


def _hits(pattern: re.Pattern[str], text: str) -> list[Hit]:
    return [(m.start(), m.end(), " ".join(m.group().split())) for m in pattern.finditer(text)]


@functools.lru_cache(maxsize=4)
def _scanner(nouns: frozenset[str]) -> _Scanner:
    return _Scanner(nouns, frozenset(cached_lexicon(()).forms))


_last: tuple[str, frozenset[str], tuple[list[Hit], list[Hit]]] | None = None


def scan_words(text: str, nouns: frozenset[str]) -> tuple[list[Hit], list[Hit]]:
    """Return the group nouns of *nouns* and the built-in cue words found in *text*, by offset.

    The lists are shared with the next caller asking about the same text: do not change them.
    """
    global _last
    last = _last
    if last is not None and last[0] is text and last[1] is nouns:
        return last[2]
    result = _scanner(nouns).scan(text)
    _last = (text, nouns, result)
    return result
