"""Metadata found in the blocks: date lines, bylines, the headline and the outlet.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from newscorpus import _clean_lexicon as lexicon
from newscorpus.clean.blocks import _SHORT, _TOKEN, _YEAR_HINT, _agency, _Block, _caps, _trie

__all__: list[str] = []


_BYLINE = re.compile(
    r"^(?:by|von|por|par|di|oleh|door|автор|written by|words by|reporting by)[ \t]{0,3}:?[ \t]{1,3}"
    r"(?P<names>[^\n]{1,200})$",
    re.IGNORECASE,
)


_NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÞА-ЯЁ][\w'’.-]{0,40}|[A-Z]\.|(?:de|da|van|von|der|del|la|le|bin|al|el|di))$")


_NAME_SPLIT = re.compile(r"[ \t]{0,3}(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bи\b)[ \t]{0,3}")


# "MINSK, Feb 25 (Reuters) -", "HAYWARD, Calif. (AP) —", "(CNN Business)": an agency dateline.
_DATELINE = re.compile(
    r"^(?:[A-ZÀ-Þ][\w.'’-]{0,30}(?:[ \t][A-ZÀ-Þ][\w.'’-]{0,30}){0,3},?[ \t]{0,3}(?:[A-Z][\w.]{0,20}[ \t]{0,3}){0,3}"
    r"(?:\d{1,2}[ \t]{0,3})?)?"
    r"\((?P<agency>[A-Z][\w&.'’-]{0,30}(?:[ \t][A-Z][\w&.'’-]{0,30}){0,3})\)[ \t]{0,3}(?:[-–—]{1,2}|:)?"
)


# "... in the coming days…reports Asian Lite News": a teaser naming its outlet.
_REPORTS = re.compile(
    r"(?:…|\.\.\.|[.,;])[ \t]{0,3}\.?[ \t]{0,3}reports[ \t]{1,3}(?P<outlet>[A-Z][\w&'’.-]{0,30}"
    r"(?:[ \t][A-Z][\w&'’.-]{0,30}){0,5})"
)


_REPORTS_LEAD = 10


_REPORTED = re.compile(r"(?P<outlet>[A-Z][\w&'’.-]{1,30}(?:[ \t][A-Z][\w&'’.-]{1,30}){0,4})[ \t]reported\b")


_REPORTED_LEAD = 160


_DOMAIN = re.compile(
    r"(?:https?://)?(?:www\.)?(?P<domain>[a-z0-9][a-z0-9-]{0,62}(?:\.[a-z0-9][a-z0-9-]{0,62}){0,3}"
    r"\.(?:com|org|net|co\.uk|co\.in|com\.au|in|news|tv|ca|de|fr|it|ru|jp|kr|br|com\.br|id|co\.id))(?:/|\s|$)",
    re.IGNORECASE,
)


_SOCIAL_DOMAINS = frozenset(
    {"twitter.com", "t.co", "facebook.com", "instagram.com", "youtube.com", "youtu.be", "linkedin.com", "tiktok.com"}
)


_TIME_OF_DAY = re.compile(r"\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?[ \t]{0,2}(?:[ap]\.?m\.?)?")


@functools.cache
def _date_patterns() -> tuple[re.Pattern[str], ...]:
    """Dates with a year, in lower-case text: ISO, with a month name (several languages), numeric."""
    month = "(?P<mon>" + _trie(lexicon.months()) + r")\.?"
    ordinal = r"(?:st|nd|rd|th|er|º)?"
    space = r"[ \t\u00a0]{1,3}"
    year = r"(?P<y>(?:19|20)\d\d)"
    return (
        re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)"),
        re.compile(rf"\b{month},?{space}(?P<d>\d{{1,2}}){ordinal},?{space}{year}\b"),
        re.compile(rf"(?<!\d)(?P<d>\d{{1,2}}){ordinal}\.?{space}(?:de{space})?{month},?{space}(?:de{space})?{year}\b"),
        re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d\d)(?!\d)"),
        re.compile(r"(?<![\d/])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>(?:19|20)\d\d)(?!\d)"),
        re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[./](?P<m>\d{1,2})[./](?P<d>\d{1,2})(?!\d)"),
        re.compile(r"(?P<y>(?:19|20)\d\d)年(?P<m>\d{1,2})月(?P<d>\d{1,2})日"),
    )


def _find_date(text: str) -> tuple[dt.date, int, int] | None:
    """Return the first date written in *text* (lower case) and its span, or ``None``."""
    if _YEAR_HINT.search(text) is None:
        return None
    best: tuple[dt.date, int, int] | None = None
    for pattern in _date_patterns():
        match = pattern.search(text)
        if match is None or (best is not None and match.start() >= best[1]):
            continue
        groups = match.groupdict()
        month = lexicon.month_number(groups["mon"]) if groups.get("mon") else int(groups["m"])
        if month is None:
            continue
        day = int(groups["d"])
        if "/" in match.group(0) and month > 12 >= day:
            month, day = day, month
        try:
            best = (dt.date(int(groups["y"]), month, day), match.start(), match.end())
        except ValueError:
            continue
    return best


def _is_date_line(block: _Block) -> dt.date | None:
    """Return the date of a block that is a date line ("Published 11:34 PM EST Nov 19, 2019"), else ``None``."""
    norm = block.norm
    if block.length > 22 or ("19" not in norm and "20" not in norm) or _YEAR_HINT.search(norm) is None:
        return None
    found = _find_date(block.norm)
    if found is None:
        return None
    date, start, end = found
    rest = _TIME_OF_DAY.sub(" ", block.norm[:start] + " " + block.norm[end:])
    allowed = lexicon.words("date-word") | lexicon.words("weekday")
    words = [word for word in _TOKEN.findall(rest) if word not in allowed and not word.isdigit()]
    return date if len(words) <= 6 else None


def _byline(block: _Block) -> tuple[str, ...] | None:
    """Return the authors of a byline ("By Jane Doe and John Roe | Updated ..."), else ``None``."""
    if block.length > 16:
        return None
    if block.text[0].lower() not in "bvpdoаwr":
        return None
    match = _BYLINE.match(block.text)
    if match is None:
        return None
    stop = lexicon.words("name-stop")
    found: list[str] = []
    for part in _NAME_SPLIT.split(match.group("names")):
        words: list[str] = []
        ended = False
        for word in part.split():
            if word.casefold() in stop or not _NAME_WORD.match(word):
                ended = True
                break
            words.append(word)
        if 1 <= len(words) <= 5:
            found.append(" ".join(words))
        if ended or len(found) >= 6:
            break
    return tuple(found) or None


def _title_score(block: _Block, repeated: bool, distance: int) -> float:
    """Score a block as the headline: a short line, no sentence, no label; repeated in the page is a plus."""
    if block.rule is not None and block.rule != "teaser":
        return -1.0
    if block.linky or not 2 <= block.length <= 30 or (block.words == 0 and block.length < 4):
        return -1.0
    text = block.text
    if (text.endswith(".") and not text.endswith("...")) or text.endswith((":", "|")) or "(opens" in block.norm:
        return -1.0
    norm = block.norm
    if (
        "@" in text
        or (("." in norm or ":" in norm) and _TIME_OF_DAY.search(norm) is not None)
        or _agency().search(text) is not None
    ):
        return -1.0
    score = 1.0
    if repeated:
        score += 2.0
    if 4 <= block.length <= 20:
        score += 1.0
    elif block.length < 4:
        score -= 1.0
    if _caps(block) >= 0.5:
        score += 0.5
    if block.cls == _SHORT and block.length < 3:
        score -= 1.0
    return score - 0.15 * distance


# How far above the body (or above a byline or date line) the headline is looked for; how many
# blocks are read for repeats of a headline.
_TITLE_WINDOW = 15


_TITLE_REPEATS = 400


def _pick_title(blocks: list[_Block], body_first: int, existing: str | None, marks: list[int]) -> int | None:
    """Return the index of the headline (the block equal to *existing*, if given), if any.

    The headline is looked for above the first byline or date line of the header, else above the body.
    """
    if existing is not None:
        wanted = lexicon.normalize_phrase(existing)
        for index in range(min(body_first, len(blocks))):
            if blocks[index].norm == wanted:
                return index
        return None
    header = [mark for mark in marks if body_first - _TITLE_WINDOW <= mark < body_first]
    page = "\x00".join(block.key for block in blocks[:_TITLE_REPEATS])
    for anchor in ([min(header)] if header else []) + [body_first]:
        lower = max(0, anchor - _TITLE_WINDOW)
        best: tuple[float, int] | None = None
        for index in range(anchor - 1, lower - 1, -1):
            block = blocks[index]
            if len(block.key) < 8:
                continue
            score = _title_score(block, page.count(block.key) > 1, anchor - 1 - index)
            if score > 0 and (best is None or score > best[0]):
                best = (score, index)
        if best is not None:
            return best[1]
    return None


# How many blocks at the top of a page are searched for the outlet besides the body.
_OUTLET_HEAD = 300


def _outlet(blocks: list[_Block], first: int, last: int, text: str) -> str | None:
    """Return the outlet: an agency dateline, "...reports Outlet", a site's domain, "Outlet reported".

    *text* is the text the blocks are lines of.
    """
    if first <= last:
        match = _DATELINE.match(blocks[first].text) if "(" in blocks[first].text else None
        if match is not None:
            return match.group("agency")
    for block in (*blocks[:_OUTLET_HEAD], *blocks[max(first, _OUTLET_HEAD) : last + 1]) if "reports" in text else ():
        found = block.text.find("reports")
        if found >= 0:
            # A match opens at most _REPORTS_LEAD characters before the word.
            match = _REPORTS.search(block.text, max(0, found - _REPORTS_LEAD))
            if match is not None:
                return match.group("outlet").rstrip(".")
    for block in blocks[: min(max(first, 0), _OUTLET_HEAD)]:
        if block.length <= 12 and "." in block.text:
            match = _DOMAIN.search(block.text)
            if match is not None and match.group("domain").casefold() not in _SOCIAL_DOMAINS:
                return match.group("domain").casefold()
    for block in blocks[max(first, 0) : last + 1] if "reported" in text else ():
        found = block.text.find("reported")
        if found >= 0:
            # A match opens at most _REPORTED_LEAD characters before the word.
            match = _REPORTED.search(block.text, max(0, found - _REPORTED_LEAD))
            if match is not None and match.start() > 0:
                return match.group("outlet")
    return None
