"""The grammar: the rules built from the vocabulary, and the first tokens each rule may start with.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from newscorpus.extract._timex_vocab import TimexVocabulary
from newscorpus.extract.timex.vocabulary import (
    _APPROX,
    _DECADE_WORDS,
    _DEICTIC_WORDS,
    _DURATION_DETERMINERS,
    _NTH,
    _POSITION,
    _QUANTITY_WORDS,
    _QUARTER_WORDS,
    _UNIT_ADJECTIVES,
    _UNIT_MODIFIERS,
    _ZONES,
    _alt,
    _lowered,
    _spaced,
)

if TYPE_CHECKING:
    from newscorpus.extract.timex.matching import _Compiled

__all__: list[str] = []


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
    weak: frozenset[str] = frozenset()
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
    zone = rf"(?: (?:\((?P<zone>{_spaced(_ZONES)})\)|(?P<zone>{_spaced(_ZONES)})\b))"
    day_ref = rf"(?:(?P<tday>yesterday|today|tomorrow|tonight)\b|(?P<twd>{wd_full})\b|{month} {day}(?:,? {year})?)"

    approx = _spaced(_alt(_APPROX))
    position = _spaced(_alt(w for w in _POSITION if w != "mid"))
    # "mid-May", "late-November": a position joined by a hyphen, as TimeML keeps it in the expression.
    pre = (
        rf"(?P<pre>(?:(?P<approx>{approx}) )?"
        rf"(?:(?P<pos>{position}) |(?P<pos>(?:the )?mid)(?:-| )|(?P<pos>early|late)-(?=[a-z0-9]))?)"
    )

    rules: list[tuple[str, str]] = [
        # "1998-99", "2014-2016": two years, which TimeML marks apart.
        (
            "yrange",
            r"(?<![\d$£€.,/-])(?P<yr1>1[5-9]\d\d|20\d\d)(?P<yrsep>[-\u2013/])(?P<yr2>\d\d(?:\d\d)?)(?![\d%/-]|[.,]\d)",
        ),
        # The attacks of 11 September 2001, named by their date.
        ("named", r"(?<![\d/.-])9/11(?![\d/%]|[.,-]\d)"),
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
            rf"|(?<![\d.:,$£€])(?P<hh>[01]\d|2[0-3])(?P<mm>[0-5]\d)(?= \(?(?:{_ZONES})\b)"
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
            r"|(?:the )?(?P<hord>first|last) two quarters (?:of (?:fiscal )?(?P<hyear>\d{4})(?!\d)"
            r"|of (?P<hrel>the|this|last|next) (?:fiscal )?year\b)"
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
            "dayrel",
            r"the (?P<dru>day|night|morning|evening|afternoon|week|month|year) (?P<drd>before|after)"
            r"(?=[\x20\t\u00a0]{0,3}(?:[,.;:!?)\"'\u201d\u2019]|\Z)|[\x20\t\u00a0]{1,3}(?:and|or|but|when|as|while)\b)",
        ),
        (
            "dom",
            r"the (?P<domn>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))\b(?=[\x20\t\u00a0]{0,3}(?:[,.;:!?)\"'\u201d]|\Z"
            r"|(?:and|or|but|when|at|as|after|before|until|while|with|to|in)\b))",
        ),
        (
            "dayof",
            rf"the (?P<dofn>{ordinal_word}|\d{{1,2}}(?:st|nd|rd|th)) (?:(?:straight|consecutive|successive) )?day"
            r"(?= of\b)",
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
            r"the following|the next|the previous|"
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
    # "on Tuesdays": a weekday in the plural is a set of days
    trigger_words |= {w + "s" for w, _, k in vocabulary.weekdays if k == "full"}
    trigger_words |= {name.split()[-1] for name in holidays} | {phrase.split()[-1] for phrase in references}
    trigger_words |= set(frequencies) | set(_DECADE_WORDS) | _EXTRA_TRIGGERS
    trigger_words -= _NOT_TRIGGERS
    # The scan only tries positions just after a character that cannot be part of a word, which
    # the regular expression engine finds quickly; a trigger at the very start is checked apart.
    # A bare number of one to three digits ("5 people", "300 jobs") is a trigger only when a letter
    # or a time word follows it; otherwise a time word after it ("5 March", "3 weeks") is the
    # trigger, and the walk back over the lead words reaches the number.
    words = _alt(trigger_words)
    # Units that are no triggers of their own ("min", "sec") still make a number one: "1 min read".
    follow_words = _alt(trigger_words | set(units) | _NOT_TRIGGERS)
    follow = (
        rf"[a-z'-]|[\x20\t\u00a0][-\u2013]|[\x20\t\u00a0]{{1,3}}(?:(?:{follow_words})\b|[ap]\.?\x20?m\b"
        rf"|in the (?:morning|afternoon|evening|night)\b)"
    )
    number = (
        rf"(?:\d{{4}}[-\u2013/]\d\d(?:\d\d)?(?=[^\d-])|\d{{4}}-\d\d-\d\d|\d{{1,4}}(?:[.:/]\d{{1,4}}){{1,2}}|\d{{4}}|(?<=')\d\d|\d{{1,3}}(?={follow}))"
        rf"(?!\d|,\d{{3}}|-\d|%|[mk]\b|\x20?(?:{_MONEY})\b)"
    )
    word = rf"(?:[QH][1-4]\b|FY|(?:{words})\b)"
    # "(?=\d)" lets the engine leave the number branches at once before a letter.
    trigger = re.compile(_lowered(rf"[^\w](?:(?=\d)(?<![.,$£€¥]){number}|{word})"))
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
        weak=frozenset(w for w, _, k in vocabulary.months if k == "word"),
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


_GROUP_NAME = re.compile(r"\(\?P<(\w+)>")


def _unique_groups(source: str) -> str:
    """Give the second and later groups of one name a ``__N`` suffix, as the standard ``re`` module requires."""
    seen: dict[str, int] = {}

    def rename(match: re.Match[str]) -> str:
        name = match.group(1)
        seen[name] = seen.get(name, 0) + 1
        return match.group() if seen[name] == 1 else f"(?P<{name}__{seen[name]}>"

    return _GROUP_NAME.sub(rename, source)
