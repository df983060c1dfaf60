"""Hostile texts for worst-case checks, built from the matchers' own word lists.

Each text repeats one short unit (a number range, a run of month names, a glued
``Mr.``) until it reaches the wanted size, so that a matcher meets its own
alternations thousands of times in a row. The tests check that the work done
on such a text grows linearly with its size; ``benchmarks/bench.py
--worst-case`` times them next to ordinary news.

>>> text = hostile_text("timex", "number ranges", 40)
>>> text
'1-2 2-3 3-4 4-5 5-6 6-7 7-8 8-9 9-10 10-'
>>> len(text)
40
"""

from __future__ import annotations

import functools
import importlib.resources
import itertools
from collections.abc import Callable, Iterator

from newscorpus.extract._lexicon import read_rows
from newscorpus.extract._timex_vocab import load_table

__all__ = ["FUNCTIONS", "hostile_patterns", "hostile_text"]

#: The text functions whose worst case is checked.
FUNCTIONS: tuple[str, ...] = ("sentences", "clean", "timex", "mentions", "quotes", "events")


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


def _words(name: str, column: int = 0, kind: str | None = None) -> list[str]:
    """The words in *column* of the lexicon *name* (a file under ``newscorpus/data``), of one *kind* if given."""
    return [row[column] for row in read_rows(name) if len(row) > column and (kind is None or kind in row)]


_NAMES = ["Anna Berg", "Ivan Petrov", "Olena Shevchenko", "John Smith", "Maria Lopez", "Karl Weber"]


def _past(row: tuple[str, ...]) -> str:
    """The past tense of a reporting verb of ``quotes/verbs.tsv`` (its forms column, or a regular -ed)."""
    if len(row) > 2 and row[2]:
        return row[2].split(",")[0]
    return row[0] + ("d" if row[0].endswith("e") else "ed")


def _mentions() -> dict[str, Callable[[], Iterator[str]]]:
    titles = _words("mentions/titles.tsv")
    modifiers = _words("mentions/modifiers.tsv")
    heads = _words("mentions/org_heads.tsv")
    groups = _words("mentions/groups.tsv")
    pronouns = _words("mentions/pronouns.tsv")
    demonyms = _words("gazetteer/countries.tsv", 0, "demonym")
    capitals = _words("gazetteer/places.tsv", 0, "capital")
    return {
        "titles and names": lambda: (
            f"{title} {name} " for title, name in zip(_cycle(titles, ""), _cycle(_NAMES, ""), strict=False)
        ),
        "organisation runs": lambda: (
            f"{modifier} {head} " for modifier, head in zip(_cycle(modifiers, ""), _cycle(heads, ""), strict=False)
        ),
        "demonyms and groups": lambda: (
            f"{demonym} {group} " for demonym, group in zip(_cycle(demonyms, ""), _cycle(groups, ""), strict=False)
        ),
        "names said": lambda: (f"{name} said. " for name in _cycle(_NAMES, "")),
        "surnames": lambda: (f"{name.split()[-1]} and " for name in _cycle(_NAMES, "")),
        "pronouns": lambda: _cycle(pronouns),
        "places": lambda: (f"in {place}, " for place in _cycle(capitals, "")),
        "capitalised words": lambda: _cycle(["Alpha", "Beta", "Gamma", "Delta", "Epsilon"]),
        "long line without spaces": lambda: itertools.cycle("a"),
        "tiny lines": lambda: itertools.cycle(["a\n"]),
    }


def _quotes() -> dict[str, Callable[[], Iterator[str]]]:
    verbs = [_past(row) for row in read_rows("quotes/verbs.tsv")]
    nouns = _words("quotes/nouns.tsv")
    phrases = _words("quotes/phrases.tsv")
    attachments = _words("quotes/attachments.tsv")
    return {
        "quotes with cues": lambda: (f"“Talks went on,” {name} said. " for name in _cycle(_NAMES, "")),
        "chains of verbs": lambda: (
            f"{name} {verb} " for name, verb in zip(_cycle(_NAMES, ""), _cycle(verbs, ""), strict=False)
        ),
        "said chains": lambda: itertools.cycle(["he said "]),
        "source phrases": lambda: (
            f"{phrase} {name}, " for phrase, name in zip(_cycle(phrases, ""), _cycle(_NAMES, ""), strict=False)
        ),
        "statement nouns": lambda: (
            f"the {noun} of {name} " for noun, name in zip(_cycle(nouns, ""), _cycle(_NAMES, ""), strict=False)
        ),
        "attachments": lambda: (
            f"{name} said {attachment}. "
            for name, attachment in zip(_cycle(_NAMES, ""), _cycle(attachments, ""), strict=False)
        ),
        "opening quote marks": lambda: itertools.cycle(["“Go ", "«Go ", '"Go ']),
        "many quote marks": lambda: itertools.cycle("\"“”'’«»"),
        "long line without spaces": lambda: itertools.cycle("a"),
        "tiny lines": lambda: itertools.cycle(["a\n"]),
    }


def _events() -> dict[str, Callable[[], Iterator[str]]]:
    triggers = [row[3].split("|")[0] for row in read_rows("events/triggers.tsv") if len(row) > 3]
    cues = _words("events/cues.tsv", 1)
    countries = _words("gazetteer/countries.tsv", 0, "name")
    demonyms = _words("gazetteer/countries.tsv", 0, "demonym")
    return {
        "trigger words": lambda: _cycle(triggers),
        "actors and triggers": lambda: (
            f"{one} {trigger} {other}. "
            for one, trigger, other in zip(
                _cycle(countries, ""), _cycle(triggers, ""), _cycle(countries[::-1], ""), strict=False
            )
        ),
        "demonyms": lambda: _cycle(demonyms),
        "cue words": lambda: _cycle(cues),
        "casualties": lambda: _counted(lambda n: f"{n} people were killed and {n + 1} wounded, "),
        "long line without spaces": lambda: itertools.cycle("a"),
        "tiny lines": lambda: itertools.cycle(["a\n"]),
    }


@functools.cache
def _table() -> dict[str, dict[str, Callable[[], Iterator[str]]]]:
    return {
        "sentences": _sentences(),
        "clean": _clean(),
        "timex": _timex(),
        "mentions": _mentions(),
        "quotes": _quotes(),
        "events": _events(),
    }


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
