"""Rules for relative expressions.

"ago", durations, weekdays, parts of days, "next week", months and years,
sets and references, and days told by other days ("the day before").

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt
import re

from newscorpus.extract.timex.anchoring import _month_number, _orig, _pick_year, _relday_value, _weekday_date
from newscorpus.extract.timex.arithmetic import _week_value
from newscorpus.extract.timex.context import _Context
from newscorpus.extract.timex.dates import (
    _FUNCTION_WORDS,
    _JOINED_PREFIX,
    _PREVIOUS_WORD,
    _QUARTER_NUMBER,
    _modifies_noun,
    _Prefix,
    _title_case,
    _word_after,
    _words_before,
    _year_of_two,
)
from newscorpus.extract.timex.matching import _Match
from newscorpus.extract.timex.tense import _Found, _sentence_start
from newscorpus.extract.timex.values import (
    _COUNT_WORDS,
    _DETERMINERS,
    _PREPOSITIONS,
    _duration,
    _month_length,
    _quantity,
    _relative,
    _shift,
)
from newscorpus.extract.timex.vocabulary import _publication_words
from newscorpus.types import TimexType

__all__: list[str] = []

_BACKWARD = frozenset({"ago", "earlier", "before", "back"})
_THAN = re.compile(r"[\x20\t\u00a0]{1,3}than\b")


def _relative_value(ctx: _Context, code: str, count: int, start: int) -> str:
    """Return the value *count* units of *code* from the anchor, in the granularity of the unit."""
    if code in ("Y", "M", "W", "D", "Q", "DE", "CE"):
        if code == "DE":
            return _relative(ctx, "Y", 10 * count, start)
        if code == "CE":
            return _relative(ctx, "Y", 100 * count, start)
        return _relative(ctx, code, count, start)
    if code in ("FN", "WE"):
        return _relative(ctx, "W", (2 if code == "FN" else 1) * count, start)
    if code == "NI":
        return _relative(ctx, "D", count, start)
    if code == "HA":
        return _relative(ctx, "M", 6 * count, start)
    return _relative(ctx, "D", 0, start)


def _h_ago(m: _Match, ctx: _Context) -> _Found | None:
    direction = " ".join(m["dir"].lower().split())
    prefix = _Prefix(m, "r_ago", approx="all", position=False)
    start = prefix.start
    after = ctx.text[m.end() : m.end() + 3]
    if direction in ("before", "after") and re.match(r"[\x20\t\u00a0]{1,3}[\w$£€(\"'\u201c]", after):
        if m["vague"]:
            return None
        end = m.end("unit")
        code = ctx.grammar.units[m["unit"].lower()]
        number = _quantity(m["qty"], ctx.grammar)
        return _Found(start, end, TimexType.DURATION, _duration(number, code), prefix.mod)
    if direction in ("later", "earlier") and _THAN.match(ctx.lowered, m.end()) and not m["vague"]:
        # "two weeks later than planned": a length of time compared, not a date.
        code = ctx.grammar.units[m["unit"].lower()]
        return _Found(start, m.end("unit"), TimexType.DURATION, _duration(_quantity(m["qty"], ctx.grammar), code))
    if direction == "later":
        # "Three days later, the index fell": the time from an event of the story, a length of time
        # whose "later" is a signal (TimeML), not a date counted from the reference.
        if m["vague"]:
            code = ctx.grammar.units[m["vague"].lower()]
            return _Found(start, m.end("vague"), TimexType.DURATION, _duration(None, code), prefix.mod)
        code = ctx.grammar.units[m["unit"].lower()]
        number = _quantity(m["qty"], ctx.grammar)
        return _Found(start, m.end("unit"), TimexType.DURATION, _duration(number, code), prefix.mod)
    if direction == "from now" and not m["vague"]:
        # "ten years from now": the length of time, then the present it is counted from.
        code = ctx.grammar.units[m["unit"].lower()]
        now = m.end() - 3
        follow = _Found(now, m.end(), TimexType.DATE, "PRESENT_REF")
        number = _quantity(m["qty"], ctx.grammar)
        return _Found(start, m.end("unit"), TimexType.DURATION, _duration(number, code), prefix.mod, follow=follow)
    backward = direction in _BACKWARD
    unit = m["unit"].lower()
    code = ctx.grammar.units[unit]
    if m["vague"]:
        return _Found(start, m.end(), TimexType.DATE, "PAST_REF" if backward else "FUTURE_REF", prefix.mod)
    if m["qty"] and m["qty"].lower() in ("a", "an") and code == "S":
        return None
    number = _quantity(m["qty"], ctx.grammar)
    if number is None:
        return _Found(start, m.end(), TimexType.DATE, "PAST_REF" if backward else "FUTURE_REF", prefix.mod)
    count = round(number) * (-1 if backward else 1)
    if code == "Y" and number == int(number):
        recent = ctx.recent("Q", start, 3000)
        if recent is not None and ctx.anchor is not None and ctx.options.resolve:
            shifted = _shift(recent, "Y", count)
            if shifted is not None:
                return _Found(start, m.end(), TimexType.DATE, shifted, prefix.mod, derived=True)
    value = _relative_value(ctx, code, count, start)
    return _Found(start, m.end(), TimexType.DATE, value, prefix.mod, derived=True)


def _h_yearago(m: _Match, ctx: _Context) -> _Found | None:
    start = m.start("r_yearago")
    noun = " ".join((m["yanoun"] or "").lower().split())
    unit = m["yaunit"].lower()
    hyphen = ctx.text[m.end("yaunit") : m.end("yaunit") + 1] == "-"
    if not noun and start < m.start("yaunit") and hyphen and _modifies_noun(ctx, m.end()):
        start = m.start("yaunit")
    if noun.endswith("months"):
        number = _quantity(noun.rsplit(" ", 1)[0], ctx.grammar)
        return _Found(start, m.end(), TimexType.DURATION, _duration(number, "M"))
    code = {"year": "Y", "month": "M", "week": "W", "quarter": "Q"}[unit]
    words = noun.split()
    if words and words[0] in _QUARTER_NUMBER and ctx.anchor is not None and ctx.options.resolve:
        recent = ctx.recent("Y", start, 800) or str(ctx.anchor.year)
        value = f"{int(recent[:4]) - 1:04d}-Q{_QUARTER_NUMBER[words[0]]}"
        return _Found(start, m.end(), TimexType.DATE, value, derived=True)
    recent_quarter = ctx.recent("Q", start, 800) if code == "Y" else None
    if recent_quarter is not None and ctx.anchor is not None and ctx.options.resolve:
        shifted = _shift(recent_quarter, "Y", -1)
        if shifted is not None:
            return _Found(start, m.end(), TimexType.DATE, shifted, derived=True)
    return _Found(start, m.end(), TimexType.DATE, _relative(ctx, code, -1, start), derived=True)


_FRACTION_COUNTS = frozenset({"a", "an", "one", "two", "three", "1", "2", "3", "the"})
_RATE_BEFORE = re.compile(r"(?:\d[\d.,]{0,12}\s?(?:%|percent|[a-z]{1,20})?|times|once|twice)[\x20\t\u00a0]{1,3}\Z")


#: Words after which "last" is the verb ("expected to last six weeks", "storms that last three days").
_BEFORE_VERB_LAST = frozenset(
    {"to", "will", "would", "could", "can", "may", "might", "should", "must", "shall", "'ll", "did", "does", "do"}
    | {"not", "never", "that", "which", "who", "won't", "wouldn't", "didn't", "doesn't", "don't", "cannot", "can't"}
)


def _verb_last(ctx: _Context, start: int) -> bool:
    before = _words_before(ctx.text, start, 1)
    return bool(before) and before[0] in _BEFORE_VERB_LAST


def _h_dur(m: _Match, ctx: _Context) -> _Found | None:
    prefix = _Prefix(m, "r_dur", approx="all", position=False)
    start = prefix.start
    mod = prefix.mod
    if m["ddet"] and m["ddet"].lower() == "last" and start == m.start("ddet") and _verb_last(ctx, start):
        start = m.end("ddet")
        while ctx.text[start : start + 1] in ("\x20", "\t", "\u00a0"):
            start += 1
    if m["vqty"]:
        code = ctx.grammar.units[m["vqty"].lower()]
        plural = m["vqty"].lower().endswith("s")
        return _Found(start, m.end(), TimexType.DURATION, _duration(None if plural else 1, code), mod)
    if m["hyph"] and m["hyph"].lower() == "old":
        return None
    unit = m["unit"].lower()
    code = ctx.grammar.units[unit]
    qty = m["qty"] or ""
    lowered = " ".join(qty.lower().split())
    after = ctx.text[m.end() : m.end() + 12].lower()
    if re.match(r"[\x20\t\u00a0]{1,3}old\b", after):
        return None
    if lowered in ("a", "an", "a single") and code in ("S", "Q"):
        return None
    some_day = lowered == "one" and code == "D" and start == m.start("qty") and not m["tail"]
    if some_day and _some_day(ctx, start, m.end()):
        return _Found(start, m.end(), TimexType.DATE, "FUTURE_REF")
    if code == "Q" and re.match(r"[\x20\t\u00a0]{1,3}of\b", after) and lowered in _FRACTION_COUNTS:
        # "three quarters of the members": a fraction; "several quarters of losses" is a time
        return None
    if code in ("S", "MIN", "H") and lowered in ("several", "many", "some", "few", "a few") and not m["ddet"]:
        pass
    number = _quantity(qty, ctx.grammar)
    link = ctx.lowered[m.end("qty2") : m.start("qty")].strip() if m["qty2"] else ""
    if link in ("to", "or", "and") and m.start("qty2") >= 0:
        # "between 6 and 9 weeks", "two to six days": TimeML marks each end apart, the first without its unit.
        first = _quantity(m["qty2"], ctx.grammar)
        if first is not None and number is not None:
            follow = _Found(m.start("qty"), m.end(), TimexType.DURATION, _duration(number, code))
            return _Found(start, m.end("qty2"), TimexType.DURATION, _duration(first, code), mod, follow=follow)
    if m["qty2"]:
        number = None
    tail = " ".join((m["tail"] or "").lower().split())
    if tail == "and a half" and number is not None:
        number += 0.5
    elif tail == "or so":
        mod = mod or "APPROX"
    elif tail == "or more":
        mod = mod or "EQUAL_OR_MORE"
    if number is not None and number > 10000:
        return None
    if (
        m["ddet"]
        and m["ddet"].lower() == "the"
        and start == m.start("ddet")
        and number is not None
        and number > 1
        and not unit.endswith("s")
        and _modifies_noun(ctx, m.end())
    ):
        # "the two day rally": the length is an adjective of the noun, whose article it leaves out
        start = m.start("qty")
    if lowered in ("a", "an", "per") and not m["ddet"] and _RATE_BEFORE.search(ctx.text, max(0, start - 40), start):
        return None
    if m["hyph"] is None and ctx.text[m.start("unit") - 1 : m.start("unit")] == "-":
        head = _PERIOD_NOUN.match(ctx.lowered, m.end())
        if head is not None:
            # "a three-year period", "its one-year term": the noun of time heads the expression
            article = _ARTICLE_BEFORE.search(ctx.lowered, max(0, start - 8), start)
            first = article.start() if article is not None and start == m.start("qty") else start
            return _Found(first, head.end(), TimexType.DURATION, _duration(number, code), mod)
    if lowered in ("a", "an", "per") and not m["ddet"] and not m["tail"] and _counted_before(ctx, start):
        # "hundreds of calls a day": how often something happens, a set of times
        return _Found(start, m.end(), TimexType.SET, _duration(1, code))
    return _Found(start, m.end(), TimexType.DURATION, _duration(number, code), mod)


_THEN_BEFORE = re.compile(r"(?<![\w'])then(?:-|[\x20\t\u00a0]{1,3})\Z")
_PERIOD_NOUN = re.compile(r"[\x20\t\u00a0]{1,3}(?:period|term|span|stretch|spell|stint|window)(?![\w'-])")
_ARTICLE_BEFORE = re.compile(r"(?<![\w'])(?:a|an)[\x20\t\u00a0]{1,3}\Z")
_COUNTING_WORDS = frozenset(
    {"of", "many", "few", "several", "more", "fewer", "dozen", "hundred", "thousand", "million"}
)
_NOT_COUNTED = _FUNCTION_WORDS | {"this", "his", "its", "us", "thus", "always", "perhaps", "towards", "afterwards"}


def _counted_before(ctx: _Context, start: int) -> bool:
    """Tell whether a plural noun, the things counted, comes just before "a day" ("forty bikes a year")."""
    before = _words_before(ctx.text, start, 2)
    if len(before) < 2:
        return False
    count, word = before
    if not (
        len(word) > 3
        and word.isalpha()
        and word.endswith("s")
        and not word.endswith("ss")
        and word not in _NOT_COUNTED
        and word not in ctx.grammar.units
    ):
        return False
    # the noun is counted ("forty bikes", "hundreds of calls"): a verb in -s ("takes a week") is not
    return count[:1].isdigit() or count in ctx.grammar.cardinals or count in _COUNTING_WORDS


_LOOKING_AHEAD = frozenset({"will", "would", "could", "may", "might", "shall", "should", "can", "to", "'ll"})


def _some_day(ctx: _Context, start: int, end: int) -> bool:
    """Tell whether "one day" after a modal or "to" means some day to come ("will one day be", "to one day fly").

    Followed by a verb, it dates what is foretold rather than measuring a
    length of time.
    """
    before = _words_before(ctx.text, start, 1)
    if not before or before[0] not in _LOOKING_AHEAD:
        return False
    following = _word_after(ctx.text, end)
    if not (following.isalpha() and following.islower()):
        return False
    return following in ("be", "have") or following not in _FUNCTION_WORDS


_DAY_OF_MONTH_LEAD = frozenset({"on", "for", "by", "until", "till", "since", "before", "after", "from", "through"})


def _h_dom(m: _Match, ctx: _Context) -> _Found | None:
    """Date "on the 20th", a day of the month without the month, in the month the tense points to."""
    start = m.start("r_dom")
    before = _words_before(ctx.text, start, 1)
    if not before or before[0] not in _DAY_OF_MONTH_LEAD:
        return None
    number = m["domn"].lower()
    day = int(number[:-2])
    if (number[-2:], day % 10, day // 10 == 1) not in _SUFFIXES_OK:
        return None
    anchor = ctx.anchor if ctx.options.resolve else None
    if anchor is None:
        return _Found(start, m.end(), TimexType.DATE, f"XXXX-XX-{day:02d}")
    tense = ctx.tense(start, m.end(), "nearest")
    candidates = []
    for shift in (-1, 0, 1):
        year, month = anchor.year + (anchor.month - 1 + shift) // 12, (anchor.month - 1 + shift) % 12 + 1
        if day <= _month_length(year, month):
            candidates.append(dt.date(year, month, day))
    past = [d for d in candidates if d <= anchor]
    future = [d for d in candidates if d >= anchor]
    if tense == "past" and past:
        chosen = past[-1]
    elif tense in ("future", "present") and future:
        chosen = future[0]
    else:
        chosen = min(candidates, key=lambda d: abs((d - anchor).days))
    return _Found(start, m.end(), TimexType.DATE, chosen.isoformat())


def _suffixes() -> frozenset[tuple[str, int, bool]]:
    """The English ordinal suffix of each last digit, teens apart: (suffix, last digit, teen)."""
    ok = {("th", digit, True) for digit in range(10)}
    for digit in range(10):
        ok.add(({1: "st", 2: "nd", 3: "rd"}.get(digit, "th"), digit, False))
    return frozenset(ok)


_SUFFIXES_OK = _suffixes()

#: The words before "the eighth day of the strike" that make it today: "today is", "it is", "it's", "this is".
_TODAY_IS = re.compile(r"(?<![\w'])(?:(?:today|it|this)[\x20\t\u00a0]{1,3}is|it's|it\u2019s)[\x20\t\u00a0]{1,3}\Z")


def _h_dayof(m: _Match, ctx: _Context) -> _Found | None:
    """Date "the eighth day of the strike" where the text says it is today ("today is the eighth day of ...")."""
    start = m.start("r_dayof")
    if not _TODAY_IS.search(ctx.lowered, max(0, start - 20), start):
        return None
    return _Found(start, m.end(), TimexType.DATE, _relative(ctx, "D", 0, start))


def _h_relday(m: _Match, ctx: _Context) -> _Found | None:
    prefix = _Prefix(m, "r_relday", approx="plain", position=True, earlier=True)
    if m["rd2"]:
        offset = -2 if m["rd2"].lower().startswith("before") else 2
        return _Found(prefix.start, m.end(), TimexType.DATE, _relative(ctx, "D", offset, 0), prefix.mod)
    word = m["rd"].lower()
    if _title_case(ctx.text, m.start("r_relday"), m.end()):
        return None
    value = _relday_value(word, ctx)
    part = (m["rpod"] or "").lower()
    if word == "tonight":
        return _Found(prefix.start, m.end(), TimexType.TIME, value + "TNI", prefix.mod)
    if part:
        return _Found(prefix.start, m.end(), TimexType.TIME, value + "T" + ctx.grammar.parts[part], prefix.mod)
    return _Found(prefix.start, m.end(), TimexType.DATE, value, prefix.mod)


def _names_a_paper(ctx: _Context, m: _Match) -> bool:
    """Tell whether a capitalised weekday begins the name of a publication ("The Sunday Times")."""
    word = _orig(ctx, m, "wd")
    following = _word_after(ctx.text, m.end("wd"))
    return word[:1].isupper() and following in _publication_words()


def _h_weekday(m: _Match, ctx: _Context) -> _Found | None:
    weekday = ctx.grammar.weekdays[m["wd"].lower()][0]
    deictic = " ".join((m["wdeic"] or "").lower().split())
    part_word = (m["wpod"] or "").lower()
    plural_part = part_word.endswith("s") and part_word.rstrip("s") in ctx.grammar.parts
    part = ctx.grammar.parts.get(part_word.rstrip("s") if plural_part else part_word, "")
    prefix = _Prefix(m, "r_weekday", approx="plain", position=True, earlier=True)
    if _names_a_paper(ctx, m):
        return None
    if part_word and _orig(ctx, m, "wpod")[:1].isupper() and not _sentence_start(ctx.text, m.start("r_weekday")):
        # "Monday Night Football", "Saturday Night Live": a title, not a time
        return None
    if deictic in ("every", "each") or m["wdpl"] or plural_part:
        value = f"XXXX-WXX-{weekday}" + (f"T{part}" if part else "")
        return _Found(prefix.start, m.end(), TimexType.SET, value)
    start = prefix.start
    if deictic in ("past", "coming") and not prefix.pos:
        pass
    value = _weekday_date(ctx, weekday, deictic or None, start, m.end())
    if part:
        return _Found(start, m.end(), TimexType.TIME, f"{value}T{part}", prefix.mod)
    return _Found(start, m.end(), TimexType.DATE, value, prefix.mod)


def _anaphoric_day(ctx: _Context, start: int, count: int) -> str:
    """Return the day *count* days from the last calendar day named before *start*, or from the anchor.

    Without either the value stays unknown: "the day after" in an undated
    text is ``XXXX-XX-XX``.
    """
    base = ctx.recent("D", start, 1500) if ctx.options.resolve else None
    if base is not None:
        return _shift(base, "D", count) or base
    return _relative(ctx, "D", count, start)


_DAYREL_UNITS = {"day": "D", "night": "D", "morning": "D", "evening": "D", "afternoon": "D", "week": "W", "month": "M"}


def _h_dayrel(m: _Match, ctx: _Context) -> _Found | None:
    """ "The day before", "the week after": a step from the day the text is about."""
    unit = m["dru"].lower()
    count = -1 if m["drd"].lower() == "before" else 1
    start, end = m.start("r_dayrel"), m.end()
    code = _DAYREL_UNITS.get(unit, "Y")
    if code == "D":
        day = _anaphoric_day(ctx, start, count)
        part = ctx.grammar.parts.get(unit)
        if unit != "day" and part is not None:
            return _Found(start, end, TimexType.TIME, f"{day}T{part}")
        return _Found(start, end, TimexType.DATE, day)
    # "in November, down from the month before": the month before the last month named
    base = None
    if ctx.options.resolve:
        base = ctx.recent(code, start, 1500) or (ctx.recent("D", start, 1500) if code == "W" else None)
    value = _shift(base, code, count) if base is not None else None
    if value is not None and code == "W" and len(value) == 10:
        value = _week_value(dt.date.fromisoformat(value))
    return _Found(start, end, TimexType.DATE, value or _relative(ctx, code, count, start))


def _h_pod(m: _Match, ctx: _Context) -> _Found | None:
    word = m["pod"].lower()
    part = ctx.grammar.parts[word]
    deictic = " ".join((m["pdeic"] or "").lower().split())
    prefix = _Prefix(m, "r_pod", approx="plain", position=True, earlier=True)
    start = prefix.start
    if deictic.startswith(("early ", "late ", "later ", "earlier ")):
        first, _, deictic = deictic.partition(" ")
        prefix.mod = prefix.mod or {"early": "EARLY", "late": "LATE"}.get(first)
    if deictic in ("every", "each"):
        return _Found(start, m.end(), TimexType.SET, f"XXXX-XX-XXT{part}")
    day: str | None = None
    if m["pday"]:
        day = _relday_value(m["pday"].lower(), ctx)
    elif deictic in ("this", "tonight"):
        day = _relative(ctx, "D", 0, start)
    elif deictic == "last" and part in ("NI", "EV"):
        day = _relative(ctx, "D", -1, start)
    elif deictic in ("tomorrow", "yesterday"):
        day = _relday_value(deictic, ctx)
    elif deictic in ("that", "the same"):
        day = ctx.recent("D", start, 1500) or _relative(ctx, "D", 0, start)
    elif deictic in ("the following", "the next", "the previous"):
        # "the following morning": the day after the one the text is about
        day = _anaphoric_day(ctx, start, -1 if deictic == "the previous" else 1)
    elif not deictic and word == "overnight":
        day = _relative(ctx, "D", -1 if ctx.tense(start, m.end()) == "past" else 0, start)
    elif deictic in ("the", "") and _words_before(ctx.text, start, 1) in _PART_PREPOSITIONS:
        # "in the morning", "by mid-afternoon": a part of the day the text is about
        if ctx.lowered[m.end() : m.end() + 4] == " of " or _modifies_noun(ctx, m.end()):
            return None
        if not deictic and not word.startswith("mid") and prefix.pos not in ("mid", "the mid"):
            return None
        day = ctx.recent("D", start, 1500) or _relative(ctx, "D", 0, start)
    if day is None:
        return None
    return _Found(start, m.end(), TimexType.TIME, f"{day}T{part}", prefix.mod)


_PART_PREPOSITIONS = (["in"], ["during"], ["by"], ["until"], ["till"], ["through"], ["throughout"], ["since"])


def _h_yearend(m: _Match, ctx: _Context) -> _Found | None:
    unit = m["ye"].lower()
    start = m.start("r_yearend")
    prefix = _Prefix(m, "r_yearend", approx="plain", position=False)
    start = prefix.start
    anchor = ctx.anchor if ctx.options.resolve else None
    if anchor is None:
        return _Found(start, m.end(), TimexType.DATE, {"year": "XXXX-12-31"}.get(unit, "XXXX-XX-XX"), "END")
    if unit == "year":
        year = anchor.year
        tense = ctx.tense_cue(start, m.end())[0]
        if (anchor.month <= 2 and tense in ("past", "since")) or (tense == "since" and anchor.month < 12):
            year -= 1
        return _Found(start, m.end(), TimexType.DATE, f"{year:04d}-12-31", prefix.mod)
    if unit == "month":
        last = _month_length(anchor.year, anchor.month)
        return _Found(start, m.end(), TimexType.DATE, f"{anchor.year:04d}-{anchor.month:02d}-{last:02d}", prefix.mod)
    quarter_end = ((anchor.month - 1) // 3 + 1) * 3
    last = _month_length(anchor.year, quarter_end)
    return _Found(start, m.end(), TimexType.DATE, f"{anchor.year:04d}-{quarter_end:02d}-{last:02d}", prefix.mod)


_STRETCH_SIGNALS = (["over"], ["during"], ["throughout"], ["within"], ["Over"], ["During"], ["Throughout"], ["Within"])
_BACK_WORDS = {"last", "past", "previous", "preceding", "prior", "this past", "latest", "most recent"}
_FORWARD_WORDS = {"next", "coming", "following", "this coming"}
_ANAPHORIC = {"previous", "preceding", "following", "same", "very same", "that"}


def _h_relunit(m: _Match, ctx: _Context) -> _Found | None:
    raw = " ".join(m["udeic"].lower().split())
    the = raw.startswith("the ") or raw == "the"
    deictic = raw[4:] if raw.startswith("the ") else ("" if raw == "the" else raw)
    unit = m["unit"].lower()
    code = ctx.grammar.units[unit]
    prefix = _Prefix(m, "r_relunit", approx="plain", position=True, earlier=deictic in ("this", "that", "same"))
    start, end = prefix.start, m.end()
    if _title_case(ctx.text, m.start("r_relunit"), end):
        return None
    if code in ("H", "MIN", "S"):
        if deictic in ("past", "last", "next", "coming", "previous", "following") and code != "S":
            return _Found(start, end, TimexType.DURATION, _duration(1, code), prefix.mod)
        return None
    if code in ("NI", "FN", "HA", "ML") or deictic == "new":
        return None
    if code == "D" and raw == "the" and _EARLIER_IN.search(ctx.lowered, max(0, start - 20), start):
        # "later in the day": the day the text is about
        return _Found(start, end, TimexType.DATE, ctx.recent("D", start, 1500) or _relative(ctx, "D", 0, start))
    if (
        the
        and deictic in ("next", "coming")
        and code in ("Y", "M", "W", "DE", "CE", "Q")
        and _words_before(ctx.text, start, 1) in _STRETCH_SIGNALS
    ):
        # "over the coming decade", "during the next year": a stretch of time ahead, not a date
        return _Found(start, end, TimexType.DURATION, _duration(1, code), prefix.mod)
    if code in ("DE", "CE") and the and deictic in ("past", "last"):
        return _Found(start, end, TimexType.DURATION, _duration(1, code), prefix.mod)
    if deictic == "" and code in ("D", "DE", "CE"):
        return None
    if code == "D" and deictic in _BACK_WORDS | _FORWARD_WORDS and deictic not in ("previous", "following", "next"):
        return None
    if code == "D" and deictic in ("this",):
        return None
    if code == "W" and raw == "the" and _BEFORE_AFTER.match(ctx.lowered, end):
        return None
    if code == "WE":
        return _Found(start, end, TimexType.DATE, _weekend_value(ctx, deictic, start, end), prefix.mod)
    if (
        code == "Y"
        and deictic in ("", "current", "latest")
        and re.match(r"[\x20\t\u00a0]{1,3}(?:that[\x20\t\u00a0]{1,3})?end(?:ed|ing|s)\b", ctx.text[end : end + 20])
    ):
        return _Found(start, end, TimexType.DURATION, "P1Y", prefix.mod)
    anaphoric = (the and deictic in _ANAPHORIC) or deictic in ("that", "same", "very same")
    if code == "D" and the and deictic == "next":
        return _Found(start, end, TimexType.DATE, _anaphoric_day(ctx, start, 1), prefix.mod, derived=True)
    if deictic in _BACK_WORDS:
        count = -1
    elif deictic in _FORWARD_WORDS:
        count = 1
    else:
        count = 0
    if code == "Q" and deictic in ("latest", "most recent"):
        return _Found(start, end, TimexType.DATE, _relative(ctx, "Q", -1, start), prefix.mod)
    if code == "Q" and deictic == "" and ctx.anchor is not None:
        recent = ctx.recent("Q", start)
        if recent is not None:
            return _Found(start, end, TimexType.DATE, recent, prefix.mod, derived=True)
        return _Found(start, end, TimexType.DATE, _relative(ctx, "Q", -1, start), prefix.mod)
    if (anaphoric or deictic == "") and ctx.anchor is not None and ctx.options.resolve:
        granularity = {"DE": None, "CE": None}.get(code, code)
        window = 250 if granularity == "Y" else 1500
        recent = ctx.recent(granularity, start, window) if granularity else None
        if recent is not None:
            shifted = _shift(recent, code, {"previous": -1, "preceding": -1, "following": 1, "next": 1}.get(deictic, 0))
            if shifted is not None:
                return _Found(start, end, TimexType.DATE, shifted, prefix.mod, derived=True)
    value = _relative_value(ctx, code, count, start)
    if code == "DE" and deictic in ("past", "last") and the and count == -1 and ctx.anchor is not None:
        value = _relative(ctx, "DE", -1, start)
    return _Found(start, end, TimexType.DATE, value, prefix.mod)


def _weekend_value(ctx: _Context, deictic: str, start: int, end: int) -> str:
    anchor = ctx.anchor if ctx.options.resolve else None
    if anchor is None:
        return "XXXX-WXX-WE"
    weekend_now = anchor.isoweekday() >= 6
    if deictic in _BACK_WORDS:
        count = -1 if not weekend_now or deictic in ("last", "previous", "preceding") else 0
        if deictic == "last" and not weekend_now:
            count = -1
    elif deictic in _FORWARD_WORDS:
        count = 1 if weekend_now else 0
    elif deictic == "this":
        count = 0
    else:
        tense = ctx.tense(start, end)
        count = -1 if tense == "past" and not weekend_now else 0
    return _relative(ctx, "WE", count, start)


_MONTH_BACK = {"last", "this past", "past"}
_MONTH_FORWARD = {"next", "this coming", "coming"}


def _h_month(m: _Match, ctx: _Context) -> _Found | None:
    word = _orig(ctx, m, "mon")
    entry = _month_number(ctx, word)
    if entry is None:
        return None
    month, kind = entry
    deictic = " ".join((m["mdeic"] or "").lower().split())
    prefix = _Prefix(m, "r_month", approx="plain", position=True)
    start, end = prefix.start, m.end()
    if m["poss"]:
        end = m.start("poss")
    bare = not deictic and not m["myrel"] and not prefix.pos
    if bare:
        before = _words_before(ctx.text, m.start("r_month"), 1)
        after = _word_after(ctx.text, end)
        prepared = bool(before) and before[0] in _PREPOSITIONS
        named = (
            kind == "word"
            and word[:1].isupper()
            and before == ["the"]
            and not m["poss"]
            and after.islower()
            and _modifies_noun(ctx, end)
        )
        if kind == "word" and (not prepared or m["poss"]) and not named:
            # "prices may rise"; but "the March accession" is the month before its noun
            return None
        if not prepared and after[:1].isupper() and not _sentence_start(ctx.text, m.start("r_month")):
            return None
        if not prepared and before and before[0] in ("the", "a", "an") and not after[:1].islower():
            return None
    if deictic in ("every", "each"):
        return _Found(start, end, TimexType.SET, f"XXXX-{month:02d}")
    anchor = ctx.anchor if ctx.options.resolve else None
    if anchor is None:
        return _Found(start, end, TimexType.DATE, f"XXXX-{month:02d}", prefix.mod)
    if m["myrel"]:
        year = anchor.year + {"last": -1, "this": 0, "next": 1}[m["myrel"].lower()]
    elif deictic in _MONTH_BACK:
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif deictic in _MONTH_FORWARD:
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif deictic == "this":
        year = anchor.year
    else:
        picked = _pick_year(ctx, month, None, start, end)
        year = picked if picked is not None else anchor.year
    return _Found(start, end, TimexType.DATE, f"{year:04d}-{month:02d}", prefix.mod)


_NOT_BEFORE_YEAR = frozenset(
    [
        "no",
        "nos",
        "number",
        "page",
        "pages",
        "p",
        "pp",
        "flight",
        "route",
        "room",
        "highway",
        "interstate",
        "section",
        "article",
        "rule",
        "chapter",
        "vol",
        "volume",
        "issue",
        "grade",
        "level",
        "code",
        "box",
        "suite",
        "apt",
        "unit",
        "platform",
        "bus",
        "gate",
        "channel",
        "track",
        "exit",
        "row",
        "model",
        "version",
    ]
)


def _h_year(m: _Match, ctx: _Context) -> _Found | None:
    prefix = _Prefix(m, "r_year", approx="plain", position=True)
    start = prefix.start
    if m["fy2"]:
        return _Found(start, m.end(), TimexType.DATE, f"{_year_of_two(ctx, int(m['fy2'])):04d}", prefix.mod)
    year = int(m["year"])
    if m["fy"]:
        return _Found(start, m.end(), TimexType.DATE, f"{year:04d}", prefix.mod)
    core = m.start("r_year")
    before = _words_before(ctx.text, core, 1)
    word = before[0].rstrip(".") if before else ""
    joined = _JOINED_PREFIX.search(ctx.text[max(0, core - 6) : core])
    prepared = word in _PREPOSITIONS or bool(prefix.pos) or joined is not None
    low, high = (1000, 2199) if prepared else (1900, 2099)
    if not low <= year <= high:
        return None
    if word in _NOT_BEFORE_YEAR or (
        not prefix.pos and not joined and ctx.text[max(0, core - 1) : core] in ("#", "-", "–", "/")
    ):
        return None
    if not prepared and word not in _DETERMINERS and _COUNT_WORDS.match(ctx.text, m.end()):
        return None
    if not prepared and before:
        previous = _PREVIOUS_WORD.search(ctx.text[max(0, core - 40) : core])
        if (
            previous is not None
            and previous.group(1)[:1].isupper()
            # a name in the possessive determines the year: "Navigation Mixte's 1989 profit"
            and not previous.group(1).endswith(("'s", "\u2019s"))
            and word not in ctx.grammar.months
            and word not in _PREPOSITIONS
            and not _sentence_start(ctx.text, core - len(previous.group(0)))
        ):
            return None
    if joined is not None and start == core and joined.group().lower() in ("post-", "pre-"):
        # "post-1959 politics", "pre-2008 levels": the year, after or before which
        mod = "AFTER" if joined.group().lower() == "post-" else "BEFORE"
        return _Found(core - len(joined.group()), m.end(), TimexType.DATE, f"{year:04d}", mod)
    return _Found(start, m.end(), TimexType.DATE, f"{year:04d}", prefix.mod)


def _h_set(m: _Match, ctx: _Context) -> _Found | None:
    start = m.start("r_set")
    text = m.group("r_set").lower()
    every_other = " other " in text
    number = _quantity(m["qty"], ctx.grammar) if m["qty"] else 1.0
    if m["unit"]:
        code = ctx.grammar.units[m["unit"].lower()]
        if code == "S" and not m["qty"]:
            return None
        if code == "WE":
            return _Found(start, m.end(), TimexType.SET, "XXXX-WXX-WE")
        if text.split()[0] in ("once", "twice", "thrice") or " times " in text:
            return _Found(start, m.end(), TimexType.SET, _duration(1, code))
        count = (number or 1) * (2 if every_other else 1)
        return _Found(start, m.end(), TimexType.SET, _duration(count, code))
    if m["wd"]:
        return _Found(start, m.end(), TimexType.SET, f"XXXX-WXX-{ctx.grammar.weekdays[m['wd'].lower()][0]}")
    if m["mon"]:
        entry = _month_number(ctx, _orig(ctx, m, "mon"))
        if entry is None:
            return None
        return _Found(start, m.end(), TimexType.SET, f"XXXX-{entry[0]:02d}")
    if m["season"]:
        return _Found(start, m.end(), TimexType.SET, f"XXXX-{ctx.grammar.seasons[m['season'].lower()]}")
    if m["pod"]:
        return _Found(start, m.end(), TimexType.SET, f"XXXX-XX-XXT{ctx.grammar.parts[m['pod'].lower()]}")
    return None


_PREVIOUS_ORIGINAL = re.compile(r"([\w']{1,30})[\x20\t\u00a0]{1,3}\Z")
_NOUN_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "this", "that"})
_DIVIDEND_ADJECTIVES = frozenset({"initial", "regular", "special", "first", "latest", "usual", "next", "last"})


def _h_freq(m: _Match, ctx: _Context) -> _Found | None:
    word = _orig(ctx, m, "freq")
    if not word.islower():
        return None
    after = _word_after(ctx.text, m.end())
    if word == "quarterly" and after and after.islower() and after not in _FUNCTION_WORDS:
        # "quarterly results", "the quarterly dividend": a reporting period, not a recurrence.
        return None
    before = _words_before(ctx.text, m.start("r_freq"), 1)
    previous = _PREVIOUS_ORIGINAL.search(ctx.text, max(0, m.start("r_freq") - 32), m.start("r_freq"))
    if after[:1].isupper() and (
        (before and before[0] in _NOUN_DETERMINERS) or (previous is not None and previous.group(1)[:1].isupper())
    ):
        # "the Communist Party daily Granma", "the weekly Der Spiegel": a paper, named after it
        return None
    if (
        before
        and before[0] in _NOUN_DETERMINERS | _DIVIDEND_ADJECTIVES
        and (after == "of" or not (after.islower() and after.isalpha()))
    ):
        # "declared its initial quarterly of five cents": the payment, not how often it comes
        return None
    return _Found(m.start("r_freq"), m.end(), TimexType.SET, ctx.grammar.frequencies[word])


def _h_ref(m: _Match, ctx: _Context) -> _Found | None:
    if not ctx.options.references:
        return None
    phrase = " ".join(m["ref"].lower().split())
    value = ctx.grammar.references[phrase]
    start = m.start("r_ref")
    after = ctx.text[m.end() : m.end() + 5].lower()
    if phrase.startswith("the ") and after.startswith((" of ", " tense")):
        return None
    if phrase == "soon" and (
        ctx.lowered[m.end() : m.end() + 4] in (" as ", " aft")
        or _words_before(ctx.text, start, 1) in (["as"], ["too"], ["how"])
    ):
        return None
    if phrase == "soon" and _soon_in_past(ctx, start, m.end()):
        return None
    if phrase == "now" and ctx.text[m.end() : m.end() + 1] == "," and _sentence_start(ctx.text, start):
        # "Now, he says, ...": a discourse marker, not the present time
        return None
    if phrase == "current" and (
        _word_after(ctx.text, m.end()).lower() in _CURRENT_NOT_TIME or _orig(ctx, m, "ref")[:1].isupper()
    ):
        return None
    if phrase == "current":
        then = _THEN_BEFORE.search(ctx.lowered, max(0, start - 8), start)
        if then is not None:
            # "the then current price": current at a time in the past
            return _Found(then.start(), m.end(), TimexType.DATE, "PAST_REF")
    if phrase in ("the present", "the past", "the future"):
        following = _word_after(ctx.text, m.end())
        if following.islower() and following not in _FUNCTION_WORDS:
            return None
    return _Found(start, m.end(), TimexType.DATE, value)


_PAST_AUXILIARIES = frozenset({"was", "were", "had", "wasn't", "weren't", "hadn't"})


def _soon_in_past(ctx: _Context, start: int, end: int) -> bool:
    """Tell whether "soon" tells what followed in a past story ("he was soon released", "it soon became").

    There it means "shortly after" the events told, and points to no time
    after the reference date.
    """
    before = _words_before(ctx.text, start, 1)
    if before and before[0] in _PAST_AUXILIARIES:
        return True
    following = _word_after(ctx.text, end).lower()
    return following in ctx.grammar.past_cues or (following.endswith("ed") and len(following) > 4)


_CURRENT_NOT_TIME = frozenset({"account", "accounts", "", "flows", "flow", "of", "and", "or", "is", "was"})
_PLURAL_BARE = frozenset({"Y", "M", "W", "D", "DE", "CE"})


def _h_plural(m: _Match, ctx: _Context) -> _Found | None:
    unit = m["unit"].lower()
    code = ctx.grammar.units[unit]
    lead = " ".join((m["ppre"] or "").lower().split())
    start = m.start("r_plural")
    if lead == "in recent":
        start = m.start("ppre") + ctx.text[m.start("ppre") : m.end("ppre")].lower().index("recent")
        lead = "recent"
    if code == "WE" and not lead and _words_before(ctx.text, start, 1) in (["on"], ["at"], ["during"], ["over"]):
        # "closed on weekends": every weekend
        return _Found(start, m.end(), TimexType.SET, "XXXX-WXX-WE")
    if not lead and code not in _PLURAL_BARE:
        return None
    if lead == "the" and code not in ("Y", "DE", "CE") and not m["pahead"]:
        # "the weeks ahead" keeps its article, as "the coming weeks" does; "the weeks" alone is no time
        return None
    before = ctx.text[max(0, start - 20) : start]
    if not lead and _NUMBER_BEFORE.search(before.lower()):
        return None
    if re.match(r"[\x20\t\u00a0]{1,3}old\b", ctx.text[m.end() : m.end() + 8].lower()):
        return None
    if lead == "future":
        return _Found(start, m.end(), TimexType.DATE, "FUTURE_REF")
    return _Found(start, m.end(), TimexType.DURATION, _duration(None, code))


_NUMBER_BEFORE = re.compile(
    r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred"
    r"|few|several|many|couple|of))[\x20\t\u00a0-]{0,3}\Z"
)


def _h_period(m: _Match, ctx: _Context) -> _Found | None:
    start = m.start("r_period")
    recent = ctx.recent("Q", start, 1500)
    ordinal = (m["perord"] or "").lower()
    if m["peryear"]:
        if ordinal:
            return _Found(start, m.end(), TimexType.DATE, f"{m['peryear']}-Q{_QUARTER_NUMBER[ordinal]}")
        if recent is not None:
            return _Found(start, m.end(), TimexType.DATE, f"{m['peryear']}{recent[4:]}", derived=True)
        return _Found(start, m.end(), TimexType.DATE, m["peryear"], derived=True)
    if (m["perdeic"] or "").lower() in ("latest", "current"):
        if ctx.anchor is None or not ctx.options.resolve:
            return _Found(start, m.end(), TimexType.DATE, "XXXX-QX", derived=True)
        return _Found(start, m.end(), TimexType.DATE, recent or _relative(ctx, "Q", -1, start), derived=True)
    if recent is None:
        return None
    return _Found(start, m.end(), TimexType.DATE, recent, derived=True)


_SPOKEN = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip


_YEAR_DETERMINERS = frozenset({"a", "an", "the", "its", "his", "her", "their", "our", "this", "that"})


def _h_spoken(m: _Match, ctx: _Context) -> _Found | None:
    start = m.start("r_spoken")
    if m["sp1"]:
        low = _SPOKEN[m["sp2"].lower()] + (_SPOKEN[m["sp3"].lower()] if m["sp3"] else 0)
        if m["sp3"] and _SPOKEN[m["sp2"].lower()] < 20:
            return None
        year = _SPOKEN[m["sp1"].lower()] * 100 + low
        entry = _month_number(ctx, _orig(ctx, m, "mon")) if m["mon"] else None
        if entry is not None:
            return _Found(start, m.end(), TimexType.DATE, f"{year:04d}-{entry[0]:02d}")
        before = _words_before(ctx.text, start, 1)
        # "in nineteen ninety-seven", "a nineteen ninety-seven attack": a year, where a count would not stand
        introduced = bool(before) and (before[0] in _PREPOSITIONS or before[0] in _YEAR_DETERMINERS)
        if not introduced and not _sentence_start(ctx.text, start):
            following = _word_after(ctx.text, m.end())
            if following.islower() and following not in _FUNCTION_WORDS:
                return None
    else:
        year = 2000 + (_SPOKEN[m["sp4"].lower()] if m["sp4"] else 0)
    return _Found(start, m.end(), TimexType.DATE, f"{year:04d}")


_EARLIER_IN = re.compile(r"\b(?:earlier|later)[\x20\t\u00a0]{1,3}in[\x20\t\u00a0]{1,3}\Z")
_BEFORE_AFTER = re.compile(r"[\x20\t\u00a0]{1,3}(?:before|after)\b")
