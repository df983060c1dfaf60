"""Extractors: each family lives in its own module and is re-exported here."""

from newscorpus.extract.events import EventLexicon, EventOptions, extract_events
from newscorpus.extract.mentions import MentionOptions, extract_mentions
from newscorpus.extract.quotes import QuoteOptions, extract_quotes
from newscorpus.extract.timex import TimexOptions, TimexVocabulary, extract_timexes

__all__ = [
    "EventLexicon",
    "EventOptions",
    "MentionOptions",
    "QuoteOptions",
    "TimexOptions",
    "TimexVocabulary",
    "extract_events",
    "extract_mentions",
    "extract_quotes",
    "extract_timexes",
]
