"""Pairing quotation marks: the quoted stretches of a text, in one pass.

Marks of every style are read: straight ``"`` and ``'``, curly ``“ ” ‘ ’``,
TeX-style ``` `` ``` and ``''``, German ``„ “`` and ``‚ ‘``, and guillemets
``« »`` (either way round). A straight or ambiguous mark opens when it follows
a space, a bracket or the start of a line and closes when a space, punctuation
or the end follows. A single mark between letters (``shouldn’t``), before a
decade (``’90s``) or after a plural ``s`` with no single quote open
(``candidates’``) is an apostrophe.

Unbalanced marks are recovered locally, never raised: a quote still open at the
end of a paragraph continues into the next paragraph when that one opens with a
mark (the news convention for a quote running over several paragraphs), and is
otherwise closed there; a closing mark with no opening one is taken to close a
quote that starts at the beginning of its sentence. Each recovery is counted.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

__all__ = ["Quoted", "quoted_stretches"]

# A mark, then the second half of ``` `` ``` or ``''``. Opening with the set of marks lets the
# engine skip to the next mark at once, where an alternation would be tried at every position.
_MARKS = re.compile(r"[\"“”„‟«»‘’‚‛'`](?:(?<=`)`|(?<=')'|)")
_DOUBLE_OPEN = frozenset({"“", "„", "‟", "``"})
_DOUBLE_CLOSE = frozenset({"”"})
_DOUBLE_EITHER = frozenset({'"', "''"})
_GUILLEMETS = frozenset({"«", "»"})
_SINGLE_OPEN = frozenset({"‘", "‚", "‛", "`"})
_SINGLE_EITHER = frozenset({"'", "’"})
_OPENERS = " \t\n\r([{—–-/\u00a0:;,“‘«„‚"
_CLOSERS = " \t\n\r)]}.,;:!?—–-/\u00a0”’»…"


class Quoted:
    """A stretch of text between two quotation marks.

    ``start`` is the position of the opening mark (or where a missing one was
    supplied), ``end`` the position after the closing mark (or the end of the
    paragraph); ``pieces`` lists the (start, end) of each paragraph's part when
    the quote runs over several paragraphs. A plain slotted class: an article
    has hundreds of them, read only inside the quote extractor.
    """

    __slots__ = ("closed", "end", "pieces", "single", "start")

    def __init__(self, start: int, end: int, single: bool, closed: bool, pieces: tuple[tuple[int, int], ...]) -> None:
        self.start = start
        self.end = end
        self.single = single
        self.closed = closed
        self.pieces = pieces

    def __repr__(self) -> str:
        return f"Quoted({self.start}, {self.end}, single={self.single}, closed={self.closed}, pieces={self.pieces})"


def _opens(text: str, at: int) -> bool:
    return at == 0 or text[at - 1] in _OPENERS


def _closes(text: str, end: int) -> bool:
    return end >= len(text) or text[end] in _CLOSERS or text[end] in "\"'"


def quoted_stretches(
    text: str, paragraph_ends: Sequence[int], sentence_starts: Sequence[int]
) -> tuple[list[Quoted], int]:
    """Return the quoted stretches of *text* by offset, and the number of recoveries.

    *paragraph_ends* and *sentence_starts* are sorted offsets.
    """
    found: list[Quoted] = []
    recovered = 0
    open_at = -1  # position of the open double (or top-level single) mark
    open_single = False
    open_guillemet = ""
    pieces: list[tuple[int, int]] = []
    piece_start = -1
    last_mark_end = 0

    def paragraph_end(position: int) -> int:
        index = bisect.bisect_left(paragraph_ends, position)
        return paragraph_ends[index] if index < len(paragraph_ends) else len(text)

    def finish(end: int, closed: bool) -> None:
        nonlocal open_at, pieces, piece_start, open_single, open_guillemet
        pieces.append((piece_start, end))
        found.append(Quoted(open_at, end, open_single, closed, tuple(pieces)))
        open_at = -1
        pieces = []
        piece_start = -1
        open_single = False
        open_guillemet = ""

    length = len(text)
    for match in _MARKS.finditer(text):
        at, end = match.span()
        mark = text[at:end]
        if (mark == "’" or mark == "'") and 0 < at and end < length and text[at - 1].isalpha() and text[end].isalpha():
            # An apostrophe inside a word ("don’t", "Britain's"): no state changes, unless an open quote has
            # run past its paragraph, which the steps below settle.
            if open_at < 0:
                if mark == "'":
                    last_mark_end = end
                continue
            if at < paragraph_end(piece_start):
                continue
        if open_at >= 0:
            # Has the open quote run past the end of its paragraph?
            while open_at >= 0:
                stop = paragraph_end(piece_start)
                if at < stop:
                    break
                following = stop
                while following < len(text) and text[following] in " \t\r\n\u00a0":
                    following += 1
                if following == at and not open_single and (mark in _DOUBLE_OPEN or mark in _DOUBLE_EITHER):
                    pieces.append((piece_start, stop))
                    piece_start = at
                    break
                recovered += 1
                finish(stop, False)
            if open_at >= 0 and piece_start == at:
                last_mark_end = end
                continue
        if open_at < 0:
            if mark in _SINGLE_EITHER and mark == "’" and not _opens(text, at):
                continue
            if mark in _DOUBLE_OPEN or (mark in _DOUBLE_EITHER and _opens(text, at) and not _closes(text, end)):
                open_at, piece_start = at, at
            elif mark in _GUILLEMETS:
                open_at, piece_start, open_guillemet = at, at, mark
            elif (mark in _SINGLE_OPEN or mark == "'") and _opens(text, at) and end < len(text):
                if text[end : end + 2].isdigit() or (not text[end].isalnum() and text[end] not in "("):
                    continue
                open_at, piece_start, open_single = at, at, True
            elif mark in _DOUBLE_CLOSE or mark in _DOUBLE_EITHER:
                # A closing mark without an opening one: the quote starts with its sentence.
                paragraph_index = bisect.bisect_left(paragraph_ends, at)
                paragraph_start = paragraph_ends[paragraph_index - 1] if paragraph_index > 0 else 0
                index = bisect.bisect_right(sentence_starts, at) - 1
                start = sentence_starts[index] if index >= 0 else 0
                if last_mark_end > paragraph_start:
                    index = bisect.bisect_left(sentence_starts, last_mark_end)
                    start = sentence_starts[index] if index < len(sentence_starts) else at
                    if start >= at:
                        start = last_mark_end
                paragraph_index = bisect.bisect_left(paragraph_ends, start)
                if paragraph_index > 0 and paragraph_ends[paragraph_index - 1] > start:
                    start = paragraph_ends[paragraph_index - 1]
                while start < at and text[start] in " \t\r\n\u00a0":
                    start += 1
                if start < at:
                    recovered += 1
                    open_at, piece_start = start, start
                    finish(end, False)
            last_mark_end = end
            continue
        # A quote is open: does this mark close it?
        if open_single:
            if mark in _SINGLE_EITHER or mark in _SINGLE_OPEN:
                if end < len(text) and text[at - 1 : at].isalpha() and text[end].isalpha():
                    continue  # an apostrophe inside a word
                if mark in ("’", "'") and _closes(text, end):
                    finish(end, True)
                    last_mark_end = end
                continue
            if mark in _DOUBLE_OPEN or mark in _DOUBLE_EITHER:
                # A double quote inside a single one: the single one was an apostrophe.
                open_at, piece_start, open_single, pieces = at, at, False, []
            continue
        if mark in _SINGLE_EITHER or mark in _SINGLE_OPEN:
            continue  # nested single quotes stay inside
        if open_guillemet:
            if mark in _GUILLEMETS and mark != open_guillemet:
                finish(end, True)
                last_mark_end = end
            continue
        if mark in _DOUBLE_CLOSE or mark == "''":
            finish(end, True)
        elif mark == "“" and text[open_at] == "„":
            finish(end, True)  # German „...“
        elif mark in _DOUBLE_EITHER or mark == "“":
            if _closes(text, end) or not _opens(text, at):
                finish(end, True)
            else:
                recovered += 1
                finish(at, False)
                open_at, piece_start = at, at
        else:
            recovered += 1
            finish(at, False)
            open_at, piece_start = at, at
        last_mark_end = end
    while open_at >= 0:
        stop = paragraph_end(piece_start)
        recovered += 1
        finish(min(stop, len(text)), False)
    return found, recovered
