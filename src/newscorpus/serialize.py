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

Compact lines (``to_json_line(doc, compact=True)``, what
:func:`~newscorpus.write.write_jsonl` writes by default) go further: they start
with a format version (``"format": 2``) and leave out every text that offsets
can rebuild (the cleaned text when the article's segments are kept, the text of
each span of the cleaned text, of each removal of ``raw``), so a document takes
about the room of its raw text and its offsets:

>>> compact = to_json_line(doc, compact=True)
>>> compact
'{"format":2,"article":{"raw":"Putin spoke on Thursday.","id":"a0f92559d0e514a0","title":"Talks"}}'
>>> from_json(compact) == doc
True

:func:`from_json` reads both kinds of lines, and the lines of earlier
versions, which carry no ``format``. A text that does not slice out of its
article (a record built by hand) is written in full even in a compact line.

Any Python string is written, lone surrogates included (a ``\\ud800`` escape in
a scraped JSON dump puts one in a text): they are written as JSON ``\\uXXXX``
escapes, so a line is always valid UTF-8 and reads back to the same string.
JSON cannot tell a high surrogate directly followed by a low one from the
character the pair encodes, so such a pair reads back as that character.

Records are checked when rebuilt: every span of a document must slice back
out of its article's text, and an article's segments and removals out of its
``raw``; a record that does not fit raises
:class:`~newscorpus.errors.SerializationError` saying where.
"""

from __future__ import annotations

import copy
import datetime as dt
import importlib
import json
import math
import re
import typing
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from newscorpus.errors import OptionsError, SerializationError
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

__all__ = ["FORMAT_VERSION", "from_dict", "from_json", "to_dict", "to_json", "to_json_line"]

#: The version of the compact line format written by :func:`to_json_line` (lines with no ``format`` are version 1).
FORMAT_VERSION = 2

T = TypeVar("T")

_orjson: Any
try:  # an optional speed-up (the ``fast`` extra); the standard library is used without it
    _orjson = importlib.import_module("orjson")
except ImportError:  # pragma: no cover - depends on what is installed
    _orjson = None

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


def _record_fields(cls: type) -> tuple[tuple[str, type, bool], ...]:
    """The fields of *cls* that hold records: ``(name, record class, holds a tuple of them)``."""
    hints = typing.get_type_hints(cls)
    found = []
    for field in attrs.fields(cls):
        hint = hints[field.name]
        many = typing.get_origin(hint) is tuple
        options = typing.get_args(hint) if many or typing.get_origin(hint) is not None else (hint,)
        for option in options:
            if isinstance(option, type) and option in _RECORDS:
                found.append((field.name, option, many))
                break
    return tuple(found)


# The record-holding fields of each record class, read from the classes so that new fields are followed.
_PLAN: dict[type, tuple[tuple[str, type, bool], ...]] = {cls: _record_fields(cls) for cls in _RECORDS}


def _compact(data: dict[str, Any], cls: type, text: str, raw: str) -> None:
    """Drop from *data* (the unstructured *cls*) every text its offsets rebuild, in place."""
    if issubclass(cls, Span) and "text" in data:
        source = raw if cls is Removal else text
        if source[data["start"] : data["end"]] == data["text"]:
            del data["text"]
    elif cls is Article and data.get("segments") is not None:
        data.pop("text", None)
    for name, kind, many in _PLAN[cls]:
        value = data.get(name)
        if value is None or kind is Article:
            continue
        for item in value if many else (value,):
            _compact(item, kind, text, raw)


def _expand(data: Any, cls: type, text: str, raw: str) -> None:
    """Put back, in place, the texts :func:`_compact` left out of *data* (checked later, when structured)."""
    if not isinstance(data, dict):
        return
    if issubclass(cls, Span) and "text" not in data:
        start, end = data.get("start"), data.get("end")
        if type(start) is int and type(end) is int and 0 <= start <= end:
            data["text"] = (raw if cls is Removal else text)[start:end]
    for name, kind, many in _PLAN[cls]:
        value = data.get(name)
        if value is None or kind is Article:
            continue
        for item in value if many and isinstance(value, list) else (value,):
            _expand(item, kind, text, raw)


def _rebuilt_text(article: dict[str, Any]) -> None:
    """Put back an article's ``text`` from its ``raw`` and ``segments`` when a compact line left it out."""
    raw, segments = article.get("raw"), article.get("segments")
    if "text" in article or not isinstance(raw, str) or not isinstance(segments, list):
        return
    pieces = []
    for segment in segments:
        if not isinstance(segment, dict):
            return
        start, length = segment.get("raw_start"), segment.get("length")
        if type(start) is not int or type(length) is not int:
            return
        pieces.append(raw[start : start + length])
    article["text"] = "".join(pieces)


def _expand_document(data: dict[str, Any]) -> None:
    article = data.get("article")
    if not isinstance(article, dict):
        return
    _rebuilt_text(article)
    raw, text = article.get("raw"), article.get("text", article.get("raw"))
    if not isinstance(raw, str) or not isinstance(text, str):
        return
    _expand(article, Article, text, raw)
    _expand(data, Document, text, raw)


def _read_version(data: dict[str, Any], cls: type) -> None:
    """Take the ``format`` key out of *data*, refusing a version this release cannot read."""
    version = data.pop("format")
    if type(version) is not int or not 1 <= version <= FORMAT_VERSION:
        raise SerializationError(
            f"the line has format {version!r}; this newscorpus reads formats 1 to {FORMAT_VERSION} "
            "(a newer release wrote it?)"
        )
    if cls is not Document:
        raise SerializationError(f"a line with a format version holds a Document, not a {cls.__name__}")


def to_dict(record: Any) -> dict[str, Any]:
    """Return *record* (any newscorpus record) as a JSON-ready dictionary.

    >>> from newscorpus.types import Span
    >>> to_dict(Span(start=0, end=5, text="Putin"))
    {'start': 0, 'end': 5, 'text': 'Putin'}

    .. versionadded:: 0.1.0
    """
    if not isinstance(record, _RECORDS):
        raise SerializationError(f"cannot serialise a {type(record).__name__}")
    try:
        result: dict[str, Any] = _converter.unstructure(record)
    except Exception as exc:  # a value of an odd type inside a record
        raise SerializationError(f"cannot serialise a {type(record).__name__}: {_short(exc)}") from exc
    return result


def _short(exc: BaseException) -> str:
    message = str(exc) or type(exc).__name__
    return message if len(message) <= 200 else message[:200] + "..."


def _fits(span: Span | None, text: str) -> bool:
    return span is None or span.fits(text)


def _document_spans(doc: Document) -> Iterator[tuple[str, Span | None]]:
    """Yield ``(where, span)`` for every span of *doc* that must slice back out of its text."""
    for group in ("sentences", "timexes", "mentions"):
        for index, span in enumerate(getattr(doc, group)):
            yield f"{group}[{index}]", span
    for index, quote in enumerate(doc.quotes):
        where = f"quotes[{index}]"
        yield where, quote
        for number, fragment in enumerate(quote.fragments):
            yield f"{where}.fragments[{number}]", fragment
        yield f"{where}.cue", quote.cue
        yield f"{where}.speaker", quote.speaker
    for index, event in enumerate(doc.events):
        where = f"events[{index}]"
        yield f"{where}.trigger", event.trigger
        yield f"{where}.sentence", event.sentence
        for role in ("actors", "recipients"):
            for number, mention in enumerate(getattr(event, role)):
                yield f"{where}.{role}[{number}]", mention
        yield f"{where}.location", event.location


def _check_article(article: Article) -> None:
    raw, text = article.raw, article.text
    for index, segment in enumerate(article.segments or ()):
        stop = segment.text_start + segment.length
        if text[segment.text_start : stop] != raw[segment.raw_start : segment.raw_start + segment.length]:
            raise SerializationError(
                f"article.segments[{index}]: text[{segment.text_start}:{stop}] is not the stretch of raw "
                f"starting at {segment.raw_start}"
            )
    for index, removal in enumerate(article.removals):
        if not removal.fits(raw):
            raise SerializationError(
                f"article.removals[{index}]: {removal.start}:{removal.end} does not slice {removal.text!r} out of raw"
            )


def _check(record: Any) -> None:
    """Raise :class:`SerializationError` when a rebuilt record's spans do not fit its text."""
    if isinstance(record, Article):
        _check_article(record)
    elif isinstance(record, Document):
        _check_article(record.article)
        text = record.article.text
        for where, span in _document_spans(record):
            if not _fits(span, text):
                assert span is not None
                raise SerializationError(
                    f"{where}: {span.start}:{span.end} does not slice {_clip(span.text)!r} out of the article text "
                    f"({len(text)} characters)"
                )


def _clip(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "..."


def from_dict(data: Mapping[str, Any], cls: type[T] = Document) -> T:  # type: ignore[assignment]
    """Rebuild a record of type *cls* from :func:`to_dict` output.

    >>> from newscorpus.types import Span
    >>> from_dict({"start": 0, "end": 5, "text": "Putin"}, Span)
    Span(start=0, end=5, text='Putin')

    Any failure raises :class:`~newscorpus.errors.SerializationError`, a span
    that does not slice back out of its article's text included.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       Spans, segments and removals are checked against the texts they point into.
    """
    if cls not in _RECORDS:
        raise OptionsError(f"cls must be a newscorpus record class, got {cls!r}")
    if cls is Document and isinstance(data, Mapping):
        data = copy.deepcopy(data)  # rebuilding a compact document fills texts in
    return _from_owned(data, cls)


def _from_owned(data: Any, cls: type[T]) -> T:
    """Rebuild a record from *data*, which may be changed in place."""
    if cls is Document and isinstance(data, dict):
        if "format" in data:
            _read_version(data, cls)
        _expand_document(data)
    elif isinstance(data, dict) and "format" in data:
        _read_version(data, cls)
    try:
        record = _converter.structure(data, cls)
    except Exception as exc:
        detail = "; ".join(cattrs.transform_error(exc)) if isinstance(exc, cattrs.BaseValidationError) else str(exc)
        raise SerializationError(f"cannot rebuild a {cls.__name__}: {_short_text(detail)}") from exc
    _check(record)
    return record


def _short_text(message: str) -> str:
    return message if len(message) <= 500 else message[:500] + "..."


_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape_surrogate(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def _utf8_safe(line: str) -> str:
    """Return JSON text *line* with any lone surrogate written as a ``\\uXXXX`` escape."""
    if line.isascii():
        return line
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        # In JSON text a surrogate can only sit inside a string, where its escape means the same.
        return _SURROGATE.sub(_escape_surrogate, line)
    return line


def _dumps(data: Any) -> str:
    # Infinity and NaN are not JSON: other readers reject them, so they are refused here too.
    return json.dumps(data, ensure_ascii=False, separators=(", ", ": "), allow_nan=False)


def _dumps_compact(data: Any) -> str:
    if _orjson is not None:
        try:
            return str(_orjson.dumps(data).decode("utf-8"))
        except (TypeError, ValueError):  # lone surrogates, integers past 64 bits: the standard library copes
            pass
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _non_finite(value: Any, depth: int = 0) -> bool:
    """Tell whether *value* holds a float that is infinite or NaN (the fast encoder would write it as null)."""
    if isinstance(value, float):
        return not math.isfinite(value)
    if depth > 100:
        return False  # deeper nesting fails the encoders anyway
    if isinstance(value, Mapping):
        return any(_non_finite(item, depth + 1) for item in value.values())
    if isinstance(value, list | tuple):
        return any(_non_finite(item, depth + 1) for item in value)
    return False


def _loads(line: str | bytes | bytearray) -> Any:
    if _orjson is not None:
        try:
            return _orjson.loads(line)
        except (ValueError, TypeError):  # lone surrogate escapes and the like: the standard library decides
            pass
    return json.loads(line)


def to_json(record: Any) -> str:
    """Return *record* as one line of JSON (no newline).

    >>> from newscorpus.types import Span
    >>> to_json(Span(start=0, end=1, text="\\ud800"))
    '{"start": 0, "end": 1, "text": "\\\\ud800"}'

    Lone surrogates are written as ``\\uXXXX`` escapes, so the line encodes as
    UTF-8. A value JSON cannot hold raises
    :class:`~newscorpus.errors.SerializationError`; :func:`to_json_line` drops
    it instead.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       Lone surrogates are escaped.
    """
    try:
        return _utf8_safe(_dumps(to_dict(record)))
    except (TypeError, ValueError, RecursionError) as exc:
        raise SerializationError(f"cannot write a {type(record).__name__} as JSON: {_short(exc)}") from exc


def _encodable(values: Mapping[Any, Any], stage: Callable[[Any], str]) -> tuple[dict[Any, Any], list[StageError]]:
    """Split *values* into the entries JSON can hold and errors for the ones it cannot."""
    kept: dict[Any, Any] = {}
    errors: list[StageError] = []
    for key, value in values.items():
        try:
            _dumps({key: _converter.unstructure(value)})
        except Exception as exc:  # whatever the value's type makes unstructuring or encoding raise
            errors.append(
                StageError(
                    stage=stage(key),
                    error=type(exc).__name__,
                    message=f"the value of {key!r} cannot be written as JSON and was dropped: {_short(exc)}",
                )
            )
        else:
            kept[key] = value
    return kept, errors


def to_json_line(doc: Document, *, compact: bool = False) -> str:
    """Return *doc* as one line of JSON (no newline), dropping what JSON cannot hold instead of failing.

    >>> from newscorpus.types import Article, Document
    >>> doc = Document(article=Article(raw="Talks.", id="a1"), extensions={"tags.v1": {"talks"}})
    >>> back = from_json(to_json_line(doc))
    >>> back.extensions, [(error.stage, error.error) for error in back.errors]
    ({}, [('tags.v1', 'TypeError')])

    The line is lossless (:func:`from_json` rebuilds an equal document) except
    for values JSON cannot encode (a ``set``, an arbitrary object, a circular
    list, an infinite or NaN float): each entry of :attr:`~newscorpus.types.Document.extensions` holding
    one is left out and recorded as a :class:`~newscorpus.types.StageError`
    named after the extension, added after the document's errors in the line.
    An entry of :attr:`~newscorpus.types.Article.extra` is handled the same
    way, under the stage name ``article.extra``. Lone surrogates are escaped
    as in :func:`to_json`. Only a record whose own fields hold values of the
    wrong type raises :class:`~newscorpus.errors.SerializationError`.

    With *compact*, the line starts with ``"format": 2`` (:data:`FORMAT_VERSION`)
    and leaves out every text that offsets rebuild (see the module
    documentation); :func:`from_json` rebuilds the same document.

    .. versionadded:: 0.2.0
    """
    if not isinstance(doc, Document):
        raise SerializationError(f"to_json_line writes a Document, not a {type(doc).__name__}")
    encode = _compact_line if compact else _full_line
    odd = (doc.extensions and _non_finite(doc.extensions)) or (doc.article.extra and _non_finite(doc.article.extra))
    if not odd:
        try:
            return encode(doc)
        except (SerializationError, TypeError, ValueError, RecursionError):
            pass
    extensions, errors = _encodable(doc.extensions, str)
    extra, dropped = _encodable(doc.article.extra, lambda key: "article.extra")
    errors += dropped
    if errors:
        article = attrs.evolve(doc.article, extra=extra) if dropped else doc.article
        doc = attrs.evolve(doc, article=article, extensions=extensions, errors=(*doc.errors, *errors))
    try:
        return encode(doc)
    except (TypeError, ValueError, RecursionError) as exc:
        raise SerializationError(f"cannot write the document as JSON: {_short(exc)}") from exc


def _full_line(doc: Document) -> str:
    return _utf8_safe(_dumps(to_dict(doc)))


def _compact_line(doc: Document) -> str:
    data = to_dict(doc)
    _compact(data["article"], Article, doc.article.text, doc.article.raw)
    _compact(data, Document, doc.article.text, doc.article.raw)
    return _utf8_safe(_dumps_compact({"format": FORMAT_VERSION, **data}))


def from_json(line: str | bytes, cls: type[T] = Document) -> T:  # type: ignore[assignment]
    """Rebuild a record of type *cls* from one line of :func:`to_json` output.

    >>> from newscorpus.types import Span
    >>> from_json('{"start": 0, "end": 5, "text": "Putin"}', Span)
    Span(start=0, end=5, text='Putin')

    Compact lines (see :func:`to_json_line`) and the lines of earlier versions
    are read alike. A line that is not such a record raises
    :class:`~newscorpus.errors.SerializationError`; a *line* that is not a
    string or bytes raises :class:`~newscorpus.errors.OptionsError`.

    .. versionadded:: 0.1.0
    """
    if not isinstance(line, (str, bytes, bytearray)):
        raise OptionsError(f"from_json reads a str or bytes, got {type(line).__name__}")
    try:
        data = _loads(line)
    except (ValueError, RecursionError) as exc:
        raise SerializationError(f"not a JSON line: {_short(exc)}") from exc
    if not isinstance(data, dict):
        raise SerializationError("a JSON line must hold an object")
    if cls not in _RECORDS:
        raise OptionsError(f"cls must be a newscorpus record class, got {cls!r}")
    return _from_owned(data, cls)
