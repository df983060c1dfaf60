"""Events: what happened, who did it to whom, where and when, typed with PLOVER.

:func:`extract_events` finds each reported happening of an article and gives
it a PLOVER 2.0 type (and mode), its trigger, actors and recipients coded
with a country and a sector, its location and its date:

>>> import datetime
>>> from newscorpus.types import Article
>>> article = Article(
...     raw="Russian troops captured Vorzel village near Kyiv on Thursday.", date=datetime.date(2022, 2, 25)
... )
>>> event = extract_events(article)[0]
>>> event.type.value, event.trigger.text, [(a.text, a.country, a.sector) for a in event.actors]
('ASSAULT', 'captured', [('Russian troops', 'RUS', 'MIL')])
>>> event.location.text, event.location.country, event.date.value, event.date.stated
('Vorzel', 'UKR', datetime.date(2022, 2, 24), True)

How it works:

* one pass of one regular expression finds the first words of every trigger
  of the lexicon (:class:`EventLexicon`, data in ``newscorpus/data/events/``);
  the rest of a phrase ("held a telephonic conversation", "put ... on highest
  alert") is checked only where its first word occurs;
* within a clause the first trigger makes the event and the triggers that
  complete it are dropped ("agreed to organize humanitarian corridors" is one
  AGREE); "denied bombing" is a negated ASSAULT;
* the actor is the noun phrase before the trigger, the recipient the one
  after it; a passive ("was attacked by") is turned around; "X and Y" gives two
  actors, and a reciprocal type (agree, consult, cooperate) without a
  recipient makes them each other's recipients; a pronoun subject ("Iraq said
  it would allow") is the subject of the reporting verb, or the last actor;
* actors are coded with the gazetteer: demonyms ("Russian troops": RUS, MIL),
  metonyms ("the Kremlin", "Kyiv said": the government), organisations (UN, EU, NATO);
  the article's mentions give canonical names ("Putin": "Vladimir Putin");
* the location is the place a preposition introduces in the sentence ("in
  Vorzel", "near Kyiv"), else the dateline; the date is the time expression
  of the sentence nearest the trigger, resolved by :func:`~newscorpus.extract.timex.extract_timexes`;
  an event of the opening without one takes the latest day the opening names, and the main event, where
  the opening names none, the latest day stated where its acting person is named again ("Mrs Clinton
  told donors on Saturday"); else the article's date (``stated`` false);
* words before the trigger flag it negated ("did not attack"), hypothetical
  ("plans to", "could") or reported ("said"); casualty figures stated in the
  sentence are read (``killed``, ``injured``).

Speech alone is no event: PLOVER has no "make statement"; quotes are the
quote extractor's. A quote that reports an event ("they attacked us") yields it.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import operator
import re
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from newscorpus import _gazetteer as gaz
from newscorpus.errors import OptionsError
from newscorpus.extract import _event_args as args
from newscorpus.extract._event_lexicon import EventLexicon, TriggerEntry, TriggerMatch
from newscorpus.extract.mentions import _mention
from newscorpus.extract.quotes import _span
from newscorpus.types import (
    Article,
    DatePrecision,
    EntityKind,
    Event,
    EventDate,
    EventType,
    Mention,
    Sentence,
    Span,
    TimeExpr,
)

__all__ = ["EventLexicon", "EventOptions", "TriggerEntry", "TriggerMatch", "extract_events"]

# Types are looked up in tuples: a member is found by identity, without the Python-level hash of an enum.
_RECIPROCAL = (EventType.AGREE, EventType.CONSULT, EventType.COOPERATE)
_COOPERATIVE = (
    EventType.SUPPORT,
    EventType.AID,
    EventType.COOPERATE,
    EventType.CONCEDE,
    EventType.RETREAT,
    EventType.CONSULT,
)
_RECIPIENT_PREPOSITIONS = frozenset({"to", "against", "with", "on", "from", "at", "by"})
_HOSTILE = (EventType.ASSAULT, EventType.COERCE, EventType.SANCTION, EventType.PROTEST)
_PLACE_OBJECT = (EventType.ASSAULT, EventType.COERCE, EventType.PROTEST, EventType.MOBILIZE, EventType.RETREAT)
_CLAUSE_BREAK = re.compile(
    r"[;:]|,[ ](?:and|but|while|as|after|which|who|when|where)\b|\b(?:while|after|but|when|before|whereas)\b"
)
_VICTIM_TYPES = (EventType.ASSAULT, EventType.COERCE)  # "Five shot", "Dozens arrested": victims
_ACTOR_KINDS = frozenset({"country", "demonym", "igo", "metonym"})
_MAX_COMPLEMENT_WORDS = 8
_WINDOW = 200
_LEDE = 5
_LEDE_DATES = 8  # the sentences whose days may date the opening's events (captions and teasers count as sentences)
_SINCE = re.compile(r"\bsince\b[^,;:.!?]{0,80}$", re.IGNORECASE)
_DAY_WORD = re.compile(r"[A-Za-z][A-Za-z.']{1,11}|\d{4}|\d{1,2}/\d{1,2}")
_DENIAL = frozenset({"deny", "denies", "denied", "denying"})
_START = operator.attrgetter("start")


def _check_lexicon(instance: EventOptions, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, EventLexicon):
        raise OptionsError(f"lexicon must be an EventLexicon, got {type(value).__name__}")


def _types(value: object) -> frozenset[EventType] | None:
    if value is None:
        return None
    try:
        return frozenset(EventType(v) if isinstance(v, str) else v for v in value)  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        raise OptionsError(f"types takes EventType members or PLOVER type names, got {value!r}") from None


@attrs.frozen(kw_only=True)
class EventOptions:
    """How :func:`extract_events` finds events.

    * ``lexicon``: the trigger lexicon (:meth:`EventLexicon.default` when ``None``);
      add your own types or categories with ``EventLexicon.default() + EventLexicon.from_tsv(path)``;
    * ``types``: keep only events of these PLOVER types (all when ``None``);
    * ``negated``, ``hypothetical``: keep negated and hypothetical events
      (flagged) rather than dropping them;
    * ``dateline``: take the dateline's place when the sentence names none.

    >>> options = EventOptions(types={"ASSAULT"}, hypothetical=False)
    >>> [e.type.value for e in extract_events("Rebels attacked the base and plan to seize the town.", options=options)]
    ['ASSAULT']

    .. versionadded:: 0.2.0
    """

    lexicon: EventLexicon | None = attrs.field(default=None, validator=_check_lexicon)
    types: frozenset[EventType] | None = attrs.field(default=None, converter=_types)
    negated: bool = True
    hypothetical: bool = True
    dateline: bool = True


_DEFAULT_OPTIONS = EventOptions()


class _Sentence:
    """The tokens of one sentence, computed once where a trigger fires."""

    __slots__ = (
        "_places",
        "_reported",
        "in_timex",
        "lowers",
        "record",
        "span",
        "text",
        "token_starts",
        "tokens",
        "window",
    )

    def __init__(
        self,
        text: str,
        span: Span,
        record: Span,
        timexes: Sequence[TimeExpr],
        window: tuple[int, int],
        table: tuple[list[args.Token], list[int], list[str]],
    ) -> None:
        self.span = span
        self.record = record
        self.text = text
        self._reported: list[int] | None = None
        self._places: list[gaz.Hit] | None = None
        self.window = window
        self.tokens, starts, self.lowers = table
        self.token_starts = starts
        in_timex = self.in_timex = [False] * len(self.tokens)
        for timex in timexes:
            if span.start <= timex.start and timex.end <= span.end:
                for k in range(bisect.bisect_left(starts, timex.start), bisect.bisect_left(starts, timex.end)):
                    in_timex[k] = True

    @property
    def places(self) -> list[gaz.Hit]:
        """The gazetteer names of the sentence, with offsets into the article's text (found once)."""
        if self._places is None:
            # Capitalised words only: a name of several words is read from the text between them.
            words = [t for t in self.tokens if t.text[0].isupper()]
            self._places = gaz.find_in_words(self.text, words) if words else []
        return self._places


def _window(text: str, span: Span, low: int, high: int) -> tuple[int, int]:
    """Return the stretch of *span* from *low* to *high* widened to the blank before and narrowed to the blank
    before *high*, so that it holds whole words."""
    if low > span.start:
        low = text.rfind(" ", span.start, low) + 1 or span.start
    if high < span.end:
        cut = text.rfind(" ", low, high)
        high = cut if cut >= 0 else high
    return low, high


def _clauses(text: str, triggers: list[TriggerMatch]) -> list[tuple[TriggerMatch, int]]:
    """Keep the first trigger of each clause, with the offset its subject ends at.

    A trigger right after a denial ("denied bombing") replaces it and is
    negated; its subject is the denial's.
    """
    kept: list[tuple[TriggerMatch, int]] = []
    for match in triggers:
        if kept:
            previous, _ = kept[-1]
            between = text[previous.end : match.start]
            words = between.split()
            if len(words) <= _MAX_COMPLEMENT_WORDS and not _CLAUSE_BREAK.search(between):
                first = text[previous.start : previous.end].split()[0].lower()
                if first in _DENIAL and len(words) <= 2:
                    kept[-1] = (match, previous.start)
                elif (
                    not previous.entry.verb
                    and match.entry.verb
                    and not between.rstrip().endswith(" to")
                    and _nominal_subject(text, previous)
                ):
                    kept[-1] = (match, match.start)  # "A roadside bombing ... killed": the verb is the predicate
                continue
        kept.append((match, match.start))
    return kept


def _eventive(text: str, trigger: TriggerMatch) -> bool:
    """Tell whether a trigger reports a happening: not a noun after a preposition ("on the withdrawal"),
    not a participle used as an adjective ("the occupied West Bank")."""
    cues = args.cues()
    before = text[max(0, trigger.start - 30) : trigger.start].lower().split()[-2:]
    if not before:
        return True
    if not trigger.entry.verb:
        if text[trigger.start].isupper() and before[-1][-1:] not in ".!?:\"'”":
            return False  # "the Asia-Pacific Economic Cooperation forum": part of a name
        after_determiner = len(before) > 1 and before[-1] in cues.determiner and before[-2] in cues.nominal
        return not (before[-1] in cues.nominal or after_determiner)
    if before[-1] not in cues.determiner:
        return True
    first = text[trigger.start : trigger.end].split()[0].lower()
    return not first.endswith(("ed", "ing"))


def _nominal_subject(text: str, trigger: TriggerMatch) -> bool:
    """Tell whether a noun trigger opens its clause as a subject ("A roadside bombing ... killed")."""
    before = text[max(0, trigger.start - 40) : trigger.start].split()
    if not before or before[-1][-1:] in ".,;:!?\"'”":
        return True
    cues = args.cues()
    words = [w.lower() for w in before[-3:]]
    at = len(words) - 1 if words[-1] in cues.determiner else len(words) - 2
    if at < 0 or words[at] not in cues.determiner:
        return False
    if at == 0:
        return len(before) <= 3 or before[-4][-1:] in ".,;:!?\"'”"
    previous = words[at - 1]
    # "continuing a hunger strike": the noun is an object; "near the town, a bombing": a subject
    return previous[-1:] in ".,;:!?\"'”" or previous in cues.location or previous in cues.nominal


def _flags(sentence: _Sentence, index: int, trigger: TriggerMatch) -> tuple[bool, bool, bool, bool, bool]:
    """Return (negated, hypothetical, intent, threat, reported) from the words around the trigger."""
    cues = args.cues()
    toks = sentence.tokens
    j = index - 1  # back over up to four words, nearest first
    stop = index - 5
    while j > stop and j >= 0 and toks[j].text[0].isalnum():
        j -= 1
    before = sentence.lowers[j + 1 : index][::-1]
    # Two-word cues ("going to") are looked for only where a word before the trigger may close one.
    if _pair_closers().isdisjoint(before[:-1]):
        pairs: frozenset[str] | set[str] = frozenset()
    else:
        pairs = {f"{before[k + 1]} {before[k]}" for k in range(len(before) - 1)}
    near = before[:3]
    negated = not (cues.negation.isdisjoint(before) and cues.negation.isdisjoint(pairs))
    hypothetical = not (cues.hypothetical.isdisjoint(near) and cues.hypothetical.isdisjoint(pairs))
    intent = not (cues.intent.isdisjoint(near) and cues.intent.isdisjoint(pairs))
    threat = not (cues.threat.isdisjoint(near) and cues.threat.isdisjoint(pairs))
    if sentence._reported is None:
        sentence._reported = _reporting_at(toks, sentence.lowers)
    cued = sentence._reported
    # The cues are in order: one lies outside the trigger where the first or the last does.
    reported = bool(cued) and (cued[0] < trigger.start or cued[-1] >= trigger.end)
    return negated, hypothetical, intent, threat, reported


@functools.cache
def _pair_closers() -> frozenset[str]:
    """Return the last words of the two-word cues of negation, hypothesis, intent and threat."""
    cues = args.cues()
    return frozenset(
        cue.split()[1]
        for kind in (cues.negation, cues.hypothetical, cues.intent, cues.threat)
        for cue in kind
        if len(cue.split()) == 2
    )


def _reporting_at(toks: Sequence[args.Token], lowers: list[str] | None = None) -> list[int]:
    """Return the offsets of the reporting cues ("said", "according to") among the tokens of a sentence.

    *lowers* are the tokens' lower cases, where the caller has them.
    """
    single, phrases, firsts = _reporting()
    if lowers is None:
        lowers = [t.lower for t in toks]
    present = firsts.intersection(lowers)
    if not present:
        return []
    at: list[int] = []
    for word in present:  # each cue word where it occurs: list.index finds them without a loop over every token
        k = -1
        for _ in range(lowers.count(word)):
            k = lowers.index(word, k + 1)
            at.append(k)
    at.sort()
    found = []
    for k in at:
        word = lowers[k]
        if word in single or any(tuple(lowers[k + 1 : k + 1 + len(rest)]) == rest for rest in phrases.get(word, ())):
            found.append(toks[k].start)
    return found


@functools.cache
def _reporting() -> tuple[frozenset[str], dict[str, list[tuple[str, ...]]], frozenset[str]]:
    """Return the one-word reporting cues, the later words of the others by their first word, and the words
    any cue opens with."""
    single = frozenset(w for w in args.cues().reported if " " not in w)
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for cue in args.cues().reported:
        if " " in cue:
            first, *rest = cue.split()
            phrases.setdefault(first, []).append(tuple(rest))
    return single, phrases, single | frozenset(phrases)


def extract_events(
    article: Article | str,
    *,
    sentences: Sequence[Sentence] | None = None,
    timexes: Sequence[TimeExpr] | None = None,
    mentions: Sequence[Mention] | None = None,
    options: EventOptions | None = None,
) -> tuple[Event, ...]:
    """Return the events *article* reports, by offset, the article's main event flagged.

    >>> events = extract_events("Russia and Ukraine agreed to organize humanitarian corridors.")
    >>> [(e.type.value, [a.country for a in e.actors], e.reciprocal, e.date) for e in events]
    [('AGREE', ['RUS', 'UKR'], True, None)]

    *sentences*, *timexes* and *mentions* are the article's sentences, time
    expressions and mentions when already computed (as the pipeline does);
    otherwise they are computed here.

    .. versionadded:: 0.2.0
    """
    options = options or _DEFAULT_OPTIONS
    if not isinstance(article, Article):
        article = Article(raw=str(article))
    text = article.text
    lexicon = options.lexicon or EventLexicon.default()
    triggers = list(lexicon.find(text))
    if options.types is not None:
        triggers = [t for t in triggers if t.entry.type in options.types]
    if not triggers:
        return ()
    if sentences is None:
        from newscorpus.text import sentences as split

        sentences = split(article)
    if timexes is None:
        from newscorpus.extract.timex import extract_timexes

        timexes = extract_timexes(article, sentences=tuple(sentences) or None)
    if mentions is None:
        from newscorpus.extract.mentions import extract_mentions

        mentions = extract_mentions(article, sentences=sentences)
    sentence_starts = [s.start for s in sentences]
    mention_starts = [m.start for m in mentions]
    by_sentence: dict[int, list[TriggerMatch]] = {}
    for trigger in triggers:
        if not _eventive(text, trigger):
            continue
        at = bisect.bisect_right(sentence_starts, trigger.start) - 1
        if at >= 0 and trigger.end <= sentences[at].end:
            by_sentence.setdefault(at, []).append(trigger)
    dateline = None
    if options.dateline and sentences:
        second = sentences[min(1, len(sentences) - 1)].start
        dateline = args.dateline_place(text, 0) or args.dateline_place(text, second)
    found: list[dict[str, Any]] = []
    last_actors: tuple[Mention, ...] = ()
    focus: tuple[Mention | None] | None = None
    lede_date: tuple[EventDate | None] | None = None
    timexes = sorted(timexes, key=_START)
    timex_starts = [t.start for t in timexes]
    for at in sorted(by_sentence):
        span = sentences[at]
        record = _span(text, span.start, span.end)
        clauses = _clauses(text, by_sentence[at])
        # Each event reads the words around its trigger only, so the work per event is bounded; events of a short
        # sentence share its words, and the windows of events close together share one split into tokens.
        keys = [(max(span.start, head - _WINDOW), min(span.end, trigger.end + _WINDOW)) for trigger, head in clauses]
        # The keys grow with the triggers: the events of one window follow each other and share its words.
        runs = [_window(text, span, *key) for n, key in enumerate(keys) if not n or key != keys[n - 1]]
        tables = args.token_tables(text, runs)  # made one at a time, as the events need them
        made: tuple[tuple[int, int], _Sentence] | None = None
        for (trigger, head), key in zip(clauses, keys, strict=True):
            low, high = key
            near = timexes[bisect.bisect_left(timex_starts, low) : bisect.bisect_left(timex_starts, high)]
            if made is None or made[0] != key:
                made = (key, _Sentence(text, span, record, near, _window(text, span, low, high), next(tables)))
            sentence = made[1]
            fields = _event(text, article, sentence, trigger, head, near, mentions, mention_starts, last_actors)
            if fields is None:
                continue
            if (fields["negated"] and not options.negated) or (fields["hypothetical"] and not options.hypothetical):
                continue
            if fields["location"] is None and dateline is not None:
                fields["location"], fields["location_source"] = dateline, "dateline"
            if fields["location"] is None and options.dateline:
                if focus is None:
                    focus = (_focus(sentences, mentions),)
                if focus[0] is not None:
                    fields["location"], fields["location_source"] = focus[0], "article"
            date = fields["date"]
            if at <= _LEDE and (date is None or not date.stated):
                if lede_date is None:
                    lede_date = (_lede_date(text, sentences, timexes, article.date),)
                if lede_date[0] is not None:
                    fields["date"] = lede_date[0]  # the opening's events are the lede's
            if fields["actors"]:
                last_actors = fields["actors"]
            found.append(fields)
    if not found:
        return ()
    main = found[_main(found, sentence_starts)]
    main["main"] = True
    if main["date"] is None or not main["date"].stated:
        # The main event is the lede's: without a date of its own it takes the lede's day.
        if lede_date is None:
            lede_date = (_lede_date(text, sentences, timexes, article.date),)
        if lede_date[0] is not None:
            main["date"] = lede_date[0]
        else:
            # The opening names no day: the day given where the article names the acting person again
            # ("Mrs Clinton told donors on Saturday").
            said = _person_date(text, sentences, timexes, mentions, main["actors"], main["trigger"], article.date)
            if said is not None:
                main["date"] = said
    return tuple(Event(**fields) for fields in found)


def _event(
    text: str,
    article: Article,
    sentence: _Sentence,
    trigger: TriggerMatch,
    head: int,
    timexes: Sequence[TimeExpr],
    mentions: Sequence[Mention],
    mention_starts: Sequence[int],
    last_actors: tuple[Mention, ...],
) -> dict[str, Any] | None:
    """Return the fields of the event *trigger* signals, or ``None``."""
    toks = sentence.tokens
    if not toks:
        return None
    lowers = sentence.lowers
    starts = sentence.token_starts
    index = max(0, bisect.bisect_right(starts, trigger.start) - 1)  # the token an offset falls in
    end_index = max(0, bisect.bisect_right(starts, trigger.end - 1) - 1) + 1
    entry: TriggerEntry = trigger.entry
    trigger_text = text[trigger.start : trigger.end]
    head_index = max(0, bisect.bisect_right(starts, head) - 1)
    negated, hypothetical, intent, threat, reported = _flags(sentence, head_index, trigger)
    negated = negated or head != trigger.start
    event_type, mode = entry.type, entry.mode
    # PLOVER codes a stated intention to cooperate as AGREE and one to use force as THREATEN.
    if intent and not negated and event_type is EventType.AGREE:
        hypothetical = False  # "will support", "is ready to": a promise is an agreement made
    elif intent and not negated and event_type in _COOPERATIVE:
        event_type, mode, hypothetical = EventType.AGREE, event_type.value.lower(), False
    elif threat and not negated and event_type in _HOSTILE:
        event_type, mode, hypothetical = EventType.THREATEN, event_type.value.lower(), False

    cues = args.cues()
    if entry.verb or head != trigger.start:
        subject = args.subject_phrase(toks, head_index, sentence.in_timex)
    elif gaz.sector(trigger_text) is not None:
        subject = args.subject_phrase(toks, end_index, sentence.in_timex)  # "protesters": the trigger names the actor
    else:
        j = head_index - 1  # "organized a general strike": the subject of the verb before the noun
        content = 0
        verb = False
        while j >= 0 and head_index - j <= 5 and toks[j].text.islower():
            word = toks[j].lower
            if word in cues.auxiliary or word in cues.determiner:
                j -= 1
                continue
            verb_like = word.endswith(("ed", "ing")) or (j > 0 and toks[j - 1].lower in cues.auxiliary)
            if word in cues.boundary or content > 1 or (content and not verb_like):
                break
            content += 1  # the verb and one adjective: "staged a general strike", "will extend the night-time curfew"
            verb = verb or verb_like
            j -= 1
        # Without a verb the words before the noun modify it ("rally shooting", "massive rescue"): no subject.
        walked = j + 1 < head_index and (verb or not content)
        subject = args.subject_phrase(toks, j + 1, sentence.in_timex) if walked else None
    obj = args.object_phrase(toks, end_index, sentence.in_timex)
    if subject is None and entry.verb and head_index > 0 and toks[head_index - 1].lower in (",", "to"):
        subject = args.leading_phrase(toks)  # ", killing 12", "sent ... to investigate": the sentence's subject
    if obj is None or not any(toks[k].text[:1].isupper() for k in range(obj[0], obj[1])):
        named = args.named_after(toks, end_index, sentence.in_timex, _RECIPIENT_PREPOSITIONS)
        if named is not None:
            obj = named
    passive = entry.verb and args.is_passive(toks, index, trigger_text)
    headline = entry.verb and not passive and event_type in _VICTIM_TYPES
    if headline and args.is_headline_passive(toks, index, end_index, subject):
        # "Five shot in Seattle", "Seven killed by gunmen": the count is what happened to
        subject, obj = args.agent_after(toks, end_index, sentence.in_timex), subject
        passive = True
    elif passive:
        agent = args.agent_after(toks, end_index, sentence.in_timex)
        subject, obj = agent, subject
    elif subject is None and head_index > 0:
        subject = args.leading_phrase(toks)  # the sentence's opening noun phrase acts
        if subject is not None and subject[1] >= head_index and not entry.verb and head == trigger.start:
            # A noun trigger inside the opening phrase ("Seattle shooting", "Trump rally shooting"): the words
            # before it act only where they name a country, a people or an organisation ("Israeli airstrikes").
            start, stop = toks[subject[0]].start, toks[head_index].start
            coded = subject[0] < head_index and (
                any(hit.kind in _ACTOR_KINDS and hit.end <= stop and hit.start >= start for hit in sentence.places)
                or _names_someone(text, start, stop, mentions, mention_starts)
            )
            subject = (subject[0], head_index) if coded else None

    found: list[Mention | None] = []

    def speaker() -> Mention | None:
        """The subject of a reporting verb before the trigger, looked for only when a phrase needs it."""
        if not found:
            found.append(_speaker(text, sentence, index, mentions, mention_starts))
        return found[0]

    def acting_owner() -> Mention | None:
        return speaker() or (last_actors[0] if last_actors else None)

    def build(span: tuple[int, int] | None, owner: Callable[[], Mention | None]) -> tuple[Mention, ...]:
        if span is None:
            return ()
        out = []
        compound = "and" in lowers[span[0] : span[1]]
        parts = args.split_compound(text, toks, span, sentence.places) if compound else [span]
        for s, e in parts:
            start, end = toks[s].start, toks[e - 1].end
            # Only "its", "their" ... take their owner's country: ask for the owner then alone.
            owned = toks[s].lower in args.OWNERS and text[start:end].split()[0].lower() in args.OWNERS
            whose = owner() if owned else None
            out.append(args.make_mention(text, start, end, mentions, mention_starts, whose, sentence.places))
        return tuple(out)

    actors = build(subject, acting_owner)
    if len(actors) == 1 and actors[0].text.lower() in cues.pronoun:
        said = speaker()
        actors = (said,) if said is not None else last_actors
    if actors and any(a.country is None for a in actors):
        actors = tuple(_with_context_country(a, sentence) for a in actors)
    recipients = build(obj, lambda: actors[0] if actors else None)
    if recipients:
        recipients = tuple(r for r in recipients if r.text.lower() not in cues.pronoun)
    reciprocal = False
    if entry.type in _RECIPROCAL and len(actors) > 1:
        recipients, reciprocal = actors, True

    direct = obj[0] if obj is not None and entry.type in _PLACE_OBJECT and not passive else None
    if entry.type in _PLACE_OBJECT and not passive:
        # "blocked the Europe Bridge": a frame with a gap may hold its object
        inside = next((k for k in range(index + 1, end_index) if toks[k].text[:1].isupper()), None)
        direct = inside if inside is not None else direct
    low, high = sentence.window
    nearby = mentions[bisect.bisect_left(mention_starts, low) : bisect.bisect_left(mention_starts, high)]
    places = _places_outside_people(sentence.places, nearby)
    located = args.location_of(text, toks, index, nearby, places, direct, sentence.token_starts, sentence.lowers)
    location = located[0] if located else None
    killed, injured = args.casualties(text[low:high])
    trigger_span = _span(text, trigger.start, trigger.end)
    return {
        "type": event_type,
        "mode": mode,
        "category": entry.category,
        "trigger": trigger_span,
        "sentence": sentence.record,
        "actors": actors,
        "recipients": recipients,
        "reciprocal": reciprocal,
        "location": location,
        "location_source": "clause" if location is not None else None,
        "date": args.date_of(timexes, sentence.span, trigger_span, article.date, text),
        "negated": negated,
        "hypothetical": hypothetical and not negated,
        "reported": reported,
        "killed": killed,
        "injured": injured,
    }


def _names_someone(
    text: str, start: int, stop: int, mentions: Sequence[Mention], mention_starts: Sequence[int]
) -> bool:
    """Tell whether the words from *start* to *stop* are a person's or an organisation's name ("Lady Gaga protests")."""
    at = bisect.bisect_left(mention_starts, start)
    if at == len(mentions) or mentions[at].start != start:
        return False
    mention = mentions[at]
    return mention.kind in (EntityKind.PERSON, EntityKind.ORGANIZATION) and not text[mention.end : stop].strip()


def _with_context_country(actor: Mention, sentence: _Sentence) -> Mention:
    """Give an actor the text does not code the country its sentence names first, outside the actor itself
    ("President Museveni threatened Ugandan opposition candidates": UGA), as event coders read context."""
    if actor.country is not None:
        return actor
    for hit in sentence.places:
        if actor.start <= hit.start < actor.end or hit.kind not in ("country", "demonym", "capital", "city", "region"):
            continue
        return _mention(actor.start, actor.end, actor.text, actor.kind, actor.name, hit.code, actor.sector)
    return actor


def _speaker(
    text: str, sentence: _Sentence, index: int, mentions: Sequence[Mention], mention_starts: Sequence[int]
) -> Mention | None:
    """Return the subject of the reporting verb before token *index* ("Iraq said it ..."), if any."""
    cues = args.cues()
    toks = sentence.tokens
    for j in range(index - 1, -1, -1):
        if toks[j].lower in cues.reported:
            span = args.subject_phrase(toks, j, sentence.in_timex)
            if span is None:
                return None
            start, end = toks[span[0]].start, toks[span[1] - 1].end
            return args.make_mention(text, start, end, mentions, mention_starts, None, sentence.places)
    return None


def _lede_date(
    text: str, sentences: Sequence[Sentence], timexes: Sequence[TimeExpr], reference: dt.date | None
) -> EventDate | None:
    """Return the latest day the opening sentences state within the week before the article's date, or ``None``.

    News leads with the latest happening; earlier days in the opening are background ("after Tuesday's vote").
    """
    end = sentences[min(_LEDE_DATES, len(sentences) - 1)].end
    best: tuple[dt.date, TimeExpr] | None = None
    for timex in timexes:
        if timex.start >= end:
            break
        parsed = args.timex_date(timex)
        if parsed is None or parsed[1] is not DatePrecision.DAY or not _names_day(timex.text):
            continue
        if _SINCE.search(text, max(0, timex.start - 80), timex.start):
            continue  # "protests since his victory was confirmed on Wednesday": when a state began, background
        if reference is not None and not reference - dt.timedelta(days=7) <= parsed[0] <= reference:
            continue
        if best is None or parsed[0] > best[0]:
            best = (parsed[0], timex)
    if best is None:
        return None
    day, timex = best
    return EventDate(value=day, precision=DatePrecision.DAY, stated=True, text=Span.of(text, timex.start, timex.end))


def _person_date(
    text: str,
    sentences: Sequence[Sentence],
    timexes: Sequence[TimeExpr],
    mentions: Sequence[Mention],
    actors: Sequence[Mention],
    trigger: Span,
    reference: dt.date | None,
) -> EventDate | None:
    """Return the latest day within the week before the article's date that a sentence after *trigger* states
    where it names one of the acting people again (by surname), or ``None``.

    Like the opening, the article's later mentions of its main actor lead with the latest happening.
    """
    surnames = {a.name.split()[-1] for a in actors if a.name[:1].isupper()}
    if reference is None or not surnames:
        return None
    sentence_starts = [s.start for s in sentences]
    timex_starts = [t.start for t in timexes]
    best: tuple[dt.date, TimeExpr] | None = None
    done = -1  # the last sentence read
    for mention in mentions:
        if mention.start < trigger.end or mention.kind is not EntityKind.PERSON:
            continue
        if mention.name.split()[-1] not in surnames:
            continue
        at = bisect.bisect_right(sentence_starts, mention.start) - 1
        if at <= done:
            continue
        done = at
        sentence = sentences[at]
        for timex in timexes[bisect.bisect_left(timex_starts, sentence.start) :]:
            if timex.start >= sentence.end:
                break
            parsed = args.timex_date(timex)
            if parsed is None or parsed[1] is not DatePrecision.DAY or not _names_day(timex.text):
                continue
            if not reference - dt.timedelta(days=7) <= parsed[0] <= reference:
                continue
            if (best is None or parsed[0] > best[0]) and not _SINCE.search(text, max(0, timex.start - 80), timex.start):
                best = (parsed[0], timex)
    if best is None:
        return None
    day, timex = best
    return EventDate(value=day, precision=DatePrecision.DAY, stated=True, text=Span.of(text, timex.start, timex.end))


def _names_day(text: str) -> bool:
    """Tell whether a time expression names its day ("on Wednesday", "Nov. 9", "yesterday"), not a clock time only."""
    clock = args.cues().clock
    return any(word.lower().rstrip(".") not in clock for word in _DAY_WORD.findall(text))


def _places_outside_people(places: Sequence[gaz.Hit], mentions: Sequence[Mention]) -> list[gaz.Hit]:
    """Drop the towns that open a person's name ("Vladimir" in "Vladimir Putin")."""
    towns = [h for h in places if h.kind == "city"]
    if not towns:
        return list(places)
    starts = [m.start for m in mentions]
    keep = []
    for hit in places:
        if hit.kind == "city":
            at = bisect.bisect_right(starts, hit.start) - 1
            m = mentions[at] if at >= 0 else None
            if m is not None and m.kind is EntityKind.PERSON and m.start <= hit.start and hit.end < m.end:
                continue
        keep.append(hit)
    return keep


def _focus(sentences: Sequence[Sentence], mentions: Sequence[Mention]) -> Mention | None:
    """Return the place the opening of an article names most (a town before a country), or ``None``.

    The places are the article's mentions that the gazetteer knows as a town, region or country.
    """
    if not sentences:
        return None
    end = sentences[min(_LEDE, len(sentences) - 1)].end
    opening = {sentence.start for sentence in sentences[: _LEDE + 1]}
    counts: dict[str, list[tuple[Mention, str, str]]] = {}
    for mention in mentions:
        if mention.start >= end:
            break
        if mention.kind not in (EntityKind.PLACE, EntityKind.OTHER):
            continue
        found = gaz.lookup(mention.text)
        if found is None or found[1] not in ("city", "capital", "region", "country"):
            continue
        counts.setdefault(mention.text, []).append((mention, found[0], found[1]))
    # A town named only where a sentence opens may be an ordinary word ("Mobile phone records").
    counts = {
        name: found
        for name, found in counts.items()
        if found[0][2] != "city" or any(m.start not in opening for m, _, _ in found)
    }
    if not counts:
        return None
    ranked = sorted(counts.values(), key=lambda found: (found[0][2] == "country", -len(found), found[0][0].start))
    mention, code, _ = ranked[0][0]
    return _mention(mention.start, mention.end, mention.text, EntityKind.PLACE, mention.name, code, mention.sector)


def _main(events: Sequence[dict[str, Any]], sentence_starts: Sequence[int]) -> int:
    """Return the index of the main event: the first one that happened, in the opening sentences, else the first."""
    opening = [n for n, e in enumerate(events) if bisect.bisect_right(sentence_starts, e["trigger"].start) - 1 <= 3]
    happened = [n for n in opening if not (events[n]["negated"] or events[n]["hypothetical"])]
    with_actor = [n for n in happened if events[n]["actors"]]
    for candidates in (with_actor, happened, opening):
        if candidates:
            return candidates[0]
    return 0
