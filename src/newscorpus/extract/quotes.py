"""Quotes: who said what, in direct, mixed and reported speech.

:func:`extract_quotes` finds every attributed statement of an article, with its
content, cue and speaker:

>>> text = "“We will stay,” Anna Berg said. Later she said the talks had failed."
>>> for q in extract_quotes(text):
...     print(q.kind.name, q.text, q.cue.text, q.speaker.text, q.speaker.name, sep=" | ")
DIRECT | “We will stay,” | said | Anna Berg | Anna Berg
INDIRECT | the talks had failed | said | she | Anna Berg

How it works, in one pass over the article:

1. quotation marks of every style are paired (see the private module
   ``_quote_marks``); unbalanced marks are recovered locally and counted, and a
   :class:`~newscorpus.errors.QuoteWarning` is recorded;
2. one regular expression built from the cue lexicon (several hundred reporting
   verbs and nouns with their frames, and source phrases such as
   ``according to``) finds every cue, in the pass that also finds the group
   nouns of the mentions (made once per article);
3. for each cue, its frame says where the speaker and the content may be: the
   speaker is the mention (see :func:`~newscorpus.extract.mentions.extract_mentions`)
   ending just before the cue, after auxiliaries, adverbs, appositives and party
   tags (``Sen. Jo Hill (D-Mo.) also said``), or just after it (``said Jo
   Hill``), or the possessor of a noun cue (``Hill's claim that``), or the
   source of ``according to``; the content is the quoted stretch next to the
   attribution, or else the reported clause after the cue (``said (that)
   CLAUSE``) or before it (``CLAUSE, Hill said``);
4. a statement reported inside the content of the one before ("Hill said
   officials believe ...") is left out: the outer quote covers it;
5. quoted stretches not attached to a cue continue the last speaker when they
   stand in the next sentences or a paragraph of their own; short ones (scare
   quotes, titles, nicknames) are left out unless
   :attr:`QuoteOptions.min_words` says otherwise.

Pronouns and descriptions (``he``, ``the ministry``) keep the span as written;
their :attr:`~newscorpus.types.Mention.name` is the name they refer to.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import bisect
import operator
import re
import warnings
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from newscorpus.errors import OptionsError, QuoteWarning
from newscorpus.extract._cues import FRAMES as _FRAMES
from newscorpus.extract._cues import CueLexicon, cached_lexicon
from newscorpus.extract._quote_marks import Quoted, quoted_stretches
from newscorpus.extract._speakers import (
    _B,
    _THAT,
    _WORD,
    _Context,
    _count_words,
    _noun_phrase,
    _pronoun,
    _speaker_after,
    _speaker_before,
    _trim,
)
from newscorpus.extract._word_scan import scan_words
from newscorpus.extract.mentions import (
    _group_words,
    _mention,
    _new,
    _pause_collector,
    _resume_collector,
    extract_mentions,
)
from newscorpus.types import Article, EntityKind, Mention, Quote, QuoteKind, Sentence, Span, _slot_setters

__all__ = ["QuoteOptions", "extract_quotes"]

_KINDS = frozenset(QuoteKind)


def _check_cues(instance: QuoteOptions, attribute: attrs.Attribute[Any], value: tuple[tuple[str, str], ...]) -> None:
    for item in value:
        if not (isinstance(item, tuple) and len(item) == 2 and all(isinstance(x, str) for x in item)):
            raise OptionsError(f"cues takes (word, frame) pairs, got {item!r}")
        frame = item[1].removesuffix("-noun")
        if frame not in _FRAMES or not item[0].strip():
            raise OptionsError(f"unknown cue frame {item[1]!r} for {item[0]!r}; frames: {', '.join(sorted(_FRAMES))}")


def _check_kinds(instance: QuoteOptions, attribute: attrs.Attribute[Any], value: frozenset[QuoteKind]) -> None:
    if not value or not all(isinstance(k, QuoteKind) for k in value):
        raise OptionsError("kinds takes a non-empty set of QuoteKind members")


def _check_min_words(instance: QuoteOptions, attribute: attrs.Attribute[Any], value: int) -> None:
    if not isinstance(value, int) or value < 1:
        raise OptionsError(f"min_words must be a whole number >= 1, got {value!r}")


def _cue_pairs(value: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple((tuple(item) if isinstance(item, list) else item) for item in value)


@attrs.frozen(kw_only=True)
class QuoteOptions:
    """How :func:`extract_quotes` finds quotes.

    * ``kinds``: the kinds of quote to return (direct, mixed and indirect by default);
    * ``min_words``: a quoted stretch with fewer words that is not attached to a
      cue is a scare quote, a title or a nickname and is left out (4 by default);
      set it to 1 to keep every quoted stretch;
    * ``unattributed``: keep direct quotes for which no speaker is found;
    * ``cues``: extra cue words as ``(word, frame)`` pairs, added to the built-in
      lexicon; the frame is ``say``, ``tell``, ``think`` or ``object`` for a verb
      (given as its base form, e.g. ``("grumble", "say")``), the same with
      ``-noun`` for a noun (``("rant", "say-noun")``), or ``source`` for a
      phrase naming a source (``("as told to", "source")``).

    >>> options = QuoteOptions(cues=(("grumble", "say"),))
    >>> [(q.cue.text, q.text) for q in extract_quotes("Anna Berg grumbled that rents had risen.", options=options)]
    [('grumbled', 'rents had risen')]

    .. versionadded:: 0.2.0
    """

    kinds: frozenset[QuoteKind] = attrs.field(default=_KINDS, converter=frozenset, validator=_check_kinds)
    min_words: int = attrs.field(default=4, validator=_check_min_words)
    unattributed: bool = True
    cues: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_cue_pairs, validator=_check_cues)


_DEFAULT_OPTIONS = QuoteOptions()
_END = operator.attrgetter("end")
_PARAGRAPH = operator.attrgetter("paragraph")


class _Attributor(_Context):
    """Attribution state: quoted stretches, used cues and the last speaker."""

    def __init__(
        self,
        text: str,
        sentences: Sequence[Sentence],
        mentions: Sequence[Mention],
        quoted: list[Quoted],
    ) -> None:
        super().__init__(text, sentences, mentions)
        self.set_quoted(quoted)
        self.used: set[int] = set()

    def set_quoted(self, quoted: list[Quoted]) -> None:
        """Take the quoted stretches of the text."""
        self.quoted = quoted
        self.quoted_starts = [q.start for q in quoted]

    def quoted_inside(self, start: int, end: int) -> int:
        """Return the index of the first quoted stretch starting in ``start:end``, or -1."""
        index = bisect.bisect_left(self.quoted_starts, start)
        if index < len(self.quoted) and self.quoted[index].start < end:
            return index
        return -1

    def quoted_ending(self, low: int, end: int) -> int:
        """Return the index of the quoted stretch ending just before *end* (spaces, a comma or "the" between)."""
        index = bisect.bisect_left(self.quoted_starts, end) - 1
        if index >= 0 and 0 <= end - self.quoted[index].end <= 40:
            stretch = self.quoted[index]
            between = self.text[stretch.end : end].strip(" \t\u00a0,")
            if end - stretch.end <= 8 and between in ("", "the", "The"):
                return index
            if (
                len(between.split()) <= 5
                and self.text[stretch.end - 3 : stretch.end].strip("\"”’'»")[-1:] in (",", "!", "?")
                and not any(c in between for c in ',.;:!?"“”')
            ):
                return index  # "“...,” one senior official said"
        return -1

    def within(self, position: int) -> bool:
        index = bisect.bisect_right(self.quoted_starts, position) - 1
        return index >= 0 and self.quoted[index].start < position < self.quoted[index].end


_OPENING_MARKS = "\"“„‟«»‘‚'`"


def _kind(ctx: _Attributor, start: int, end: int) -> QuoteKind:
    index = ctx.quoted_inside(start, end)
    if index < 0:
        return QuoteKind.INDIRECT
    stretch = ctx.quoted[index]
    if stretch.start <= start + 1 and stretch.end >= end - 1 and ctx.quoted_inside(stretch.end, end) < 0:
        return QuoteKind.DIRECT
    return QuoteKind.MIXED


class _Found:
    __slots__ = ("cue", "kind", "pieces", "speaker")

    def __init__(
        self, pieces: list[tuple[int, int]], kind: QuoteKind, cue: tuple[int, int] | None, speaker: Mention | None
    ) -> None:
        self.pieces = pieces
        self.kind = kind
        self.cue = cue
        self.speaker = speaker


def _follow(ctx: _Attributor, index: int, position: int) -> list[int]:
    """Return the quoted stretches continuing a quote after *position* in its paragraph."""
    text = ctx.text
    found: list[int] = []
    following = index + 1
    attribution = ctx.sentence_at(position - 1)
    while (
        attribution is not None
        and following < len(ctx.quoted)
        and following < index + 4
        and ctx.quoted[following].end <= attribution.end
        and _count_words(text, ctx.quoted[following].start, ctx.quoted[following].end, 4) < 4
    ):
        following += 1  # a title in the attribution: "Hill said on NBC's “Meet the Press.” “...”"
    if following < len(ctx.quoted) and following not in ctx.used:
        stretch = ctx.quoted[following]
        if (
            attribution is not None
            and stretch.start >= attribution.end
            and (stretch.start == attribution.end or text[attribution.end].isspace())
            and not text[attribution.end : stretch.start].strip()
            and stretch.closed
        ):
            position = stretch.start
        elif attribution is not None and stretch.closed and position <= stretch.start < attribution.end:
            # The rest of the attribution, then the quote goes on: "“A,” he told a paper in May, “B.”"
            between = text[position : stretch.start].rstrip(" \t\u00a0")
            if len(between) <= 80 and between.endswith((",", ":")) and not any(m in between for m in '"“”«»'):
                position = stretch.start
    sentence = ctx.sentence_at(ctx.quoted[index].start)
    paragraph = sentence.paragraph if sentence is not None else -1
    moved = following < len(ctx.quoted) and position == ctx.quoted[following].start
    if not moved:
        following = index + 1
    while following < len(ctx.quoted) and following not in ctx.used and len(found) < 8:
        stretch = ctx.quoted[following]
        if stretch.start - position > 4:
            break
        between = text[position : stretch.start]
        if between.strip(" \t\u00a0,.:;") or "\n" in between or not stretch.closed:
            break
        at = ctx.sentence_at(stretch.start)
        if at is None or at.paragraph != paragraph:
            break
        if at.end - stretch.end > 300 or text[stretch.end : max(stretch.end, at.end)].strip(" \t\u00a0.,;:!?”’\"'"):
            break  # the stretch has an attribution of its own
        found.append(following)
        position = stretch.end
        following += 1
    return found


def _skip_inverted_speaker(ctx: _Attributor, speaker: Mention, limit: int) -> int:
    """Return the end of ``said Jo Hill, a doctor at X,``: the speaker and its appositive."""
    text = ctx.text
    end = speaker.end
    if text[end : end + 1] == ",":
        closing = text.find(",", end + 1, min(limit, end + 120))
        stop = text.find(".", end + 1, min(limit, end + 120))
        end = closing + 1 if closing > 0 else (stop if stop > 0 else end)
    return end


def _content_after(ctx: _Attributor, start: int, limit: int) -> tuple[int, int] | None:
    text = ctx.text
    start, end = _trim(text, start, limit)
    if end <= start:
        return None
    if end < len(text) and text[end] in "”\"’'»" and any(m in text[start:end] for m in "“\"‘'«"):
        end += 1
    if _count_words(text, start, min(end, start + 200), 2) < 2:
        return None
    index = bisect.bisect_left(ctx.quoted_starts, end) - 1
    if index >= 0 and start <= ctx.quoted[index].start and ctx.quoted[index].end > end:
        end = ctx.quoted[index].end  # a quoted stretch opened in the clause runs on past its sentence
    return start, end


def _addressee_end(ctx: _Attributor, position: int, limit: int) -> int:
    """Skip the addressee of a tell-frame verb (``told reporters``, ``urged Congress``)."""
    text = ctx.text
    at = position
    while at < limit and text[at] in " \t\u00a0":
        at += 1
    mention = ctx.by_start.get(at)
    if mention is not None and mention.end <= limit:
        return mention.end
    for count, word in enumerate(_WORD.finditer(text, at, min(limit, at + 60))):
        if word.group().lower() in ("that", "to", "whether", "if", "why", "how", "what") or count >= 4:
            return word.start()
        if text[at : word.start()].strip(" \t\u00a0"):
            return at  # punctuation ends the addressee: "told the Post, “...”"
        at = word.end()
    return at


_REACH_BACK = 600  # characters of a sentence read before a cue
_REACH_AHEAD = 1500  # and after it


def _attribute(ctx: _Attributor, lexicon: CueLexicon, options: QuoteOptions) -> list[_Found]:
    text = ctx.text
    found: list[_Found] = []
    consumed_to = -1
    if options.cues:
        hits = [(m.start(), m.end(), " ".join(m.group().split())) for m in lexicon.pattern.finditer(text)]
    else:
        hits = scan_words(text, _group_words())[1]
    forms = lexicon.forms
    attach = lexicon.attachment_pattern.match
    firsts = lexicon.attachment_firsts
    quoted, quoted_starts = ctx.quoted, ctx.quoted_starts
    sentences, sentence_starts = ctx.sentences, ctx.sentence_starts
    bisect_right = bisect.bisect_right
    other = EntityKind.OTHER
    speakers, spoken_at = ctx.speakers, ctx.spoken_at
    for cue_start, cue_end, word in hits:
        if cue_start < consumed_to:
            continue
        # Hits come in order: bisections find the quoted stretch and the sentence of each.
        index = bisect_right(quoted_starts, cue_start) - 1
        if index >= 0 and quoted[index].start < cue_start < quoted[index].end:
            continue  # inside a quotation
        frame, pos = forms[word]
        index = bisect_right(sentence_starts, cue_start) - 1
        if index < 0:
            continue
        sentence = sentences[index]
        sentence_start, sentence_end = sentence.start, sentence.end
        if cue_start >= sentence_end:
            continue
        # The context of a cue is its sentence, bounded so that work stays linear on run-on text.
        low = sentence_start if sentence_start > cue_start - _REACH_BACK else cue_start - _REACH_BACK
        high = sentence_end if sentence_end < cue_end + _REACH_AHEAD else cue_end + _REACH_AHEAD
        # An attachment follows one or two blanks and starts with one of a few letters: most cues have none.
        following = text[cue_end : cue_end + 1]
        if following in _BLANKS:
            following = text[cue_end + 1 : cue_end + 2]
            if following in _BLANKS:
                following = text[cue_end + 2 : cue_end + 3]
        else:
            following = ""
        if following in firsts:
            extension = attach(text, cue_end, high)
            if extension is not None:
                cue_end = extension.end()
                extension = attach(text, cue_end, high)
                if extension is not None:
                    cue_end = extension.end()
        consumed_to = cue_end
        result: _Found | None
        if pos in ("base", "third", "past") and _after_determiner(text, low, cue_start):
            if word not in lexicon.nouns:
                continue
            frame, pos = lexicon.nouns[word], "noun"
        if pos == "phrase":
            result = _source(ctx, low, high, cue_start, cue_end)
        elif pos == "noun":
            result = _noun_cue(ctx, low, high, cue_start, cue_end, frame)
        else:
            result = _verb_cue(ctx, low, high, cue_start, cue_end, frame, pos)
        if result is not None:
            speaker = result.speaker
            if (
                speaker is not None
                and speaker.kind is other
                and frame in ("say", "tell")
                and speaker.text.istitle()
                and " " not in speaker.text
            ):
                # "Perez said": a person speaks
                result.speaker = _mention(
                    speaker.start,
                    speaker.end,
                    speaker.text,
                    EntityKind.PERSON,
                    speaker.name,
                    speaker.country,
                    speaker.sector,
                )
            found.append(result)
            speaker = result.speaker
            if speaker is not None and speaker.kind is not other:
                speakers.append((cue_start, speaker))
                spoken_at[speaker] = cue_start
    return found


_BLANKS = frozenset(" \t\u00a0")


_DETERMINERS_BEFORE = frozenset(
    ["the", "a", "an", "this", "that", "his", "her", "their", "its", "our", "my", "your", "whose", "no", "any", "every"]
)


def _after_determiner(text: str, low: int, at: int) -> bool:
    """Tell whether the word at *at* follows a determiner or possessive: a noun, not a verb."""
    before = text[at - 2 : at - 1] if at >= 2 else ""
    if before.isalpha():
        if before not in _DETERMINER_ENDINGS:
            return False  # "Smith said": no determiner or possessive ends in that letter
        if at >= 3 and text[at - 1] == " " and text[at - 3].isalpha() and text[at - 3 : at - 1].lower() not in _PAIRS:
            return False  # "officials said": a word of two letters or more, no determiner ends so
    low = max(low, at - 16)
    stop = at
    while stop > low and at - stop < 3 and text[stop - 1] in " \t\u00a0":
        stop -= 1
    if not 1 <= at - stop <= 2 or stop <= low:
        return False
    last = text[stop - 1]
    if last in "'’" or (last in "sS" and stop - 2 > low and text[stop - 2] in "'’"):
        mark = stop - 1 if last in "'’" else stop - 2
        if mark > low and _is_word(text[mark - 1]):
            return True
    start = stop
    while start > low and stop - start < 6 and text[start - 1].isalpha():
        start -= 1
    if start == stop or text[start:stop].lower() not in _DETERMINERS_BEFORE:
        return False
    return start == 0 or not (_is_word(text[start - 1]) or text[start - 1] in "'’-")


_PAIRS = frozenset(w[-2:] for w in _DETERMINERS_BEFORE if len(w) >= 2)
_DETERMINER_ENDINGS = frozenset(
    {w[-1] for w in _DETERMINERS_BEFORE} | {w[-1].upper() for w in _DETERMINERS_BEFORE} | set("sS")
)


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _spoken(ctx: _Attributor, stretch: Quoted) -> bool:
    """Tell whether a quoted stretch reads as speech: four words or more, or closing punctuation inside."""
    inner = ctx.text[stretch.start : stretch.end].rstrip("\"”’'»“«`")
    return inner[-1:] in (",", ".", "!", "?", "…") or _count_words(ctx.text, stretch.start, stretch.end, 4) >= 4


def _verb_cue(
    ctx: _Attributor, low: int, high: int, cue_start: int, cue_end: int, frame: str, pos: str
) -> _Found | None:
    text = ctx.text
    cue = (cue_start, cue_end)
    before = text[low:cue_start].rstrip(" \t\u00a0")
    speech = frame in ("say", "tell", "quote")
    after_clause = bool(not before or before[-1] in ",”\"’'»—–:" or before.endswith("''"))
    inverted = False
    speaker: Mention | None = None
    reporter: Mention | None = None
    if frame == "quote":
        reporter = _speaker_before(ctx, low, cue_start)
        speaker = _object_person(ctx, cue_end, high)
        inverted = speaker is not None
    elif frame == "say" and after_clause:
        speaker = _speaker_after(ctx, cue_end, high)
        inverted = speaker is not None
    if speaker is None and frame != "quote":
        if pos == "ing" and before.rstrip("\"”’'").endswith(","):
            last = ctx.speakers[-1] if ctx.speakers else None
            # "..., he said, adding that ...": the participle shares the speaker of the clause before
            speaker = last[1] if last is not None and low <= last[0] < cue_start else _subject(ctx, low, cue_start)
        elif _and_before(before):
            speaker = _subject(ctx, low, cue_start)  # "Trump ... and said he would win"
        else:
            unnamed_dropped = pos in ("ing", "base") and not speech
            # A phrase found without a name would be dropped below: it is not looked for.
            speaker = _speaker_before(ctx, low, cue_start, strict=not speech, named=unnamed_dropped)
            if speaker is not None and speaker.kind is EntityKind.OTHER and unnamed_dropped:
                speaker = None
    clause_start = cue_start if inverted or speaker is None else speaker.start
    if reporter is not None:
        clause_start = reporter.start
    after = _skip_inverted_speaker(ctx, speaker, high) if inverted and speaker is not None else cue_end
    if inverted and frame == "quote":
        tail = _AS_SAYING.match(text, after, high)
        after = tail.end() if tail else after
    if frame == "tell" and not inverted:
        after = _addressee_end(ctx, after, high)  # "“...,” he told CNN's Chris Cuomo in October."
        while True:
            extension = _ATTACHED_TIME.match(text, after, high)
            if extension is None:
                break
            after = extension.end()
    ends_clause = _ends_here(text, after, high)
    # A quoted stretch right before the attribution: "“...,” Hill said, “...”".
    left = ctx.quoted_ending(low, clause_start)
    if left >= 0 and left not in ctx.used and speech and _spoken(ctx, ctx.quoted[left]):
        stretch = ctx.quoted[left]
        # The stretch opens the attribution's sentence (or follows a colon), or ends the sentence before an
        # attribution standing alone.
        lead_text = text[low : max(low, stretch.start)].strip(" \t\u00a0")
        opens_sentence = stretch.end > low and (not lead_text or lead_text.endswith(":"))
        if opens_sentence or ends_clause:
            indices = [left, *_follow(ctx, left, after)]
            ctx.used.update(indices)
            pieces = [(ctx.quoted[i].start, ctx.quoted[i].end) for i in indices]
            lead = text[low : stretch.start]
            kind = QuoteKind.DIRECT
            short = "," not in lead and _count_words(lead, 0, len(lead), 9) <= 8
            if stretch.start > low and not opens_sentence and short:
                pieces[0] = (_trim(text, low, stretch.start)[0], pieces[0][1])
                kind = QuoteKind.MIXED
            return _Found(pieces, kind, cue, speaker)
    position = after
    if frame == "tell" and pos != "noun":
        position = _addressee_end(ctx, position, high)
    opening = _THAT.match(text, position, high)
    content_start = opening.end() if opening else position
    right = ctx.quoted_inside(position, content_start + 2)
    if right < 0 and _only_colon(text, position, high):
        right = ctx.quoted_inside(high, high + 4)
    if speaker is None and (right < 0 or right in ctx.used or not speech):
        return None
    if speaker is None:
        speaker = _subject(ctx, low, cue_start)  # "X, who ... , said, “...”": the subject of the sentence
    if right >= 0 and right not in ctx.used and speech:
        stretch = ctx.quoted[right]
        rest = text[stretch.end : high].strip(" \t\u00a0.,;:!?")
        if _count_words(rest, 0, len(rest), 2) >= 2 and ctx.quoted_inside(stretch.end, high) != right + 1:
            end = _trim(text, stretch.start, high)[1]  # "said that “...” in 1972": reported speech with a quote
            return _Found([(content_start, max(end, stretch.end))], QuoteKind.MIXED, cue, speaker)
        indices = [right, *_follow(ctx, right, stretch.end)]
        ctx.used.update(indices)
        return _Found([(ctx.quoted[i].start, ctx.quoted[i].end) for i in indices], QuoteKind.DIRECT, cue, speaker)
    content = None
    clause = _content_after(ctx, content_start, high)
    if (speech or frame == "think") and (ends_clause or inverted or _PREPOSITIONAL.match(text, content_start)):
        head = text[low:clause_start].rstrip(" \t\u00a0")
        if head.endswith((",", "—", "–")) or (inverted and head.endswith(("”", '"'))):
            start, end = _trim(text, low, low + len(head))
            words = _count_words(text, start, end, 4)
            if end > start and (words >= 4 or (words >= 2 and clause is None)):
                content = (start, end)
    if content is None:
        content = clause
    if content is None:
        return None
    return _Found([content], QuoteKind.INDIRECT, cue, speaker)


def _ends_here(text: str, position: int, high: int) -> bool:
    """Tell whether the clause ends at *position*: only closing punctuation follows, or a comma or semicolon."""
    while position < high and text[position] in " \t\u00a0\n":
        position += 1
    if position < high and text[position] in ",;":
        return True
    while position < high and text[position] in ".!?\"”’'":
        position += 1
    while position < high and text[position] in " \t\u00a0\n":
        position += 1
    return position >= high


def _only_colon(text: str, position: int, high: int) -> bool:
    """Tell whether nothing but blanks and at most a colon stand between *position* and *high*."""
    while position < high and text[position] in " \t\u00a0":
        position += 1
    if position < high and text[position] == ":":
        position += 1
        while position < high and text[position] in " \t\u00a0":
            position += 1
    return position >= high


_AS_SAYING = re.compile(rf"{_B}{{1,2}}as{_B}{{1,2}}(?:saying|telling)")
_BY_FROM = re.compile(rf"{_B}{{1,2}}(?:by|from){_B}")
_ATTACHED_TIME = re.compile(
    r"[ \t\u00a0]{1,2}(?:in|on|last|this|late|early|earlier)[ \t\u00a0]{1,2}[\w-]{2,12}"
    r"(?:[ \t\u00a0]\d{1,4})?(?=[.,;!?]|\Z)"
)
_ADVERBS_AFTER_AND = ("also", "then", "later", "repeatedly")


def _and_before(before: str) -> bool:
    """Tell whether *before* (blanks stripped on the right) ends with ``,``, ``and`` or ``but``, an adverb after."""
    if not before.endswith(_ADVERBS_AFTER_AND):
        return _ends_with_and(before)
    for adverb in _ADVERBS_AFTER_AND:
        if before.endswith(adverb) and not _is_word(before[-len(adverb) - 1 : -len(adverb)] or " "):
            head = before[: -len(adverb)]
            trimmed = head.rstrip(" \t\u00a0")
            if 1 <= len(head) - len(trimmed) <= 2 and _ends_with_and(trimmed):
                return True
    return _ends_with_and(before)


def _ends_with_and(before: str) -> bool:
    if before.endswith(","):
        return True
    return before.endswith(("and", "but")) and not _is_word(before[-4:-3] or " ")


_PREPOSITIONAL = re.compile(r"(?:in|on|at|during|after|before|via|from|with|while)\b")


def _object_person(ctx: _Attributor, start: int, limit: int) -> Mention | None:
    """Return the first person named after *start* in its clause (``quoted adviser Jo Hill``)."""
    index = bisect.bisect_left(ctx.mention_starts, start)
    while index < len(ctx.mentions) and ctx.mentions[index].start < min(limit, start + 80):
        mention = ctx.mentions[index]
        if mention.kind is EntityKind.PERSON and mention.text.lower() == mention.text:
            index += 1
            continue
        if mention.kind is EntityKind.PERSON:
            return mention
        index += 1
    return None


def _subject(ctx: _Attributor, low: int, at: int) -> Mention | None:
    """Return the subject of the clause a participle (``, saying ...``) hangs on."""
    first = bisect.bisect_left(ctx.mention_starts, low)
    for mention in ctx.mentions[first : first + 6]:
        if mention.start >= at:
            break
        if ctx.within(mention.start):
            continue  # a name inside a quotation is not the subject
        if mention.kind in (EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.GROUP):
            return mention
        if mention.kind is EntityKind.OTHER and not ctx.text[low : mention.start].strip(" \t\u00a0\"“‘'"):
            return mention  # the name opening the sentence is its subject
    return None


def _source(ctx: _Attributor, low: int, high: int, cue_start: int, cue_end: int) -> _Found | None:
    """``according to X, CLAUSE`` and ``CLAUSE, according to X``."""
    text = ctx.text
    speaker = _speaker_after(ctx, cue_end, high)
    if speaker is None:
        phrase_end = cue_end
        for word in _WORD.finditer(text, cue_end, min(high, cue_end + 80)):
            if text[phrase_end : word.start()].strip(" \t\u00a0"):
                break
            phrase_end = word.end()
        start = cue_end + 1
        if phrase_end <= start:
            return None
        speaker = Mention(start=start, end=phrase_end, text=text[start:phrase_end], kind=EntityKind.OTHER)
    head = text[low:cue_start].strip(" \t\u00a0,")
    if _count_words(head, 0, len(head), 3) >= 3:
        start, end = _trim(text, low, cue_start)
    else:
        comma = text.find(",", speaker.end, high)
        if comma < 0:
            return None
        start, end = _trim(text, comma + 1, high)
    if end - start < 3:
        return None
    return _Found([(start, end)], QuoteKind.INDIRECT, (cue_start, cue_end), speaker)


_POSSESSOR = re.compile(rf"(['’]s?|\b(?:his|her|their|its|my|our))(?:{_B}{{1,2}}[a-z-]{{2,20}})?{_B}{{1,2}}\Z")
_NOUN_TAIL = re.compile(rf"(?:{_B}{{1,2}}by[^,.;]{{0,60}}?)?(?:,?{_B}{{0,2}}(that|to|for|of|on|against|:)){_B}{{0,2}}")


def _noun_cue(ctx: _Attributor, low: int, high: int, cue_start: int, cue_end: int, frame: str) -> _Found | None:
    """``Hill's claim that CLAUSE``, ``a request by Hill to ...``, ``his call for ...``."""
    text = ctx.text
    speaker: Mention | None = None
    possessive = _POSSESSOR.search(text, max(low, cue_start - 40), cue_start)
    if possessive is not None:
        marker = possessive.group(1)
        if marker[0] in "'’":
            speaker = ctx.mention_ending(possessive.start(1)) or _noun_phrase(
                ctx, low, possessive.start(1), possessor=True
            )
        else:
            speaker = _pronoun(ctx, possessive.start(1), possessive.end(1))
    if speaker is None:
        connector = _BY_FROM.match(text, cue_end, high)
        if connector is not None:
            speaker = _speaker_after(ctx, connector.end(), high)
    if speaker is None:
        return None
    tail = _NOUN_TAIL.match(text, cue_end, high)
    if tail is None or (frame == "say" and tail.group(1) in ("for", "of", "on", "against")):
        return None
    content = _content_after(ctx, tail.end(), high)
    if content is None:
        return None
    return _Found([content], QuoteKind.INDIRECT, (cue_start, cue_end), speaker)


def _drop_nested(found: list[_Found]) -> list[_Found]:
    """Drop a statement reported inside the content of the one before ("she said officials believe ...").

    The outer quote already covers it: its cue and its speaker both stand inside the outer content.
    """
    kept: list[_Found] = []
    for item in found:
        outer = kept[-1] if kept else None
        if (
            outer is not None
            and item.cue is not None
            and item.speaker is not None
            and outer.speaker is not None
            and outer.pieces[0][0] <= item.cue[0] < outer.pieces[-1][1]
            and outer.pieces[0][0] <= item.speaker.start
        ):
            continue
        kept.append(item)
    return kept


def _leftovers(ctx: _Attributor, found: list[_Found], options: QuoteOptions) -> None:
    """Attach quoted stretches no cue claimed: continuations of the last speaker."""
    text = ctx.text
    covered = sorted((f.pieces[0][0], f.pieces[-1][1]) for f in found)
    quoters = sorted(
        (
            (f.pieces[-1][1], f.speaker)
            for f in found
            if f.kind is QuoteKind.DIRECT and f.speaker is not None and f.speaker.kind is not EntityKind.OTHER
        ),
        key=lambda item: item[0],
    )
    covered_starts = [c[0] for c in covered]
    for index, stretch in enumerate(ctx.quoted):
        if index in ctx.used:
            continue
        at = bisect.bisect_right(covered_starts, stretch.start) - 1
        if at >= 0 and covered[at][1] >= stretch.end:
            continue  # inside reported speech: a mixed quote
        if _count_words(text, stretch.start, stretch.end, options.min_words) < options.min_words:
            continue
        sentence = ctx.sentence_at(stretch.start)
        if sentence is None:
            continue
        before = text[max(sentence.start, stretch.start - 300) : stretch.start].strip(" \t\u00a0")
        if before and not before.endswith(":"):
            continue  # a quoted phrase inside a sentence that has no cue: not speech
        speaker = None
        if before.endswith(":"):
            # "Peggy Hill, CNN: “...”": a name and a colon introduce the quote
            colon = stretch.start - 1
            while colon > sentence.start and text[colon] != ":":
                colon -= 1
            named = ctx.mention_ending(colon)
            if named is None:
                comma = text.rfind(",", max(sentence.start, colon - 40), colon)
                named = ctx.mention_ending(comma) if comma > 0 else None
            if named is not None and named.kind in (EntityKind.PERSON, EntityKind.ORGANIZATION):
                ctx.used.add(index)
                found.append(_Found([(stretch.start, stretch.end)], QuoteKind.DIRECT, None, named))
                continue
        # The speaker of the last direct quote before, else of the last statement, in this or the previous paragraph
        for candidates in (quoters, ctx.speakers):
            last = bisect.bisect_left(candidates, stretch.start, key=lambda item: item[0]) - 1
            if last >= 0:
                previous = ctx.sentence_at(candidates[last][0])
                if previous is not None and sentence.paragraph - previous.paragraph <= 1:
                    speaker = candidates[last][1]
                    break
        if speaker is None and not options.unattributed:
            continue
        ctx.used.add(index)
        found.append(_Found([(stretch.start, stretch.end)], QuoteKind.DIRECT, None, speaker))


_SPAN_SLOTS = _slot_setters(Span, ("start", "end", "text"))
_QUOTE_SLOTS = _slot_setters(Quote, ("start", "end", "text", "kind", "fragments", "cue", "speaker"))


def _span(text: str, start: int, end: int) -> Span:
    """Return the span ``start:end`` of *text*, slots filled directly (``0 <= start <= end <= len(text)``)."""
    span = _new(Span)
    set_start, set_end, set_text = _SPAN_SLOTS
    set_start(span, start)
    set_end(span, end)
    set_text(span, text[start:end])
    return span


def _quote(ctx: _Attributor, item: _Found, quoted_pieces: dict[tuple[int, int], tuple[tuple[int, int], ...]]) -> Quote:
    text = ctx.text
    pieces: list[tuple[int, int]] = []
    for piece in item.pieces:
        pieces.extend(quoted_pieces.get(piece, (piece,)))
    start, end = pieces[0][0], pieces[-1][1]
    kind = item.kind if item.kind is QuoteKind.DIRECT else _kind(ctx, start, end)
    fragments = tuple(_span(text, a, b) for a, b in pieces) if len(pieces) > 1 else ()
    cue: Span | None = None
    if item.cue is not None:
        cue_start, cue_end = item.cue
        cue = _new(Span)
        set_span_start, set_span_end, set_span_text = _SPAN_SLOTS
        set_span_start(cue, cue_start)
        set_span_end(cue, cue_end)
        set_span_text(cue, text[cue_start:cue_end])
    # Quotes are made by the thousand: the slots are filled directly, without the checks of
    # ``Quote.__init__``, which hold by construction (every piece lies inside the text, in order).
    quote = _new(Quote)
    set_start, set_end, set_text, set_kind, set_fragments, set_cue, set_speaker = _QUOTE_SLOTS
    set_start(quote, start)
    set_end(quote, end)
    set_text(quote, text[start:end])
    set_kind(quote, kind)
    set_fragments(quote, fragments)
    set_cue(quote, cue)
    set_speaker(quote, item.speaker)
    return quote


def _in_order(pieces: list[tuple[int, int]]) -> bool:
    """Tell whether every piece ends after it starts and before the next one starts."""
    previous = -1
    for start, end in pieces:
        if start > end or start < previous:
            return False
        previous = end
    return True


def extract_quotes(
    article: Article | str,
    *,
    sentences: Sequence[Sentence] | None = None,
    mentions: Sequence[Mention] | None = None,
    options: QuoteOptions | None = None,
) -> tuple[Quote, ...]:
    """Return the attributed statements of *article*, sorted by offset.

    >>> [(q.kind.name, q.speaker.name) for q in extract_quotes("According to Jo Hill, prices will fall.")]
    [('INDIRECT', 'Jo Hill')]

    *sentences* and *mentions* are the article's sentences and mentions when
    already computed (as the pipeline does); otherwise they are computed here.
    Unbalanced quotation marks never raise: they are recovered locally and a
    :class:`~newscorpus.errors.QuoteWarning` is recorded.

    .. versionadded:: 0.2.0
    """
    options = options or _DEFAULT_OPTIONS
    text = article.text if isinstance(article, Article) else article
    paused = _pause_collector(text)
    try:
        if sentences is None:
            from newscorpus.text import sentences as split

            sentences = split(text)
        if mentions is None:
            mentions = extract_mentions(text, sentences=sentences)
        quotes, recovered = _quotes_of(text, sentences, mentions, options)
    finally:
        _resume_collector(paused)
    if recovered:
        where = f"article {article.id}" if isinstance(article, Article) else "the text"
        warnings.warn(QuoteWarning(f"{where}: recovered {recovered} unbalanced quotation mark(s)"), stacklevel=2)
    return quotes


def _quotes_of(
    text: str, sentences: Sequence[Sentence], mentions: Sequence[Mention], options: QuoteOptions
) -> tuple[tuple[Quote, ...], int]:
    """The body of :func:`extract_quotes`: the quotes, and the number of unbalanced marks recovered."""
    ends = list(map(_END, sentences))
    paragraph_ends: dict[int, int]
    if ends == sorted(ends):
        # Sentences in order (as split): the last of each paragraph ends it.
        paragraph_ends = dict(zip(map(_PARAGRAPH, sentences), ends, strict=True))
    else:
        paragraph_ends = {}
        for sentence in sentences:
            if paragraph_ends.get(sentence.paragraph, -1) < sentence.end:
                paragraph_ends[sentence.paragraph] = sentence.end
    ctx = _Attributor(text, sentences, mentions, [])
    quoted, recovered = quoted_stretches(text, sorted(paragraph_ends.values()), ctx.sentence_starts)
    ctx.set_quoted(quoted)
    found = _attribute(ctx, cached_lexicon(options.cues), options)
    found = _drop_nested(found)
    _leftovers(ctx, found, options)
    quoted_pieces = {(q.start, q.end): q.pieces for q in quoted if len(q.pieces) > 1}
    quotes: dict[tuple[int, int], Quote] = {}
    every_kind = len(options.kinds) == len(QuoteKind)
    for item in found:
        if not _in_order(item.pieces):
            continue  # pieces out of order: never return a broken span
        quote = _quote(ctx, item, quoted_pieces)
        if quote.end > quote.start and (every_kind or quote.kind in options.kinds):
            quotes.setdefault((quote.start, quote.end), quote)
    return tuple(quotes[key] for key in sorted(quotes)), recovered
