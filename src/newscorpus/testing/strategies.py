"""Hypothesis strategies for newscorpus records, for your own property tests.

>>> from hypothesis import given
>>> from newscorpus.testing.strategies import documents
>>> @given(documents())
... def test_spans_slice_back(doc):
...     for quote in doc.quotes:
...         assert doc.article.text[quote.start : quote.end] == quote.text
>>> test_spans_slice_back()

Every span a strategy draws slices back out of its article's text.
Requires the ``tests`` extra (hypothesis).
"""

from __future__ import annotations

import datetime as dt
import string

import attrs
from hypothesis import strategies as st

from newscorpus.types import (
    Article,
    DatePrecision,
    Document,
    EntityKind,
    Event,
    EventDate,
    EventType,
    Mention,
    Origin,
    Quote,
    QuoteKind,
    Sentence,
    Span,
    StageError,
    TimeExpr,
    TimexType,
)

__all__ = ["articles", "documents", "news_text", "spans"]

_WORDS = (
    "Putin",
    "said",
    "on",
    "Thursday",
    "the",
    "talks",
    "Kyiv",
    "Feb.",
    "25",
    "2022",
    "U.S.",
    "Mr.",
    "“We",
    "will",
    "stay,”",
    "he",
    "added.",
    "Also Read -",
    "#LIVE",
    "@handle",
    "https://t.co/x1",
    "3.5%",
    "…",
    "Москва",
    "東京",
)


def news_text(*, max_words: int = 60) -> st.SearchStrategy[str]:
    """Text shaped like scraped news: words, punctuation, blank lines, links and odd characters.

    .. versionadded:: 0.1.0
    """
    token = st.one_of(
        st.sampled_from(_WORDS),
        st.text(alphabet=string.ascii_letters + string.digits + ".,;:!?\"'()-", min_size=1, max_size=12),
        st.sampled_from(["\n", "\n\n", " ", ". ", ".", "\u00a0", "\t"]),
        st.text(min_size=1, max_size=3),
    )
    return st.lists(token, max_size=max_words).map(" ".join)


def spans(text: str) -> st.SearchStrategy[Span]:
    """Spans of *text*.

    .. versionadded:: 0.1.0
    """
    return st.tuples(st.integers(0, len(text)), st.integers(0, len(text))).map(
        lambda pair: Span.of(text, min(pair), max(pair))
    )


_names = st.text(alphabet=string.ascii_letters + " .-", min_size=1, max_size=20)
_optional_names = st.none() | _names
_dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


@st.composite
def articles(draw: st.DrawFn, text: st.SearchStrategy[str] | None = None) -> Article:
    """Articles with generated text and metadata, some of them cleaned.

    .. versionadded:: 0.1.0
    """
    raw = draw(text if text is not None else news_text())
    ident: str | None = draw(st.none() | st.text(min_size=1, max_size=16))
    article = Article(
        raw=raw,
        title=draw(_optional_names),
        date=draw(st.none() | _dates),
        outlet=draw(_optional_names),
        url=draw(st.none() | st.just("https://example.com/news/1")),
        authors=tuple(draw(st.lists(_names, max_size=3))),
        language=draw(st.none() | st.sampled_from(["en", "de", "ru"])),
        origin=draw(st.none() | st.builds(Origin, path=st.just("dump.jsonl"), line=st.integers(1, 10**6))),
        extra=draw(st.dictionaries(st.sampled_from(["section", "tags", "n"]), st.none() | st.integers() | _names)),
    )
    if ident is not None:
        article = attrs.evolve(article, id=ident)
    if raw and draw(st.booleans()):
        cuts = draw(st.lists(st.tuples(st.integers(0, len(raw)), st.integers(0, len(raw))), max_size=3))
        article = article.remove([(min(c), max(c)) for c in cuts], rule=draw(st.sampled_from(["promo", "tail"])))
    return article


@st.composite
def _mentions(draw: st.DrawFn, text: str) -> Mention:
    span = draw(spans(text))
    return Mention(
        start=span.start,
        end=span.end,
        text=span.text,
        kind=draw(st.sampled_from(EntityKind)),
        name=draw(st.just(span.text) | _names),
        country=draw(st.none() | st.sampled_from(["RUS", "UKR", "USA"])),
        sector=draw(st.none() | st.sampled_from(["GOV", "MIL"])),
    )


@st.composite
def documents(draw: st.DrawFn) -> Document:
    """Documents with every kind of extracted record, each span slicing back to the text.

    .. versionadded:: 0.1.0
    """
    article = draw(articles())
    text = article.text
    sentences = tuple(
        Sentence(start=s.start, end=s.end, text=s.text, paragraph=draw(st.integers(0, 5)))
        for s in draw(st.lists(spans(text), max_size=3))
    )
    timexes = tuple(
        TimeExpr(
            start=s.start,
            end=s.end,
            text=s.text,
            type=draw(st.sampled_from(TimexType)),
            value=draw(st.sampled_from(["2022-02-24", "P3M", "PAST_REF", "XXXX-WXX-4", "2022-W08"])),
            earliest=draw(st.none() | _dates),
            latest=draw(st.none() | _dates),
            reference=draw(st.none() | _dates),
            mod=draw(st.none() | st.sampled_from(["EARLY", "APPROX"])),
        )
        for s in draw(st.lists(spans(text), max_size=3))
    )
    quotes = tuple(
        Quote(
            start=s.start,
            end=s.end,
            text=s.text,
            kind=draw(st.sampled_from(QuoteKind)),
            fragments=tuple(draw(st.lists(spans(text), max_size=2))),
            cue=draw(st.none() | spans(text)),
            speaker=draw(st.none() | _mentions(text)),
        )
        for s in draw(st.lists(spans(text), max_size=2))
    )
    events = tuple(
        Event(
            type=draw(st.sampled_from(EventType)),
            mode=draw(st.none() | st.just("threaten-ultimatum")),
            trigger=draw(spans(text)),
            sentence=draw(spans(text)),
            actors=tuple(draw(st.lists(_mentions(text), max_size=2))),
            recipients=tuple(draw(st.lists(_mentions(text), max_size=2))),
            location=draw(st.none() | _mentions(text)),
            date=draw(
                st.none()
                | st.builds(
                    EventDate,
                    value=_dates,
                    precision=st.sampled_from(DatePrecision),
                    stated=st.booleans(),
                    text=st.none() | spans(text),
                )
            ),
            negated=draw(st.booleans()),
            hypothetical=draw(st.booleans()),
            main=draw(st.booleans()),
            category=draw(st.none() | st.just("Battles")),
            reciprocal=draw(st.booleans()),
            location_source=draw(st.none() | st.sampled_from(["clause", "dateline"])),
            killed=draw(st.none() | st.integers(0, 10_000)),
            injured=draw(st.none() | st.integers(0, 10_000)),
            reported=draw(st.booleans()),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    json_values = st.recursive(
        st.none() | st.booleans() | st.integers(-(10**9), 10**9) | st.text(max_size=8),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
        max_leaves=6,
    )
    return Document(
        article=article,
        sentences=sentences,
        timexes=timexes,
        quotes=quotes,
        events=events,
        mentions=tuple(draw(st.lists(_mentions(text), max_size=2))),
        extensions=draw(st.dictionaries(st.sampled_from(["mine.v1", "theirs.v2"]), json_values, max_size=2)),
        stages=tuple(draw(st.lists(st.sampled_from(["clean.v1", "sentences.v1"]), max_size=2, unique=True))),
        errors=tuple(
            draw(st.lists(st.builds(StageError, stage=st.just("x.v1"), error=_names, message=_names), max_size=1))
        ),
    )
