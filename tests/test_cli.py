"""Tests for the newscorpus command line."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
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
        listing = capsys.readouterr().out
        assert re.search(r"timex.v1 +\(from newscorpus, requires sentences.v1\)", listing)
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


def dump_of(tmp_path: Path, count: int) -> Path:
    """A JSONL dump of *count* small articles."""
    dump = tmp_path / "dump.jsonl"
    lines = (json.dumps({"id": f"a{n}", "text": f"Story {n} ran on Monday. It ended."}) for n in range(count))
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return dump


class TestOutputSafety:
    def test_output_naming_an_input_is_refused(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An output that is one of the inputs exits with status 2 and leaves the input untouched."""
        dump = dump_of(tmp_path, 3)
        before = dump.read_bytes()
        assert 2 == main(["process", str(dump), "-o", str(dump)])
        assert "is one of the inputs" in capsys.readouterr().err
        assert before == dump.read_bytes()
        assert 2 == main(["process", str(dump), "-o", str(tmp_path / "." / "dump.jsonl")])
        assert before == dump.read_bytes()

    @pytest.mark.parametrize("name", ["out.json", "out", "out.txt", "out.xlsx"])
    def test_unknown_output_suffix(self, name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An output name whose format is unknown is an error, and nothing is written."""
        dump = dump_of(tmp_path, 2)
        assert 2 == main(["process", str(dump), "-o", str(tmp_path / name)])
        assert "cannot tell the output format" in capsys.readouterr().err
        assert not (tmp_path / name).exists()

    def test_table_needs_csv(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--table with a JSONL output is an error, not silently ignored."""
        dump = dump_of(tmp_path, 2)
        assert 2 == main(["process", str(dump), "-o", str(tmp_path / "o.jsonl"), "--table", "quotes"])
        assert "--table applies to .csv output only" in capsys.readouterr().err

    def test_standard_output(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """-o - writes JSON lines to standard output and the summary to standard error."""
        dump = dump_of(tmp_path, 3)
        assert 0 == main(["process", str(dump), "-o", "-"])
        captured = capsys.readouterr()
        assert ["a0", "a1", "a2"] == [json.loads(line)["article"]["id"] for line in captured.out.splitlines()]
        assert "3 articles" in captured.err

    @pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
    def test_disk_full(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A full disk ends the run with status 1 and our message, not a traceback."""
        dump = dump_of(tmp_path, 50)
        assert 1 == main(["process", str(dump), "-o", "/dev/full"])
        assert "No space left on device" in capsys.readouterr().err

    def test_read_errors_are_counted_not_kept(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Every unreadable record is counted; only the first few are shown."""
        dump = tmp_path / "bad.jsonl"
        dump.write_text("{broken\n" * 1000 + '{"text": "One story."}\n', encoding="utf-8")
        assert 0 == main(["process", str(dump), "-o", str(tmp_path / "o.jsonl")])
        captured = capsys.readouterr()
        assert "read errors 1,000" in captured.out
        assert 5 == captured.err.count("newscorpus: skipped")

    def test_workers_write_the_same_output(self, tmp_path: Path) -> None:
        """The output file is byte-identical for one worker and two, for JSONL and CSV."""
        dump = dump_of(tmp_path, 70)
        for name in ("o.jsonl", "o.csv"):
            one, two = tmp_path / f"one-{name}", tmp_path / f"two-{name}"
            assert 0 == main(["process", str(dump), "-o", str(one), "-q"])
            assert 0 == main(["process", str(dump), "-o", str(two), "-q", "--workers", "2", "--batch-size", "8"])
            assert one.read_bytes() == two.read_bytes()

    def test_encoding(self, tmp_path: Path) -> None:
        """--encoding reads files in that encoding."""
        story = tmp_path / "story.txt"
        story.write_bytes("Café owners met on Monday – and agreed.".encode("cp1252"))
        out = tmp_path / "o.jsonl"
        assert 0 == main(["process", str(story), "-o", str(out), "--encoding", "cp1252", "--no-clean", "-q"])
        assert "Café owners met on Monday – and agreed." == next(nc.read_documents(out)).article.raw

    def test_timeout_option(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--timeout must be positive."""
        dump = dump_of(tmp_path, 2)
        assert 2 == main(["process", str(dump), "-o", str(tmp_path / "o.jsonl"), "--timeout", "0"])
        assert "--timeout" in capsys.readouterr().err


SLOW_RUN = """
import os, sys, time
import newscorpus as nc
from newscorpus.cli import main

@nc.extractors.register("slow.v1")
def slow(doc):
    if doc.article.id == "a5":
        open(sys.argv[1], "w").close()  # tell the test that the run is under way
    time.sleep(0.02)
    return 1

sys.exit(main(["process", sys.argv[2], "-o", sys.argv[3], "--extract", "slow.v1", "--workers", sys.argv[4]]))
"""


class TestInterrupt:
    @pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
    @pytest.mark.parametrize("workers", ["1", "2"])
    def test_ctrl_c_keeps_what_is_finished(self, workers: str, tmp_path: Path) -> None:
        """Ctrl-C stops the run: what is finished is written whole, the summary printed, status 130."""
        dump = dump_of(tmp_path, 3000)
        script, started, out = tmp_path / "run.py", tmp_path / "started", tmp_path / "out.jsonl"
        script.write_text(SLOW_RUN, encoding="utf-8")
        process = subprocess.Popen(
            [sys.executable, str(script), str(started), str(dump), str(out), workers],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        while not started.exists() and process.poll() is None:
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate()
        assert 130 == process.returncode, stderr
        docs = list(nc.read_documents(out))
        assert 0 < len(docs) < 3000
        assert [f"a{n}" for n in range(len(docs))] == [d.article.id for d in docs]
        assert f"{len(docs):,} articles" in stdout
        assert "interrupted" in stderr


def tag_set(doc: nc.Document) -> set[str]:
    """A user extractor whose result JSON cannot hold."""
    return {"talks"}


class TestUnwritableResults:
    @pytest.mark.parametrize("workers", ["1", "2"])
    def test_set_result_is_recorded_not_fatal(self, workers: str, tmp_path: Path) -> None:
        """A result JSON cannot encode is recorded on its document; every article is still written."""
        nc.extractors.register("tags.v1", tag_set)
        try:
            dump = dump_of(tmp_path, 40)
            out = tmp_path / "o.jsonl"
            status = main(["process", str(dump), "-o", str(out), "--extract", "tags.v1", "-q", "--workers", workers])
        finally:
            nc.extractors.unregister("tags.v1")
        assert 0 == status
        docs = list(nc.read_documents(out))
        assert 40 == len(docs)
        assert all([("tags.v1", "TypeError")] == [(e.stage, e.error) for e in d.errors] for d in docs)


class TestWarnings:
    def test_fallback_decoding_is_counted(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Lines decoded by the fallback are shown (the first few) and counted in the summary."""
        dump = tmp_path / "old.jsonl"
        dump.write_bytes(b"".join(b'{"text": "Caf\xe9 number %d opened."}\n' % n for n in range(12)))
        out = tmp_path / "o.jsonl"
        assert 0 == main(["process", str(dump), "-o", str(out), "--no-clean"])
        captured = capsys.readouterr()
        assert 5 == captured.err.count("newscorpus: LoadWarning:")
        assert re.search(r"LoadWarning\s+12", captured.out)
        assert "Café number 3 opened." == list(nc.read_documents(out))[3].article.raw


def dict_result(doc: nc.Document) -> dict[str, int]:
    """A user extractor returning one mapping per article."""
    return {"a": 1, "b": 2, "c": 3}


def int_result(doc: nc.Document) -> int:
    """A user extractor returning one number per article."""
    return 7


class TestOutputs:
    def test_parquet_output(self, tmp_path: Path) -> None:
        """A .parquet output is a folder of tables that reads back to the documents of a JSONL run."""
        dump = dump_of(tmp_path, 12)
        jsonl, parquet = tmp_path / "o.jsonl", tmp_path / "o.parquet"
        assert 0 == main(["process", str(dump), "-o", str(jsonl), "-q"])

        assert 0 == main(["process", str(dump), "-o", str(parquet), "-q", "--workers", "2", "--batch-size", "5"])

        from newscorpus.arrow import read_parquet

        assert list(nc.read_documents(jsonl)) == list(read_parquet(parquet))

    def test_existing_folder_is_parquet(self, tmp_path: Path) -> None:
        """An existing empty folder (or a name ending in /) is written as Parquet tables."""
        dump = dump_of(tmp_path, 2)
        (tmp_path / "tables").mkdir()
        assert 0 == main(["process", str(dump), "-o", str(tmp_path / "tables"), "-q"])
        assert 0 == main(["process", str(dump), "-o", f"{tmp_path / 'more'}/", "-q"])
        assert (tmp_path / "tables" / "articles.parquet").exists()
        assert (tmp_path / "more" / "timexes.parquet").exists()

    def test_folder_with_other_files_refused(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A folder holding other files is not replaced by Parquet output."""
        dump = dump_of(tmp_path, 2)
        (tmp_path / "mine").mkdir()
        (tmp_path / "mine" / "thesis.tex").write_text("x", encoding="utf-8")

        assert 2 == main(["process", str(dump), "-o", str(tmp_path / "mine")])

        assert "holds other files (thesis.tex)" in capsys.readouterr().err
        assert ["thesis.tex"] == [p.name for p in (tmp_path / "mine").iterdir()]

    def test_compact_by_default_full_on_request(self, tmp_path: Path) -> None:
        """JSON lines are compact by default; --full spells texts out; both read back the same."""
        dump = dump_of(tmp_path, 5)
        compact, full = tmp_path / "c.jsonl", tmp_path / "f.jsonl"
        assert 0 == main(["process", str(dump), "-o", str(compact), "-q"])
        assert 0 == main(["process", str(dump), "-o", str(full), "-q", "--full"])

        assert 2 == json.loads(compact.read_text(encoding="utf-8").splitlines()[0])["format"]
        assert "text" in json.loads(full.read_text(encoding="utf-8").splitlines()[0])["sentences"][0]
        assert compact.stat().st_size < full.stat().st_size
        assert list(nc.read_documents(compact)) == list(nc.read_documents(full))

    def test_full_needs_jsonl(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--full with a CSV output is an error."""
        assert 2 == main(["process", str(dump_of(tmp_path, 1)), "-o", str(tmp_path / "o.csv"), "--full"])
        assert "--full applies to JSON lines" in capsys.readouterr().err

    def test_standard_input(self, tmp_path: Path) -> None:
        """- as input reads JSON lines from standard input."""
        dump = dump_of(tmp_path, 4)
        command = [sys.executable, "-m", "newscorpus.cli", "process", "-", "-o", "-", "-q"]

        out = subprocess.run(command, input=dump.read_text(), capture_output=True, text=True, check=True).stdout

        assert ["a0", "a1", "a2", "a3"] == [json.loads(line)["article"]["id"] for line in out.splitlines()]

    def test_folders_recursive_and_skipped_reported(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A folder is read recursively; the files not read are named and counted."""
        (tmp_path / "in" / "sub").mkdir(parents=True)
        (tmp_path / "in" / "a.txt").write_text("First story ran on Monday.", encoding="utf-8")
        (tmp_path / "in" / "sub" / "b.jsonl").write_text('{"text": "Second."}\n', encoding="utf-8")
        (tmp_path / "in" / "c.pdf").write_bytes(b"%PDF")
        out = tmp_path / "o.jsonl"

        assert 0 == main(["process", str(tmp_path / "in"), "-o", str(out)])

        captured = capsys.readouterr()
        assert 2 == len(list(nc.read_documents(out)))
        assert "c.pdf" in captured.err
        assert "not read    1 files" in captured.out


class TestSummary:
    def test_every_result_is_counted(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A mapping or a number an extractor returns counts as one result per article, not by its keys."""
        nc.extractors.register("dict.v1", dict_result)
        nc.extractors.register("int.v1", int_result)
        try:
            dump = dump_of(tmp_path, 4)
            args = ["process", str(dump), "-o", str(tmp_path / "o.jsonl"), "--extract", "dict.v1"]
            assert 0 == main([*args, "--extract", "int.v1", "--no-clean"])
        finally:
            nc.extractors.unregister("dict.v1")
            nc.extractors.unregister("int.v1")
        out = capsys.readouterr().out
        assert re.search(r"dict.v1\s+4\n", out)
        assert re.search(r"int.v1\s+4\n", out)

    def test_verbose_shows_every_error(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """-v shows every unreadable record and the files read; -q and -v exclude each other."""
        dump = tmp_path / "bad.jsonl"
        dump.write_text("{broken\n" * 8 + '{"text": "One story."}\n', encoding="utf-8")

        assert 0 == main(["process", str(dump), "-o", str(tmp_path / "o.jsonl"), "-v"])

        err = capsys.readouterr().err
        assert 8 == err.count("newscorpus: skipped")
        assert f"newscorpus: reading {dump}" in err
        with pytest.raises(SystemExit):
            main(["process", str(dump), "-o", str(tmp_path / "o.jsonl"), "-v", "-q"])


class TestProgress:
    def test_bar_with_time_left(self) -> None:
        """Without tqdm, the plain display shows a bar, the share done and the time left when the size is known."""
        import io

        from newscorpus._console import Progress

        progress = Progress(io.StringIO(), False, total=1000)
        progress.started = 0.0
        progress.chars = 250

        shown = progress.render(10.0)

        assert shown.startswith("[#####...............]  25%")
        assert shown.endswith("30s left")
