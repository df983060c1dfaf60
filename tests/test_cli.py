"""Tests for the newscorpus command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import newscorpus as nc
from newscorpus.cli import main


def count_chars(doc: nc.Document) -> int:
    """A user extractor run from the command line."""
    return len(doc.article.text)


class TestProcess:
    def test_seeds(self, seeds_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """process writes one JSON line per article and prints a summary."""
        out = tmp_path / "seeds.jsonl"
        assert 0 == main(["process", str(seeds_dir), "-o", str(out)])
        docs = list(nc.read_documents(out))
        assert 4 == len(docs)
        assert all(doc.ok for doc in docs)
        assert ("clean.v1", "sentences.v1", "timex.v1") == docs[0].stages
        summary = capsys.readouterr().out
        assert "4 articles" in summary
        assert "read errors 0" in summary
        assert "sentences.v1" in summary

    def test_user_extractor_and_csv(self, seeds_dir: Path, tmp_path: Path) -> None:
        """A registered user extractor runs from the command line; .csv output holds a table."""
        nc.extractors.register("chars.v1", count_chars)
        try:
            out = tmp_path / "out.jsonl"
            assert 0 == main(["process", str(seeds_dir), "-o", str(out), "--extract", "chars.v1", "-q"])
            docs = list(nc.read_documents(out))
            assert [len(d.article.text) for d in docs] == [d.extensions["chars.v1"] for d in docs]
        finally:
            nc.extractors.unregister("chars.v1")
        table = tmp_path / "times.csv"
        assert 0 == main(["process", str(seeds_dir), "-o", str(table), "--table", "timexes", "-q"])
        assert table.read_text(encoding="utf-8").startswith("article_id,start,end,text,type,value")

    def test_no_clean_keeps_raw(self, seeds_dir: Path, tmp_path: Path) -> None:
        """--no-clean extracts from the raw text."""
        out = tmp_path / "out.jsonl"
        assert 0 == main(["process", str(seeds_dir), "-o", str(out), "--no-clean", "-q"])
        assert all(d.article.text == d.article.raw for d in nc.read_documents(out))

    def test_bad_records_are_counted(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Unreadable records are reported with file and line, and the run goes on."""
        dump = tmp_path / "dump.jsonl"
        dump.write_text('{"text": "One story."}\n{broken\n{"title": "no text"}\n{"text": "Two."}\n')
        out = tmp_path / "out.jsonl"
        assert 0 == main(["process", str(dump), "-o", str(out)])
        captured = capsys.readouterr()
        assert "read errors 2" in captured.out
        assert f"{dump}:2" in captured.err
        assert 2 == len(list(nc.read_documents(out)))
        assert 1 == main(["process", str(dump), "-o", str(out), "--on-error", "raise"])

    def test_missing_input(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A missing input fails with a clear message and a non-zero status."""
        assert 1 == main(["process", str(tmp_path / "nope"), "-o", str(tmp_path / "o.jsonl")])
        assert "no such file or folder" in capsys.readouterr().err

    def test_bad_usage(self, seeds_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Unknown extractors and bad options exit with status 2 and a message."""
        out = str(tmp_path / "o.jsonl")
        assert 2 == main(["process", str(seeds_dir), "-o", out, "--extract", "nope.v1"])
        assert "known:" in capsys.readouterr().err
        assert 2 == main(["process", str(seeds_dir), "-o", out, "--workers", "0"])
        assert 2 == main(["process", str(seeds_dir), "-o", out, "--field", "oops"])
        with pytest.raises(SystemExit) as exit_info:
            main(["process"])
        assert 2 == exit_info.value.code
        assert 2 == main([])

    def test_list_and_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        """list names the registered stages; --version prints the version."""
        assert 0 == main(["list"])
        assert "timex.v1 (requires sentences.v1)" in capsys.readouterr().out
        with pytest.raises(SystemExit):
            main(["--version"])
        assert nc.__version__ in capsys.readouterr().out

    def test_console_script(self, seeds_dir: Path, tmp_path: Path) -> None:
        """The module runs as a program with workers and writes valid JSON lines."""
        out = tmp_path / "seeds.jsonl"
        result = subprocess.run(
            [sys.executable, "-m", "newscorpus.cli", "process", str(seeds_dir), "-o", str(out), "--workers", "2"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert 0 == result.returncode, result.stderr
        assert 4 == sum(1 for line in out.read_text(encoding="utf-8").splitlines() if json.loads(line))
