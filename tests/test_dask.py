"""Tests for newscorpus.dask: a Dask cluster gives exactly the output of a local run."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import dask.bag as db
import pyarrow.parquet as pq
import pytest
from distributed import Client, LocalCluster

import newscorpus as nc
from newscorpus.arrow import TABLES, write_parquet
from newscorpus.cli import main
from newscorpus.dask import documents, process_files
from newscorpus.errors import OptionsError

PIPELINE = ["sentences.v1", "timex.v1"]


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """A local cluster of two worker processes, shared by the tests of this module."""
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster,
        Client(cluster) as client,
    ):
        yield client


def _files(folder: Path, count: int = 5, per_file: int = 6) -> list[Path]:
    """Small JSON lines files written for these tests, the last one holding a broken record."""
    folder.mkdir()
    paths = []
    for number in range(count):
        lines = [
            json.dumps({"id": f"f{number}-a{n}", "text": f"Talks {n} in file {number} ended on Monday. They resume."})
            for n in range(per_file)
        ]
        if number == count - 1:
            lines.append("{broken")
        path = folder / f"f{number}.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


class TestProcessFiles:
    def test_jsonl_equals_a_local_run(self, client: Client, tmp_path: Path) -> None:
        """JSON lines written through the cluster are byte for byte those of a local run."""
        paths = _files(tmp_path / "in")
        local, remote = tmp_path / "local.jsonl", tmp_path / "remote.jsonl"
        pipeline = nc.Pipeline(PIPELINE)
        nc.write_jsonl((pipeline(a) for a in nc.load([str(p) for p in paths], on_error="skip")), local)

        count = process_files(paths, remote, pipeline=pipeline, client=client)

        assert 30 == count
        assert local.read_bytes() == remote.read_bytes()
        assert sorted(["in", "local.jsonl", "remote.jsonl"]) == sorted(p.name for p in tmp_path.iterdir())

    def test_parquet_equals_a_local_run(self, client: Client, tmp_path: Path) -> None:
        """Parquet tables written through the cluster equal those of a local run, row for row."""
        paths = _files(tmp_path / "in")
        local, remote = tmp_path / "local.parquet", tmp_path / "remote.parquet"
        pipeline = nc.Pipeline(PIPELINE)
        write_parquet((pipeline(a) for a in nc.load([str(p) for p in paths], on_error="skip")), local)

        process_files(paths, remote, pipeline=pipeline, client=client)

        for table in TABLES:
            name = f"{table}.parquet"
            assert pq.read_table(local / name) == pq.read_table(remote / name)

    def test_command_line_engine(self, tmp_path: Path) -> None:
        """newscorpus process --engine dask writes what a local run writes."""
        _files(tmp_path / "in", count=3)
        local, remote = tmp_path / "local.jsonl", tmp_path / "remote.jsonl"
        assert 0 == main(["process", str(tmp_path / "in"), "-o", str(local), "-q"])

        assert 0 == main(["process", str(tmp_path / "in"), "-o", str(remote), "-q", "--engine", "dask"])

        assert local.read_bytes() == remote.read_bytes()

    def test_local_options_refused(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Options of local runs are refused with --engine dask, and --scheduler without it."""
        _files(tmp_path / "in", count=1)
        out = str(tmp_path / "o.jsonl")

        assert 2 == main(["process", str(tmp_path / "in"), "-o", out, "--engine", "dask", "--resume"])
        assert 2 == main(["process", str(tmp_path / "in"), "-o", out, "--scheduler", "tcp://localhost:8786"])

        err = capsys.readouterr().err
        assert "apply to local runs" in err
        assert "--scheduler applies to --engine dask" in err

    def test_unknown_output(self, client: Client, tmp_path: Path) -> None:
        """An output whose format is unknown is refused before any work."""
        with pytest.raises(OptionsError):
            process_files([], tmp_path / "out.txt", client=client)


class TestDocuments:
    def test_bag_of_articles(self) -> None:
        """A bag of articles gives a bag of the documents a local pipeline makes, in order."""
        pipeline = nc.Pipeline(PIPELINE, clean=None)
        texts = [f"Story {n} ran on Monday. It ended." for n in range(7)]

        docs = documents(db.from_sequence(texts, npartitions=3), pipeline=pipeline).compute(scheduler="sync")

        assert [pipeline(text) for text in texts] == docs
