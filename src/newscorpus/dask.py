"""Run the pipeline on a Dask cluster: over a bag of articles, or over input files to JSON lines or Parquet.

.. code-block:: python

    from distributed import Client
    import newscorpus as nc
    from newscorpus.dask import process_files

    with Client("tcp://scheduler:8786") as client:
        process_files(["dump-01.jsonl.gz", "dump-02.jsonl.gz"], "out.parquet", client=client)

:func:`process_files` runs one task per input file and gives exactly the
output of a local run (``newscorpus process`` or
:func:`~newscorpus.arrow.write_parquet` over :func:`~newscorpus.load.load`):
the same rows, in input order. :func:`documents` turns a
:class:`dask.bag.Bag` of articles into a bag of documents, for pipelines
built on Dask collections.

This module needs the ``dask`` extra (``pip install "newscorpus[dask]"``);
the rest of newscorpus never imports Dask.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator, Mapping, Sequence

try:
    import dask.bag as db
    from distributed import Client, LocalCluster
except ImportError as exc:  # pragma: no cover - depends on what is installed
    raise ImportError('newscorpus.dask needs Dask: pip install "newscorpus[dask]"', name=exc.name) from exc

from newscorpus.errors import LoadError, OptionsError, WriteError
from newscorpus.load import load
from newscorpus.pipeline import Pipeline
from newscorpus.types import Article, Document
from newscorpus.write import _output, write_jsonl

__all__ = ["documents", "process_files"]


def _run(articles: Sequence[Article | str], pipeline: Pipeline | None) -> list[Document]:
    pipeline = pipeline or Pipeline()
    return [pipeline(article) for article in articles]


def documents(articles: db.Bag, *, pipeline: Pipeline | None = None) -> db.Bag:
    """Return a bag of the documents of a bag of articles (or raw strings), partition by partition.

    >>> import dask.bag as db
    >>> import newscorpus as nc
    >>> bag = db.from_sequence(["Talks ended. Both sides left.", "One more."], npartitions=2)
    >>> docs = documents(bag, pipeline=nc.Pipeline(["sentences.v1"], clean=None)).compute(scheduler="sync")
    >>> [len(doc.sentences) for doc in docs]
    [2, 1]

    Each partition is processed in order by one task; the default *pipeline*
    is :class:`~newscorpus.pipeline.Pipeline` ``()``.

    .. versionadded:: 0.2.0
    """
    bag: db.Bag = articles.map_partitions(_run, pipeline)
    return bag


def _output_kind(output: str) -> str:
    lowered = output.lower()
    if lowered.endswith((".jsonl", ".jsonl.gz")):
        return "jsonl"
    if lowered.endswith(".parquet") or output.endswith(("/", os.sep)) or os.path.isdir(output):
        return "parquet"
    raise OptionsError(f"cannot tell the output format from {output!r}; name a .jsonl, .jsonl.gz or .parquet output")


def _task(
    index: int,
    path: str,
    work: str,
    kind: str,
    pipeline: Pipeline | None,
    fields: Mapping[str, str] | None,
    encoding: str,
    full: bool,
) -> tuple[int, int]:
    """Process one input file into its part of the output; return the articles written and the records skipped."""
    errors: list[LoadError] = []
    pipeline = pipeline or Pipeline()
    docs = (pipeline(a) for a in load(path, fields=fields, on_error=errors.append, encoding=encoding))
    part = os.path.join(work, f"part-{index:06d}")
    if kind == "jsonl":
        count = write_jsonl(docs, part + ".jsonl", full=full)
    else:
        from newscorpus.arrow import write_parquet

        count = write_parquet(docs, part)
    return count, len(errors)


def _lines(parts: Sequence[str]) -> Iterator[str]:
    for part in parts:
        with open(part, encoding="utf-8", newline="") as stream:
            yield from stream


def process_files(
    paths: Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    *,
    pipeline: Pipeline | None = None,
    client: Client | None = None,
    fields: Mapping[str, str] | None = None,
    encoding: str = "auto",
    full: bool = False,
) -> int:
    """Process each input file in a task of the Dask cluster of *client*; write *output* as a local run would.

    .. code-block:: python

        with Client(LocalCluster(n_workers=2)) as client:
            process_files(files, "out.jsonl.gz", client=client)

    *output* is a JSON lines file (``.jsonl``, ``.jsonl.gz``; *full* as in
    :func:`~newscorpus.write.write_jsonl`) or a Parquet folder (``.parquet``
    or an existing folder). Each task writes the part of one input file to a
    work folder beside *output*, which must be on storage every worker sees
    (a local disk for a local cluster, a shared file system for a cluster of
    machines); the parts are then joined in input order and the work folder
    removed. Records that cannot be read are skipped (and counted in no
    output: run ``newscorpus process`` locally to see them). Returns the
    number of documents written. Without *client*, the current Dask client
    is used.

    .. versionadded:: 0.2.0
    """
    target = os.fspath(output)
    kind = _output_kind(target)
    files = [os.fspath(path) for path in paths]
    client = client or Client.current()
    folder, base = os.path.split(os.path.abspath(target.rstrip("/\\")))
    work = os.path.join(folder, f".{base}.dask")
    shutil.rmtree(work, ignore_errors=True)
    try:
        os.makedirs(work)
    except OSError as exc:
        raise WriteError(f"cannot make the work folder: {exc.strerror or exc}", path=work) from exc
    try:
        futures = [
            client.submit(_task, index, path, work, kind, pipeline, fields, encoding, full, pure=False)
            for index, path in enumerate(files)
        ]
        results = client.gather(futures)
        parts = [os.path.join(work, f"part-{index:06d}") for index in range(len(files))]
        if kind == "jsonl":
            with _output(target) as handle:
                for line in _lines([part + ".jsonl" for part in parts]):
                    handle.write(line)
        else:
            from newscorpus import arrow

            temp = arrow._temp_folder(target)
            try:
                arrow._concatenate(parts, temp)
                arrow._replace_folder(temp, target)
            except BaseException:
                shutil.rmtree(temp, ignore_errors=True)
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return sum(count for count, _ in results)


@contextlib.contextmanager
def _client(scheduler: str | None, workers: int) -> Iterator[Client]:
    """A client of the scheduler at *scheduler*, or of a local cluster of *workers* processes."""
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster,
        Client(cluster) as client,
    ):
        yield client
