"""Read articles from text files, JSON lines and CSV, lazily.

Every reader is a generator: it holds one record at a time, so memory does not
grow with the size of the corpus. :func:`load` picks the reader from the path:

.. code-block:: python

    from newscorpus.load import load

    for article in load("dump.jsonl.gz", fields={"text": "story"}, on_error="warn"):
        print(article.id, article.date, article.title)

Which input keys fill which :class:`~newscorpus.types.Article` field is said by
a :class:`FieldMap`; the default understands news-please, newspaper-style and
common generic dumps:

>>> from newscorpus.load import FieldMap
>>> FieldMap().text
('maintext', 'text', 'content', 'body', 'article')

Input that cannot be read becomes a :class:`~newscorpus.errors.LoadError` that
names the file and line. ``on_error`` says what happens to it: ``"raise"`` (the
default) raises it, ``"warn"`` emits it as a :class:`~newscorpus.errors.LoadWarning`
and goes on, ``"skip"`` goes on silently, and a callable is called with it and
the run goes on (use one to count or log errors). Every record thus ends up
either as an article or as a reported error.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import itertools
import json
import os
import warnings
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal, TypeAlias

import attrs

from newscorpus._dates import find_leading_date, parse_date
from newscorpus.errors import LoadError, LoadWarning, OptionsError
from newscorpus.types import Article, Origin

__all__ = ["FieldMap", "load", "read_csv", "read_jsonl", "read_text"]

_PathArg: TypeAlias = "str | os.PathLike[str]"
_OnError: TypeAlias = 'Literal["raise", "warn", "skip"] | Callable[[LoadError], None]'
_Fields: TypeAlias = "FieldMap | Mapping[str, str | Sequence[str]] | None"

_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
_CSV_SUFFIXES = (".csv", ".tsv")
_TEXT_SUFFIXES = (".txt",)
# Large enough for any article, small enough that an unclosed quote cannot swallow a whole dump.
_CSV_FIELD_LIMIT = 64 * 1024 * 1024
# Errors that reading (and gunzipping) a file can raise; gzip.BadGzipFile is an OSError.
_READ_ERRORS = (OSError, EOFError, zlib.error)


def _keys(value: str | Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, Iterable):
        raise OptionsError(f"field keys must be a string or a sequence of strings, got {type(value).__name__}")
    return tuple(value)


def _check_keys(instance: FieldMap, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
    for key in value:
        if not isinstance(key, str) or not key:
            raise OptionsError(f"{attribute.name}: keys must be non-empty strings, got {key!r}")
    if attribute.name == "text" and not value:
        raise OptionsError("text: at least one key is needed")


@attrs.frozen(kw_only=True)
class FieldMap:
    """Which keys of an input record fill which :class:`~newscorpus.types.Article` field.

    Each field holds candidate keys tried in order; the first one present with
    a value (not ``None``, and for fields other than ``text`` not ``""``) is used.
    A single string is one candidate. Fields left out keep their defaults:

    >>> from newscorpus.load import FieldMap
    >>> fields = FieldMap(text="story", date=("day", "when"))
    >>> fields.text, fields.date, fields.title
    (('story',), ('day', 'when'), ('title', 'headline'))
    >>> FieldMap.from_mapping({"url": "link"}).url
    ('link',)

    The defaults cover news-please (``maintext``, ``date_publish``,
    ``source_domain``), newspaper-style (``text``, ``publish_date``,
    ``source_url``) and generic dumps (``content``, ``headline``, ``published``,
    ``byline``, ...). ``source_url`` is the outlet's home page in
    newspaper-style output, so it fills ``outlet``, not ``url``.

    .. versionadded:: 0.1.0
    """

    id: tuple[str, ...] = attrs.field(default=("id", "_id", "uuid"), converter=_keys, validator=_check_keys)
    text: tuple[str, ...] = attrs.field(
        default=("maintext", "text", "content", "body", "article"), converter=_keys, validator=_check_keys
    )
    title: tuple[str, ...] = attrs.field(default=("title", "headline"), converter=_keys, validator=_check_keys)
    date: tuple[str, ...] = attrs.field(
        default=("date_publish", "publish_date", "date", "published", "pubdate", "dct"),
        converter=_keys,
        validator=_check_keys,
    )
    outlet: tuple[str, ...] = attrs.field(
        default=("source_domain", "source", "outlet", "publisher", "domain", "source_url"),
        converter=_keys,
        validator=_check_keys,
    )
    url: tuple[str, ...] = attrs.field(default=("url", "link"), converter=_keys, validator=_check_keys)
    authors: tuple[str, ...] = attrs.field(
        default=("authors", "author", "byline"), converter=_keys, validator=_check_keys
    )
    language: tuple[str, ...] = attrs.field(default=("language", "lang"), converter=_keys, validator=_check_keys)

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, str | Sequence[str]]) -> FieldMap:
        """Return the default map with the fields *mapping* names replaced.

        >>> from newscorpus.load import FieldMap
        >>> FieldMap.from_mapping({"text": "story"}).text
        ('story',)

        An unknown field name raises :class:`~newscorpus.errors.OptionsError`.

        .. versionadded:: 0.1.0
        """
        names = {field.name for field in attrs.fields(cls)}
        unknown = sorted(str(name) for name in mapping if name not in names)
        if unknown:
            raise OptionsError(f"unknown article field(s) {', '.join(unknown)}; known: {', '.join(sorted(names))}")
        return cls(**mapping)


def _field_map(fields: _Fields) -> FieldMap:
    if fields is None:
        return _DEFAULT_FIELDS
    if isinstance(fields, FieldMap):
        return fields
    if isinstance(fields, Mapping):
        return FieldMap.from_mapping(fields)
    raise OptionsError(f"fields must be a FieldMap or a mapping, got {type(fields).__name__}")


_DEFAULT_FIELDS = FieldMap()


def _raise(error: LoadError) -> None:
    raise error


def _warn(error: LoadError) -> None:
    warnings.warn(LoadWarning(str(error)), stacklevel=3)


def _skip(error: LoadError) -> None:
    return None


_POLICIES: dict[str, Callable[[LoadError], None]] = {"raise": _raise, "warn": _warn, "skip": _skip}


def _handler(on_error: _OnError) -> Callable[[LoadError], None]:
    if isinstance(on_error, str):
        if on_error in _POLICIES:
            return _POLICIES[on_error]
    elif callable(on_error):
        return on_error
    raise OptionsError(f"on_error must be 'raise', 'warn', 'skip' or a callable, got {on_error!r}")


def _check_encoding(encoding: str) -> str:
    try:
        codecs.lookup(encoding)
    except (LookupError, TypeError) as exc:
        raise OptionsError(f"unknown encoding {encoding!r}") from exc
    sample = b'\n,\t"{}'
    try:
        ascii_compatible = sample.decode(encoding) == sample.decode("ascii")
    except (LookupError, UnicodeError):
        ascii_compatible = False
    if not ascii_compatible:
        raise OptionsError(f"encoding {encoding!r} is not ASCII-compatible (lines are split on the newline byte)")
    return encoding


def _name(path: _PathArg) -> str:
    try:
        name = os.fspath(path)
    except TypeError:
        name = None
    if not isinstance(name, str):
        raise OptionsError(f"expected a path as str or os.PathLike[str], got {type(path).__name__}")
    return name


def _base_suffix(name: str) -> str:
    """Return the format suffix of *name* in lower case, looking through a ``.gz``."""
    lower = name.lower()
    return os.path.splitext(lower[:-3] if lower.endswith(".gz") else lower)[1]


def _open(name: str) -> Any:
    if name.lower().endswith(".gz"):
        return gzip.open(name, "rb")
    return open(name, "rb")


def _cannot_read(exc: BaseException, name: str, line: int | None) -> LoadError:
    if isinstance(exc, EOFError):
        reason = "the compressed file is truncated"
    elif isinstance(exc, (zlib.error, gzip.BadGzipFile)):
        reason = f"the compressed file is corrupt ({exc})"
    elif isinstance(exc, OSError) and exc.strerror:
        reason = exc.strerror
    else:
        reason = str(exc) or type(exc).__name__
    return LoadError(f"cannot read the file: {reason}", path=name, line=line)


def _lines(name: str, handle: Callable[[LoadError], None]) -> Iterator[tuple[int, bytes]]:
    """Yield ``(line number, bytes)`` of a file; a read failure is handed to *handle* and ends the file."""
    number = 0
    try:
        with _open(name) as stream:
            for number, data in enumerate(stream, start=1):
                yield number, data
    except _READ_ERRORS as exc:
        error = _cannot_read(exc, name, number + 1 if number else None)
    else:
        return
    handle(error)


def _decode_error(exc: UnicodeDecodeError, encoding: str) -> str:
    return f"the bytes are not valid {encoding} (byte {exc.start})"


def _text_article(name: str, encoding: str, handle: Callable[[LoadError], None]) -> Iterator[Article]:
    try:
        with _open(name) as stream:
            data = stream.read()
    except _READ_ERRORS as exc:
        handle(_cannot_read(exc, name, None))
        return
    try:
        raw = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        handle(LoadError(f"the bytes are not valid {encoding}", path=name, line=line))
        return
    if raw.startswith("\ufeff"):
        raw = raw[1:]
    base = os.path.basename(name)
    stem = base[: -len(".txt.gz")] if base.lower().endswith(".txt.gz") else os.path.splitext(base)[0]
    found = find_leading_date(raw)
    yield Article(
        raw=raw,
        id=stem,
        date=found[0] if found is not None else None,
        origin=Origin(path=name, line=None, record=0),
    )


def _iter_text(name: str, encoding: str, handle: Callable[[LoadError], None]) -> Iterator[Article]:
    if not os.path.isdir(name):
        yield from _text_article(name, encoding, handle)
        return
    try:
        with os.scandir(name) as entries:
            files = sorted(
                entry.name for entry in entries if _base_suffix(entry.name) in _TEXT_SUFFIXES and entry.is_file()
            )
    except OSError as exc:
        handle(_cannot_read(exc, name, None))
        return
    for file in files:
        yield from _text_article(os.path.join(name, file), encoding, handle)


def _split_authors(value: str) -> tuple[str, ...]:
    parts = value.replace(";", ",").replace(" and ", ",").split(",")
    return tuple(part for part in (piece.strip() for piece in parts) if part)


def _pick(record: Mapping[str, Any], keys: tuple[str, ...]) -> tuple[str, Any]:
    """Return the first of *keys* with a value in *record* (not ``None`` nor ``""``), or ``("", None)``."""
    for key in keys:
        value = record.get(key)
        if value is not None and value != "":
            return key, value
    return "", None


def _article(record: Mapping[str, Any], fields: FieldMap, name: str, line: int, index: int) -> Article:
    """Build the article of one input record; raise :class:`LoadError` when it has no usable text."""
    text: Any = None
    text_key = ""
    for key in fields.text:
        text = record.get(key)
        if text is not None:
            text_key = key
            break
    if text is None:
        raise LoadError(f"no text field (looked for {', '.join(fields.text)})", path=name, line=line)
    if not isinstance(text, str):
        raise LoadError(f"text field {text_key!r} holds {type(text).__name__}, not a string", path=name, line=line)
    used = {text_key}
    values: dict[str, Any] = {}
    for field in ("title", "outlet", "url", "language"):
        key, value = _pick(record, getattr(fields, field))
        if isinstance(value, str):
            values[field] = value
            used.add(key)
    key, value = _pick(record, fields.id)
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        values["id"] = str(value)
        used.add(key)
    key, value = _pick(record, fields.authors)
    if isinstance(value, str):
        values["authors"] = _split_authors(value)
        used.add(key)
    elif isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
        values["authors"] = tuple(item.strip() for item in value if item.strip())
        used.add(key)
    key, value = _pick(record, fields.date)
    date = parse_date(value) if value is not None else None
    if date is not None:
        used.add(key)
    else:
        found = find_leading_date(text)
        date = found[0] if found is not None else None
    if len(used) < len(record):
        values["extra"] = {key: value for key, value in record.items() if key not in used}
    return Article(raw=text, date=date, origin=Origin(path=name, line=line, record=index), **values)


def _iter_jsonl(name: str, fields: FieldMap, encoding: str, handle: Callable[[LoadError], None]) -> Iterator[Article]:
    loads = json.loads
    index = 0
    for number, data in _lines(name, handle):
        if data.isspace():
            continue
        index += 1
        try:
            line = data.decode(encoding)
        except UnicodeDecodeError as exc:
            handle(LoadError(_decode_error(exc, encoding), path=name, line=number))
            continue
        if number == 1 and line.startswith("\ufeff"):
            line = line[1:]
        try:
            record = loads(line)
        except (ValueError, RecursionError) as exc:
            handle(LoadError(f"not valid JSON: {_short(exc)}", path=name, line=number))
            continue
        if not isinstance(record, dict):
            handle(LoadError(f"the line holds a JSON {type(record).__name__}, not an object", path=name, line=number))
            continue
        try:
            article = _article(record, fields, name, number, index - 1)
        except LoadError as exc:
            handle(exc)
            continue
        yield article


def _short(exc: BaseException) -> str:
    message = str(exc) or type(exc).__name__
    return message if len(message) <= 200 else message[:200] + "..."


def _iter_csv(
    name: str, fields: FieldMap, delimiter: str, encoding: str, handle: Callable[[LoadError], None]
) -> Iterator[Article]:
    bad_lines: list[tuple[int, UnicodeDecodeError]] = []

    def text_lines() -> Iterator[str]:
        for number, data in _lines(name, handle):
            try:
                line = data.decode(encoding)
            except UnicodeDecodeError as exc:
                bad_lines.append((number, exc))
                line = data.decode(encoding, "replace")
            if number == 1 and line.startswith("\ufeff"):
                line = line[1:]
            yield line

    reader = csv.reader(text_lines(), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    index = 0
    last_line = 0
    while True:
        try:
            row = next(reader, None)
        except csv.Error as exc:
            first, last_line = last_line + 1, reader.line_num
            bad_lines.clear()
            if header is None:
                handle(LoadError(f"cannot read the CSV header: {_short(exc)}", path=name, line=first))
                return
            index += 1
            handle(LoadError(f"malformed CSV row: {_short(exc)}", path=name, line=first))
            continue
        if row is None:
            return
        first, last_line = last_line + 1, reader.line_num
        if not row:  # a blank line
            continue
        if bad_lines:
            number, decode_error = bad_lines[0]
            bad_lines.clear()
            handle(LoadError(_decode_error(decode_error, encoding), path=name, line=number))
            if header is None:
                return
            index += 1
            continue
        if header is None:
            if len(set(row)) < len(row):
                duplicates = sorted({column for column in row if row.count(column) > 1})
                handle(LoadError(f"the CSV header repeats column(s) {', '.join(duplicates)}", path=name, line=first))
                return
            header = row
            continue
        index += 1
        if len(row) != len(header):
            handle(LoadError(f"the row has {len(row)} fields, the header has {len(header)}", path=name, line=first))
            continue
        try:
            article = _article(dict(zip(header, row, strict=True)), fields, name, first, index - 1)
        except LoadError as exc:
            handle(exc)
            continue
        yield article


def _delimiter_for(name: str, delimiter: str | None) -> str:
    if delimiter is None:
        return "\t" if _base_suffix(name) == ".tsv" else ","
    if not isinstance(delimiter, str) or len(delimiter) != 1 or delimiter in '\r\n"':
        raise OptionsError(f"delimiter must be one character other than a quote or line break, got {delimiter!r}")
    return delimiter


def _raise_field_limit() -> None:
    if csv.field_size_limit() < _CSV_FIELD_LIMIT:
        csv.field_size_limit(_CSV_FIELD_LIMIT)


def read_text(path: _PathArg, *, on_error: _OnError = "raise", encoding: str = "utf-8") -> Iterator[Article]:
    """Read one article from a text file, or one per ``*.txt`` / ``*.txt.gz`` file of a folder.

    .. code-block:: python

        for article in read_text("tests/data/seeds"):
            print(article.id, article.date)

    The article's ``raw`` (and ``text``) is the file's content exactly as
    decoded, line endings included; only a leading byte-order mark is dropped.
    Its ``id`` is the file name without ``.txt`` / ``.txt.gz``, its ``date`` the
    date printed at the top of the text, if any. A folder is read in file-name
    order and not recursively.

    >>> from newscorpus.load import read_text
    >>> read_text("missing.txt", on_error="ignore")
    Traceback (most recent call last):
    ...
    newscorpus.errors.OptionsError: on_error must be 'raise', 'warn', 'skip' or a callable, got 'ignore'

    .. versionadded:: 0.1.0
    """
    handle = _handler(on_error)
    return _iter_text(_name(path), _check_encoding(encoding), handle)


def read_jsonl(
    path: _PathArg, *, fields: _Fields = None, on_error: _OnError = "raise", encoding: str = "utf-8"
) -> Iterator[Article]:
    """Read one article per line of a JSON lines file (gzipped if its name ends in ``.gz``).

    .. code-block:: python

        for article in read_jsonl("news-please.jsonl.gz", on_error="skip"):
            print(article.outlet, article.date)

    Each non-blank line must hold a JSON object; *fields* (a :class:`FieldMap`
    or a mapping of article fields to keys, merged over the default) says which
    keys fill which article field. Keys not used for a field are kept, as
    decoded, in :attr:`~newscorpus.types.Article.extra`; so is a date that does
    not parse, and the date is then taken from the top of the text if it shows
    one. A record without an ``id`` gets an id derived from its text. Blank
    lines are not records.

    >>> from newscorpus.load import read_jsonl
    >>> read_jsonl("dump.jsonl", fields={"story": "text"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    newscorpus.errors.OptionsError: unknown article field(s) story; known: ...

    .. versionadded:: 0.1.0
    """
    fieldmap = _field_map(fields)
    handle = _handler(on_error)
    return _iter_jsonl(_name(path), fieldmap, _check_encoding(encoding), handle)


def read_csv(
    path: _PathArg,
    *,
    fields: _Fields = None,
    on_error: _OnError = "raise",
    delimiter: str | None = None,
    encoding: str = "utf-8",
) -> Iterator[Article]:
    """Read one article per row of a CSV or TSV file with a header row (gzipped if its name ends in ``.gz``).

    .. code-block:: python

        for article in read_csv("articles.tsv", fields={"text": "body"}):
            print(article.title)

    The delimiter is a tab for ``.tsv`` files and a comma otherwise, unless
    given. Quoted fields may span lines. Values are strings; an empty value
    counts as missing, except for the text. Fields map to the article as in :func:`read_jsonl`.

    >>> from newscorpus.load import read_csv
    >>> read_csv("articles.csv", delimiter=";;")
    Traceback (most recent call last):
    ...
    newscorpus.errors.OptionsError: delimiter must be one character other than a quote or line break, got ';;'

    .. versionadded:: 0.1.0
    """
    fieldmap = _field_map(fields)
    handle = _handler(on_error)
    name = _name(path)
    sep = _delimiter_for(name, delimiter)
    _raise_field_limit()
    return _iter_csv(name, fieldmap, sep, _check_encoding(encoding), handle)


def _reader_for(
    path: _PathArg, fieldmap: FieldMap, handle: Callable[[LoadError], None], encoding: str
) -> Iterator[Article]:
    name = _name(path)
    if os.path.isdir(name):
        return _iter_text(name, encoding, handle)
    suffix = _base_suffix(name)
    if suffix in _TEXT_SUFFIXES:
        return _iter_text(name, encoding, handle)
    if suffix in _JSONL_SUFFIXES:
        return _iter_jsonl(name, fieldmap, encoding, handle)
    if suffix in _CSV_SUFFIXES:
        _raise_field_limit()
        return _iter_csv(name, fieldmap, _delimiter_for(name, None), encoding, handle)
    known = ", ".join((*_TEXT_SUFFIXES, *_JSONL_SUFFIXES, *_CSV_SUFFIXES))
    raise LoadError(
        f"cannot tell the format from the name; expected a folder or a file ending in {known} (or .gz)", path=name
    )


def load(
    path: _PathArg | Sequence[_PathArg],
    *,
    fields: _Fields = None,
    on_error: _OnError = "raise",
    encoding: str = "utf-8",
) -> Iterator[Article]:
    """Read articles from a file, a folder of text files, or a list of them, choosing the reader by name.

    .. code-block:: python

        articles = load(["seeds/", "dump.jsonl.gz", "more.csv"], on_error="warn")

    A folder is read with :func:`read_text` (its ``*.txt`` and ``*.txt.gz``
    files, by name, not recursively); ``.txt`` files with :func:`read_text`;
    ``.jsonl``, ``.ndjson`` and ``.json`` (JSON lines) with :func:`read_jsonl`;
    ``.csv`` and ``.tsv`` with :func:`read_csv`; each also gzipped (``.gz``).
    A list or tuple of paths is read in order. Any other name raises
    :class:`~newscorpus.errors.LoadError` at once, whatever *on_error* says;
    so do invalid options, as :class:`~newscorpus.errors.OptionsError`.

    >>> from newscorpus.load import load
    >>> load("notes.pdf")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    newscorpus.errors.LoadError: notes.pdf: cannot tell the format from the name; expected a folder or ...

    .. versionadded:: 0.1.0
    """
    fieldmap = _field_map(fields)
    handle = _handler(on_error)
    encoding = _check_encoding(encoding)
    paths = path if isinstance(path, (list, tuple)) else (path,)
    readers = [_reader_for(item, fieldmap, handle, encoding) for item in paths]
    return itertools.chain.from_iterable(readers)
