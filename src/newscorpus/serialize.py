"""Turn records into JSON-ready dictionaries and JSON lines, and back, losslessly.

>>> from newscorpus.types import Article, Document
>>> doc = Document(article=Article(raw="Putin spoke on Thursday.", title="Talks"))
>>> line = to_json(doc)
>>> line
'{"article": {"raw": "Putin spoke on Thursday.", "id": "a0f92559d0e514a0", "title": "Talks"}}'
>>> from_json(line) == doc
True

Fields left at their default are omitted, so lines stay short. Dates are ISO
strings and enumerations their values. Built on :mod:`cattrs`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from newscorpus.errors import SerializationError
from newscorpus.types import (
    Article,
    Document,
    Event,
    EventDate,
    Mention,
    Origin,
    Quote,
    Removal,
    Segment,
    Sentence,
    Span,
    StageError,
    TimeExpr,
)

__all__ = ["from_dict", "from_json", "to_dict", "to_json", "to_json_line"]

T = TypeVar("T")

# Leaves first: a record's hook is generated from the hooks of the records inside it.
_RECORDS = (
    Span,
    Segment,
    Origin,
    Removal,
    Sentence,
    Mention,
    TimeExpr,
    StageError,
    EventDate,
    Quote,
    Event,
    Article,
    Document,
)


def _strict(kind: type[T]) -> Callable[[Any, Any], T]:
    """Return a structure hook that accepts only values already of *kind* (no ``str(3)``)."""

    def structure(value: Any, _: Any) -> T:
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise TypeError(f"expected {kind.__name__}, got {type(value).__name__}")
        return value

    return structure


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter()
    converter.register_unstructure_hook(dt.date, lambda value: value.isoformat())
    converter.register_structure_hook(dt.date, lambda value, _: dt.date.fromisoformat(value))
    converter.register_structure_hook(str, _strict(str))
    converter.register_structure_hook(int, _strict(int))
    converter.register_structure_hook(bool, _strict(bool))
    for cls in _RECORDS:
        # An article's id is always written, even when it is the one derived from raw.
        overrides: dict[str, Any] = {"id": cattrs.override(omit_if_default=False)} if cls is Article else {}
        converter.register_unstructure_hook(
            cls, make_dict_unstructure_fn(cls, converter, _cattrs_omit_if_default=True, **overrides)
        )
        converter.register_structure_hook(cls, make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=True))
    return converter


_converter = _make_converter()


def to_dict(record: Any) -> dict[str, Any]:
    """Return *record* (any newscorpus record) as a JSON-ready dictionary.

    .. versionadded:: 0.1.0
    """
    if not isinstance(record, _RECORDS):
        raise SerializationError(f"cannot serialise a {type(record).__name__}")
    result: dict[str, Any] = _converter.unstructure(record)
    return result


def from_dict(data: Mapping[str, Any], cls: type[T] = Document) -> T:  # type: ignore[assignment]
    """Rebuild a record of type *cls* from :func:`to_dict` output.

    Any failure raises :class:`~newscorpus.errors.SerializationError`.

    .. versionadded:: 0.1.0
    """
    try:
        return _converter.structure(data, cls)
    except Exception as exc:
        detail = "; ".join(cattrs.transform_error(exc)) if isinstance(exc, cattrs.BaseValidationError) else str(exc)
        raise SerializationError(f"cannot rebuild a {cls.__name__}: {detail}") from exc


def to_json(record: Any) -> str:
    """Return *record* as one line of JSON (no newline).

    .. versionadded:: 0.1.0
    """
    try:
        return json.dumps(to_dict(record), ensure_ascii=False, separators=(", ", ": "))
    except (TypeError, ValueError) as exc:
        raise SerializationError(f"cannot write a {type(record).__name__} as JSON: {exc}") from exc


def from_json(line: str | bytes, cls: type[T] = Document) -> T:  # type: ignore[assignment]
    """Rebuild a record of type *cls* from one line of :func:`to_json` output.

    .. versionadded:: 0.1.0
    """
    try:
        data = json.loads(line)
    except (ValueError, RecursionError) as exc:
        raise SerializationError(f"not a JSON line: {exc}") from exc
    if not isinstance(data, dict):
        raise SerializationError("a JSON line must hold an object")
    return from_dict(data, cls)


def to_json_line(doc: Document) -> str:
    """Return *doc* as one line of JSON, as :func:`~newscorpus.write.write_jsonl` writes it."""
    return to_json(doc)
