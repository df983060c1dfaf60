"""Publication dates: find one at the top of a scraped article, parse one from metadata.

>>> from newscorpus._dates import find_leading_date, parse_date
>>> find_leading_date("February 28, 2022\\n1 min read\\n\\nTalks resume.")
(datetime.date(2022, 2, 28), 0, 17)
>>> parse_date("2022-02-25T10:41:00+05:30")
datetime.date(2022, 2, 25)

Both functions are strict (a date that does not exist gives ``None``) and never
raise. Only English month and weekday names are known.
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil import parser as _dateutil

__all__ = ["find_leading_date", "parse_date"]

# How far into an article a publication date is looked for.
_HEAD_CHARS = 300
_HEAD_LINES = 3
# A line longer than this is prose, not a date line.
_MAX_DATE_LINE = 90
# A metadata value longer than this is not a date.
_MAX_DATE_VALUE = 100

_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_NUMBER = {name[:3]: number for number, name in enumerate(_MONTH_NAMES, start=1)}


def _month_alternatives() -> str:
    words = sorted({*_MONTH_NAMES, *(name[:3] for name in _MONTH_NAMES), "sept"}, key=lambda w: (-len(w), w))
    return "|".join(words)


_MONTH = rf"(?:{_month_alternatives()})\.?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"[12]\d{3}"
_SPACE = r"[ \t\u00a0]{1,3}"
_WEEKDAY = rf"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?{_SPACE})"
_LABEL = (
    rf"(?:(?:last{_SPACE})?(?:updated|published|posted|modified|dated?)(?:{_SPACE}on)?[ \t]{{0,3}}[:|-]?[ \t]{{0,3}})"
)
# The date itself, in three shapes, each with its own named groups.
_CORE = (
    rf"(?:(?P<m1>{_MONTH}){_SPACE}(?P<d1>\d{{1,2}}){_ORDINAL},?{_SPACE}(?P<y1>{_YEAR})"
    rf"|(?P<d2>\d{{1,2}}){_ORDINAL}{_SPACE}(?:of{_SPACE})?(?P<m2>{_MONTH}),?{_SPACE}(?P<y2>{_YEAR})"
    r"|(?P<y3>[12]\d{3})-(?P<m3>\d{2})-(?P<d3>\d{2})"
    r"(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?)"
)
_CLOCK = r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:[ \t]{0,3}[ap]\.?m\.?)?"
_ZONE = r"(?:[ \t]{0,3}\(?(?-i:[A-Z]{2,5})(?:[+-]\d{1,2}(?::?\d{2})?)?\)?)"
_TIME = rf"(?:[ \t]{{0,3}}[,|-]?[ \t]{{0,3}}(?:at{_SPACE})?{_CLOCK}{_ZONE}?)"

# A line holding nothing but a date (with an optional label, weekday, time and zone).
_DATE_LINE = re.compile(rf"{_LABEL}?{_WEEKDAY}?{_CORE}{_TIME}?", re.IGNORECASE)
# A labelled date at the very start of the text with the body following on the same line.
_DATE_PREFIX = re.compile(
    rf"[ \t]{{0,20}}(?P<marker>(?:date|published|updated|posted)[ \t]{{0,3}}:?{_SPACE}{_CORE}"
    rf"(?:[ \t]{{0,3}},?[ \t]{{0,3}}{_CLOCK})?)(?=\s|$)",
    re.IGNORECASE,
)
_NUMERIC = re.compile(r"(?P<a>\d{1,4})[/.-](?P<b>\d{1,2})[/.-](?P<c>\d{1,4})")
_FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")
_HAS_DIGIT = re.compile(r"\d")

# Two defaults that differ in year, month and day: a field dateutil fills from
# its default differs between the two parses, so invented fields show up.
_DEFAULTS = (dt.datetime(2000, 1, 1), dt.datetime(2004, 2, 2))


def _make_date(year: str | int, month: str | int, day: str | int) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _month_number(word: str) -> int:
    return _MONTH_NUMBER[word[:3].lower()]


def _match_date(match: re.Match[str]) -> dt.date | None:
    """Return the date a match of ``_CORE`` names, or ``None`` when it does not exist."""
    if match.group("y1"):
        return _make_date(match.group("y1"), _month_number(match.group("m1")), match.group("d1"))
    if match.group("y2"):
        return _make_date(match.group("y2"), _month_number(match.group("m2")), match.group("d2"))
    return _make_date(match.group("y3"), match.group("m3"), match.group("d3"))


def find_leading_date(text: str) -> tuple[dt.date, int, int] | None:
    """Find the publication date printed at the top of a scraped article.

    >>> from newscorpus._dates import find_leading_date
    >>> find_leading_date(" date 2022-02-25 In a massive development, talks began.")
    (datetime.date(2022, 2, 25), 1, 16)
    >>> find_leading_date("Talks resume\\nUpdated: Feb 28, 2022 10:41 IST\\nBody.")
    (datetime.date(2022, 2, 28), 13, 44)
    >>> find_leading_date("1 min read\\n\\nNo date here.") is None
    True

    Returns ``(date, start, end)`` where ``text[start:end]`` is the whole date
    marker: its label (``date``, ``Updated:``), weekday, date, time and zone,
    without surrounding white space. Two shapes are recognised, within the first
    three non-empty lines and 300 characters: a labelled date starting the text
    with the body following on the same line (``date 2022-02-25 In a ...``), and
    a line that holds only a date (``February 28, 2022``, ``28 Feb. 2022``,
    ``Monday, February 28, 2022``, ``2022-02-28T10:41:00Z``, ...). A date that
    does not exist (February 30) is no date. Returns ``None`` when nothing is found.

    .. versionadded:: 0.1.0
    """
    head = text[:_HEAD_CHARS]
    position = 0
    seen = 0
    while seen < _HEAD_LINES and position < len(head):
        newline = head.find("\n", position)
        # A line running past the head cannot be checked whole.
        complete = newline >= 0 or len(text) <= _HEAD_CHARS
        if newline < 0:
            newline = len(head)
        line = head[position:newline]
        stripped = line.strip()
        if stripped:
            seen += 1
            if complete and len(stripped) <= _MAX_DATE_LINE and _HAS_DIGIT.search(stripped):
                match = _DATE_LINE.fullmatch(stripped)
                date = _match_date(match) if match is not None else None
                if date is not None:
                    start = position + len(line) - len(line.lstrip())
                    return date, start, start + len(stripped)
            if seen == 1:
                prefix = _DATE_PREFIX.match(head, position)
                date = _match_date(prefix) if prefix is not None else None
                if prefix is not None and date is not None:
                    return date, prefix.start("marker"), prefix.end("marker")
        if not complete:
            return None
        position = newline + 1
    return None


def _parse_numeric(match: re.Match[str]) -> dt.date | None:
    a, b, c = match.group("a"), match.group("b"), match.group("c")
    if len(a) == 4:  # 2022/02/25
        return _make_date(a, b, c) if len(c) <= 2 else None
    if len(c) != 4:
        return None
    first, second = int(a), int(b)
    if first > 12 >= second:  # 25/02/2022: only day-first fits
        return _make_date(c, second, first)
    return _make_date(c, first, second)  # 02/25/2022 and ambiguous 02/03/2022: month first


def _parse_epoch(seconds: float) -> dt.date | None:
    try:
        if abs(seconds) >= 1e11:  # milliseconds
            seconds /= 1000
        return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc).date()
    except (OverflowError, OSError, ValueError):
        return None


def parse_date(value: object) -> dt.date | None:
    """Parse a date from a metadata value of a news dump.

    >>> from newscorpus._dates import parse_date
    >>> parse_date("2022-02-25 10:41:00")
    datetime.date(2022, 2, 25)
    >>> parse_date("Friday, Feb 25, 2022"), parse_date("25/02/2022"), parse_date("02/03/2022")
    (datetime.date(2022, 2, 25), datetime.date(2022, 2, 25), datetime.date(2022, 2, 3))
    >>> parse_date("Feb 2022") is None, parse_date("Feb 30, 2022") is None
    (True, True)

    Accepts ISO dates and timestamps (the local date is kept: no time-zone
    conversion), dates with English month names, numeric dates (day first only
    where the first number cannot be a month, month first otherwise), compact
    ``20220225``, and epoch seconds (or milliseconds) given as a number or a
    ten-digit string, read in UTC. Other strings go to :mod:`dateutil`'s parser;
    a date whose year, month or day would not come from the value itself is
    rejected. Returns ``None`` for anything that is not a date, never raises.

    .. versionadded:: 0.1.0
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _parse_epoch(value) if value == value else None  # NaN is not a date
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > _MAX_DATE_VALUE:
        return None
    if text.isdigit() and text.isascii():
        if len(text) == 8:
            return _make_date(text[:4], text[4:6], text[6:])
        return _parse_epoch(int(text)) if len(text) == 10 else None
    match = _DATE_LINE.fullmatch(text)
    if match is not None:
        return _match_date(match)
    numeric = _NUMERIC.fullmatch(text)
    if numeric is not None:
        return _parse_numeric(numeric)
    if _FOUR_DIGITS.search(text) is None:
        return None
    try:
        first, second = (_dateutil.parse(text, default=default, ignoretz=True) for default in _DEFAULTS)
    except Exception:  # dateutil raises assorted errors on odd strings; a failure means "no date"
        return None
    if first != second:
        return None
    return first.date()
