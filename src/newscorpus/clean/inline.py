"""Noise inside a line: a date prefix, promotions glued to a sentence, photo credits in a paragraph.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import re

from newscorpus._dates import find_leading_date
from newscorpus.clean.blocks import _TOKEN, _any_match, _has_any, _screen, _trie
from newscorpus.clean.cuts import _apply_cuts
from newscorpus.clean.options import CleanOptions
from newscorpus.types import Article

__all__: list[str] = []


# "in Ukraine.Also Read - Headline", "said. ALSO READ: Headline": a promotion glued to the end of a sentence.
_GLUED_CUES = (
    "Also Read",
    "ALSO READ",
    "Also See",
    "ALSO SEE",
    "Read More",
    "READ MORE",
    "Read Also",
    "READ ALSO",
    "See More",
    "SEE MORE",
    "See Also",
    "SEE ALSO",
    "Recommended",
    "RECOMMENDED",
    "Related",
    "RELATED",
    "Don't Miss",
    "DON'T MISS",
    "Don\u2019t Miss",
    "DON\u2019T MISS",
    "Watch",
    "WATCH",
    "Must Read",
    "MUST READ",
)


_SENTENCE_CLOSERS = frozenset(".!?”\"’'")


# "(Photo: AFP)", "(Image: Getty)" inside a paragraph.
_INLINE_CREDIT = re.compile(
    r"[ \t]{0,3}\((?:photo|image|picture|pic|foto|file photo|representational image|credit)s?[ \t]{0,2}:?[ \t]{0,2}"
    r"[^()\n]{1,60}\)",
    re.IGNORECASE,
)


# What every inline credit opens with: a cheap test that the text may hold one.
_CREDIT_OPENER = re.compile(
    r"\((?:photo|image|picture|pic|foto|file photo|representational image|credit)", re.IGNORECASE
)


_CREDIT_SIGNS = ("(photo", "(image", "(picture", "(pic", "(foto", "(file photo", "(representational", "(credit")


@functools.cache
def _glued_promo() -> re.Pattern[str]:
    """A promotion cue and its separator (``Also Read -``); the promotion runs from it to the end of its line."""
    return re.compile(rf"(?:{_trie(_GLUED_CUES)})[ \t\u00a0]{{0,3}}[-–—:|>»]")


# The longest promotion glued to a sentence, from its cue to the end of its line.
_GLUED_PROMO_CHARS = 400


def _glued_promo_cuts(text: str) -> list[tuple[int, int, str]]:
    """Return the cuts of the promotions glued to the end of a sentence: ``in Ukraine.Also Read - Headline``.

    On each line the leftmost cue followed by 1 to 400 characters up to the
    end of the line opens a promotion, cut when a sentence ends just before
    it. The line then ends where the cut starts, so the leftmost cue before
    it that now fits opens the next one, and so on: a second cleaning finds
    nothing more to cut.
    """
    cuts: list[tuple[int, int, str]] = []
    # The cues of one line (where each starts and ends), cut as soon as the cues of the next line begin:
    # a page of a cue on every line keeps no match objects.
    starts: list[int] = []
    ends: list[int] = []
    line_end = -1
    for head in _glued_promo().finditer(text):
        if line_end < head.end():
            if ends:
                _cut_line_promos(text, line_end, starts, ends, cuts)
                starts.clear()
                ends.clear()
            line_end = text.find("\n", head.end())
            line_end = len(text) if line_end < 0 else line_end
        starts.append(head.start())
        ends.append(head.end())
    if ends:
        _cut_line_promos(text, line_end, starts, ends, cuts)
    return cuts


def _cut_line_promos(
    text: str, line_end: int, starts: list[int], ends: list[int], cuts: list[tuple[int, int, str]]
) -> None:
    """Add the cuts of the promotions glued to one line that ends at *line_end*, its cues at *starts* to *ends*."""
    end = line_end
    while True:
        index = bisect.bisect_left(ends, end - _GLUED_PROMO_CHARS)
        if index == len(ends) or ends[index] >= end:
            break
        start = starts[index]
        while start > 0 and text[start - 1] in " \t\u00a0":
            start -= 1
        if start == 0 or text[start - 1] not in _SENTENCE_CLOSERS:
            break
        cuts.append((start, end, "promo"))
        end = start


@functools.cache
def _glued_screens() -> tuple[re.Pattern[str], ...]:
    """One of them matches where a promotion cue is: a quick test before :func:`_glued_promo`."""
    return tuple(re.compile(pattern) for pattern in _screen(_GLUED_CUES))


def _inline_cuts(article: Article, options: CleanOptions) -> tuple[Article, dt.date | None]:
    """Cut what sits inside a line: a date prefix, glued promotions, photo credits in a paragraph."""
    text = article.text
    cuts: list[tuple[int, int, str]] = []
    date: dt.date | None = None
    head = find_leading_date(text) if options.metadata else None
    if head is not None:
        found, start, end = head
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        after = text[end : len(text) if line_end < 0 else line_end]
        if after.strip():
            # " date 2022-02-25 In a massive development, ...": the prefix goes, the sentence stays.
            date = found
            cuts.append((line_start, end + len(after) - len(after.lstrip()), "metadata.date"))
    if options.promotions and _any_match(_glued_screens(), text):
        cuts.extend(_glued_promo_cuts(text))
    if options.captions and _CREDIT_OPENER.search(text) is not None and _has_any(text.lower(), _CREDIT_SIGNS):
        paragraph: dict[int, bool] = {}
        line_start = scanned = 0
        for match in _INLINE_CREDIT.finditer(text):
            line_start = max(line_start, text.rfind("\n", scanned, match.start()) + 1)
            scanned = match.start()
            # Only inside a paragraph: a short block with a credit is a caption as a whole.
            if line_start not in paragraph:
                line_end = text.find("\n", match.end())
                line = text[line_start : len(text) if line_end < 0 else line_end]
                paragraph[line_start] = sum(1 for _ in itertools.islice(_TOKEN.finditer(line), 40)) >= 40
            if paragraph[line_start]:
                cuts.append((match.start(), match.end(), "caption"))
    return _apply_cuts(article, cuts), date


# "Russia-Ukraine War Latest News: Moscow said ...", "UPDATE: The company ...": a section label (a kicker)
# glued to the first sentence of the body, in title case or capitals, two to six words or one in capitals.
_KICKER = re.compile(
    r"(?P<label>(?:[A-Z][\w'’&.-]{0,30}[ \t]){1,5}[A-Z][\w'’&.-]{0,30}|[A-Z][A-Z0-9'’&.-]{2,30}):[ \t]{1,3}"
    r"(?=[A-Z\"“‘'])"
)
# The shortest first sentence (in tokens) that a kicker may stand before.
_KICKER_SENTENCE = 8


def _kicker_cut(article: Article, options: CleanOptions) -> Article:
    """Cut a section label glued to the first sentence of the body ("World News: Talks ended ...").

    The label is in title case or capitals, its words are capitalised, and a sentence of eight
    words or more follows it on the line. The rest of the text is left alone: inside the body the
    same shape is a speaker or a list label.
    """
    if not options.navigation:
        return article
    text = article.text
    match = _KICKER.match(text)
    if match is None:
        return article
    line_end = text.find("\n")
    rest = text[match.end() : len(text) if line_end < 0 else line_end]
    if len(_TOKEN.findall(rest[:400])) < _KICKER_SENTENCE or rest.rstrip()[-1:] not in '.!?"”':
        return article
    return _apply_cuts(article, [(0, match.end(), "navigation")])
