"""The memo of a scan: what one trigger gave, reused where the text around it and the scan's state repeat.

Ordinary news holds a time expression every few hundred characters. A list of
dates, a table of years or a run of month names holds one every few
characters, and the work done at each trigger (the rules tried, the tense of
the clause, the anchoring of the value) then sets the pace. Such runs repeat
themselves: the same words, the same neighbours, the same expressions found
just before. Inside a run, the outcome of the scan at a trigger is kept,
keyed by the text around the trigger and by every part of the scan's state
that the outcome may depend on, all relative to the trigger; where the key
comes again, the outcome is replayed, moved to the new place.

Nothing outside the key may change the outcome. The rules and their handlers
read the text only close to the words they match (:data:`_READ`), so the key
holds the text from :data:`_BEFORE` characters before the trigger to
:data:`_AFTER` after it, and an outcome is kept only when everything it found
and every match tried lies far enough inside that stretch. The state in the
key is the end of the last expression, the starts already tried in vain, the
last expression found (which a range or an apposition may still change), the
last date of each granularity and the last calendar day (which anaphoric
expressions read), and the sentence bounds given, each only when it lies
close enough to matter. A step that enters a dated quotation (whose end may
lie far away) is never kept, and nothing is kept or replayed inside one.

The memo only serves inside runs of expressions packed close together
(:data:`_DENSE` within :data:`_DENSE_SPAN` characters), so ordinary text does
not pay for building keys; it holds at most :data:`_LIMIT` outcomes, and it
turns itself off for the rest of a document where a dense run does not repeat
(dates in no order), after :data:`_GIVE_UP` steps missed with fewer replayed.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from newscorpus.extract.timex.context import _RECENT_LIMIT
from newscorpus.extract.timex.tense import _Found
from newscorpus.types import TimexType

if TYPE_CHECKING:
    from newscorpus.extract.timex.context import _Context
    from newscorpus.extract.timex.scan import _Scan

__all__: list[str] = []

#: How far from the span of a match the rules and handlers read, at most (tense window and cues, words before).
_READ = 200
#: The longest text a rule may match, with room for the few characters its lookarounds read beyond
#: (``tests/extract/test_timex_memo.py`` checks the grammar's widest match against it).
_MAX_MATCH = 300
#: How far before a trigger the lead words of an expression may begin (the walk back of :func:`_step` in scan).
_LEAD = 100
#: The stretch of text in the key, before and after the trigger.
_BEFORE = _READ + _LEAD + 60
_AFTER = _READ + _MAX_MATCH + 20
#: The memo serves where the last _DENSE expressions began within _DENSE_SPAN characters.
_DENSE = 8
_DENSE_SPAN = 400
#: The most outcomes kept per document, and the most tried starts a key holds.
_LIMIT = 2048
_TRIED = 16
#: The most successors an outcome keeps.
_SUCCESSORS = 8
#: After this many steps kept or looked up in vain, the memo stays on only if it replayed as many.
_GIVE_UP = 512

_Item = tuple[int, int, TimexType, str, "str | None", bool]


class _Outcome:
    """What a step did, relative to its trigger: the results replaced and added, and the state after it."""

    __slots__ = ("added", "chainable", "cleared", "items", "keep", "last", "last_day", "position", "successors")

    def __init__(
        self,
        *,
        keep: bool,
        items: tuple[_Item, ...],
        last: tuple[tuple[str, int, str], ...],
        last_day: tuple[int, str] | None,
        position: int | None,
        cleared: bool,
        added: tuple[int, ...],
        chainable: bool,
    ) -> None:
        self.keep = keep
        self.items = items
        self.last = last
        self.last_day = last_day
        self.position = position
        self.cleared = cleared
        self.added = added
        #: Whether the key of the next step follows from this one's and the text after its window.
        self.chainable = chainable
        #: The outcome of the next step, by how far on its trigger is, the text its window adds and its sentences.
        self.successors: dict[tuple[int, str, tuple[tuple[int, int], ...] | None], _Outcome] = {}


class _Snapshot:
    """The state before a step, to tell afterwards what it changed."""

    __slots__ = ("count", "earlier", "last", "last_day", "old", "old_state", "position", "tried")

    def __init__(self, ctx: _Context, results: list[_Found], position: int, tried: set[int]) -> None:
        self.count = len(results)
        self.old = results[-1] if results else None
        self.old_state = _state(self.old) if self.old is not None else None
        #: The two expressions before the last, which a clock time's day may still change.
        self.earlier = tuple((found, _state(found)) for found in results[-3:-1])
        self.last = dict(ctx.last)
        self.last_day = ctx.last_day
        self.position = position
        self.tried = frozenset(tried)


def _state(found: _Found) -> tuple[int, int, TimexType, str, str | None, bool, bool]:
    return found.start, found.end, found.type, found.value, found.mod, found.derived, found.undated


class _Memo:
    """The outcomes of the steps of one document's scan, by key."""

    __slots__ = ("chain", "chain_at", "dense", "entries", "hits", "misses", "span", "step")

    def __init__(self) -> None:
        self.entries: dict[tuple[object, ...], _Outcome] = {}
        #: It serves where the last *dense* expressions began within *span* characters (the caller checks).
        self.dense = _DENSE
        self.span = _DENSE_SPAN
        #: The outcome of the last step and where its trigger starts, while the steps follow one another
        #: through the memo; *step* is how the next one follows it.
        self.chain: _Outcome | None = None
        self.chain_at = 0
        self.step: tuple[int, str, tuple[tuple[int, int], ...] | None] | None = None
        #: Steps replayed, and steps kept or looked up in vain; a run that does not repeat turns the memo off.
        self.hits = 0
        self.misses = 0

    def follow(self, ctx: _Context, tried: set[int], at: int) -> _Outcome | None:
        """Return the outcome of the step at *at*, known from the last one, without building its key.

        The key at *at* is a function of the last key (in the outcome), of how far on *at* is, of
        the text that enters the window and of the sentence bounds in the new window (they may fall
        anywhere in the new text), as long as that key held the text unchanged: no capital sigma,
        and the window's start inside the text.
        """
        self.step = None
        chain = self.chain
        if chain is None or len(tried) > _TRIED:
            return None
        entering = ctx.text[self.chain_at + _AFTER : at + _AFTER]
        if "\u03a3" in entering:
            return None
        sentences = None
        if ctx.sentences:
            sentences = ctx.sentence_key(at - _BEFORE, at + _AFTER)
            if sentences is None:
                return None
        self.step = (at - self.chain_at, entering, sentences)
        return chain.successors.get(self.step)

    def advance(self, ctx: _Context, state: _Scan, at: int) -> bool:
        """Replay the step at *at* where the last step leads to it (see :meth:`follow`); tell whether it did."""
        outcome = self.follow(ctx, state.tried, at)
        if outcome is None:
            return False
        state.position = self.replay(ctx, outcome, state.results, state.position, state.tried, at)
        self.chain = outcome if outcome.chainable else None
        self.chain_at = at
        return True

    def link(self, outcome: _Outcome | None, at: int) -> None:
        """Note the *outcome* of the step at *at* (``None``: not kept) as the successor of the last one."""
        chain, step = self.chain, self.step
        if chain is not None and step is not None and outcome is not None and len(chain.successors) < _SUCCESSORS:
            chain.successors[step] = outcome
        self.chain = outcome if outcome is not None and outcome.chainable else None
        self.chain_at = at

    def key(
        self, ctx: _Context, results: list[_Found], position: int, tried: set[int], at: int
    ) -> tuple[object, ...] | None:
        """Return the key of the step at the trigger starting at *at* in a dense run, or ``None`` where none serves."""
        if not results or ctx.quoted is not None or len(tried) > _TRIED:
            return None
        low = at - _BEFORE
        sentences: object = None
        if ctx.sentences:
            sentences = ctx.sentence_key(low, at + _AFTER)
            if sentences is None:
                return None
        begin = max(0, low)
        window = ctx.text[begin : at + _AFTER]
        # One flat tuple (fewer objects to build): the window, then the state, each part of a fixed
        # shape or closed by a marker that cannot be taken for its items.
        key: list[object] = [window, at - begin, max(position - at, -_BEFORE)]
        if "\u03a3" in window:
            # A capital sigma lower-cases by its neighbours: the lower-cased text is part of the key.
            key.append(ctx.lowered[begin : at + _AFTER])
        if tried:
            key.extend(sorted(start - at for start in tried if start > low))
        key.append(None)
        last = results[-1]
        if last.end > low:
            key += (last.start - at, last.end - at, last.type._value_, last.value, last.mod, last.derived, last.undated)
        else:
            key.append(None)
        # A date found farther back than any handler reads is keyed by its granularity alone.
        far = at - _BEFORE - _RECENT_LIMIT
        for name, (start, value) in ctx.last.items():
            key += (name, start - at, value) if start >= far else (name, None, None)
        day = ctx.last_day
        if day is not None and day[0] > low:
            key += (0, day[0] - at, day[1])
        else:
            key.append(1)
        key.append(sentences)
        return tuple(key)

    def replay(
        self, ctx: _Context, outcome: _Outcome, results: list[_Found], position: int, tried: set[int], at: int
    ) -> int:
        """Apply *outcome* at the trigger starting at *at*; return the new end of the last expression."""
        self.hits += 1
        if not outcome.keep:
            results.pop()
        for start, end, kind, value, mod, derived in outcome.items:
            results.append(_Found(start + at, end + at, kind, value, mod, derived))
        for name, start, value in outcome.last:
            ctx.last[name] = (start + at, value)
        if outcome.last_day is not None:
            ctx.last_day = (outcome.last_day[0] + at, outcome.last_day[1])
        if outcome.cleared:
            tried.clear()
        for start in outcome.added:
            tried.add(start + at)
        return position if outcome.position is None else outcome.position + at

    def keep(
        self,
        key: tuple[object, ...],
        before: _Snapshot,
        ctx: _Context,
        results: list[_Found],
        position: int,
        tried: set[int],
        at: int,
        reach: tuple[int, int],
    ) -> _Outcome | None:
        """Keep and return what the step at *at* did, if it hangs on nothing outside *key* (*reach*: what it read)."""
        self.misses += 1
        if self.misses >= _GIVE_UP and self.hits < self.misses:
            # Dense, but not repeating (dates in no order): keys cost more than they save.
            self.dense = sys.maxsize
            return None
        if len(self.entries) >= _LIMIT or ctx.quoted is not None:
            return None
        low, high = at - _BEFORE + _READ, at + _AFTER - _READ
        if reach[0] < low or reach[1] > high:
            return None
        count = before.count
        old = before.old
        keep = old is None or (len(results) >= count and results[count - 1] is old and _state(old) == before.old_state)
        if not keep and (old is None or old.end <= at - _BEFORE):
            # The last expression changed though it lay outside the key.
            return None
        if any(_state(found) != state for found, state in before.earlier):
            # An expression before the last changed: the key does not hold it.
            return None
        first = count if keep else count - 1
        items = []
        for found in results[first:]:
            if found.start < low or found.end > high or found.undated:
                return None
            items.append((found.start - at, found.end - at, found.type, found.value, found.mod, found.derived))
        last = []
        for name, entry in ctx.last.items():
            if before.last.get(name) != entry:
                if not low <= entry[0] <= high:
                    return None
                last.append((name, entry[0] - at, entry[1]))
        last_day = None
        if ctx.last_day != before.last_day:
            if ctx.last_day is None or not low <= ctx.last_day[0] <= high:
                return None
            last_day = (ctx.last_day[0] - at, ctx.last_day[1])
        # The starts tried in vain are forgotten exactly when an expression is found.
        cleared = not keep or len(results) > count
        added = tuple(start - at for start in tried if start not in before.tried)
        outcome = _Outcome(
            keep=keep,
            items=tuple(items),
            last=tuple(last),
            last_day=last_day,
            position=None if position == before.position else position - at,
            cleared=cleared,
            added=added,
            chainable=at >= _BEFORE and "\u03a3" not in key[0],  # type: ignore[operator]
        )
        self.entries[key] = outcome
        return outcome
