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

Encodings. ``encoding="auto"`` (the default) reads UTF-8 and falls back, for
bytes that are not UTF-8, along this chain:

1. a byte-order mark at the start of the file decides for the whole file:
   UTF-32 or UTF-16 (the file is then decoded as a stream, since its lines
   cannot be split on the newline byte) or UTF-8 (the mark is dropped);
2. otherwise each line (each whole file for text files) is decoded as UTF-8;
3. a line that is not UTF-8 is decoded with the guess of ``charset-normalizer``
   if that package is installed (``pip install newscorpus[encoding]``) and the
   line holds at least 32 bytes outside ASCII (a guess on fewer is noise); the
   guess is kept for the rest of the file;
4. else as cp1252 (Windows Western European, common in old scraper dumps),
5. else as latin-1, which decodes any bytes.

Each fallback (3 to 5) emits a :class:`~newscorpus.errors.LoadWarning` naming
the file, the line and the encoding used, whatever ``on_error`` says: the
record is kept, but its ``raw`` is a guess, so the warning says so. Lines are
decoded one by one, so a dump mixing UTF-8 and cp1252 lines is read whole. An
explicit encoding (``encoding="latin-1"``) is used as given, with no fallback:
bytes that do not fit are a :class:`~newscorpus.errors.LoadError`. Explicit
encodings must be ASCII-compatible, except ``utf-16`` and ``utf-32``.

Odd files. A path that is not a regular file (a named pipe, socket, device or
folder given where a file is expected) is a :class:`~newscorpus.errors.LoadError`
and is never opened; in a folder, each such entry, and each symlink that
cannot be followed (a loop), is one error and the other files are read. A
file whose lines end in a lone carriage return (old Mac style) is split on
those. In CSV, a quoted field left open swallows the lines after it only
until the parser fails, the record turns out to have the wrong number of
fields, or it reaches 10,000 lines; then its first line is reported and the
lines after it are read again as rows, so an unclosed quote costs one row.
"""

from __future__ import annotations

import csv
import itertools
import json
import os
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal, TypeAlias

import attrs

from newscorpus._dates import find_leading_date, parse_date
from newscorpus.errors import LoadError, LoadWarning, OptionsError
from newscorpus.load.decoding import (
    _check_encoding,
    _decode_whole,
    _short,
)
from newscorpus.load.files import (
    _READ_ERRORS,
    _STDIN,
    _base_suffix,
    _cannot_read,
    _Line,
    _lines,
    _name,
    _open_binary,
)
from newscorpus.types import Article, Origin

__all__ = ["FieldMap", "load", "read_csv", "read_jsonl", "read_text", "walk"]

_PathArg: TypeAlias = "str | os.PathLike[str]"
_OnError: TypeAlias = 'Literal["raise", "warn", "skip"] | Callable[[LoadError], None]'
_Fields: TypeAlias = "FieldMap | Mapping[str, str | Sequence[str]] | None"

_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
_CSV_SUFFIXES = (".csv", ".tsv")
_TEXT_SUFFIXES = (".txt",)
# Large enough for any article, small enough that an unclosed quote cannot swallow a whole dump.
_CSV_FIELD_LIMIT = 64 * 1024 * 1024
# The most physical lines one CSV record may span; past it, the record is reported and its lines read again.
_CSV_MAX_RECORD_LINES = 10_000


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


def _text_article(name: str, encoding: str, handle: Callable[[LoadError], None]) -> Iterator[Article]:
    try:
        with _open_binary(name) as stream:
            data = stream.read()
    except _READ_ERRORS as exc:
        handle(_cannot_read(exc, name, None))
        return
    try:
        raw = _decode_whole(data, name, encoding)
    except LoadError as exc:
        handle(exc)
        return
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
            # Only names are read here: an entry that cannot be followed is reported on its own below.
            files = sorted(entry.name for entry in entries if _base_suffix(entry.name) in _TEXT_SUFFIXES)
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
    for number, line, error in _lines(name, encoding, handle):
        if line.isspace() or not line:
            continue
        index += 1
        if error is not None:
            handle(error)
            continue
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


class _RecordTooLong(Exception):
    """A CSV record ran over more physical lines than one record may span."""


class _CsvLines:
    """The physical lines fed to :func:`csv.reader`, keeping those of the record being read.

    The lines of a record that turns out malformed can be pushed back and read
    again, so an unclosed quote costs one record, not every row after it.
    """

    def __init__(self, lines: Iterator[_Line]) -> None:
        self._lines = lines
        self.pending: deque[_Line] = deque()
        self.record: list[_Line] = []

    def __iter__(self) -> _CsvLines:
        return self

    def __next__(self) -> str:
        if len(self.record) >= _CSV_MAX_RECORD_LINES:
            raise _RecordTooLong
        item = self.pending.popleft() if self.pending else next(self._lines)
        self.record.append(item)
        return item[1]

    def read_again(self, lines: list[_Line]) -> None:
        self.pending.extendleft(reversed(lines))


def _iter_csv(
    name: str, fields: FieldMap, delimiter: str, encoding: str, handle: Callable[[LoadError], None]
) -> Iterator[Article]:
    source = _CsvLines(_lines(name, encoding, handle))
    reader = csv.reader(source, delimiter=delimiter, strict=True)
    header: list[str] | None = None
    index = 0
    while True:
        source.record = []
        failure: str | None = None
        try:
            row = next(reader, None)
        except csv.Error as exc:
            row, failure = None, f"malformed CSV row: {_short(exc)}"
        except _RecordTooLong:
            row, failure = None, f"malformed CSV row: a quoted field runs over {_CSV_MAX_RECORD_LINES} lines"
        lines = source.record
        if failure is None and row is None:
            return
        first = lines[0][0] if lines else 0
        if header is None and failure is not None:
            handle(LoadError(failure.replace("CSV row", "CSV header"), path=name, line=first))
            return
        if row is not None and not row:  # a blank line
            continue
        if header is None:
            assert row is not None
            decode_errors = [error for _, _, error in lines if error is not None]
            if decode_errors:
                handle(decode_errors[0])
                return
            if len(set(row)) < len(row):
                duplicates = sorted({column for column in row if row.count(column) > 1})
                handle(LoadError(f"the CSV header repeats column(s) {', '.join(duplicates)}", path=name, line=first))
                return
            header = row
            continue
        index += 1
        if row is None:
            if len(lines) > 1:
                # Most likely an unclosed quote swallowed the lines after it: report the first, read the rest again.
                source.read_again(lines[1:])
            handle(LoadError(f"{failure}", path=name, line=first))
            continue
        if len(row) != len(header):
            if len(lines) > 1:
                # A quoted field spanning lines in a row of the wrong width: most likely a quote left open.
                source.read_again(lines[1:])
            handle(LoadError(f"the row has {len(row)} fields, the header has {len(header)}", path=name, line=first))
            continue
        decode_error = next((error for _, _, error in lines if error is not None), None)
        if decode_error is not None:
            handle(decode_error)
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


def read_text(path: _PathArg, *, on_error: _OnError = "raise", encoding: str = "auto") -> Iterator[Article]:
    """Read one article from a text file, or one per ``*.txt`` / ``*.txt.gz`` file of a folder.

    .. code-block:: python

        for article in read_text("tests/data/seeds"):
            print(article.id, article.date)

    The article's ``raw`` (and ``text``) is the file's content exactly as
    decoded, line endings included; only a leading byte-order mark is dropped.
    Its ``id`` is the file name without ``.txt`` / ``.txt.gz``, its ``date`` the
    date printed at the top of the text, if any. A folder is read in file-name
    order and not recursively. *encoding* is ``"auto"`` (UTF-8 with the
    fallbacks of the module documentation) or a codec name used as given.

    >>> from newscorpus.load import read_text
    >>> read_text("missing.txt", on_error="ignore")
    Traceback (most recent call last):
    ...
    newscorpus.errors.OptionsError: on_error must be 'raise', 'warn', 'skip' or a callable, got 'ignore'

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       *encoding* defaults to ``"auto"``; pipes, devices and unfollowable symlinks are errors, never opened.
    """
    handle = _handler(on_error)
    return _iter_text(_name(path), _check_encoding(encoding), handle)


def read_jsonl(
    path: _PathArg, *, fields: _Fields = None, on_error: _OnError = "raise", encoding: str = "auto"
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
    lines are not records. Lines may end in ``\\n``, ``\\r\\n`` or a lone
    ``\\r``; *encoding* works as described in the module documentation.

    >>> from newscorpus.load import read_jsonl
    >>> read_jsonl("dump.jsonl", fields={"story": "text"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    newscorpus.errors.OptionsError: unknown article field(s) story; known: ...

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       *encoding* defaults to ``"auto"``; UTF-16/32 files with a byte-order mark and CR-only files are read.
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
    encoding: str = "auto",
) -> Iterator[Article]:
    """Read one article per row of a CSV or TSV file with a header row (gzipped if its name ends in ``.gz``).

    .. code-block:: python

        for article in read_csv("articles.tsv", fields={"text": "body"}):
            print(article.title)

    The delimiter is a tab for ``.tsv`` files and a comma otherwise, unless
    given. Quoted fields may span lines. Values are strings; an empty value
    counts as missing, except for the text. Fields map to the article as in :func:`read_jsonl`.
    A row with an unclosed quote is reported at its first line and the lines
    it swallowed are read again, so it costs one row, not the rest of the file
    (a record spanning several lines that fails to parse or has the wrong
    number of fields is taken for one).

    >>> from newscorpus.load import read_csv
    >>> read_csv("articles.csv", delimiter=";;")
    Traceback (most recent call last):
    ...
    newscorpus.errors.OptionsError: delimiter must be one character other than a quote or line break, got ';;'

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       *encoding* defaults to ``"auto"``; reading recovers after an unclosed quote.
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
    if name == _STDIN:
        return _iter_jsonl(name, fieldmap, encoding, handle)
    if os.path.isdir(name):
        return _iter_folder(name, fieldmap, handle, encoding)
    return _file_reader(name, fieldmap, handle, encoding)


def _file_reader(
    name: str, fieldmap: FieldMap, handle: Callable[[LoadError], None], encoding: str
) -> Iterator[Article]:
    suffix = _base_suffix(name)
    if suffix in _TEXT_SUFFIXES:
        return _text_article(name, encoding, handle)
    if suffix in _JSONL_SUFFIXES:
        return _iter_jsonl(name, fieldmap, encoding, handle)
    if suffix in _CSV_SUFFIXES:
        _raise_field_limit()
        return _iter_csv(name, fieldmap, _delimiter_for(name, None), encoding, handle)
    known = ", ".join((*_TEXT_SUFFIXES, *_JSONL_SUFFIXES, *_CSV_SUFFIXES))
    raise LoadError(
        f"cannot tell the format from the name; expected a folder or a file ending in {known} (or .gz)", path=name
    )


def _supported(name: str) -> bool:
    return _base_suffix(name) in (*_TEXT_SUFFIXES, *_JSONL_SUFFIXES, *_CSV_SUFFIXES)


def walk(
    folder: str | os.PathLike[str], handle: Callable[[LoadError], None] | None = None
) -> tuple[list[str], list[str]]:
    """Return the files of *folder* :func:`load` reads, and the ones it skips, recursively and in name order.

    >>> import os, pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     root = pathlib.Path(tmp)
    ...     (root / "sub").mkdir()
    ...     for name in ("b.txt", "sub/a.jsonl", "notes.pdf", ".hidden.txt"):
    ...         _ = (root / name).write_text("x")
    ...     read, skipped = walk(root)
    ...     [os.path.relpath(p, root) for p in read], [os.path.relpath(p, root) for p in skipped]
    (['b.txt', 'sub/a.jsonl'], ['.hidden.txt', 'notes.pdf'])

    Files are read when their name ends in a supported suffix (``.txt``,
    ``.jsonl``, ``.ndjson``, ``.json``, ``.csv``, ``.tsv``, each also
    ``.gz``); other files, and hidden files and folders (their name starts
    with a dot), are skipped. Subfolders are entered, a folder reached twice
    through symbolic links once. A folder that cannot be listed is handed to
    *handle* as a :class:`~newscorpus.errors.LoadError` (raised without one).

    .. versionadded:: 0.2.0
    """
    read: list[str] = []
    skipped: list[str] = []
    seen: set[str] = set()

    def visit(path: str) -> None:
        real = os.path.realpath(path)
        if real in seen:
            return
        seen.add(real)
        try:
            with os.scandir(path) as listing:
                entries = sorted((entry.name, _is_folder(entry)) for entry in listing)
        except OSError as exc:
            error = _cannot_read(exc, path, None)
            if handle is None:
                raise error from exc
            handle(error)
            return
        for entry, is_dir in entries:
            full = os.path.join(path, entry)
            if entry.startswith("."):
                skipped.append(full)
            elif is_dir:
                visit(full)
            elif _supported(entry):
                read.append(full)
            else:
                skipped.append(full)

    visit(os.fspath(folder))
    return read, skipped


_SHOWN_SKIPPED = 5


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """Tell whether *entry* leads to a folder; one that cannot be followed is read as a file, and reported then."""
    try:
        return entry.is_dir()
    except OSError:  # a symbolic link loop
        return False


def _iter_folder(
    name: str, fieldmap: FieldMap, handle: Callable[[LoadError], None], encoding: str
) -> Iterator[Article]:
    files, skipped = walk(name, handle)
    if skipped:
        shown = ", ".join(os.path.relpath(path, name) for path in skipped[:_SHOWN_SKIPPED])
        more = f" and {len(skipped) - _SHOWN_SKIPPED} more" if len(skipped) > _SHOWN_SKIPPED else ""
        warnings.warn(
            LoadWarning(f"{name}: skipped {len(skipped)} hidden or unsupported file(s): {shown}{more}"), stacklevel=3
        )
    for file in files:
        yield from _file_reader(file, fieldmap, handle, encoding)


def load(
    path: _PathArg | Sequence[_PathArg],
    *,
    fields: _Fields = None,
    on_error: _OnError = "raise",
    encoding: str = "auto",
) -> Iterator[Article]:
    """Read articles from a file, a folder of text files, or a list of them, choosing the reader by name.

    .. code-block:: python

        articles = load(["seeds/", "dump.jsonl.gz", "more.csv"], on_error="warn")

    A folder is read recursively, every supported file in it by its own
    reader, in name order (see :func:`walk`); the files it skips (hidden or
    of another format) are reported in one
    :class:`~newscorpus.errors.LoadWarning` per folder. ``-`` reads JSON lines
    from standard input (name a file called ``-`` as ``./-``).
    ``.txt`` files are read with :func:`read_text`;
    ``.jsonl``, ``.ndjson`` and ``.json`` (JSON lines) with :func:`read_jsonl`;
    ``.csv`` and ``.tsv`` with :func:`read_csv`; each also gzipped (``.gz``).
    A list or tuple of paths is read in order. *encoding* applies to every
    format (see the module documentation). Any other name raises
    :class:`~newscorpus.errors.LoadError` at once, whatever *on_error* says;
    so do invalid options, as :class:`~newscorpus.errors.OptionsError`.

    >>> from newscorpus.load import load
    >>> load("notes.pdf")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    newscorpus.errors.LoadError: notes.pdf: cannot tell the format from the name; expected a folder or ...

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       *encoding* defaults to ``"auto"``; folders are read recursively, with every supported format;
       ``-`` reads standard input.
    """
    fieldmap = _field_map(fields)
    handle = _handler(on_error)
    encoding = _check_encoding(encoding)
    paths = path if isinstance(path, (list, tuple)) else (path,)
    readers = [_reader_for(item, fieldmap, handle, encoding) for item in paths]
    return itertools.chain.from_iterable(readers)
