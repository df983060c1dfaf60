"""The options of :func:`~newscorpus.extract.timex.extract_timexes`.

Which types, which tense by default, which vocabulary.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from typing import Any

import attrs

from newscorpus.errors import OptionsError
from newscorpus.extract._timex_vocab import TimexVocabulary
from newscorpus.types import TimexType

__all__ = ["TimexOptions"]

_TENSE_DEFAULTS = ("past", "future", "nearest")


def _check_types(instance: TimexOptions, attribute: attrs.Attribute[Any], value: frozenset[TimexType]) -> None:
    if not value:
        raise OptionsError("include_types must name at least one TimexType")
    for item in value:
        if not isinstance(item, TimexType):
            raise OptionsError(f"include_types takes TimexType members, got {item!r}")


def _check_tense(instance: TimexOptions, attribute: attrs.Attribute[Any], value: str) -> None:
    if value not in _TENSE_DEFAULTS:
        raise OptionsError(f"default_tense must be one of {', '.join(_TENSE_DEFAULTS)}, got {value!r}")


def _check_vocabulary(instance: TimexOptions, attribute: attrs.Attribute[Any], value: TimexVocabulary | None) -> None:
    if value is not None and not isinstance(value, TimexVocabulary):
        raise OptionsError(f"vocabulary must be a TimexVocabulary, got {type(value).__name__}")


@attrs.frozen(kw_only=True)
class TimexOptions:
    """How :func:`extract_timexes` finds and resolves time expressions.

    * ``include_types``: the TIMEX3 types to return (all four by default);
    * ``resolve``: resolve relative expressions against the reference date;
      when false, or when there is no reference date, the parts that depend on
      it stay ``X`` (``"on Thursday"`` gives ``XXXX-WXX-4``);
    * ``references``: also return ``PRESENT_REF``, ``PAST_REF`` and
      ``FUTURE_REF`` words such as *now*, *recently*, *the future*;
    * ``default_tense``: how a bare weekday (or season, weekend, quarter) is
      resolved when its clause gives no tense: ``"past"`` (the usual case in
      news reports: the most recent such day on or before the reference
      date), ``"future"`` or ``"nearest"``; a month without a year then
      falls back to the most recent one and a month and day to the nearest;
    * ``vocabulary``: the word lists; ``None`` uses
      :meth:`TimexVocabulary.default`. Extend it to teach new holidays:

    >>> v = TimexVocabulary.default().extend(holidays={"Independence Day": (7, 4)})
    >>> options = TimexOptions(vocabulary=v)
    >>> [t.value for t in extract_timexes("Independence Day 2021 was hot.", options=options)]
    ['2021-07-04']

    .. versionadded:: 0.1.0
    """

    include_types: frozenset[TimexType] = attrs.field(
        default=frozenset(TimexType), converter=frozenset, validator=_check_types
    )
    resolve: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))
    references: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))
    default_tense: str = attrs.field(default="past", validator=_check_tense)
    vocabulary: TimexVocabulary | None = attrs.field(default=None, validator=_check_vocabulary)


_DEFAULT_OPTIONS = TimexOptions()

# ---------------------------------------------------------------------------
# Pattern building
# ---------------------------------------------------------------------------
