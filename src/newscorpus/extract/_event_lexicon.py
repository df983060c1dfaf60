"""Trigger lexicons of the event extractor: entries, inflection, and the one-pass trigger matcher.

A lexicon is a table of entries ``type, mode, form, phrase[, category]``
(``newscorpus/data/events/triggers.tsv`` is the default one). Verbs are
inflected by rule; ``...`` in a phrase is a gap of up to six words. All the
first words of all entries are compiled into one regular expression (a
character trie), so finding the candidate triggers of a text is one pass;
the rest of a phrase is checked only where its first word occurs.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

import attrs

from newscorpus.errors import OptionsError
from newscorpus.extract._lexicon import alternation, read_rows
from newscorpus.types import EventType

__all__ = ["EventLexicon", "TriggerEntry", "TriggerMatch", "inflect"]

_GAP = "..."
_VOWELS = frozenset("aeiou")
_FORMS = ("v", "v-", "n")


def inflect(verb: str) -> tuple[str, ...]:
    """Return the regular forms of an English verb: base, -s, -ed and -ing.

    >>> inflect("agree"), inflect("capture"), inflect("deny"), inflect("ban")
    (('agree', 'agrees', 'agreed', 'agreeing'), ('capture', 'captures', 'captured', 'capturing'), \
('deny', 'denies', 'denied', 'denying'), ('ban', 'bans', 'banned', 'banning'))
    """
    if verb.endswith("ee"):
        return (verb, verb + "s", verb + "d", verb + "ing")
    if verb.endswith("e"):
        return (verb, verb + "s", verb + "d", verb[:-1] + "ing")
    if len(verb) > 2 and verb.endswith("y") and verb[-2] not in _VOWELS:
        return (verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing")
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        return (verb, verb + "es", verb + "ed", verb + "ing")
    short = len(verb) <= 4 and len(verb) >= 3 and verb[-1] not in "wxy" and verb[-1] not in _VOWELS
    if short and verb[-2] in _VOWELS and verb[-3] not in _VOWELS:
        return (verb, verb + "s", verb + verb[-1] + "ed", verb + verb[-1] + "ing")
    return (verb, verb + "s", verb + "ed", verb + "ing")


@attrs.frozen(kw_only=True)
class TriggerEntry:
    """One entry of a trigger lexicon.

    ``phrase`` is a tuple of word slots, each a tuple of the forms that fill
    it, or ``None`` for a gap of up to six words.

    .. versionadded:: 0.2.0
    """

    type: EventType
    phrase: tuple[tuple[str, ...] | None, ...]
    mode: str | None = None
    category: str | None = None
    verb: bool = False

    @property
    def size(self) -> int:
        """The number of words the entry names (gaps not counted)."""
        return sum(1 for slot in self.phrase if slot is not None)


def _entry(row: Sequence[str], where: str) -> TriggerEntry:
    if len(row) < 4:
        raise OptionsError(f"{where}: a trigger entry needs type, mode, form and phrase, got {list(row)!r}")
    type_name, mode, form, phrase = row[0].strip().upper(), row[1].strip(), row[2].strip(), row[3].strip()
    category = row[4].strip() if len(row) > 4 and row[4].strip() else None
    try:
        event_type = EventType(type_name)
    except ValueError:
        raise OptionsError(f"{where}: unknown PLOVER type {row[0]!r}") from None
    if form not in _FORMS:
        raise OptionsError(f"{where}: form must be one of {', '.join(_FORMS)}, got {form!r}")
    words = phrase.lower().split()
    if not words or words[0] == _GAP or words[-1] == _GAP:
        raise OptionsError(f"{where}: a phrase must start and end with a word, got {phrase!r}")
    slots: list[tuple[str, ...] | None] = []
    for index, word in enumerate(words):
        if word == _GAP:
            slots.append(None)
            continue
        forms = [f for f in word.split("|") if f]
        if index == 0 and form.startswith("v"):
            inflected = list(inflect(forms[0]))
            if form == "v-":
                inflected = inflected[2:]
            forms = inflected + forms[1:]
        elif index == 0 and form == "n" and len(words) == 1 and not forms[0].endswith("s"):
            forms = [forms[0], forms[0] + "s"]
        slots.append(tuple(dict.fromkeys(forms)))
    return TriggerEntry(
        type=event_type,
        phrase=tuple(slots),
        mode=None if mode in ("", "-") else mode,
        category=category,
        verb=form.startswith("v"),
    )


class TriggerMatch(NamedTuple):
    """A trigger found in a text: its offsets and the entry that fired.

    .. versionadded:: 0.2.0
    """

    start: int
    end: int
    entry: TriggerEntry


def _trie_pattern(words: Iterable[str]) -> str:
    """Return a regular expression matching exactly *words*, factored as a trie (fast with ``re``)."""
    return alternation(words, gap=None)


_SPACES = 3  # the most spaces between two words of a phrase
_GAP_WORDS, _GAP_WORD = 6, 30  # a gap: up to six words of up to thirty characters
_SPACE = rf"[ \t\u00a0]{{1,{_SPACES}}}"
_GAP_RE = rf"(?:[ \t\u00a0]{{1,{_SPACES}}}[^\s.;:!?]{{1,{_GAP_WORD}}}){{0,{_GAP_WORDS}}}?"
_GAP_REACH = _GAP_WORDS * (_SPACES + _GAP_WORD)


def _rest_pattern(entry: TriggerEntry) -> str:
    """Return the pattern of an entry's phrase after its first word (anchored where the first word ends)."""
    parts: list[str] = []
    for slot in entry.phrase[1:]:
        if slot is None:
            parts.append(_GAP_RE)
        else:
            parts.append(_SPACE + "(?:" + "|".join(re.escape(w) for w in sorted(slot, key=len, reverse=True)) + ")")
    return "".join(parts) + r"(?![\w-])"


@attrs.frozen(kw_only=True, eq=False)
class EventLexicon:
    """A trigger lexicon: the entries that say which words signal which PLOVER type and mode.

    >>> lexicon = EventLexicon.default()
    >>> [(m.entry.type.value, m.entry.mode) for m in lexicon.find("Troops shelled the town and arrested 12.")]
    [('ASSAULT', 'explosives'), ('COERCE', 'arrest')]

    Build your own from rows (``type, mode, form, phrase[, category]``, see
    :meth:`from_rows`) or a TSV file, and combine lexicons with ``+``:

    >>> acled = EventLexicon.from_rows([("ASSAULT", "-", "v", "loot", "Riots")])
    >>> lexicon = EventLexicon.default() + acled
    >>> [(m.entry.type.value, m.entry.category) for m in lexicon.find("Crowds looted shops.")]
    [('ASSAULT', 'Riots')]

    .. versionadded:: 0.2.0
    """

    entries: tuple[TriggerEntry, ...]

    @classmethod
    def from_rows(cls, rows: Iterable[Sequence[str]], *, source: str = "rows") -> EventLexicon:
        """Return the lexicon of *rows*: ``(type, mode, form, phrase)`` or with a fifth cell, ``category``.

        ``type`` is a PLOVER type name; ``mode`` a sub-type or ``"-"``; ``form``
        is ``"v"`` (the first word is a verb: its -s, -ed and -ing forms match
        too; irregular forms follow it after ``|``: ``"fight|fought"``),
        ``"v-"`` (only the -ed, -ing and irregular forms, for verbs that are nouns too: "attack")
        or ``"n"`` (the phrase as written, a single noun also in the plural);
        ``...`` in a phrase is a gap of up to six words. Raises
        :class:`~newscorpus.errors.OptionsError` on a bad row.
        """
        return cls(entries=tuple(_entry(row, f"{source}:{n}") for n, row in enumerate(rows, 1)))

    @classmethod
    def from_tsv(cls, path: str | os.PathLike[str]) -> EventLexicon:
        """Return the lexicon of a tab-separated file (lines starting with ``#`` are comments)."""
        rows = []
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.strip() and not line.startswith("#"):
                    rows.append(line.rstrip("\n").split("\t"))
        return cls.from_rows(rows, source=os.fspath(path))

    @classmethod
    def default(cls) -> EventLexicon:
        """Return the built-in lexicon of the sixteen PLOVER types."""
        return _default()

    def __add__(self, other: EventLexicon) -> EventLexicon:
        if not isinstance(other, EventLexicon):
            return NotImplemented
        return EventLexicon(entries=self.entries + other.entries)

    def only(self, types: Iterable[EventType]) -> EventLexicon:
        """Return the entries of the given types only."""
        keep = frozenset(types)
        return EventLexicon(entries=tuple(e for e in self.entries if e.type in keep))

    @functools.cached_property
    def _compiled(self) -> _Compiled:
        by_first: dict[str, list[TriggerEntry]] = {}
        for entry in self.entries:
            first = entry.phrase[0]
            assert first is not None
            for form in first:
                by_first.setdefault(form, []).append(entry)
        choices: dict[str, _Choice] = {}
        for form, candidates in by_first.items():
            # Longest phrases first; later entries (a user's) before earlier ones of the same size.
            order = {id(entry): n for n, entry in enumerate(candidates)}
            candidates.sort(key=lambda entry: (-entry.size, -order[id(entry)]))
            longer = [entry for entry in candidates if len(entry.phrase) > 1]
            single = next((entry for entry in candidates if len(entry.phrase) == 1), None)
            # The rests of the longer phrases in one pattern, one group each: the first that matches wins.
            rests = "|".join("(" + _rest_pattern(entry) + ")" for entry in longer)
            # Where the last word of every longer phrase is missing from the characters the phrases can reach,
            # none can match: a plain search says so before the pattern is tried.
            last = sorted({form for entry in longer for form in entry.phrase[-1] or ()}, key=lambda w: (-len(w), w))
            reach = max((_reach(entry) for entry in longer), default=0)
            choices[form] = _Choice(
                tuple(longer),
                re.compile(rests) if longer else None,
                re.compile(rests, re.IGNORECASE) if longer else None,
                single,
                re.compile("|".join(re.escape(word) for word in last)) if last else None,
                reach,
            )
        trie = _trie_pattern(sorted(by_first)) if by_first else r"(?!)"
        # The characters first words open with: a look-ahead for them passes over most separators at once.
        opens = "[" + "".join(re.escape(c) for c in sorted({form[0] for form in by_first if form})) + "]"
        opens = opens if len(opens) > 2 else r"(?!)"
        return _Compiled(
            # A word after a space, the most common case, is found by the engine's fast search for one literal
            # character; a word after any other character that is no word character or hyphen by a second,
            # rarer pattern; a word opening the text by a match at its start.
            after_space=re.compile(r"[ ](" + trie + r")(?![\w-])"),
            after_other=re.compile(r"[^a-z0-9 -](?=" + opens + r")(?<!\w)(" + trie + r")(?![\w-])"),
            opening=re.compile(r"(" + trie + r")(?![\w-])"),
            folded=re.compile(r"(?<![\w-])(" + trie + r")(?![\w-])", re.IGNORECASE),
            choices=choices,
        )

    def _first_words(self, text: str) -> tuple[str, bool, list[re.Match[str]]]:
        """Return the text the phrases are matched in, whether it is lower-cased, and the matches of first words
        in it, in order."""
        compiled = self._compiled
        # Matching lower-cased text without IGNORECASE is more than twice as fast; lower-casing keeps
        # offsets unless a character lower-cases to several ("İ"), and then the original text is read.
        lowered = text.lower()
        if len(lowered) != len(text):
            return text, False, list(compiled.folded.finditer(text))
        found = list(compiled.after_space.finditer(lowered))
        other = list(compiled.after_other.finditer(lowered))
        opening = compiled.opening.match(lowered)
        if other or opening is not None:
            found = sorted([*found, *other, *([opening] if opening is not None else [])], key=lambda m: m.start(1))
        return lowered, True, found

    def find(self, text: str) -> Iterator[TriggerMatch]:
        """Yield the triggers of *text* in order, the longest phrase at each word, none overlapping."""
        choices = self._compiled.choices
        lowered, exact, found = self._first_words(text)
        position = 0
        for match in found:
            start, end = match.span(1)
            if start < position:
                continue
            word = lowered[start:end]  # the first word, as the pattern matched it
            choice = choices.get(word if exact else word.lower())
            if choice is None:
                continue
            rests = choice.rests if exact else choice.folded
            tail = None
            last = choice.last
            if rests is not None and (not exact or last is None or last.search(lowered, end, end + choice.reach)):
                tail = rests.match(lowered, end)
            if tail is not None:
                yield TriggerMatch(start, tail.end(), choice.longer[(tail.lastindex or 1) - 1])
                position = tail.end()
            elif choice.single is not None:
                yield TriggerMatch(start, end, choice.single)
                position = end


class _Choice(NamedTuple):
    """The entries a first word opens: the longer phrases, their rests as one pattern (exact and ignoring
    case), the one-word entry, a pattern of the last words of the longer phrases and how far past the first word
    they reach."""

    longer: tuple[TriggerEntry, ...]
    rests: re.Pattern[str] | None
    folded: re.Pattern[str] | None
    single: TriggerEntry | None
    last: re.Pattern[str] | None
    reach: int


def _reach(entry: TriggerEntry) -> int:
    """Return the most characters an entry's phrase spans after its first word."""
    return sum(_GAP_REACH if slot is None else _SPACES + max(map(len, slot)) for slot in entry.phrase[1:])


class _Compiled(NamedTuple):
    after_space: re.Pattern[str]
    after_other: re.Pattern[str]
    opening: re.Pattern[str]
    folded: re.Pattern[str]
    choices: dict[str, _Choice]


@functools.cache
def _default() -> EventLexicon:
    return EventLexicon.from_rows(read_rows("events/triggers.tsv"), source="events/triggers.tsv")
