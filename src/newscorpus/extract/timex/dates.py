"""Rules for calendar dates and times.

Numeric and written dates, clock times, quarters, halves, centuries, decades,
seasons, holidays, ranges of years and named dates.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt
import re

from newscorpus.extract.timex.anchoring import _day_ref_value, _month_day_value, _month_number, _orig, _pick_year
from newscorpus.extract.timex.arithmetic import _SEASON_MONTHS, _holiday_date, _week_value
from newscorpus.extract.timex.context import _Context
from newscorpus.extract.timex.matching import _Match
from newscorpus.extract.timex.tense import _Found, _sentence_start
from newscorpus.extract.timex.values import _COUNT_WORDS, _PREPOSITIONS, _month_length, _relative
from newscorpus.extract.timex.vocabulary import _APPROX, _DECADE_WORDS, _NTH, _POSITION, _ZONES
from newscorpus.types import TimexType

__all__: list[str] = []

_WORD_CHUNK = re.compile(r"[\w'.]{1,30}")
_WORD_AFTER = re.compile(r"[\x20\t\u00a0]{1,3}([\w']{1,30})")
_JOINED_PREFIX = re.compile(r"(?:post|pre|mid|anti|circa)-\Z", re.IGNORECASE)
_PREVIOUS_WORD = re.compile(r"([\w'.]{1,30})[\x20\t\u00a0]{1,3}\Z")


def _words_before(text: str, start: int, count: int = 1) -> list[str]:
    """Return up to *count* words just before *start*, nearest last, lower-cased."""
    chunk = text[max(0, start - 40 * count) : start]
    return [w.lower() for w in _WORD_CHUNK.findall(chunk)[-count:]]


def _word_after(text: str, end: int) -> str:
    match = _WORD_AFTER.match(text[end : end + 40])
    return match.group(1) if match else ""


_FUNCTION_WORDS = frozenset(
    [
        "and",
        "or",
        "but",
        "in",
        "on",
        "at",
        "for",
        "to",
        "from",
        "with",
        "by",
        "since",
        "until",
        "as",
        "than",
        "that",
        "which",
        "when",
        "while",
        "after",
        "before",
        "because",
        "so",
        "if",
        "then",
        "the",
        "a",
        "an",
        "of",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "could",
        "should",
        "may",
        "might",
        "can",
        "do",
        "does",
        "did",
        "not",
        "basis",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
    ]
)

_NOT_BEFORE_THE = frozenset({"over", "under", "within", "some"})
# Prepositions that are TimeML signals, not part of the expression: "within [a week]", "over [three years]".
_SIGNALS = frozenset({"within", "over"})
_POSSESSIVES = frozenset({"its", "their", "his", "her", "our", "my", "your"})
#: Words after which "over" before a length of time means "more than" ("to last over a week", "for over a
#: decade", "the first time in over a year"), not the stretch something is spread over ("paid over three years").
_MORE_THAN_AFTER = frozenset(
    {"for", "in", "of", "after", "last", "lasts", "lasted", "lasting", "take", "takes", "took", "taking", "taken"}
)


def _over_means_more(text: str, start: int) -> bool:
    """Tell whether "over" at *start* means "more than" by the word before it."""
    before = _words_before(text, start, 1)
    return bool(before) and before[0] in _MORE_THAN_AFTER


_ZONE_WORDS = frozenset(_ZONES.split("|"))


def _modifies_noun(ctx: _Context, end: int) -> bool:
    """Tell whether the word after *end* is a noun the expression modifies ("third-quarter [profit]")."""
    after = _word_after(ctx.text, end)
    if 2 <= len(after) <= 5 and after.isalpha() and after.isupper() and after not in _ZONE_WORDS:
        # an abbreviation: "third-quarter GDP" (a time zone is part of the time)
        return True
    return bool(after) and after.islower() and after.isalpha() and after not in _FUNCTION_WORDS


def _after_determiner(ctx: _Context, start: int, end: int) -> int:
    """Return where the words after a leading determiner or possessive in ``text[start:end]`` begin."""
    match = re.match(r"[A-Za-z]{1,5}[\x20\t\u00a0]{1,3}", ctx.text[start:end])
    return start + match.end() if match is not None else start


_APPROX_ONLY = frozenset(k for k, v in _APPROX.items() if v == "APPROX" and k != "some")


class _Prefix:
    """Where a match's prefix and core start, and the modifier the kept prefix gives."""

    __slots__ = ("approx", "core", "mod", "pos", "start")

    def __init__(self, m: _Match, rule: str, *, approx: str, position: bool, earlier: bool = False) -> None:
        self.core = m.start(rule)
        if self.core == m.start():
            # No modifier before the rule's own words.
            self.approx = self.pos = ""
            self.start = self.core
            self.mod = None
            return
        self.approx = " ".join((m["approx"] or "").lower().split())
        self.pos = " ".join((m["pos"] or "").lower().split())
        keep_approx = bool(self.approx) and (approx == "all" or (approx == "plain" and self.approx in _APPROX_ONLY))
        if self.approx in _SIGNALS and not (self.approx == "over" and _over_means_more(m.string, m.start())):
            keep_approx = False
        if self.approx in _NOT_BEFORE_THE and m.string[self.core : self.core + 4].lower() in ("the ", "this", "that"):
            keep_approx = False
        keep_pos = bool(self.pos) and position and (earlier or self.pos not in ("earlier", "later"))
        if not keep_pos:
            self.pos = ""
        if keep_approx and (keep_pos or not self.pos):
            self.start = m.start()
        elif keep_pos:
            self.start = m.start("pos")
            keep_approx = False
        else:
            self.start = self.core
        if not keep_approx:
            self.approx = ""
        mod = _POSITION.get(self.pos) if self.pos else None
        if mod is None and self.approx:
            mod = _APPROX.get(self.approx)
        self.mod = mod


def _title_case(text: str, start: int, end: int) -> bool:
    """Tell whether ``text[start:end]`` reads as part of a title or name (``"This Week"``, ``"VOA Today"``)."""
    words = text[start:end].split()
    if not all(w[:1].isupper() for w in words) or _sentence_start(text, start):
        return False
    if len(words) > 1:
        return True
    previous = re.search(r"([\w']{1,30})[\x20\t\u00a0]{1,3}\Z", text[max(0, start - 32) : start])
    return previous is not None and previous.group(1)[:1].isupper()


def _year_of_two(ctx: _Context, yy: int) -> int:
    base = ctx.anchor.year if ctx.anchor is not None else 2000
    candidates = [base // 100 * 100 + yy + shift for shift in (-100, 0, 100)]
    return min(candidates, key=lambda y: (abs(y - base - 5), y))


def _time_value(date_value: str, hour: int, minute: int) -> str:
    return f"{date_value}T{hour:02d}:{minute:02d}"


def _h_iso(m: _Match, ctx: _Context) -> _Found | None:
    year, month, day = int(m["year"]), int(m["mo"]), int(m["day"])
    if day > _month_length(year, month):
        return None
    value = f"{year:04d}-{month:02d}-{day:02d}"
    if m["hh"]:
        return _Found(m.start("r_iso"), m.end(), TimexType.TIME, _time_value(value, int(m["hh"]), int(m["mm"])))
    return _Found(m.start("r_iso"), m.end(), TimexType.DATE, value)


def _h_num(m: _Match, ctx: _Context) -> _Found | None:
    a, b, y = int(m["a"]), int(m["b"]), m["y"]
    if m["sep"] == "." and len(y) != 4:
        return None
    day, month = (a, b) if a > 12 or m["sep"] == "." else (b, a)
    year = int(y) if len(y) == 4 else _year_of_two(ctx, int(y))
    if not (1 <= month <= 12 and 1 <= day <= _month_length(year, month)):
        return None
    return _Found(m.start("r_num"), m.end(), TimexType.DATE, f"{year:04d}-{month:02d}-{day:02d}")


_FULL_DATE = re.compile(r"\d{4}-\d\d-\d\d")
_TIME_GAP = re.compile(r"[\x20\t\u00a0,(]{0,3}(?:(?:at|around|about|from|by|until)[\x20\t\u00a0]{1,3})?")


def _h_time(m: _Match, ctx: _Context) -> _Found | None:
    prefix = _Prefix(m, "r_time", approx="plain", position=False)
    named = (m["named"] or "").lower()
    if named == "noon" and _words_before(ctx.text, m.start("r_time"), 1) == ["high"]:
        return None
    if named:
        hour, minute = (24, 0) if named == "midnight" else (12, 0)
    else:
        hour, minute = int(m["hh"]), int(m["mm"] or 0)
        marker = (m["ampm"] or "").lower().replace(".", "").replace(" ", "")
        if marker == "pm" and hour < 12:
            hour += 12
        elif marker == "am" and hour == 12:
            hour = 0
        elif not marker and m["tpod"] and m["tpod"].lower() != "morning" and hour < 12:
            hour += 12
    day_value = _day_ref_value(m, ctx, prefix.start, m.end())
    undated = day_value is None
    if day_value is None and ctx.last_day is not None:
        gap_start, previous = ctx.last_day
        if prefix.start - gap_start <= 12 and _TIME_GAP.fullmatch(ctx.lowered, gap_start, prefix.start):
            day_value = previous
    if day_value is None:
        anchor = ctx.anchor if ctx.options.resolve else None
        day_value = anchor.isoformat() if anchor is not None else "XXXX-XX-XX"
    if "W" in day_value:
        day_value = "XXXX-XX-XX"
    value = _time_value(day_value, hour, minute)
    return _Found(prefix.start, m.end(), TimexType.TIME, value, prefix.mod, undated=undated)


def _weekday_ok(ctx: _Context, word: str | None) -> bool:
    if not word:
        return True
    entry = ctx.grammar.weekdays.get(word.lower().rstrip("."))
    return entry is not None and (entry[1] == "full" or word[:1].isupper())


def _with_weekday(m: _Match, ctx: _Context, value: str | None) -> str | None:
    """Move a date found without a year to the nearby year whose weekday matches the one written."""
    if value is None or not m["wd"] or m["year"] or value.startswith("X"):
        return value
    weekday = ctx.grammar.weekdays[m["wd"].lower().rstrip(".")][0]
    year, month, day = (int(part) for part in value.split("-"))
    for candidate in (year, year + 1, year - 1):
        try:
            if dt.date(candidate, month, day).isoweekday() == weekday:
                return f"{candidate:04d}-{month:02d}-{day:02d}"
        except ValueError:
            continue
    return value


def _h_mdyw(m: _Match, ctx: _Context) -> _Found | None:
    if not _weekday_ok(ctx, _orig(ctx, m, "wd")):
        return None
    day = ctx.grammar.ordinals.get(" ".join((m["dayw"] or "").split()), 0)
    prefix = _Prefix(m, "r_mdyw", approx="plain", position=True)
    value = _with_weekday(m, ctx, _month_day_value(m, ctx, prefix.start, m.end(), day))
    if value is None:
        return None
    return _Found(prefix.start, m.end(), TimexType.DATE, value, prefix.mod)


def _h_weekof(m: _Match, ctx: _Context) -> _Found | None:
    start = m.start("r_weekof")
    value = _month_day_value(m, ctx, start, m.end())
    if value is None:
        return None
    if value.startswith("X"):
        return _Found(start, m.end(), TimexType.DATE, "XXXX-WXX")
    return _Found(start, m.end(), TimexType.DATE, _week_value(dt.date.fromisoformat(value)))


def _h_nthwd(m: _Match, ctx: _Context) -> _Found | None:
    entry = _month_number(ctx, _orig(ctx, m, "mon"))
    if entry is None:
        return None
    month = entry[0]
    start = m.start("r_nthwd")
    number = _NTH[(m["nth"] or "").lower()]
    weekday = ctx.grammar.weekdays[(m["wd"] or "").lower()][0]
    year = int(m["year"]) if m["year"] else _pick_year(ctx, month, None, start, m.end())
    if year is None:
        return _Found(start, m.end(), TimexType.DATE, f"XXXX-{month:02d}-XX")
    rule = f"{month:02d}-{'L' if number < 0 else number}-{weekday}"
    day = _holiday_date(rule, year)
    if day is None or day.month != month:
        return None
    return _Found(start, m.end(), TimexType.DATE, day.isoformat())


def _h_thistime(m: _Match, ctx: _Context) -> _Found | None:
    start = m.start("r_thistime")
    anchor = ctx.anchor if ctx.options.resolve else None
    if anchor is None:
        return _Found(start, m.end(), TimexType.DATE, "XXXX-XX")
    year = anchor.year + (1 if (m["tly"] or "").lower() == "next" else -1)
    return _Found(start, m.end(), TimexType.DATE, f"{year:04d}-{anchor.month:02d}")


def _h_yrange(m: _Match, ctx: _Context) -> _Found | None:
    first = int(m["yr1"])
    second_text = m["yr2"]
    second = int(second_text) if len(second_text) == 4 else first // 100 * 100 + int(second_text)
    if not first < second <= first + (10 if len(second_text) == 2 else 100):
        return None
    if m["yrsep"] == "/" and len(second_text) == 4:
        return None
    follow = _Found(m.start("yr2"), m.end("yr2"), TimexType.DATE, f"{second:04d}")
    return _Found(m.start("yr1"), m.end("yr1"), TimexType.DATE, f"{first:04d}", follow=follow)


_ATTACK_WORDS = frozenset(
    {"attack", "attacks", "attackers", "hijackers", "hijackings", "terror", "terrorist", "commission"}
)
_ATTACK_DAY = dt.date(2001, 9, 11)


def _h_named(m: _Match, ctx: _Context) -> _Found | None:
    if ctx.anchor is not None and ctx.anchor <= _ATTACK_DAY:
        return None
    return _Found(m.start("r_named"), m.end(), TimexType.DATE, _ATTACK_DAY.isoformat())


def _names_the_attacks(ctx: _Context, m: _Match, end: int) -> bool:
    """Tell whether "Sept. 11" without a year names the attacks of 2001 ("the Sept. 11 attacks")."""
    if m["year"] or (ctx.anchor is not None and ctx.anchor <= _ATTACK_DAY):
        return False
    return _word_after(ctx.text, end).lower() in _ATTACK_WORDS


def _h_mdy(m: _Match, ctx: _Context) -> _Found | None:
    if not _weekday_ok(ctx, _orig(ctx, m, "wd")):
        return None
    prefix = _Prefix(m, "r_mdy", approx="plain", position=True)
    value = _with_weekday(m, ctx, _month_day_value(m, ctx, prefix.start, m.end()))
    if value is None:
        return None
    if value.endswith("-09-11") and _names_the_attacks(ctx, m, m.end()):
        return _Found(prefix.start, m.end(), TimexType.DATE, _ATTACK_DAY.isoformat(), prefix.mod)
    found = _Found(prefix.start, m.end(), TimexType.DATE, value, prefix.mod)
    if not m["year"]:
        _range_end(ctx, found)
    return found


_RANGE_END = re.compile(
    r"(?:[\x20\t\u00a0]{1,3}(?:and|to|through|or|until|till)[\x20\t\u00a0]{1,3}|[\x20\t\u00a0]?[-\u2013][\x20\t\u00a0]?)"
    r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\w%]|[.,:/-]\d)"
)
_RANGE_YEAR = re.compile(r",?[\x20\t\u00a0]{1,3}(?P<year>\d{4})(?![\w%]|[.,:/-]\d)")


def _range_end(ctx: _Context, found: _Found) -> None:
    """Give *found* (a month and day) the second day of a range after it: "April 24 and 25", "April 24-28"."""
    match = _RANGE_END.match(ctx.lowered, found.end)
    if match is None or _COUNT_WORDS.match(ctx.lowered, match.end()):
        return
    day = int(match["day"])
    first = int(found.value[8:10])
    year = _RANGE_YEAR.match(ctx.lowered, match.end())
    end = match.end()
    if year is not None:
        found.value = year["year"] + found.value[4:]
        end = year.end()
    reference_year = int(found.value[:4]) if found.value[:4].isdigit() else 2000
    if not first < day <= _month_length(reference_year, int(found.value[5:7])):
        return
    found.follow = _Found(match.start("day"), end, TimexType.DATE, f"{found.value[:8]}{day:02d}")


def _h_dmy(m: _Match, ctx: _Context) -> _Found | None:
    if not _weekday_ok(ctx, _orig(ctx, m, "wd")):
        return None
    entry = _month_number(ctx, _orig(ctx, m, "mon"))
    if entry is None or (entry[1] == "abbr" and not m["year"] and not m["mon"].endswith(".")):
        return None
    prefix = _Prefix(m, "r_dmy", approx="plain", position=True)
    value = _with_weekday(m, ctx, _month_day_value(m, ctx, prefix.start, m.end()))
    if value is None:
        return None
    return _Found(prefix.start, m.end(), TimexType.DATE, value, prefix.mod)


def _h_my(m: _Match, ctx: _Context) -> _Found | None:
    entry = _month_number(ctx, _orig(ctx, m, "mon"))
    if entry is None:
        return None
    year = int(m["year"]) if m["year"] else _year_of_two(ctx, int(m["yy"]))
    prefix = _Prefix(m, "r_my", approx="plain", position=True)
    return _Found(prefix.start, m.end(), TimexType.DATE, f"{year:04d}-{entry[0]:02d}", prefix.mod)


_QUARTER_NUMBER = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}
_QUARTER_NUMBER.update({"fourth": 4, "4th": 4, "final": 4, "last": 4})


def _h_quarter(m: _Match, ctx: _Context) -> _Found | None:
    number = int(m["qn"]) if m["qn"] else _QUARTER_NUMBER[m["qord"].lower()]
    prefix = _Prefix(m, "r_quarter", approx="plain", position=True)
    start = prefix.start
    if m["qdet"] and m["qdet"].lower() == "a" and not m["qpre"]:
        start = m.start("qpre") if m["qpre"] else m.start("qord")
    qpre = " ".join((m["qpre"] or "").lower().split())
    if m["qpl"]:
        return _Found(start, m.end(), TimexType.SET, f"XXXX-Q{number}")
    determiner = (m["qdet"] or "").lower()
    hyphen = m["qord"] is not None and ctx.text[m.end("qord") : m.end("qord") + 1] == "-"
    if (
        determiner
        and start == m.start("qdet")
        and (determiner in _POSSESSIVES or (hyphen and _modifies_noun(ctx, m.end())))
    ):
        start = _after_determiner(ctx, start, m.end())
    year: int | None = None
    explicit = m["qyear"] or m["qyear2"]
    if explicit:
        year = int(explicit)
    elif m["qyy"]:
        year = _year_of_two(ctx, int(m["qyy"].lstrip("'")))
    anchor = ctx.anchor if ctx.options.resolve else None
    if year is None and anchor is not None:
        offset = 0
        relation = (m["qrel"] or "").lower() or next((w for w in ("last", "next", "this") if f"{w} year's" in qpre), "")
        if relation:
            offset = {"last": -1, "next": 1, "this": 0}[relation]
            year = anchor.year + offset
        elif "year-ago" in qpre or "year-earlier" in qpre:
            recent = ctx.recent("Q", start)
            year = (int(recent[:4]) if recent else anchor.year) - 1
        else:
            current = (anchor.month - 1) // 3 + 1
            year = anchor.year
            if number > current and ctx.tense(start, m.end()) == "past":
                year -= 1
    value = f"{year:04d}-Q{number}" if year is not None else f"XXXX-Q{number}"
    return _Found(start, m.end(), TimexType.DATE, value, prefix.mod)


def _h_half(m: _Match, ctx: _Context) -> _Found | None:
    number = int(m["hn"]) if m["hn"] else (1 if m["hord"].lower() in ("first", "1st") else 2)
    prefix = _Prefix(m, "r_half", approx="plain", position=False)
    year: int | None = None
    if m["hyear"]:
        year = int(m["hyear"])
    elif m["hyy"]:
        year = _year_of_two(ctx, int(m["hyy"].lstrip("'")))
    anchor = ctx.anchor if ctx.options.resolve else None
    if year is None and anchor is not None:
        relation = (m["hrel"] or "").lower()
        recent = ctx.recent("Y", prefix.start, 600)
        year = anchor.year + {"last": -1, "next": 1}.get(relation, 0)
        if relation in ("", "the") and recent is not None:
            year = int(recent[:4])
    if not m["hn"] and not m["hyear"] and not m["hrel"] and not m["hyy"]:
        words = _words_before(ctx.text, prefix.start, 1)
        if words and words[0] not in _PREPOSITIONS:
            return None
    value = f"{year:04d}-H{number}" if year is not None else f"XXXX-H{number}"
    return _Found(prefix.start, m.end(), TimexType.DATE, value, prefix.mod)


def _h_century(m: _Match, ctx: _Context) -> _Found | None:
    prefix = _Prefix(m, "r_century", approx="plain", position=True)
    deictic = " ".join((m["cdeic"] or "").lower().split())
    number: int | None = None
    if m["cn"]:
        number = int(m["cn"])
    elif m["cw"]:
        number = ctx.grammar.ordinals.get(m["cw"].lower())
        if number == -1:
            deictic, number = "last", None
    if number is not None:
        if not 1 <= number <= 30:
            return None
        return _Found(prefix.start, m.end(), TimexType.DATE, f"{number - 1:02d}", prefix.mod)
    if deictic in ("the past", "the last") and number is None:
        return _Found(prefix.start, m.end(), TimexType.DURATION, "P100Y", prefix.mod)
    offsets = {"this": 0, "last": -1, "the last": -1, "the past": -1, "the previous": -1, "next": 1, "the next": 1}
    if deictic not in offsets:
        return None
    return _Found(prefix.start, m.end(), TimexType.DATE, _relative(ctx, "CE", offsets[deictic], 0), prefix.mod)


def _h_decade(m: _Match, ctx: _Context) -> _Found | None:
    prefix = _Prefix(m, "r_decade", approx="plain", position=True)
    if m["dcy"]:
        value = f"{m['dcy']}{m['dd']}"
    else:
        if m["dword"]:
            if "the" not in ctx.text[prefix.start : m.start("dword")].lower().split():
                return None
            digit = _DECADE_WORDS[m["dword"].lower()]
        else:
            digit = int(m["dd2"])
        anchor = ctx.anchor
        century = 19
        if anchor is not None and digit * 10 <= anchor.year % 100 and anchor.year >= 2000 and m["dd2"]:
            century = anchor.year // 100
        value = f"{century}{digit}"
    return _Found(prefix.start, m.end(), TimexType.DATE, value, prefix.mod)


def _season_value(ctx: _Context, code: str, mode: str) -> str:
    """Return the season *code* occurrence chosen by *mode*: last, next, this, past, future."""
    anchor = ctx.anchor if ctx.options.resolve else None
    if anchor is None:
        return f"XXXX-{code}"
    lo, hi = _SEASON_MONTHS[code]
    index = anchor.year * 12 + anchor.month - 1

    def span(year: int) -> tuple[int, int]:
        return year * 12 + lo - 1, year * 12 + hi - 1

    years = range(anchor.year - 2, anchor.year + 2)
    containing = next((y for y in years if span(y)[0] <= index <= span(y)[1]), None)
    before = max(y for y in years if span(y)[1] < index)
    after = min(y for y in years if span(y)[0] > index)
    if mode == "last":
        year = before
    elif mode == "next":
        year = after
    elif mode in ("this", "future"):
        year = containing if containing is not None else (after if mode == "future" or after == anchor.year else before)
    else:
        year = containing if containing is not None else before
    return f"{year:04d}-{code}"


def _h_season(m: _Match, ctx: _Context) -> _Found | None:
    word = _orig(ctx, m, "season")
    code = ctx.grammar.seasons[word.lower()]
    deictic = " ".join((m["sdeic"] or "").lower().split())
    prefix = _Prefix(m, "r_season", approx="plain", position=True)
    start = prefix.start
    if deictic in ("early", "late", "mid"):
        prefix.mod = {"early": "EARLY", "late": "LATE", "mid": "MID"}[deictic]
        deictic = ""
    after = ctx.text[m.end() : m.end() + 8].lower()
    if (
        not m["year"]
        and deictic in ("", "the", "that")
        and (after.startswith((" of ", " in ", " for ")) or deictic in ("the", "that"))
        and (after.startswith((" of ", " in ", " for ")) or (word.islower() and deictic == "that"))
    ):
        return None
    if not deictic and not m["year"] and not prefix.pos:
        words = _words_before(ctx.text, m.start("r_season"), 1)
        if word.lower() == "fall" or not words or words[0] not in _PREPOSITIONS:
            return None
    if m["year"]:
        return _Found(start, m.end(), TimexType.DATE, f"{int(m['year']):04d}-{code}", prefix.mod)
    if deictic in ("every", "each"):
        return _Found(start, m.end(), TimexType.SET, f"XXXX-{code}")
    mode = {"last": "last", "this past": "last", "past": "last", "the past": "last", "the last": "last"}.get(deictic)
    if mode is None:
        mode = {"next": "next", "this coming": "next", "coming": "next", "the coming": "next"}.get(deictic)
    if mode is None:
        mode = "this" if deictic in ("this", "current", "the current") else ctx.tense(start, m.end())
        mode = "future" if mode == "present" else mode
    return _Found(start, m.end(), TimexType.DATE, _season_value(ctx, code, mode), prefix.mod)


def _h_holiday(m: _Match, ctx: _Context) -> _Found | None:
    name = _orig(ctx, m, "hol")
    if not name[:1].isupper():
        return None
    rule = ctx.grammar.holidays[" ".join(name.lower().split())]
    prefix = _Prefix(m, "r_holiday", approx="plain", position=True)
    deictic = " ".join((m["hdeic"] or "").lower().split())
    if deictic in ("every", "each"):
        return _Found(
            prefix.start, m.end(), TimexType.SET, "XXXX-" + (rule if rule[2:3] == "-" and len(rule) == 5 else "XX-XX")
        )
    if m["year"]:
        day = _holiday_date(rule, int(m["year"]))
        return None if day is None else _Found(prefix.start, m.end(), TimexType.DATE, day.isoformat(), prefix.mod)
    anchor = ctx.anchor if ctx.options.resolve else None
    if anchor is None:
        value = f"XXXX-{rule}" if len(rule) == 5 and rule[2] == "-" else "XXXX-XX-XX"
        return _Found(prefix.start, m.end(), TimexType.DATE, value, prefix.mod)
    options = [d for d in (_holiday_date(rule, anchor.year + k) for k in (-1, 0, 1)) if d is not None]
    if not options:
        return None
    mode = {"last": "past", "this past": "past", "next": "future", "this coming": "future", "this": "this"}.get(deictic)
    if mode is None:
        mode = ctx.tense(prefix.start, m.end(), "nearest")
    past = [d for d in options if d <= anchor]
    future = [d for d in options if d >= anchor]
    if mode == "this":
        chosen = next((d for d in options if d.year == anchor.year), options[0])
    elif mode == "past" and past:
        chosen = past[-1] if deictic == "" or past[-1] != anchor else (past[-2] if len(past) > 1 else past[-1])
    elif mode in ("future", "present") and future:
        # a scheduled present ("the fair opens on Harvest Day") looks ahead, as for weekdays
        chosen = future[0]
    else:
        chosen = min(options, key=lambda d: abs((d - anchor).days))
    return _Found(prefix.start, m.end(), TimexType.DATE, chosen.isoformat(), prefix.mod)
