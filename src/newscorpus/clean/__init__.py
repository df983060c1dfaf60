"""Remove boilerplate from scraped news text and lift its metadata into fields.

>>> from newscorpus.types import Article
>>> raw = (
...     "Home\\nWorld\\nBusiness\\n\\nTalks stall in Minsk\\n\\nBy Jane Doe and John Roe\\n\\n"
...     "MINSK, Feb 25 (Reuters) - Talks between the two delegations ended on Monday without a deal, "
...     "officials said.Also Read - Another Story Of The Day\\n\\n"
...     "Both sides will return to their capitals for consultations before the next round of talks.\\n\\n"
...     "Most read\\n\\nFirst other headline\\n\\nSecond other headline"
... )
>>> article = clean(Article(raw=raw))
>>> print(article.text)
MINSK, Feb 25 (Reuters) - Talks between the two delegations ended on Monday without a deal, officials said.
<BLANKLINE>
Both sides will return to their capitals for consultations before the next round of talks.
>>> article.title, article.authors, article.outlet
('Talks stall in Minsk', ('Jane Doe', 'John Roe'), 'Reuters')
>>> sorted({removal.rule for removal in article.removals})
['metadata.byline', 'metadata.title', 'navigation', 'promo', 'tail', 'teaser']

How it works
------------
The text is cut into blocks (its lines). Each block is described by general
evidence: its length (in words; a Chinese or Japanese character counts half a
word), whether it ends like a sentence, its share of stop words (lists for
several languages ship as data), of links, handles and hashtags, of capitalised
words, and cue phrases (tables of menu items, "Also Read", "Most read", share,
newsletter and cookie prompts, photo credits, ... in several languages, also
data). A block that matches a rule family is junk; the others are prose,
near-prose, short or bad (headline-like, link-heavy).

The body is first looked for as the stretch of blocks with the largest sum of
weights (prose for, everything else against it), then corrected by the
structure of the page: the header cluster above the body (headline, standfirst,
byline, date line) is cut off but the standfirst next to it kept; a text too
short for prose ("Talks ended on Monday.") is its own body; structured
stretches of short lines (ingredients, tables, "label: value" lines) stay, and
other loose short lines inside the body go but for subheadings; lists of other
stories and comments are found by the template their items repeat (headlines
glued to blurbs, items under a repeated label, repeated bylines and dates);
paragraphs closing the body in which the page speaks of itself (the reader and
the site, newsletters, licences, author bios) go; repeated paragraphs are kept
once. Everything before the body is navigation, everything after it the tail.
The headline, publication date, byline and agency are lifted from the blocks
around the body; an in-text dateline stays. See
:doc:`/explanation/body-selection` for the details.

The steps live in the modules of this package: :mod:`~newscorpus.clean.blocks`
(blocks and their evidence), :mod:`~newscorpus.clean.body` (body selection),
:mod:`~newscorpus.clean.inline` (noise inside a line),
:mod:`~newscorpus.clean.metadata` (headline, dates, bylines, outlet) and
:mod:`~newscorpus.clean.cuts` (the removals).

The cuts are made as :meth:`Article.remove <newscorpus.types.Article.remove>`
makes them, one rule family after another (in a single pass), so ``text`` stays
a concatenation of stretches of ``raw``, and each removal is recorded with the
name of its rule family (:func:`rule_families`).

.. versionadded:: 0.1.0
.. versionchanged:: 0.2.0
   The body is chosen by the structure of the page; ``newscorpus.clean`` is a
   package whose modules show the steps (its public names are unchanged).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from newscorpus.clean.body import _plan
from newscorpus.clean.cuts import _apply_cuts, _cut_plan
from newscorpus.clean.inline import _inline_cuts, _kicker_cut
from newscorpus.clean.metadata import _outlet
from newscorpus.clean.options import CleanOptions, RuleFamily, UserRule, _enabled, rule_families
from newscorpus.errors import OptionsError, SpanError
from newscorpus.types import Article

__all__ = ["CleanOptions", "RuleFamily", "UserRule", "clean", "rule_families"]


_DEFAULT_OPTIONS = CleanOptions()


def clean(article: Article, /, *, options: CleanOptions | None = None) -> Article:
    """Return *article* with ``text`` holding the article body only.

    >>> from newscorpus.types import Article
    >>> raw = ("February 28, 2022\\n1 min read\\n\\nNo headway in truce talks\\n\\n"
    ...        "The two delegations met for nearly five hours in Belarus on Monday, both sides said.\\n\\n"
    ...        "They will return to their capitals for consultations before the next round.")
    >>> article = clean(Article(raw=raw))
    >>> article.text.splitlines()[0]
    'The two delegations met for nearly five hours in Belarus on Monday, both sides said.'
    >>> article.date, article.title
    (datetime.date(2022, 2, 28), 'No headway in truce talks')

    The headline, publication date, authors and outlet found in the text fill
    ``title``, ``date``, ``authors`` and ``outlet`` where the article has none
    yet. ``raw`` is never changed: every removal is recorded in ``removals``
    with the name of its rule family, and ``text`` stays aligned with ``raw``.
    Cleaning a cleaned article changes nothing.

    Raises :class:`~newscorpus.errors.OptionsError` for options that are not
    :class:`CleanOptions` or a user rule that returns no article, and
    :class:`~newscorpus.errors.SpanError` for an article whose ``text`` was
    changed without an alignment to ``raw``.

    .. versionadded:: 0.1.0
    """
    if not isinstance(cast(object, article), Article):
        raise OptionsError(f"clean() takes an Article, got {type(article).__name__}")
    if options is None:
        options = _DEFAULT_OPTIONS
    elif not isinstance(cast(object, options), CleanOptions):
        raise OptionsError(f"options must be CleanOptions, got {type(options).__name__}")
    if not article.is_aligned:
        raise SpanError(f"article {article.id}: text was changed without an alignment to raw; it cannot be cleaned")
    article, prefix_date = _inline_cuts(article, options)
    article = _clean_blocks(article, options, prefix_date)
    article = _kicker_cut(article, options)
    for rule in options.extra_rules:
        result = rule(article)
        if not isinstance(cast(object, result), Article):
            raise OptionsError(f"cleaning rule {rule!r} returned {type(result).__name__}, not an Article")
        article = result
    return article


def _clean_blocks(article: Article, options: CleanOptions, prefix_date: dt.date | None) -> Article:
    text = article.text
    if not text.strip():
        return article.remove([(0, len(text))], rule="whitespace")
    plan = _plan(text, options, article.title)
    blocks, keep = plan.blocks, plan.keep
    body_first, body_last = plan.body

    updates: dict[str, Any] = {}
    if options.metadata:
        if plan.title is not None:
            if article.title is None:
                updates["title"] = blocks[plan.title].text
            if not keep[plan.title]:
                blocks[plan.title].rule = "metadata.title"
        if article.date is None:
            header_dates = [date for index, date in plan.dates if index < body_first or not keep[index]]
            date = prefix_date or (header_dates[0] if header_dates else None)
            if date is not None:
                updates["date"] = date
        if not article.authors and plan.bylines:
            updates["authors"] = plan.bylines[0][1]
        if article.outlet is None:
            outlet = _outlet(blocks, body_first, body_last, text)
            if outlet is not None:
                updates["outlet"] = outlet

    # Name what goes: before the body it is navigation, after it the tail.
    enabled: dict[str, bool] = {}
    for index, block in enumerate(blocks):
        if keep[index]:
            continue
        if block.rule is None:
            block.rule = "navigation" if index < body_first else ("tail" if index > body_last else "teaser")
        if block.rule not in enabled:
            enabled[block.rule] = _enabled(block.rule, options)
        if not enabled[block.rule]:
            keep[index] = True

    return _apply_cuts(article, _cut_plan(text, blocks, keep), updates)


# The public names are documented and pickled as members of this package.
for _public in (CleanOptions, RuleFamily, clean, rule_families):
    _public.__module__ = __name__
del _public
