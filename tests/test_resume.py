"""Tests for resumable command-line runs: a run killed part-way and resumed gives the uninterrupted output."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import newscorpus as nc
from newscorpus.arrow import read_parquet
from newscorpus.cli import main

FILES = 24
PER_FILE = 10

# The run to interrupt: a stage slow enough to be killed part-way, which says when the run is under way.
SLOW_RUN = """
import sys, time
import newscorpus as nc
from newscorpus.arrow import read_parquet
from newscorpus.cli import main

@nc.extractors.register("mark.v1")
def mark(doc):
    if doc.article.id == "f08-a5":
        open(sys.argv[1], "w").close()
    time.sleep(0.01)
    if doc.article.id.endswith("-a3"):
        raise ValueError("a stage failure, to be recorded")
    return 1

sys.exit(main(["process", sys.argv[2], "-o", sys.argv[3], "--extract", "mark.v1", "-q", *sys.argv[4:]]))
"""


def mark(doc: nc.Document) -> int:
    """The same stage as in the interrupted run, without the wait."""
    if doc.article.id.endswith("-a3"):
        raise ValueError("a stage failure, to be recorded")
    return 1


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder of many small JSON lines files, in two subfolders."""
    root = tmp_path / "corpus"
    for number in range(FILES):
        folder = root / ("early" if number < FILES // 2 else "late")
        folder.mkdir(parents=True, exist_ok=True)
        lines = (
            json.dumps({"id": f"f{number:02d}-a{n}", "text": f"Story {n} of file {number} ran on Monday. It ended."})
            for n in range(PER_FILE)
        )
        broken = "{not json\n" if number % 5 == 0 else ""
        (folder / f"f{number:02d}.jsonl").write_text("\n".join(lines) + "\n" + broken, encoding="utf-8")
    return root


@pytest.fixture
def registered() -> object:
    """The mark.v1 stage, registered for the runs made in this process."""
    nc.extractors.register("mark.v1", mark)
    yield mark
    nc.extractors.unregister("mark.v1")


def _kill_part_way(tmp_path: Path, corpus: Path, out: Path, sig: int, *options: str) -> int:
    """Start a run in a subprocess and stop it with *sig* once it is under way; return its status."""
    script, started = tmp_path / "run.py", tmp_path / "started"
    script.write_text(SLOW_RUN, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(script), str(started), str(corpus), str(out), *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    while not started.exists() and process.poll() is None:
        time.sleep(0.02)
    process.send_signal(sig)
    process.communicate()
    return process.returncode


def _content(path: Path) -> object:
    """What an output holds: the lines of a (gzipped) file, or every table of a Parquet folder."""
    if path.is_dir():
        return {name: pq.read_table(path / name) for name in sorted(os.listdir(path))}
    data = path.read_bytes()
    return gzip.decompress(data) if path.name.endswith(".gz") else data


class TestResume:
    @pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
    @pytest.mark.parametrize(
        ("name", "options"),
        [("out.jsonl", ()), ("out.jsonl.gz", ()), ("out.csv", ("--table", "timexes")), ("out.parquet", ())],
    )
    @pytest.mark.parametrize("dead_letters", [False, True])
    def test_killed_run_resumed_equals_uninterrupted(
        self, name: str, options: tuple[str, ...], dead_letters: bool, tmp_path: Path, corpus: Path, registered: object
    ) -> None:
        """A run killed with SIGKILL part-way and resumed writes exactly what an uninterrupted run writes."""
        whole, out = tmp_path / f"whole-{name}", tmp_path / name
        letters = ("--errors", str(tmp_path / "errors.jsonl")) if dead_letters else ()
        whole_letters = ("--errors", str(tmp_path / "whole-errors.jsonl")) if dead_letters else ()
        assert 0 == main(
            ["process", str(corpus), "-o", str(whole), "--extract", "mark.v1", "-q", *options, *whole_letters]
        )

        status = _kill_part_way(tmp_path, corpus, out, signal.SIGKILL, *options, *letters)

        assert -signal.SIGKILL == status
        assert not out.exists()
        manifest = tmp_path / f".{name}.manifest"
        finished = manifest.read_text(encoding="utf-8").count("\n") - 1
        assert 0 < finished < FILES
        resume = ["process", str(corpus), "-o", str(out), "--extract", "mark.v1", "-q", "--resume"]
        assert 0 == main([*resume, *options, *letters])
        assert _content(whole) == _content(out)
        names = ["corpus", "run.py", "started", whole.name, name]
        if dead_letters:
            assert _content(tmp_path / "whole-errors.jsonl") == _content(tmp_path / "errors.jsonl")
            names += ["errors.jsonl", "whole-errors.jsonl"]
        assert sorted(names) == sorted(os.listdir(tmp_path))

    @pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
    @pytest.mark.parametrize("name", ["out.jsonl", "out.parquet"])
    def test_ctrl_c_then_resume(self, name: str, tmp_path: Path, corpus: Path, registered: object) -> None:
        """After Ctrl-C the finished articles are in place, and --resume completes the same output."""
        whole, out = tmp_path / f"whole-{name}", tmp_path / name
        assert 0 == main(["process", str(corpus), "-o", str(whole), "--extract", "mark.v1", "-q"])

        assert 130 == _kill_part_way(tmp_path, corpus, out, signal.SIGINT)
        partial = list(read_parquet(out) if out.is_dir() else nc.read_documents(out))
        assert 0 < len(partial) < FILES * PER_FILE

        assert 0 == main(["process", str(corpus), "-o", str(out), "--extract", "mark.v1", "-q", "--resume"])
        assert _content(whole) == _content(out)

    def test_workers_and_resume(self, tmp_path: Path, corpus: Path, registered: object) -> None:
        """A run with workers records finished files as a single process does (the output is the same)."""
        one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
        assert 0 == main(["process", str(corpus), "-o", str(one), "--extract", "mark.v1", "-q"])
        args = ["process", str(corpus), "-o", str(two), "--extract", "mark.v1", "-q", "--workers", "2"]

        assert 0 == main([*args, "--batch-size", "3"])

        assert one.read_bytes() == two.read_bytes()

    def test_nothing_to_resume(self, tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--resume without an interrupted run is an error (status 2)."""
        assert 2 == main(["process", str(corpus), "-o", str(tmp_path / "o.jsonl"), "--resume", "--no-clean"])
        assert "no interrupted run" in capsys.readouterr().err

    def test_other_options_refused(self, tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Resuming with other options than the interrupted run's is refused, leaving its work files."""
        out = tmp_path / "o.jsonl"
        manifest = tmp_path / ".o.jsonl.manifest"
        header = {"inputs": [], "options": {}}
        manifest.write_text(json.dumps(header) + "\n", encoding="utf-8")

        assert 2 == main(["process", str(corpus), "-o", str(out), "--resume"])

        assert "other inputs or options" in capsys.readouterr().err
        assert manifest.exists()

    def test_stdin_cannot_resume(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--resume needs input files."""
        assert 2 == main(["process", "-", "-o", str(tmp_path / "o.jsonl"), "--resume"])
        assert "--resume needs input files" in capsys.readouterr().err


class TestOneRunPerOutput:
    @pytest.mark.skipif(sys.platform == "win32", reason="POSIX advisory locks")
    def test_second_run_on_an_output_is_refused(
        self, tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """While a run writes an output, another run writing it is refused (status 2) and changes nothing."""
        import fcntl

        manifest = tmp_path / ".o.jsonl.manifest"
        with open(manifest, "a+", encoding="utf-8") as held:
            fcntl.flock(held.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            held.write("the other run's record\n")
            held.flush()

            assert 2 == main(["process", str(corpus), "-o", str(tmp_path / "o.jsonl"), "-q"])

            assert "another run is writing this output" in capsys.readouterr().err
            assert "the other run's record\n" == manifest.read_text(encoding="utf-8")
            assert not (tmp_path / "o.jsonl").exists()


class TestDeadLetters:
    def test_errors_file(self, tmp_path: Path, corpus: Path, registered: object) -> None:
        """--errors gets one line per unreadable record and per stage failure; the run goes on."""
        errors = tmp_path / "errors.jsonl"

        assert 0 == main(["process", str(corpus), "-o", str(tmp_path / "o.jsonl"), "--extract", "mark.v1", "-q",
                          "--errors", str(errors)])  # fmt: skip

        letters = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
        assert FILES == sum(letter["kind"] == "stage" for letter in letters)
        assert len(range(0, FILES, 5)) == sum(letter["kind"] == "read" for letter in letters)
        stage = next(letter for letter in letters if letter["kind"] == "stage")
        assert ("f00-a3", "mark.v1", "ValueError") == (stage["article_id"], stage["stage"], stage["error"])
        read = next(letter for letter in letters if letter["kind"] == "read")
        assert (PER_FILE + 1, True) == (read["line"], read["path"].endswith("f00.jsonl"))
        assert FILES * PER_FILE == len(list(nc.read_documents(tmp_path / "o.jsonl")))

    def test_errors_name_checked(self, tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--errors must name a JSON lines file other than the output."""
        assert 2 == main(["process", str(corpus), "-o", str(tmp_path / "o.jsonl"), "--errors", str(tmp_path / "e.txt")])
        assert 2 == main(
            ["process", str(corpus), "-o", str(tmp_path / "o.jsonl"), "--errors", str(tmp_path / "o.jsonl")]
        )
        assert 2 == capsys.readouterr().err.count("--errors")
