"""Tests for newscorpus.write."""

from __future__ import annotations

import csv
import gzip
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newscorpus as nc
from newscorpus.errors import LoadError, OptionsError
from newscorpus.testing.strategies import documents
from newscorpus.write import COLUMNS, TABLES, table_rows


class TestJsonl:
    @settings(max_examples=25)
    @given(st.lists(documents(), max_size=4))
    def test_round_trip(self, docs: list[nc.Document]) -> None:
        """Documents written as JSONL read back equal, in order."""
        out = io.StringIO()
        assert len(docs) == nc.write_jsonl(docs, out)
        assert docs == list(nc.read_documents(io.StringIO(out.getvalue())))

    def test_gzip_path(self, tmp_path: Path) -> None:
        """A .gz path is compressed and read back."""
        path = tmp_path / "out.jsonl.gz"
        docs = [nc.Document(article=nc.Article(raw=f"Story {n}.")) for n in range(3)]
        nc.write_jsonl(docs, path)
        assert 3 == len(gzip.decompress(path.read_bytes()).splitlines())
        assert docs == list(nc.read_documents(path))

    def test_bad_line_names_file_and_line(self, tmp_path: Path) -> None:
        """A line that is not a document raises LoadError with file and line."""
        path = tmp_path / "docs.jsonl"
        path.write_text(nc.to_json(nc.Document(article=nc.Article(raw="a"))) + "\n\n{oops\n")
        with pytest.raises(LoadError, match=r"docs\.jsonl:3: "):
            list(nc.read_documents(path))

    def test_unwritable(self, tmp_path: Path) -> None:
        """An unwritable target raises LoadError naming it."""
        with pytest.raises(LoadError, match="cannot open"):
            nc.write_jsonl([], tmp_path / "missing" / "out.jsonl")


class TestCsv:
    def test_tables(self, tmp_path: Path) -> None:
        """Each table is written with its header; quotes and times get one row each."""
        doc = nc.Pipeline(["timex.v1"], clean=None)(nc.Article(raw="It ended on Monday.", id="a1"))
        path = tmp_path / "articles.csv"
        assert 1 == nc.write_csv([doc], path)
        with path.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        assert ("a1", "It ended on Monday.", "1") == (rows[0]["id"], rows[0]["text"], rows[0]["sentences"])
        assert list(COLUMNS["articles"]) == list(rows[0])

    @settings(max_examples=20)
    @given(documents())
    def test_columns_match_rows(self, doc: nc.Document) -> None:
        """Every table's rows have exactly its declared columns."""
        for table in TABLES:
            for row in table_rows([doc], table):
                assert COLUMNS[table] == tuple(row)

    def test_empty_table_has_header(self) -> None:
        """A table with no rows still gets its header."""
        out = io.StringIO()
        assert 0 == nc.write_csv([], out, table="quotes")
        assert ",".join(COLUMNS["quotes"]) == out.getvalue().strip()

    def test_unknown_table(self) -> None:
        """An unknown table name raises OptionsError."""
        with pytest.raises(OptionsError, match="known: articles"):
            nc.write_csv([], io.StringIO(), table="people")
