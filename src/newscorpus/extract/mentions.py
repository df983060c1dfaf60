"""Mentions: the people, organisations, places and groups an article names.

:func:`extract_mentions` finds names without a statistical model, from the
shape of the text and a few lexicons:

>>> text = "Foreign Minister Sergey Lavrov spoke in Minsk. Lavrov said officials agreed."
>>> for m in extract_mentions(text):
...     print(m.text, m.kind.name, m.name, sep=" | ")
Foreign Minister Sergey Lavrov | PERSON | Sergey Lavrov
Minsk | PLACE | Minsk
Lavrov | PERSON | Sergey Lavrov
officials | GROUP | officials

How it works:

* one regular expression finds runs of capitalised words, with the particles
  that sit inside names (``van``, ``de``, ``bin``, ``al-``), initials and dotted
  abbreviations (``Sen.``, ``U.S.``); a second one finds the common nouns of
  groups and unnamed speakers (``officials``, ``troops``, ``the ministry``),
  in the same pass as the quote extractor's cue words, which reuses it;
* each run is cut and classified once per distinct run text, and the
  gazetteer is asked once per distinct span (both cached), so that the work
  per article is mostly dictionary look-ups;
* a run is cut where a sentence ends, at ``and``, at a possessive that does
  not belong to an organisation's name, and at month and weekday names;
  function words that open a sentence (``The``, ``But``) are dropped, and so
  are lines written in title case (headlines) and datelines (``KYIV, Ukraine —``,
  the place of filing, which the event extractor reads itself);
* titles and roles (``President``, ``Sen.``, ``Foreign Minister``) make the
  words after them a person's name; organisation heads (``Ministry``,
  ``Party``, ``Times``) make the run an organisation; acronyms are
  organisations; seats of government (``the Kremlin``) are organisations too;
  a name after ``in``, ``at`` or ``near`` is a place;
* country and sector come from the gazetteer where the text states them
  (``Russian troops`` RUS/MIL, ``Ukraine's Defence Ministry`` UKR/GOV,
  ``the Kremlin`` RUS/GOV); a capital followed by a speech verb (``Kyiv
  said``) stands for its government; a demonym or country before a group noun
  joins it (``Ukrainian officials``);
* within the article, a surname or title and surname resolves to the full name
  met earlier (``Putin`` and ``President Putin`` to ``Vladimir Putin``),
  spellings that differ only by doubled letters unify (``Zelensky`` and
  ``Zelenskyy``), and a singular description (``the ministry``) resolves to
  the nearest earlier named mention whose name contains its head noun.

The lexicons are data files under ``newscorpus/data/mentions/``.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import bisect
import functools
import gc
import operator
import re
from collections.abc import Sequence

import attrs
import regex

from newscorpus import _gazetteer
from newscorpus._dates import _MONTH_NAMES
from newscorpus.errors import OptionsError
from newscorpus.extract._lexicon import alternation, read_rows
from newscorpus.extract._word_scan import scan_words
from newscorpus.types import Article, EntityKind, Mention, Sentence, _slot_setters

__all__ = ["MentionOptions", "extract_mentions"]


@attrs.frozen(kw_only=True)
class MentionOptions:
    """How :func:`extract_mentions` finds and resolves mentions.

    * ``groups``: also return common nouns naming groups and unnamed people or
      organisations (``officials``, ``the ministry``, ``a spokesman``);
    * ``resolve``: fill :attr:`Mention.name <newscorpus.types.Mention.name>`
      with the full name met earlier in the article; when false, ``name`` is the
      name as written (without its title);
    * ``kinds``: the kinds of mention to return (all by default).

    >>> options = MentionOptions(groups=False)
    >>> [m.text for m in extract_mentions("Officials met Angela Merkel.", options=options)]
    ['Angela Merkel']

    .. versionadded:: 0.2.0
    """

    groups: bool = True
    resolve: bool = True
    kinds: frozenset[EntityKind] = attrs.field(
        default=frozenset(EntityKind), converter=frozenset, validator=lambda i, a, v: _check_kinds(v)
    )


def _check_kinds(value: frozenset[EntityKind]) -> None:
    if not value:
        raise OptionsError("kinds must name at least one EntityKind")
    for item in value:
        if not isinstance(item, EntityKind):
            raise OptionsError(f"kinds takes EntityKind members, got {item!r}")


_DEFAULT_OPTIONS = MentionOptions()


_new = object.__new__
_MENTION_SLOTS = _slot_setters(Mention, ("start", "end", "text", "kind", "name", "country", "sector"))


def _mention(
    start: int,
    end: int,
    text: str,
    kind: EntityKind,
    name: str,
    country: str | None = None,
    sector: str | None = None,
) -> Mention:
    """Return a mention whose *text* is the article's ``text[start:end]``, as taken by the caller.

    Articles name mentions by the hundred: the slots are filled directly,
    without the checks of ``Mention.__init__``, which hold by construction.
    """
    mention = _new(Mention)
    set_start, set_end, set_text, set_kind, set_name, set_country, set_sector = _MENTION_SLOTS
    set_start(mention, start)
    set_end(mention, end)
    set_text(mention, text)
    set_kind(mention, kind)
    set_name(mention, name)
    set_country(mention, country)
    set_sector(mention, sector)
    return mention


_BLANK = "[ \t\u00a0]"
_TOKEN = (
    r"(?:\p{Lu}\.){1,4}(?!\p{L})"
    r"|(?:Mc|Mac|O['’]|D['’])?\p{Lu}[\p{L}\p{M}\d]{0,30}(?:[-'’](?:\p{L}[\p{L}\p{M}]{1,30}|\p{Lu}))?"
    r"(?:-\p{L}[\p{L}\p{M}]{0,30}){0,2}\.?"
)
_PARTICLES: tuple[str, ...] = (
    "al",
    "el",
    "bin",
    "ibn",
    "van",
    "von",
    "de",
    "da",
    "di",
    "du",
    "del",
    "della",
    "der",
    "den",
    "la",
    "le",
)
_PARTICLES += ("dos", "das", "ter", "ten", "y", "van der", "van den", "de la", "von der", "of", "of the", "for", "and")
_SEP = rf"(?:{_BLANK}{{1,2}}(?:(?:{alternation(_PARTICLES)}){_BLANK}{{1,2}})?|{_BLANK}?(?:al|el)-|['’]s{_BLANK}{{1,2}})"
# Every token starts with a capital: the look-ahead lets the engine reject other positions at once.
_RUN_SOURCE = rf"(?=\p{{Lu}})(?<![\p{{L}}\p{{M}}\d@#])(?:{_TOKEN})(?:{_SEP}(?:{_TOKEN})){{0,8}}"
_SPLIT_TOKENS = regex.compile(_TOKEN)
_TITLE_CASE_WORD = re.compile(r"(?<![\w'’])([^\W\d_])[\w'’-]{0,40}")
# A dateline opening a paragraph ("KYIV, Ukraine —", "MOSCOW (Reuters) -"): place-of-filing metadata, not text.
_DATELINE = regex.compile(
    r"(?m)^[ \t]{0,4}\p{Lu}[\p{Lu} .'’-]{1,30}(?:,[ \t]{1,2}\p{Lu}[\p{L} .'’-]{1,30})?"
    r"(?:[ \t]{0,2}\([^()\n]{1,30}\))?[ \t]{1,2}[—–-]{1,2}(?=[ \t])"
)
_DETERMINER = re.compile(
    r"(?<![\w'’-])(?:the|a|an|this|that|these|those|its|his|her|their|our|some|many|several|other|two|three|four)"
    rf"{_BLANK}{{1,2}}\Z",
    re.IGNORECASE,
)
_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "across", "outside", "inside", "throughout", "towards", "toward"})
# The last letters of those prepositions, in either case: the word before a name can be one only if it ends so.
_PREPOSITION_ENDINGS = frozenset(p[-1] for p in _PLACE_PREPOSITIONS) | frozenset(
    p[-1].upper() for p in _PLACE_PREPOSITIONS
)
# ... or a blank, after which the word before is further back
_MAY_END_PREPOSITION = _PREPOSITION_ENDINGS | frozenset(c for c in map(chr, range(0x3001)) if c.isspace())
_GENDERED_PRONOUNS = {"he": "m", "she": "f"}


def _after_preposition(text: str, start: int) -> bool:
    """Tell whether the last word of the 12 characters before *start* is a place preposition (``in Kyiv``)."""
    low = max(0, start - 12)
    end = start
    while end > low and text[end - 1].isspace():
        end -= 1
    if end == low or text[end - 1] not in _PREPOSITION_ENDINGS:
        return False  # the last word ends with a character none of them ends with
    before = text[low:end].split()
    return before[-1].lower() in _PLACE_PREPOSITIONS


@attrs.frozen
class _Lexicon:
    titles: dict[str, tuple[str, str]]
    modifiers: frozenset[str]
    heads: dict[str, str]
    groups: dict[str, tuple[EntityKind, str, str, str]]
    stop: frozenset[str]
    calendar: frozenset[str]
    names: regex.Pattern[str]
    group_words: frozenset[str]


def _fold(word: str) -> str:
    return word.lower()


@functools.lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    titles = {row[0]: (row[1], row[2]) for row in read_rows("mentions/titles.tsv")}
    modifiers = frozenset(row[0] for row in read_rows("mentions/modifiers.tsv"))
    heads = {row[0]: row[1] for row in read_rows("mentions/org_heads.tsv")}
    rows = read_rows("mentions/groups.tsv")
    groups = {row[0]: (EntityKind[row[1]], row[2], row[3], row[4]) for row in rows if len(row) >= 5}
    stop = frozenset(row[0] for row in read_rows("clean/stopwords/en.txt"))
    weekdays = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    calendar = frozenset((*_MONTH_NAMES, *weekdays, *(m[:3] for m in _MONTH_NAMES), "sept", "today", "yesterday"))
    names = regex.compile(_RUN_SOURCE)
    return _Lexicon(titles, modifiers, heads, groups, stop, calendar, names, frozenset(groups))


_NOT_ALNUM = re.compile(r"[\W_]+")
_REPEATED = re.compile(r"(.)\1+", re.DOTALL)


def _group_words() -> frozenset[str]:
    """The group nouns, the same set on every call (the key of the shared word scan)."""
    return _lexicon().group_words


@functools.lru_cache(maxsize=16384)
def _key(name: str) -> str:
    """Fold a name for comparison: case, punctuation and doubled letters ignored."""
    return _REPEATED.sub(r"\1", _NOT_ALNUM.sub("", name.lower().replace("iy", "y")))


def _headline_lines(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of lines written in title case without final punctuation, and of datelines."""
    found = []
    position = 0
    for line in text.split("\n"):
        end = position + len(line)
        lead = line[:6].lstrip(" \t")
        if len(lead) > 1 and lead[0].isupper() and (lead[1].isupper() or lead[1] in " .'’-"):
            dateline = _DATELINE.match(text, position, end)
            if dateline is not None:
                found.append(dateline.span())
        stripped = line.rstrip()
        if 0 < len(stripped) <= 300 and stripped[-1] not in ".!?:;,”\"'’)":
            words = _TITLE_CASE_WORD.findall(stripped)
            if len(words) >= 3 and sum(1 for w in words if w.isupper()) >= 0.75 * len(words):
                found.append((position, end))
        position = end + 1
    return found


class _Piece:
    __slots__ = ("country", "end", "kind", "name", "name_start", "sector", "start", "title_gender")

    def __init__(self, start: int, end: int, kind: EntityKind, name: str) -> None:
        self.start = start
        self.end = end
        self.kind = kind
        self.name = name
        self.country: str | None = None
        self.sector: str | None = None
        self.title_gender = "-"
        self.name_start = start


def _title_of(lex: _Lexicon, words: list[str], index: int) -> bool:
    word = words[index]
    return word in lex.titles or (word.lower() in lex.titles and word.lower() == word)


def _classify(
    lex: _Lexicon, text: str, tokens: list[tuple[int, int, str]], initial: bool, sentence_start: bool
) -> _Piece | None:
    """Turn the tokens of one piece of a capitalised run into a mention."""
    while tokens and (
        tokens[0][2].lower() in lex.stop
        or tokens[0][2].lower().rstrip(".") in lex.calendar
        or (initial and sentence_start and len(tokens) == 1 and tokens[0][2].lower().endswith(("ly", "ing")))
    ):
        if tokens[0][2] in lex.titles:
            break
        tokens = tokens[1:]
        initial = False
    while tokens and (tokens[-1][2].lower() in lex.stop or tokens[-1][2].lower().rstrip(".") in lex.calendar):
        tokens = tokens[:-1]
    if not tokens:
        return None
    words = [w for _, _, w in tokens]
    start, end = tokens[0][0], tokens[-1][1]
    span_text = text[start:end]
    for index in range(len(words) - 1, -1, -1):
        if words[index] in lex.heads or words[index].rstrip(".") in lex.heads:
            piece = _Piece(start, end, EntityKind.ORGANIZATION, span_text)
            piece.sector = lex.heads.get(words[index]) or lex.heads.get(words[index].rstrip("."))
            if piece.sector == "-":
                piece.sector = None
            return piece
    last_title = -1
    for index, word in enumerate(words):
        if word in lex.titles:
            last_title = index
    if 0 <= last_title < len(words) - 1:
        name_tokens = tokens[last_title + 1 :]
        piece = _Piece(start, end, EntityKind.PERSON, text[name_tokens[0][0] : name_tokens[-1][1]])
        piece.name_start = name_tokens[0][0]
        gender, sector = lex.titles[words[last_title]]
        piece.title_gender = gender
        piece.sector = None if sector == "-" else sector
        return piece
    if last_title == len(words) - 1:
        return None  # a bare title ("President") is a description, not a name
    if len(words) == 1:
        word = words[0]
        if initial and sentence_start and word.lower() in lex.stop:
            return None
        if len(word) >= 2 and word.isupper() and word.isalpha() and len(word) <= 6:
            return _Piece(start, end, EntityKind.ORGANIZATION, word)
        return _Piece(start, end, EntityKind.OTHER, word.rstrip("."))
    return _Piece(start, end, EntityKind.PERSON, span_text)


_Located = tuple[EntityKind, "str | None", "str | None", "tuple[str, str] | None"]
_Cut = tuple[int, int, EntityKind, str, "str | None", int, tuple[int, str, str, bool], _Located]


# The cuts of runs with no sentence start inside, and of runs opening a sentence with no other
# sentence start inside, by run text: plain dictionaries, each emptied when full.
_plain_cuts: dict[str, tuple[_Cut, ...]] = {}
_initial_cuts: dict[str, tuple[_Cut, ...]] = {}
_AT_START = (0,)
_PLAIN_CUTS_MAX = 65536


@functools.lru_cache(maxsize=65536)
def _cut_run(run: str, starts: tuple[int, ...]) -> tuple[_Cut, ...]:
    """Cut one capitalised run into named pieces, once per run text.

    *starts* are the offsets inside the run where a sentence starts. Each piece
    is (start, end, kind, name, sector, where the name starts after a title,
    the keys of the name, what the gazetteer says of the piece), offsets
    relative to the run.
    """
    if run.isalpha():
        # The usual case, one plain word: no need to cut it.
        found = _single_word(run, 0 in starts)
        if found is None:
            return ()
        kind, name, sector, _ = found
        return ((0, len(run), kind, name, sector, 0, _name_keys(name), _located(run, kind, 0, sector)),)
    return tuple(
        (
            start,
            end,
            kind,
            name,
            sector,
            name_start - start,
            _name_keys(name),
            _located(run[start:end], kind, name_start - start, sector),
        )
        for start, end, kind, name, sector, name_start in _cut_pieces(run, starts)
    )


def _cut_pieces(run: str, starts: tuple[int, ...]) -> list[tuple[int, int, EntityKind, str, str | None, int]]:
    """Cut a run of several words into pieces: (start, end, kind, name, sector, name start)."""
    lex = _lexicon()
    out: list[_Piece] = []
    current: list[tuple[int, int, str]] = []
    sentence_start = 0 in starts

    def flush() -> None:
        nonlocal current, sentence_start
        if current:
            piece = _classify(lex, run, current, current[0][0] == 0 or current[0][0] in starts, sentence_start)
            if piece is not None:
                out.append(piece)
        current = []
        sentence_start = False

    previous_end = -1
    for match in _SPLIT_TOKENS.finditer(run):
        start, end, word = match.start(), match.end(), match.group()
        gap = run[previous_end:start] if previous_end >= 0 else ""
        if previous_end >= 0 and (gap.strip() in {"and"} or "\n" in gap):
            flush()
        elif previous_end >= 0 and gap[:1] in "'’" and current:
            after = _SPLIT_TOKENS.findall(run, start)
            if not any(w in lex.heads for w in after):
                flush()
        elif gap.strip() in {"of", "of the", "for"} and not any(
            w in lex.heads or w in lex.titles for _, _, w in current
        ):
            flush()
        if word.endswith(".") and len(word) > 2 and word not in lex.titles and "." not in word[:-1]:
            current.append((start, end - 1, word[:-1]))
            flush()
            sentence_start = True
            previous_end = end
            continue
        if word.lower().rstrip(".") in lex.calendar:
            flush()
            previous_end = end
            continue
        current.append((start, end, word))
        previous_end = end
    flush()
    return [(p.start, p.end, p.kind, p.name, p.sector, p.name_start) for p in out]


@functools.lru_cache(maxsize=65536)
def _single_word(word: str, sentence_start: bool) -> tuple[EntityKind, str, str | None, str] | None:
    """Classify a one-word name run once per word: (kind, name, sector, gender), or None."""
    lex = _lexicon()
    if word.lower() in lex.calendar:
        return None
    piece = _classify(lex, word, [(0, len(word), word)], True, sentence_start)
    if piece is None:
        return None
    return piece.kind, piece.name, piece.sector, piece.title_gender


def _sentence_starts(text: str, sentences: Sequence[Sentence]) -> set[int]:
    starts = set()
    for sentence in sentences:
        position = sentence.start
        while position < sentence.end and text[position] in "\"'“‘«„([-—–• \t":
            position += 1
        starts.add(position)
    return starts


@functools.lru_cache(maxsize=65536)
def _name_keys(name: str) -> tuple[int, str, str, bool]:
    """Return (number of words, key of the last word, key of the whole name, any word in capitals)."""
    parts = name.split()
    if not parts:
        return 0, "", "", False
    return len(parts), _key(parts[-1]), _key(name), any(map(str.isupper, parts))


_SPEECH_AFTER = re.compile(
    r"[ \t\u00a0]{1,2}(?:has |have |had |also |again |later )?(?:said|says|say|announced|claimed|warned|insisted|"
    r"denied|accused|told|responded|rejected|stated|declared|demanded|urged|called|condemned|threatened|confirmed)\b"
)


@functools.lru_cache(maxsize=65536)
def _place_of(name: str) -> tuple[EntityKind, str | None, str | None] | None:
    """Return (kind, country, sector) when the gazetteer knows *name* as a whole."""
    entry = _gazetteer._country_entry(name)
    if entry is not None:
        code, kind = entry
        if kind == "igo":
            return EntityKind.ORGANIZATION, code, "IGO"
        return (EntityKind.OTHER if kind == "demonym" else EntityKind.PLACE), code, None
    seat = _gazetteer.metonym(name)
    place = _gazetteer.place(name)
    if seat is not None and (place is None or place.kind != "capital"):
        return EntityKind.ORGANIZATION, seat[0], seat[1]
    if place is None or (place.kind == "city" and place.population < 50_000):
        return None
    return EntityKind.PLACE, place.country, None


_code = functools.lru_cache(maxsize=65536)(_gazetteer.code)
_metonym = functools.lru_cache(maxsize=65536)(_gazetteer.metonym)


@functools.lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """Every word of a title or of a word joining a title ("Foreign", "Minister", "Deputy")."""
    lex = _lexicon()
    return frozenset(w for entry in (*lex.titles, *lex.modifiers) for w in entry.split())


def _located(
    span: str, kind: EntityKind, name_start: int, sector: str | None
) -> tuple[EntityKind, str | None, str | None, tuple[str, str] | None]:
    """Return the kind, country and sector the gazetteer gives a mention.

    *name_start* is where the name starts inside *span* (after a title). The
    last item is the government a capital stands for when a speech verb
    follows it (``Kyiv said``), for the caller to check.
    """
    if kind is EntityKind.OTHER or kind is EntityKind.PLACE:
        found = _located_place(span)
        return (kind, None, sector, None) if found is None else found
    if kind is EntityKind.PERSON:
        return _located_person(span, name_start, sector)
    if kind is EntityKind.ORGANIZATION:
        return _located_organisation(span, sector)
    return kind, None, sector, None


@functools.lru_cache(maxsize=65536)
def _located_place(span: str) -> tuple[EntityKind, str | None, str | None, tuple[str, str] | None] | None:
    found = _place_of(span)
    if found is None:
        return None
    seat = _metonym(span) if found[0] is EntityKind.PLACE else None
    return found[0], found[1], found[2], seat


@functools.lru_cache(maxsize=65536)
def _located_person(
    span: str, name_start: int, sector: str | None
) -> tuple[EntityKind, str | None, str | None, tuple[str, str] | None]:
    if name_start == 0 and " " in span:
        found = _place_of(span)  # "New York", "South Korea": two capitalised words naming a place
        if found is not None:
            return found[0], found[1], found[2], None
    elif name_start > 0:
        prefix = span[:name_start]
        if not all(w in _title_words() for w in prefix.split()):
            country, code_sector = _code(prefix)
            return EntityKind.PERSON, country, code_sector or sector, None
    return EntityKind.PERSON, None, sector, None


@functools.lru_cache(maxsize=65536)
def _located_organisation(
    span: str, sector: str | None
) -> tuple[EntityKind, str | None, str | None, tuple[str, str] | None]:
    country, code_sector = _code(span) if " " in span else (_place_of(span) or (None, None, None))[1:]
    return EntityKind.ORGANIZATION, country, sector or code_sector, None


class _Describer:
    """Find the named mention an unnamed singular description refers to (200 mentions back at most)."""

    def __init__(self, pieces: list[Mention]) -> None:
        self.pieces = pieces
        self.lowered: list[str] | None = None
        self.holders: dict[str, list[int]] = {}

    def __call__(self, noun: str, start: int) -> Mention | None:
        head = noun.lower()
        holders = self.holders.get(head)
        if holders is None:
            if self.lowered is None:
                self.lowered = [p.name.lower() for p in self.pieces]
            group = EntityKind.GROUP
            holders = [i for i, name in enumerate(self.lowered) if head in name and self.pieces[i].kind is not group]
            self.holders[head] = holders
        if not holders:
            return None
        # the pieces before *start*: those whose start is before it
        index = bisect.bisect_left(self.pieces, start, key=lambda p: p.start) - 1
        at = bisect.bisect_right(holders, index) - 1
        if at >= 0 and index - holders[at] < 200:
            return self.pieces[holders[at]]
        return None


def extract_mentions(
    article: Article | str,
    *,
    sentences: Sequence[Sentence] | None = None,
    options: MentionOptions | None = None,
) -> tuple[Mention, ...]:
    """Return the people, organisations, places and groups *article* names, by offset.

    >>> [(m.text, m.kind.name, m.country, m.sector) for m in extract_mentions("The Kremlin said Russian troops left.")]
    [('Kremlin', 'ORGANIZATION', 'RUS', 'GOV'), ('Russian troops', 'GROUP', 'RUS', 'MIL')]

    *sentences* are the article's sentences when already computed (as the
    pipeline does); otherwise they are found with
    :func:`newscorpus.text.sentences`.

    .. versionadded:: 0.2.0
    """
    options = options or _DEFAULT_OPTIONS
    text = article.text if isinstance(article, Article) else article
    paused = _pause_collector(text)
    try:
        if sentences is None:
            from newscorpus.text import sentences as split

            sentences = split(text)
        return _mentions_of(text, sentences, options)
    finally:
        _resume_collector(paused)


# Texts from this length on are read with the collector paused; a shorter one makes too few records
# to set off a full collection, and the pass over the youngest objects would cost more than it saves.
_PAUSE_FROM = 50_000


def _pause_collector(text: object) -> bool:
    """Pause the cyclic garbage collector while the records of a long *text* are made; tell whether it was paused.

    The records of an extractor hold no reference cycles, so a collection while
    they are made frees nothing; but each full collection walks every object
    alive, and a long text whose records keep triggering them would take time
    growing faster than its size. The pause is skipped when the collector is
    already off (a caller's own pause, or an extractor running inside another).
    """
    if isinstance(text, str) and len(text) >= _PAUSE_FROM and gc.isenabled():
        gc.disable()
        return True
    return False


def _resume_collector(paused: bool) -> None:
    """Undo :func:`_pause_collector`: the objects made meanwhile are looked at once, as the youngest."""
    if paused:
        gc.enable()
        gc.collect(0)


def _mentions_of(text: str, sentences: Sequence[Sentence], options: MentionOptions) -> tuple[Mention, ...]:
    """The body of :func:`extract_mentions`, with the sentences found."""
    lex = _lexicon()
    starts = _sentence_starts(text, sentences)
    headlines = _headline_lines(text)
    headlines.sort()
    line, line_count = 0, len(headlines)
    pieces: list[Mention] = []
    sorted_starts = sorted(starts)
    resolve = options.resolve
    full: dict[str, str] = {}
    by_key: dict[str, str] = {}
    person, other, place = EntityKind.PERSON, EntityKind.OTHER, EntityKind.PLACE
    sorted_starts.append(len(text) + 1)  # a sentinel: the walk below never runs past the end
    inside: set[str] = set()  # the texts of the pieces that do not open a sentence
    openers: list[int] = []  # the pieces of unknown kind that open one
    at = 0
    new = _new
    set_start, set_end, set_text, set_kind, set_name, set_country, set_sector = _MENTION_SLOTS
    for run in lex.names.finditer(text):
        run_start, run_end = run.span()
        if line < line_count:
            # Runs come in order: pass the headlines ending before this one, then see if it is in the next.
            while line < line_count and headlines[line][1] <= run_start:
                line += 1
            if line < line_count and headlines[line][0] <= run_start:
                continue
        while sorted_starts[at] < run_start:
            at += 1
        inner: tuple[int, ...] = ()
        cache: dict[str, tuple[_Cut, ...]] | None = _plain_cuts
        if sorted_starts[at] < run_end:
            if sorted_starts[at] == run_start and sorted_starts[at + 1] >= run_end:
                inner, cache = _AT_START, _initial_cuts  # the usual case: the run opens a sentence
                at += 1
            else:
                found: list[int] = []
                while sorted_starts[at] < run_end:
                    found.append(sorted_starts[at] - run_start)
                    at += 1
                inner, cache = tuple(found), None
        word = run.group()
        cuts = None if cache is None else cache.get(word)
        if cuts is None:
            cuts = _cut_run(word, inner)
            if cache is not None:
                if len(cache) >= _PLAIN_CUTS_MAX:
                    cache.clear()
                cache[word] = cuts
        for start, end, kind, name, sector, name_start, keys, located in cuts:
            start += run_start
            end += run_start
            span = text[start:end]
            changed = False
            if (
                kind is other
                and (start < 2 or text[start - 1] != " " or text[start - 2] in _MAY_END_PREPOSITION)
                and _after_preposition(text, start)
            ):
                kind = place
                changed = True
            if resolve and (kind is person or kind is other):
                # within the article, a surname resolves to the full name met earlier
                count, last, whole, capitals = keys
                if count >= 2 and kind is person and not capitals:
                    full.setdefault(last, name)
                    name = by_key.setdefault(whole, name)
                elif count == 1:
                    known = full.get(last)
                    if known is not None:
                        name = known
                        kind = person
                        changed = True
            kind, country, sector, seat = _located(span, kind, name_start, sector) if changed else located
            if seat is not None and _SPEECH_AFTER.match(text, end):
                kind = EntityKind.ORGANIZATION  # "Kyiv said": the capital stands for the government
                country, sector = seat
            if start not in starts:
                inside.add(span)
            elif kind is other:
                openers.append(len(pieces))
            mention = new(Mention)
            set_start(mention, start)
            set_end(mention, end)
            set_text(mention, span)
            set_kind(mention, kind)
            set_name(mention, name)
            set_country(mention, country)
            set_sector(mention, sector)
            pieces.append(mention)
    # A word of unknown kind opening a sentence is a name only if the article also writes it inside one.
    dropped = {index for index in openers if pieces[index].name not in inside}
    if dropped:
        pieces = [p for index, p in enumerate(pieces) if index not in dropped]
    merged: set[int] = set()
    mentions: list[Mention] = []
    in_order = False
    if options.groups:
        piece_starts = list(map(_START, pieces))
        piece_ends = list(map(_END, pieces))
        by_end = dict(zip(piece_ends, pieces, strict=True))
        describe = _Describer(pieces)
        named_ends = sorted(by_end)
        in_order = piece_starts == sorted(set(piece_starts))
        if in_order:
            # Pieces come by run, each after the one before: their starts and ends are sorted already.
            named_starts, named_stops = piece_starts, piece_ends
        else:
            named = sorted(zip(piece_starts, piece_ends, strict=True))
            named_starts = [start for start, _ in named]
            named_stops = [end for _, end in named]
        for noun_start, noun_end, noun in scan_words(text, lex.group_words)[0]:
            determiner = (
                _DETERMINER.search(text, max(0, noun_start - 10), noun_start)
                if noun_start and text[noun_start - 1] in " \t\u00a0"
                else None  # a determiner is followed by a blank
            )
            begin = determiner.start() if determiner else noun_start
            at = bisect.bisect_right(named_starts, noun_start) - 1
            if at >= 0 and named_stops[at] > noun_start:
                continue
            entry = lex.groups.get(noun) or (None if noun[0].isupper() else lex.groups.get(noun.lower()))
            if entry is None:
                continue
            kind, sector, number, _ = entry
            after = bisect.bisect_left(named_starts, noun_end)
            if after < len(named_starts) and named_starts[after] - noun_end <= 1 and number == "s":
                continue  # "spokesperson Dmitry Peskov": the name is the mention
            name = text[begin:noun_end]
            start = begin
            country = None
            sector_code = None if sector == "-" else sector
            if options.resolve and number == "s" and determiner is not None:
                antecedent = describe(noun, begin)
                if antecedent is not None:
                    name, country = antecedent.name, antecedent.country
                    sector_code = antecedent.sector or sector_code
            at_end = bisect.bisect_left(named_ends, noun_start - 1)
            if determiner is None and at_end < len(named_ends) and named_ends[at_end] == noun_start - 1:
                modifier = by_end[named_ends[at_end]]
                if modifier.kind in (EntityKind.OTHER, EntityKind.PLACE, EntityKind.ORGANIZATION) and modifier.country:
                    start = modifier.start  # "Russian troops", "Ukrainian officials"
                    name = text[start:noun_end]
                    country = modifier.country
                    sector_code = sector_code or modifier.sector
                    merged.add(id(modifier))
            mentions.append(_mention(start, noun_end, text[start:noun_end], kind, name, country, sector_code))
    groups_found = len(mentions)
    if merged:
        mentions.extend(p for p in pieces if id(p) not in merged)
    else:
        mentions.extend(pieces)
    if groups_found or not in_order:
        mentions.sort(key=_by_offset)
    if len(options.kinds) == len(EntityKind):
        return tuple(mentions)
    return tuple(m for m in mentions if m.kind in options.kinds)


_by_offset = operator.attrgetter("start", "end")
_START = operator.attrgetter("start")
_END = operator.attrgetter("end")


def _gender(lex: _Lexicon, mention: Mention) -> str:
    """Return ``m``, ``f`` or ``-`` for a mention, from its title where it has one."""
    words = mention.text.split()
    for word in words:
        if word in lex.titles and lex.titles[word][0] != "-":
            return lex.titles[word][0]
    entry = lex.groups.get(mention.text.split()[-1].lower()) if words else None
    return entry[3] if entry else "-"


def _antecedent(
    mentions: Sequence[Mention],
    pronoun: str,
    position: int,
    *,
    subjects: Sequence[int] | None = None,
    starts: Sequence[int] | None = None,
) -> Mention | None:
    """Return the named mention a pronoun at *position* most likely refers to.

    The nearest earlier person (for ``he`` and ``she``, whose title does not
    say the other gender), group or organisation (for ``they``). With
    *subjects* (sorted sentence starts), only mentions opening a sentence count;
    *starts* are the mentions' starts when the caller has them.
    """
    lex = _lexicon()
    word = pronoun.lower()
    want = _GENDERED_PRONOUNS.get(word)
    if want is None and word != "they":
        return None  # "it", "we", "I": no named mention is looked for
    index = bisect.bisect_left(starts if starts is not None else [m.start for m in mentions], position) - 1
    steps = 0
    while index >= 0 and steps < 60:
        mention = mentions[index]
        index -= 1
        steps += 1
        if subjects is not None:
            at = bisect.bisect_right(subjects, mention.start) - 1
            if at < 0 or mention.start - subjects[at] > 2:
                continue
        if want is not None:
            if mention.kind is not EntityKind.PERSON or mention.name == mention.text.lower():
                continue
            gender = _gender(lex, mention)
            if gender not in ("-", want):
                continue
            return mention
        if word == "they" and mention.kind in (EntityKind.GROUP, EntityKind.ORGANIZATION):
            return mention
    return None
