"""The scan of a document: triggers, rules tried at each, handlers, and the links between neighbouring expressions.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from newscorpus.extract.timex.arithmetic import _add_days, _bounds, _week_value
from newscorpus.extract.timex.context import _Context
from newscorpus.extract.timex.dates import (
    _FULL_DATE,
    _h_century,
    _h_decade,
    _h_dmy,
    _h_half,
    _h_holiday,
    _h_iso,
    _h_mdy,
    _h_mdyw,
    _h_my,
    _h_named,
    _h_nthwd,
    _h_num,
    _h_quarter,
    _h_season,
    _h_thistime,
    _h_time,
    _h_weekof,
    _h_yrange,
    _words_before,
)
from newscorpus.extract.timex.grammar import _CHAIN_SEPARATORS, _Grammar
from newscorpus.extract.timex.matching import _HANDLERS, _chain_starts, _Match, _rules_at, _triggers
from newscorpus.extract.timex.memo import _Memo, _Snapshot
from newscorpus.extract.timex.relative import (
    _h_ago,
    _h_dayof,
    _h_dayrel,
    _h_dom,
    _h_dur,
    _h_freq,
    _h_month,
    _h_period,
    _h_plural,
    _h_pod,
    _h_ref,
    _h_relday,
    _h_relunit,
    _h_set,
    _h_spoken,
    _h_weekday,
    _h_year,
    _h_yearago,
    _h_yearend,
)
from newscorpus.extract.timex.tense import _Found
from newscorpus.extract.timex.values import _PREPOSITIONS, _granularity, _shift
from newscorpus.types import TimexType

__all__: list[str] = []

_HANDLERS.update(
    {
        "r_yrange": _h_yrange,
        "r_named": _h_named,
        "r_iso": _h_iso,
        "r_num": _h_num,
        "r_time": _h_time,
        "r_mdy": _h_mdy,
        "r_mdyw": _h_mdyw,
        "r_weekof": _h_weekof,
        "r_nthwd": _h_nthwd,
        "r_thistime": _h_thistime,
        "r_dmy": _h_dmy,
        "r_my": _h_my,
        "r_quarter": _h_quarter,
        "r_period": _h_period,
        "r_spoken": _h_spoken,
        "r_half": _h_half,
        "r_century": _h_century,
        "r_decade": _h_decade,
        "r_season": _h_season,
        "r_holiday": _h_holiday,
        "r_ago": _h_ago,
        "r_yearago": _h_yearago,
        "r_dur": _h_dur,
        "r_dayof": _h_dayof,
        "r_dom": _h_dom,
        "r_dayrel": _h_dayrel,
        "r_relday": _h_relday,
        "r_weekday": _h_weekday,
        "r_pod": _h_pod,
        "r_yearend": _h_yearend,
        "r_relunit": _h_relunit,
        "r_month": _h_month,
        "r_year": _h_year,
        "r_set": _h_set,
        "r_freq": _h_freq,
        "r_ref": _h_ref,
        "r_plural": _h_plural,
    }
)


_DAY_BEFORE_AFTER = re.compile(
    r"(?<![\w'])the[\x20\t\u00a0]{1,3}(?P<unit>day|week)[\x20\t\u00a0]{1,3}(?P<dir>before|after)[\x20\t\u00a0]{1,3}\Z"
)


def _day_before_after(ctx: _Context, found: _Found, position: int) -> None:
    """Take "the day before" or "the week after" into *found* (a calendar day) and move its value."""
    before = ctx.lowered[max(position, found.start - 10) : found.start]
    if "before" not in before and "after" not in before:
        return
    if found.type is not TimexType.DATE or _granularity(found.value) != "D" or "X" in found.value:
        return
    match = _DAY_BEFORE_AFTER.search(ctx.lowered, max(position, found.start - 30), found.start)
    if match is None:
        return
    day = dt.date.fromisoformat(found.value)
    step = 1 if match["unit"] == "day" else 7
    moved = _add_days(day, step if match["dir"] == "after" else -step)
    if moved is None:
        return
    found.start = match.start()
    found.value = moved.isoformat() if step == 1 else _week_value(moved)
    found.mod = None


_YEAR_DIGITS = re.compile(r"\d{4}|'\d\d")
_YEAR_BACK = re.compile(
    r"[\x20\t\u00a0]{1,3}(?:last[\x20\t\u00a0]{1,3}year|a[\x20\t\u00a0]{1,3}year[\x20\t\u00a0]{1,3}(?:ago|earlier)"
    r"|the[\x20\t\u00a0]{1,3}(?:previous|prior)[\x20\t\u00a0]{1,3}year)\b"
)


def _year_back(ctx: _Context, found: _Found) -> None:
    """Take "last year" or "a year ago" after a quarter ("the same period last year") into it, a year back."""
    if found.type is not TimexType.DATE or _granularity(found.value) != "Q" or found.follow is not None:
        return
    if _YEAR_DIGITS.search(ctx.lowered, found.start, found.end):
        return
    match = _YEAR_BACK.match(ctx.lowered, found.end)
    moved = _shift(found.value, "Y", -1) if match is not None else None
    if match is None or moved is None:
        return
    found.end = match.end()
    found.value = moved


_OPEN_END = re.compile(
    r"[\x20\t\u00a0]{1,3}(?:(?P<after>or[\x20\t\u00a0]{1,3}(?:later|after)|and[\x20\t\u00a0]{1,3}(?:later|beyond))"
    r"|(?P<before>or[\x20\t\u00a0]{1,3}(?:earlier|before)|and[\x20\t\u00a0]{1,3}earlier))(?![\w'-])"
    # at the end of the clause: in "in 1984 and later served" the adverb goes with the verb
    r"(?=[\x20\t\u00a0]{0,3}(?:[,.;:!?)\"'\u201d\u2019]|\Z|(?:and|or|but|when|if|as)(?![\w'])))"
)


def _open_end(ctx: _Context, found: _Found) -> None:
    """Take "or later" or "and beyond" after a calendar date into it, as the modifier TimeML gives it.

    "until 2025 or later" is 2025 with ``mod="ON_OR_AFTER"``, "in 2010 or
    earlier" 2010 with ``ON_OR_BEFORE``; "or before the war" is a second time.
    """
    if found.type is not TimexType.DATE or found.follow is not None or found.mod is not None:
        return
    if not found.value[:4].isdigit() or _granularity(found.value) not in ("Y", "M", "D", "Q"):
        return
    match = _OPEN_END.match(ctx.lowered, found.end)
    if match is None:
        return
    found.end = match.end()
    found.mod = "ON_OR_AFTER" if match["after"] else "ON_OR_BEFORE"


_OTHER_UNITS = re.compile(
    r"[\x20\t\u00a0]{1,3}(?:or|and)[\x20\t\u00a0]{1,3}(?:(?:even|perhaps|possibly)[\x20\t\u00a0]{1,3})?"
    r"(?:minutes|hours|days|weeks|months|years|decades|centuries)(?![\w'-])"
)
_VAGUE_LENGTH = re.compile(r"PX[A-Z]{1,2}|PTX[A-Z]")


def _other_units(ctx: _Context, found: _Found) -> None:
    """Take a second unit in the plural into a vague length: "weeks or months" is one span of time, not two."""
    if found.type is not TimexType.DURATION or found.follow is not None or not _VAGUE_LENGTH.fullmatch(found.value):
        return
    match = _OTHER_UNITS.match(ctx.lowered, found.end)
    if match is not None:
        found.end = match.end()


_APPOSITION = re.compile(r",[\x20\t\u00a0]{1,3}")


def _apposition(ctx: _Context, weekday: _Found, date: _Found) -> bool:
    """Tell whether *date* is a calendar date set off after the weekday *weekday* names ("this Sunday, March 8")."""
    if ctx.lowered[weekday.end : weekday.end + 1] != "," or weekday.type is not TimexType.DATE:
        return False
    if date.type is not TimexType.DATE:
        return False
    if not _APPOSITION.fullmatch(ctx.lowered, weekday.end, date.start) or _granularity(date.value) != "D":
        return False
    word = ctx.lowered[weekday.start : weekday.end].rsplit(None, 1)[-1]
    entry = ctx.grammar.weekdays.get(word.rstrip("."))
    if entry is None or "X" in date.value:
        return False
    return dt.date.fromisoformat(date.value).isoweekday() == entry[0]


def _remember(ctx: _Context, found: _Found) -> None:
    if found.type in (TimexType.DATE, TimexType.TIME) and _FULL_DATE.match(found.value):
        ctx.last_day = (found.end, found.value[:10])
    if found.derived or found.type is not TimexType.DATE or "X" in found.value:
        return
    granularity = _granularity(found.value)
    if granularity is None:
        return
    value = found.value
    if granularity == "Q" and ctx.anchor is not None:
        latest = _bounds(value)[1]
        if latest is None or latest >= ctx.anchor:
            return
    ctx.last[granularity] = (found.start, value)
    if granularity in ("D", "M", "Q", "W"):
        ctx.last["Y"] = (found.start, value[:4])
    if granularity == "D":
        ctx.last["M"] = (found.start, value[:7])


_WORD_NEXT = re.compile(r"[\x20\t\u00a0]{1,3}([a-z]{1,20})")


_RANGE_LINK = re.compile(
    r"[\x20\t\u00a0]{0,3}(?:-|\u2013|(?:to|until|till|through|and|or)(?![\w']))[\x20\t\u00a0]{0,3}\Z"
)
_FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")


def _known_year(value: str) -> str:
    """Return *value* with an unknown year (``XXXX-03-03``) written as a year, to read its granularity."""
    return "2000" + value[4:] if value.startswith("XXXX-") else value


def _range_years(ctx: _Context, previous: _Found, found: _Found) -> None:
    """Share the year written on one end of a range of dates with the other: "from March 3 to April 10, 2019".

    Only calendar dates (a month, or a month and day) joined by "to",
    "until", "through", "and", "or" or a dash take part, and only when one
    end names its year and the other does not.
    """
    if previous.type is not TimexType.DATE or found.type is not TimexType.DATE:
        return
    if found.start - previous.end > 12 or not _RANGE_LINK.fullmatch(ctx.lowered, previous.end, found.start):
        return
    if _granularity(_known_year(previous.value)) not in ("D", "M"):
        return
    if _granularity(_known_year(found.value)) not in ("D", "M"):
        return
    first = _FOUR_DIGITS.search(ctx.text, previous.start, previous.end)
    second = _FOUR_DIGITS.search(ctx.text, found.start, found.end)
    if (first is None) == (second is None) or not (previous.value[5:7] + found.value[5:7]).isdigit():
        return
    later = previous.value[5:7] > found.value[5:7]
    if second is not None and found.value[:4].isdigit():
        previous.value = f"{int(found.value[:4]) - later:04d}" + previous.value[4:]
    elif first is not None and previous.value[:4].isdigit():
        found.value = f"{int(previous.value[:4]) + later:04d}" + found.value[4:]


_DAY_AFTER_TIME = re.compile(
    r"\)?[\x20\t\u00a0]{0,3}(?:\([^()\n]{1,30}\)[\x20\t\u00a0]{0,3})?(?:,[\x20\t\u00a0]{0,3})?"
    r"(?:\(|on[\x20\t\u00a0]{1,3})?"
)


def _time_day_after(ctx: _Context, results: list[_Found], found: _Found) -> None:
    """Give clock times written without their day the day named just after them.

    In "at 10:35 a.m. (0735 GMT) Friday" and "at 4 in the morning (4 a.m.
    Thursday)" the times are on that Friday or Thursday, not on the
    reference date.
    """
    if not results[-1].undated or found.undated or found.type not in (TimexType.DATE, TimexType.TIME):
        return
    if not _FULL_DATE.match(found.value):
        return
    day = found.value[:10]
    following = found
    for previous in reversed(results[-3:]):
        if previous.type is not TimexType.TIME or not previous.undated:
            return
        if following.start - previous.end > 40:
            return
        if not _DAY_AFTER_TIME.fullmatch(ctx.lowered, previous.end, following.start):
            return
        previous.value = day + previous.value[10:]
        previous.undated = False
        following = previous


_ENDED = re.compile(
    r"[\x20\t\u00a0]{0,3},?[\x20\t\u00a0]{1,3}(?:(?:that|which)[\x20\t\u00a0]{1,3})?(?:ended|ending|ends)[\x20\t\u00a0]{1,3}"
    r"(?:on[\x20\t\u00a0]{1,3})?"
)
_QUARTER_ORDINALS = frozenset({"first", "1st", "second", "2nd", "third", "3rd", "fourth", "4th", "final"})


def _quarter_ended(ctx: _Context, previous: _Found, found: _Found) -> None:
    """Date a quarter told by the day it ended ("the quarter ended Sept. 30") by that day.

    The three months before the day are the quarter; its value is the
    calendar quarter that holds most of them, so a fiscal quarter ending on
    July 31 is the second. A quarter named by its number ("the second
    quarter ended Oct. 31") keeps the number the company gives it.
    """
    if previous.type is not TimexType.DATE or _granularity(previous.value) != "Q":
        return
    if found.type is not TimexType.DATE or not _FULL_DATE.fullmatch(found.value):
        return
    if found.start - previous.end > 24 or not _ENDED.fullmatch(ctx.lowered, previous.end, found.start):
        return
    words = ctx.lowered[previous.start : previous.end].replace("-", " ").split()
    if not words or words[-1] != "quarter" or _QUARTER_ORDINALS.intersection(words):
        return
    if any(char.isdigit() for char in ctx.lowered[previous.start : previous.end]):
        return
    middle = _add_days(dt.date.fromisoformat(found.value), -45)
    if middle is not None:
        previous.value = f"{middle.year:04d}-Q{(middle.month - 1) // 3 + 1}"
        _remember(ctx, previous)


_DATED = re.compile(r"(?<![\w'])(?:dated|written|sent|signed)[\x20\t\u00a0]{1,3}(?:on[\x20\t\u00a0]{1,3})?\Z")
_QUOTE_OPEN = re.compile(r"[^\"\u201c\n]{0,120}?(?P<open>[\"\u201c])")
_QUOTE_CLOSE = re.compile(r"[^\"\u201d\n]{0,3000}?[\"\u201d]")


def _dated_quote(ctx: _Context, found: _Found) -> None:
    """Note a quotation that follows the date of the document it comes from.

    In "a letter dated March 3, 2019 reads: \u201cWe meet on Friday\u201d" the
    Friday is the one after the letter was written, not after the article.
    """
    if found.type is not TimexType.DATE or not _FULL_DATE.fullmatch(found.value):
        return
    if ctx.quoted is not None and found.start < ctx.quoted[1]:
        return
    if not _DATED.search(ctx.lowered, max(0, found.start - 16), found.start):
        return
    opened = _QUOTE_OPEN.match(ctx.text, found.end)
    if opened is None:
        return
    closed = _QUOTE_CLOSE.match(ctx.text, opened.end())
    end = closed.end() if closed is not None else min(len(ctx.text), opened.end() + 3000)
    try:
        ctx.quoted = (opened.end(), end, dt.date.fromisoformat(found.value))
    except ValueError:
        return


def _quoted_anchor(ctx: _Context, position: int) -> None:
    """Anchor the expressions inside a dated quotation on its date, and the others on the article's."""
    if ctx.quoted is None:
        return
    start, end, date = ctx.quoted
    if start <= position < end:
        ctx.anchor = date
    else:
        ctx.anchor = ctx.article_anchor
        if position >= end:
            ctx.quoted = None


def _weak_skipped(grammar: _Grammar, text: str, start: int, end: int) -> bool:
    """Tell whether a month name that is also a word ("may", "march") reads as the word.

    It does when a lower-case word that is not a number ("eighth") follows and
    neither a lead word ("in", "early", "last"), a preposition nor a comma
    comes before: "prices may rise".
    """
    following = _WORD_NEXT.match(text, end)
    if following is None or following.group(1) in grammar.cardinals or following.group(1) in grammar.ordinals:
        return False
    if (start > 0 and text[start - 1] != " ") or text[max(0, start - 2) : start].strip() == ",":
        return False
    before = _words_before(text, start, 1)
    return not before or (before[0] not in grammar.lead and before[0] not in _PREPOSITIONS)


class _Scan:
    """The state of a scan between triggers: the expressions found, where the last ends, and the starts tried in vain.

    *reach* spans the text the current step matched or found, while the memo wants to know.
    """

    __slots__ = ("position", "reach", "results", "tried")

    def __init__(self) -> None:
        self.results: list[_Found] = []
        self.position = 0
        # The starts tried in vain since the last expression found: trying one again gives nothing
        # (a match that ended before one trigger ends before the next; the handlers only read).
        self.tried: set[int] = set()
        self.reach: tuple[int, int] | None = None


def _scan(ctx: _Context) -> list[_Found]:
    state = _Scan()
    results = state.results
    memo = _Memo()
    ctx.article_anchor = ctx.anchor
    for trigger_start, trigger_end in _triggers(ctx.grammar, ctx.lowered):
        if trigger_end <= state.position:
            continue
        if ctx.quoted is not None:
            _quoted_anchor(ctx, trigger_start)
        # The memo serves only inside a dense run of expressions (checked here, where it is cheapest).
        if len(results) < memo.dense or trigger_start - results[-memo.dense].start > memo.span:
            memo.chain = None
            _step(ctx, state, trigger_start, trigger_end)
            continue
        if memo.advance(ctx, state, trigger_start):
            continue
        key = memo.key(ctx, results, state.position, state.tried, trigger_start)
        if key is None:
            memo.link(None, trigger_start)
            _step(ctx, state, trigger_start, trigger_end)
            continue
        outcome = memo.entries.get(key)
        if outcome is None:
            before = _Snapshot(ctx, results, state.position, state.tried)
            state.reach = (trigger_start, trigger_end)
            _step(ctx, state, trigger_start, trigger_end)
            outcome = memo.keep(key, before, ctx, results, state.position, state.tried, trigger_start, state.reach)
            state.reach = None
        else:
            state.position = memo.replay(ctx, outcome, results, state.position, state.tried, trigger_start)
        memo.link(outcome, trigger_start)
    ctx.anchor = ctx.article_anchor
    return state.results


def _step(ctx: _Context, state: _Scan, trigger_start: int, trigger_end: int) -> None:
    """Try the rules at a trigger and at the lead words before it; take the first expression found."""
    text = ctx.lowered
    grammar = ctx.grammar
    results = state.results
    tried = state.tried
    position = state.position
    at = trigger_start
    if text[at:trigger_end] in grammar.weak and _weak_skipped(grammar, text, at, trigger_end):
        return
    if at > 0 and text[at - 1] == "'":
        at -= 1
    if at > position and text[at - 1] in _CHAIN_SEPARATORS:
        starts = _chain_starts(text, max(position, at - 100), at, grammar.lead, tried)
        starts.append(at)
    else:
        starts = [at]
    for start in starts:
        if start < position or start in tried:
            continue
        tried.add(start)
        for compiled in _rules_at(grammar, text, start):
            match = compiled.pattern.match(text, start)
            if match is not None:
                break
        else:
            continue
        if state.reach is not None:
            state.reach = (min(state.reach[0], start), max(state.reach[1], match.end()))
        if match.end() <= trigger_start:
            continue
        # The group of the rule encloses all the others, so it is the last to close.
        handler = compiled.handlers.get(match.lastindex or 0)
        found = None if handler is None else handler(_Match(match, compiled.names), ctx)
        if found is not None and state.reach is not None:
            state.reach = (min(state.reach[0], found.start), max(state.reach[1], found.end))
        if found is None or found.end <= found.start or found.start < position:
            continue
        _day_before_after(ctx, found, position)
        _year_back(ctx, found)
        _open_end(ctx, found)
        _other_units(ctx, found)
        if results:
            _range_years(ctx, results[-1], found)
            _time_day_after(ctx, results, found)
            _quarter_ended(ctx, results[-1], found)
        if results and _apposition(ctx, results[-1], found):
            results[-1].end = found.end
            results[-1].value = found.value
            found = attrs.evolve(results.pop(), follow=found.follow)
        for item in (found, found.follow):
            if item is None:
                continue
            results.append(item)
            _remember(ctx, item)
            _dated_quote(ctx, item)
            state.position = item.end
        tried.clear()
        return
