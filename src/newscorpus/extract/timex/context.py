"""The state of one document: text, reference date, options, the expressions found so far and the sentence bounds.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import bisect
import datetime as dt

import attrs

from newscorpus.extract.timex.grammar import _Grammar
from newscorpus.extract.timex.options import TimexOptions
from newscorpus.extract.timex.tense import _WINDOW, _CueIndex, _tense

__all__: list[str] = []

#: The farthest back (in characters) a date found before is read by :meth:`_Context.recent`.
_RECENT_LIMIT = 3000
#: The most sentences a key of the scan's memo holds.
_SENTENCE_KEY = 64


@attrs.define
class _Context:
    grammar: _Grammar
    text: str
    anchor: dt.date | None
    options: TimexOptions
    sentences: tuple[tuple[int, int], ...] | None
    lowered: str = ""
    last: dict[str, tuple[int, str]] = attrs.field(factory=dict)
    last_day: tuple[int, str] | None = None
    #: A quotation from a dated document (start, end, its date), and the article's own anchor.
    quoted: tuple[int, int, dt.date] | None = None
    article_anchor: dt.date | None = None
    cues: _CueIndex | None = None
    windows: int = 0
    starts: list[int] | None = None

    def bounds(self, start: int) -> tuple[int, int] | None:
        """Return the sentence that holds *start*, found by bisection (sentences are sorted, not overlapping)."""
        if not self.sentences:
            return None
        if self.starts is None:
            ordered = all(a[1] <= b[0] for a, b in zip(self.sentences, self.sentences[1:], strict=False))
            self.starts = [lo for lo, _ in self.sentences] if ordered else []
        if not self.starts:
            # Sentences given out of order: the first that holds *start*.
            return next(((lo, hi) for lo, hi in self.sentences if lo <= start < hi), None)
        at = bisect.bisect_right(self.starts, start) - 1
        if at >= 0:
            lo, hi = self.sentences[at]
            if lo <= start < hi:
                return lo, hi
        return None

    def tense(self, start: int, end: int, default: str | None = None) -> str:
        """Return the tense of the clause around ``text[start:end]``, or *default* when it shows none."""
        found = self.tense_cue(start, end, default)[0]
        return "past" if found == "since" else found

    def tense_cue(self, start: int, end: int, default: str | None = None) -> tuple[str, float]:
        """Return the tense (``"since"`` for a strict past) and how far its cue is."""
        if self.cues is None:
            # The cues of the whole text are found once the windows scanned add up to its length.
            self.windows += 2 * _WINDOW + end - start
            if self.windows > len(self.lowered):
                self.cues = _CueIndex(self.grammar, self.lowered)
        found, distance = _tense(self.grammar, self.text, self.lowered, start, end, self.bounds(start), self.cues)
        return found or default or self.options.default_tense, distance

    def sentence_key(self, low: int, high: int) -> tuple[tuple[int, int], ...] | None:
        """Return the sentences that meet ``text[low:high]``, relative to *low* and cut to just beyond it.

        ``None`` where the sentences were given out of order or are too many to be worth a key.
        """
        if self.starts is None:
            self.bounds(low)
        starts = self.starts
        sentences = self.sentences
        if not starts or sentences is None:
            return None
        first = max(0, bisect.bisect_right(starts, low) - 1)
        last = bisect.bisect_left(starts, high, first)
        if last - first > _SENTENCE_KEY:
            return None
        return tuple((max(lo - low, -1), min(hi - low, high - low + 1)) for lo, hi in sentences[first:last] if hi > low)

    def recent(self, granularity: str, position: int, within: int = 2000) -> str | None:
        """Return the last date of *granularity* found at most *within* characters before *position*.

        *within* reaches :data:`_RECENT_LIMIT` at most (the memo of the scan relies on it).
        """
        item = self.last.get(granularity)
        if item is None or position - item[0] > min(within, _RECENT_LIMIT):
            return None
        return item[1]
