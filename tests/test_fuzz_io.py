"""Fuzz campaign of the input and output paths: loaders, record (de)serialisation and writers.

Two properties are checked on arbitrary text, bytes and files (random bytes,
truncated and corrupt gzip, mixed encodings, random JSON values, random CSV
with quotes):

- no foreign exception: only :class:`~newscorpus.errors.NewscorpusError`
  subclasses are raised, and only :class:`~newscorpus.errors.NewscorpusWarning`
  subclasses are emitted;
- nothing lost: N input records give N articles (or documents) plus N' reported
  errors, N' counted by an ``on_error`` callable.

The number of examples per test follows the hypothesis profile (200 under
``HYPOTHESIS_PROFILE=ci``). For a long campaign set ``NEWSCORPUS_FUZZ_EXAMPLES``,
e.g. ``NEWSCORPUS_FUZZ_EXAMPLES=20000 .venv/bin/python -m pytest tests/test_fuzz_io.py
--hypothesis-show-statistics``, which also prints how many examples each test ran.
"""

from __future__ import annotations

import csv
import gzip
import io
import itertools
import json
import os
import tempfile
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newscorpus.errors import LoadError, NewscorpusError, NewscorpusWarning, OptionsError
from newscorpus.load import load, read_csv, read_jsonl, read_text
from newscorpus.serialize import from_dict, from_json, to_dict, to_json
from newscorpus.testing.strategies import documents
from newscorpus.types import Article, Document
from newscorpus.write import read_documents, write_csv, write_jsonl

_EXAMPLES = int(os.environ.get("NEWSCORPUS_FUZZ_EXAMPLES", "0"))


def fuzz(test: Callable[..., None]) -> Callable[..., None]:
    """Apply the campaign's settings: the profile's example count unless NEWSCORPUS_FUZZ_EXAMPLES is set."""
    options: dict[str, Any] = {
        "deadline": None,
        "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    }
    if _EXAMPLES > 0:
        options["max_examples"] = _EXAMPLES
    return settings(**options)(test)


@contextmanager
def only_our_warnings() -> Iterator[list[warnings.WarningMessage]]:
    """Record every warning and check that each is one of ours."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield caught
    foreign = [w for w in caught if not issubclass(w.category, NewscorpusWarning)]
    assert [] == [f"{w.category.__name__}: {w.message}" for w in foreign]


@contextmanager
def folder() -> Iterator[str]:
    with tempfile.TemporaryDirectory() as name:
        yield name


def put(directory: str, name: str, data: bytes) -> str:
    path = os.path.join(directory, name)
    with open(path, "wb") as stream:
        stream.write(data)
    return path


def _has_pair(text: str) -> bool:
    return any("\ud800" <= a <= "\udbff" and "\udc00" <= b <= "\udfff" for a, b in itertools.pairwise(text))


# Any string, lone surrogates included, but no high surrogate right before a low one (JSON reads that as one character).
_SURROGATES = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF, categories=["Cs"])
any_text = st.lists(st.characters() | _SURROGATES, max_size=40).map("".join).filter(lambda text: not _has_pair(text))
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
encodings = st.sampled_from(["auto", "utf-8", "latin-1", "cp1252", "utf-16"])
names = st.sampled_from(["x.jsonl", "x.ndjson", "x.csv", "x.tsv", "x.txt"])


def packed(data: bytes, how: str) -> bytes:
    """Return *data* as stored: plain, gzipped, or gzipped and cut short."""
    if how == "plain":
        return data
    compressed = gzip.compress(data)
    return compressed if how == "gzip" else compressed[: max(0, len(compressed) * 2 // 3)]


def read_all(reader: Callable[..., Iterator[Article]], path: str, **options: Any) -> tuple[int, int]:
    """Read *path* collecting errors; return (articles, errors), checking nothing foreign escapes."""
    errors: list[LoadError] = []
    with only_our_warnings():
        articles = list(reader(path, on_error=errors.append, **options))
    assert all(isinstance(article, Article) for article in articles)
    assert all(isinstance(error, LoadError) and error.path for error in errors)
    return len(articles), len(errors)


class TestLoadersTakeAnyBytes:
    @fuzz
    @given(st.binary(max_size=400), names, st.sampled_from(["plain", "gzip", "cut"]), encodings)
    @example(b"\xff\xfe{\x00", "x.jsonl", "plain", "auto")
    @example(b'text\n"a\rb', "x.csv", "cut", "auto")
    @example(b"\r\r\r", "x.txt", "gzip", "utf-16")
    def test_only_our_errors(self, data: bytes, name: str, how: str, encoding: str) -> None:
        """Any bytes under any name, plain, gzipped or cut short, give articles and our errors only."""
        suffix = "" if how == "plain" else ".gz"
        with folder() as directory:
            path = put(directory, name + suffix, packed(data, how))
            read_all(load, path, encoding=encoding)
            reader = {".txt": read_text, ".csv": read_csv, ".tsv": read_csv}.get(os.path.splitext(name)[1], read_jsonl)
            read_all(reader, path, encoding=encoding)
            with only_our_warnings(), suppress(NewscorpusError):
                list(load(path, encoding=encoding))

    @fuzz
    @given(st.lists(st.sampled_from(["a.txt", "b.txt.gz", "c.txt", "d.jsonl"]), unique=True), st.binary(max_size=50))
    def test_folders(self, files: list[str], data: bytes) -> None:
        """A folder gives one article or one error per text file, and what its JSON lines file gives alone."""
        with folder() as directory:
            for name in files:
                put(directory, name, gzip.compress(data) if name.endswith(".gz") else data)
            articles, errors = read_all(load, directory)
            lines = sum(read_all(read_jsonl, os.path.join(directory, "d.jsonl"))) if "d.jsonl" in files else 0
        assert sum(name.endswith((".txt", ".txt.gz")) for name in files) + lines == articles + errors


def _jsonl_line(kind: str, value: Any, text: str, junk: bytes) -> bytes:
    if kind == "record":
        return json.dumps({"text": text, "meta": value}, ensure_ascii=False).encode("utf-8", "surrogatepass")
    if kind == "ascii":
        return json.dumps({"text": text, "title": text}).encode()
    if kind == "legacy":
        return json.dumps({"text": text.encode("utf-8", "replace").decode("utf-8")}, ensure_ascii=False).encode(
            "cp1252", "replace"
        )
    if kind == "value":
        return json.dumps(value).encode()
    return b"#" + junk  # never blank


jsonl_lines = st.tuples(
    st.sampled_from(["record", "ascii", "legacy", "value", "junk"]),
    json_values,
    any_text,
    st.binary(max_size=30).map(lambda data: data.replace(b"\n", b" ").replace(b"\r", b" ")),
).map(lambda parts: _jsonl_line(*parts))


class TestNothingLost:
    @fuzz
    @given(st.lists(jsonl_lines | st.sampled_from([b"", b"  ", b"\t"]), max_size=25), st.booleans(), encodings)
    @example([b'{"text": "a\\ud800"}', b"#\xff"], False, "auto")
    def test_jsonl(self, lines: list[bytes], gz: bool, encoding: str) -> None:
        """N non-blank JSONL lines, in any mix of encodings and values, give N articles plus reported errors."""
        records = sum(1 for line in lines if line.strip(b" \t"))
        content = b"".join(line + b"\n" for line in lines)
        if encoding == "utf-16":
            encoding = "auto"  # the lines are not UTF-16; an explicit utf-16 reads other records
        with folder() as directory:
            path = put(directory, "x.jsonl.gz" if gz else "x.jsonl", gzip.compress(content) if gz else content)
            articles, errors = read_all(read_jsonl, path, encoding=encoding)
        assert records == articles + errors

    @fuzz
    @given(
        st.lists(
            st.tuples(
                st.text(st.characters(exclude_characters='"\r\n', exclude_categories=["Cs"]), min_size=1, max_size=12),
                st.text(st.characters(exclude_characters='"\r\n', exclude_categories=["Cs"]), max_size=8),
                st.booleans(),
                st.booleans(),
            ),
            min_size=1,
            max_size=40,
        ),
    )
    @example([("0", "", False, True), (",", "", False, True)])
    @example([("0", "", False, True), (",0", "", True, False)])
    def test_csv_with_unclosed_quotes(self, rows: list[tuple[str, str, bool, bool]]) -> None:
        """N rows, some quoted, some with an unclosed quote, give N - D articles and D errors for D damaged rows."""
        lines = ["text,title"]
        damaged = 0
        for text, title, quoted, broken in rows:
            if broken:
                damaged += 1
                lines.append(f'"{text},{title}')
            elif quoted:
                lines.append(f'"{text}","{title}"')
            else:
                field = text.replace(",", ";")
                lines.append(f"{field},{title.replace(',', ';')}" if field.strip() or title.strip() else f"{field}x,")
        with folder() as directory:
            path = put(directory, "x.csv", ("\n".join(lines) + "\n").encode())
            articles, errors = read_all(read_csv, path)
        assert (len(rows) - damaged, damaged) == (articles, errors)

    @fuzz
    @given(st.lists(st.lists(any_text, min_size=2, max_size=2), max_size=15))
    def test_csv_round_trip_of_well_formed_rows(self, rows: list[list[str]]) -> None:
        """Rows written by the csv module, with quotes, commas and line breaks inside, are read back exactly."""
        rows = [[text.encode("utf-8", "replace").decode() for text in row] for row in rows]
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["text", "title"])
        writer.writerows(rows)
        with folder() as directory:
            path = put(directory, "x.csv", out.getvalue().encode())
            errors: list[LoadError] = []
            with only_our_warnings():
                articles = list(read_csv(path, on_error=errors.append))
        assert [] == errors
        assert [row[0] for row in rows] == [article.raw for article in articles]


def _document_line(part: tuple[str, Any]) -> bytes:
    kind, value = part
    if kind == "doc":
        return to_json(value).encode("utf-8")
    if kind == "value":
        return json.dumps(value).encode()
    if kind == "misfit":
        data = to_dict(Document(article=Article(raw=value)))
        data["sentences"] = [{"start": len(value), "end": len(value) + 1, "text": "x"}]
        return json.dumps(data).encode()
    return b"#" + bytes(value)


document_lines = st.one_of(
    documents().map(lambda doc: ("doc", doc)),
    json_values.map(lambda value: ("value", value)),
    st.text(max_size=10).map(lambda text: ("misfit", text)),
    st.binary(max_size=20).map(lambda data: ("junk", data.replace(b"\n", b" "))),
)


class TestReadDocuments:
    @fuzz
    @given(st.lists(document_lines, max_size=6), st.booleans())
    def test_nothing_lost(self, parts: list[tuple[str, Any]], gz: bool) -> None:
        """N non-blank lines give N documents plus reported errors; the valid ones come back equal, in order."""
        lines = [_document_line(part) for part in parts]
        content = b"".join(line + b"\n" for line in lines)
        expected = [value for kind, value in parts if kind == "doc"]
        with folder() as directory:
            path = put(directory, "d.jsonl.gz" if gz else "d.jsonl", gzip.compress(content) if gz else content)
            errors: list[LoadError] = []
            with only_our_warnings():
                docs = list(read_documents(path, on_error=errors.append))
        assert len(lines) == len(docs) + len(errors)
        assert expected == [doc for doc in docs if doc in expected]
        assert all(error.line is not None for error in errors)


class TestRecords:
    @fuzz
    @given(any_text | st.binary() | json_values.map(json.dumps))
    @example('{"article": {"raw": "a"}, "quotes": [{"start": 9, "end": 9, "text": "", "kind": "direct"}]}')
    def test_from_json_any_text(self, line: str | bytes) -> None:
        """Any text or bytes give a document or a SerializationError."""
        try:
            doc: Document = from_json(line)
        except NewscorpusError:
            return
        assert isinstance(doc, Document)

    @fuzz
    @given(documents(), st.data())
    def test_from_dict_damaged_records(self, doc: Document, data: st.DataObject) -> None:
        """A valid record dictionary with one value replaced gives a record or our own error."""
        record = to_dict(doc)
        target: Any = record
        while isinstance(target, (dict, list)) and target and data.draw(st.booleans()):
            key = data.draw(st.sampled_from(sorted(target) if isinstance(target, dict) else range(len(target))))
            if not isinstance(target[key], (dict, list)) or not target[key]:
                target[key] = data.draw(json_values)
                break
            target = target[key]
        try:
            rebuilt: Document = from_dict(record)
        except NewscorpusError:
            return
        assert isinstance(rebuilt, Document)

    @fuzz
    @given(json_values)
    def test_from_dict_any_value(self, value: Any) -> None:
        """Any JSON value gives a record or our own error."""
        with pytest.raises(NewscorpusError):
            from_dict(value if not isinstance(value, dict) or value else {"x": value})


unencodable = st.sampled_from([{1, 2}, object(), b"bytes", complex(1, 2), frozenset()])


class TestWriters:
    @fuzz
    @given(
        st.lists(
            st.tuples(any_text, any_text, st.dictionaries(st.text(max_size=8), json_values | unencodable, max_size=3)),
            max_size=5,
        )
    )
    def test_any_text_and_extension_values(self, items: list[tuple[str, str, dict[str, Any]]]) -> None:
        """Any strings and extension values are written: JSONL keeps them or records a stage error, CSV warns."""
        docs = [
            Document(article=Article(raw=raw, title=title or None), extensions=extensions)
            for raw, title, extensions in items
        ]
        with folder() as directory:
            jsonl = os.path.join(directory, "out.jsonl")
            with only_our_warnings():
                assert len(docs) == write_jsonl(docs, jsonl)
                for table in ("articles", "quotes", "events", "timexes"):
                    write_csv(docs, os.path.join(directory, f"{table}.csv"), table=table)
            with open(jsonl, "rb") as stream:
                stream.read().decode("utf-8")
            back = list(read_documents(jsonl))
            with open(os.path.join(directory, "articles.csv"), encoding="utf-8", newline="") as stream:
                rows = list(csv.DictReader(stream))
        assert len(docs) == len(back) == len(rows)
        for doc, read in zip(docs, back, strict=True):
            assert doc.article == read.article
            dropped = {error.stage for error in read.errors}
            for key, value in doc.extensions.items():
                if key in dropped:
                    assert key not in read.extensions
                else:
                    assert json.loads(json.dumps({key: value})) == {key: read.extensions[key]}

    @fuzz
    @given(
        st.lists(any_text.map(lambda text: Document(article=Article(raw=text))), max_size=4),
        st.sampled_from(["out.jsonl", "out.jsonl.gz", "out.csv"]),
    )
    def test_failure_midway_leaves_no_trace(self, docs: list[Document], name: str) -> None:
        """A run failing after any number of documents leaves the old target and no temporary file."""

        def failing() -> Iterator[Document]:
            yield from docs
            raise OptionsError("stop")

        with folder() as directory:
            path = put(directory, name, b"old\n")
            writer = write_csv if name.endswith(".csv") else write_jsonl
            with only_our_warnings(), pytest.raises(OptionsError):
                writer(failing(), path)
            with open(path, "rb") as stream:
                assert b"old\n" == stream.read()
            assert [name] == os.listdir(directory)
