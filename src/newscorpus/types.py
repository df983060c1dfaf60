"""The records newscorpus reads and produces.

All records are frozen, keyword-only, slotted :mod:`attrs` classes.
Collections inside them are tuples, so records are immutable and hashable
(except where a free-form mapping is carried, which is left out of the hash).
Make variants with :func:`attrs.evolve`.

Every extracted piece is a :class:`Span`: ``start`` and ``end`` are character
offsets into :attr:`Article.text`, and ``article.text[start:end] == span.text``.
:meth:`Article.to_raw` maps those offsets back into :attr:`Article.raw`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
import hashlib
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from newscorpus.errors import OptionsError, SpanError

__all__ = [
    "Article",
    "DatePrecision",
    "Document",
    "EntityKind",
    "Event",
    "EventDate",
    "EventType",
    "Mention",
    "Origin",
    "Quote",
    "QuoteKind",
    "Removal",
    "Segment",
    "Sentence",
    "Span",
    "StageError",
    "TimeExpr",
    "TimexType",
]


def _non_negative(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 0:
        raise SpanError(f"{attribute.name} must be >= 0, got {value}")


def _check_span(instance: Span, attribute: attrs.Attribute[str], value: str) -> None:
    """Check the whole span at once: ``0 <= start <= end`` and ``len(text) == end - start``.

    One validator on the last of the three fields, rather than one per field:
    spans are the records made most often, and each validator is a call.
    """
    start = instance.start
    end = instance.end
    if 0 <= start <= end and len(value) == end - start:
        return
    if start < 0:
        raise SpanError(f"start must be >= 0, got {start}")
    if end < 0:
        raise SpanError(f"end must be >= 0, got {end}")
    if end < start:
        raise SpanError(f"end ({end}) is before start ({start})")
    raise SpanError(f"text has {len(value)} characters but the span {start}:{end} covers {end - start}")


@attrs.frozen(kw_only=True)
class Span:
    """A stretch of characters of an article's text.

    >>> text = "Putin spoke on Thursday."
    >>> span = Span.of(text, 15, 23)
    >>> span
    Span(start=15, end=23, text='Thursday')
    >>> text[span.start:span.end] == span.text
    True

    .. versionadded:: 0.1.0
    """

    start: int
    end: int
    text: str = attrs.field(validator=_check_span)

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """Return the span ``start:end`` of *text*, taking its characters from *text*."""
        if not 0 <= start <= end <= len(text):
            raise SpanError(f"span {start}:{end} is outside a text of {len(text)} characters")
        return cls(start=start, end=end, text=text[start:end])

    def fits(self, text: str) -> bool:
        """Tell whether this span slices out of *text* exactly."""
        return self.end <= len(text) and text[self.start : self.end] == self.text

    def __len__(self) -> int:
        return self.end - self.start


@attrs.frozen(kw_only=True)
class Sentence(Span):
    """A sentence (or a headline-like line) of an article's text.

    ``paragraph`` is the 0-based index of the paragraph it belongs to.

    .. versionadded:: 0.1.0
    """

    paragraph: int = attrs.field(default=0, validator=_non_negative)


class EntityKind(enum.Enum):
    """What a :class:`Mention` names.

    .. versionadded:: 0.1.0
    """

    PERSON = "PERSON"
    ORGANIZATION = "ORGANIZATION"
    PLACE = "PLACE"
    GROUP = "GROUP"
    OTHER = "OTHER"


@attrs.frozen(kw_only=True)
class Mention(Span):
    """A span naming a person, organisation, place or group.

    ``name`` is the canonical name the mention resolves to within its article
    (``"he"`` or ``"Putin"`` may resolve to ``"Vladimir Putin"``); ``country``
    is an ISO 3166-1 alpha-3 code and ``sector`` a free label such as
    ``"GOV"`` or ``"MIL"``, where known.

    .. versionadded:: 0.1.0
    """

    kind: EntityKind = EntityKind.OTHER
    name: str = attrs.field()
    country: str | None = None
    sector: str | None = None

    @name.default
    def _name_default(self) -> str:
        return self.text


class TimexType(enum.Enum):
    """The TIMEX3 type of a :class:`TimeExpr`.

    .. versionadded:: 0.1.0
    """

    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


@attrs.frozen(kw_only=True)
class TimeExpr(Span):
    """A temporal expression with its TimeML TIMEX3 normalisation.

    ``value`` is the TIMEX3 value string (``"2022-02-24"``, ``"2022-W08"``,
    ``"P3M"``, ``"PAST_REF"``, ``"XXXX-WXX-4"``, ...). ``earliest`` and
    ``latest`` are the first and last calendar day the value covers, where it
    names a stretch of the calendar; ``reference`` is the date relative
    expressions were resolved against; ``mod`` is the TIMEX3 modifier
    (``"EARLY"``, ``"APPROX"``, ...).

    .. versionadded:: 0.1.0
    """

    type: TimexType
    value: str
    earliest: dt.date | None = None
    latest: dt.date | None = None
    reference: dt.date | None = None
    mod: str | None = None


class QuoteKind(enum.Enum):
    """How a :class:`Quote` reports speech.

    ``DIRECT``: every piece is inside quotation marks; ``MIXED``: quotation
    marks inside reported speech; ``INDIRECT``: none.

    .. versionadded:: 0.1.0
    """

    DIRECT = "direct"
    MIXED = "mixed"
    INDIRECT = "indirect"


@attrs.frozen(kw_only=True)
class Quote(Span):
    """Who said what: the content span, its pieces, the cue and the speaker.

    The span runs from the first to the last piece of content;
    ``fragments`` holds the pieces when the quote is interrupted
    (``"We will stay," he said, "and fight."``) and is empty otherwise.

    .. versionadded:: 0.1.0
    """

    kind: QuoteKind
    fragments: tuple[Span, ...] = ()
    cue: Span | None = None
    speaker: Mention | None = None


class EventType(enum.Enum):
    """The sixteen PLOVER 2.0 event types.

    .. versionadded:: 0.1.0
    """

    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"


class DatePrecision(enum.Enum):
    """How precise a date is.

    .. versionadded:: 0.1.0
    """

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


@attrs.frozen(kw_only=True)
class EventDate:
    """When an event happened.

    ``value`` is the first day of the period ``precision`` describes;
    ``stated`` is true when the text gives the date (``"on Thursday"``) and
    false when it was taken from the article's publication date.
    ``text`` is the time expression the date was read from, when stated.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       Added ``text``.
    """

    value: dt.date
    precision: DatePrecision = DatePrecision.DAY
    stated: bool = False
    text: Span | None = None


@attrs.frozen(kw_only=True)
class Event:
    """What happened, who did it to whom, where and when.

    ``type`` is the PLOVER type and ``mode`` its sub-type (``"firearms"``);
    ``category`` is a label of the user's own scheme (an ACLED category, say)
    given by the lexicon entry that fired. ``reciprocal`` marks events whose
    actors are each other's recipients ("Russia and Ukraine agreed").
    ``location_source`` tells where the location was read: ``"clause"`` (the
    event's own sentence) or ``"dateline"``. ``killed`` and ``injured`` are
    casualty figures where the sentence states them. ``negated``,
    ``hypothetical`` (planned, possible, conditional) and ``reported``
    (attributed to a source) qualify the happening; ``main`` marks the
    article's main event.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       Added ``category``, ``reciprocal``, ``location_source``, ``killed``,
       ``injured`` and ``reported``.
    """

    type: EventType
    trigger: Span
    sentence: Span
    mode: str | None = None
    actors: tuple[Mention, ...] = ()
    recipients: tuple[Mention, ...] = ()
    location: Mention | None = None
    date: EventDate | None = None
    negated: bool = False
    hypothetical: bool = False
    main: bool = False
    category: str | None = None
    reciprocal: bool = False
    location_source: str | None = None
    killed: int | None = None
    injured: int | None = None
    reported: bool = False


@attrs.frozen(kw_only=True)
class Origin:
    """Where an article was read: a path and, inside it, a line and record.

    ``line`` is the 1-based line the record starts on (``None`` for a
    one-article text file); ``record`` is the 0-based record index.

    .. versionadded:: 0.1.0
    """

    path: str
    line: int | None = None
    record: int | None = None

    def __str__(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"


@attrs.frozen(kw_only=True)
class Removal(Span):
    """A stretch of :attr:`Article.raw` that cleaning removed, and the rule that did.

    Offsets are into ``raw``, not ``text``.

    .. versionadded:: 0.1.0
    """

    rule: str


@attrs.frozen(kw_only=True)
class Segment:
    """A run of ``length`` characters copied from ``raw[raw_start:]`` to ``text[text_start:]``.

    .. versionadded:: 0.1.0
    """

    text_start: int = attrs.field(validator=_non_negative)
    raw_start: int = attrs.field(validator=_non_negative)
    length: int = attrs.field(validator=_non_negative)


def _clip(text: str, size: int = 40) -> str:
    """*text* cut to *size* characters, with an ellipsis when cut."""
    return text if len(text) <= size else text[:size] + "..."


def _content_id(raw: str) -> str:
    """Return the deterministic id of an article with no id of its own."""
    if not isinstance(raw, str):
        raise OptionsError(f"raw must be a str, got {type(raw).__name__}")
    return hashlib.blake2b(raw.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def _check_str(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str):
        raise OptionsError(f"{attribute.name} must be a str, got {type(value).__name__}")


def _str_tuple(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _check_segments(
    instance: Article, attribute: attrs.Attribute[tuple[Segment, ...] | None], value: tuple[Segment, ...] | None
) -> None:
    if value is None:
        return
    position = 0
    for segment in value:
        if segment.text_start != position:
            raise SpanError("segments must tile the text from its start, in order")
        if segment.raw_start + segment.length > len(instance.raw):
            raise SpanError("a segment runs past the end of raw")
        position += segment.length
    if position != len(instance.text):
        raise SpanError(f"segments cover {position} characters of a text of {len(instance.text)}")


@attrs.frozen(kw_only=True)
class Article:
    """One news article: the raw input, the working text and its metadata.

    Only ``raw`` is required; ``text`` starts out equal to it and ``id`` is
    derived from the content:

    >>> article = Article(raw="Putin spoke on Thursday.")
    >>> article.text == article.raw, article.id
    (True, 'a0f92559d0e514a0')

    ``raw`` and ``text`` must be strings (any string, lone surrogates
    included); anything else raises :class:`~newscorpus.errors.OptionsError`.
    ``raw`` is never modified. Cleaning (:func:`newscorpus.clean`) removes
    stretches of ``text``; ``segments`` then records which stretches of
    ``raw`` the text is made of and ``removals`` what was taken out and why.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``raw`` and ``text`` that are not strings raise ``OptionsError``.
    """

    raw: str = attrs.field(validator=_check_str)
    text: str = attrs.field(validator=_check_str)
    id: str = attrs.field()
    title: str | None = None
    date: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    language: str | None = None
    origin: Origin | None = None
    extra: Mapping[str, Any] = attrs.field(factory=dict, hash=False)
    segments: tuple[Segment, ...] | None = attrs.field(default=None, validator=_check_segments)
    removals: tuple[Removal, ...] = ()

    @text.default
    def _text_default(self) -> str:
        return self.raw

    @id.default
    def _id_default(self) -> str:
        return _content_id(self.raw)

    def __repr__(self) -> str:
        """A one-line summary: the id, the metadata set, and the length and start of the texts.

        >>> Article(raw="Putin spoke on Thursday. " * 100, id="a1", title="Talks")
        Article(id='a1', title='Talks', raw=2,500 chars 'Putin spoke on Thursday. Putin spoke on ...', text=raw)

        .. versionchanged:: 0.2.0
           Prints short: the texts are cut, the metadata left at its default left out.
        """
        parts = [f"id={self.id!r}"]
        for name in ("title", "date", "outlet", "url", "language"):
            value = getattr(self, name)
            if value is not None:
                parts.append(f"{name}={_clip(value)!r}" if isinstance(value, str) else f"{name}={value}")
        if self.authors:
            parts.append(f"authors={self.authors!r}")
        parts.append(f"raw={len(self.raw):,} chars {_clip(self.raw)!r}")
        parts.append("text=raw" if self.text == self.raw else f"text={len(self.text):,} chars {_clip(self.text)!r}")
        if self.removals:
            parts.append(f"removals={len(self.removals)}")
        if self.extra:
            parts.append(f"extra={sorted(self.extra)[:5]!r}")
        return f"Article({', '.join(parts)})"

    @property
    def is_aligned(self) -> bool:
        """Tell whether every offset of ``text`` can be mapped to ``raw``."""
        return self.segments is not None or self.text == self.raw

    def _segments(self) -> tuple[Segment, ...]:
        if self.segments is not None:
            return self.segments
        if self.text == self.raw:
            return (Segment(text_start=0, raw_start=0, length=len(self.text)),)
        raise SpanError(f"article {self.id}: text was changed without an alignment to raw")

    def to_raw(self, offset: int, *, end: bool = False) -> int:
        """Map an offset of ``text`` to the matching offset of ``raw``.

        Where two kept stretches meet, an offset is ambiguous: as a start it
        belongs to the stretch that begins there, as an ``end`` to the one that
        stops there.

        >>> a = Article(raw="Hello. Also Read - x. World.").remove([(7, 22)], rule="demo")
        >>> a.text
        'Hello. World.'
        >>> a.to_raw(7), a.to_raw(6, end=True)
        (22, 6)

        .. versionadded:: 0.1.0
        """
        if not 0 <= offset <= len(self.text):
            raise SpanError(f"offset {offset} is outside a text of {len(self.text)} characters")
        segments = self._segments()
        if not segments:
            return 0
        starts = [s.text_start for s in segments]
        index = bisect.bisect_right(starts, offset) - 1
        if end and index > 0 and offset == segments[index].text_start:
            index -= 1
        segment = segments[max(index, 0)]
        return segment.raw_start + (offset - segment.text_start)

    def raw_span(self, span: Span) -> Span:
        """Return the stretch of ``raw`` from the start to the end of *span*.

        Where *span* crosses a removal, the stretch includes the removed text;
        :meth:`raw_spans` gives the exact pieces.

        .. versionadded:: 0.1.0
        """
        start = self.to_raw(span.start)
        end = self.to_raw(span.end, end=True) if span.end > span.start else start
        return Span.of(self.raw, start, end)

    def raw_spans(self, span: Span) -> tuple[Span, ...]:
        """Return the pieces of ``raw`` whose concatenation is *span*'s text.

        .. versionadded:: 0.1.0
        """
        pieces = []
        for segment in self._segments():
            lo = max(span.start, segment.text_start)
            hi = min(span.end, segment.text_start + segment.length)
            if lo < hi:
                shift = segment.raw_start - segment.text_start
                pieces.append(Span.of(self.raw, lo + shift, hi + shift))
        return tuple(pieces)

    def remove(self, cuts: Iterable[tuple[int, int]], *, rule: str) -> Article:
        """Return a copy with the ``(start, end)`` stretches of ``text`` cut out.

        The cuts are recorded in :attr:`removals` as stretches of ``raw``
        together with *rule*, and the alignment to ``raw`` is kept. Cuts may
        overlap and come in any order; empty cuts are ignored.

        >>> a = Article(raw="Body.\\n\\n1 min read\\n\\nMore body.")
        >>> b = a.remove([(5, 17)], rule="reading-time")
        >>> b.text
        'Body.\\n\\nMore body.'
        >>> b.removals[0].text, b.removals[0].rule
        ('\\n\\n1 min read', 'reading-time')

        .. versionadded:: 0.1.0
        """
        merged: list[list[int]] = []
        for start, end in sorted((max(0, s), min(len(self.text), e)) for s, e in cuts):
            if end <= start:
                continue
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        if not merged:
            return self
        kept: list[Segment] = []
        removed: list[Removal] = []
        cut_index = 0
        position = 0
        for segment in self._segments():
            seg_start = segment.text_start
            seg_end = seg_start + segment.length
            shift = segment.raw_start - seg_start
            cursor = seg_start
            while cursor < seg_end:
                while cut_index < len(merged) and merged[cut_index][1] <= cursor:
                    cut_index += 1
                if cut_index < len(merged) and merged[cut_index][0] <= cursor:
                    stop = min(merged[cut_index][1], seg_end)
                    removed.append(
                        Removal(
                            start=cursor + shift,
                            end=stop + shift,
                            text=self.raw[cursor + shift : stop + shift],
                            rule=rule,
                        )
                    )
                else:
                    stop = seg_end
                    if cut_index < len(merged):
                        stop = min(stop, merged[cut_index][0])
                    if kept and kept[-1].raw_start + kept[-1].length == cursor + shift:
                        last = kept[-1]
                        kept[-1] = Segment(
                            text_start=last.text_start, raw_start=last.raw_start, length=last.length + stop - cursor
                        )
                    else:
                        kept.append(Segment(text_start=position, raw_start=cursor + shift, length=stop - cursor))
                    position += stop - cursor
                cursor = stop
        text = "".join(self.raw[s.raw_start : s.raw_start + s.length] for s in kept)
        removals = tuple(sorted((*self.removals, *removed), key=lambda r: (r.start, r.end)))
        return attrs.evolve(self, text=text, segments=tuple(kept), removals=removals)


@attrs.frozen(kw_only=True)
class StageError:
    """A pipeline stage that failed on one article: its name and what it raised.

    .. versionadded:: 0.1.0
    """

    stage: str
    error: str
    message: str


@attrs.frozen(kw_only=True)
class Document:
    """An article together with everything extracted from it.

    Built-in results have typed fields; results of third-party extractors
    sit in ``extensions`` under their registered name. ``stages`` lists the
    stages that ran, in order, and ``errors`` the ones that failed.

    .. versionadded:: 0.1.0
    """

    article: Article
    sentences: tuple[Sentence, ...] = ()
    timexes: tuple[TimeExpr, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    extensions: Mapping[str, Any] = attrs.field(factory=dict, hash=False)
    stages: tuple[str, ...] = ()
    errors: tuple[StageError, ...] = ()

    @property
    def ok(self) -> bool:
        """Tell whether every stage succeeded."""
        return not self.errors

    def __repr__(self) -> str:
        """A one-line summary: the article and how many records of each kind the document holds.

        >>> Document(article=Article(raw="Talks ended.", id="a1"), stages=("sentences.v1",))
        Document(article=Article(id='a1', raw=12 chars 'Talks ended.', text=raw), stages=('sentences.v1',))

        .. versionchanged:: 0.2.0
           Prints short: counts of records instead of the records.
        """
        parts = [f"article={self.article!r}"]
        for name in ("sentences", "timexes", "mentions", "quotes", "events"):
            count = len(getattr(self, name))
            if count:
                parts.append(f"{name}={count}")
        if self.extensions:
            parts.append(f"extensions={sorted(self.extensions)!r}")
        parts.append(f"stages={self.stages!r}")
        if self.errors:
            parts.append(f"errors={[error.stage for error in self.errors]!r}")
        return f"Document({', '.join(parts)})"

    def _repr_html_(self) -> str:
        """The cleaned text as HTML, time expressions, quotes and removals highlighted (shown by notebooks).

        >>> doc = Document(article=Article(raw="Talks ended.", id="a1"))
        >>> "Talks ended." in doc._repr_html_()
        True

        .. versionadded:: 0.2.0
        """
        from newscorpus._html import document_html

        return document_html(self)


def _slot_setters(cls: type, names: tuple[str, ...]) -> tuple[Callable[[object, object], None], ...]:
    """Return the setters of the slots of record *cls*, one per field in *names*, bypassing its checks.

    Extractors that take every span's text as ``text[start:end]`` build their
    records by hundreds of thousands; filling the slots of ``object.__new__(cls)``
    costs about half of the checked constructor. *names* must be all the
    fields of *cls* in order and the record must have no post-init step, so
    that a record changed later fails here, at import, and not in the output.
    """
    fields = tuple(field.name for field in attrs.fields(cls))
    if fields != names or hasattr(cls, "__attrs_post_init__"):
        raise TypeError(f"{cls.__name__} has the fields {fields}, not {names}, or a post-init step")
    return tuple(getattr(cls, name).__set__ for name in names)
