"""Write documents out: JSONL (lossless, read back with :func:`read_documents`) and flat CSV tables.

>>> import io
>>> import newscorpus as nc
>>> doc = nc.Pipeline(["sentences.v1"], clean=None)("One. Two.")
>>> out = io.StringIO()
>>> write_jsonl([doc], out)
1
>>> next(read_documents(io.StringIO(out.getvalue()))) == doc
True

Files are written whole or not at all: a path is written to a temporary file
beside it, which replaces the target only once everything is written, so an
interrupted or failed run never leaves a half-written file that looks
complete. On failure the temporary file is removed and the target keeps its
old content. Targets that are not regular files (``/dev/stdout``, a pipe) are
written directly. A failure to write (disk full, no permission) raises
:class:`~newscorpus.errors.WriteError` naming the path.

Both writers take any Python string. JSONL writes lone surrogates as
``\\uXXXX`` escapes and reads them back unchanged; CSV cannot hold them, so
:func:`write_csv` replaces each by U+FFFD and emits a
:class:`~newscorpus.errors.WriteWarning`.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
import re
import secrets
import stat
import warnings
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import IO, Any, Literal, cast

from newscorpus.errors import LoadError, OptionsError, SerializationError, WriteError, WriteWarning
from newscorpus.load import _handler
from newscorpus.load.files import _cannot_read, _name, _open_binary
from newscorpus.serialize import from_json, to_json_line
from newscorpus.types import Document, Mention

__all__ = ["COLUMNS", "TABLES", "read_documents", "table_rows", "write_csv", "write_jsonl", "write_lines", "write_rows"]

PathOrFile = str | os.PathLike[str] | IO[str]


def _documents_in(docs: Iterable[Document], writer: str) -> Iterator[Document]:
    """Iterate *docs*, refusing anything that is not a stream of documents with our own error."""
    if isinstance(docs, (str, bytes, Document)):
        raise OptionsError(f"{writer} writes an iterable of Documents, not a {type(docs).__name__}")
    try:
        stream = iter(docs)
    except TypeError:
        raise OptionsError(f"{writer} writes an iterable of Documents, not {type(docs).__name__}") from None
    for index, doc in enumerate(stream):
        if not isinstance(doc, Document):
            raise OptionsError(f"{writer} writes Documents; item {index} is a {type(doc).__name__}")
        yield doc


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def _temp_beside(final: str) -> tuple[str, int]:
    """Create a new empty file next to *final*; return its name and descriptor."""
    folder, base = os.path.split(final)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    while True:
        name = os.path.join(folder, f".{base}.{secrets.token_hex(4)}.tmp")
        try:
            return name, os.open(name, flags, 0o666)
        except FileExistsError:
            continue


def _remove(name: str) -> None:
    with suppress(OSError):
        os.unlink(name)


def _names_a_descriptor(path: str) -> bool:
    """Tell whether *path* names an open file descriptor (``/dev/stdout``, ``/dev/fd/3``, ``/proc/self/fd/1``)."""
    absolute = os.path.abspath(path)
    return absolute in ("/dev/stdout", "/dev/stderr") or absolute.startswith(("/dev/fd/", "/proc/"))


@contextmanager
def _output(target: PathOrFile) -> Iterator[IO[str]]:
    """Open *target* for writing UTF-8 text; a regular file is written to a temporary file and renamed."""
    if not isinstance(target, (str, os.PathLike)):
        if not callable(getattr(target, "write", None)):
            raise OptionsError(f"the output must be a path or a text file, not {type(target).__name__}")
        yield target
        return
    path = os.fspath(target)
    final = path
    mode: int | None = None
    try:
        try:
            info = os.stat(path)
        except FileNotFoundError:
            regular = True
        else:
            # /dev/stdout redirected to a file is a regular file, but replacing that file would detach it.
            regular = stat.S_ISREG(info.st_mode) and not _names_a_descriptor(path)
            mode = stat.S_IMODE(info.st_mode) if regular else None
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError(21, "Is a directory", path)
        if regular:
            final = os.path.realpath(path)  # write through a symlink, do not replace it
            temp, fd = _temp_beside(final)
            raw: IO[bytes] = os.fdopen(fd, "wb")
        else:
            temp = None
            raw = open(final, "wb")  # noqa: SIM115 (a device or pipe: cannot be renamed into)
    except OSError as exc:
        raise WriteError(f"cannot open: {_reason(exc)}", path=path) from exc
    try:
        stream: IO[bytes] = raw
        if path.lower().endswith(".gz"):
            stream = cast("IO[bytes]", gzip.GzipFile(filename=final, mode="wb", fileobj=raw))
        handle = io.TextIOWrapper(stream, encoding="utf-8", newline="")
        yield handle
        handle.close()
        raw.close()
        if temp is not None:
            if mode is not None:
                os.chmod(temp, mode)
            os.replace(temp, final)
    except BaseException as exc:
        _discard(raw, temp)
        if isinstance(exc, OSError):
            raise WriteError(f"cannot write: {_reason(exc)}", path=path) from exc
        raise


def _discard(raw: IO[bytes], temp: str | None) -> None:
    with suppress(OSError):
        raw.close()
    if temp is not None:
        _remove(temp)


def write_jsonl(docs: Iterable[Document], target: PathOrFile, *, full: bool = False) -> int:
    """Write one JSON line per document to *target* (a path, ``.gz`` allowed, or a text file).

    .. code-block:: python

        write_jsonl(pipeline.map(load("dump.jsonl")), "out.jsonl.gz")

    Returns the number of documents written. The lines hold everything:
    :func:`read_documents` rebuilds equal documents. Lines are compact (a
    format version, and no text that offsets rebuild: about two bytes per byte
    of input); *full* writes every text spelled out, for tools that read the
    lines without newscorpus. Each line is written by
    :func:`~newscorpus.serialize.to_json_line`, so a value an extractor
    returned that JSON cannot hold is dropped and recorded among the
    document's errors instead of ending the run. A path is replaced only once
    every line is written; a failure raises
    :class:`~newscorpus.errors.WriteError` and leaves it as it was.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       Writes to a temporary file and renames it; raises ``WriteError``; never fails on a value.
       Writes compact lines unless *full* is given.
    """
    compact = not full
    count = 0
    with _output(target) as handle:
        write = handle.write
        for doc in _documents_in(docs, "write_jsonl"):
            write(to_json_line(doc, compact=compact))
            write("\n")
            count += 1
    return count


def _line_error(source: str | None, number: int, message: str) -> LoadError:
    return LoadError(message, path=source, line=number)


def _read_lines(source: PathOrFile, name: str | None, handle: Callable[[LoadError], None]) -> Iterator[tuple[int, str]]:
    """Yield the numbered lines of *source* as text; undecodable lines and read failures go to *handle*."""
    if not isinstance(source, (str, os.PathLike)):
        number = 0
        try:
            for number, line in enumerate(cast("Iterable[object]", source), 1):
                if not isinstance(line, str):
                    handle(LoadError(f"a line must be text, not {type(line).__name__}", path=name, line=number))
                    continue
                yield number, line
        except (UnicodeDecodeError, OSError, EOFError, zlib.error) as exc:
            handle(_cannot_read(exc, name or "<input>", number + 1))
        return
    assert name is not None
    number = 0
    try:
        with _open_binary(name) as stream:
            for number, data in enumerate(stream, 1):
                try:
                    text = data.decode("utf-8")
                except UnicodeDecodeError as exc:
                    handle(LoadError(f"the bytes are not valid UTF-8 (byte {exc.start})", path=name, line=number))
                    continue
                yield number, text
    except (OSError, EOFError, zlib.error) as exc:
        handle(_cannot_read(exc, name, number + 1 if number else None))


def read_documents(
    source: PathOrFile, *, on_error: Literal["raise", "warn", "skip"] | Callable[[LoadError], None] = "raise"
) -> Iterator[Document]:
    """Read back documents written by :func:`write_jsonl` (compact or full lines, of any version), lazily.

    .. code-block:: python

        for doc in read_documents("out.jsonl.gz", on_error="warn"):
            print(doc.article.id, len(doc.quotes))

    A line that is not a document (bad JSON, unknown keys, a span that does
    not fit its text, bytes that are not UTF-8) is a
    :class:`~newscorpus.errors.LoadError` naming the file and line, handled as
    *on_error* says, as by the loaders: ``"raise"`` (the default) raises it,
    ``"warn"`` emits a :class:`~newscorpus.errors.LoadWarning` and goes on,
    ``"skip"`` goes on silently, a callable is called with it and the run goes
    on. Every non-blank line thus gives a document or a reported error.

    >>> next(read_documents(io.StringIO('{"article": {"raw": "x"}, "bogus": 1}\\n')))
    Traceback (most recent call last):
    ...
    newscorpus.errors.LoadError: <input>:1: cannot rebuild a Document: ...

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       Added *on_error*.
    """
    handle = _handler(on_error)
    if isinstance(source, (str, os.PathLike)):
        name: str | None = _name(source)
    elif not hasattr(source, "__iter__") or isinstance(cast("object", source), (bytes, bytearray)):
        raise OptionsError(f"read_documents reads a path or a text file, not {type(source).__name__}")
    else:
        label = getattr(source, "name", None)
        name = label if isinstance(label, str) else None
    return _documents(source, name, handle)


def _documents(source: PathOrFile, name: str | None, handle: Callable[[LoadError], None]) -> Iterator[Document]:
    for number, line in _read_lines(source, name, handle):
        if not line.strip():
            continue
        try:
            doc: Document = from_json(line)
        except SerializationError as exc:
            handle(LoadError(str(exc), path=name, line=number))
            continue
        yield doc


def _join(values: Iterable[str]) -> str:
    return "; ".join(values)


def _article_rows(doc: Document) -> Iterator[dict[str, Any]]:
    a = doc.article
    yield {
        "id": a.id,
        "date": a.date.isoformat() if a.date else "",
        "title": a.title or "",
        "outlet": a.outlet or "",
        "url": a.url or "",
        "authors": _join(a.authors),
        "language": a.language or "",
        "origin": str(a.origin) if a.origin else "",
        "sentences": len(doc.sentences),
        "timexes": len(doc.timexes),
        "quotes": len(doc.quotes),
        "events": len(doc.events),
        "errors": _join(f"{e.stage}: {e.error}" for e in doc.errors),
        "text": a.text,
    }


def _timex_rows(doc: Document) -> Iterator[dict[str, Any]]:
    for t in doc.timexes:
        yield {
            "article_id": doc.article.id,
            "start": t.start,
            "end": t.end,
            "text": t.text,
            "type": t.type.value,
            "value": t.value,
            "earliest": t.earliest.isoformat() if t.earliest else "",
            "latest": t.latest.isoformat() if t.latest else "",
            "mod": t.mod or "",
        }


def _codes(mention: Mention) -> str:
    """A mention's country and sector as ``RUS/MIL`` (empty parts left out)."""
    return "/".join(part for part in (mention.country, mention.sector) if part)


def _quote_rows(doc: Document) -> Iterator[dict[str, Any]]:
    for q in doc.quotes:
        yield {
            "article_id": doc.article.id,
            "start": q.start,
            "end": q.end,
            "kind": q.kind.value,
            "speaker": q.speaker.text if q.speaker else "",
            "speaker_name": q.speaker.name if q.speaker else "",
            "speaker_codes": _codes(q.speaker) if q.speaker else "",
            "cue": q.cue.text if q.cue else "",
            "text": q.text,
        }


def _event_rows(doc: Document) -> Iterator[dict[str, Any]]:
    for e in doc.events:
        yield {
            "article_id": doc.article.id,
            "type": e.type.value,
            "mode": e.mode or "",
            "category": e.category or "",
            "trigger": e.trigger.text,
            "start": e.trigger.start,
            "end": e.trigger.end,
            "actors": _join(m.name for m in e.actors),
            "actor_codes": _join(_codes(m) for m in e.actors),
            "recipients": _join(m.name for m in e.recipients),
            "recipient_codes": _join(_codes(m) for m in e.recipients),
            "location": e.location.name if e.location else "",
            "location_country": (e.location.country or "") if e.location else "",
            "location_source": e.location_source or "",
            "date": e.date.value.isoformat() if e.date else "",
            "date_precision": e.date.precision.value if e.date else "",
            "date_source": ("stated" if e.date.stated else "article") if e.date else "",
            "negated": e.negated,
            "hypothetical": e.hypothetical,
            "reported": e.reported,
            "reciprocal": e.reciprocal,
            "main": e.main,
            "killed": "" if e.killed is None else e.killed,
            "injured": "" if e.injured is None else e.injured,
            "sentence": e.sentence.text,
        }


#: The flat tables :func:`write_csv` can write, by name.
TABLES: dict[str, Callable[[Document], Iterator[dict[str, Any]]]] = {
    "articles": _article_rows,
    "events": _event_rows,
    "quotes": _quote_rows,
    "timexes": _timex_rows,
}


#: The columns of each table, in order.
COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": (
        "id", "date", "title", "outlet", "url", "authors", "language", "origin",
        "sentences", "timexes", "quotes", "events", "errors", "text",
    ),
    "events": (
        "article_id", "type", "mode", "category", "trigger", "start", "end", "actors", "actor_codes",
        "recipients", "recipient_codes", "location", "location_country", "location_source", "date",
        "date_precision", "date_source", "negated", "hypothetical", "reported", "reciprocal", "main",
        "killed", "injured", "sentence",
    ),
    "quotes": ("article_id", "start", "end", "kind", "speaker", "speaker_name", "speaker_codes", "cue", "text"),
    "timexes": ("article_id", "start", "end", "text", "type", "value", "earliest", "latest", "mod"),
}  # fmt: skip


def table_rows(docs: Iterable[Document], table: str) -> Iterator[dict[str, Any]]:
    """Yield the rows of one flat table (see :data:`TABLES`) for *docs*.

    .. versionadded:: 0.1.0
    """
    try:
        rows = TABLES[table]
    except KeyError:
        raise OptionsError(f"no table named {table!r}; known: {', '.join(sorted(TABLES))}") from None
    for doc in _documents_in(docs, "table_rows"):
        yield from rows(doc)


_SURROGATES = re.compile("[\ud800-\udfff]")


def _csv_safe(row: dict[str, Any], target: str, number: int) -> dict[str, Any]:
    """Return *row* with lone surrogates replaced by U+FFFD, warning once per changed cell."""
    changed: dict[str, Any] | None = None
    for column, value in row.items():
        if isinstance(value, str) and not value.isascii() and _SURROGATES.search(value) is not None:
            if changed is None:
                changed = dict(row)
            changed[column] = _SURROGATES.sub("\ufffd", value)
            warnings.warn(
                WriteWarning(
                    f"{target}: row {number}, column {column!r}: lone surrogates replaced by U+FFFD "
                    "(a CSV file is UTF-8 text, which cannot hold them)"
                ),
                stacklevel=4,
            )
    return row if changed is None else changed


def write_csv(docs: Iterable[Document], target: PathOrFile, *, table: str = "articles") -> int:
    """Write one flat table of *docs* as CSV with a header row; return the number of rows.

    .. code-block:: python

        write_csv(docs, "quotes.csv", table="quotes")

    *table* is ``"articles"``, ``"quotes"``, ``"events"`` or ``"timexes"``.
    The file is UTF-8; a lone surrogate in a value (which UTF-8 cannot hold)
    is replaced by U+FFFD and reported as a
    :class:`~newscorpus.errors.WriteWarning` naming the row and column. Use
    :func:`write_jsonl` to keep such text exactly. Files are replaced whole
    or not at all, as by :func:`write_jsonl`.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       Lone surrogates are replaced with a warning; writes to a temporary file and renames it.
    """
    if table not in TABLES:
        raise OptionsError(f"no table named {table!r}; known: {', '.join(sorted(TABLES))}")
    return write_rows(([row] for row in table_rows(docs, table)), target, table=table)


def write_lines(lines: Iterable[str], target: PathOrFile) -> int:
    """Write JSON lines already encoded (by :func:`~newscorpus.serialize.to_json_line`) to *target*.

    Returns the number of lines written; *target* is handled as in :func:`write_jsonl`.

    .. versionadded:: 0.2.0
    """
    count = 0
    with _output(target) as handle:
        write = handle.write
        for line in lines:
            write(line)
            write("\n")
            count += 1
    return count


def write_rows(row_groups: Iterable[list[dict[str, Any]]], target: PathOrFile, *, table: str = "articles") -> int:
    """Write the rows of one flat table, given as one list per document, as CSV; return the rows written.

    :func:`write_csv` is this over :func:`table_rows`; the command line uses it
    with rows made in worker processes. Lone surrogates are replaced and
    reported as by :func:`write_csv`.

    .. versionadded:: 0.2.0
    """
    if table not in COLUMNS:
        raise OptionsError(f"no table named {table!r}; known: {', '.join(sorted(TABLES))}")
    count = 0
    label = os.fspath(target) if isinstance(target, (str, os.PathLike)) else str(getattr(target, "name", "<output>"))
    with _output(target) as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS[table])
        writer.writeheader()
        for rows in row_groups:
            for row in rows:
                count += 1
                writer.writerow(_csv_safe(row, label, count))
    return count
