"""newscorpus: turn raw scraped news text into clean articles and structured records.

>>> import newscorpus as nc
>>> doc = nc.Pipeline(["sentences.v1"], clean=None)("Talks ended. Both sides left.")
>>> len(doc.sentences)
2
"""

from newscorpus._version import __version__
from newscorpus.clean import CleanOptions, RuleFamily, UserRule, clean, rule_families
from newscorpus.errors import (
    EntryPointWarning,
    LoadError,
    LoadWarning,
    NewscorpusError,
    NewscorpusWarning,
    OptionsError,
    RegistryError,
    SerializationError,
    SpanError,
    StageWarning,
)
from newscorpus.extract import (
    EventLexicon,
    EventOptions,
    MentionOptions,
    TimexOptions,
    TimexVocabulary,
    extract_events,
    extract_mentions,
    extract_timexes,
)
from newscorpus.load import FieldMap, load, read_csv, read_jsonl, read_text
from newscorpus.pipeline import DEFAULT_EXTRACT, Pipeline
from newscorpus.registry import CleaningRule, Extractor, ExtractorSpec, Registry, cleaners, extractors
from newscorpus.serialize import from_dict, from_json, to_dict, to_json
from newscorpus.text import paragraphs, sentences
from newscorpus.types import (
    Article,
    DatePrecision,
    Document,
    EntityKind,
    Event,
    EventDate,
    EventType,
    Mention,
    Origin,
    Quote,
    QuoteKind,
    Removal,
    Segment,
    Sentence,
    Span,
    StageError,
    TimeExpr,
    TimexType,
)
from newscorpus.write import read_documents, write_csv, write_jsonl

__all__ = [
    "DEFAULT_EXTRACT",
    "Article",
    "CleanOptions",
    "CleaningRule",
    "DatePrecision",
    "Document",
    "EntityKind",
    "EntryPointWarning",
    "Event",
    "EventDate",
    "EventLexicon",
    "EventOptions",
    "EventType",
    "Extractor",
    "ExtractorSpec",
    "FieldMap",
    "LoadError",
    "LoadWarning",
    "Mention",
    "MentionOptions",
    "NewscorpusError",
    "NewscorpusWarning",
    "OptionsError",
    "Origin",
    "Pipeline",
    "Quote",
    "QuoteKind",
    "Registry",
    "RegistryError",
    "Removal",
    "RuleFamily",
    "Segment",
    "Sentence",
    "SerializationError",
    "Span",
    "SpanError",
    "StageError",
    "StageWarning",
    "TimeExpr",
    "TimexOptions",
    "TimexType",
    "TimexVocabulary",
    "UserRule",
    "__version__",
    "clean",
    "cleaners",
    "extract_events",
    "extract_mentions",
    "extract_timexes",
    "extractors",
    "from_dict",
    "from_json",
    "load",
    "paragraphs",
    "read_csv",
    "read_documents",
    "read_jsonl",
    "read_text",
    "rule_families",
    "sentences",
    "to_dict",
    "to_json",
    "write_csv",
    "write_jsonl",
]
