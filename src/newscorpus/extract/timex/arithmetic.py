"""Calendar arithmetic.

Adding months and days, ISO weeks, Easter and holidays, and the first and
last day a value covers.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt
import functools
import re

__all__: list[str] = []

_MIN_YEAR = 1
_MAX_YEAR = 9998


def _add_months(year: int, month: int, count: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + count
    return index // 12, index % 12 + 1


def _add_days(day: dt.date, count: int) -> dt.date | None:
    try:
        return day + dt.timedelta(days=count)
    except OverflowError:
        return None


def _week_value(day: dt.date) -> str:
    iso = day.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def _easter(year: int) -> dt.date:
    """Return Western Easter Sunday of *year* (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return dt.date(year, month, day + 1)


def _holiday_date(rule: str, year: int) -> dt.date | None:
    try:
        if rule.startswith("easter"):
            return _easter(year) + dt.timedelta(days=int(rule[6:]))
        day_rule, _, weekday_after = rule.partition("+")
        parts = day_rule.split("-")
        month = int(parts[0])
        if len(parts) == 2:
            day = dt.date(year, month, int(parts[1]))
            if weekday_after:
                # "11-02+2": the first Tuesday on or after 2 November
                day += dt.timedelta(days=(int(weekday_after) - day.isoweekday()) % 7)
            return day
        weekday = int(parts[2])
        if parts[1] == "L":
            last = dt.date(*_add_months(year, month, 1), 1) - dt.timedelta(days=1)
            return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (int(parts[1]) - 1))
    except (ValueError, OverflowError):
        return None


_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_VALUE_SHAPES = re.compile(
    r"(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d))?|W(?P<w>\d\d)|Q(?P<q>[1-4])|H(?P<h>[12])|(?P<s>SP|SU|FA|WI)))?"
    r"(?:-WE|T.{1,10})?|(?P<dec>\d{3})X?|(?P<cent>\d\d)"
)


@functools.lru_cache(maxsize=4096)
def _bounds(value: str) -> tuple[dt.date | None, dt.date | None]:
    """Return the first and last calendar day a DATE/TIME value covers."""
    match = _VALUE_SHAPES.fullmatch(value)
    if match is None:
        return None, None
    try:
        if match["dec"]:
            start = int(match["dec"]) * 10
            return dt.date(max(start, 1), 1, 1), dt.date(start + 9, 12, 31)
        if match["cent"]:
            start = int(match["cent"]) * 100
            return dt.date(max(start, 1), 1, 1), dt.date(start + 99, 12, 31)
        year = int(match["y"])
        if match["d"]:
            day = dt.date(year, int(match["m"]), int(match["d"]))
            return day, day
        if match["m"]:
            month = int(match["m"])
            nxt = dt.date(*_add_months(year, month, 1), 1)
            return dt.date(year, month, 1), nxt - dt.timedelta(days=1)
        if match["w"]:
            first = dt.date.fromisocalendar(year, int(match["w"]), 1)
            if value.endswith("-WE"):
                return first + dt.timedelta(days=5), first + dt.timedelta(days=6)
            return first, first + dt.timedelta(days=6)
        if match["q"] or match["h"]:
            span = 3 if match["q"] else 6
            first_month = (int(match["q"] or match["h"]) - 1) * span + 1
            nxt = dt.date(*_add_months(year, first_month, span), 1)
            return dt.date(year, first_month, 1), nxt - dt.timedelta(days=1)
        if match["s"]:
            lo, hi = _SEASON_MONTHS[match["s"]]
            end_year, end_month = _add_months(year, hi, 1)
            return dt.date(year, lo, 1), dt.date(end_year, end_month, 1) - dt.timedelta(days=1)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except (ValueError, OverflowError):
        return None, None


# ---------------------------------------------------------------------------
# Tense of the clause around an expression
# ---------------------------------------------------------------------------
