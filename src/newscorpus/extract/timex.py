"""Time expressions: TimeML TIMEX3 recognition and normalisation.

:func:`extract_timexes` finds dates, times, durations and sets in running news
text and gives each its TIMEX3 ``value``, resolved against the article's
publication date:

>>> import datetime
>>> from newscorpus.types import Article
>>> article = Article(raw="Talks ended on Thursday and resume next week.", date=datetime.date(2022, 2, 25))
>>> [(t.text, t.value) for t in extract_timexes(article)]
[('Thursday', '2022-02-24'), ('next week', '2022-W09')]

Without a reference date, parts that depend on it stay unknown (``X``):

>>> [(t.text, t.value) for t in extract_timexes("Talks ended on Thursday, Feb. 24.")]
[('Thursday, Feb. 24', 'XXXX-02-24')]

The rules are patterns built from the vocabulary data files (see
:class:`TimexVocabulary`). One pass over the text finds the words and numbers
that every expression contains (months, units, digits, ...); at each of them,
and at the modifiers just before it ("the past three"), only the rules whose
first word fits are tried, and a match is normalised in plain Python. Every
quantifier is bounded, so the time taken grows linearly with the length of
the text.

Relative expressions resolve by the tense of their clause: "They met on
Monday" is the last Monday, "They meet on Monday" and "The vote is on Monday"
the next one, "since March" the last March.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import importlib
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs

from newscorpus._dates import _MONTH_NAMES
from newscorpus.errors import OptionsError
from newscorpus.extract._timex_vocab import TimexVocabulary
from newscorpus.types import Article, Sentence, TimeExpr, TimexType

__all__ = ["TimexOptions", "TimexVocabulary", "extract_timexes"]

_TENSE_DEFAULTS = ("past", "future", "nearest")


def _check_types(instance: TimexOptions, attribute: attrs.Attribute[Any], value: frozenset[TimexType]) -> None:
    if not value:
        raise OptionsError("include_types must name at least one TimexType")
    for item in value:
        if not isinstance(item, TimexType):
            raise OptionsError(f"include_types takes TimexType members, got {item!r}")


def _check_tense(instance: TimexOptions, attribute: attrs.Attribute[Any], value: str) -> None:
    if value not in _TENSE_DEFAULTS:
        raise OptionsError(f"default_tense must be one of {', '.join(_TENSE_DEFAULTS)}, got {value!r}")


def _check_vocabulary(instance: TimexOptions, attribute: attrs.Attribute[Any], value: TimexVocabulary | None) -> None:
    if value is not None and not isinstance(value, TimexVocabulary):
        raise OptionsError(f"vocabulary must be a TimexVocabulary, got {type(value).__name__}")


@attrs.frozen(kw_only=True)
class TimexOptions:
    """How :func:`extract_timexes` finds and resolves time expressions.

    * ``include_types``: the TIMEX3 types to return (all four by default);
    * ``resolve``: resolve relative expressions against the reference date;
      when false, or when there is no reference date, the parts that depend on
      it stay ``X`` (``"on Thursday"`` gives ``XXXX-WXX-4``);
    * ``references``: also return ``PRESENT_REF``, ``PAST_REF`` and
      ``FUTURE_REF`` words such as *now*, *recently*, *the future*;
    * ``default_tense``: how a bare weekday (or season, weekend, quarter) is
      resolved when its clause gives no tense: ``"past"`` (the usual case in
      news reports: the most recent such day on or before the reference
      date), ``"future"`` or ``"nearest"``; a month without a year then
      falls back to the most recent one and a month and day to the nearest;
    * ``vocabulary``: the word lists; ``None`` uses
      :meth:`TimexVocabulary.default`. Extend it to teach new holidays:

    >>> v = TimexVocabulary.default().extend(holidays={"Independence Day": (7, 4)})
    >>> options = TimexOptions(vocabulary=v)
    >>> [t.value for t in extract_timexes("Independence Day 2021 was hot.", options=options)]
    ['2021-07-04']

    .. versionadded:: 0.1.0
    """

    include_types: frozenset[TimexType] = attrs.field(
        default=frozenset(TimexType), converter=frozenset, validator=_check_types
    )
    resolve: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))
    references: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))
    default_tense: str = attrs.field(default="past", validator=_check_tense)
    vocabulary: TimexVocabulary | None = attrs.field(default=None, validator=_check_vocabulary)


_DEFAULT_OPTIONS = TimexOptions()

# ---------------------------------------------------------------------------
# Pattern building
# ---------------------------------------------------------------------------

_GAP = r"[\x20\t\u00a0]{1,3}"
_OPT_GAP = r"[\x20\t\u00a0]{0,3}"


def _alt(words: Iterable[str]) -> str:
    """Return a regex matching any of *words*, as a character trie (fast to reject), spaces made flexible.

    Each branch is greedy, so the longest word is tried first, as in an
    alternation sorted longest first.
    """
    trie: dict[str, Any] = {}
    for word in {w for w in words if w}:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = []
        for char in sorted(c for c in node if c):
            piece = _GAP if char == " " else re.escape(char)
            branches.append(piece + build(node[char]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return build(trie) or "(?!)"


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


@attrs.frozen
class _Grammar:
    pre: str
    bodies: tuple[tuple[str, str], ...]
    first: tuple[_FirstTokens, ...]
    pre_words: frozenset[str]
    lead: frozenset[str]
    months: dict[str, tuple[int, str]]
    weekdays: dict[str, tuple[int, str]]
    cardinals: dict[str, int]
    ordinals: dict[str, int]
    units: dict[str, str]
    seasons: dict[str, str]
    parts: dict[str, str]
    holidays: dict[str, str]
    references: dict[str, str]
    frequencies: dict[str, str]
    past_cues: frozenset[str]
    future_cues: frozenset[str]
    present_cues: frozenset[str]
    tense_pattern: re.Pattern[str]
    trigger: re.Pattern[str]
    trigger_head: re.Pattern[str]
    token_masks: dict[str, int] = attrs.field(factory=dict, eq=False)
    by_token: dict[str, tuple[_Compiled, ...]] = attrs.field(factory=dict, eq=False)
    compiled: dict[int, _Compiled | None] = attrs.field(factory=dict, eq=False)


_EXTRA_TRIGGERS = frozenset(
    [
        "yesterday",
        "today",
        "tomorrow",
        "tonight",
        "overnight",
        "noon",
        "midnight",
        "midday",
        "o'clock",
        "half",
        "period",
        "nineteen",
        "twenty",
    ]
)
_NOT_TRIGGERS = frozenset({"second", "min", "sec"})
_MONEY = "per ?cent|percent|bn|billion|million|trillion|pc|pts|km|kg|mph|lbs?"
_LEAD_EXTRA = (
    "every each per once twice thrice times its their his her a an in at up no not just well fiscal calendar model "
    "comparable corresponding year-ago year-earlier year's recent future to or and of than end beginning start "
    "middle rest remainder balance turn dawn close early late mid earlier later sometime time"
)


def _lead_words(cardinals: dict[str, int], ordinals: dict[str, int], phrases: Iterable[str]) -> set[str]:
    """Return the words that may come before the trigger word of an expression."""
    words = set(_LEAD_EXTRA.split()) | set(cardinals) | set(ordinals)
    for phrase in (*_APPROX, *_POSITION, *_DEICTIC_WORDS, *_DURATION_DETERMINERS, *_QUANTITY_WORDS):
        words.update(phrase.split())
    words.update(_UNIT_MODIFIERS)
    for phrase in phrases:
        words.update(phrase.split()[:-1])
    words.update(_UNIT_ADJECTIVES)
    return words


@functools.lru_cache(maxsize=8)
def _grammar(vocabulary: TimexVocabulary) -> _Grammar:
    months = {w: (n, k) for w, n, k in vocabulary.months}
    weekdays = {w: (n, k) for w, n, k in vocabulary.weekdays}
    cardinals = {w: n for w, n, k in vocabulary.numbers if k == "cardinal"}
    ordinals = {w: n for w, n, k in vocabulary.numbers if k == "ordinal"}
    units = dict(vocabulary.units)
    singular_units = [w for w in units if not w.endswith("s") and w != "millennia"]
    plural_units = [w for w in units if w not in singular_units]

    month_full = _alt(w for w, (n, k) in months.items() if k != "abbr")
    month_abbr = _alt(w for w, (n, k) in months.items() if k == "abbr")
    month = rf"(?P<mon>(?:{month_full})\b|(?:{month_abbr})(?:\.|\b))"
    month_named = rf"(?P<mon>(?:{month_full})\b)"
    wd_full = _alt(w for w, (n, k) in weekdays.items() if k == "full")
    wd_abbr = _alt(w for w, (n, k) in weekdays.items() if k == "abbr")
    weekday_any = rf"(?P<wd>(?:{wd_full})\b|(?:{wd_abbr})(?:\.|\b))"
    number_word = _alt(w for w in cardinals if w not in ("hundred", "thousand", "dozen"))
    big_word = r"hundred|thousand"
    numeral = (
        rf"(?:(?:{number_word})(?:[\s-](?:{number_word})){{0,2}}(?:[\s-](?:{big_word}))?|(?:a|one) (?:{big_word}))"
    )
    digits = r"(?<![\d.,$£€¥])\d{1,3}(?:,\d{3}){0,2}(?:\.\d{1,2})?(?: \d/\d)?(?![\d,.%]\d|%)"
    quantity = rf"(?P<qty>{digits}|\b(?:{numeral})\b|{_alt(_QUANTITY_WORDS)}|\ban?\b)"
    quantity2 = quantity.replace("(?P<qty>", "(?P<qty2>")
    unit_sg = rf"(?P<unit>(?:{_alt(singular_units)})\b)"
    unit_any = rf"(?P<unit>(?:{_alt(units)})\b)"
    unit_pl = rf"(?P<unit>(?:{_alt(plural_units)})\b)"
    ordinal_word = _alt(ordinals)
    day_word = _alt(w for w, n in ordinals.items() if 1 <= n <= 31)
    season = rf"(?P<season>(?:{_alt(w for w, _ in vocabulary.seasons)})\b)"
    parts = dict(vocabulary.parts_of_day)
    part = rf"(?P<pod>(?:{_alt(parts)})\b)"
    holidays = {name.lower(): rule for name, rule in vocabulary.holidays}
    holiday = rf"(?P<hol>(?:{_alt(holidays)})\b)"
    references = dict(vocabulary.references)
    frequencies = dict(vocabulary.frequencies)
    deictic = _spaced(_alt(_DEICTIC_WORDS))
    year = r"(?P<year>(?<![\d.,])\d{4})(?![\d%]|[.,:/]\d|-\d)"
    day = r"(?P<day>(?<![\d.,$£€¥])(?:[12]\d|3[01]|0?[1-9]))(?:st|nd|rd|th)?(?![\d%]|[.,:/]\d)"
    ampm = r"(?P<ampm>[ap]\.\x20?m\.?|[ap]m\b)"
    zone = rf"(?: \(?(?P<zone>{_spaced(_ZONES)})\b\)?)"
    day_ref = rf"(?:(?P<tday>yesterday|today|tomorrow|tonight)\b|(?P<twd>{wd_full})\b|{month} {day}(?:,? {year})?)"

    approx = _spaced(_alt(_APPROX))
    position = _spaced(_alt(w for w in _POSITION if w != "mid"))
    pre = rf"(?P<pre>(?:(?P<approx>{approx}) )?(?:(?P<pos>{position}) |(?P<pos>(?:the )?mid)(?:-| ))?)"

    rules: list[tuple[str, str]] = [
        (
            "iso",
            r"(?<![\d-])(?P<year>\d{4})-(?P<mo>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])"
            r"(?:(?:T| )(?P<hh>[01]\d|2[0-3]):(?P<mm>[0-5]\d)(?::[0-5]\d)?)?(?![\d-])",
        ),
        (
            "num",
            r"(?<![\d/.\-,])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d/]|[.-]\d)",
        ),
        (
            "time",
            rf"(?:(?<![\d.:,$£€])(?P<hh>1[0-2]|0?[1-9])(?:[:.](?P<mm>[0-5]\d))? ?{ampm}"
            rf"|(?<![\d.:,$£€])(?P<hh>[01]?\d|2[0-3]):(?P<mm>[0-5]\d)(?![\d:]|\.\d)"
            rf"(?= ?(?:h\b|hrs\b|{_ZONES}\b|[,.;)]|\s[a-z]))"
            rf"|(?<![\d.:,$£€])(?P<hh>1[0-2]|0?[1-9]) o'clock"
            rf"|(?<![\d.:,$£€])(?P<hh>1[0-2]|0?[1-9])(?= in the (?:morning|afternoon|evening|night)\b)"
            rf"|(?P<named>noon|midnight|midday)\b)"
            rf"{zone}?(?: in the (?P<tpod>morning|afternoon|evening|night))?(?:,? (?:on )?{day_ref})?",
        ),
        (
            "mdy",
            rf"(?:{weekday_any},? (?:the )?)?{month} {day}(?!:\d)(?:(?:, ?| ){year})?",
        ),
        (
            "dmy",
            rf"(?:{weekday_any},? )?(?:the )?{day}(?: of)? {month}(?:,? {year})?",
        ),
        ("my", rf"{month}(?:,? | of ){year}|{month} '(?P<yy>\d\d)\b"),
        ("mdyw", rf"(?:{weekday_any},? )?{month_named} (?:the )?(?P<dayw>{day_word})\b(?!-)(?:,? {year})?"),
        ("weekof", rf"(?:the )?week of {month} {day}(?!:\d)(?:(?:, ?| ){year})?"),
        (
            "nthwd",
            rf"(?:the )?(?P<nth>{_alt(_NTH)})(?:-| )(?P<wd>{wd_full})\b (?:of|in) {month_named}(?:,? {year})?",
        ),
        ("thistime", r"this time (?P<tly>last|next) year\b"),
        (
            "quarter",
            rf"(?:(?P<qdet>the|its|this|that|their|his|her|a) )?"
            rf"(?:(?P<qpre>(?:this|last|next) year's|(?P<qyear>\d{{4}})(?:'s)?|(?:the )?year-(?:ago|earlier)"
            rf"|fiscal|calendar|current|latest|comparable|corresponding|same|previous|prior) ){{0,3}}"
            rf"(?:fiscal(?:-| ))?(?P<qord>{_alt(_QUARTER_WORDS)})(?:(?:-| )fiscal)?(?:-| )quarter(?P<qpl>s)?\b"
            rf"(?:(?: of|,)? (?:(?:fiscal|calendar) )?(?P<qyear2>\d{{4}})(?!\d)|(?P<qyy>'\d\d)\b"
            rf"| of (?:the |this |last |next )?(?:fiscal |calendar )?year\b| (?P<qrel>this|last|next) year\b)?"
            rf"|\bQ(?P<qn>[1-4])(?: (?:of )?(?:FY ?)?(?P<qyear2>\d{{4}})(?!\d)| ?'?(?P<qyy>\d\d)\b)?\b"
            rf"|\b(?P<qyear>\d{{4}}) Q(?P<qn>[1-4])\b",
        ),
        (
            "period",
            r"the (?:(?P<perdeic>latest|same|comparable|corresponding|current) (?:fiscal )?(?P<pernoun>period)\b"
            rf"|(?P<peryear>\d{{4}}) (?:(?P<perord>{_alt(_QUARTER_WORDS)}) )?(?:fiscal )?"
            r"(?P<pernoun>quarter|period)\b)",
        ),
        (
            "spoken",
            rf"(?:the year |{month_named} )?(?P<sp1>nineteen|twenty)(?:-| )"
            r"(?P<sp2>ten|eleven|twelve|thirteen|fourteen|fifteen|"
            rf"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
            rf"(?:(?:-| )(?P<sp3>one|two|three|four|five|six|seven|eight|nine)\b)?(?!-)"
            rf"|the year two thousand(?:(?:-| )and)?(?:(?:-| )(?P<sp4>one|two|three|four|five|six|seven|eight|nine|"
            rf"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b)?",
        ),
        (
            "half",
            r"(?:the )?(?P<hord>first|second|latter|last|1st|2nd)(?:-| )half\b"
            r"(?:(?: of|,)? (?:fiscal )?(?P<hyear>\d{4})(?!\d)"
            r"| of (?P<hrel>the|this|last|next) (?:fiscal )?year\b|(?! of\b))"
            r"|\bH(?P<hn>[12])(?: (?P<hyear>\d{4})(?!\d)| ?'?(?P<hyy>\d\d)\b)?\b(?!-|\d)"
            r"|\b(?P<hyear>\d{4}) H(?P<hn>[12])\b",
        ),
        (
            "century",
            rf"(?:(?P<cdeic>the|this|last|next|the last|the next|the past|the previous) )?"
            rf"(?:(?P<cn>\d{{1,2}})(?:st|nd|rd|th)|(?P<cw>{ordinal_word}))?(?:-| )?(?P<cent>century)\b",
        ),
        (
            "decade",
            rf"(?:the )?(?:(?P<dcy>1[0-9]|20)(?P<dd>\d)0'?s\b|'(?P<dd2>\d)0'?s\b"
            rf"|(?P<dword>{_alt(_DECADE_WORDS)})\b)",
        ),
        (
            "season",
            rf"(?:(?P<sdeic>{deictic}|early|late|mid|every|each) )?{season}(?:(?: of)? {year})?",
        ),
        ("holiday", rf"(?:(?P<hdeic>last|this|next|this past|this coming|every|each) )?{holiday}(?: {year})?"),
        (
            "ago",
            rf"(?:(?:{quantity}) {unit_any}(?: or (?:so|more|two|three))?|(?P<vague>{unit_pl}))"
            rf" (?P<dir>ago|earlier|later|hence|from now|before|after|back)\b",
        ),
        (
            "yearago",
            r"(?:the )?(?:(?:comparable|corresponding|same) )?"
            r"(?P<yaunit>year|month|week|quarter)(?:-| )(?:ago|earlier)\b"
            rf"(?: (?P<yanoun>(?:(?:{_alt(_QUARTER_WORDS)}) )?(?:quarter|period|month|week)"
            rf"|(?:{number_word}|\d{{1,2}}) months))?",
        ),
        (
            "dur",
            rf"(?:(?P<ddet>{_spaced(_alt(_DURATION_DETERMINERS))}) )?"
            rf"(?:{quantity2} (?:to|or|-|and) )?{quantity} (?:(?:{_alt(_UNIT_MODIFIERS)}) ){{0,2}}{unit_any}(?!-\w)"
            rf"(?P<tail> or so| or more| and a half)?"
            rf"|(?:{quantity2} (?:to|or|-) )?(?P<qty>\d{{1,3}}|{numeral}|several|multi|many)-{unit_sg}"
            rf"(?:-(?P<hyph>long|old))?(?![-\w])"
            rf"|(?:a |the )?(?P<vqty>{unit_pl}|{unit_sg})-long\b",
        ),
        (
            "relday",
            r"(?:the day (?P<rd2>before yesterday|after tomorrow))"
            r"|(?P<rd>yesterday|today|tomorrow|tonight)\b(?: (?P<rpod>morning|afternoon|evening|night)\b)?",
        ),
        (
            "weekday",
            r"(?:(?P<wdeic>this past|this coming|the previous|the following|the next|the same|last|this|next|"
            r"coming|past|that|every|each) )?"
            rf"(?P<wd>{wd_full})(?P<wdpl>s)?\b(?: (?P<wpod>(?:{_alt(parts)})s?)\b)?",
        ),
        (
            "pod",
            r"(?:(?P<pdeic>this|last|tomorrow|yesterday|tonight|every|each|that|the same|"
            r"early this|late this|later this|"
            r"earlier this|the) )?"
            rf"{part}(?: (?P<pday>yesterday|today|tomorrow))?",
        ),
        ("yearend", r"(?P<ye>year|month|quarter)(?:-| )end\b|(?P<ye>year|month|quarter)'s end\b"),
        (
            "relunit",
            rf"(?P<udeic>{deictic}) (?:(?:{_alt(_UNIT_ADJECTIVES)})(?:-| )){{0,2}}{unit_sg}(?![-\w])",
        ),
        (
            "month",
            r"(?:(?P<mdeic>this past|this coming|last|this|next|coming|past|every|each) )?"
            rf"{month_named}(?:(?P<poss>'s)|(?: (?P<myrel>last|this|next) year\b))?",
        ),
        (
            "year",
            rf"(?:(?P<fy>fiscal year|fiscal|FY|calendar year|calendar|the year|model year) ?)?{year}"
            r"|\bFY ?'?(?P<fy2>\d\d)\b(?!\d)",
        ),
        (
            "set",
            rf"(?:every|each|per) (?:other |single )?(?:(?:{quantity}) )?"
            rf"(?:{unit_any}|(?P<wd>{wd_full})\b|{month_named}|{season}|{part})"
            rf"|(?:once|twice|thrice|(?:{quantity}) times) (?:a|an|per|each|every) {unit_sg}",
        ),
        ("freq", rf"(?P<freq>{_alt(frequencies)})\b"),
        ("ref", rf"(?P<ref>{_spaced(_alt(references))})\b(?!-)"),
        (
            "plural",
            r"(?:(?P<ppre>recent|coming|the coming|the past|the last|the next|past|next|future|the following|"
            r"the ensuing|the early|the|in recent) )?"
            rf"{unit_pl}(?: (?P<pahead>ahead|to come))?(?![-\w])",
        ),
    ]
    bodies = tuple((f"r_{name}", _lowered(f"(?P<r_{name}>{_spaced(fragment)})")) for name, fragment in rules)
    lowered_pre = _lowered(pre)

    cues = dict(vocabulary.tense_cues)
    past = frozenset(w for w, t in cues.items() if t == "past")
    future = frozenset(w for w, t in cues.items() if t == "future")
    tense_pattern = re.compile(
        _lowered(rf"(?<![\w'])(?:(?P<cue>{_spaced(_alt(cues))})(?![\w'])|(?P<ed>[a-z]{{2,20}}(?<!e)ed)\b)|(?<=\w)'ll\b")
    )
    # Every match holds at least one trigger: a number or a word that can only be temporal in a
    # time expression. The scan looks for triggers first, then tries the rules that may start at
    # the trigger and at the words that may lead up to it ("the past three" before "years").
    trigger_words = {w for w, _, k in vocabulary.months if k != "abbr"} | {w for w, _, _ in vocabulary.months}
    trigger_words |= {w for w, _, _ in vocabulary.weekdays} | set(units) | set(dict(vocabulary.seasons)) | set(parts)
    trigger_words |= {name.split()[-1] for name in holidays} | {phrase.split()[-1] for phrase in references}
    trigger_words |= set(frequencies) | set(_DECADE_WORDS) | _EXTRA_TRIGGERS
    trigger_words -= _NOT_TRIGGERS
    # The scan only tries positions just after a character that cannot be part of a word, which
    # the regular expression engine finds quickly; a trigger at the very start is checked apart.
    number = (
        rf"(?:\d{{4}}-\d\d-\d\d|\d{{1,4}}(?:[.:/]\d{{1,4}}){{0,2}})(?!\d|,\d{{3}}|-\d|%|[mk]\b|\x20?(?:{_MONEY})\b)"
    )
    word = rf"(?:[QH][1-4]\b|FY|(?:{_alt(trigger_words)})\b)"
    trigger = re.compile(_lowered(rf"[^\w](?:(?<![.,$£€¥]){number}|{word})"))
    trigger_head = re.compile(_lowered(rf"{number}|{word}"))
    lead = frozenset(_lead_words(cardinals, ordinals, [*references, *holidays]))
    # The words a leading modifier ("about", "the end of", "mid-") may begin with.
    pre_words = frozenset(re.findall(r"[a-z0-9]+", phrase)[0] for phrase in (*_APPROX, *_POSITION))
    return _Grammar(
        pre=lowered_pre,
        bodies=bodies,
        first=tuple(_first_tokens(body) for _, body in bodies),
        pre_words=pre_words,
        lead=lead,
        months=months,
        weekdays=weekdays,
        cardinals=cardinals,
        ordinals=ordinals,
        units=units,
        seasons=dict(vocabulary.seasons),
        parts=parts,
        holidays=holidays,
        references=references,
        frequencies=frequencies,
        past_cues=past,
        future_cues=future,
        present_cues=frozenset(w for w, t in cues.items() if t == "present"),
        tense_pattern=tense_pattern,
        trigger=trigger,
        trigger_head=trigger_head,
    )


# ---------------------------------------------------------------------------
# Dispatch: the rules that may start at a position
# ---------------------------------------------------------------------------
#
# Trying every rule at every candidate position is the slowest part of the scan. Each rule's
# pattern is therefore read once (with the standard library's parser of regular expressions)
# to learn what the first token of one of its matches can be: a run of letters and digits (a
# digit written ``D``), or a single other character. At a candidate position only the rules
# whose first token fits are combined into one pattern, compiled once per combination and
# cached. The rules keep their order, so the result is the one the pattern of all the rules
# gives. Where the analysis cannot tell, every rule is tried.

_TOKEN = re.compile(r"[a-z0-9]{1,40}")
_TOKEN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_DIGIT_KEYS = str.maketrans("0123456789", "DDDDDDDDDD")
_SEPARATORS = frozenset("\x20\t\u00a0")
_CHAIN_SEPARATORS = frozenset("\x20\t\u00a0-")
_CHAIN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789'.,-")
_CHAIN_TOKEN = re.compile(r"[a-z0-9'.,-]{1,40}")
_CHAIN_NUMBER = re.compile(r"\d{1,4}(?:[.,]\d{1,3})?")
_OPEN_LIMIT = 5000
_REPEAT_LIMIT = 6
_CACHE_LIMIT = 4096


@attrs.define
class _FirstTokens:
    """What the first token of a rule's match may be.

    ``exact``: whole tokens; ``prefix``: token beginnings that more letters or
    digits may follow; ``chars``: single characters that are not part of a
    token; ``anything``: no restriction is known.
    """

    exact: set[str] = attrs.field(factory=set)
    prefix: set[str] = attrs.field(factory=set)
    chars: set[str] = attrs.field(factory=set)
    anything: bool = False

    def accepts(self, key: str, token: bool) -> bool:
        if self.anything:
            return True
        if not token:
            return key in self.chars
        return key in self.exact or any(key.startswith(p) for p in self.prefix)

    def close(self, opens: set[str], char: str | None) -> None:
        """Record that each open token ends before *char* (``None``: it may go on with anything)."""
        for token in opens:
            if token:
                (self.exact if char is not None else self.prefix).add(token)
            elif char is None:
                self.anything = True
            else:
                self.chars.add(char)


def _symbol(code: int) -> str:
    char = chr(code)
    if "a" <= char <= "z":
        return char
    if "0" <= char <= "9":
        return "D"
    return ""


def _class_symbols(items: list[tuple[Any, Any]]) -> tuple[set[str], set[str]] | None:
    """Return the token symbols and other characters of a character class, or ``None`` when it is too wide."""
    symbols: set[str] = set()
    others: set[str] = set()
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            (symbols if _symbol(av) else others).add(_symbol(av) or chr(av))
        elif name == "RANGE":
            low, high = av
            if high - low > 64:
                return None
            for code in range(low, high + 1):
                (symbols if _symbol(code) else others).add(_symbol(code) or chr(code))
        elif name == "CATEGORY" and str(av) == "CATEGORY_DIGIT":
            symbols.add("D")
        elif name == "CATEGORY" and str(av) == "CATEGORY_SPACE":
            others.update(" \t\n\r\x0b\x0c\u00a0")
        else:
            return None
    letters = symbols - {"D"}
    if len(letters) > 6:
        return None
    return symbols, others


def _walk(items: Any, opens: set[str], found: _FirstTokens) -> set[str]:
    """Follow the parsed pattern *items* from the open token beginnings *opens*; return those still open."""
    for op, av in items:
        if not opens:
            break
        name = str(op)
        if name == "LITERAL":
            symbol = _symbol(av)
            if symbol:
                opens = {token + symbol for token in opens}
            else:
                found.close(opens, chr(av))
                opens = set()
        elif name == "IN":
            parts = _class_symbols(av)
            if parts is None:
                found.close(opens, None)
                return set()
            symbols, others = parts
            for char in others:
                found.close(opens, char)
            opens = {token + symbol for token in opens for symbol in symbols}
        elif name == "BRANCH":
            merged: set[str] = set()
            for branch in av[1]:
                merged |= _walk(branch, set(opens), found)
            opens = merged
        elif name == "SUBPATTERN":
            opens = _walk(av[-1], opens, found)
        elif name == "ATOMIC_GROUP":
            opens = _walk(av, opens, found)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, sub = av
            result = set(opens) if low == 0 else set()
            current = opens
            count = 0
            while current and count < high:
                count += 1
                current = _walk(sub, current, found)
                if count >= low:
                    result |= current
                if count >= _REPEAT_LIMIT and count < high:
                    found.close(current, None)
                    current = set()
            opens = result
        elif name == "AT":
            if str(av) == "AT_BOUNDARY":
                found.close({t for t in opens if t}, " ")
                opens = {t for t in opens if not t}
        elif name in ("ASSERT", "ASSERT_NOT"):
            continue
        else:
            found.close(opens, None)
            return set()
        if len(opens) > _OPEN_LIMIT:
            found.close(opens, None)
            return set()
    return opens


def _regex_parser() -> Any:
    try:
        return importlib.import_module("re._parser")
    except ImportError:  # Python 3.10
        return importlib.import_module("sre_parse")


def _first_tokens(pattern: str) -> _FirstTokens:
    """Return what the first token of a match of *pattern* may be (anything, when the pattern cannot be read)."""
    found = _FirstTokens()
    try:
        tree = _regex_parser().parse(_unique_groups(pattern), 0)
        found.close(_walk(list(tree), {""}, found), None)
    except Exception:  # the parser is private to the standard library: never trust its shape
        return _FirstTokens(anything=True)
    return found


@attrs.frozen
class _Compiled:
    pattern: re.Pattern[str]
    handlers: dict[int, _Handler]
    names: dict[str, tuple[int, ...]]


_GROUP_NAME = re.compile(r"\(\?P<(\w+)>")


def _unique_groups(source: str) -> str:
    """Give the second and later groups of one name a ``__N`` suffix, as the standard ``re`` module requires."""
    seen: dict[str, int] = {}

    def rename(match: re.Match[str]) -> str:
        name = match.group(1)
        seen[name] = seen.get(name, 0) + 1
        return match.group() if seen[name] == 1 else f"(?P<{name}__{seen[name]}>"

    return _GROUP_NAME.sub(rename, source)


def _compile_rules(grammar: _Grammar, mask: int) -> _Compiled | None:
    """Compile the rules in *mask*, in order, after the shared prefix; duplicate group names get a suffix."""
    chosen = [(name, body) for index, (name, body) in enumerate(grammar.bodies) if mask >> index & 1]
    if not chosen:
        return None
    source = rf"(?<![\w'])(?=[\w'])(?:{grammar.pre}(?:{'|'.join(body for _, body in chosen)}))"
    pattern = re.compile(_unique_groups(source))
    names: dict[str, list[int]] = {}
    for group, index in sorted(pattern.groupindex.items(), key=lambda item: item[1]):
        names.setdefault(group.split("__")[0], []).append(index)
    handlers = {pattern.groupindex[name]: _HANDLERS[name] for name, _ in chosen}
    return _Compiled(pattern=pattern, handlers=handlers, names={k: tuple(v) for k, v in names.items()})


def _token_mask(grammar: _Grammar, text: str, start: int) -> tuple[int, int]:
    """Return the rules whose first token fits the one at *start*, and where that token ends (-1: no token)."""
    char = text[start]
    full = (1 << len(grammar.bodies)) - 1
    if char not in _TOKEN_CHARS:
        if char != "'":
            return full, -1
        key, token, end = char, False, -1
    else:
        match = _TOKEN.match(text, start)
        end = match.end() if match is not None else start + 1
        if end < len(text) and text[end].isalnum() and not text[end].isascii():
            return full, end
        key, token = text[start:end], True
        if not key.isalpha():
            key = "D" * len(key) if key.isdigit() else key.translate(_DIGIT_KEYS)
    cache = grammar.token_masks
    mask = cache.get(key)
    if mask is None:
        mask = 0
        for index, first in enumerate(grammar.first):
            if first.accepts(key, token):
                mask |= 1 << index
        if len(cache) < _CACHE_LIMIT:
            cache[key] = mask
    return mask, end


def _rules_at(grammar: _Grammar, text: str, start: int) -> tuple[_Compiled, ...]:
    """Return the compiled rules that may match at *start*, to be tried in order.

    After a word that may begin a modifier ("the", "about", "early") every rule
    is tried at once, since the modifier may precede any of them. Otherwise the
    rules whose first token fits are tried one by one, each compiled on its own
    once: the first that matches is the one the pattern of all the rules picks.
    """
    token = _TOKEN.match(text, start)
    word = ""
    if token is not None:
        following = text[token.end() : token.end() + 1]
        if following.isascii() or not following.isalnum():
            word = token.group()
            known = grammar.by_token.get(word)
            if known is not None:
                return known
    mask, _ = _token_mask(grammar, text, start)
    full = (1 << len(grammar.bodies)) - 1
    if not word or word in grammar.pre_words or mask == full:
        compiled = _rules_for_mask(grammar, full)
        found: tuple[_Compiled, ...] = () if compiled is None else (compiled,)
    else:
        found = tuple(
            compiled
            for index in range(len(grammar.bodies))
            if mask >> index & 1 and (compiled := _rules_for_mask(grammar, 1 << index)) is not None
        )
    if word and len(grammar.by_token) < _CACHE_LIMIT:
        grammar.by_token[word] = found
    return found


def _rules_for_mask(grammar: _Grammar, mask: int) -> _Compiled | None:
    compiled = grammar.compiled
    if mask in compiled:
        return compiled[mask]
    result = _compile_rules(grammar, mask)
    if len(compiled) < _CACHE_LIMIT:
        compiled[mask] = result
    return result


class _Match:
    """A match of a compiled set of rules, read by group name whatever suffix the name was given."""

    __slots__ = ("_names", "_spans", "string")

    def __init__(self, match: re.Match[str], names: dict[str, tuple[int, ...]]) -> None:
        self._names = names
        self._spans = match.regs
        self.string = match.string

    def _span(self, name: str) -> tuple[int, int]:
        spans = self._spans
        for index in self._names.get(name, ()):
            span = spans[index]
            if span[0] >= 0:
                return span
        return -1, -1

    def __getitem__(self, name: str) -> str | Any:
        """Return the text of group *name*, or ``None`` when it did not take part (typed like ``re.Match``)."""
        start, end = self._span(name)
        return None if start < 0 else self.string[start:end]

    def group(self, name: str) -> str | Any:
        return self[name]

    def start(self, name: str | None = None) -> int:
        return self._spans[0][0] if name is None else self._span(name)[0]

    def end(self, name: str | None = None) -> int:
        return self._spans[0][1] if name is None else self._span(name)[1]


def _chain_starts(text: str, low: int, at: int, lead: frozenset[str], tried: set[int]) -> list[int]:
    """Return the starts of the up to five lead words ("the past three") just before *at*, leftmost first.

    The walk stops at a start in *tried*: the starts beyond it were tried
    with it, from the trigger that started there or from one before it.
    """
    starts: list[int] = []
    end = at
    while len(starts) < 5:
        cut = end
        if cut > low and text[cut - 1] == "-":
            cut -= 1
        else:
            while cut > low and end - cut < 3 and text[cut - 1] in _SEPARATORS:
                cut -= 1
            if cut == end:
                break
        begin = max(text.rfind(" ", low, cut) + 1, low)
        if not _CHAIN_TOKEN.fullmatch(text, begin, cut):
            begin = cut
            while begin > low and cut - begin < 40 and text[begin - 1] in _CHAIN_CHARS:
                begin -= 1
        while True:
            word = text[begin:cut]
            if word in lead or word == "'" or _CHAIN_NUMBER.fullmatch(word):
                break
            split = min((i for i in (word.find("-"), word.find("."), word.find(",")) if i >= 0), default=-1)
            if split < 0:
                word = ""
                break
            begin += split + 1
        if not word:
            break
        before = text[begin - 1] if begin > 0 else " "
        if before == "'" or before == "_" or before.isalnum() or begin in tried:
            break
        starts.append(begin)
        end = begin
    starts.reverse()
    return starts


def _triggers(grammar: _Grammar, text: str) -> Iterator[tuple[int, int]]:
    """Yield the start and end of every trigger in the lower-cased *text*."""
    head = grammar.trigger_head.match(text) if text[:1] in _TOKEN_CHARS else None
    begin = 0
    if head is not None:
        yield 0, head.end()
        begin = head.end()
    for found in grammar.trigger.finditer(text, begin):
        yield found.start() + 1, found.end()


# ---------------------------------------------------------------------------
# Calendar helpers
# ---------------------------------------------------------------------------

_MIN_YEAR = 1
_MAX_YEAR = 9998


def _add_months(year: int, month: int, count: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + count
    return index // 12, index % 12 + 1


def _add_days(day: dt.date, count: int) -> dt.date | None:
    try:
        return day + dt.timedelta(days=count)
    except OverflowError:
        return None


def _week_value(day: dt.date) -> str:
    iso = day.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def _easter(year: int) -> dt.date:
    """Return Western Easter Sunday of *year* (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return dt.date(year, month, day + 1)


def _holiday_date(rule: str, year: int) -> dt.date | None:
    try:
        if rule.startswith("easter"):
            return _easter(year) + dt.timedelta(days=int(rule[6:]))
        parts = rule.split("-")
        month = int(parts[0])
        if len(parts) == 2:
            return dt.date(year, month, int(parts[1]))
        weekday = int(parts[2])
        if parts[1] == "L":
            last = dt.date(*_add_months(year, month, 1), 1) - dt.timedelta(days=1)
            return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (int(parts[1]) - 1))
    except (ValueError, OverflowError):
        return None


_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_VALUE_SHAPES = re.compile(
    r"(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d))?|W(?P<w>\d\d)|Q(?P<q>[1-4])|H(?P<h>[12])|(?P<s>SP|SU|FA|WI)))?"
    r"(?:-WE|T.{1,10})?|(?P<dec>\d{3})X?|(?P<cent>\d\d)"
)


@functools.lru_cache(maxsize=4096)
def _bounds(value: str) -> tuple[dt.date | None, dt.date | None]:
    """Return the first and last calendar day a DATE/TIME value covers."""
    match = _VALUE_SHAPES.fullmatch(value)
    if match is None:
        return None, None
    try:
        if match["dec"]:
            start = int(match["dec"]) * 10
            return dt.date(max(start, 1), 1, 1), dt.date(start + 9, 12, 31)
        if match["cent"]:
            start = int(match["cent"]) * 100
            return dt.date(max(start, 1), 1, 1), dt.date(start + 99, 12, 31)
        year = int(match["y"])
        if match["d"]:
            day = dt.date(year, int(match["m"]), int(match["d"]))
            return day, day
        if match["m"]:
            month = int(match["m"])
            nxt = dt.date(*_add_months(year, month, 1), 1)
            return dt.date(year, month, 1), nxt - dt.timedelta(days=1)
        if match["w"]:
            first = dt.date.fromisocalendar(year, int(match["w"]), 1)
            if value.endswith("-WE"):
                return first + dt.timedelta(days=5), first + dt.timedelta(days=6)
            return first, first + dt.timedelta(days=6)
        if match["q"] or match["h"]:
            span = 3 if match["q"] else 6
            first_month = (int(match["q"] or match["h"]) - 1) * span + 1
            nxt = dt.date(*_add_months(year, first_month, span), 1)
            return dt.date(year, first_month, 1), nxt - dt.timedelta(days=1)
        if match["s"]:
            lo, hi = _SEASON_MONTHS[match["s"]]
            end_year, end_month = _add_months(year, hi, 1)
            return dt.date(year, lo, 1), dt.date(end_year, end_month, 1) - dt.timedelta(days=1)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except (ValueError, OverflowError):
        return None, None


# ---------------------------------------------------------------------------
# Tense of the clause around an expression
# ---------------------------------------------------------------------------

_CLAUSE_BREAK = re.compile(r"[!?;:\n]|\.(?!\d)|\s[\u2014\u2013-]{1,2}\s")
_WINDOW = 160


def _clause(text: str, start: int, end: int, bounds: tuple[int, int] | None) -> tuple[int, int]:
    lo = max(0, start - _WINDOW)
    hi = min(len(text), end + _WINDOW)
    if bounds is not None:
        lo, hi = max(lo, bounds[0]), min(hi, bounds[1])
    left = lo
    for brk in _CLAUSE_BREAK.finditer(text, lo, start):
        if brk.group() == "." and brk.start() > 0 and text[brk.start() - 1 : brk.start()].isupper():
            continue
        left = brk.end()
    following = _CLAUSE_BREAK.search(text, end, hi)
    return left, hi if following is None else following.start()


_LEAD_IN = re.compile(
    r"(?:(?P<up>\bup[\x20\t\u00a0]{1,3})?\b(?:until|till|through|(?P<by>by)|as[\x20\t\u00a0]{1,3}soon[\x20\t\u00a0]{1,3}as"
    r"|no[\x20\t\u00a0]{1,3}later[\x20\t\u00a0]{1,3}than)|\bdeadline[\x20\t\u00a0]{1,3}(?:of|on)"
    r"|(?P<due>\b(?:effective|payable|due))(?:[\x20\t\u00a0]{1,3}(?:on|by|in|from|as[\x20\t\u00a0]{1,3}of))?"
    r"|(?P<since>\bsince(?:[\x20\t\u00a0]{1,3}(?:(?:shortly|just|soon|right|long)[\x20\t\u00a0]{1,3})?(?:after|before))?)"
    r"|(?P<is>(?<![\w'])(?:is|are)(?:[\x20\t\u00a0]{1,3}(?:on|for|set[\x20\t\u00a0]{1,3}for|due[\x20\t\u00a0]{1,3}on))?))"
    r"[\x20\t\u00a0]{1,3}(?:(?:next|this|the)[\x20\t\u00a0]{1,3})?\Z"
)
_REPORTING = frozenset({"said", "told", "added", "reported", "announced", "stated", "explained", "noted", "wrote"})
_PASSIVE_AUXILIARIES = frozenset({"be", "being", "is", "are", "am", "'s", "to"})
_MODALS = frozenset({"will", "would", "must", "should", "could", "may", "might", "shall"})
_REPORTING_WEIGHT = 2.5
_HAVE = re.compile(r"[\x20\t\u00a0]{1,3}have\b")
_CLAUSE_COMMA = re.compile(r"[,\"\u201d]")
# Words after which a word in -ed is an adjective, not a verb: "a still unspecified date", "very satisfied".
_BEFORE_ADJECTIVE = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "very", "still", "so"}
    | {"too", "more", "most", "less", "least", "fully", "highly", "well", "newly", "long", "widely", "much"}
)
_NOT_PRESENT = _MODALS | {"to", "did", "didn't", "not", "never", "won't", "'ll", "can", "can't", "cannot", "couldn't"}


class _CueIndex:
    """The tense cues of a whole text, found once, and those of a window read from them.

    A scan of the window alone finds the same cues as the scan of the whole
    text wherever both try the same positions: away from the window's ends
    (no cue is longer than its margin, in characters). Only the stretch
    where they may differ, at the start when a cue of the whole text crosses
    it and within the margin of the end, is scanned again.
    """

    __slots__ = ("ends", "found", "margin", "pattern", "starts", "text")

    def __init__(self, grammar: _Grammar, lowered: str) -> None:
        pattern = grammar.tense_pattern
        cues = grammar.past_cues | grammar.future_cues | grammar.present_cues
        # A phrase's spaces may be up to three characters each; a word in -ed has up to 22.
        self.margin = max([22, *(len(cue) + 2 * cue.count(" ") for cue in cues)]) + 8
        self.pattern = pattern
        self.text = lowered
        self.found = list(pattern.finditer(lowered))
        self.starts = [cue.start() for cue in self.found]
        self.ends = [cue.end() for cue in self.found]

    def between(self, left: int, right: int) -> list[re.Match[str]]:
        """Return what ``pattern.finditer(text, left, right)`` would find."""
        starts, ends, found = self.starts, self.ends, self.found
        cut = right - self.margin
        index = bisect.bisect_left(starts, left)
        cues: list[re.Match[str]] = []
        resume = left
        if index > 0 and ends[index - 1] > left:
            # A cue of the whole text crosses the start: scan until both scans meet on one cue.
            for cue in self.pattern.finditer(self.text, left, right):
                cues.append(cue)
                at = bisect.bisect_left(starts, cue.start())
                if cue.end() <= cut and at < len(starts) and (starts[at], ends[at]) == cue.span():
                    index, resume = at + 1, cue.end()
                    break
            else:
                return cues
        last = bisect.bisect_right(ends, cut, index)
        if last > index:
            cues.extend(found[index:last])
            resume = ends[last - 1]
        # Both scans fail alike at every position before the cut that no cue covers.
        again = max(resume, min(cut, starts[last]) if last < len(starts) else cut)
        cues.extend(self.pattern.finditer(self.text, again, right))
        return cues


def _window_cues(
    grammar: _Grammar, lowered: str, left: int, right: int, index: _CueIndex | None
) -> list[re.Match[str]]:
    """Return the tense cues in ``lowered[left:right]``, from *index* if there is one."""
    if index is not None:
        return index.between(left, right)
    return list(grammar.tense_pattern.finditer(lowered, left, right))


def _tense(
    grammar: _Grammar,
    text: str,
    lowered: str,
    start: int,
    end: int,
    bounds: tuple[int, int] | None,
    index: _CueIndex | None,
) -> tuple[str | None, float]:
    """Return ``"past"``, ``"future"``, ``"present"`` or ``None`` for the clause around ``text[start:end]``.

    The second item is how far the deciding cue is (0 for a word just before the expression).

    The nearest tense cue wins: a verb in ``-ed`` or a cue word of the
    vocabulary (*will*, *said*, *meets*, ...). A participle after *be* is
    passive (*will be paid*) and gives no tense; a future cue after *had*
    (*had been due to*) is past; reporting verbs (*said*) count less than
    the verb of the reported clause; *since* just before the expression
    makes it past, *is on* or *are* present, and *until* or *by* future
    unless the clause is in the past.
    """
    left, right = _clause(text, start, end, bounds)
    lead = _LEAD_IN.search(lowered, max(left, start - 24), start)
    if lead is not None:
        if lead["since"]:
            return "since", 0.0
        if lead["is"]:
            return "present", 0.0
        if lead["due"]:
            return "future", 0.0
    deadline = lead is not None and not lead["up"]
    cues = _window_cues(grammar, lowered, left, right, index)
    # Only the first verb after the expression counts: later ones belong to other clauses.
    after: tuple[float, str] | None = None
    for cue in cues:
        if cue.end() <= start or start <= cue.start() < end:
            continue
        after = _cue_weight(grammar, text, lowered, cue, left, start, end)
        if after is not None:
            break
    # The nearest verb before it wins (the leftmost of equals); one farther than 1/0.7 times the
    # best distance so far cannot win, since no weight is below 0.7.
    before_best: tuple[float, str] | None = None
    for cue in reversed(cues):
        if cue.end() > start:
            continue
        if before_best is not None and 0.7 * (start - cue.end()) > before_best[0]:
            break
        weighed = _cue_weight(grammar, text, lowered, cue, left, start, end)
        if weighed is not None and (before_best is None or weighed[0] <= before_best[0]):
            before_best = weighed
    best = before_best
    if after is not None and (best is None or after[0] < best[0]):
        best = after
    if deadline:
        # "until" and "by" attach to the verb before them, if any: only that verb can make the clause past.
        governing = before_best or best
        if governing is not None and governing[1] in ("past", "reported"):
            return "past", governing[0]
        return "future", 0.0
    # A reporting verb dates the report, not what is reported: the caller's default applies.
    if best is None or best[1] == "reported":
        return None, 0.0
    return best[1], best[0]


def _cue_weight(
    grammar: _Grammar, text: str, lowered: str, cue: re.Match[str], left: int, start: int, end: int
) -> tuple[float, str] | None:
    """Return the distance (weighted) and the tense of a tense *cue* near ``text[start:end]``, or ``None``."""
    word = " ".join(cue.group().split())
    before = lowered[max(left, cue.start() - 28) : cue.start()].split()[-4:]
    previous = before[-1] if before else ""
    if cue["ed"] or word in grammar.past_cues:
        if previous in _PASSIVE_AUXILIARIES:
            return None
        if cue["ed"] and (previous in _BEFORE_ADJECTIVE or _proper_noun(text, cue.start())):
            return None
        tense = "past"
    elif word in grammar.future_cues:
        tense = "future"
        # "would have", "had been due to expire": a future seen from the past
        if "had" in before or (word in _MODALS and _HAVE.match(lowered, cue.end())):
            tense = "past"
    elif word in grammar.present_cues:
        if previous in _NOT_PRESENT:
            return None
        tense = "present"
    else:
        return None
    if cue.end() <= start:
        distance = float(start - cue.end())
    else:
        distance = 1.5 * (cue.start() - end)
        if _CLAUSE_COMMA.search(text, end, cue.start()):
            distance *= 2
    if tense == "future":
        distance *= 0.7
    if word in _REPORTING:
        distance *= _REPORTING_WEIGHT
        tense = "reported"
    return distance, tense


def _proper_noun(text: str, start: int) -> bool:
    """Tell whether the word at *start* is capitalised inside a sentence ("United States")."""
    return text[start : start + 1].isupper() and not _sentence_start(text, start)


# ---------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------


@attrs.define
class _Found:
    start: int
    end: int
    type: TimexType
    value: str
    mod: str | None = None
    derived: bool = False
    follow: _Found | None = None


@attrs.define
class _Context:
    grammar: _Grammar
    text: str
    anchor: dt.date | None
    options: TimexOptions
    sentences: tuple[tuple[int, int], ...] | None
    lowered: str = ""
    last: dict[str, tuple[int, str]] = attrs.field(factory=dict)
    last_day: tuple[int, str] | None = None
    cues: _CueIndex | None = None
    windows: int = 0
    starts: list[int] | None = None

    def bounds(self, start: int) -> tuple[int, int] | None:
        """Return the sentence that holds *start*, found by bisection (sentences are sorted, not overlapping)."""
        if not self.sentences:
            return None
        if self.starts is None:
            ordered = all(a[1] <= b[0] for a, b in zip(self.sentences, self.sentences[1:], strict=False))
            self.starts = [lo for lo, _ in self.sentences] if ordered else []
        if not self.starts:
            # Sentences given out of order: the first that holds *start*.
            return next(((lo, hi) for lo, hi in self.sentences if lo <= start < hi), None)
        at = bisect.bisect_right(self.starts, start) - 1
        if at >= 0:
            lo, hi = self.sentences[at]
            if lo <= start < hi:
                return lo, hi
        return None

    def tense(self, start: int, end: int, default: str | None = None) -> str:
        """Return the tense of the clause around ``text[start:end]``, or *default* when it shows none."""
        found = self.tense_cue(start, end, default)[0]
        return "past" if found == "since" else found

    def tense_cue(self, start: int, end: int, default: str | None = None) -> tuple[str, float]:
        """Return the tense (``"since"`` for a strict past) and how far its cue is."""
        if self.cues is None:
            # The cues of the whole text are found once the windows scanned add up to its length.
            self.windows += 2 * _WINDOW + end - start
            if self.windows > len(self.lowered):
                self.cues = _CueIndex(self.grammar, self.lowered)
        found, distance = _tense(self.grammar, self.text, self.lowered, start, end, self.bounds(start), self.cues)
        return found or default or self.options.default_tense, distance

    def recent(self, granularity: str, position: int, within: int = 2000) -> str | None:
        item = self.last.get(granularity)
        if item is None or position - item[0] > within:
            return None
        return item[1]


_Handler = Callable[["_Match", _Context], "_Found | None"]

_UNIT_SPAN = {"Y": ("Y", 1), "M": ("M", 1), "W": ("W", 1), "D": ("D", 1), "DE": ("Y", 10), "CE": ("Y", 100)}
_UNIT_SPAN.update({"ML": ("Y", 1000), "Q": ("Q", 1), "HA": ("M", 6), "FN": ("W", 2), "NI": ("D", 1)})
_UNIT_SPAN.update({"WE": ("WE", 1), "H": ("TH", 1), "MIN": ("TM", 1), "S": ("TS", 1)})
_FRACTION_DOWN = {"Y": ("M", 12), "D": ("TH", 24), "TH": ("TM", 60), "TM": ("TS", 60), "W": ("D", 7)}
_VAGUE = {"a few", "few", "several", "many", "a number of", "numerous", "some", "dozens of", "hundreds of"}
_VAGUE.update({"thousands of"})
_PREPOSITIONS = frozenset(
    [
        "in",
        "on",
        "at",
        "by",
        "since",
        "until",
        "till",
        "to",
        "from",
        "of",
        "for",
        "during",
        "before",
        "after",
        "through",
        "throughout",
        "between",
        "and",
        "or",
        "around",
        "about",
        "circa",
        "ca",
        "early",
        "late",
        "mid",
        "than",
        "as",
        "fiscal",
        "year",
        "summer",
        "winter",
        "spring",
        "autumn",
        "fall",
        "beginning",
        "end",
        "start",
        *_MONTH_NAMES,
    ]
)
_COUNT_WORDS = re.compile(
    r"[\x20\t\u00a0]{1,3}(?:(?:[a-z]{2,20}(?<!s)s|people|men|women|children)"
    r"|percent|per[\x20]cent|pounds?|dollars?|feet|foot|km|miles?|meters?|metres?|tons?|tonnes?|kg|mph)\b"
)
_DETERMINERS = frozenset(
    ["the", "a", "an", "its", "their", "his", "her", "our", "your", "my", "this", "that", "these", "those"]
)


def _quantity(text: str | None, grammar: _Grammar) -> float | None:
    """Return the number a quantity phrase names, or ``None`` for vague ones."""
    if text is None:
        return None
    words = " ".join(text.lower().replace("-", " ").split())
    if words in _VAGUE:
        return None
    if words in ("a", "an", "a single", "one"):
        return 1
    if words in ("a couple", "a couple of", "couple of"):
        return 2
    if words == "a dozen":
        return 12
    if words == "half a":
        return 0.5
    if words == "one and a half":
        return 1.5
    if words[:1].isdigit():
        whole, _, fraction = words.partition(" ")
        try:
            number = float(whole.replace(",", ""))
            if fraction:
                top, _, bottom = fraction.partition("/")
                number += int(top) / int(bottom)
        except (ValueError, ZeroDivisionError):
            return None
        return number
    total = 0
    current = 0
    for word in words.split():
        if word in ("a", "and"):
            current = current or (1 if word == "a" else 0)
            continue
        if word == "hundred":
            current = (current or 1) * 100
        elif word == "thousand":
            total += (current or 1) * 1000
            current = 0
        elif word in grammar.cardinals:
            current += grammar.cardinals[word]
        else:
            return None
    return float(total + current)


def _format_number(number: float) -> str:
    if number == int(number):
        return str(int(number))
    return f"{number:.2f}".rstrip("0").rstrip(".")


def _duration(number: float | None, code: str) -> str:
    unit, factor = _UNIT_SPAN[code]
    if number is None:
        return f"PTX{unit[1:]}" if unit.startswith("T") else f"PX{unit}"
    number *= factor
    if number != int(number) and unit in _FRACTION_DOWN:
        whole = int(number)
        small_unit, per = _FRACTION_DOWN[unit]
        rest = round((number - whole) * per, 2)
        parts = []
        if whole:
            parts.append(f"{whole}{unit[-1] if unit.startswith('T') else unit}")
        parts.append(f"{_format_number(rest)}{small_unit[-1] if small_unit.startswith('T') else small_unit}")
        timed = unit.startswith("T") or small_unit.startswith("T")
        if unit.startswith("T"):
            return "PT" + "".join(parts)
        if timed:
            return "P" + parts[0] + "T" + "".join(parts[1:]) if whole else "PT" + parts[-1]
        return "P" + "".join(parts)
    if unit.startswith("T"):
        return f"PT{_format_number(number)}{unit[1:]}"
    return f"P{_format_number(number)}{unit}"


@functools.lru_cache(maxsize=4096)
def _granularity(value: str) -> str | None:
    match = _VALUE_SHAPES.fullmatch(value)
    if match is None or match["dec"] or match["cent"]:
        return None
    if match["d"]:
        return "D"
    if match["m"]:
        return "M"
    if match["w"]:
        return "W"
    if match["q"]:
        return "Q"
    if match["h"] or match["s"]:
        return None
    return "Y"


def _shift(value: str, code: str, count: int) -> str | None:
    """Return *value* moved by *count* units of *code* (``Y``, ``Q``, ``M``, ``W``, ``D``)."""
    match = _VALUE_SHAPES.fullmatch(value)
    if match is None or match["dec"] or match["cent"] or "T" in value:
        return None
    try:
        year = int(match["y"])
        if match["d"]:
            day = dt.date(year, int(match["m"]), int(match["d"]))
            if code == "D":
                moved = _add_days(day, count)
            elif code == "W":
                moved = _add_days(day, 7 * count)
            else:
                months = {"Y": 12, "Q": 3, "M": 1}.get(code)
                if months is None:
                    return None
                y, m = _add_months(day.year, day.month, months * count)
                moved = dt.date(y, m, min(day.day, _month_length(y, m)))
            return None if moved is None else moved.isoformat()
        if match["m"]:
            months = {"Y": 12, "Q": 3, "M": 1}.get(code)
            if months is None:
                return None
            y, m = _add_months(year, int(match["m"]), months * count)
            return f"{y:04d}-{m:02d}"
        if match["q"]:
            quarters = {"Y": 4, "Q": 1}.get(code)
            if quarters is None:
                return None
            index = year * 4 + int(match["q"]) - 1 + quarters * count
            return f"{index // 4:04d}-Q{index % 4 + 1}"
        if match["w"]:
            if code not in ("W", "Y"):
                return None
            monday = dt.date.fromisocalendar(year, int(match["w"]), 1)
            moved = _add_days(monday, 7 * count if code == "W" else 0)
            if moved is None:
                return None
            if code == "Y":
                return _week_value(dt.date(year + count, monday.month, min(monday.day, 28)))
            return _week_value(moved)
        if match["h"] or match["s"]:
            if code != "Y":
                return None
            return f"{year + count:04d}" + value[4:]
        if code != "Y":
            return None
        return f"{year + count:04d}"
    except (ValueError, OverflowError):
        return None


def _month_length(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _anchor_value(anchor: dt.date, code: str) -> str:
    if code == "Y":
        return f"{anchor.year:04d}"
    if code == "Q":
        return f"{anchor.year:04d}-Q{(anchor.month - 1) // 3 + 1}"
    if code == "HA":
        return f"{anchor.year:04d}-H{(anchor.month - 1) // 6 + 1}"
    if code == "M":
        return f"{anchor.year:04d}-{anchor.month:02d}"
    if code == "W":
        return _week_value(anchor)
    if code == "WE":
        return _week_value(anchor) + "-WE"
    if code == "DE":
        return f"{anchor.year // 10:03d}"
    if code == "CE":
        return f"{anchor.year // 100:02d}"
    return anchor.isoformat()


_UNKNOWN = {"Y": "XXXX", "Q": "XXXX-QX", "HA": "XXXX-HX", "M": "XXXX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE"}
_UNKNOWN.update({"DE": "XXX", "CE": "XX", "D": "XXXX-XX-XX"})


def _relative(ctx: _Context, code: str, count: int, position: int) -> str:
    """Return the value *count* units of *code* away from the anchor."""
    anchor = ctx.anchor if ctx.options.resolve else None
    if anchor is None:
        return _UNKNOWN.get(code, "XXXX-XX-XX")
    if code in ("WE", "W"):
        moved = _add_days(anchor, 7 * count)
        if moved is None:
            return _UNKNOWN[code]
        return _week_value(moved) + ("-WE" if code == "WE" else "")
    if code == "D":
        day = _add_days(anchor, count)
        return day.isoformat() if day is not None else "XXXX-XX-XX"
    if code == "DE":
        return f"{anchor.year // 10 + count:03d}"
    if code == "CE":
        return f"{anchor.year // 100 + count:02d}"
    if code == "HA":
        index = anchor.year * 2 + (anchor.month - 1) // 6 + count
        return f"{index // 2:04d}-H{index % 2 + 1}"
    base = _anchor_value(anchor, code)
    shifted = _shift(base, code, count)
    return shifted if shifted is not None else _UNKNOWN.get(code, "XXXX")


_WEAK_CUE = 60


def _pick_year(ctx: _Context, month: int, day: int | None, start: int, end: int) -> int | None:
    """Choose the year of a month (and day) given without one, by the tense of its clause.

    Past tense takes the latest occurrence on or before the reference date,
    future tense the first on or after it, and no tense the nearest one; a
    tense is overruled when it would reach almost a year away while the
    other occurrence is within a month.
    """
    anchor = ctx.anchor if ctx.options.resolve else None
    if anchor is None:
        return None
    tense, distance = ctx.tense_cue(start, end, "nearest" if day else "past")
    strict = tense == "since"
    weak = distance > _WEAK_CUE
    if strict:
        tense = "past"
    elif tense == "present":
        tense = "future"
    candidates: list[tuple[int, int]] = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            first = dt.date(year, month, day or 1)
        except ValueError:
            continue
        last = first if day else dt.date(year, month, _month_length(year, month))
        if last < anchor:
            distance = (last - anchor).days
        elif first > anchor:
            distance = (first - anchor).days
        else:
            distance = 0
        candidates.append((distance, year))
    if not candidates:
        return None
    past = [c for c in candidates if c[0] <= 0]
    future = [c for c in candidates if c[0] >= 0]
    nearest = min(candidates, key=lambda c: (abs(c[0]), c[0] > 0))
    chosen: tuple[int, int] | None = None
    if tense == "past" and past:
        chosen = max(past)
    elif tense == "future" and future:
        chosen = min(future)
    if chosen is None or (
        not strict
        and ((abs(chosen[0]) > 300 and abs(nearest[0]) <= 31) or (weak and abs(chosen[0]) > 240 >= 4 * abs(nearest[0])))
    ):
        chosen = nearest
    return chosen[1]


def _weekday_date(ctx: _Context, weekday: int, deictic: str | None, start: int, end: int) -> str:
    anchor = ctx.anchor if ctx.options.resolve else None
    if anchor is None:
        return f"XXXX-WXX-{weekday}"
    diff = weekday - anchor.isoweekday()
    if deictic in ("last", "this past", "past"):
        offset = diff - 7 if diff >= 0 else diff
    elif deictic in ("next", "this coming", "coming"):
        offset = diff + 7 if diff <= 0 else diff
    elif deictic in ("the previous", "the following", "the next", "the same", "that"):
        base_value = ctx.recent("D", start)
        base = dt.date.fromisoformat(base_value) if base_value else anchor
        bdiff = weekday - base.isoweekday()
        if deictic == "the previous":
            offset = (bdiff - 7 if bdiff >= 0 else bdiff) + (base - anchor).days
        elif deictic in ("the following", "the next"):
            offset = (bdiff + 7 if bdiff <= 0 else bdiff) + (base - anchor).days
        else:
            offset = (bdiff if bdiff <= 0 else bdiff - 7) + (base - anchor).days
    else:
        tense = ctx.tense(start, end) if deictic != "this" else "this"
        if tense == "this":
            offset = diff
        elif tense == "past":
            offset = diff if diff <= 0 else diff - 7
        elif tense in ("future", "present"):
            offset = diff if diff >= 0 else diff + 7
        else:
            offset = diff if -3 <= diff <= 3 else (diff - 7 if diff > 3 else diff + 7)
    day = _add_days(anchor, offset)
    return day.isoformat() if day is not None else f"XXXX-WXX-{weekday}"


def _day_ref_value(m: _Match, ctx: _Context, start: int, end: int) -> str | None:
    """Return the date named by the ``tday``/``twd``/month-day part attached to a clock time."""
    if m["tday"]:
        return _relday_value(m["tday"].lower(), ctx)
    if m["twd"]:
        return _weekday_date(ctx, ctx.grammar.weekdays[m["twd"].lower()][0], None, start, end)
    if m["mon"] and m["day"]:
        return _month_day_value(m, ctx, start, end)
    return None


def _relday_value(word: str, ctx: _Context) -> str:
    offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[word]
    return _relative(ctx, "D", offset, 0)


def _month_number(ctx: _Context, word: str) -> tuple[int, str] | None:
    key = word.lower().rstrip(".")
    entry = ctx.grammar.months.get(key)
    if entry is None:
        return None
    if entry[1] != "full" and not word[:1].isupper():
        return None
    return entry


def _month_day_value(m: _Match, ctx: _Context, start: int, end: int, day: int = 0) -> str | None:
    entry = _month_number(ctx, _orig(ctx, m, "mon"))
    if entry is None:
        return None
    month = entry[0]
    day = day or int(m["day"] or 0)
    if not 1 <= day <= 31:
        return None
    if m["year"]:
        year: int | None = int(m["year"])
    else:
        year = _pick_year(ctx, month, day, start, end)
    if year is None:
        return f"XXXX-{month:02d}-{day:02d}" if day <= _month_length(2000, month) else None
    if day > _month_length(year, month):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _orig(ctx: _Context, m: _Match, name: str) -> str:
    """Return the original (not lower-cased) text of group *name* of *m*, or ``""``."""
    start = m.start(name)
    return "" if start < 0 else ctx.text[start : m.end(name)]


_WORD_CHUNK = re.compile(r"[\w'.]{1,30}")
_WORD_AFTER = re.compile(r"[\x20\t\u00a0]{1,3}([\w']{1,30})")
_JOINED_PREFIX = re.compile(r"(?:post|pre|mid|anti|circa)-\Z", re.IGNORECASE)
_PREVIOUS_WORD = re.compile(r"([\w'.]{1,30})[\x20\t\u00a0]{1,3}\Z")


def _words_before(text: str, start: int, count: int = 1) -> list[str]:
    """Return up to *count* words just before *start*, nearest last, lower-cased."""
    chunk = text[max(0, start - 40 * count) : start]
    return [w.lower() for w in _WORD_CHUNK.findall(chunk)[-count:]]


def _word_after(text: str, end: int) -> str:
    match = _WORD_AFTER.match(text[end : end + 40])
    return match.group(1) if match else ""


def _sentence_start(text: str, start: int) -> bool:
    chunk = text[max(0, start - 6) : start].rstrip(" \t\u00a0\"'\u201c\u2018(")
    return not chunk or chunk[-1] in ".!?\n:;"


_FUNCTION_WORDS = frozenset(
    [
        "and",
        "or",
        "but",
        "in",
        "on",
        "at",
        "for",
        "to",
        "from",
        "with",
        "by",
        "since",
        "until",
        "as",
        "than",
        "that",
        "which",
        "when",
        "while",
        "after",
        "before",
        "because",
        "so",
        "if",
        "then",
        "the",
        "a",
        "an",
        "of",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "could",
        "should",
        "may",
        "might",
        "can",
        "do",
        "does",
        "did",
        "not",
        "basis",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
    ]
)

_NOT_BEFORE_THE = frozenset({"over", "under", "within", "some"})
# Prepositions that are TimeML signals, not part of the expression: "within [a week]", "over [three years]".
_SIGNALS = frozenset({"within", "over"})
_POSSESSIVES = frozenset({"its", "their", "his", "her", "our", "my", "your"})


def _modifies_noun(ctx: _Context, end: int) -> bool:
    """Tell whether the word after *end* is a noun the expression modifies ("third-quarter [profit]")."""
    after = _word_after(ctx.text, end)
    return bool(after) and after.islower() and after.isalpha() and after not in _FUNCTION_WORDS


def _after_determiner(ctx: _Context, start: int, end: int) -> int:
    """Return where the words after a leading determiner or possessive in ``text[start:end]`` begin."""
    match = re.match(r"[A-Za-z]{1,5}[\x20\t\u00a0]{1,3}", ctx.text[start:end])
    return start + match.end() if match is not None else start


_APPROX_ONLY = frozenset(k for k, v in _APPROX.items() if v == "APPROX" and k != "some")


class _Prefix:
    """Where a match's prefix and core start, and the modifier the kept prefix gives."""

    __slots__ = ("approx", "core", "mod", "pos", "start")

    def __init__(self, m: _Match, rule: str, *, approx: str, position: bool, earlier: bool = False) -> None:
        self.core = m.start(rule)
        self.approx = " ".join((m["approx"] or "").lower().split())
        self.pos = " ".join((m["pos"] or "").lower().split())
        keep_approx = bool(self.approx) and (approx == "all" or (approx == "plain" and self.approx in _APPROX_ONLY))
        if self.approx in _SIGNALS:
            keep_approx = False
        if self.approx in _NOT_BEFORE_THE and m.string[self.core : self.core + 4].lower() in ("the ", "this", "that"):
            keep_approx = False
        keep_pos = bool(self.pos) and position and (earlier or self.pos not in ("earlier", "later"))
        if not keep_pos:
            self.pos = ""
        if keep_approx and (keep_pos or not self.pos):
            self.start = m.start()
        elif keep_pos:
            self.start = m.start("pos")
            keep_approx = False
        else:
            self.start = self.core
        if not keep_approx:
            self.approx = ""
        mod = _POSITION.get(self.pos) if self.pos else None
        if mod is None and self.approx:
            mod = _APPROX.get(self.approx)
        self.mod = mod


def _title_case(text: str, start: int, end: int) -> bool:
    """Tell whether ``text[start:end]`` reads as part of a title or name (``"This Week"``, ``"VOA Today"``)."""
    words = text[start:end].split()
    if not all(w[:1].isupper() for w in words) or _sentence_start(text, start):
        return False
    if len(words) > 1:
        return True
    previous = re.search(r"([\w']{1,30})[\x20\t\u00a0]{1,3}\Z", text[max(0, start - 32) : start])
    return previous is not None and previous.group(1)[:1].isupper()


def _year_of_two(ctx: _Context, yy: int) -> int:
    base = ctx.anchor.year if ctx.anchor is not None else 2000
    candidates = [base // 100 * 100 + yy + shift for shift in (-100, 0, 100)]
    return min(candidates, key=lambda y: (abs(y - base - 5), y))


def _time_value(date_value: str, hour: int, minute: int) -> str:
    return f"{date_value}T{hour:02d}:{minute:02d}"


def _h_iso(m: _Match, ctx: _Context) -> _Found | None:
    year, month, day = int(m["year"]), int(m["mo"]), int(m["day"])
    if day > _month_length(year, month):
        return None
    value = f"{year:04d}-{month:02d}-{day:02d}"
    if m["hh"]:
        return _Found(m.start("r_iso"), m.end(), TimexType.TIME, _time_value(value, int(m["hh"]), int(m["mm"])))
    return _Found(m.start("r_iso"), m.end(), TimexType.DATE, value)


def _h_num(m: _Match, ctx: _Context) -> _Found | None:
    a, b, y = int(m["a"]), int(m["b"]), m["y"]
    if m["sep"] == "." and len(y) != 4:
        return None
    day, month = (a, b) if a > 12 or m["sep"] == "." else (b, a)
    year = int(y) if len(y) == 4 else _year_of_two(ctx, int(y))
    if not (1 <= month <= 12 and 1 <= day <= _month_length(year, month)):
        return None
    return _Found(m.start("r_num"), m.end(), TimexType.DATE, f"{year:04d}-{month:02d}-{day:02d}")


_FULL_DATE = re.compile(r"\d{4}-\d\d-\d\d")
_TIME_GAP = re.compile(r"[\x20\t\u00a0,]{0,3}(?:(?:at|around|about|from|by|until)[\x20\t\u00a0]{1,3})?")


def _h_time(m: _Match, ctx: _Context) -> _Found | None:
    prefix = _Prefix(m, "r_time", approx="plain", position=False)
    named = (m["named"] or "").lower()
    if named == "noon" and _words_before(ctx.text, m.start("r_time"), 1) == ["high"]:
        return None
    if named:
        hour, minute = (24, 0) if named == "midnight" else (12, 0)
    else:
        hour, minute = int(m["hh"]), int(m["mm"] or 0)
        marker = (m["ampm"] or "").lower().replace(".", "").replace(" ", "")
        if marker == "pm" and hour < 12:
            hour += 12
        elif marker == "am" and hour == 12:
            hour = 0
        elif not marker and m["tpod"] and m["tpod"].lower() != "morning" and hour < 12:
            hour += 12
    day_value = _day_ref_value(m, ctx, prefix.start, m.end())
    if day_value is None and ctx.last_day is not None:
        gap_start, previous = ctx.last_day
        if prefix.start - gap_start <= 12 and _TIME_GAP.fullmatch(ctx.lowered, gap_start, prefix.start):
            day_value = previous
    if day_value is None:
        anchor = ctx.anchor if ctx.options.resolve else None
        day_value = anchor.isoformat() if anchor is not None else "XXXX-XX-XX"
    if "W" in day_value:
        day_value = "XXXX-XX-XX"
    return _Found(prefix.start, m.end(), TimexType.TIME, _time_value(day_value, hour, minute), prefix.mod)


def _weekday_ok(ctx: _Context, word: str | None) -> bool:
    if not word:
        return True
    entry = ctx.grammar.weekdays.get(word.lower().rstrip("."))
    return entry is not None and (entry[1] == "full" or word[:1].isupper())


def _with_weekday(m: _Match, ctx: _Context, value: str | None) -> str | None:
    """Move a date found without a year to the nearby year whose weekday matches the one written."""
    if value is None or not m["wd"] or m["year"] or value.startswith("X"):
        return value
    weekday = ctx.grammar.weekdays[m["wd"].lower().rstrip(".")][0]
    year, month, day = (int(part) for part in value.split("-"))
    for candidate in (year, year + 1, year - 1):
        try:
            if dt.date(candidate, month, day).isoweekday() == weekday:
                return f"{candidate:04d}-{month:02d}-{day:02d}"
        except ValueError:
            continue
    return value


_NTH = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": -1}


def _h_mdyw(m: _Match, ctx: _Context) -> _Found | None:
    if not _weekday_ok(ctx, _orig(ctx, m, "wd")):
        return None
    day = ctx.grammar.ordinals.get(" ".join((m["dayw"] or "").split()), 0)
    prefix = _Prefix(m, "r_mdyw", approx="plain", position=True)
    value = _with_weekday(m, ctx, _month_day_value(m, ctx, prefix.start, m.end(), day))
    if value is None:
        return None
    return _Found(prefix.start, m.end(), TimexType.DATE, value, prefix.mod)


def _h_weekof(m: _Match, ctx: _Context) -> _Found | None:
    start = m.start("r_weekof")
    value = _month_day_value(m, ctx, start, m.end())
    if value is None:
        return None
    if value.startswith("X"):
        return _Found(start, m.end(), TimexType.DATE, "XXXX-WXX")
    return _Found(start, m.end(), TimexType.DATE, _week_value(dt.date.fromisoformat(value)))


def _h_nthwd(m: _Match, ctx: _Context) -> _Found | None:
    entry = _month_number(ctx, _orig(ctx, m, "mon"))
    if entry is None:
        return None
    month = entry[0]
    start = m.start("r_nthwd")
    number = _NTH[(m["nth"] or "").lower()]
    weekday = ctx.grammar.weekdays[(m["wd"] or "").lower()][0]
    year = int(m["year"]) if m["year"] else _pick_year(ctx, month, None, start, m.end())
    if year is None:
        return _Found(start, m.end(), TimexType.DATE, f"XXXX-{month:02d}-XX")
    rule = f"{month:02d}-{'L' if number < 0 else number}-{weekday}"
    day = _holiday_date(rule, year)
    if day is None or day.month != month:
        return None
    return _Found(start, m.end(), TimexType.DATE, day.isoformat())


def _h_thistime(m: _Match, ctx: _Context) -> _Found | None:
    start = m.start("r_thistime")
    anchor = ctx.anchor if ctx.options.resolve else None
    if anchor is None:
        return _Found(start, m.end(), TimexType.DATE, "XXXX-XX")
    year = anchor.year + (1 if (m["tly"] or "").lower() == "next" else -1)
    return _Found(start, m.end(), TimexType.DATE, f"{year:04d}-{anchor.month:02d}")


def _h_mdy(m: _Match, ctx: _Context) -> _Found | None:
    if not _weekday_ok(ctx, _orig(ctx, m, "wd")):
        return None
    prefix = _Prefix(m, "r_mdy", approx="plain", position=True)
    value = _with_weekday(m, ctx, _month_day_value(m, ctx, prefix.start, m.end()))
    if value is None:
        return None
    found = _Found(prefix.start, m.end(), TimexType.DATE, value, prefix.mod)
    if not m["year"]:
        _range_end(ctx, found)
    return found


_RANGE_END = re.compile(
    r"(?:[\x20\t\u00a0]{1,3}(?:and|to|through|or|until|till)[\x20\t\u00a0]{1,3}|[\x20\t\u00a0]?[-\u2013][\x20\t\u00a0]?)"
    r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\w%]|[.,:/-]\d)"
)
_RANGE_YEAR = re.compile(r",?[\x20\t\u00a0]{1,3}(?P<year>\d{4})(?![\w%]|[.,:/-]\d)")


def _range_end(ctx: _Context, found: _Found) -> None:
    """Give *found* (a month and day) the second day of a range after it: "April 24 and 25", "April 24-28"."""
    match = _RANGE_END.match(ctx.lowered, found.end)
    if match is None or _COUNT_WORDS.match(ctx.lowered, match.end()):
        return
    day = int(match["day"])
    first = int(found.value[8:10])
    year = _RANGE_YEAR.match(ctx.lowered, match.end())
    end = match.end()
    if year is not None:
        found.value = year["year"] + found.value[4:]
        end = year.end()
    reference_year = int(found.value[:4]) if found.value[:4].isdigit() else 2000
    if not first < day <= _month_length(reference_year, int(found.value[5:7])):
        return
    found.follow = _Found(match.start("day"), end, TimexType.DATE, f"{found.value[:8]}{day:02d}")


def _h_dmy(m: _Match, ctx: _Context) -> _Found | None:
    if not _weekday_ok(ctx, _orig(ctx, m, "wd")):
        return None
    entry = _month_number(ctx, _orig(ctx, m, "mon"))
    if entry is None or (entry[1] == "abbr" and not m["year"] and not m["mon"].endswith(".")):
        return None
    prefix = _Prefix(m, "r_dmy", approx="plain", position=True)
    value = _with_weekday(m, ctx, _month_day_value(m, ctx, prefix.start, m.end()))
    if value is None:
        return None
    return _Found(prefix.start, m.end(), TimexType.DATE, value, prefix.mod)


def _h_my(m: _Match, ctx: _Context) -> _Found | None:
    entry = _month_number(ctx, _orig(ctx, m, "mon"))
    if entry is None:
        return None
    year = int(m["year"]) if m["year"] else _year_of_two(ctx, int(m["yy"]))
    prefix = _Prefix(m, "r_my", approx="plain", position=True)
    return _Found(prefix.start, m.end(), TimexType.DATE, f"{year:04d}-{entry[0]:02d}", prefix.mod)


_QUARTER_NUMBER = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}
_QUARTER_NUMBER.update({"fourth": 4, "4th": 4, "final": 4, "last": 4})


def _h_quarter(m: _Match, ctx: _Context) -> _Found | None:
    number = int(m["qn"]) if m["qn"] else _QUARTER_NUMBER[m["qord"].lower()]
    prefix = _Prefix(m, "r_quarter", approx="plain", position=True)
    start = prefix.start
    if m["qdet"] and m["qdet"].lower() == "a" and not m["qpre"]:
        start = m.start("qpre") if m["qpre"] else m.start("qord")
    qpre = " ".join((m["qpre"] or "").lower().split())
    if m["qpl"]:
        return _Found(start, m.end(), TimexType.SET, f"XXXX-Q{number}")
    determiner = (m["qdet"] or "").lower()
    hyphen = m["qord"] is not None and ctx.text[m.end("qord") : m.end("qord") + 1] == "-"
    if (
        determiner
        and start == m.start("qdet")
        and (determiner in _POSSESSIVES or (hyphen and _modifies_noun(ctx, m.end())))
    ):
        start = _after_determiner(ctx, start, m.end())
    year: int | None = None
    explicit = m["qyear"] or m["qyear2"]
    if explicit:
        year = int(explicit)
    elif m["qyy"]:
        year = _year_of_two(ctx, int(m["qyy"].lstrip("'")))
    anchor = ctx.anchor if ctx.options.resolve else None
    if year is None and anchor is not None:
        offset = 0
        relation = (m["qrel"] or "").lower() or next((w for w in ("last", "next", "this") if f"{w} year's" in qpre), "")
        if relation:
            offset = {"last": -1, "next": 1, "this": 0}[relation]
            year = anchor.year + offset
        elif "year-ago" in qpre or "year-earlier" in qpre:
            recent = ctx.recent("Q", start)
            year = (int(recent[:4]) if recent else anchor.year) - 1
        else:
            current = (anchor.month - 1) // 3 + 1
            year = anchor.year
            if number > current and ctx.tense(start, m.end()) == "past":
                year -= 1
    value = f"{year:04d}-Q{number}" if year is not None else f"XXXX-Q{number}"
    return _Found(start, m.end(), TimexType.DATE, value, prefix.mod)


def _h_half(m: _Match, ctx: _Context) -> _Found | None:
    number = int(m["hn"]) if m["hn"] else (1 if m["hord"].lower() in ("first", "1st") else 2)
    prefix = _Prefix(m, "r_half", approx="plain", position=False)
    year: int | None = None
    if m["hyear"]:
        year = int(m["hyear"])
    elif m["hyy"]:
        year = _year_of_two(ctx, int(m["hyy"].lstrip("'")))
    anchor = ctx.anchor if ctx.options.resolve else None
    if year is None and anchor is not None:
        relation = (m["hrel"] or "").lower()
        recent = ctx.recent("Y", prefix.start, 600)
        year = anchor.year + {"last": -1, "next": 1}.get(relation, 0)
        if relation in ("", "the") and recent is not None:
            year = int(recent[:4])
    if not m["hn"] and not m["hyear"] and not m["hrel"] and not m["hyy"]:
        words = _words_before(ctx.text, prefix.start, 1)
        if words and words[0] not in _PREPOSITIONS:
            return None
    value = f"{year:04d}-H{number}" if year is not None else f"XXXX-H{number}"
    return _Found(prefix.start, m.end(), TimexType.DATE, value, prefix.mod)


def _h_century(m: _Match, ctx: _Context) -> _Found | None:
    prefix = _Prefix(m, "r_century", approx="plain", position=True)
    deictic = " ".join((m["cdeic"] or "").lower().split())
    number: int | None = None
    if m["cn"]:
        number = int(m["cn"])
    elif m["cw"]:
        number = ctx.grammar.ordinals.get(m["cw"].lower())
        if number == -1:
            deictic, number = "last", None
    if number is not None:
        if not 1 <= number <= 30:
            return None
        return _Found(prefix.start, m.end(), TimexType.DATE, f"{number - 1:02d}", prefix.mod)
    if deictic in ("the past", "the last") and number is None:
        return _Found(prefix.start, m.end(), TimexType.DURATION, "P100Y", prefix.mod)
    offsets = {"this": 0, "last": -1, "the last": -1, "the past": -1, "the previous": -1, "next": 1, "the next": 1}
    if deictic not in offsets:
        return None
    return _Found(prefix.start, m.end(), TimexType.DATE, _relative(ctx, "CE", offsets[deictic], 0), prefix.mod)


def _h_decade(m: _Match, ctx: _Context) -> _Found | None:
    prefix = _Prefix(m, "r_decade", approx="plain", position=True)
    if m["dcy"]:
        value = f"{m['dcy']}{m['dd']}"
    else:
        if m["dword"]:
            if "the" not in ctx.text[prefix.start : m.start("dword")].lower().split():
                return None
            digit = _DECADE_WORDS[m["dword"].lower()]
        else:
            digit = int(m["dd2"])
        anchor = ctx.anchor
        century = 19
        if anchor is not None and digit * 10 <= anchor.year % 100 and anchor.year >= 2000 and m["dd2"]:
            century = anchor.year // 100
        value = f"{century}{digit}"
    return _Found(prefix.start, m.end(), TimexType.DATE, value, prefix.mod)


def _season_value(ctx: _Context, code: str, mode: str) -> str:
    """Return the season *code* occurrence chosen by *mode*: last, next, this, past, future."""
    anchor = ctx.anchor if ctx.options.resolve else None
    if anchor is None:
        return f"XXXX-{code}"
    lo, hi = _SEASON_MONTHS[code]
    index = anchor.year * 12 + anchor.month - 1

    def span(year: int) -> tuple[int, int]:
        return year * 12 + lo - 1, year * 12 + hi - 1

    years = range(anchor.year - 2, anchor.year + 2)
    containing = next((y for y in years if span(y)[0] <= index <= span(y)[1]), None)
    before = max(y for y in years if span(y)[1] < index)
    after = min(y for y in years if span(y)[0] > index)
    if mode == "last":
        year = before
    elif mode == "next":
        year = after
    elif mode in ("this", "future"):
        year = containing if containing is not None else (after if mode == "future" or after == anchor.year else before)
    else:
        year = containing if containing is not None else before
    return f"{year:04d}-{code}"


def _h_season(m: _Match, ctx: _Context) -> _Found | None:
    word = _orig(ctx, m, "season")
    code = ctx.grammar.seasons[word.lower()]
    deictic = " ".join((m["sdeic"] or "").lower().split())
    prefix = _Prefix(m, "r_season", approx="plain", position=True)
    start = prefix.start
    if deictic in ("early", "late", "mid"):
        prefix.mod = {"early": "EARLY", "late": "LATE", "mid": "MID"}[deictic]
        deictic = ""
    after = ctx.text[m.end() : m.end() + 8].lower()
    if (
        not m["year"]
        and deictic in ("", "the", "that")
        and (after.startswith((" of ", " in ", " for ")) or deictic in ("the", "that"))
        and (after.startswith((" of ", " in ", " for ")) or (word.islower() and deictic == "that"))
    ):
        return None
    if not deictic and not m["year"] and not prefix.pos:
        words = _words_before(ctx.text, m.start("r_season"), 1)
        if word.lower() == "fall" or not words or words[0] not in _PREPOSITIONS:
            return None
    if m["year"]:
        return _Found(start, m.end(), TimexType.DATE, f"{int(m['year']):04d}-{code}", prefix.mod)
    if deictic in ("every", "each"):
        return _Found(start, m.end(), TimexType.SET, f"XXXX-{code}")
    mode = {"last": "last", "this past": "last", "past": "last", "the past": "last", "the last": "last"}.get(deictic)
    if mode is None:
        mode = {"next": "next", "this coming": "next", "coming": "next", "the coming": "next"}.get(deictic)
    if mode is None:
        mode = "this" if deictic in ("this", "current", "the current") else ctx.tense(start, m.end())
        mode = "future" if mode == "present" else mode
    return _Found(start, m.end(), TimexType.DATE, _season_value(ctx, code, mode), prefix.mod)


def _h_holiday(m: _Match, ctx: _Context) -> _Found | None:
    name = _orig(ctx, m, "hol")
    if not name[:1].isupper():
        return None
    rule = ctx.grammar.holidays[" ".join(name.lower().split())]
    prefix = _Prefix(m, "r_holiday", approx="plain", position=True)
    deictic = " ".join((m["hdeic"] or "").lower().split())
    if deictic in ("every", "each"):
        return _Found(
            prefix.start, m.end(), TimexType.SET, "XXXX-" + (rule if rule[2:3] == "-" and len(rule) == 5 else "XX-XX")
        )
    if m["year"]:
        day = _holiday_date(rule, int(m["year"]))
        return None if day is None else _Found(prefix.start, m.end(), TimexType.DATE, day.isoformat(), prefix.mod)
    anchor = ctx.anchor if ctx.options.resolve else None
    if anchor is None:
        value = f"XXXX-{rule}" if len(rule) == 5 and rule[2] == "-" else "XXXX-XX-XX"
        return _Found(prefix.start, m.end(), TimexType.DATE, value, prefix.mod)
    options = [d for d in (_holiday_date(rule, anchor.year + k) for k in (-1, 0, 1)) if d is not None]
    if not options:
        return None
    mode = {"last": "past", "this past": "past", "next": "future", "this coming": "future", "this": "this"}.get(deictic)
    if mode is None:
        mode = ctx.tense(prefix.start, m.end(), "nearest")
    past = [d for d in options if d <= anchor]
    future = [d for d in options if d >= anchor]
    if mode == "this":
        chosen = next((d for d in options if d.year == anchor.year), options[0])
    elif mode == "past" and past:
        chosen = past[-1] if deictic == "" or past[-1] != anchor else (past[-2] if len(past) > 1 else past[-1])
    elif mode == "future" and future:
        chosen = future[0]
    else:
        chosen = min(options, key=lambda d: abs((d - anchor).days))
    return _Found(prefix.start, m.end(), TimexType.DATE, chosen.isoformat(), prefix.mod)


_BACKWARD = frozenset({"ago", "earlier", "before", "back"})


def _relative_value(ctx: _Context, code: str, count: int, start: int) -> str:
    """Return the value *count* units of *code* from the anchor, in the granularity of the unit."""
    if code in ("Y", "M", "W", "D", "Q", "DE", "CE"):
        if code == "DE":
            return _relative(ctx, "Y", 10 * count, start)
        if code == "CE":
            return _relative(ctx, "Y", 100 * count, start)
        return _relative(ctx, code, count, start)
    if code in ("FN", "WE"):
        return _relative(ctx, "W", (2 if code == "FN" else 1) * count, start)
    if code == "NI":
        return _relative(ctx, "D", count, start)
    if code == "HA":
        return _relative(ctx, "M", 6 * count, start)
    return _relative(ctx, "D", 0, start)


def _h_ago(m: _Match, ctx: _Context) -> _Found | None:
    direction = " ".join(m["dir"].lower().split())
    prefix = _Prefix(m, "r_ago", approx="all", position=False)
    start = prefix.start
    after = ctx.text[m.end() : m.end() + 3]
    if direction in ("before", "after") and re.match(r"[\x20\t\u00a0]{1,3}[\w$£€(\"'\u201c]", after):
        if m["vague"]:
            return None
        end = m.end("unit")
        code = ctx.grammar.units[m["unit"].lower()]
        number = _quantity(m["qty"], ctx.grammar)
        return _Found(start, end, TimexType.DURATION, _duration(number, code), prefix.mod)
    backward = direction in _BACKWARD
    unit = m["unit"].lower()
    code = ctx.grammar.units[unit]
    if m["vague"]:
        return _Found(start, m.end(), TimexType.DATE, "PAST_REF" if backward else "FUTURE_REF", prefix.mod)
    if m["qty"] and m["qty"].lower() in ("a", "an") and code == "S":
        return None
    number = _quantity(m["qty"], ctx.grammar)
    if number is None:
        return _Found(start, m.end(), TimexType.DATE, "PAST_REF" if backward else "FUTURE_REF", prefix.mod)
    count = round(number) * (-1 if backward else 1)
    if code == "Y" and number == int(number):
        recent = ctx.recent("Q", start, 3000)
        if recent is not None and ctx.anchor is not None and ctx.options.resolve:
            shifted = _shift(recent, "Y", count)
            if shifted is not None:
                return _Found(start, m.end(), TimexType.DATE, shifted, prefix.mod, derived=True)
    value = _relative_value(ctx, code, count, start)
    return _Found(start, m.end(), TimexType.DATE, value, prefix.mod, derived=True)


def _h_yearago(m: _Match, ctx: _Context) -> _Found | None:
    start = m.start("r_yearago")
    noun = " ".join((m["yanoun"] or "").lower().split())
    unit = m["yaunit"].lower()
    hyphen = ctx.text[m.end("yaunit") : m.end("yaunit") + 1] == "-"
    if not noun and start < m.start("yaunit") and hyphen and _modifies_noun(ctx, m.end()):
        start = m.start("yaunit")
    if noun.endswith("months"):
        number = _quantity(noun.rsplit(" ", 1)[0], ctx.grammar)
        return _Found(start, m.end(), TimexType.DURATION, _duration(number, "M"))
    code = {"year": "Y", "month": "M", "week": "W", "quarter": "Q"}[unit]
    words = noun.split()
    if words and words[0] in _QUARTER_NUMBER and ctx.anchor is not None and ctx.options.resolve:
        recent = ctx.recent("Y", start, 800) or str(ctx.anchor.year)
        value = f"{int(recent[:4]) - 1:04d}-Q{_QUARTER_NUMBER[words[0]]}"
        return _Found(start, m.end(), TimexType.DATE, value, derived=True)
    recent_quarter = ctx.recent("Q", start, 800) if code == "Y" else None
    if recent_quarter is not None and ctx.anchor is not None and ctx.options.resolve:
        shifted = _shift(recent_quarter, "Y", -1)
        if shifted is not None:
            return _Found(start, m.end(), TimexType.DATE, shifted, derived=True)
    return _Found(start, m.end(), TimexType.DATE, _relative(ctx, code, -1, start), derived=True)


_RATE_BEFORE = re.compile(r"(?:\d[\d.,]{0,12}\s?(?:%|percent|[a-z]{1,20})?|times|once|twice)[\x20\t\u00a0]{1,3}\Z")


def _h_dur(m: _Match, ctx: _Context) -> _Found | None:
    prefix = _Prefix(m, "r_dur", approx="all", position=False)
    start = prefix.start
    mod = prefix.mod
    if m["vqty"]:
        code = ctx.grammar.units[m["vqty"].lower()]
        plural = m["vqty"].lower().endswith("s")
        return _Found(start, m.end(), TimexType.DURATION, _duration(None if plural else 1, code), mod)
    if m["hyph"] and m["hyph"].lower() == "old":
        return None
    unit = m["unit"].lower()
    code = ctx.grammar.units[unit]
    qty = m["qty"] or ""
    lowered = " ".join(qty.lower().split())
    after = ctx.text[m.end() : m.end() + 12].lower()
    if re.match(r"[\x20\t\u00a0]{1,3}old\b", after):
        return None
    if lowered in ("a", "an", "a single") and code in ("S", "Q"):
        return None
    if code == "Q" and re.match(r"[\x20\t\u00a0]{1,3}of\b", after):
        return None
    if code in ("S", "MIN", "H") and lowered in ("several", "many", "some", "few", "a few") and not m["ddet"]:
        pass
    number = _quantity(qty, ctx.grammar)
    if m["qty2"]:
        number = None
    tail = " ".join((m["tail"] or "").lower().split())
    if tail == "and a half" and number is not None:
        number += 0.5
    elif tail == "or so":
        mod = mod or "APPROX"
    elif tail == "or more":
        mod = mod or "EQUAL_OR_MORE"
    if number is not None and number > 10000:
        return None
    if lowered in ("a", "an", "per") and not m["ddet"] and _RATE_BEFORE.search(ctx.text, max(0, start - 40), start):
        return None
    return _Found(start, m.end(), TimexType.DURATION, _duration(number, code), mod)


def _h_relday(m: _Match, ctx: _Context) -> _Found | None:
    prefix = _Prefix(m, "r_relday", approx="plain", position=True, earlier=True)
    if m["rd2"]:
        offset = -2 if m["rd2"].lower().startswith("before") else 2
        return _Found(prefix.start, m.end(), TimexType.DATE, _relative(ctx, "D", offset, 0), prefix.mod)
    word = m["rd"].lower()
    if _title_case(ctx.text, m.start("r_relday"), m.end()):
        return None
    value = _relday_value(word, ctx)
    part = (m["rpod"] or "").lower()
    if word == "tonight":
        return _Found(prefix.start, m.end(), TimexType.TIME, value + "TNI", prefix.mod)
    if part:
        return _Found(prefix.start, m.end(), TimexType.TIME, value + "T" + ctx.grammar.parts[part], prefix.mod)
    return _Found(prefix.start, m.end(), TimexType.DATE, value, prefix.mod)


def _h_weekday(m: _Match, ctx: _Context) -> _Found | None:
    weekday = ctx.grammar.weekdays[m["wd"].lower()][0]
    deictic = " ".join((m["wdeic"] or "").lower().split())
    part_word = (m["wpod"] or "").lower()
    plural_part = part_word.endswith("s") and part_word.rstrip("s") in ctx.grammar.parts
    part = ctx.grammar.parts.get(part_word.rstrip("s") if plural_part else part_word, "")
    prefix = _Prefix(m, "r_weekday", approx="plain", position=True, earlier=True)
    if deictic in ("every", "each") or m["wdpl"] or plural_part:
        value = f"XXXX-WXX-{weekday}" + (f"T{part}" if part else "")
        return _Found(prefix.start, m.end(), TimexType.SET, value)
    start = prefix.start
    if deictic in ("past", "coming") and not prefix.pos:
        pass
    value = _weekday_date(ctx, weekday, deictic or None, start, m.end())
    if part:
        return _Found(start, m.end(), TimexType.TIME, f"{value}T{part}", prefix.mod)
    return _Found(start, m.end(), TimexType.DATE, value, prefix.mod)


def _h_pod(m: _Match, ctx: _Context) -> _Found | None:
    word = m["pod"].lower()
    part = ctx.grammar.parts[word]
    deictic = " ".join((m["pdeic"] or "").lower().split())
    prefix = _Prefix(m, "r_pod", approx="plain", position=True, earlier=True)
    start = prefix.start
    if deictic.startswith(("early ", "late ", "later ", "earlier ")):
        first, _, deictic = deictic.partition(" ")
        prefix.mod = prefix.mod or {"early": "EARLY", "late": "LATE"}.get(first)
    if deictic in ("every", "each"):
        return _Found(start, m.end(), TimexType.SET, f"XXXX-XX-XXT{part}")
    day: str | None = None
    if m["pday"]:
        day = _relday_value(m["pday"].lower(), ctx)
    elif deictic in ("this", "tonight"):
        day = _relative(ctx, "D", 0, start)
    elif deictic == "last" and part in ("NI", "EV"):
        day = _relative(ctx, "D", -1, start)
    elif deictic in ("tomorrow", "yesterday"):
        day = _relday_value(deictic, ctx)
    elif deictic in ("that", "the same"):
        day = ctx.recent("D", start, 1500) or _relative(ctx, "D", 0, start)
    elif not deictic and word == "overnight":
        day = _relative(ctx, "D", -1 if ctx.tense(start, m.end()) == "past" else 0, start)
    elif deictic in ("the", "") and _words_before(ctx.text, start, 1) in _PART_PREPOSITIONS:
        # "in the morning", "by mid-afternoon": a part of the day the text is about
        if ctx.lowered[m.end() : m.end() + 4] == " of " or _modifies_noun(ctx, m.end()):
            return None
        if not deictic and not word.startswith("mid") and prefix.pos not in ("mid", "the mid"):
            return None
        day = ctx.recent("D", start, 1500) or _relative(ctx, "D", 0, start)
    if day is None:
        return None
    return _Found(start, m.end(), TimexType.TIME, f"{day}T{part}", prefix.mod)


_PART_PREPOSITIONS = (["in"], ["during"], ["by"], ["until"], ["till"], ["through"], ["throughout"], ["since"])


def _h_yearend(m: _Match, ctx: _Context) -> _Found | None:
    unit = m["ye"].lower()
    start = m.start("r_yearend")
    prefix = _Prefix(m, "r_yearend", approx="plain", position=False)
    start = prefix.start
    anchor = ctx.anchor if ctx.options.resolve else None
    if anchor is None:
        return _Found(start, m.end(), TimexType.DATE, {"year": "XXXX-12-31"}.get(unit, "XXXX-XX-XX"), "END")
    if unit == "year":
        year = anchor.year
        tense = ctx.tense_cue(start, m.end())[0]
        if (anchor.month <= 2 and tense in ("past", "since")) or (tense == "since" and anchor.month < 12):
            year -= 1
        return _Found(start, m.end(), TimexType.DATE, f"{year:04d}-12-31", prefix.mod)
    if unit == "month":
        last = _month_length(anchor.year, anchor.month)
        return _Found(start, m.end(), TimexType.DATE, f"{anchor.year:04d}-{anchor.month:02d}-{last:02d}", prefix.mod)
    quarter_end = ((anchor.month - 1) // 3 + 1) * 3
    last = _month_length(anchor.year, quarter_end)
    return _Found(start, m.end(), TimexType.DATE, f"{anchor.year:04d}-{quarter_end:02d}-{last:02d}", prefix.mod)


_BACK_WORDS = {"last", "past", "previous", "preceding", "prior", "this past", "latest", "most recent"}
_FORWARD_WORDS = {"next", "coming", "following", "this coming"}
_ANAPHORIC = {"previous", "preceding", "following", "same", "very same", "that"}


def _h_relunit(m: _Match, ctx: _Context) -> _Found | None:
    raw = " ".join(m["udeic"].lower().split())
    the = raw.startswith("the ") or raw == "the"
    deictic = raw[4:] if raw.startswith("the ") else ("" if raw == "the" else raw)
    unit = m["unit"].lower()
    code = ctx.grammar.units[unit]
    prefix = _Prefix(m, "r_relunit", approx="plain", position=True, earlier=deictic in ("this", "that", "same"))
    start, end = prefix.start, m.end()
    if _title_case(ctx.text, m.start("r_relunit"), end):
        return None
    if code in ("H", "MIN", "S"):
        if deictic in ("past", "last", "next", "coming", "previous", "following") and code != "S":
            return _Found(start, end, TimexType.DURATION, _duration(1, code), prefix.mod)
        return None
    if code in ("NI", "FN", "HA", "ML") or deictic == "new":
        return None
    if code == "D" and raw == "the" and _EARLIER_IN.search(ctx.lowered, max(0, start - 20), start):
        # "later in the day": the day the text is about
        return _Found(start, end, TimexType.DATE, ctx.recent("D", start, 1500) or _relative(ctx, "D", 0, start))
    if code in ("DE", "CE") and the and deictic in ("past", "last"):
        return _Found(start, end, TimexType.DURATION, _duration(1, code), prefix.mod)
    if deictic == "" and code in ("D", "DE", "CE"):
        return None
    if code == "D" and deictic in _BACK_WORDS | _FORWARD_WORDS and deictic not in ("previous", "following", "next"):
        return None
    if code == "D" and deictic in ("this",):
        return None
    if code == "W" and raw == "the" and _BEFORE_AFTER.match(ctx.lowered, end):
        return None
    if code == "WE":
        return _Found(start, end, TimexType.DATE, _weekend_value(ctx, deictic, start, end), prefix.mod)
    if (
        code == "Y"
        and deictic in ("", "current", "latest")
        and re.match(r"[\x20\t\u00a0]{1,3}(?:that[\x20\t\u00a0]{1,3})?end(?:ed|ing|s)\b", ctx.text[end : end + 20])
    ):
        return _Found(start, end, TimexType.DURATION, "P1Y", prefix.mod)
    anaphoric = (the and deictic in _ANAPHORIC) or deictic in ("that", "same", "very same")
    if deictic in _BACK_WORDS:
        count = -1
    elif deictic in _FORWARD_WORDS:
        count = 1
    else:
        count = 0
    if code == "Q" and deictic in ("latest", "most recent"):
        return _Found(start, end, TimexType.DATE, _relative(ctx, "Q", -1, start), prefix.mod)
    if code == "Q" and deictic == "" and ctx.anchor is not None:
        recent = ctx.recent("Q", start)
        if recent is not None:
            return _Found(start, end, TimexType.DATE, recent, prefix.mod, derived=True)
        return _Found(start, end, TimexType.DATE, _relative(ctx, "Q", -1, start), prefix.mod)
    if (anaphoric or deictic == "") and ctx.anchor is not None and ctx.options.resolve:
        granularity = {"DE": None, "CE": None}.get(code, code)
        window = 250 if granularity == "Y" else 1500
        recent = ctx.recent(granularity, start, window) if granularity else None
        if recent is not None:
            shifted = _shift(recent, code, {"previous": -1, "preceding": -1, "following": 1, "next": 1}.get(deictic, 0))
            if shifted is not None:
                return _Found(start, end, TimexType.DATE, shifted, prefix.mod, derived=True)
    value = _relative_value(ctx, code, count, start)
    if code == "DE" and deictic in ("past", "last") and the and count == -1 and ctx.anchor is not None:
        value = _relative(ctx, "DE", -1, start)
    return _Found(start, end, TimexType.DATE, value, prefix.mod)


def _weekend_value(ctx: _Context, deictic: str, start: int, end: int) -> str:
    anchor = ctx.anchor if ctx.options.resolve else None
    if anchor is None:
        return "XXXX-WXX-WE"
    weekend_now = anchor.isoweekday() >= 6
    if deictic in _BACK_WORDS:
        count = -1 if not weekend_now or deictic in ("last", "previous", "preceding") else 0
        if deictic == "last" and not weekend_now:
            count = -1
    elif deictic in _FORWARD_WORDS:
        count = 1 if weekend_now else 0
    elif deictic == "this":
        count = 0
    else:
        tense = ctx.tense(start, end)
        count = -1 if tense == "past" and not weekend_now else 0
    return _relative(ctx, "WE", count, start)


_MONTH_BACK = {"last", "this past", "past"}
_MONTH_FORWARD = {"next", "this coming", "coming"}


def _h_month(m: _Match, ctx: _Context) -> _Found | None:
    word = _orig(ctx, m, "mon")
    entry = _month_number(ctx, word)
    if entry is None:
        return None
    month, kind = entry
    deictic = " ".join((m["mdeic"] or "").lower().split())
    prefix = _Prefix(m, "r_month", approx="plain", position=True)
    start, end = prefix.start, m.end()
    if m["poss"]:
        end = m.start("poss")
    bare = not deictic and not m["myrel"] and not prefix.pos
    if bare:
        before = _words_before(ctx.text, m.start("r_month"), 1)
        after = _word_after(ctx.text, end)
        prepared = bool(before) and before[0] in _PREPOSITIONS
        if kind == "word" and (not prepared or m["poss"]):
            return None
        if not prepared and after[:1].isupper() and not _sentence_start(ctx.text, m.start("r_month")):
            return None
        if not prepared and before and before[0] in ("the", "a", "an") and not after[:1].islower():
            return None
    if deictic in ("every", "each"):
        return _Found(start, end, TimexType.SET, f"XXXX-{month:02d}")
    anchor = ctx.anchor if ctx.options.resolve else None
    if anchor is None:
        return _Found(start, end, TimexType.DATE, f"XXXX-{month:02d}", prefix.mod)
    if m["myrel"]:
        year = anchor.year + {"last": -1, "this": 0, "next": 1}[m["myrel"].lower()]
    elif deictic in _MONTH_BACK:
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif deictic in _MONTH_FORWARD:
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif deictic == "this":
        year = anchor.year
    else:
        picked = _pick_year(ctx, month, None, start, end)
        year = picked if picked is not None else anchor.year
    return _Found(start, end, TimexType.DATE, f"{year:04d}-{month:02d}", prefix.mod)


_NOT_BEFORE_YEAR = frozenset(
    [
        "no",
        "nos",
        "number",
        "page",
        "pages",
        "p",
        "pp",
        "flight",
        "route",
        "room",
        "highway",
        "interstate",
        "section",
        "article",
        "rule",
        "chapter",
        "vol",
        "volume",
        "issue",
        "grade",
        "level",
        "code",
        "box",
        "suite",
        "apt",
        "unit",
        "platform",
        "bus",
        "gate",
        "channel",
        "track",
        "exit",
        "row",
        "model",
        "version",
    ]
)


def _h_year(m: _Match, ctx: _Context) -> _Found | None:
    prefix = _Prefix(m, "r_year", approx="plain", position=True)
    start = prefix.start
    if m["fy2"]:
        return _Found(start, m.end(), TimexType.DATE, f"{_year_of_two(ctx, int(m['fy2'])):04d}", prefix.mod)
    year = int(m["year"])
    if m["fy"]:
        return _Found(start, m.end(), TimexType.DATE, f"{year:04d}", prefix.mod)
    core = m.start("r_year")
    before = _words_before(ctx.text, core, 1)
    word = before[0].rstrip(".") if before else ""
    prepared = word in _PREPOSITIONS or bool(prefix.pos)
    low, high = (1000, 2199) if prepared else (1900, 2099)
    if not low <= year <= high:
        return None
    joined = _JOINED_PREFIX.search(ctx.text[max(0, core - 6) : core])
    if word in _NOT_BEFORE_YEAR or (
        not prefix.pos and not joined and ctx.text[max(0, core - 1) : core] in ("#", "-", "–", "/")
    ):
        return None
    if not prepared and word not in _DETERMINERS and _COUNT_WORDS.match(ctx.text, m.end()):
        return None
    if not prepared and before:
        previous = _PREVIOUS_WORD.search(ctx.text[max(0, core - 40) : core])
        if (
            previous is not None
            and previous.group(1)[:1].isupper()
            and word not in ctx.grammar.months
            and word not in _PREPOSITIONS
            and not _sentence_start(ctx.text, core - len(previous.group(0)))
        ):
            return None
    return _Found(start, m.end(), TimexType.DATE, f"{year:04d}", prefix.mod)


def _h_set(m: _Match, ctx: _Context) -> _Found | None:
    start = m.start("r_set")
    text = m.group("r_set").lower()
    every_other = " other " in text
    number = _quantity(m["qty"], ctx.grammar) if m["qty"] else 1.0
    if m["unit"]:
        code = ctx.grammar.units[m["unit"].lower()]
        if code == "S" and not m["qty"]:
            return None
        if code == "WE":
            return _Found(start, m.end(), TimexType.SET, "XXXX-WXX-WE")
        if text.split()[0] in ("once", "twice", "thrice") or " times " in text:
            return _Found(start, m.end(), TimexType.SET, _duration(1, code))
        count = (number or 1) * (2 if every_other else 1)
        return _Found(start, m.end(), TimexType.SET, _duration(count, code))
    if m["wd"]:
        return _Found(start, m.end(), TimexType.SET, f"XXXX-WXX-{ctx.grammar.weekdays[m['wd'].lower()][0]}")
    if m["mon"]:
        entry = _month_number(ctx, _orig(ctx, m, "mon"))
        if entry is None:
            return None
        return _Found(start, m.end(), TimexType.SET, f"XXXX-{entry[0]:02d}")
    if m["season"]:
        return _Found(start, m.end(), TimexType.SET, f"XXXX-{ctx.grammar.seasons[m['season'].lower()]}")
    if m["pod"]:
        return _Found(start, m.end(), TimexType.SET, f"XXXX-XX-XXT{ctx.grammar.parts[m['pod'].lower()]}")
    return None


def _h_freq(m: _Match, ctx: _Context) -> _Found | None:
    word = _orig(ctx, m, "freq")
    if not word.islower():
        return None
    after = _word_after(ctx.text, m.end())
    if word == "quarterly" and after and after.islower() and after not in _FUNCTION_WORDS:
        # "quarterly results", "the quarterly dividend": a reporting period, not a recurrence.
        return None
    return _Found(m.start("r_freq"), m.end(), TimexType.SET, ctx.grammar.frequencies[word])


def _h_ref(m: _Match, ctx: _Context) -> _Found | None:
    if not ctx.options.references:
        return None
    phrase = " ".join(m["ref"].lower().split())
    value = ctx.grammar.references[phrase]
    start = m.start("r_ref")
    after = ctx.text[m.end() : m.end() + 5].lower()
    if phrase.startswith("the ") and after.startswith((" of ", " tense")):
        return None
    if phrase == "soon" and (
        ctx.lowered[m.end() : m.end() + 4] in (" as ", " aft")
        or _words_before(ctx.text, start, 1) in (["as"], ["too"], ["how"])
    ):
        return None
    if phrase == "current" and (
        _word_after(ctx.text, m.end()).lower() in _CURRENT_NOT_TIME or _orig(ctx, m, "ref")[:1].isupper()
    ):
        return None
    if phrase in ("the present", "the past", "the future"):
        following = _word_after(ctx.text, m.end())
        if following.islower() and following not in _FUNCTION_WORDS:
            return None
    return _Found(start, m.end(), TimexType.DATE, value)


_CURRENT_NOT_TIME = frozenset({"account", "accounts", "", "flows", "flow", "of", "and", "or", "is", "was"})
_PLURAL_BARE = frozenset({"Y", "M", "W", "D", "DE", "CE"})


def _h_plural(m: _Match, ctx: _Context) -> _Found | None:
    unit = m["unit"].lower()
    code = ctx.grammar.units[unit]
    lead = " ".join((m["ppre"] or "").lower().split())
    start = m.start("r_plural")
    if lead == "in recent":
        start = m.start("ppre") + ctx.text[m.start("ppre") : m.end("ppre")].lower().index("recent")
        lead = "recent"
    if not lead and code not in _PLURAL_BARE:
        return None
    if lead == "the" and code not in ("Y", "DE", "CE"):
        return None
    before = ctx.text[max(0, start - 20) : start]
    if not lead and _NUMBER_BEFORE.search(before.lower()):
        return None
    if re.match(r"[\x20\t\u00a0]{1,3}old\b", ctx.text[m.end() : m.end() + 8].lower()):
        return None
    if lead == "future":
        return _Found(start, m.end(), TimexType.DATE, "FUTURE_REF")
    return _Found(start, m.end(), TimexType.DURATION, _duration(None, code))


_NUMBER_BEFORE = re.compile(
    r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred"
    r"|few|several|many|couple|of))[\x20\t\u00a0-]{0,3}\Z"
)


def _h_period(m: _Match, ctx: _Context) -> _Found | None:
    start = m.start("r_period")
    recent = ctx.recent("Q", start, 1500)
    ordinal = (m["perord"] or "").lower()
    if m["peryear"]:
        if ordinal:
            return _Found(start, m.end(), TimexType.DATE, f"{m['peryear']}-Q{_QUARTER_NUMBER[ordinal]}")
        if recent is not None:
            return _Found(start, m.end(), TimexType.DATE, f"{m['peryear']}{recent[4:]}", derived=True)
        return _Found(start, m.end(), TimexType.DATE, m["peryear"], derived=True)
    if (m["perdeic"] or "").lower() in ("latest", "current"):
        if ctx.anchor is None or not ctx.options.resolve:
            return _Found(start, m.end(), TimexType.DATE, "XXXX-QX", derived=True)
        return _Found(start, m.end(), TimexType.DATE, recent or _relative(ctx, "Q", -1, start), derived=True)
    if recent is None:
        return None
    return _Found(start, m.end(), TimexType.DATE, recent, derived=True)


_SPOKEN = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip


def _h_spoken(m: _Match, ctx: _Context) -> _Found | None:
    start = m.start("r_spoken")
    if m["sp1"]:
        low = _SPOKEN[m["sp2"].lower()] + (_SPOKEN[m["sp3"].lower()] if m["sp3"] else 0)
        if m["sp3"] and _SPOKEN[m["sp2"].lower()] < 20:
            return None
        year = _SPOKEN[m["sp1"].lower()] * 100 + low
        entry = _month_number(ctx, _orig(ctx, m, "mon")) if m["mon"] else None
        if entry is not None:
            return _Found(start, m.end(), TimexType.DATE, f"{year:04d}-{entry[0]:02d}")
        before = _words_before(ctx.text, start, 1)
        if not (before and before[0] in _PREPOSITIONS) and not _sentence_start(ctx.text, start):
            following = _word_after(ctx.text, m.end())
            if following.islower() and following not in _FUNCTION_WORDS:
                return None
    else:
        year = 2000 + (_SPOKEN[m["sp4"].lower()] if m["sp4"] else 0)
    return _Found(start, m.end(), TimexType.DATE, f"{year:04d}")


_HANDLERS: dict[str, _Handler] = {
    "r_iso": _h_iso,
    "r_num": _h_num,
    "r_time": _h_time,
    "r_mdy": _h_mdy,
    "r_mdyw": _h_mdyw,
    "r_weekof": _h_weekof,
    "r_nthwd": _h_nthwd,
    "r_thistime": _h_thistime,
    "r_dmy": _h_dmy,
    "r_my": _h_my,
    "r_quarter": _h_quarter,
    "r_period": _h_period,
    "r_spoken": _h_spoken,
    "r_half": _h_half,
    "r_century": _h_century,
    "r_decade": _h_decade,
    "r_season": _h_season,
    "r_holiday": _h_holiday,
    "r_ago": _h_ago,
    "r_yearago": _h_yearago,
    "r_dur": _h_dur,
    "r_relday": _h_relday,
    "r_weekday": _h_weekday,
    "r_pod": _h_pod,
    "r_yearend": _h_yearend,
    "r_relunit": _h_relunit,
    "r_month": _h_month,
    "r_year": _h_year,
    "r_set": _h_set,
    "r_freq": _h_freq,
    "r_ref": _h_ref,
    "r_plural": _h_plural,
}


_EARLIER_IN = re.compile(r"\b(?:earlier|later)[\x20\t\u00a0]{1,3}in[\x20\t\u00a0]{1,3}\Z")
_BEFORE_AFTER = re.compile(r"[\x20\t\u00a0]{1,3}(?:before|after)\b")
_DAY_BEFORE_AFTER = re.compile(
    r"(?<![\w'])the[\x20\t\u00a0]{1,3}(?P<unit>day|week)[\x20\t\u00a0]{1,3}(?P<dir>before|after)[\x20\t\u00a0]{1,3}\Z"
)


def _day_before_after(ctx: _Context, found: _Found, position: int) -> None:
    """Take "the day before" or "the week after" into *found* (a calendar day) and move its value."""
    before = ctx.lowered[max(position, found.start - 10) : found.start]
    if "before" not in before and "after" not in before:
        return
    if found.type is not TimexType.DATE or _granularity(found.value) != "D" or "X" in found.value:
        return
    match = _DAY_BEFORE_AFTER.search(ctx.lowered, max(position, found.start - 30), found.start)
    if match is None:
        return
    day = dt.date.fromisoformat(found.value)
    step = 1 if match["unit"] == "day" else 7
    moved = _add_days(day, step if match["dir"] == "after" else -step)
    if moved is None:
        return
    found.start = match.start()
    found.value = moved.isoformat() if step == 1 else _week_value(moved)
    found.mod = None


_YEAR_DIGITS = re.compile(r"\d{4}|'\d\d")
_YEAR_BACK = re.compile(
    r"[\x20\t\u00a0]{1,3}(?:last[\x20\t\u00a0]{1,3}year|a[\x20\t\u00a0]{1,3}year[\x20\t\u00a0]{1,3}(?:ago|earlier)"
    r"|the[\x20\t\u00a0]{1,3}(?:previous|prior)[\x20\t\u00a0]{1,3}year)\b"
)


def _year_back(ctx: _Context, found: _Found) -> None:
    """Take "last year" or "a year ago" after a quarter ("the same period last year") into it, a year back."""
    if found.type is not TimexType.DATE or _granularity(found.value) != "Q" or found.follow is not None:
        return
    if _YEAR_DIGITS.search(ctx.lowered, found.start, found.end):
        return
    match = _YEAR_BACK.match(ctx.lowered, found.end)
    moved = _shift(found.value, "Y", -1) if match is not None else None
    if match is None or moved is None:
        return
    found.end = match.end()
    found.value = moved


_APPOSITION = re.compile(r",[\x20\t\u00a0]{1,3}")


def _apposition(ctx: _Context, weekday: _Found, date: _Found) -> bool:
    """Tell whether *date* is a calendar date set off after the weekday *weekday* names ("this Sunday, March 8")."""
    if ctx.lowered[weekday.end : weekday.end + 1] != "," or weekday.type is not TimexType.DATE:
        return False
    if date.type is not TimexType.DATE:
        return False
    if not _APPOSITION.fullmatch(ctx.lowered, weekday.end, date.start) or _granularity(date.value) != "D":
        return False
    word = ctx.lowered[weekday.start : weekday.end].rsplit(None, 1)[-1]
    entry = ctx.grammar.weekdays.get(word.rstrip("."))
    if entry is None or "X" in date.value:
        return False
    return dt.date.fromisoformat(date.value).isoweekday() == entry[0]


def _remember(ctx: _Context, found: _Found) -> None:
    if found.type in (TimexType.DATE, TimexType.TIME) and _FULL_DATE.match(found.value):
        ctx.last_day = (found.end, found.value[:10])
    if found.derived or found.type is not TimexType.DATE or "X" in found.value:
        return
    granularity = _granularity(found.value)
    if granularity is None:
        return
    value = found.value
    if granularity == "Q" and ctx.anchor is not None:
        latest = _bounds(value)[1]
        if latest is None or latest >= ctx.anchor:
            return
    ctx.last[granularity] = (found.start, value)
    if granularity in ("D", "M", "Q", "W"):
        ctx.last["Y"] = (found.start, value[:4])
    if granularity == "D":
        ctx.last["M"] = (found.start, value[:7])


def _scan(ctx: _Context) -> list[_Found]:
    text = ctx.lowered
    grammar = ctx.grammar
    results: list[_Found] = []
    position = 0
    # The starts tried in vain since the last expression found: trying one again gives nothing
    # (a match that ended before one trigger ends before the next; the handlers only read).
    tried: set[int] = set()
    for trigger_start, trigger_end in _triggers(grammar, text):
        if trigger_end <= position:
            continue
        at = trigger_start
        if at > 0 and text[at - 1] == "'":
            at -= 1
        if at > position and text[at - 1] in _CHAIN_SEPARATORS:
            starts = _chain_starts(text, max(position, at - 100), at, grammar.lead, tried)
            starts.append(at)
        else:
            starts = [at]
        for start in starts:
            if start < position or start in tried:
                continue
            tried.add(start)
            for compiled in _rules_at(grammar, text, start):
                match = compiled.pattern.match(text, start)
                if match is not None:
                    break
            else:
                continue
            if match.end() <= trigger_start:
                continue
            # The group of the rule encloses all the others, so it is the last to close.
            handler = compiled.handlers.get(match.lastindex or 0)
            found = None if handler is None else handler(_Match(match, compiled.names), ctx)
            if found is None or found.end <= found.start or found.start < position:
                continue
            _day_before_after(ctx, found, position)
            _year_back(ctx, found)
            if results and _apposition(ctx, results[-1], found):
                results[-1].end = found.end
                results[-1].value = found.value
                found = attrs.evolve(results.pop(), follow=found.follow)
            for item in (found, found.follow):
                if item is None:
                    continue
                results.append(item)
                _remember(ctx, item)
                position = item.end
            tried.clear()
            break
    return results


def extract_timexes(
    source: Article | str,
    /,
    *,
    reference: dt.date | None = None,
    options: TimexOptions | None = None,
    sentences: tuple[Sentence, ...] | None = None,
) -> tuple[TimeExpr, ...]:
    """Return the time expressions of *source*, sorted by offset and not overlapping.

    For an :class:`~newscorpus.types.Article` the offsets are into
    ``article.text`` and relative expressions resolve against
    ``article.date`` unless *reference* is given. *sentences* (for instance
    from a pipeline that already split the text) bound the clause whose
    tense decides between the last and the next Thursday; without them a
    local window bounded by sentence punctuation is used.

    >>> import datetime
    >>> found = extract_timexes("He left three days ago.", reference=datetime.date(2022, 3, 1))
    >>> [(t.text, t.type.value, t.value, t.earliest) for t in found]
    [('three days ago', 'DATE', '2022-02-26', datetime.date(2022, 2, 26))]

    The wall clock is never read: without a reference date, relative
    expressions keep ``X`` where the date would go.

    .. versionadded:: 0.1.0
    """
    opts = _DEFAULT_OPTIONS if options is None else options
    if not isinstance(opts, TimexOptions):
        raise OptionsError(f"options must be TimexOptions, got {type(opts).__name__}")
    if isinstance(source, Article):
        text = source.text
        anchor = reference if reference is not None else source.date
    elif isinstance(source, str):
        text = source
        anchor = reference
    else:
        raise OptionsError(f"source must be an Article or a str, got {type(source).__name__}")
    if anchor is not None and not isinstance(anchor, dt.date):
        raise OptionsError(f"reference must be a datetime.date, got {type(anchor).__name__}")
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    grammar = _grammar(opts.vocabulary or TimexVocabulary.default())
    bounds = tuple((s.start, s.end) for s in sentences) if sentences else None
    ctx = _Context(grammar=grammar, text=text, anchor=anchor, options=opts, sentences=bounds, lowered=_lower(text))
    used = anchor if opts.resolve else None
    out = []
    for found in _scan(ctx):
        if found.type not in opts.include_types:
            continue
        if not opts.references and found.value.endswith("_REF"):
            continue
        earliest, latest = (None, None)
        if found.type in (TimexType.DATE, TimexType.TIME):
            earliest, latest = _bounds(found.value)
        out.append(
            TimeExpr(
                start=found.start,
                end=found.end,
                text=text[found.start : found.end],
                type=found.type,
                value=found.value,
                earliest=earliest,
                latest=latest,
                reference=used,
                mod=found.mod,
            )
        )
    return tuple(out)
