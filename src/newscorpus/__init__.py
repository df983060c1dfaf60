"""newscorpus: turn raw scraped news text into clean articles and structured records.

>>> import newscorpus as nc
>>> doc = nc.Pipeline(["sentences.v1"], clean=None)("Talks ended. Both sides left.")
>>> len(doc.sentences)
2
"""

from typing import TYPE_CHECKING

from newscorpus._version import __version__
from newscorpus.clean import CleanOptions, RuleFamily, UserRule, clean, rule_families
from newscorpus.errors import (
    EntryPointWarning,
    LoadError,
    LoadWarning,
    NewscorpusError,
    NewscorpusWarning,
    OptionsError,
    QuoteWarning,
    RegistryError,
    SerializationError,
    SpanError,
    StageWarning,
    WorkerError,
    WriteError,
    WriteWarning,
)
from newscorpus.extract import (
    EventLexicon,
    EventOptions,
    MentionOptions,
    QuoteOptions,
    TimexOptions,
    TimexVocabulary,
    extract_events,
    extract_mentions,
    extract_quotes,
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

if TYPE_CHECKING:  # for type checkers; at run time they come from __getattr__ below
    from newscorpus.arrow import read_parquet, to_arrow, to_pandas, write_parquet

# Optional integrations, imported on first use so that the core needs neither pyarrow nor pandas.
_LAZY = {
    "read_parquet": "newscorpus.arrow",
    "to_arrow": "newscorpus.arrow",
    "to_pandas": "newscorpus.arrow",
    "write_parquet": "newscorpus.arrow",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'newscorpus' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


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
    "QuoteOptions",
    "QuoteWarning",
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
    "WorkerError",
    "WriteError",
    "WriteWarning",
    "__version__",
    "clean",
    "cleaners",
    "extract_events",
    "extract_mentions",
    "extract_quotes",
    "extract_timexes",
    "extractors",
    "from_dict",
    "from_json",
    "load",
    "paragraphs",
    "read_csv",
    "read_documents",
    "read_jsonl",
    "read_parquet",
    "read_text",
    "rule_families",
    "sentences",
    "to_arrow",
    "to_dict",
    "to_json",
    "to_pandas",
    "write_csv",
    "write_jsonl",
    "write_parquet",
]
