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

import datetime as dt

from newscorpus.errors import OptionsError
from newscorpus.extract._timex_vocab import TimexVocabulary
from newscorpus.extract.timex.arithmetic import _bounds
from newscorpus.extract.timex.context import _Context
from newscorpus.extract.timex.grammar import _grammar
from newscorpus.extract.timex.options import _DEFAULT_OPTIONS, TimexOptions
from newscorpus.extract.timex.scan import _scan
from newscorpus.extract.timex.vocabulary import _lower
from newscorpus.types import Article, Sentence, TimeExpr, TimexType

__all__ = ["TimexOptions", "TimexVocabulary", "extract_timexes"]


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
    kinds = None if len(opts.include_types) == len(TimexType) else opts.include_types
    references = opts.references
    dated = (TimexType.DATE, TimexType.TIME)
    out = []
    # Taken from the end of the reversed list, each expression found is freed once its record is
    # made: a text that is all records keeps one copy of them alive, not two.
    pending = _scan(ctx)
    pending.reverse()
    while pending:
        found = pending.pop()
        if kinds is not None and found.type not in kinds:
            continue
        if not references and found.value.endswith("_REF"):
            continue
        earliest, latest = (None, None)
        if found.type in dated:
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
