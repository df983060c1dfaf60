"""Hostile texts for worst-case checks, built from the matchers' own word lists.

Each text repeats one short unit (a number range, a run of month names, a glued
``Mr.``) until it reaches the wanted size, so that a matcher meets its own
alternations thousands of times in a row. The tests check that the work done
on such a text grows linearly with its size; ``benchmarks/bench.py
--worst-case`` times them next to ordinary news.

>>> text = hostile_text("timex", "number ranges", 40)
>>> text
'1-2 3-4 5-6 7-8 9-10 11-12 13-14 15-16 1'
>>> len(text)
40
"""

from __future__ import annotations

import functools
import importlib.resources
import itertools
from collections.abc import Callable, Iterator

from newscorpus.extract._timex_vocab import load_table

__all__ = ["FUNCTIONS", "hostile_patterns", "hostile_text"]

#: The text functions whose worst case is checked.
FUNCTIONS: tuple[str, ...] = ("sentences", "clean", "timex")


def _column(name: str, kinds: tuple[str, ...] = ()) -> list[str]:
    """The words of the timex data file *name* (first column), of the given kinds (last column) if any."""
    return [row[0] for row in load_table(name) if not kinds or row[-1] in kinds]


@functools.cache
def _abbreviations(kind: str) -> list[str]:
    path = importlib.resources.files("newscorpus").joinpath("data/abbreviations.txt")
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, found = line.partition("\t")
        if line.strip() and not line.startswith("#") and found.strip() == kind:
            words.append(word.strip())
    return words


def _cycle(words: list[str], joiner: str = " ") -> Iterator[str]:
    for word in itertools.cycle(words):
        yield word + joiner


def _counted(shape: Callable[[int], str]) -> Iterator[str]:
    """Yield *shape* of the numbers 1 to 99, over and over: a small text is a fair sample of a large one."""
    for number in itertools.cycle(range(1, 100)):
        yield shape(number)


def _ranges() -> Iterator[str]:
    return _counted(lambda number: f"{number}-{number + 1} ")


_LEAD_PHRASES = ["in recent years", "the past three days", "early next week", "late last month"]


def _timex() -> dict[str, Callable[[], Iterator[str]]]:
    months = _column("months.tsv")
    units = _column("units.tsv")
    numbers = _column("numbers.tsv")
    weekdays = _column("weekdays.tsv")
    cardinals = [word for word in _column("numbers.tsv", ("cardinal",)) if " " not in word] or numbers
    return {
        "number ranges": _ranges,
        "month names": lambda: _cycle(months),
        "numbered lists": lambda: _counted(lambda n: f"{n}. "),
        "ago chains": lambda: (
            f"{word} {unit} ago " for word, unit in zip(_cycle(cardinals, ""), _cycle(units, ""), strict=False)
        ),
        "between chains": lambda: _counted(lambda n: f"between {n} and {n + 1} "),
        "number words": lambda: _cycle(numbers),
        "unit words": lambda: _cycle(units),
        "weekdays": lambda: _cycle(weekdays),
        "years": lambda: _counted(lambda n: f"{1950 + n} "),
        "lead phrases": lambda: _cycle(_LEAD_PHRASES),
        "month day runs": lambda: (f"{month} {day % 28 + 1}, " for day, month in enumerate(_cycle(months, ""))),
        "digits without spaces": lambda: itertools.cycle("1234567890"),
        "long line without spaces": lambda: itertools.cycle("a"),
        "tiny lines": lambda: itertools.cycle(["a\n"]),
    }


def _sentences() -> dict[str, Callable[[], Iterator[str]]]:
    inner = _abbreviations("inner")
    final = _abbreviations("final")
    return {
        "glued titles": lambda: _cycle(inner, "."),
        "spaced titles": lambda: _cycle(inner, ". "),
        "abbreviations": lambda: _cycle(final + _abbreviations("date") + _abbreviations("numeric"), ". "),
        "capital-dot runs": lambda: (letter + "." for letter in itertools.cycle("ABCDEFGHIJKLMNOPQRSTUVWXYZ")),
        "numbered lists": lambda: _counted(lambda n: f"{n}. "),
        "many quote marks": lambda: itertools.cycle("\"“”'’«»"),
        "mark runs": lambda: itertools.cycle(".?!… "),
        "quoted ends": lambda: itertools.cycle(["a.” ", "b.”C"]),
        "long line without spaces": lambda: itertools.cycle("a"),
        "tiny lines": lambda: itertools.cycle(["a\n"]),
    }


def _clean() -> dict[str, Callable[[], Iterator[str]]]:
    return {
        "repeated promos": lambda: itertools.cycle(["Also Read - Another Story\n"]),
        "glued promos": lambda: _counted(lambda n: f"Talks went on.Also Read - Story {n}\n"),
        "promo chains": lambda: itertools.cycle(["said.Also Read - Read More: Watch | "]),
        "bylines": lambda: _counted(lambda n: f"By Jane Doe{n} and John Roe\n"),
        "date lines": lambda: _counted(lambda n: f"February {n % 28 + 1}, 2022\n"),
        "menu words": lambda: itertools.cycle(["Home\nWorld\nBusiness\n"]),
        "credits": lambda: itertools.cycle(["(Photo: AFP) "]),
        "links": lambda: _counted(lambda n: f"https://example.com/{n} @user{n} #tag{n} "),
        "many quote marks": lambda: itertools.cycle("\"“”'’«»"),
        "capital-dot runs": lambda: (letter + "." for letter in itertools.cycle("ABCDEFGHIJKLMNOPQRSTUVWXYZ")),
        "long line without spaces": lambda: itertools.cycle("a"),
        "tiny lines": lambda: itertools.cycle(["a\n"]),
        "prose lines": lambda: itertools.cycle(["The talks ended on Monday without a deal, officials said.\n"]),
    }


@functools.cache
def _table() -> dict[str, dict[str, Callable[[], Iterator[str]]]]:
    return {"sentences": _sentences(), "clean": _clean(), "timex": _timex()}


def hostile_patterns(function: str) -> tuple[str, ...]:
    """Return the names of the hostile patterns of *function* (one of :data:`FUNCTIONS`)."""
    return tuple(_table()[function])


def hostile_text(function: str, pattern: str, size: int) -> str:
    """Return *size* characters of the hostile *pattern* of *function*."""
    pieces: list[str] = []
    length = 0
    for piece in _table()[function][pattern]():
        pieces.append(piece)
        length += len(piece)
        if length >= size:
            break
    return "".join(pieces)[:size]
