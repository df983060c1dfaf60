"""Extractors: each family lives in its own module and is re-exported here."""

from newscorpus.extract.timex import TimexOptions, TimexVocabulary, extract_timexes

__all__ = [
    "TimexOptions",
    "TimexVocabulary",
    "extract_timexes",
]
