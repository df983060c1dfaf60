"""The word lists behind the time-expression extractor, loaded from data files.

The lists live as TSV files in ``newscorpus/data/timex/`` and are read on
first use, then cached. :class:`TimexVocabulary` holds them; its
:meth:`~TimexVocabulary.extend` method returns a copy with more entries, for
instance national holidays:

>>> vocabulary = TimexVocabulary.default().extend(holidays={"Independence Day": (7, 4)})
>>> dict(vocabulary.holidays)["Independence Day"]
'07-04'

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs
import regex

from newscorpus.errors import OptionsError

__all__ = ["TimexVocabulary", "load_table"]

_DATA_PACKAGE = "newscorpus"
_DATA_DIR = ("data", "timex")

_MONTH_KINDS = frozenset({"full", "word", "abbr"})
_WEEKDAY_KINDS = frozenset({"full", "abbr"})
_NUMBER_KINDS = frozenset({"cardinal", "ordinal"})
_UNIT_CODES = frozenset({"Y", "M", "W", "D", "H", "MIN", "S", "DE", "CE", "ML", "Q", "HA", "WE", "FN", "NI"})
_SEASON_CODES = frozenset({"SP", "SU", "FA", "WI"})
_PART_CODES = frozenset({"MO", "MI", "AF", "EV", "NI", "DT"})
_REFERENCE_VALUES = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})
_TENSES = frozenset({"past", "future", "present"})
_HOLIDAY_RULE = regex.compile(r"(?:\d\d-\d\d(?:\+[1-7])?|\d\d-[1-5L]-[1-7]|easter[+-]\d{1,3})")
_FREQUENCY_VALUE = regex.compile(r"P(?:T?\d{1,3}[YMWDHS])")


@functools.lru_cache(maxsize=32)
def load_table(name: str) -> tuple[tuple[str, ...], ...]:
    """Return the rows of the data file *name* (``"months.tsv"``), without comments or blank lines.

    >>> load_table("seasons.tsv")[0]
    ('spring', 'SP')

    .. versionadded:: 0.1.0
    """
    resource = importlib.resources.files(_DATA_PACKAGE)
    for part in (*_DATA_DIR, name):
        resource = resource.joinpath(part)
    rows = []
    for line in resource.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(tuple(cell.strip() for cell in line.split("\t")))
    return tuple(rows)


_Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def _check_words(kinds: frozenset[str], label: str) -> _Validator:
    def check(instance: Any, attribute: attrs.Attribute[Any], value: tuple[tuple[str, int, str], ...]) -> None:
        for word, number, kind in value:
            if not word or kind not in kinds or not isinstance(number, int):
                raise OptionsError(f"{label}: bad entry {(word, number, kind)!r}")

    return check


def _check_pairs(allowed: frozenset[str] | None, pattern: regex.Pattern[str] | None, label: str) -> _Validator:
    def check(instance: Any, attribute: attrs.Attribute[Any], value: tuple[tuple[str, str], ...]) -> None:
        for word, code in value:
            ok = bool(word.strip()) and (allowed is None or code in allowed)
            if pattern is not None:
                ok = ok and pattern.fullmatch(code) is not None
            if not ok:
                raise OptionsError(f"{label}: bad entry {(word, code)!r}")

    return check


def _words(name: str) -> tuple[tuple[str, int, str], ...]:
    return tuple((row[0].lower(), int(row[1]), row[2]) for row in load_table(name))


def _pairs(name: str, *, lower: bool = True) -> tuple[tuple[str, str], ...]:
    return tuple((row[0].lower() if lower else row[0], row[1]) for row in load_table(name))


def _merge(
    old: tuple[tuple[str, str], ...], new: Iterable[tuple[str, str]], *, lower: bool = True
) -> tuple[tuple[str, str], ...]:
    merged = dict(old)
    for key, value in new:
        merged[key.lower() if lower else key] = value
    return tuple(merged.items())


def _holiday_rule(rule: str | tuple[int, int]) -> str:
    if isinstance(rule, tuple):
        if len(rule) != 2 or not (1 <= rule[0] <= 12 and 1 <= rule[1] <= 31):
            raise OptionsError(f"a holiday needs a (month, day) pair, got {rule!r}")
        return f"{rule[0]:02d}-{rule[1]:02d}"
    return rule


@attrs.frozen(kw_only=True)
class TimexVocabulary:
    """The words the time-expression extractor knows, by family.

    Each field is a tuple of entries:

    * ``months`` and ``weekdays``: ``(word, number, kind)`` with ``kind`` one of
      ``"full"`` (any case), ``"word"`` (also an English word such as *may*:
      only when capitalised) or ``"abbr"`` (only capitalised and next to a
      day or year);
    * ``numbers``: ``(word, value, "cardinal" | "ordinal")``;
    * ``units``: ``(word, code)`` with codes ``Y M W D H MIN S DE CE ML Q HA WE FN NI``;
    * ``seasons`` and ``parts_of_day``: ``(word, TIMEX3 code)`` (``SU``, ``MO``, ...);
    * ``holidays``: ``(name, rule)`` with rules ``MM-DD``, ``MM-N-W`` (N-th weekday
      W of month MM, N = ``L`` for the last), ``MM-DD+W`` (the first weekday W on
      or after MM-DD) or ``easter+K``; names keep their case;
    * ``references``: ``(phrase, PRESENT_REF | PAST_REF | FUTURE_REF)``;
    * ``frequencies``: ``(word, value)`` such as ``("weekly", "P1W")``;
    * ``tense_cues``: ``(word or phrase, "past" | "future" | "present")``; present
      cues are verbs of scheduled events (*meets*, *arrives*), read as the future.

    >>> vocabulary = TimexVocabulary.default()
    >>> ("fall", "FA") in vocabulary.seasons
    True

    .. versionadded:: 0.1.0
    """

    months: tuple[tuple[str, int, str], ...] = attrs.field(validator=_check_words(_MONTH_KINDS, "months"))
    weekdays: tuple[tuple[str, int, str], ...] = attrs.field(validator=_check_words(_WEEKDAY_KINDS, "weekdays"))
    numbers: tuple[tuple[str, int, str], ...] = attrs.field(validator=_check_words(_NUMBER_KINDS, "numbers"))
    units: tuple[tuple[str, str], ...] = attrs.field(validator=_check_pairs(_UNIT_CODES, None, "units"))
    seasons: tuple[tuple[str, str], ...] = attrs.field(validator=_check_pairs(_SEASON_CODES, None, "seasons"))
    parts_of_day: tuple[tuple[str, str], ...] = attrs.field(validator=_check_pairs(_PART_CODES, None, "parts_of_day"))
    holidays: tuple[tuple[str, str], ...] = attrs.field(validator=_check_pairs(None, _HOLIDAY_RULE, "holidays"))
    references: tuple[tuple[str, str], ...] = attrs.field(validator=_check_pairs(_REFERENCE_VALUES, None, "references"))
    frequencies: tuple[tuple[str, str], ...] = attrs.field(
        validator=_check_pairs(None, _FREQUENCY_VALUE, "frequencies")
    )
    tense_cues: tuple[tuple[str, str], ...] = attrs.field(validator=_check_pairs(_TENSES, None, "tense_cues"))

    @classmethod
    def default(cls) -> TimexVocabulary:
        """Return the vocabulary shipped with newscorpus (read once, then cached).

        .. versionadded:: 0.1.0
        """
        return _default_vocabulary()

    def extend(
        self,
        *,
        holidays: Mapping[str, str | tuple[int, int]] | None = None,
        references: Mapping[str, str] | None = None,
        frequencies: Mapping[str, str] | None = None,
        seasons: Mapping[str, str] | None = None,
        parts_of_day: Mapping[str, str] | None = None,
        units: Mapping[str, str] | None = None,
        tense_cues: Mapping[str, str] | None = None,
    ) -> TimexVocabulary:
        """Return a copy with more entries; an entry for a known word replaces it.

        Holidays take a rule string or a ``(month, day)`` pair.

        >>> v = TimexVocabulary.default().extend(references={"of late": "PAST_REF"})
        >>> ("of late", "PAST_REF") in v.references
        True

        .. versionadded:: 0.1.0
        """
        return attrs.evolve(
            self,
            holidays=_merge(self.holidays, ((k, _holiday_rule(v)) for k, v in (holidays or {}).items()), lower=False),
            references=_merge(self.references, (references or {}).items()),
            frequencies=_merge(self.frequencies, (frequencies or {}).items()),
            seasons=_merge(self.seasons, (seasons or {}).items()),
            parts_of_day=_merge(self.parts_of_day, (parts_of_day or {}).items()),
            units=_merge(self.units, (units or {}).items()),
            tense_cues=_merge(self.tense_cues, (tense_cues or {}).items()),
        )


@functools.lru_cache(maxsize=1)
def _default_vocabulary() -> TimexVocabulary:
    return TimexVocabulary(
        months=_words("months.tsv"),
        weekdays=_words("weekdays.tsv"),
        numbers=_words("numbers.tsv"),
        units=_pairs("units.tsv"),
        seasons=_pairs("seasons.tsv"),
        parts_of_day=_pairs("parts_of_day.tsv"),
        holidays=_pairs("holidays.tsv", lower=False),
        references=_pairs("references.tsv"),
        frequencies=_pairs("frequencies.tsv"),
        tense_cues=_pairs("tense.tsv"),
    )
