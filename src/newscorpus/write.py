"""Write documents out: JSONL (lossless, read back with :func:`read_documents`) and flat CSV tables.

>>> import io
>>> import newscorpus as nc
>>> doc = nc.Pipeline(["sentences.v1"], clean=None)("One. Two.")
>>> out = io.StringIO()
>>> write_jsonl([doc], out)
1
>>> next(read_documents(io.StringIO(out.getvalue()))) == doc
True
"""

from __future__ import annotations

import csv
import gzip
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import IO, Any, cast

from newscorpus.errors import LoadError, OptionsError, SerializationError
from newscorpus.serialize import from_json, to_json
from newscorpus.types import Document

__all__ = ["COLUMNS", "TABLES", "read_documents", "table_rows", "write_csv", "write_jsonl", "write_lines", "write_rows"]

PathOrFile = str | os.PathLike[str] | IO[str]


@contextmanager
def _open(target: PathOrFile, mode: str) -> Iterator[IO[str]]:
    if not isinstance(target, (str, os.PathLike)):
        yield target
        return
    path = os.fspath(target)
    try:
        newline = "" if "w" in mode else None
        if path.endswith(".gz"):
            handle = cast("IO[str]", gzip.open(path, mode + "t", encoding="utf-8", newline=newline))  # noqa: SIM115
        else:
            handle = open(path, mode, encoding="utf-8", newline=newline)  # noqa: SIM115
    except OSError as exc:
        raise LoadError(f"cannot open: {exc.strerror or exc}", path=path) from exc
    with handle:
        yield handle


def write_jsonl(docs: Iterable[Document], target: PathOrFile) -> int:
    """Write one JSON line per document to *target* (a path, ``.gz`` allowed, or a text file).

    Returns the number of documents written. The lines hold everything:
    :func:`read_documents` rebuilds equal documents.

    .. versionadded:: 0.1.0
    """
    count = 0
    with _open(target, "w") as handle:
        for doc in docs:
            handle.write(to_json(doc))
            handle.write("\n")
            count += 1
    return count


def read_documents(source: PathOrFile) -> Iterator[Document]:
    """Read back documents written by :func:`write_jsonl`, lazily.

    A line that is not a document raises :class:`~newscorpus.errors.LoadError`
    naming the file and line.

    .. versionadded:: 0.1.0
    """
    name = os.fspath(source) if isinstance(source, (str, os.PathLike)) else getattr(source, "name", None)
    with _open(source, "r") as handle:
        try:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    yield from_json(line)
                except SerializationError as exc:
                    raise LoadError(str(exc), path=str(name) if name else None, line=number) from exc
        except (UnicodeDecodeError, OSError, EOFError) as exc:
            raise LoadError(f"cannot read: {exc}", path=str(name) if name else None) from exc


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


def _quote_rows(doc: Document) -> Iterator[dict[str, Any]]:
    for q in doc.quotes:
        yield {
            "article_id": doc.article.id,
            "start": q.start,
            "end": q.end,
            "kind": q.kind.value,
            "speaker": q.speaker.text if q.speaker else "",
            "speaker_name": q.speaker.name if q.speaker else "",
            "cue": q.cue.text if q.cue else "",
            "text": q.text,
        }


def _event_rows(doc: Document) -> Iterator[dict[str, Any]]:
    for e in doc.events:
        yield {
            "article_id": doc.article.id,
            "type": e.type.value,
            "mode": e.mode or "",
            "trigger": e.trigger.text,
            "start": e.trigger.start,
            "end": e.trigger.end,
            "actors": _join(m.name for m in e.actors),
            "recipients": _join(m.name for m in e.recipients),
            "location": e.location.name if e.location else "",
            "date": e.date.value.isoformat() if e.date else "",
            "date_precision": e.date.precision.value if e.date else "",
            "date_stated": e.date.stated if e.date else "",
            "negated": e.negated,
            "hypothetical": e.hypothetical,
            "main": e.main,
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
        "article_id", "type", "mode", "trigger", "start", "end", "actors", "recipients", "location",
        "date", "date_precision", "date_stated", "negated", "hypothetical", "main", "sentence",
    ),
    "quotes": ("article_id", "start", "end", "kind", "speaker", "speaker_name", "cue", "text"),
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
    for doc in docs:
        yield from rows(doc)


def write_csv(docs: Iterable[Document], target: PathOrFile, *, table: str = "articles") -> int:
    """Write one flat table of *docs* as CSV with a header row; return the number of rows.

    *table* is ``"articles"``, ``"quotes"``, ``"events"`` or ``"timexes"``.

    .. versionadded:: 0.1.0
    """
    rows = table_rows(docs, table)
    count = 0
    with _open(target, "w") as handle:
        writer: csv.DictWriter[str] | None = None
        for row in rows:
            if writer is None:
                writer = csv.DictWriter(handle, fieldnames=list(row))
                writer.writeheader()
            writer.writerow(row)
            count += 1
        if writer is None:
            csv.writer(handle).writerow(COLUMNS[table])
    return count


def write_lines(lines: Iterable[str], target: PathOrFile) -> int:
    """Write JSON lines already encoded (by :func:`~newscorpus.serialize.to_json_line`) to *target*.

    Returns the number of lines written; *target* is handled as in :func:`write_jsonl`.

    .. versionadded:: 0.2.0
    """
    count = 0
    with _open(target, "w") as handle:
        for line in lines:
            handle.write(line)
            handle.write("\n")
            count += 1
    return count


def write_rows(row_groups: Iterable[list[dict[str, Any]]], target: PathOrFile, *, table: str = "articles") -> int:
    """Write the rows of one flat table, given as one list per document, as CSV; return the rows written.

    :func:`write_csv` is this over :func:`table_rows`; the command line uses it
    with rows made in worker processes.

    .. versionadded:: 0.2.0
    """
    if table not in COLUMNS:
        raise OptionsError(f"no table named {table!r}; known: {', '.join(sorted(TABLES))}")
    count = 0
    with _open(target, "w") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS[table]))
        writer.writeheader()
        for rows in row_groups:
            writer.writerows(rows)
            count += len(rows)
    return count
