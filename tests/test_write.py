"""Tests for newscorpus.write."""

from __future__ import annotations

import csv
import gzip
import io
import os
import stat
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newscorpus as nc
from newscorpus.errors import LoadError, LoadWarning, OptionsError, WriteError, WriteWarning
from newscorpus.testing.strategies import documents
from newscorpus.write import COLUMNS, TABLES, read_documents, table_rows, write_csv, write_jsonl

LONE = "Talks \ud800 resumed \udfff."


def story(n: int) -> nc.Document:
    """A small document for writing."""
    return nc.Document(article=nc.Article(raw=f"Story {n}.", id=f"s{n}"))


def failing_docs(count: int) -> Iterator[nc.Document]:
    """Yield *count* documents, then fail the way an interrupted run does."""
    for n in range(count):
        yield story(n)
    raise KeyboardInterrupt


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
        """An unwritable target raises WriteError, an OSError, naming it."""
        target = tmp_path / "missing" / "out.jsonl"

        with pytest.raises(WriteError, match="cannot open") as info:
            nc.write_jsonl([], target)

        assert (str(target), True) == (info.value.path, isinstance(info.value, OSError))

    def test_lone_surrogates_round_trip(self, tmp_path: Path) -> None:
        """Lone surrogates are written as \\u escapes, the file is valid UTF-8 and reads back equal."""
        doc = nc.Document(article=nc.Article(raw=LONE, title="\udc80"))
        path = tmp_path / "out.jsonl"

        assert 1 == write_jsonl([doc], path)

        assert "\\ud800" in path.read_bytes().decode("utf-8")
        assert [doc] == list(read_documents(path))

    def test_unencodable_extension_is_recorded(self, tmp_path: Path) -> None:
        """An extension value JSON cannot hold is dropped and recorded as a stage error; the run goes on."""
        doc = nc.Document(article=nc.Article(raw="a"), extensions={"tags.v1": {"x"}, "ok.v1": [1]})
        path = tmp_path / "out.jsonl"

        assert 2 == write_jsonl([doc, story(1)], path)

        first, second = read_documents(path)
        assert ({"ok.v1": [1]}, ["tags.v1"]) == (first.extensions, [e.stage for e in first.errors])
        assert story(1) == second


class TestAtomicWrite:
    @pytest.mark.parametrize("writer", [write_jsonl, write_csv])
    def test_interrupted_run_keeps_the_old_file(self, tmp_path: Path, writer: Any) -> None:
        """A run that fails midway leaves the target as it was and no temporary file behind."""
        path = tmp_path / "out.jsonl"
        path.write_text("old content\n", encoding="utf-8")

        with pytest.raises(KeyboardInterrupt):
            writer(failing_docs(3), path)

        assert ("old content\n", ["out.jsonl"]) == (path.read_text(encoding="utf-8"), os.listdir(tmp_path))

    def test_interrupted_run_creates_nothing(self, tmp_path: Path) -> None:
        """A failed run to a new path creates no file at all."""
        with pytest.raises(KeyboardInterrupt):
            write_jsonl(failing_docs(2), tmp_path / "new.jsonl.gz")

        assert [] == os.listdir(tmp_path)

    def test_replaces_and_keeps_mode(self, tmp_path: Path) -> None:
        """A finished run replaces the target whole and keeps its permission bits."""
        path = tmp_path / "out.csv"
        path.write_text("old\n", encoding="utf-8")
        path.chmod(0o640)

        assert 2 == write_csv([story(1), story(2)], path)

        assert (3, 0o640) == (len(path.read_text(encoding="utf-8").splitlines()), stat.S_IMODE(path.stat().st_mode))
        assert ["out.csv"] == os.listdir(tmp_path)

    def test_symlink_is_written_through(self, tmp_path: Path) -> None:
        """A target that is a symlink stays one; the file it points to gets the content."""
        real = tmp_path / "real.jsonl"
        real.write_text("", encoding="utf-8")
        link = tmp_path / "link.jsonl"
        link.symlink_to(real)

        write_jsonl([story(1)], link)

        assert (True, [story(1)]) == (link.is_symlink(), list(read_documents(real)))

    @pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
    @pytest.mark.parametrize("writer", [write_jsonl, write_csv])
    def test_disk_full(self, writer: Any) -> None:
        """A full disk raises WriteError naming the path, never a bare OSError."""
        with pytest.raises(WriteError, match="/dev/full: cannot write: No space left on device"):
            writer([story(n) for n in range(10)], "/dev/full")

    @pytest.mark.skipif(sys.platform == "win32", reason="needs /dev/null")
    def test_special_file_is_written_directly(self, tmp_path: Path) -> None:
        """A target that is not a regular file (here /dev/null) is written in place, not replaced."""
        assert 3 == write_jsonl([story(n) for n in range(3)], os.devnull)

        assert stat.S_ISCHR(os.stat(os.devnull).st_mode)

    @pytest.mark.skipif(not os.path.isdir("/dev/fd"), reason="needs /dev/fd")
    def test_descriptor_path_is_written_in_place(self, tmp_path: Path) -> None:
        """A path naming an open descriptor (as /dev/stdout redirected to a file does) is written, not replaced."""
        path = tmp_path / "out.jsonl"
        with path.open("wb") as handle:
            inode = os.fstat(handle.fileno()).st_ino

            write_jsonl([story(1)], f"/dev/fd/{handle.fileno()}")

            assert inode == path.stat().st_ino
        assert [story(1)] == list(read_documents(path))

    def test_folder_target(self, tmp_path: Path) -> None:
        """A folder given as the target raises WriteError."""
        with pytest.raises(WriteError, match="cannot open"):
            write_jsonl([story(1)], tmp_path)


class TestReadDocuments:
    @staticmethod
    def bad_file(tmp_path: Path) -> Path:
        path = tmp_path / "docs.jsonl"
        good = [nc.to_json(story(n)) for n in range(3)]
        path.write_bytes(
            (good[0] + "\n{oops\n" + good[1] + "\n").encode()
            + b'{"article": {"raw": "\xff"}}\n'
            + (good[2] + "\n").encode()
        )
        return path

    def test_on_error_callable_goes_on(self, tmp_path: Path) -> None:
        """A callable receives each bad line's LoadError, naming file and line, and reading goes on."""
        errors: list[LoadError] = []

        docs = list(read_documents(self.bad_file(tmp_path), on_error=errors.append))

        assert [story(0), story(1), story(2)] == docs
        assert [2, 4] == [e.line for e in errors]
        assert all(e.path == str(tmp_path / "docs.jsonl") for e in errors)

    def test_on_error_warn_and_skip(self, tmp_path: Path) -> None:
        """'warn' warns once per bad line and 'skip' is silent; both keep the good documents."""
        path = self.bad_file(tmp_path)

        with pytest.warns(LoadWarning) as caught:
            warned = list(read_documents(path, on_error="warn"))
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            skipped = list(read_documents(path, on_error="skip"))

        assert (3, 3, 2) == (len(warned), len(skipped), len(caught))

    def test_default_raises(self, tmp_path: Path) -> None:
        """The default raises at the first bad line."""
        with pytest.raises(LoadError, match=r"docs\.jsonl:2: "):
            list(read_documents(self.bad_file(tmp_path)))

    def test_span_that_does_not_fit_is_an_error(self, tmp_path: Path) -> None:
        """A line whose spans do not slice back out of the text is reported, not returned."""
        path = tmp_path / "docs.jsonl"
        path.write_text(
            '{"article": {"raw": "abc"}, "sentences": [{"start": 5, "end": 6, "text": "x"}]}\n', encoding="utf-8"
        )

        with pytest.raises(LoadError, match=r"docs\.jsonl:1: sentences\[0\]: 5:6 does not slice"):
            list(read_documents(path))

    def test_truncated_gzip(self, tmp_path: Path) -> None:
        """A cut-off compressed file gives the documents before the cut and one error."""
        path = tmp_path / "docs.jsonl.gz"
        write_jsonl([story(n) for n in range(2000)], path)
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
        errors: list[LoadError] = []

        docs = list(read_documents(path, on_error=errors.append))

        assert 1 == len(errors)
        assert "truncated" in str(errors[0])
        assert [story(n) for n in range(len(docs))] == docs

    def test_options_checked_at_call_time(self) -> None:
        """An unknown on_error raises OptionsError before any reading."""
        with pytest.raises(OptionsError):
            read_documents("missing.jsonl", on_error="ignore")  # type: ignore[arg-type]


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

    def test_lone_surrogates_replaced_with_a_warning(self, tmp_path: Path) -> None:
        """CSV cannot hold lone surrogates: they become U+FFFD and each changed cell is reported."""
        doc = nc.Document(article=nc.Article(raw=LONE, id="a1", title="ok"))
        path = tmp_path / "articles.csv"

        with pytest.warns(WriteWarning, match=r"row 1, column 'text': lone surrogates replaced by U\+FFFD"):
            assert 1 == write_csv([doc], path)

        with path.open(encoding="utf-8", newline="") as handle:
            (row,) = csv.DictReader(handle)
        assert ("Talks \ufffd resumed \ufffd.", "ok") == (row["text"], row["title"])

    def test_unknown_table(self) -> None:
        """An unknown table name raises OptionsError."""
        with pytest.raises(OptionsError, match="known: articles"):
            nc.write_csv([], io.StringIO(), table="people")
