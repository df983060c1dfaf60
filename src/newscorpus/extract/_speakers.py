"""Finding the speaker of a quote: before the cue, after it, or by a pronoun.

The speaker is a mention ending just before the cue once auxiliaries,
adverbs and time words (``has also``, ``on Friday``), party tags (``(D-Mo.)``)
and appositives (``Hugh Hill, a doctor at Mercy,``) are skipped; or the
mention right after the cue (``said Jo Hill``); or, failing a named mention,
the noun phrase standing there (``many analysts``). Pronouns are resolved to
the last speaker or the nearest earlier subject, whichever is closer.
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
from collections.abc import Sequence

from newscorpus.extract._cues import cached_lexicon
from newscorpus.extract.mentions import _antecedent, _mention
from newscorpus.types import EntityKind, Mention, Sentence

__all__: list[str] = []

_B = "[ \t\u00a0]"
# Words that may stand between a speaker and the verb: auxiliaries, adverbs, time.
_GAP_WORDS = (
    "has|have|had|also|again|later|then|previously|once|reportedly|repeatedly|recently|further|would|will|could|"
    "may|might|can|did|does|do|is|was|were|are|been|being|not|never|often|publicly|privately|openly|quickly|"
    "flatly|firmly|strongly|clearly|long|still|even|just|already|himself|herself|themselves|itself|first|"
    "initially|originally|earlier|today|yesterday|tonight|last|week|month|year|night|on|Monday|Tuesday|Wednesday|"
    "Thursday|Friday|Saturday|Sunday|morning|afternoon|evening|at|the|time|in|a|an|statement|interview|"
    "had|always|frequently|routinely|apparently|allegedly|categorically|emphatically|specifically|explicitly|"
    "directly|personally|separately|similarly|likewise|subsequently|immediately|soon|ultimately|finally|"
    "too|only|however|meanwhile|now|never|ever|generally|widely|well"
)
_NEGATED = ("did", "does", "do", "has", "have", "had", "was", "is", "were", "are", "would", "could", "wo", "ca")
_GAP = frozenset(_GAP_WORDS.split("|")) | {f"{w}n{a}t" for w in _NEGATED for a in "'’"}


def _gap_start(text: str, window_start: int, at: int) -> int:
    """Return where the auxiliaries, adverbs and time words just before *at* begin (six words at most)."""
    end = at
    for _ in range(6):
        position = end
        while position > window_start and text[position - 1] in " \t\u00a0":
            position -= 1
        if position > window_start and text[position - 1] == ",":
            position -= 1
        if position == end or position <= window_start:
            break
        # The word ends at *position*: most often a plain word after a space, else walk back over it.
        start = max(text.rfind(" ", window_start, position) + 1, window_start)
        word = text[start:position]
        if not word.isalnum():
            start = position
            while start > window_start and (text[start - 1].isalnum() or text[start - 1] in "'’"):
                start -= 1
            word = text[start:position]
        if start == position or (start > window_start and text[start - 1] == "-"):
            break
        if word not in _GAP and not (len(word) > 4 and word.endswith("ly") and word.islower()):
            break
        end = start
    return end


def _left_word(text: str, low: int, end: int) -> tuple[int, int] | None:
    """Return the (start, end) of the word just before *end* (two blanks between at most, 40 characters).

    A backward walk from *end*, never before *low*: the words of a word, ``'’.-`` included.
    """
    stop = end
    while stop > low and end - stop < 3 and text[stop - 1] in " \t\u00a0":
        stop -= 1
    if end - stop > 2:
        return None
    start = stop
    while start > low and stop - start < 40:
        char = text[start - 1]
        if not (char.isalnum() or char in "_'’.-"):
            break
        start -= 1
    return (start, stop) if start < stop else None


_THAT = re.compile(rf"{_B}{{0,2}}(?:that{_B}{{1,2}}|:{_B}{{0,2}}|,{_B}{{0,2}}|{_B})")
_PRONOUNS = {"he": "he", "she": "she", "they": "they", "i": "i", "we": "we", "it": "it"}
_POSSESSIVES = {"his": "he", "her": "she", "their": "they", "its": "it", "my": "i", "our": "we"}
_BOUNDARY = frozenset(
    [
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "and",
        "but",
        "because",
        "as",
        "if",
        "when",
        "while",
        "where",
        "although",
        "though",
        "since",
        "so",
        "or",
        "nor",
        "than",
        "to",
        "of",
        "for",
        "with",
        "by",
        "from",
        "about",
        "after",
        "before",
        "into",
        "on",
        "in",
        "at",
        "said",
        "says",
    ]
)
_WORD = re.compile(r"[\w'’.-]{1,40}")
_CONTENT_END = " \t\n.,;:!?"


def _count_words(text: str, start: int, end: int, limit: int) -> int:
    """Return the number of words in ``text[start:end]``, counting no further than *limit*."""
    count = 0
    if limit <= 3:
        search = _WORD.search
        while count < limit:
            word = search(text, start, end)
            if word is None:
                break
            count += 1
            start = word.end()
        return count
    for _ in _WORD.finditer(text, start, end):
        count += 1
        if count >= limit:
            break
    return count


_START = operator.attrgetter("start")
_END = operator.attrgetter("end")


class _Context:
    """Everything the attribution of one article needs, computed once."""

    def __init__(self, text: str, sentences: Sequence[Sentence], mentions: Sequence[Mention]) -> None:
        self.text = text
        self.sentences = sentences
        self.sentence_starts = list(map(_START, sentences))
        self.mentions = mentions
        self.mention_starts = list(map(_START, mentions))
        self.spoken_at: dict[Mention, int] = {}
        self.speakers: list[tuple[int, Mention]] = []
        # the first mention ending (starting) at each offset: built backwards, so the first one wins
        self.by_end: dict[int, Mention] = dict(zip(map(_END, reversed(mentions)), reversed(mentions), strict=True))
        self.by_start: dict[int, Mention] = dict(zip(reversed(self.mention_starts), reversed(mentions), strict=True))

    def sentence_at(self, position: int) -> Sentence | None:
        index = bisect.bisect_right(self.sentence_starts, position) - 1
        if index < 0:
            return None
        sentence = self.sentences[index]
        return sentence if position < sentence.end else None

    def mention_ending(self, end: int) -> Mention | None:
        while end > 0 and self.text[end - 1] in " \t\u00a0":
            end -= 1
        return self.by_end.get(end)

    def last_speaker(self, position: int, pronoun: str) -> Mention | None:
        index = bisect.bisect_left(self.speakers, position, key=lambda item: item[0]) - 1
        steps = 0
        while index >= 0 and steps < 4:
            at, mention = self.speakers[index]
            if position - at > 1500:
                return None
            if pronoun in ("he", "she") and mention.kind is EntityKind.PERSON:
                return mention
            if pronoun == "they" and mention.kind in (EntityKind.GROUP, EntityKind.ORGANIZATION):
                return mention
            index -= 1
            steps += 1
        return None


def _speaker_before(ctx: _Context, low: int, at: int, *, strict: bool = False, named: bool = False) -> Mention | None:
    """Return the speaker ending just before *at* (the cue), not before *low*."""
    text = ctx.text
    window_start = max(low, at - 100)
    end = _gap_start(text, window_start, at)
    while end > window_start and text[end - 1] in " \t\u00a0":
        end -= 1
    if end > window_start and text[end - 1] == ")":
        opening = text.rfind("(", max(window_start, end - 20), end)
        if opening > 0:
            end = opening
            while end > window_start and text[end - 1] in " \t\u00a0":
                end -= 1
    mention = ctx.mention_ending(end)
    if mention is not None and mention.start >= low:
        return _shift_apposition(ctx, low, mention)
    if end > window_start and text[end - 1] == ",":
        person = ctx.mention_ending(end - 1)
        if person is not None and person.start >= low and person.kind is EntityKind.PERSON:
            return person  # "a third, Daniel Traynor, said"
        comma = text.rfind(",", max(window_start, end - 120), end - 1)
        if comma > window_start:
            mention = ctx.mention_ending(comma)
            if mention is not None and mention.start >= low:
                return mention
    word = _left_word(text, window_start, end)
    if word is None:
        return None
    word_start, word_end = word
    lowered = text[word_start:word_end].lower()
    if lowered in _PRONOUNS:
        return _pronoun(ctx, word_start, word_end)
    if lowered in ("who", "which") and word_start > low:
        # "critics who say ...": the relative pronoun stands for the phrase before it
        antecedent = ctx.mention_ending(word_start) or _noun_phrase(ctx, low, word_start - 1)
        written = text[word_start:word_end]
        name = antecedent.name if antecedent is not None else written
        kind = antecedent.kind if antecedent is not None else EntityKind.OTHER
        return _mention(word_start, word_end, written, kind, name)
    return None if named else _noun_phrase(ctx, low, end, strict=strict)


def _shift_apposition(ctx: _Context, low: int, mention: Mention) -> Mention:
    """Prefer the named person of ``Name, a doctor at X,`` over the X the appositive ends with."""
    text = ctx.text
    if mention.end < len(text) and text[mention.end : mention.end + 1] == ",":
        comma = text.rfind(",", max(low, mention.start - 100), mention.start)
        if comma > low:
            head = ctx.mention_ending(comma)
            if head is not None and head.kind is EntityKind.PERSON and head.start >= low:
                return head
    return mention


def _pronoun(ctx: _Context, start: int, end: int) -> Mention:
    word = ctx.text[start:end]
    antecedent = ctx.last_speaker(start, word.lower())
    subject = _antecedent(ctx.mentions, word, start, subjects=ctx.sentence_starts, starts=ctx.mention_starts)
    if antecedent is None or (subject is not None and subject.start > ctx.spoken_at.get(antecedent, -1)):
        antecedent = subject or antecedent
    if antecedent is None:
        antecedent = _antecedent(ctx.mentions, word, start, starts=ctx.mention_starts)
    name = antecedent.name if antecedent is not None else word
    kind = antecedent.kind if antecedent is not None else EntityKind.OTHER
    return _mention(start, end, word, kind, name)


def _phrase_back(text: str, words: list[re.Match[str]], end: int) -> tuple[int, int, int]:
    """Walk back over *words* (matches of ``_WORD`` ending by *end*) while they make a phrase.

    Return where the phrase starts, its number of words and the index of the last word read.
    """
    start = end
    count = 0
    index = len(words)
    cue_forms = _cue_forms()
    while index > 0:
        index -= 1
        word = words[index]
        between = text[word.end() : start]
        lowered = word.group().lower()
        if between.strip(" \t\u00a0") or lowered in _BOUNDARY or (count and lowered in cue_forms):
            break
        start = word.start()
        count += 1
        if count >= 6:
            break
    return start, count, index


def _settled(words: list[re.Match[str]], reached: int) -> bool:
    """Tell whether the words from *reached* on are those a scan from further back finds too.

    They are when a gap (a character no word takes) stands before one of them other than the
    first word found: a scan from further back finds the same words from there on.
    """
    return any(words[i - 1].end() < words[i].start() for i in range(1, reached + 1))


def _phrase_before(text: str, low: int, end: int) -> tuple[int, int]:
    """Return where the phrase ending at *end* starts and its number of words (80 characters back at most).

    The same as walking back over the words of the whole window, which is read only when the
    words of its nearer half do not settle the phrase.
    """
    floor = max(low, end - 80)
    near = max(floor, end - 40)
    words = list(_WORD.finditer(text, near, end))
    start, count, reached = _phrase_back(text, words, end)
    if near > floor and (reached == 0 or (words[0].end() == words[1].start() and not _settled(words, reached))):
        # The words read reach the start of the nearer window: read the whole one.
        start, count, reached = _phrase_back(text, list(_WORD.finditer(text, floor, end)), end)
    return start, count


def _noun_phrase(ctx: _Context, low: int, end: int, *, strict: bool = False, possessor: bool = False) -> Mention | None:
    """Return the words before *end* up to a clause boundary, as an unnamed speaker."""
    text = ctx.text
    start, count = _phrase_before(text, low, end)
    if count == 0 or start >= end:
        return None
    if possessor:
        # "The board heard the coach's": the possessor starts at its own determiner
        for word in reversed(list(_WORD.finditer(text, start, end))[1:]):
            if word.group().lower() in _DETERMINERS:
                start = word.start()
                break
    phrase = text[start:end]
    last = phrase.split()[-1].lower()
    if last in _NOT_HEADS or last.endswith(("ed", "ly", "ing", ".", "'", "’")) or not last[:1].isalpha():
        return None
    first = phrase.split()[0]
    if strict and (count > 4 or not (first[:1].isupper() or first.lower() in _DETERMINERS)):
        return None
    return _mention(start, end, phrase, EntityKind.OTHER, phrase)


_DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "some",
        "many",
        "most",
        "several",
        "few",
        "two",
        "three",
        "four",
        "five",
        "both",
        "all",
        "each",
        "every",
        "other",
        "others",
        "another",
        "this",
        "these",
        "those",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "one",
        "no",
    ]
)
_NOT_HEADS = frozenset(
    [
        "it",
        "this",
        "there",
        "that",
        "what",
        "which",
        "who",
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "your",
        "be",
        "is",
        "was",
        "were",
        "are",
        "been",
        "not",
        "also",
        "very",
        "more",
        "most",
        "than",
        "then",
        "there",
        "here",
        "now",
        "just",
        "only",
        "even",
        "so",
        "such",
    ]
)


@functools.cache
def _cue_forms() -> frozenset[str]:
    return frozenset(cached_lexicon(()).forms)


_NOT_LEADS = tuple([w] for w in ("that", "at", "in", "on", "during", "to", "with", "after", "of", "about", "for", "by"))


def _speaker_after(ctx: _Context, at: int, limit: int) -> Mention | None:
    """Return the speaker starting right after *at* (``said Jo Hill``)."""
    text = ctx.text
    position = at
    while position < limit and text[position] in " \t\u00a0":
        position += 1
    mention = ctx.by_start.get(position)
    if mention is None and text.startswith("the ", position):
        mention = ctx.by_start.get(position + 4)
        if mention is not None:
            mention = _mention(
                position,
                mention.end,
                text[position : mention.end],
                mention.kind,
                mention.name,
                mention.country,
                mention.sector,
            )
    if mention is not None and mention.end <= limit and not _ends_clause(text, mention.end, limit):
        mention = None  # "said American Unity Fund president Jo Hill": look further for the person
    if mention is None:
        # "said former Obama adviser Jo Hill", "said Clinton ally Jo Hill": modifiers before the name
        index = bisect.bisect_left(ctx.mention_starts, position)
        while index < len(ctx.mentions) and ctx.mentions[index].start - position <= 40:
            candidate = ctx.mentions[index]
            index += 1
            if candidate.kind is not EntityKind.PERSON or candidate.end > limit:
                continue
            lead = text[position : candidate.start]
            if any(c in lead for c in ',.;:!?"“”') or lead.split()[:1] in _NOT_LEADS:
                break
            if _ends_clause(text, candidate.end, limit):
                mention = candidate
                break
    if mention is not None and mention.end <= limit:
        return mention if _ends_clause(text, mention.end, limit) else None
    word = _WORD.match(text, position, limit)
    if word is not None and word.group().lower() in _PRONOUNS:
        return _pronoun(ctx, word.start(), word.end()) if _ends_clause(text, word.end(), limit) else None
    if word is not None and (word.group().lower() in _DETERMINERS or word.group()[:1].isupper()):
        end = position
        for count, item in enumerate(_WORD.finditer(text, position, min(limit, position + 70))):
            if text[end : item.start()].strip(" \t\u00a0") or count >= 7:
                break
            if item.group().lower() in _BOUNDARY and count > 0 and item.group().lower() != "of":
                break
            end = item.end()
        end = position + len(text[position:end].rstrip(".,;: \t"))
        if end > position and _ends_clause(text, end, limit):
            phrase = text[position:end]
            return _mention(position, end, phrase, EntityKind.OTHER, phrase)
    return None


_CLAUSE_END = re.compile(
    rf"{_B}{{0,2}}(?:[,.;:!?)(—–\]\n]|\Z|(?:in|on|at|to|during|of|about|after|before|late|earlier|later|this|last|as|who|whose|for|with){_B})"
)


def _ends_clause(text: str, position: int, limit: int) -> bool:
    """Tell whether an inverted speaker ending at *position* ends its clause (``said Jo Hill.``)."""
    return position >= limit or _CLAUSE_END.match(text, position, limit) is not None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n\u00a0":
        start += 1
    while end > start and text[end - 1] in _CONTENT_END:
        end -= 1
    return start, end
