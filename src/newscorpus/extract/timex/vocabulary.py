"""The words of the rules that are not in the vocabulary files.

Modifiers, determiners, quantity words and publication names, and the helpers
that turn word lists into patterns.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from newscorpus.extract._lexicon import alternation
from newscorpus.extract._timex_vocab import load_table

__all__: list[str] = []

_GAP = r"[\x20\t\u00a0]{1,3}"
_OPT_GAP = r"[\x20\t\u00a0]{0,3}"


def _alt(words: Iterable[str]) -> str:
    """Return a regex matching any of *words*, as a character trie (fast to reject), spaces made flexible."""
    return alternation(words, gap=_GAP)


def _lowered(pattern: str) -> str:
    """Return *pattern* with its literal letters lower-cased and without an ``i`` flag.

    The patterns run on a lower-cased copy of the text (:func:`_lower`), which
    the ``re`` module scans much faster than it matches under the
    case-insensitive flag.
    """
    out: list[str] = []
    index = 0
    size = len(pattern)
    in_class = False
    while index < size:
        char = pattern[index]
        if char == "\\":
            step = {"x": 4, "u": 6}.get(pattern[index + 1 : index + 2], 2)
            out.append(pattern[index : index + step])
            index += step
            continue
        if in_class:
            if char == "]":
                in_class = False
            out.append(char.lower())
            index += 1
            continue
        if char == "[":
            in_class = True
            head = "[^" if pattern.startswith("[^", index) else "["
            out.append(head)
            index += len(head)
            continue
        if char == "{":
            close = pattern.index("}", index)
            out.append(pattern[index : close + 1])
            index = close + 1
            continue
        if pattern.startswith("(?", index):
            header = _GROUP_HEADER.match(pattern, index)
            if header is not None:
                text = header.group()
                if header["flags"] is not None:
                    flags = header["flags"].replace("i", "")
                    text = f"(?{flags})" if flags else ""
                out.append(text)
                index = header.end()
                continue
        out.append(char.lower())
        index += 1
    return "".join(out)


_LOWER = {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}
_LOWER.update({code: ord(chr(code).lower()) for code in range(0xC0, 0xDF) if code != 0xD7})


def _lower(text: str) -> str:
    """Return *text* lower-cased, keeping every offset.

    :meth:`str.lower` is fast but changes the length of a few characters
    (``"İ"``) and turns the Kelvin sign into ``"k"``; such text is lower-cased
    for ASCII and Latin-1 capitals only.
    """
    lowered = text.lower()
    if len(lowered) != len(text) or "\u212a" in text:
        return text.translate(_LOWER)
    return lowered


_GROUP_HEADER = re.compile(r"\(\?(?:P<\w+>|P=\w+\)|[:=!]|<[=!]|(?P<flags>[a-z]{1,4})\))")


def _spaced(pattern: str) -> str:
    """Replace spaces in a hand-written fragment by bounded gaps (``" ?"`` by an optional one)."""
    return pattern.replace(" ?", _OPT_GAP).replace(" ", _GAP)


_APPROX = {
    "about": "APPROX",
    "around": "APPROX",
    "approximately": "APPROX",
    "roughly": "APPROX",
    "nearly": "APPROX",
    "almost": "APPROX",
    "some": "APPROX",
    "close to": "APPROX",
    "more than": "MORE_THAN",
    "over": "MORE_THAN",
    "upwards of": "MORE_THAN",
    "well over": "MORE_THAN",
    "just over": "MORE_THAN",
    "less than": "LESS_THAN",
    "fewer than": "LESS_THAN",
    "under": "LESS_THAN",
    "just under": "LESS_THAN",
    "at least": "EQUAL_OR_MORE",
    "no less than": "EQUAL_OR_MORE",
    "no fewer than": "EQUAL_OR_MORE",
    "at most": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS",
    "not more than": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS",
    "within": "EQUAL_OR_LESS",
}

_POSITION = {
    "early": "EARLY",
    "earlier": None,
    "late": "LATE",
    "later": None,
    "mid": "MID",
    "middle of": "MID",
    "the middle of": "MID",
    "the end of": "END",
    "the very end of": "END",
    "the close of": "END",
    "end of": "END",
    "the turn of": "START",
    "the beginning of": "START",
    "the start of": "START",
    "the dawn of": "START",
    "beginning of": "START",
    "start of": "START",
    "the early part of": "EARLY",
    "the latter part of": "LATE",
    "the rest of": None,
    "the remainder of": None,
    "the balance of": None,
    "sometime": None,
    "the early": "EARLY",
    "the late": "LATE",
    "the mid": "MID",
}

_DEICTIC_WORDS = (
    "this past",
    "this coming",
    "the past",
    "the last",
    "the next",
    "the coming",
    "the previous",
    "the preceding",
    "the following",
    "the current",
    "the same",
    "the very same",
    "the latest",
    "the prior",
    "the most recent",
    "the new",
    "last",
    "next",
    "past",
    "coming",
    "previous",
    "following",
    "current",
    "same",
    "latest",
    "prior",
    "this",
    "that",
    "the",
)

_DURATION_DETERMINERS = (
    "each of the past",
    "each of the last",
    "the past",
    "the last",
    "the next",
    "the first",
    "the final",
    "the coming",
    "the following",
    "the previous",
    "the preceding",
    "the latest",
    "the initial",
    "the remaining",
    "the ensuing",
    "the subsequent",
    "the same",
    "the entire",
    "the whole",
    "the full",
    "the other",
    "the most recent",
    "an additional",
    "an extra",
    "another",
    "past",
    "last",
    "next",
    "first",
    "final",
    "coming",
    "its first",
    "its last",
    "the",
)

_QUANTITY_WORDS = (
    "a few",
    "few",
    "several",
    "many",
    "a couple of",
    "a couple",
    "couple of",
    "a number of",
    "numerous",
    "dozens of",
    "hundreds of",
    "thousands of",
    "a dozen",
    "half a",
    "one and a half",
    "a single",
    "some",
)

_UNIT_MODIFIERS = (
    "more",
    "additional",
    "full",
    "straight",
    "consecutive",
    "successive",
    "trading",
    "business",
    "working",
    "calendar",
    "fiscal",
    "long",
    "short",
    "extra",
    "further",
    "whole",
    "entire",
)

_UNIT_ADJECTIVES = ("fiscal", "calendar", "full", "entire", "whole", "financial", "school", "academic")

_QUARTER_WORDS = ("first", "second", "third", "fourth", "final", "last", "1st", "2nd", "3rd", "4th")

_DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}

_ZONES = (
    "EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|CEST|EET|EEST|IST|JST|KST|HKT|SGT|AEST|AEDT|MSK|ET|PT|CT"
    "|local time"
)


_NTH = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": -1}


@functools.cache
def _publication_words() -> frozenset[str]:
    """Title-case words that, after a weekday, make the name of a publication ("The Sunday Times")."""
    return frozenset(row[0] for row in load_table("publications.tsv"))
