"""The arguments of an event: actor and recipient phrases, modality, location, date and casualties.

Everything here works on the tokens of one sentence, and only where a
trigger fired. No parser: noun phrases are the runs of words next to the
trigger that no boundary word, punctuation mark or time expression cuts.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from newscorpus import _gazetteer as gaz
from newscorpus.extract._lexicon import read_rows
from newscorpus.extract.mentions import _mention
from newscorpus.types import DatePrecision, EntityKind, EventDate, Mention, Span, TimeExpr, TimexType

__all__ = [
    "Cues",
    "Token",
    "casualties",
    "cues",
    "date_of",
    "dateline_place",
    "location_of",
    "make_mention",
    "object_phrase",
    "split_compound",
    "subject_phrase",
    "token_tables",
    "tokens",
]

# A word keeps inner full stops ("U.S.") and a final one only after such ("U.S."), not "Kyiv.".
# The runs are possessive: nothing after them may start inside them, so giving back characters never helps.
_TOKEN = re.compile(r"\w[\w'’&/-]{0,60}+(?:(?:\.\w[\w'’&-]{0,20}+){1,6}+\.?)?+|[^\w\s]")
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")  # the same tokens, kept by re.split between the gaps
_DETERMINERS = frozenset({"the", "a", "an"})
_PARTICIPLE_ENDINGS = ("ed", "en", "wn")
_IRREGULAR_PARTICIPLES = frozenset({"shot", "hit", "struck", "held", "fought", "put", "cut", "sent", "seen", "met"})
_BE = frozenset({"was", "were", "been", "being", "is", "are", "be", "get", "got", "gets"})
OWNERS = frozenset({"its", "their", "his", "her", "our"})
_ASPECT_VERBS = frozenset(
    {
        "began",
        "begun",
        "begin",
        "begins",
        "started",
        "start",
        "starts",
        "continued",
        "continue",
        "continues",
        "kept",
        "keep",
        "stopped",
        "resumed",
        "resume",
        "finished",
    }
)
_PEOPLE = frozenset(
    {
        "people",
        "others",
        "group",
        "groups",
        "members",
        "man",
        "men",
        "woman",
        "crowd",
        "crowds",
        "activists",
        "supporters",
        "fans",
        "gunman",
        "gunmen",
        "attackers",
        "driver",
        "elders",
        "youths",
        "hackers",
        "sides",
        "countries",
        "nations",
        "states",
        "personnel",
        "staff",
        "agents",
        "boy",
        "girl",
        "victims",
        "mob",
        "inspectors",
        "observers",
        "delegation",
        "team",
    }
)
_QUANTIFIERS = frozenset({"up to", "more than", "at least", "as many", "less than", "fewer than", "some of"})
_CODING_KINDS = frozenset({"country", "demonym", "igo", "metonym", "capital", "region"})


class Token(NamedTuple):
    """A token of a sentence: offsets into the article's text, the text and its lower case."""

    start: int
    end: int
    text: str
    lower: str


class Cues(NamedTuple):
    negation: frozenset[str]
    hypothetical: frozenset[str]
    reported: frozenset[str]
    auxiliary: frozenset[str]
    boundary: frozenset[str]
    pronoun: frozenset[str]
    particle: frozenset[str]
    location: frozenset[str]
    killed: frozenset[str]
    injured: frozenset[str]
    numbers: dict[str, int]
    intent: frozenset[str]
    threat: frozenset[str]
    facility: frozenset[str]
    nominal: frozenset[str]
    determiner: frozenset[str]
    clock: frozenset[str]
    quantity: frozenset[str]
    after_participle: frozenset[str]


@functools.cache
def cues() -> Cues:
    """Return the cue words of ``events/cues.tsv`` by kind, and the number words of the time-expression data."""
    kinds: dict[str, set[str]] = {}
    for row in read_rows("events/cues.tsv"):
        kinds.setdefault(row[0], set()).add(row[1])
    numbers = {row[0]: int(row[1]) for row in read_rows("timex/numbers.tsv") if row[2] == "cardinal"}

    def get(kind: str) -> frozenset[str]:
        return frozenset(kinds.get(kind, ()))

    return Cues(
        negation=get("negation"),
        hypothetical=get("hypothetical"),
        reported=get("reported"),
        auxiliary=get("auxiliary"),
        boundary=get("boundary"),
        pronoun=get("pronoun"),
        particle=get("object-particle"),
        location=get("location"),
        killed=get("killed"),
        injured=get("injured"),
        numbers=numbers,
        intent=get("intent"),
        threat=get("threat"),
        facility=get("facility"),
        nominal=get("nominal"),
        determiner=get("determiner"),
        clock=get("clock"),
        quantity=get("quantity"),
        after_participle=get("after-participle"),
    )


def tokens(text: str, start: int, end: int) -> list[Token]:
    """Return the tokens of ``text[start:end]``; a final full stop is split off a word unless it abbreviates.

    >>> [t.text for t in tokens("The U.S. left Kyiv.", 0, 19)]
    ['The', 'U.S.', 'left', 'Kyiv', '.']
    """
    return token_table(text, start, end)[0]


def token_table(text: str, start: int, end: int) -> tuple[list[Token], list[int], list[str]]:
    """Return the tokens of ``text[start:end]`` (as :func:`tokens`), their start offsets and their lower cases."""
    lowered = text[start:end].lower()
    if len(lowered) != end - start:  # a character that lower-cases to several: lower each word
        each = [Token(m.start(), m.end(), m.group(), m.group().lower()) for m in _TOKEN.finditer(text, start, end)]
        return each, [t.start for t in each], [t.lower for t in each]
    # One split of the lower-cased text gives the gaps and the words in turn, together the whole text, so each
    # word's offset is the running sum of the lengths before it; tuple.__new__ builds the named tuples without a
    # call to their Python-level constructor.
    parts = _TOKEN_SPLIT.split(lowered)
    words = parts[1::2]
    make = tuple.__new__
    out: list[Token] = []
    starts: list[int] = []
    add_token = out.append
    add_start = starts.append
    position = start
    for gap, word in zip(parts[:-1:2], words, strict=True):  # the gap before each word
        at = position + len(gap)
        position = at + len(word)
        add_start(at)
        add_token(make(Token, (at, position, text[at:position], word)))
    return out, starts, words


# The most characters one shared table of tokens spans (see token_tables): enough for the windows of a run of
# events close together, small enough that few tokens are alive at once.
_SHARED_SPAN = 4096


def token_tables(text: str, windows: Sequence[tuple[int, int]]) -> Iterator[tuple[list[Token], list[int], list[str]]]:
    """Yield :func:`token_table` of each ``(start, end)`` of *windows* (in order of their starts), splitting the
    text once where windows overlap.

    Overlapping windows (the words around triggers close together) share one split of the stretch they cover
    together, each taking the slice of its tokens, so the work is linear in the characters covered, not in the
    sum of the windows. A window is sliced only where the shared split gives exactly its own tokens: its ends
    fall between tokens (at a blank or an end of the stretch), and lower-casing the stretch keeps its length
    and reads no context (a capital sigma lower-cases by its neighbours). Any other window is split alone.

    >>> text = "Troops shelled the town, police arrested 12."
    >>> [[t.text for t in table[0]] for table in token_tables(text, [(0, 23), (7, 44)])]
    [['Troops', 'shelled', 'the', 'town'], ['shelled', 'the', 'town', ',', 'police', 'arrested', '12', '.']]
    """
    count = len(windows)
    i = 0
    while i < count:
        low, top = windows[i]
        j = i + 1
        while j < count and low <= windows[j][0] <= top and max(top, windows[j][1]) - low <= _SHARED_SPAN:
            top = max(top, windows[j][1])
            j += 1
        if j == i + 1:
            yield token_table(text, low, top)
            i = j
            continue
        stretch = text[low:top]
        if "\u03a3" in stretch or len(stretch.lower()) != len(stretch):
            yield from (token_table(text, start, end) for start, end in windows[i:j])
            i = j
            continue
        toks, starts, lowers = token_table(text, low, top)
        for start, end in windows[i:j]:
            if start >= end:
                yield token_table(text, start, end)
            elif (start == low or text[start - 1].isspace() or text[start].isspace()) and (
                end == top or text[end].isspace() or text[end - 1].isspace()
            ):
                first, last = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
                yield toks[first:last], starts[first:last], lowers[first:last]
            else:
                yield token_table(text, start, end)
        i = j


def subject_phrase(
    toks: Sequence[Token], index: int, in_timex: Sequence[bool], *, depth: int = 0
) -> tuple[int, int] | None:
    """Return the token range ``[i, j)`` of the noun phrase before token *index* (the subject), or ``None``."""
    c = cues()
    j = index - 1

    def skip(j: int) -> int:
        while j >= 0 and (
            toks[j].lower in c.auxiliary or in_timex[j] or (toks[j].lower.endswith("ly") and toks[j].text.islower())
        ):
            j -= 1
        return j

    j = skip(j)
    if j >= 1 and toks[j].lower == "to" and toks[j - 1].text.islower() and toks[j - 1].lower not in c.boundary:
        j = skip(j - 2)  # "has tried to hack": the subject of the verb governing the infinitive
    elif j >= 0 and toks[index].lower.endswith("ing") and toks[j].lower in _ASPECT_VERBS:
        j = skip(j - 1)  # "began collecting"
    elif j >= 1 and toks[j].text == "," and depth < 2:
        # "Kenzo Oshima, the UN relief coordinator, demanded": a name and its apposition
        apposition = subject_phrase(toks, j, in_timex, depth=depth + 1)
        if apposition is not None and apposition[0] >= 1 and toks[apposition[0] - 1].text == ",":
            name = subject_phrase(toks, apposition[0] - 1, in_timex, depth=2)
            if name is not None and name[1] == apposition[0] - 1:
                return (name[0], apposition[1])
        return None
    end = j + 1
    count = 0
    while j >= 0 and count < 14:
        token = toks[j]
        if token.text == ")" and count:
            opening = next((k for k in range(j - 1, max(-1, j - 8), -1) if toks[k].text == "("), None)
            if opening is not None:  # "the Ceasefire Violations Committee (CFVC)": an acronym inside the name
                j = opening - 1
                continue
        if in_timex[j] or not (token.text[0].isalnum() or token.text in "-&"):
            break
        if token.lower in c.boundary and not (token.lower in c.pronoun and j == end - 1):
            break
        if token.lower in c.reported or (token.lower in c.auxiliary and token.text.islower()):
            break
        j -= 1
        count += 1
        if token.lower in c.pronoun:
            break
    start = j + 1
    if 0 < start < end and toks[start - 1].text == "," and all(toks[k].text[:1].isupper() for k in range(start, end)):
        # "A member of the Syrian parliament, Mohammed Mamoun, started": the name is in apposition
        head = subject_phrase(toks, start - 1, in_timex)
        if head is not None and head[1] == start - 1 and head[0] == 0 and head[1] - head[0] > 1:
            start = head[0]
    while start < end and toks[start].lower in ("and", "of", "in", "from", "at"):
        start += 1
    if start >= end or not _nominal(toks[end - 1]):
        return None
    return (start, end)


def _nominal(token: Token) -> bool:
    """Tell whether a phrase may end with *token*: not a function word, not a verb form ("the", "send a")."""
    c = cues()
    if token.lower in c.pronoun:
        return True
    if token.lower in c.determiner:
        return False
    if token.text[:1].isupper() or token.text[:1].isdigit():
        return True  # "US" is a name, "us" a pronoun
    if token.lower in _function_words():
        return False
    word = token.lower
    verbal = word.endswith("ed") or (word.endswith("ing") and len(word) > 5)
    return not verbal or gaz.sector(token.text) is not None


@functools.cache
def _function_words() -> frozenset[str]:
    return frozenset(row[0] for row in read_rows("clean/stopwords/en.txt"))


def leading_phrase(toks: Sequence[Token]) -> tuple[int, int] | None:
    """Return the noun phrase opening a sentence (its subject, most often), or ``None``."""
    c = cues()
    j = 0
    while j < len(toks) and j < 10:
        token = toks[j]
        if not (token.text[0].isalnum() or token.text in "-&"):
            break
        word = token.lower
        if word in c.boundary or word in c.auxiliary or word in c.reported or word in c.pronoun:
            break
        if token.text.islower() and (word.endswith("ed") or (word.endswith("ing") and len(word) > 5)):
            break  # the verb
        j += 1
    while j > 0 and not _nominal(toks[j - 1]):
        j -= 1
    return (0, j) if j else None


def object_phrase(toks: Sequence[Token], index: int, in_timex: Sequence[bool]) -> tuple[int, int] | None:
    """Return the token range of the noun phrase after token *index* (the recipient), or ``None``."""
    c = cues()
    j = index
    skipped = 0
    while j < len(toks) and skipped < 4 and (toks[j].lower in c.particle or toks[j].lower in _DETERMINERS):
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        if toks[j].lower == "to" and nxt is not None and nxt.text.islower() and nxt.lower not in _DETERMINERS:
            j += 1  # "to allow United Nations planes": the object of the infinitive
        j += 1
        skipped += 1
    if j < len(toks) and toks[j].lower == "that":
        j += 1  # "demanded that the government end curbs": the subject of the clause
        while j < len(toks) and toks[j].lower in _DETERMINERS:
            j += 1
    start = j
    count = 0
    while j < len(toks) and count < 8:
        token = toks[j]
        if count == 0 and j + 2 < len(toks) and f"{token.lower} {toks[j + 1].lower}" in _QUANTIFIERS:
            j += 2  # "up to 16 advisers", "more than 100 Palestinians"
            count += 2
            continue
        if in_timex[j] or not (token.text[0].isalnum() or token.text in "-&"):
            break
        if token.lower in c.boundary or token.lower in c.reported:
            break
        if token.lower == "and" and not (j + 1 < len(toks) and toks[j + 1].text[:1].isupper()):
            break
        if token.lower in c.particle and count and token.lower != "of":
            break
        j += 1
        count += 1
    if j <= start:
        return None
    return (start, j)


def named_after(
    toks: Sequence[Token], index: int, in_timex: Sequence[bool], prepositions: frozenset[str]
) -> tuple[int, int] | None:
    """Return a named phrase a preposition introduces in the rest of the clause after token *index*
    ("sent arms to Pakistan", "called for sanctions against Nigeria"), or ``None``."""
    c = cues()
    for j in range(index, min(len(toks) - 1, index + 14)):
        token = toks[j]
        if not (token.text[0].isalnum() or token.text in "-&") or token.lower in c.reported:
            return None
        if token.lower in prepositions:
            found = object_phrase(toks, j + 1, in_timex)
            if found is not None and any(toks[k].text[:1].isupper() for k in range(found[0], found[1])):
                return found
    return None


def is_passive(toks: Sequence[Token], index: int, trigger_text: str) -> bool:
    """Tell whether the trigger at token *index* is a passive participle ("was attacked")."""
    word = trigger_text.split()[0].lower()
    if not (word.endswith(_PARTICIPLE_ENDINGS) or word in _IRREGULAR_PARTICIPLES):
        return False
    if index + 1 < len(toks) and toks[index + 1].lower == "to":
        return False  # "is opposed to", "was prepared to": an adjective
    j = index - 1
    while j >= 0 and toks[j].lower.endswith("ly") and toks[j].text.islower():
        j -= 1
    return j >= 0 and toks[j].lower in _BE


def is_headline_passive(toks: Sequence[Token], index: int, end: int, subject: tuple[int, int] | None) -> bool:
    """Tell whether a bare participle after a count is a passive without its verb ("Five shot in Seattle",
    "Several dead and dozens injured after ..."): the count is what happened to, not who acted."""
    if subject is None or index == 0 or toks[index - 1].lower in _BE:
        return False
    word = toks[index].lower
    if not (word.endswith(_PARTICIPLE_ENDINGS) or word in _IRREGULAR_PARTICIPLES):
        return False
    c = cues()
    if end < len(toks) and toks[end].text[0].isalnum() and toks[end].lower not in c.after_participle:
        return False  # "Three gunmen killed two soldiers": an object follows, the verb is active
    first = subject[0]
    if first + 2 < subject[1] and f"{toks[first].lower} {toks[first + 1].lower}" in _QUANTIFIERS:
        first += 2  # "At least 7 killed"
    elif first + 1 < subject[1] and toks[first].lower in ("least", "than"):
        first += 1  # the phrase may begin after "at", "more"
    head = toks[first].lower
    return head.isdigit() or head in c.numbers or head in c.quantity


def agent_after(toks: Sequence[Token], index: int, in_timex: Sequence[bool]) -> tuple[int, int] | None:
    """Return the phrase after "by" within a few words of token *index* (the agent of a passive)."""
    for j in range(index, min(len(toks), index + 5)):
        if toks[j].lower == "by":
            return object_phrase(toks, j + 1, in_timex)
        if not toks[j].text[0].isalnum():
            return None
    return None


def split_compound(
    text: str, toks: Sequence[Token], span: tuple[int, int], places: Sequence[gaz.Hit]
) -> list[tuple[int, int]]:
    """Split "Russia and Ukraine" into its members, unless "and" is inside a name ("Bosnia and Herzegovina")."""
    start, end = span
    if not any(toks[j].lower == "and" for j in range(start, end)):
        return [span]
    inside = [(h.start, h.end) for h in places]
    parts: list[tuple[int, int]] = []
    first = start
    for j in range(start, end):
        if toks[j].lower == "and" and not any(a <= toks[j].start < b for a, b in inside):
            if j > first:
                parts.append((first, j))
            first = j + 1
    if first < end:
        parts.append((first, end))
    return parts if len(parts) > 1 else [span]


def make_mention(
    text: str,
    start: int,
    end: int,
    mentions: Sequence[Mention],
    mention_starts: Sequence[int],
    owner: Mention | None,
    places: Sequence[gaz.Hit],
) -> Mention:
    """Return the Mention of ``text[start:end]``, coded with the gazetteer and named from the article's mentions.

    *places* are the gazetteer names of the sentence, with offsets into *text*.
    """
    phrase = text[start:end]
    # A town inside an actor's name ("King Hassan", "Judge Rivera") says nothing of the actor's country.
    make = tuple.__new__  # builds the named tuples without a call to their Python-level constructor
    inside = [
        make(gaz.Hit, (h.start - start, h.end - start, h.text, h.code, h.kind))
        for h in places
        if start <= h.start and h.end <= end and h.kind in _CODING_KINDS
    ]
    country, sector = gaz.code(phrase, hits=inside)
    kind = EntityKind.OTHER
    name = phrase
    at = bisect.bisect_left(mention_starts, start)
    best: Mention | None = None
    while at < len(mentions) and mentions[at].start < end:
        m = mentions[at]
        if m.end <= end and (best is None or (m.kind is EntityKind.PERSON and best.kind is not EntityKind.PERSON)):
            best = m
        at += 1
    if best is not None:
        kind = best.kind
        if best.kind is EntityKind.PERSON or best.end - best.start == end - start:
            name = best.name
        country = country or best.country
        sector = sector or best.sector
    if country is None and owner is not None and phrase.split()[0].lower() in OWNERS:
        country = owner.country
    if kind is EntityKind.OTHER:
        if inside and inside[0].kind in ("country", "metonym", "igo"):
            kind = EntityKind.ORGANIZATION
        elif sector is not None:
            kind = EntityKind.GROUP
    if (
        best is not None
        and best.start == start
        and best.end == end
        and best.text == phrase
        and best.kind is kind
        and best.name == name
        and best.country == country
        and best.sector == sector
        and type(best) is Mention
    ):
        return best  # the article's own mention, unchanged
    return _mention(start, end, phrase, kind, name, country, sector)  # phrase is text[start:end]


_PLACE_KINDS = frozenset({"city", "capital", "region", "country"})


def location_of(
    text: str,
    toks: Sequence[Token],
    trigger_index: int,
    mentions: Sequence[Mention],
    places: Sequence[gaz.Hit],
    object_start: int | None = None,
    starts: Sequence[int] | None = None,
    lowers: Sequence[str] | None = None,
) -> tuple[Mention, int] | None:
    """Return where the event happened: a place that is the object of the trigger (*object_start*, the token
    where the object begins: "captured Vorzel"), else a place a location preposition introduces in the sentence,
    nearest after the trigger first. *starts* and *lowers* are the tokens' start offsets and lower cases, where
    the caller has them."""
    c = cues()
    if not toks:
        return None
    lo, hi = toks[0].start, toks[-1].end
    if starts is None:
        starts = [t.start for t in toks]
    # Every candidate is a place; the gazetteer's names become mentions only when chosen.
    candidates: list[tuple[int, Mention | gaz.Hit]] = []
    for hit in places:
        if hit.kind not in _PLACE_KINDS:
            continue
        at = bisect.bisect_left(starts, hit.start)
        if at != object_start and not _after_preposition(toks, at, c.location):
            continue
        if at < len(toks) and at + 1 < len(toks) and toks[at + 1].lower in ("'s", "’s"):
            continue
        candidates.append((at, hit))
    if lowers is None or not c.facility.isdisjoint(lowers):
        candidates.extend(_facilities(text, toks, c, object_start))
    candidates.sort(key=lambda item: item[0])
    if not candidates:
        for m in mentions:
            if m.kind is EntityKind.PLACE and lo <= m.start and m.end <= hi:
                at = bisect.bisect_left(starts, m.start)
                if _after_preposition(toks, at, c.location):
                    candidates.append((at, m))
    if not candidates:
        return None
    if object_start is not None:
        direct = [c_ for c_ in candidates if c_[0] == object_start]
        if direct:
            return _place(direct[0][1]), direct[0][0]
    after = [c_ for c_ in candidates if c_[0] > trigger_index]
    before = [c_ for c_ in reversed(candidates) if c_[0] <= trigger_index]
    specific = [c_ for c_ in after if not _is_country(c_[1])]
    specific += [c_ for c_ in before if not _is_country(c_[1])]
    at, found = (specific or after or before)[0]
    return _place(found), at


def _place(found: Mention | gaz.Hit) -> Mention:
    """Return a place candidate as a mention."""
    if isinstance(found, Mention):
        return found
    # A gazetteer hit's text is the article's text between its offsets.
    return _mention(found.start, found.end, found.text, EntityKind.PLACE, found.text, found.code)


def _facilities(text: str, toks: Sequence[Token], c: Cues, object_start: int | None) -> list[tuple[int, Mention]]:
    """Return the named places ending in a facility word after a location preposition ("outside Trump Tower"),
    or that are the trigger's object ("blocked the Europe Bridge")."""
    found: list[tuple[int, Mention]] = []
    facility = c.facility
    for k in [k for k, token in enumerate(toks) if token.lower in facility]:
        token = toks[k]
        if not token.text[:1].isupper():
            continue
        first = k
        while first > 0 and k - first < 5 and toks[first - 1].text[:1].isupper():
            first -= 1
        if first == k or not (first == object_start or _after_preposition(toks, first, c.location)):
            continue
        start, end = toks[first].start, token.end
        name = text[start:end]
        found.append((first, _mention(start, end, name, EntityKind.PLACE, name)))
    return found


def _is_country(mention: Mention | gaz.Hit) -> bool:
    return gaz.country(mention.text) is not None


def _after_preposition(toks: Sequence[Token], at: int, prepositions: frozenset[str]) -> bool:
    """Tell whether token *at* follows a location preposition, with at most four lower-case words between
    ("in the capital Kabul", "in the northern city of Kirkuk")."""
    for k in range(at - 1, max(-1, at - 6), -1):
        word = toks[k]
        if word.lower in prepositions:
            return True
        if not word.text.islower():
            return False
    return False


_DATELINE = re.compile(
    r"\A[ \t]{0,4}([A-Z][A-Za-z .'-]{1,40}?)(?:,[ ][A-Z][A-Za-z .]{1,30})?[ ]{0,2}"
    r"(?:\([^)\n]{1,40}\)[ ]{0,2})?[—–-]{1,2}[ ]"
)


def dateline_place(text: str, paragraph_start: int) -> Mention | None:
    """Return the place of a dateline ("KYIV, Ukraine —", "MOSCOW (Reuters) -") opening a paragraph."""
    match = _DATELINE.match(text, paragraph_start, min(len(text), paragraph_start + 100))
    if match is None:
        return None
    name = match.group(1).strip()
    found = gaz.place(name.title()) or gaz.place(name)
    code = found.country if found else gaz.country(name.title())
    if code is None:
        return None
    start = match.start(1)
    return Mention(
        start=start, end=start + len(name), text=name, kind=EntityKind.PLACE, name=name.title(), country=code
    )


_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
_MONTH = re.compile(r"(\d{4})-(\d\d)\Z")
_WEEK = re.compile(r"(\d{4})-W(\d\d)\Z")
_YEAR = re.compile(r"(\d{4})\Z")


def timex_date(timex: TimeExpr) -> tuple[dt.date, DatePrecision] | None:
    """Return the first day and precision of a time expression's value, where it names a calendar stretch."""
    if timex.type not in (TimexType.DATE, TimexType.TIME):
        return None
    value = timex.value
    if value in _VALUE_DATES:
        return _VALUE_DATES[value]
    if len(_VALUE_DATES) >= 4096:
        _VALUE_DATES.clear()
    found = _VALUE_DATES[value] = _value_date(value)
    return found


# The dates of the values read so far: a value ("2022-02-24") recurs in many articles.
_VALUE_DATES: dict[str, tuple[dt.date, DatePrecision] | None] = {}


def _value_date(value: str) -> tuple[dt.date, DatePrecision] | None:
    try:
        day = _DAY.match(value)
        if day:
            return dt.date(int(day[1]), int(day[2]), int(day[3])), DatePrecision.DAY
        month = _MONTH.match(value)
        if month:
            return dt.date(int(month[1]), int(month[2]), 1), DatePrecision.MONTH
        week = _WEEK.match(value)
        if week:
            return dt.date.fromisocalendar(int(week[1]), int(week[2]), 1), DatePrecision.WEEK
        year = _YEAR.match(value)
        if year:
            return dt.date(int(year[1]), 1, 1), DatePrecision.YEAR
    except ValueError:
        return None
    return None


_PRECISION_RANK = {
    DatePrecision.DAY: 0,
    DatePrecision.WEEK: 1,
    DatePrecision.MONTH: 2,
    DatePrecision.QUARTER: 3,
    DatePrecision.YEAR: 4,
}


def date_of(
    timexes: Sequence[TimeExpr], sentence: Span, trigger: Span, reference: dt.date | None, text: str
) -> EventDate | None:
    """Return the date of an event: the most precise time expression of *sentence*, the nearest the trigger
    among equals, else *reference* (the article's date, not stated)."""
    best: tuple[tuple[int, int], TimeExpr, tuple[dt.date, DatePrecision]] | None = None
    for timex in timexes:
        if timex.start < sentence.start or timex.end > sentence.end:
            continue
        parsed = timex_date(timex)
        if parsed is None:
            continue
        if parsed[1] is DatePrecision.YEAR and reference is not None and abs(parsed[0].year - reference.year) > 1:
            continue  # "since 1945": a bare year far from the article's date dates the background
        distance = timex.start - trigger.end if timex.start >= trigger.end else trigger.start - timex.end
        key = (_PRECISION_RANK[parsed[1]], distance)  # the most precise, then the nearest
        if best is None or key < best[0]:
            best = (key, timex, parsed)
    if best is not None:
        _, timex, (value, precision) = best
        return EventDate(value=value, precision=precision, stated=True, text=Span.of(text, timex.start, timex.end))
    if reference is not None:
        return _unstated(reference)
    return None


@functools.lru_cache(maxsize=64)
def _unstated(reference: dt.date) -> EventDate:
    """Return the date of an event the text does not date: the article's, not stated (one record per day)."""
    return EventDate(value=reference, precision=DatePrecision.DAY, stated=False)


_NUMBER = r"(\d{1,3}(?:,\d{3}){0,3}|\d{1,7}|[a-z]{3,12})"
_COUNT_BEFORE = re.compile(
    _NUMBER + r"(?:[ -](?:people|persons|civilians|soldiers|troops|police(?:men)?|officers|others|men|women|children"
    r"|of them|more|policemen|fighters|militants|rebels|protesters|passengers|workers|residents)){0,2}"
    r"(?:[ ](?:were|have been|had been|are|was))?[ ](killed|dead|died|injured|wounded|hurt)\b"
)
_COUNT_AFTER = re.compile(
    r"\b(killing|killed|wounding|wounded|injuring|injured)[ ](?:at least[ ]|more than[ ]|about[ ]|some[ ]|nearly[ ])?"
    + _NUMBER
    + r"\b"
)


def casualties(sentence: str) -> tuple[int | None, int | None]:
    """Return the (killed, injured) figures a sentence states, where it does.

    >>> casualties("The strike killed 12 people and wounded 30 others.")
    (12, 30)
    """
    lowered = sentence.lower()
    if not (
        "kill" in lowered
        or "dead" in lowered
        or "died" in lowered
        or "injur" in lowered
        or "wound" in lowered
        or "hurt" in lowered
    ):
        return None, None
    c = cues()
    found: dict[str, int] = {}

    def number(word: str) -> int | None:
        if word[0].isdigit():
            return int(word.replace(",", ""))
        return c.numbers.get(word)

    for match in _COUNT_BEFORE.finditer(lowered):
        value = number(match.group(1))
        kind = "killed" if match.group(2) in c.killed else "injured"
        if value is not None:
            found.setdefault(kind, value)
    for match in _COUNT_AFTER.finditer(lowered):
        value = number(match.group(2))
        kind = "killed" if match.group(1) in c.killed else "injured"
        if value is not None:
            found.setdefault(kind, value)
    return found.get("killed"), found.get("injured")
