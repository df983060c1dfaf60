"""Value formatting: quantities, durations (``P3D``), granularity, and shifting a value by a number of units.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from newscorpus._dates import _MONTH_NAMES
from newscorpus.extract.timex.arithmetic import _VALUE_SHAPES, _add_days, _add_months, _week_value
from newscorpus.extract.timex.context import _Context
from newscorpus.extract.timex.grammar import _Grammar

__all__: list[str] = []

_UNIT_SPAN = {"Y": ("Y", 1), "M": ("M", 1), "W": ("W", 1), "D": ("D", 1), "DE": ("Y", 10), "CE": ("Y", 100)}
_UNIT_SPAN.update({"ML": ("Y", 1000), "Q": ("Q", 1), "HA": ("M", 6), "FN": ("W", 2), "NI": ("D", 1)})
_UNIT_SPAN.update({"WE": ("WE", 1), "H": ("TH", 1), "MIN": ("TM", 1), "S": ("TS", 1)})
_FRACTION_DOWN = {"Y": ("M", 12), "D": ("TH", 24), "TH": ("TM", 60), "TM": ("TS", 60), "W": ("D", 7)}
_VAGUE = {"a few", "few", "several", "many", "a number of", "numerous", "some", "dozens of", "hundreds of"}
_VAGUE.update({"thousands of"})
_PREPOSITIONS = frozenset(
    [
        "in",
        "on",
        "at",
        "by",
        "since",
        "until",
        "till",
        "to",
        "from",
        "of",
        "for",
        "during",
        "before",
        "after",
        "through",
        "throughout",
        "between",
        "and",
        "or",
        "around",
        "about",
        "circa",
        "ca",
        "early",
        "late",
        "mid",
        "than",
        "as",
        "fiscal",
        "year",
        "summer",
        "winter",
        "spring",
        "autumn",
        "fall",
        "beginning",
        "end",
        "start",
        *_MONTH_NAMES,
    ]
)
_COUNT_WORDS = re.compile(
    r"[\x20\t\u00a0]{1,3}(?:(?:[a-z]{2,20}(?<!s)s|people|men|women|children)"
    r"|percent|per[\x20]cent|pounds?|dollars?|feet|foot|km|miles?|meters?|metres?|tons?|tonnes?|kg|mph)\b"
)
_DETERMINERS = frozenset(
    ["the", "a", "an", "its", "their", "his", "her", "our", "your", "my", "this", "that", "these", "those"]
)


def _quantity(text: str | None, grammar: _Grammar) -> float | None:
    """Return the number a quantity phrase names, or ``None`` for vague ones."""
    if text is None:
        return None
    words = " ".join(text.lower().replace("-", " ").split())
    if words in _VAGUE:
        return None
    if words in ("a", "an", "a single", "one"):
        return 1
    if words in ("a couple", "a couple of", "couple of"):
        return 2
    if words == "a dozen":
        return 12
    if words == "half a":
        return 0.5
    if words == "one and a half":
        return 1.5
    if words[:1].isdigit():
        whole, _, fraction = words.partition(" ")
        try:
            number = float(whole.replace(",", ""))
            if fraction:
                top, _, bottom = fraction.partition("/")
                number += int(top) / int(bottom)
        except (ValueError, ZeroDivisionError):
            return None
        return number
    total = 0
    current = 0
    for word in words.split():
        if word in ("a", "and"):
            current = current or (1 if word == "a" else 0)
            continue
        if word == "hundred":
            current = (current or 1) * 100
        elif word == "thousand":
            total += (current or 1) * 1000
            current = 0
        elif word in grammar.cardinals:
            current += grammar.cardinals[word]
        else:
            return None
    return float(total + current)


def _format_number(number: float) -> str:
    if number == int(number):
        return str(int(number))
    return f"{number:.2f}".rstrip("0").rstrip(".")


def _duration(number: float | None, code: str) -> str:
    unit, factor = _UNIT_SPAN[code]
    if number is None:
        return f"PTX{unit[1:]}" if unit.startswith("T") else f"PX{unit}"
    number *= factor
    if number != int(number) and unit in _FRACTION_DOWN:
        whole = int(number)
        small_unit, per = _FRACTION_DOWN[unit]
        rest = round((number - whole) * per, 2)
        parts = []
        if whole:
            parts.append(f"{whole}{unit[-1] if unit.startswith('T') else unit}")
        parts.append(f"{_format_number(rest)}{small_unit[-1] if small_unit.startswith('T') else small_unit}")
        timed = unit.startswith("T") or small_unit.startswith("T")
        if unit.startswith("T"):
            return "PT" + "".join(parts)
        if timed:
            return "P" + parts[0] + "T" + "".join(parts[1:]) if whole else "PT" + parts[-1]
        return "P" + "".join(parts)
    if unit.startswith("T"):
        return f"PT{_format_number(number)}{unit[1:]}"
    return f"P{_format_number(number)}{unit}"


@functools.lru_cache(maxsize=4096)
def _granularity(value: str) -> str | None:
    match = _VALUE_SHAPES.fullmatch(value)
    if match is None or match["dec"] or match["cent"]:
        return None
    if match["d"]:
        return "D"
    if match["m"]:
        return "M"
    if match["w"]:
        return "W"
    if match["q"]:
        return "Q"
    if match["h"] or match["s"]:
        return None
    return "Y"


def _shift(value: str, code: str, count: int) -> str | None:
    """Return *value* moved by *count* units of *code* (``Y``, ``Q``, ``M``, ``W``, ``D``)."""
    match = _VALUE_SHAPES.fullmatch(value)
    if match is None or match["dec"] or match["cent"] or "T" in value:
        return None
    try:
        year = int(match["y"])
        if match["d"]:
            day = dt.date(year, int(match["m"]), int(match["d"]))
            if code == "D":
                moved = _add_days(day, count)
            elif code == "W":
                moved = _add_days(day, 7 * count)
            else:
                months = {"Y": 12, "Q": 3, "M": 1}.get(code)
                if months is None:
                    return None
                y, m = _add_months(day.year, day.month, months * count)
                moved = dt.date(y, m, min(day.day, _month_length(y, m)))
            return None if moved is None else moved.isoformat()
        if match["m"]:
            months = {"Y": 12, "Q": 3, "M": 1}.get(code)
            if months is None:
                return None
            y, m = _add_months(year, int(match["m"]), months * count)
            return f"{y:04d}-{m:02d}"
        if match["q"]:
            quarters = {"Y": 4, "Q": 1}.get(code)
            if quarters is None:
                return None
            index = year * 4 + int(match["q"]) - 1 + quarters * count
            return f"{index // 4:04d}-Q{index % 4 + 1}"
        if match["w"]:
            if code not in ("W", "Y"):
                return None
            monday = dt.date.fromisocalendar(year, int(match["w"]), 1)
            moved = _add_days(monday, 7 * count if code == "W" else 0)
            if moved is None:
                return None
            if code == "Y":
                return _week_value(dt.date(year + count, monday.month, min(monday.day, 28)))
            return _week_value(moved)
        if match["h"] or match["s"]:
            if code != "Y":
                return None
            return f"{year + count:04d}" + value[4:]
        if code != "Y":
            return None
        return f"{year + count:04d}"
    except (ValueError, OverflowError):
        return None


def _month_length(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _anchor_value(anchor: dt.date, code: str) -> str:
    if code == "Y":
        return f"{anchor.year:04d}"
    if code == "Q":
        return f"{anchor.year:04d}-Q{(anchor.month - 1) // 3 + 1}"
    if code == "HA":
        return f"{anchor.year:04d}-H{(anchor.month - 1) // 6 + 1}"
    if code == "M":
        return f"{anchor.year:04d}-{anchor.month:02d}"
    if code == "W":
        return _week_value(anchor)
    if code == "WE":
        return _week_value(anchor) + "-WE"
    if code == "DE":
        return f"{anchor.year // 10:03d}"
    if code == "CE":
        return f"{anchor.year // 100:02d}"
    return anchor.isoformat()


_UNKNOWN = {"Y": "XXXX", "Q": "XXXX-QX", "HA": "XXXX-HX", "M": "XXXX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE"}
_UNKNOWN.update({"DE": "XXX", "CE": "XX", "D": "XXXX-XX-XX"})


def _relative(ctx: _Context, code: str, count: int, position: int) -> str:
    """Return the value *count* units of *code* away from the anchor."""
    anchor = ctx.anchor if ctx.options.resolve else None
    if anchor is None:
        return _UNKNOWN.get(code, "XXXX-XX-XX")
    if code in ("WE", "W"):
        moved = _add_days(anchor, 7 * count)
        if moved is None:
            return _UNKNOWN[code]
        return _week_value(moved) + ("-WE" if code == "WE" else "")
    if code == "D":
        day = _add_days(anchor, count)
        return day.isoformat() if day is not None else "XXXX-XX-XX"
    if code == "DE":
        return f"{anchor.year // 10 + count:03d}"
    if code == "CE":
        return f"{anchor.year // 100 + count:02d}"
    if code == "HA":
        index = anchor.year * 2 + (anchor.month - 1) // 6 + count
        return f"{index // 2:04d}-H{index % 2 + 1}"
    base = _anchor_value(anchor, code)
    shifted = _shift(base, code, count)
    return shifted if shifted is not None else _UNKNOWN.get(code, "XXXX")
