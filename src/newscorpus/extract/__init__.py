"""Extractors: each family lives in its own module and is re-exported here."""

from newscorpus.extract.mentions import MentionOptions, extract_mentions
from newscorpus.extract.timex import TimexOptions, TimexVocabulary, extract_timexes

__all__ = [
    "MentionOptions",
    "TimexOptions",
    "TimexVocabulary",
    "extract_mentions",
    "extract_timexes",
]
