"""The cue lexicon of the quote extractor: reporting verbs, nouns and source phrases.

Verbs are read with their frame from ``data/quotes/verbs.tsv`` and inflected
(``say`` gives ``says``, ``said``, ``saying``); nouns from ``nouns.tsv``;
phrases naming a source (``according to``) from ``phrases.tsv``; words that
extend a verb into one cue (``in a statement``, ``told reporters``) from
``attachments.tsv``. All of them become one regular expression, so the text is
scanned once for every cue.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import attrs

from newscorpus.extract._lexicon import alternation, read_rows

__all__ = ["FRAMES", "CueLexicon", "build_lexicon", "cached_lexicon", "inflect"]

#: The frames a cue may have.
FRAMES = frozenset({"say", "tell", "think", "object", "quote", "source"})

_VOWELS = "aeiou"


def inflect(lemma: str) -> tuple[str, str, str, str]:
    """Return the third person, past, -ing and past participle of a regular verb.

    A verb of several words inflects its first word (``point out``, ``points out``).
    """
    head, _, rest = lemma.partition(" ")
    tail = f" {rest}" if rest else ""
    if head.endswith("e") and not head.endswith("ee"):
        past, ing = head + "d", head[:-1] + "ing"
    elif head.endswith("y") and len(head) > 1 and head[-2] not in _VOWELS:
        past, ing = head[:-1] + "ied", head + "ing"
    else:
        past, ing = head + "ed", head + "ing"
    if head.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = head + "es"
    elif head.endswith("y") and len(head) > 1 and head[-2] not in _VOWELS:
        third = head[:-1] + "ies"
    else:
        third = head + "s"
    return third + tail, past + tail, ing + tail, past + tail


@attrs.frozen
class CueLexicon:
    """Every cue form with its frame and part of speech, and the pattern finding them."""

    forms: dict[str, tuple[str, str]]
    nouns: dict[str, str]
    attachments: tuple[str, ...]
    pattern: re.Pattern[str]
    attachment_pattern: re.Pattern[str]
    #: The first characters of the attachments: a blank and then another character cannot start one.
    attachment_firsts: frozenset[str] = frozenset()


def build_lexicon(extra: Iterable[tuple[str, str]] = ()) -> CueLexicon:
    """Build the cue lexicon from the data files and *extra* ``(word, frame)`` pairs.

    An extra word is a verb lemma unless its frame ends in ``-noun`` (a noun)
    or is ``source`` (a phrase).
    """
    forms: dict[str, tuple[str, str]] = {}

    def add_verb(lemma: str, frame: str, irregular: str = "") -> None:
        if irregular:
            past, participle, third, ing = (f.strip() for f in irregular.split(","))
        else:
            third, past, ing, participle = inflect(lemma)
        for form, pos in ((lemma, "base"), (third, "third"), (past, "past"), (participle, "past"), (ing, "ing")):
            forms.setdefault(form, (frame, pos))

    for row in read_rows("quotes/verbs.tsv"):
        add_verb(row[0], row[1], row[2] if len(row) > 2 else "")
    nouns = {row[0]: row[1] for row in read_rows("quotes/nouns.tsv")}
    phrases = {row[0]: row[1] for row in read_rows("quotes/phrases.tsv")}
    for word, frame in extra:
        if frame == "source":
            phrases[word] = frame
        elif frame.endswith("-noun"):
            nouns[word] = frame[: -len("-noun")]
        else:
            add_verb(word, frame)
    for noun, frame in nouns.items():
        forms.setdefault(noun, (frame, "noun"))
    for phrase, frame in phrases.items():
        forms[phrase] = (frame, "phrase")
        forms[phrase[:1].upper() + phrase[1:]] = (frame, "phrase")
    attachments = tuple(row[0] for row in read_rows("quotes/attachments.tsv"))
    pattern = re.compile(rf"(?<![\w'’-])(?:{alternation(forms)})(?![\w'’-])")
    attachment_pattern = re.compile(rf"[ \t\u00a0]{{1,2}}(?:{alternation(attachments)})(?![\w'’-])")
    firsts = frozenset(a[0] for a in attachments)
    return CueLexicon(forms, nouns, attachments, pattern, attachment_pattern, firsts)


@functools.lru_cache(maxsize=8)
def cached_lexicon(extra: tuple[tuple[str, str], ...] = ()) -> CueLexicon:
    """Return the lexicon with *extra* cues, built once per set of extras."""
    return build_lexicon(extra)
