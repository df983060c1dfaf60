"""Lexicon data for the boilerplate cleaner, loaded lazily from package data and cached.

The tables live in ``newscorpus/data/clean/``:

* ``stopwords/<lang>.txt``: function words, one per line, to tell running prose
  from menus and lists of headlines;
* ``cues.tsv``: cue phrases of boilerplate (family, kind, phrase);
* ``months.tsv``: month names and abbreviations in several languages;
* ``words.tsv``: small word lists (date-line words, weekdays, agencies, ...).

>>> "the" in stopwords()["en"]
True
>>> month_number("Feb."), month_number("février")
(2, 2)
>>> cues().line["most read"]
'teaser'
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import resources

import attrs

__all__ = ["Cues", "cues", "month_number", "months", "normalize_phrase", "stopwords", "words"]

_DATA = ("data", "clean")
_STOPWORD_LANGUAGES = ("de", "en", "es", "fr", "id", "it", "nl", "pt", "ru")


def _read(*parts: str) -> str:
    node = resources.files("newscorpus")
    for part in (*_DATA, *parts):
        node = node.joinpath(part)
    return node.read_text(encoding="utf-8")


def _lines(*parts: str) -> list[str]:
    return [line.rstrip("\r") for line in _read(*parts).split("\n") if line.strip() and not line.startswith("#")]


def normalize_phrase(text: str) -> str:
    """Return *text* case-folded, with curly apostrophes made straight and white space collapsed.

    >>> normalize_phrase("Don’t  Miss")
    "don't miss"
    """
    folded = text.casefold()
    if "\u2019" in folded or "\u2018" in folded:
        folded = folded.replace("\u2019", "'").replace("\u2018", "'")
    # Every white-space character but the plain space is unprintable: a printable text without a double
    # space or a space at either end is collapsed already.
    if folded.isprintable() and "  " not in folded and folded[:1] != " " and folded[-1:] != " ":
        return folded
    return " ".join(folded.split())


@functools.cache
def stopwords() -> Mapping[str, frozenset[str]]:
    """Return the stop-word list of every language there is one for, by language code."""
    return {
        lang: frozenset(normalize_phrase(word) for word in _lines("stopwords", f"{lang}.txt"))
        for lang in _STOPWORD_LANGUAGES
    }


@attrs.frozen(kw_only=True)
class Cues:
    """The cue phrases of each kind, mapped to their rule family.

    ``line``: the whole block is the phrase; ``start``: the block opens with it;
    ``has``: a short block contains it.
    """

    line: Mapping[str, str]
    start: Mapping[str, str]
    has: Mapping[str, str]


@functools.cache
def cues() -> Cues:
    """Return the cue-phrase tables."""
    tables: dict[str, dict[str, str]] = {"line": {}, "start": {}, "has": {}}
    for row in _lines("cues.tsv"):
        family, kind, phrase = row.split("\t")
        tables[kind].setdefault(normalize_phrase(phrase), family)
    return Cues(line=tables["line"], start=tables["start"], has=tables["has"])


@functools.cache
def months() -> Mapping[str, int]:
    """Return month names and abbreviations (lower case) with their number."""
    table: dict[str, int] = {}
    for row in _lines("months.tsv"):
        name, number = row.split("\t")
        table.setdefault(name, int(number))
    return table


def month_number(name: str) -> int | None:
    """Return the number of the month *name* (any case, a trailing dot allowed), or ``None``."""
    return months().get(name.casefold().rstrip("."))


@functools.cache
def words(kind: str) -> frozenset[str]:
    """Return the word list *kind* of ``words.tsv``.

    Kinds: ``date-word``, ``weekday``, ``name-stop``, ``agency``, ``reader``, ``site``, ``page``.
    """
    return frozenset(word for row in _lines("words.tsv") for list_kind, word in [row.split("\t")] if list_kind == kind)
