"""Anchoring: the year of a month and day, the date of a weekday, and days relative to the reference date.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt
import re

from newscorpus.extract.timex.arithmetic import _add_days
from newscorpus.extract.timex.context import _Context
from newscorpus.extract.timex.matching import _Match
from newscorpus.extract.timex.values import _month_length, _relative

__all__: list[str] = []

_WEAK_CUE = 60


#: The end of a span still running: "has extended the loans through June", "have been frozen until March".
_DEADLINE = re.compile(
    r"(?<![\w'])(?:through|until|till|by)[\x20\t\u00a0]{1,3}(?:(?:early|mid|late|the end of)[\x20\t\u00a0-]{1,3})?\Z"
)
_PERFECT = re.compile(
    r"(?<![\w'])(?:has|have|'s|'ve)[\x20\t\u00a0]{1,3}(?:been[\x20\t\u00a0]{1,3})?(?:[a-z]{1,20}[\x20\t\u00a0]{1,3})?"
    r"[a-z]{2,20}(?:ed|en)(?![\w'])"
)
_SENTENCE_BREAK = re.compile(r"[.!?;\n](?!\d)")


def _open_deadline(ctx: _Context, start: int) -> bool:
    """Tell whether a month after "until", "through" or "by" ends a span that a present perfect opened.

    "The bank has extended the loans through June" looks ahead, though the
    verb ends in *-ed*.
    """
    if not _DEADLINE.search(ctx.lowered, max(0, start - 30), start):
        return False
    low = max(0, start - 120)
    for stop in _SENTENCE_BREAK.finditer(ctx.lowered, low, start):
        low = stop.end()
    return _PERFECT.search(ctx.lowered, low, start) is not None


def _pick_year(ctx: _Context, month: int, day: int | None, start: int, end: int) -> int | None:
    """Choose the year of a month (and day) given without one, by the tense of its clause.

    Past tense takes the latest occurrence on or before the reference date,
    future tense the first on or after it, and no tense the nearest one; a
    tense is overruled when it would reach almost a year away while the
    other occurrence is within a month.
    """
    anchor = ctx.anchor if ctx.options.resolve else None
    if anchor is None:
        return None
    tense, distance = ctx.tense_cue(start, end, "nearest" if day else "past")
    if tense == "past" and _open_deadline(ctx, start):
        tense = "future"
    strict = tense == "since"
    weak = distance > _WEAK_CUE
    if strict:
        tense = "past"
    elif tense == "present":
        tense = "future"
    candidates: list[tuple[int, int]] = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            first = dt.date(year, month, day or 1)
        except ValueError:
            continue
        last = first if day else dt.date(year, month, _month_length(year, month))
        if last < anchor:
            distance = (last - anchor).days
        elif first > anchor:
            distance = (first - anchor).days
        else:
            distance = 0
        candidates.append((distance, year))
    if not candidates:
        return None
    past = [c for c in candidates if c[0] <= 0]
    future = [c for c in candidates if c[0] >= 0]
    nearest = min(candidates, key=lambda c: (abs(c[0]), c[0] > 0))
    chosen: tuple[int, int] | None = None
    if tense == "past" and past:
        chosen = max(past)
    elif tense == "future" and future:
        chosen = min(future)
    if chosen is None or (
        not strict
        and ((abs(chosen[0]) > 300 and abs(nearest[0]) <= 31) or (weak and abs(chosen[0]) > 240 >= 4 * abs(nearest[0])))
    ):
        chosen = nearest
    return chosen[1]


#: A verb that sets a new date just before a weekday: "postponed until Monday", "moved to Sunday".
_MOVED_TO = re.compile(
    r"\b(?:moved|postponed|delayed|rescheduled|pushed[\x20\t\u00a0]{1,3}back|put[\x20\t\u00a0]{1,3}off|adjourned"
    r"|deferred|brought[\x20\t\u00a0]{1,3}forward|set|scheduled|slated|extended|prolonged)"
    r"(?:[\x20\t\u00a0]{1,3}[a-z']{1,12}){0,3}[\x20\t\u00a0]{1,3}(?:to|until|till|for)"
    r"(?:[\x20\t\u00a0]{1,3}(?:next|this))?"
    r"[\x20\t\u00a0]{1,3}\Z"
)


#: A verb of planning whose object a weekday dates: "protesters planned a rally on Saturday" (not "the planned
#: rally", "a service planned for Saturday was canceled", "as previously planned Saturday").
_PLANNED = re.compile(
    r"(?<![\w'])(?<!the )(?<!a )(?<!an )(?<!previously )(?:planned|planning|plans|plan|intend|intends|intended)"
    r"[\x20\t\u00a0]{1,3}(?:a|an|the|to|their|its|his|her|another)(?![\w'])[^.!?;\n]{0,60}\Z"
)


def _weekday_date(ctx: _Context, weekday: int, deictic: str | None, start: int, end: int) -> str:
    anchor = ctx.anchor if ctx.options.resolve else None
    if anchor is None:
        return f"XXXX-WXX-{weekday}"
    diff = weekday - anchor.isoweekday()
    if deictic in ("last", "this past", "past"):
        offset = diff - 7 if diff >= 0 else diff
    elif deictic in ("next", "this coming", "coming"):
        offset = diff + 7 if diff <= 0 else diff
    elif deictic in ("the previous", "the following", "the next", "the same", "that"):
        base_value = ctx.recent("D", start)
        base = dt.date.fromisoformat(base_value) if base_value else anchor
        bdiff = weekday - base.isoweekday()
        if deictic == "the previous":
            offset = (bdiff - 7 if bdiff >= 0 else bdiff) + (base - anchor).days
        elif deictic in ("the following", "the next"):
            offset = (bdiff + 7 if bdiff <= 0 else bdiff) + (base - anchor).days
        else:
            offset = (bdiff if bdiff <= 0 else bdiff - 7) + (base - anchor).days
    else:
        tense = ctx.tense(start, end) if deictic != "this" else "this"
        if tense == "past" and (
            _MOVED_TO.search(ctx.lowered, max(0, start - 60), start)
            or _PLANNED.search(ctx.lowered, max(0, start - 80), start)
        ):
            # "talks were moved to Sunday": a new date, ahead of the report
            tense = "future"
        if tense == "this":
            offset = diff
        elif tense == "past":
            offset = diff if diff <= 0 else diff - 7
        elif tense in ("future", "present"):
            offset = diff if diff >= 0 else diff + 7
        else:
            offset = diff if -3 <= diff <= 3 else (diff - 7 if diff > 3 else diff + 7)
    day = _add_days(anchor, offset)
    return day.isoformat() if day is not None else f"XXXX-WXX-{weekday}"


def _day_ref_value(m: _Match, ctx: _Context, start: int, end: int) -> str | None:
    """Return the date named by the ``tday``/``twd``/month-day part attached to a clock time."""
    if m["tday"]:
        return _relday_value(m["tday"].lower(), ctx)
    if m["twd"]:
        return _weekday_date(ctx, ctx.grammar.weekdays[m["twd"].lower()][0], None, start, end)
    if m["mon"] and m["day"]:
        return _month_day_value(m, ctx, start, end)
    return None


def _relday_value(word: str, ctx: _Context) -> str:
    offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[word]
    return _relative(ctx, "D", offset, 0)


def _month_number(ctx: _Context, word: str) -> tuple[int, str] | None:
    key = word.lower().rstrip(".")
    entry = ctx.grammar.months.get(key)
    if entry is None:
        return None
    if entry[1] != "full" and not word[:1].isupper():
        return None
    return entry


def _month_day_value(m: _Match, ctx: _Context, start: int, end: int, day: int = 0) -> str | None:
    entry = _month_number(ctx, _orig(ctx, m, "mon"))
    if entry is None:
        return None
    month = entry[0]
    day = day or int(m["day"] or 0)
    if not 1 <= day <= 31:
        return None
    if m["year"]:
        year: int | None = int(m["year"])
    else:
        year = _pick_year(ctx, month, day, start, end)
    if year is None:
        return f"XXXX-{month:02d}-{day:02d}" if day <= _month_length(2000, month) else None
    if day > _month_length(year, month):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _orig(ctx: _Context, m: _Match, name: str) -> str:
    """Return the original (not lower-cased) text of group *name* of *m*, or ``""``."""
    start = m.start(name)
    return "" if start < 0 else ctx.text[start : m.end(name)]
