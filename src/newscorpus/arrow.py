"""Documents as Arrow tables, pandas frames and Parquet files: one typed table per record kind.

>>> import newscorpus as nc
>>> from newscorpus.arrow import to_arrow
>>> doc = nc.Pipeline(["sentences.v1"], clean=None)(nc.Article(raw="Talks ended. Both sides left.", id="a1"))
>>> tables = to_arrow([doc])
>>> tables["sentences"].column("text").to_pylist()
['Talks ended.', 'Both sides left.']
>>> tables["sentences"].column("article_id").to_pylist()
['a1', 'a1']

There is one table per record kind (see :data:`TABLES`): ``articles`` (one
row per document), ``sentences``, ``timexes``, ``mentions``, ``quotes``,
``events``, ``removals`` and ``errors`` (one row per record, in document
order and, within a document, in the order the document holds them). Every
table starts with ``article_id``, the column to join on. The columns are read
from the record classes (:mod:`newscorpus.types`), so a field added to a record
becomes a column:

- whole numbers (offsets included) are ``int64``, other numbers
  ``float64``, texts ``string``, flags ``bool``, dates ``date32``, moments
  ``timestamp[us]``, enumerations dictionary-encoded strings;
- a record inside a record (a quote's ``cue``, an event's ``trigger``) is
  spread over columns named ``cue_start``, ``cue_end``, ``cue_text``, ...,
  all null when the record is absent;
- a tuple of records (a quote's ``fragments``, an event's ``actors``) is a
  list of structs, a tuple of strings a list of strings;
- free-form mappings (``Article.extra``, ``Document.extensions``) are JSON
  text (null when empty), and so is a field of any other type.

The ``articles`` table also counts each document's rows in the other tables
(``n_sentences``, ...), which lets :func:`from_arrow` and :func:`read_parquet`
rebuild every document exactly, even when two articles share an id.

This module needs the ``arrow`` extra (``pip install "newscorpus[arrow]"``):
pyarrow, and pandas for :func:`to_pandas`. The rest of newscorpus never
imports them.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import os
import secrets
import shutil
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from newscorpus.errors import LoadError, OptionsError, WriteError
from newscorpus.load.files import _name
from newscorpus.serialize import _converter, _encodable
from newscorpus.types import (
    Article,
    Document,
    Event,
    Mention,
    Quote,
    Removal,
    Sentence,
    StageError,
    TimeExpr,
)
from newscorpus.write import _documents_in

try:
    import pyarrow as pa
    import pyarrow.parquet as pq
except ImportError as exc:  # pragma: no cover - depends on what is installed
    raise ImportError(
        'newscorpus.arrow needs pyarrow: pip install "newscorpus[arrow]"',
        name=exc.name,
    ) from exc

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "TABLES",
    "documents_table",
    "from_arrow",
    "process_batch",
    "read_parquet",
    "schemas",
    "to_arrow",
    "to_pandas",
    "write_parquet",
]

#: The tables, in order, with the record class whose rows each holds.
TABLES: dict[str, type] = {
    "articles": Article,
    "sentences": Sentence,
    "timexes": TimeExpr,
    "mentions": Mention,
    "quotes": Quote,
    "events": Event,
    "removals": Removal,
    "errors": StageError,
}

# The Document field (or Article field, for removals) each table other than articles holds.
_SOURCES: dict[str, tuple[str, str]] = {
    "sentences": ("doc", "sentences"),
    "timexes": ("doc", "timexes"),
    "mentions": ("doc", "mentions"),
    "quotes": ("doc", "quotes"),
    "events": ("doc", "events"),
    "removals": ("article", "removals"),
    "errors": ("doc", "errors"),
}


def _is_record(kind: Any) -> bool:
    return isinstance(kind, type) and attrs.has(kind)


@attrs.frozen
class _Shape:
    """What a field holds: its base type, whether it may be None and whether it is a tuple of them."""

    base: Any
    optional: bool
    many: bool


def _shape(hint: Any) -> _Shape:
    optional = False
    origin = typing.get_origin(hint)
    if origin is typing.Union or type(hint).__name__ == "UnionType":
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        optional = len(options) < len(typing.get_args(hint))
        hint = options[0] if len(options) == 1 else Any
        origin = typing.get_origin(hint)
    if origin is tuple:
        return _Shape(typing.get_args(hint)[0], optional, True)
    if origin is not None and isinstance(origin, type) and issubclass(origin, Mapping):
        return _Shape(Mapping, optional, False)
    if origin is typing.Literal and all(isinstance(arg, str) for arg in typing.get_args(hint)):
        return _Shape(str, optional, False)
    return _Shape(hint, optional, False)


# Field types Arrow holds as they are; any other type (a set, a float of a new kind, ...) is held as JSON text.
_PLAIN: dict[Any, pa.DataType] = {
    bool: pa.bool_(),
    int: pa.int64(),
    float: pa.float64(),
    str: pa.string(),
    dt.date: pa.date32(),
    dt.datetime: pa.timestamp("us"),
}


def _as_json(base: Any) -> bool:
    """Tell whether values of *base* are held as JSON text."""
    return base is not Mapping and base not in _PLAIN and not _is_record(base) and not _is_enum(base)


def _is_enum(base: Any) -> bool:
    return isinstance(base, type) and issubclass(base, enum.Enum)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _scalar_type(base: Any, *, nested: bool) -> pa.DataType:
    if base in _PLAIN:
        return _PLAIN[base]
    if _is_enum(base):
        return pa.string() if nested else pa.dictionary(pa.int32(), pa.string())
    return pa.string()  # a mapping, or a type held as JSON text


def _struct_type(cls: type) -> pa.DataType:
    """The Arrow struct of a record held inside a list."""
    fields = []
    for field in attrs.fields(cls):
        shape = _shape(_hints(cls)[field.name])
        fields.append(pa.field(field.name, _nested_type(shape)))
    return pa.struct(fields)


def _nested_type(shape: _Shape) -> pa.DataType:
    inner = _struct_type(shape.base) if _is_record(shape.base) else _scalar_type(shape.base, nested=True)
    return pa.list_(inner) if shape.many else inner


_Reader = Callable[[Any], Any]


@functools.cache
def _writer(shape: _Shape) -> _Reader | None:
    """How to turn a field's value into what Arrow takes from Python; None when it is taken as it is."""
    base = shape.base
    if base is Mapping:
        return lambda value: json.dumps(_converter.unstructure(dict(value)), ensure_ascii=False) if value else None
    if shape.many:
        item = _writer(_Shape(base, False, False))
        if item is None:
            return lambda value: None if value is None else list(value)
        return lambda value: None if value is None else [item(v) for v in value]
    if _is_record(base):
        hints = _hints(base)
        fields = [(f.name, _writer(_shape(hints[f.name]))) for f in attrs.fields(base)]

        def flatten(value: Any) -> Any:
            if value is None:
                return None
            return {name: getattr(value, name) if put is None else put(getattr(value, name)) for name, put in fields}

        return flatten
    if _is_enum(base):
        return lambda value: None if value is None else value.value
    if _as_json(base):
        return lambda value: None if value is None else json.dumps(_converter.unstructure(value), default=_sets)
    return None


def _sets(value: Any) -> Any:
    """Write a set as a sorted list, in JSON text."""
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    raise TypeError(f"{type(value).__name__} cannot be written as JSON")


def _to_value(value: Any, shape: _Shape) -> Any:
    """A record's field value as Arrow takes it from Python."""
    put = _writer(shape)
    return value if put is None else put(value)


@functools.cache
def _reader(shape: _Shape) -> _Reader | None:
    """How to rebuild a field's value from what Arrow gives back to Python; None when it is taken as it is."""
    base = shape.base
    if base is Mapping:
        return lambda value: {} if value is None else json.loads(value)
    if shape.many:
        item = _reader(_Shape(base, False, False))
        if item is None:
            return lambda value: None if value is None else tuple(value)
        return lambda value: None if value is None else tuple(item(v) for v in value)
    if _is_record(base):
        hints = _hints(base)
        fields = [(f.name, _reader(_shape(hints[f.name]))) for f in attrs.fields(base)]

        def build(value: Any) -> Any:
            if value is None:
                return None
            return base(**{name: value[name] if read is None else read(value[name]) for name, read in fields})

        return build
    if _is_enum(base):
        return lambda value: None if value is None else base(value)
    if _as_json(base):
        return lambda value: None if value is None else _converter.structure(json.loads(value), base)
    return None


@attrs.frozen
class _Column:
    """A column: its name, type, and the field path that fills it (``("cue", "start")``)."""

    name: str
    type: pa.DataType
    path: tuple[str, ...]
    shape: _Shape


def _columns(cls: type, prefix: str = "", path: tuple[str, ...] = ()) -> list[_Column]:
    """The columns of a table of *cls* records, a record held directly inside spread over prefixed columns."""
    columns: list[_Column] = []
    hints = _hints(cls)
    for field in attrs.fields(cls):
        shape = _shape(hints[field.name])
        if _is_record(shape.base) and not shape.many:
            columns.extend(_columns(shape.base, f"{prefix}{field.name}_", (*path, field.name)))
        else:
            kind = _nested_type(shape) if shape.many else _scalar_type(shape.base, nested=False)
            columns.append(_Column(f"{prefix}{field.name}", kind, (*path, field.name), shape))
    return columns


_ARTICLE_SKIP = frozenset({"id", "removals"})


def _article_columns() -> list[_Column]:
    columns = [c for c in _columns(Article) if c.path[0] not in _ARTICLE_SKIP]
    hints = _hints(Document)
    for name in ("stages", "extensions"):
        shape = _shape(hints[name])
        kind = _nested_type(shape) if shape.many else _scalar_type(shape.base, nested=False)
        columns.append(_Column(name, kind, ("doc", name), shape))
    columns.extend(_Column(f"n_{table}", pa.int32(), ("count", table), _Shape(int, False, False)) for table in _SOURCES)
    return columns


def _table_columns(table: str) -> list[_Column]:
    columns = _article_columns() if table == "articles" else _columns(TABLES[table])
    names = [column.name for column in columns]
    clashes = sorted({name for name in names if names.count(name) > 1 or name == "article_id"})
    if clashes:  # a field added to a record is named like the columns of a record held inside it
        raise TypeError(f"the {table} table would have several columns named {', '.join(clashes)}")
    return columns


_ID = pa.field("article_id", pa.string(), nullable=False)
_COLUMNS: dict[str, list[_Column]] = {table: _table_columns(table) for table in TABLES}


def schemas() -> dict[str, pa.Schema]:
    """Return the Arrow schema of each table, by name.

    >>> schemas()["timexes"].field("earliest").type
    DataType(date32[day])

    .. versionadded:: 0.2.0
    """
    return {
        table: pa.schema([_ID, *(pa.field(c.name, c.type) for c in columns)]) for table, columns in _COLUMNS.items()
    }


_SCHEMAS = schemas()


def _get(record: Any, path: tuple[str, ...]) -> Any:
    for name in path:
        if record is None:
            return None
        record = getattr(record, name)
    return record


def _safe(doc: Document) -> Document:
    """Drop the free-form values JSON cannot hold, recording each as an error (as JSON lines do)."""
    try:
        json.dumps(_converter.unstructure(dict(doc.extensions)))
        json.dumps(_converter.unstructure(dict(doc.article.extra)))
    except Exception:  # whatever a user's value makes unstructuring or encoding raise
        extensions, errors = _encodable(doc.extensions, str)
        extra, dropped = _encodable(doc.article.extra, lambda key: "article.extra")
        article = attrs.evolve(doc.article, extra=extra)
        return attrs.evolve(doc, article=article, extensions=extensions, errors=(*doc.errors, *errors, *dropped))
    return doc


# One document's rows: per table, the article ids and the values of each column.
_Rows = dict[str, tuple[list[str], list[list[Any]]]]


def _column_values(records: Sequence[Any], column: _Column) -> list[Any]:
    put = _writer(column.shape)
    path = column.path
    if len(path) == 1:
        name = path[0]
        values = [getattr(record, name) for record in records]
    else:
        values = [_get(record, path) for record in records]
    return values if put is None else [put(value) for value in values]


def _document_rows(doc: Document) -> _Rows:
    """The rows *doc* adds to each table (made in worker processes by the command line)."""
    doc = _safe(doc)
    article = doc.article
    rows: _Rows = {}
    counts: dict[str, int] = {}
    for table, (owner, field) in _SOURCES.items():
        records = getattr(article if owner == "article" else doc, field)
        counts[table] = len(records)
        if records:
            ids = [article.id] * len(records)
            rows[table] = (ids, [_column_values(records, c) for c in _COLUMNS[table]])
    values = []
    for column in _COLUMNS["articles"]:
        owner = column.path[0]
        if owner == "count":
            values.append([counts[column.path[1]]])
        elif owner == "doc":
            values.append([_to_value(getattr(doc, column.path[1]), column.shape)])
        else:
            values.append([_to_value(_get(article, column.path), column.shape)])
    rows["articles"] = ([article.id], values)
    return rows


class _Buffer:
    """Rows of every table, column by column, for a batch of documents."""

    def __init__(self) -> None:
        self.ids: dict[str, list[str]] = {table: [] for table in TABLES}
        self.values: dict[str, list[list[Any]]] = {table: [[] for _ in _COLUMNS[table]] for table in TABLES}
        self.documents = 0

    def add(self, doc: Document) -> None:
        self.extend(_document_rows(doc))

    def extend(self, rows: _Rows) -> None:
        self.documents += 1
        for table, (ids, columns) in rows.items():
            self.ids[table].extend(ids)
            for values, more in zip(self.values[table], columns, strict=True):
                values.extend(more)

    def tables(self) -> dict[str, pa.Table]:
        result = {}
        for table, schema in _SCHEMAS.items():
            arrays = [pa.array(self.ids[table], pa.string())]
            arrays.extend(
                pa.array(values, column.type)
                for column, values in zip(_COLUMNS[table], self.values[table], strict=True)
            )
            result[table] = pa.Table.from_arrays(arrays, schema=schema)
        return result


def to_arrow(docs: Iterable[Document]) -> dict[str, pa.Table]:
    """Return the tables of *docs* (see :data:`TABLES`) as :class:`pyarrow.Table` objects, by name.

    >>> import newscorpus as nc
    >>> tables = to_arrow([nc.Document(article=nc.Article(raw="Talks.", id="a1"))])
    >>> tables["articles"].column("article_id").to_pylist(), tables["events"].num_rows
    (['a1'], 0)

    Every table is returned, empty ones included, with the schema
    :func:`schemas` gives. A value of ``Article.extra`` or
    ``Document.extensions`` JSON cannot hold is dropped and recorded in the
    ``errors`` table, as :func:`~newscorpus.serialize.to_json_line` does.

    .. versionadded:: 0.2.0
    """
    buffer = _Buffer()
    for doc in _documents_in(docs, "to_arrow"):
        buffer.add(doc)
    return buffer.tables()


def to_pandas(docs: Iterable[Document]) -> dict[str, pd.DataFrame]:
    """Return the tables of *docs* as :class:`pandas.DataFrame` objects, by name.

    >>> import newscorpus as nc
    >>> frames = to_pandas([nc.Pipeline(["sentences.v1"], clean=None)(nc.Article(raw="One. Two.", id="a1"))])
    >>> frames["sentences"][["article_id", "start", "end", "text"]].values.tolist()
    [['a1', 0, 4, 'One.'], ['a1', 5, 9, 'Two.']]

    Enumerations become categoricals, dates ``datetime.date`` objects. Needs
    pandas (in the ``arrow`` extra).

    .. versionadded:: 0.2.0
    """
    return {name: table.to_pandas() for name, table in to_arrow(docs).items()}


@attrs.frozen
class _Rebuild:
    """How to rebuild a record of *cls* from a row: per field, its column or the plan of the record inside."""

    cls: type
    fields: tuple[tuple[str, _Reader | None, str, _Rebuild | None, tuple[str, ...]], ...]

    def __call__(self, row: Mapping[str, Any], **given: Any) -> Any:
        values = dict(given)
        for name, read, column, inner, names in self.fields:
            if inner is None:
                values[name] = row[column] if read is None else read(row[column])
            elif all(row[n] is None for n in names):
                values[name] = None
            else:
                values[name] = inner(row)
        return self.cls(**values)


_Plan = tuple[str, "_Reader | None", str, "_Rebuild | None", tuple[str, ...]]


def _rebuilder(cls: type, columns: Sequence[_Column], depth: int = 0) -> _Rebuild:
    fields: list[_Plan] = []
    hints = _hints(cls)
    for field in attrs.fields(cls):
        mine = [c for c in columns if len(c.path) > depth and c.path[depth] == field.name]
        if not mine:
            continue  # given by the caller (an article's id and removals)
        shape = _shape(hints[field.name])
        if _is_record(shape.base) and not shape.many:
            inner = _rebuilder(shape.base, mine, depth + 1)
            fields.append((field.name, None, "", inner, tuple(c.name for c in mine)))
        else:
            fields.append((field.name, _reader(shape), mine[0].name, None, ()))
    return _Rebuild(cls, tuple(fields))


_REBUILD: dict[str, _Rebuild] = {
    "articles": _rebuilder(Article, [c for c in _COLUMNS["articles"] if c.path[0] not in ("doc", "count")]),
    **{table: _rebuilder(TABLES[table], _COLUMNS[table]) for table in _SOURCES},
}


def _rows(batches: Iterable[pa.RecordBatch]) -> Iterator[dict[str, Any]]:
    for batch in batches:
        yield from batch.to_pylist()


def _rebuild(articles: Iterator[dict[str, Any]], others: dict[str, Iterator[dict[str, Any]]]) -> Iterator[Document]:
    for row in articles:
        held: dict[str, tuple[Any, ...]] = {}
        for table in _SOURCES:
            rebuild = _REBUILD[table]
            held[table] = tuple(rebuild(next(others[table])) for _ in range(row[f"n_{table}"]))
        article = _REBUILD["articles"](row, id=row["article_id"], removals=held["removals"])
        fields = {field: held[table] for table, (owner, field) in _SOURCES.items() if owner == "doc"}
        yield Document(
            article=article,
            stages=tuple(row["stages"] or ()),
            extensions={} if row["extensions"] is None else json.loads(row["extensions"]),
            **fields,
        )


def from_arrow(tables: Mapping[str, pa.Table]) -> Iterator[Document]:
    """Rebuild the documents :func:`to_arrow` turned into *tables*, lazily.

    >>> import newscorpus as nc
    >>> doc = nc.Pipeline(["sentences.v1", "timex.v1"], clean=None)("Talks ended on Monday.")
    >>> list(from_arrow(to_arrow([doc]))) == [doc]
    True

    .. versionadded:: 0.2.0
    """
    missing = sorted(set(TABLES) - set(tables))
    if missing:
        raise OptionsError(f"tables missing: {', '.join(missing)}")
    others = {table: _rows(tables[table].to_batches()) for table in _SOURCES}
    return _rebuild(_rows(tables["articles"].to_batches()), others)


def read_parquet(path: str | os.PathLike[str]) -> Iterator[Document]:
    """Read back the documents :func:`write_parquet` wrote to the folder *path*, lazily.

    .. code-block:: python

        for doc in read_parquet("out.parquet"):
            print(doc.article.id, len(doc.timexes))

    Memory stays bounded: each table is read a row group at a time. A folder
    that is not such output raises :class:`~newscorpus.errors.LoadError`.

    .. versionadded:: 0.2.0
    """
    folder = _name(path)
    files = {}
    for table in TABLES:
        name = os.path.join(folder, f"{table}.parquet")
        try:
            files[table] = pq.ParquetFile(name)
        except (OSError, pa.ArrowException) as exc:
            raise LoadError(f"cannot read the {table} table: {exc}", path=name) from exc
    others = {table: _rows(files[table].iter_batches()) for table in _SOURCES}
    return _rebuild(_rows(files["articles"].iter_batches()), others)


def _temp_folder(final: str) -> str:
    parent, base = os.path.split(os.path.abspath(final))
    while True:
        name = os.path.join(parent, f".{base}.{secrets.token_hex(4)}.tmp")
        try:
            os.mkdir(name)
        except FileExistsError:
            continue
        return name


def _replace_folder(temp: str, final: str) -> None:
    """Put the finished folder *temp* in place of *final* (which may hold an earlier output)."""
    old = None
    if os.path.lexists(final):
        if not os.path.isdir(final) or os.path.islink(final):
            raise NotADirectoryError(20, "Not a folder", final)
        old = _temp_folder(final)
        os.rmdir(old)
        os.rename(final, old)
    os.rename(temp, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


class _ParquetTables:
    """The tables' Parquet files in a folder, written a row group at a time from documents' rows."""

    def __init__(self, folder: str, *, batch_size: int = 2000, compression: str = "zstd") -> None:
        self.folder = folder
        self.batch_size = batch_size
        self.writers = {
            table: pq.ParquetWriter(os.path.join(folder, f"{table}.parquet"), schema, compression=compression)
            for table, schema in _SCHEMAS.items()
        }
        self.buffer = _Buffer()
        self.characters = 0

    def add(self, rows: _Rows, characters: int) -> None:
        """Add one document's rows (see :func:`_document_rows`); *characters* is the size of its texts."""
        self.buffer.extend(rows)
        self.characters += characters
        if self.buffer.documents >= self.batch_size or self.characters >= _ROW_GROUP_CHARACTERS:
            self.flush()

    def flush(self) -> None:
        if not self.buffer.documents:
            return
        tables = self.buffer.tables()
        for table, writer in self.writers.items():
            if tables[table].num_rows:
                writer.write_table(tables[table])
        self.buffer = _Buffer()
        self.characters = 0

    def close(self) -> None:
        self.flush()
        for writer in self.writers.values():
            writer.close()


def _characters(doc: Document) -> int:
    return len(doc.article.raw) + len(doc.article.text)


def _concatenate(parts: Sequence[str], folder: str, *, compression: str = "zstd") -> None:
    """Write to *folder* the tables of the output folders *parts*, one after another, a row group at a time."""
    for table, schema in _SCHEMAS.items():
        with pq.ParquetWriter(os.path.join(folder, f"{table}.parquet"), schema, compression=compression) as writer:
            for part in parts:
                source = pq.ParquetFile(os.path.join(part, f"{table}.parquet"))
                for group in range(source.num_row_groups):
                    writer.write_table(source.read_row_group(group))


_ROW_GROUP_DOCUMENTS = 2000
_ROW_GROUP_CHARACTERS = 32_000_000


def write_parquet(
    docs: Iterable[Document],
    path: str | os.PathLike[str],
    *,
    batch_size: int = _ROW_GROUP_DOCUMENTS,
    compression: str = "zstd",
) -> int:
    """Write *docs* to the folder *path*, one Parquet file per table (``articles.parquet``, ...).

    .. code-block:: python

        write_parquet(pipeline.pipe(load("dump.jsonl.gz")), "out.parquet")

    Returns the number of documents written. Documents are written in row
    groups of at most *batch_size* documents (fewer when their text passes
    32 million characters), so memory stays bounded whatever the number of
    documents. Every table's file is written, an empty one included. The
    folder is written beside the target and renamed into place once complete,
    replacing a folder of an earlier run; a failure raises
    :class:`~newscorpus.errors.WriteError` and leaves the target as it was.
    :func:`read_parquet` reads the documents back; pandas, Polars, DuckDB and
    Spark read each file as a table.

    .. versionadded:: 0.2.0
    """
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise OptionsError(f"batch_size must be a whole number >= 1, got {batch_size!r}")
    final = _name(path)
    try:
        if os.path.lexists(final) and not os.path.isdir(final):
            raise NotADirectoryError(20, "Not a folder", final)
        temp = _temp_folder(final)
    except OSError as exc:
        raise WriteError(f"cannot write: {exc.strerror or exc}", path=final) from exc
    count = 0
    try:
        tables = _ParquetTables(temp, batch_size=batch_size, compression=compression)
        for doc in _documents_in(docs, "write_parquet"):
            tables.add(_document_rows(doc), _characters(doc))
            count += 1
        tables.close()
        _replace_folder(temp, final)
    except BaseException as exc:
        shutil.rmtree(temp, ignore_errors=True)
        if isinstance(exc, (OSError, pa.ArrowException)):
            raise WriteError(f"cannot write: {exc}", path=final) from exc
        raise
    return count


def _batch_articles(batch: pa.Table | pa.RecordBatch) -> Iterator[Article]:
    from newscorpus.load import _article, _field_map

    fields = _field_map(None)
    for index, row in enumerate(batch.to_pylist()):
        record = {key: value.isoformat() if isinstance(value, dt.date) else value for key, value in row.items()}
        if isinstance(record.get("authors"), list):
            record["authors"] = ", ".join(str(author) for author in record["authors"])
        yield _article(record, fields, "<batch>", index + 1, index)


def process_batch(
    batch: pa.Table | pa.RecordBatch, *, pipeline: Any = None, table: str | None = None
) -> dict[str, pa.Table] | pa.Table:
    """Run *pipeline* over a batch of articles given as Arrow data; return the tables of the documents.

    >>> import pyarrow as pa
    >>> import newscorpus as nc
    >>> batch = pa.table({"id": ["a1", "a2"], "text": ["Talks ended on Monday.", "No date here."]})
    >>> process_batch(batch, pipeline=nc.Pipeline(clean=None), table="timexes").column("text").to_pylist()
    ['Monday']

    The columns of *batch* are read as the keys of a JSON lines record (see
    :func:`~newscorpus.load.read_jsonl`): ``text`` (or ``raw``, ``content``,
    ...), and where present ``id``, ``title``, ``date``, ``outlet``, ``url``,
    ``language``, ``authors``. The default *pipeline* is
    :class:`~newscorpus.pipeline.Pipeline` ``()``. With *table*, only that table
    is returned: the shape Ray Data's ``map_batches`` and Spark's
    ``mapInArrow`` expect of a batch function. A batch row without text raises
    :class:`~newscorpus.errors.LoadError`.

    .. versionadded:: 0.2.0
    """
    if table is not None and table not in TABLES:
        raise OptionsError(f"no table named {table!r}; known: {', '.join(TABLES)}")
    if pipeline is None:
        from newscorpus.pipeline import Pipeline

        pipeline = Pipeline()
    tables = to_arrow(pipeline(article) for article in _batch_articles(batch))
    return tables if table is None else tables[table]


def documents_table(docs: Iterable[Document]) -> pa.Table:
    """Return one table naming each table's rows of *docs*: an Arrow batch function's single output.

    Ray Data's ``map_batches`` and Spark's ``mapInArrow`` take functions that
    return one table; this one holds, per document, ``article_id`` and the
    document as a compact JSON line (``line``), from which
    :func:`~newscorpus.serialize.from_json` rebuilds it.

    >>> import newscorpus as nc
    >>> documents_table([nc.Document(article=nc.Article(raw="x", id="a1"))]).column_names
    ['article_id', 'line']

    .. versionadded:: 0.2.0
    """
    from newscorpus.serialize import to_json_line

    ids: list[str] = []
    lines: list[str] = []
    for doc in _documents_in(docs, "documents_table"):
        ids.append(doc.article.id)
        lines.append(to_json_line(doc, compact=True))
    return pa.table({"article_id": pa.array(ids, pa.string()), "line": pa.array(lines, pa.string())})
