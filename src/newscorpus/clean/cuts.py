"""Cuts: the stretches of an article's text removed in one pass.

The result is what :meth:`Article.remove <newscorpus.types.Article.remove>` makes, called once per rule.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Iterable
from typing import Any

import attrs

from newscorpus.clean.blocks import _Block
from newscorpus.types import Article, Removal, Segment, _slot_setters

__all__: list[str] = []


def _cut_plan(text: str, blocks: list[_Block], keep: list[bool]) -> list[tuple[int, int, str]]:
    """Turn the kept blocks into cuts ``(start, end, rule)``, tidying the white space between them.

    A removed block takes the white space before it along under its own rule;
    between two kept blocks one line break stays (two where a paragraph ended
    anywhere in between), and nothing before the first or after the last.
    """
    cuts: list[tuple[int, int, str]] = []
    pending: list[_Block] = []
    blank = False
    previous_end: int | None = None
    for index, block in enumerate(blocks):
        if previous_end is not None:
            blank = blank or block.newlines >= 2
        if not keep[index]:
            pending.append(block)
            continue
        _cut_range(text, previous_end, block.start, pending, blank, cuts)
        pending = []
        blank = False
        previous_end = block.end
    _cut_range(text, previous_end, None, pending, blank, cuts)
    return cuts


def _cut_range(
    text: str,
    start: int | None,
    end: int | None,
    removed: list[_Block],
    blank: bool,
    cuts: list[tuple[int, int, str]],
) -> None:
    """Cut ``start:end`` (``None``: the edge of the text) but for the line breaks that stay between two blocks."""
    position = 0 if start is None else start
    wanted = (2 if blank else 1) if start is not None and end is not None else 0
    rule = "whitespace"
    for block in removed:
        rule = block.rule or "navigation"
        if not wanted:
            # The white space before the block goes with it under its rule: one cut, continuing the cut
            # before them where that has the same rule (as they are claimed).
            if cuts and cuts[-1][1] == position and cuts[-1][2] == rule:
                cuts[-1] = (cuts[-1][0], block.end, rule)
            else:
                cuts.append((position, block.end, rule))
        else:
            wanted = _cut_space(text, position, block.start, wanted, rule, cuts)
            cuts.append((block.start, block.end, rule))
        position = block.end
    _cut_space(text, position, len(text) if end is None else end, wanted, rule, cuts)


def _cut_space(text: str, start: int, end: int, wanted: int, rule: str, cuts: list[tuple[int, int, str]]) -> int:
    """Cut the white space ``start:end`` but for its first *wanted* line breaks; return how many are still wanted."""
    position = start
    while wanted > 0 and position < end:
        newline = text.find("\n", position, end)
        if newline < 0:
            break
        if newline > position:
            cuts.append((position, newline, rule))
        wanted -= 1
        position = newline + 1
    if end > position:
        cuts.append((position, end, rule))
    return wanted


_START_END = operator.attrgetter("start", "end")


_REMOVAL_SLOTS = _slot_setters(Removal, ("start", "end", "text", "rule"))


_SEGMENT_SLOTS = _slot_setters(Segment, ("text_start", "raw_start", "length"))


_new = object.__new__


def _removal(start: int, end: int, text: str, rule: str) -> Removal:
    """Return the removal of *text*, taken as ``raw[start:end]``: valid by construction, its slots are filled directly.

    A page of a line every few characters makes hundreds of thousands (see
    :func:`~newscorpus.types._slot_setters`).
    """
    removal: Removal = _new(Removal)
    set_start, set_end, set_text, set_rule = _REMOVAL_SLOTS
    set_start(removal, start)
    set_end(removal, end)
    set_text(removal, text)
    set_rule(removal, rule)
    return removal


def _segment(text_start: int, raw_start: int, length: int) -> Segment:
    """Return a segment of non-negative offsets and length (valid by construction), its slots filled directly."""
    segment: Segment = _new(Segment)
    set_text_start, set_raw_start, set_length = _SEGMENT_SLOTS
    set_text_start(segment, text_start)
    set_raw_start(segment, raw_start)
    set_length(segment, length)
    return segment


def _apply_cuts(
    article: Article, cuts: Iterable[tuple[int, int, str]], updates: dict[str, Any] | None = None
) -> Article:
    """Remove the stretches ``(start, end, rule)`` of ``article.text`` and set the fields *updates*.

    Where a cut is claimed by several rules, the first (by offset, then rule name) takes it. The
    result is the article :meth:`Article.remove <newscorpus.types.Article.remove>` makes when called
    once per rule, in the order of the rule names, built in a single pass.
    """
    claimed = _claim(cuts)
    if not claimed:
        return attrs.evolve(article, **updates) if updates else article
    raw = article.raw
    if article.segments is None:
        # The text is the raw text (``clean`` checks that it is aligned).
        text, built, removed = _cut_raw(raw, claimed)
    elif _maximal(article.segments):
        text, built, removed = _cut_segments(raw, article.segments, claimed)
    else:
        article = _remove_by_rule(article, claimed)
        return attrs.evolve(article, **updates) if updates else article
    if article.removals or article.segments is not None:
        removals = tuple(sorted((*article.removals, *removed), key=_START_END))
    else:
        # Cut from the raw text in order: sorted already.
        removals = tuple(removed)
    changes = {} if updates is None else updates
    return attrs.evolve(
        article,
        text=text,
        segments=tuple(built),
        removals=removals,
        **changes,
    )


def _cut_raw(raw: str, claimed: list[tuple[int, int, str]]) -> tuple[str, list[Segment], list[Removal]]:
    """Return the text, its segments and the removals of cutting *claimed* from *raw* (the text before the cuts).

    The claimed cuts are in order and apart, so the raw text between two of them is one segment.
    """
    pieces: list[str] = []
    segments: list[Segment] = []
    removed: list[Removal] = []
    size = len(raw)
    cursor = 0
    position = 0
    for start, end, rule in claimed:
        if end <= cursor:
            continue
        if start >= size:
            break
        if start > cursor:
            pieces.append(raw[cursor:start])
            segments.append(_segment(position, cursor, start - cursor))
            position += start - cursor
        else:
            start = cursor
        end = min(end, size)
        removed.append(_removal(start, end, raw[start:end], rule))
        cursor = end
    if cursor < size:
        pieces.append(raw[cursor:])
        segments.append(_segment(position, cursor, size - cursor))
    return "".join(pieces), segments, removed


def _cut_segments(
    raw: str, segments: tuple[Segment, ...], claimed: list[tuple[int, int, str]]
) -> tuple[str, list[Segment], list[Removal]]:
    """Return the text, its segments and the removals of cutting *claimed* from the text *segments* make of *raw*."""
    # Kept stretches as [text_start, raw_start, length], merged where they meet in raw.
    kept: list[list[int]] = []
    removed: list[Removal] = []
    count = len(claimed)
    index = 0
    position = 0
    for segment in segments:
        seg_start, raw_start, length = segment.text_start, segment.raw_start, segment.length
        seg_end = seg_start + length
        shift = raw_start - seg_start
        cursor = seg_start
        while cursor < seg_end:
            while index < count and claimed[index][1] <= cursor:
                index += 1
            if index < count and claimed[index][0] <= cursor:
                stop = min(claimed[index][1], seg_end)
                removed.append(
                    _removal(cursor + shift, stop + shift, raw[cursor + shift : stop + shift], claimed[index][2])
                )
            else:
                stop = seg_end if index >= count else min(seg_end, claimed[index][0])
                if kept and kept[-1][1] + kept[-1][2] == cursor + shift:
                    kept[-1][2] += stop - cursor
                else:
                    kept.append([position, cursor + shift, stop - cursor])
                position += stop - cursor
            cursor = stop
    text = "".join([raw[raw_start : raw_start + length] for _, raw_start, length in kept])
    return text, [_segment(t, r, n) for t, r, n in kept], removed


def _claim(cuts: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Return the cuts in order, without overlaps (the first by offset, then rule name, claims a stretch).

    Touching cuts of one rule are merged.
    """
    claimed: list[tuple[int, int, str]] = []
    position = 0
    for cut in sorted(cuts):
        start, end, rule = cut
        if end <= start or end <= position:
            continue
        if claimed and start <= position and claimed[-1][2] == rule:
            claimed[-1] = (claimed[-1][0], end, rule)
        elif start >= position:
            # A cut claimed whole is kept as it is: a page of many cuts makes no copies of them.
            claimed.append(cut)
        else:
            claimed.append((position, end, rule))
        position = end
    return claimed


def _maximal(segments: tuple[Segment, ...]) -> bool:
    """Tell whether no segment is empty and no two neighbours continue each other in raw."""
    previous: Segment | None = None
    for segment in segments:
        if not segment.length or (previous is not None and previous.raw_start + previous.length == segment.raw_start):
            return False
        previous = segment
    return True


def _remove_by_rule(article: Article, claimed: list[tuple[int, int, str]]) -> Article:
    """Remove the disjoint stretches ``(start, end, rule)`` of ``article.text`` with one ``remove`` per rule."""
    by_rule: dict[str, list[tuple[int, int]]] = {}
    for start, end, rule in claimed:
        by_rule.setdefault(rule, []).append((start, end))
    done: list[tuple[int, int]] = []
    for rule in sorted(by_rule):
        # Offsets shift by what the rules before this one took out.
        done.sort()
        ends = [end for _, end in done]
        shifts = [0]
        for start, end in done:
            shifts.append(shifts[-1] + end - start)
        mapped = []
        for start, end in by_rule[rule]:
            shift = shifts[bisect.bisect_right(ends, start)]
            mapped.append((start - shift, end - shift))
        article = article.remove(mapped, rule=rule)
        done.extend(by_rule[rule])
    return article
