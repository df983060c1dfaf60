"""The ``newscorpus`` command: a thin shell over the library.

.. code-block:: console

    $ newscorpus process tests/data/seeds -o seeds.jsonl
    $ newscorpus process dump.jsonl.gz -o out.jsonl --extract timex.v1 --workers 2
    $ newscorpus process dumps/ -o tables.parquet --resume
    $ newscorpus list
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import itertools
import json
import os
import stat
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from typing import IO, Any, Literal

import attrs

from newscorpus import __version__
from newscorpus._console import MAX_SHOWN, Interrupt, Notices, Progress
from newscorpus._runs import FileSink, Manifest, ParquetSink, work_names
from newscorpus.errors import LoadError, NewscorpusError, NewscorpusWarning, OptionsError
from newscorpus.load import load, walk
from newscorpus.load.files import _STDIN
from newscorpus.pipeline import DEFAULT_EXTRACT, Pipeline
from newscorpus.registry import cleaners, extractors
from newscorpus.serialize import to_json_line
from newscorpus.types import Article, Document, StageError
from newscorpus.write import TABLES, table_rows

__all__ = ["main"]


def _parse_fields(pairs: Sequence[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for pair in pairs:
        field, sep, key = pair.partition("=")
        if not sep or not field or not key:
            raise argparse.ArgumentTypeError(f"--field takes FIELD=KEY, got {pair!r}")
        fields[field.strip()] = key.strip()
    return fields


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newscorpus",
        description="Turn raw scraped news text into clean articles and structured records.",
    )
    parser.add_argument("--version", action="version", version=f"newscorpus {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    process = commands.add_parser(
        "process",
        help="clean articles and run extractors, writing JSON lines, CSV or Parquet",
        description="Read articles (.txt, .jsonl, .csv files, any of them .gz, or folders of them), clean them, "
        "run the extractors and write the results: one JSON line per article, a CSV table, or Parquet tables.",
    )
    process.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="a file, a folder (read recursively), or - for JSON lines on standard input",
    )
    process.add_argument(
        "-o",
        "--output",
        required=True,
        help="output: .jsonl, .jsonl.gz, .csv, .csv.gz, .parquet (a folder of tables) or a folder; "
        "- for JSON lines on standard output",
    )
    process.add_argument(
        "--full", action="store_true", help="write JSON lines with every text spelled out (default: compact lines)"
    )
    process.add_argument(
        "--errors",
        default=None,
        metavar="FILE",
        help="write a JSON line per unreadable record and per stage failure to FILE (.jsonl or .jsonl.gz)",
    )
    process.add_argument(
        "--resume",
        action="store_true",
        help="go on with an interrupted run of the same command, skipping the input files it finished",
    )
    process.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="where to run: this machine (local, the default) or a Dask cluster (needs newscorpus[dask])",
    )
    process.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="the Dask scheduler to use with --engine dask (default: a local cluster of --workers processes)",
    )
    process.add_argument(
        "--extract",
        action="append",
        metavar="NAME",
        help=f"an extractor to run; repeat for several (default: {', '.join(DEFAULT_EXTRACT)})",
    )
    process.add_argument("--no-clean", action="store_true", help="skip cleaning; extract from the raw text")
    process.add_argument("--cleaner", default="clean.v1", metavar="NAME", help="the cleaner to run (default: clean.v1)")
    process.add_argument("--workers", type=int, default=1, metavar="N", help="worker processes (default: 1)")
    process.add_argument("--batch-size", type=int, default=32, metavar="N", help="articles per batch for workers")
    process.add_argument(
        "--on-error",
        choices=("raise", "skip"),
        default="skip",
        help="on an unreadable record: stop (raise) or report it and go on (skip, the default)",
    )
    process.add_argument(
        "--field",
        action="append",
        default=[],
        metavar="FIELD=KEY",
        help="read article FIELD (text, title, date, ...) from input KEY; repeat for several",
    )
    process.add_argument(
        "--table", choices=sorted(TABLES), default=None, help="the table a .csv output holds (default: articles)"
    )
    process.add_argument(
        "--encoding",
        default="auto",
        metavar="NAME",
        help="the encoding of the input files (default: auto, UTF-8 with a recorded fallback for lines that are not)",
    )
    process.add_argument(
        "--timeout",
        type=float,
        default=None,
        metavar="SECONDS",
        help="give up on an article after this long, recording the failure on it (runs stages in a worker process)",
    )
    process.add_argument("--limit", type=int, default=None, metavar="N", help="stop after N articles")
    bar = process.add_mutually_exclusive_group()
    bar.add_argument("--progress", dest="progress", action="store_true", default=None, help="always show progress")
    bar.add_argument("--no-progress", dest="progress", action="store_false", help="never show progress")
    talk = process.add_mutually_exclusive_group()
    talk.add_argument("-q", "--quiet", action="store_true", help="print no summary and no progress")
    talk.add_argument(
        "-v", "--verbose", action="store_true", help="show every read error and warning, and the files read"
    )

    commands.add_parser("list", help="list the registered extractors and cleaners")
    return parser


def _results(value: Any) -> int:
    """How many results an extractor's value holds: the items of a collection, else one (none for None)."""
    if value is None:
        return 0
    if isinstance(value, (list, tuple, set, frozenset)):
        return len(value)
    return 1


def _count(doc: Document, pipeline: Pipeline) -> Iterator[tuple[str, int]]:
    """Yield what each stage found in *doc*: results extracted, characters removed."""
    if pipeline.cleaners:
        yield "removed characters", sum(len(r) for r in doc.article.removals)
    failed = {error.stage for error in doc.errors}
    for spec in pipeline.extractors:
        if spec.name in failed:
            yield spec.name, 0
            continue
        value = getattr(doc, spec.into) if spec.into else doc.extensions.get(spec.name)
        yield spec.name, _results(value)
        if spec.into == "quotes":
            yield "  with a named speaker", sum(1 for q in doc.quotes if q.speaker and q.speaker.kind.value != "OTHER")
        elif spec.into == "events":
            yield from Counter(f"  {event.type.value}" for event in doc.events).items()


#: Output names the command can write, by suffix, and the format of each (a folder is Parquet too).
_FORMATS: dict[str, str] = {
    ".jsonl": "jsonl",
    ".jsonl.gz": "jsonl",
    ".csv": "csv",
    ".csv.gz": "csv",
    ".parquet": "parquet",
}


def _output_format(output: str) -> str | None:
    if output == "-" or _is_special(output):
        return "jsonl"
    lowered = output.lower()
    for suffix, kind in _FORMATS.items():
        if lowered.endswith(suffix):
            return kind
    if output.endswith(("/", os.sep)) or os.path.isdir(output):
        return "parquet"
    return None


@attrs.frozen
class _Encoded:
    """What a worker sends back for one article: the output itself and what the summary counts."""

    data: Any  # a JSON line, CSV rows, or Parquet rows
    chars: int
    found: tuple[tuple[str, int], ...]
    failed: tuple[str, ...]
    letters: tuple[str, ...] = ()  # the dead letters of the article's failures, as JSON lines


def _encode_jsonl(doc: Document, pipeline: Pipeline, *, compact: bool = True) -> _Encoded:
    try:
        line = to_json_line(doc, compact=compact)
    except NewscorpusError as exc:  # a record that cannot be written is written as its failure
        doc = _as_failure(doc, exc)
        line = to_json_line(doc, compact=compact)
    return _Encoded(line, len(doc.article.raw), tuple(_count(doc, pipeline)), _failed(doc), _letters(doc))


def _as_failure(doc: Document, exc: Exception) -> Document:
    error = StageError(stage="write", error=type(exc).__name__, message=str(exc))
    return Document(article=doc.article, stages=doc.stages, errors=(*doc.errors, error))


def _encode_parquet(doc: Document, pipeline: Pipeline) -> _Encoded:
    from newscorpus import arrow

    try:
        rows = arrow._document_rows(doc)
    except Exception as exc:  # a record of odd values is written as its failure
        doc = _as_failure(doc, exc)
        rows = arrow._document_rows(doc)
    data = (rows, arrow._characters(doc))
    return _Encoded(data, len(doc.article.raw), tuple(_count(doc, pipeline)), _failed(doc), _letters(doc))


def _encoder_csv(table: str) -> Callable[[Document, Pipeline], _Encoded]:
    return functools.partial(_encode_csv, table=table)


def _encode_csv(doc: Document, pipeline: Pipeline, *, table: str) -> _Encoded:
    rows = list(table_rows([doc], table))
    return _Encoded(rows, len(doc.article.raw), tuple(_count(doc, pipeline)), _failed(doc), _letters(doc))


def _failed(doc: Document) -> tuple[str, ...]:
    return tuple(error.stage for error in doc.errors)


def _letters(doc: Document) -> tuple[str, ...]:
    """The dead letters of *doc*'s stage failures: one JSON line each, naming the article and where it was read."""
    if not doc.errors:
        return ()
    article = doc.article
    origin = str(article.origin) if article.origin else None
    return tuple(
        json.dumps(
            {"kind": "stage", "article_id": article.id, "origin": origin, "stage": e.stage, "error": e.error,
             "message": e.message},
            ensure_ascii=False,
        )
        for e in doc.errors
    )  # fmt: skip


def _is_special(path: str) -> bool:
    """Tell whether *path* names an existing device or pipe (``/dev/stdout``), written as a stream."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def _same_file(a: str, b: str) -> bool:
    if os.path.exists(a) and os.path.exists(b):
        try:
            return os.path.samefile(a, b)
        except OSError:
            return False
    return os.path.realpath(a) == os.path.realpath(b)


def _check_output(args: argparse.Namespace) -> str | None:
    """Return why the output named in *args* cannot be written, or None."""
    output = args.output
    kind = _output_format(output)
    if kind is None:
        known = ", ".join(_FORMATS)
        return (
            f"cannot tell the output format from {output!r}; name a file ending in {known}, a folder for Parquet, "
            "or - for standard output"
        )
    if kind != "csv" and args.table is not None:
        return "--table applies to .csv output only (JSON lines and Parquet hold every table)"
    if args.full and kind != "jsonl":
        return "--full applies to JSON lines output only"
    if output != "-":
        for path in args.inputs:
            if path != _STDIN and (_same_file(path, output) or _inside(output, path)):
                return f"the output {output!r} is one of the inputs; writing it would destroy the input"
        if kind == "parquet":
            try:
                _parquet_tables()
            except ImportError as exc:
                return f'Parquet output needs pyarrow: pip install "newscorpus[arrow]" ({exc})'
            return _check_parquet_folder(output)
        if os.path.isdir(output):
            return f"the output {output!r} is a folder; name a file"
    if args.resume and (output == "-" or _is_special(output) or _STDIN in args.inputs):
        return "--resume needs input files and an output file or folder (not standard input or output)"
    if args.resume and args.limit is not None:
        return "--resume cannot be used with --limit"
    if args.engine == "dask" and (args.resume or args.errors or args.limit is not None or args.timeout is not None):
        return "--resume, --errors, --limit and --timeout apply to local runs, not to --engine dask"
    if args.scheduler is not None and args.engine != "dask":
        return "--scheduler applies to --engine dask"
    if args.errors is not None:
        if not args.errors.lower().endswith((".jsonl", ".jsonl.gz")):
            return f"--errors names a .jsonl or .jsonl.gz file, not {args.errors!r}"
        if _same_file(args.errors, output) or any(_same_file(args.errors, path) for path in args.inputs):
            return "--errors must name a file other than the inputs and the output"
    return None


def _parquet_tables() -> tuple[str, ...]:
    from newscorpus.arrow import TABLES as PARQUET_TABLES

    return tuple(PARQUET_TABLES)


def _inside(path: str, folder: str) -> bool:
    """Tell whether *path* is *folder* or lies inside it."""
    if not os.path.isdir(folder):
        return False
    inner, outer = os.path.realpath(path), os.path.realpath(folder)
    return inner == outer or inner.startswith(outer.rstrip(os.sep) + os.sep)


def _check_parquet_folder(output: str) -> str | None:
    if not os.path.lexists(output):
        return None
    if not os.path.isdir(output):
        return f"the output {output!r} exists and is not a folder; Parquet output is a folder of tables"
    strangers = sorted(set(os.listdir(output)) - {f"{table}.parquet" for table in _parquet_tables()})
    if strangers:
        return (
            f"the output folder {output!r} holds other files ({', '.join(strangers[:3])}); "
            "name a new folder (an earlier Parquet output is replaced)"
        )
    return None


@attrs.define
class _Inputs:
    """The input files of a run, in order, and what is known of their progress."""

    files: list[str]
    sizes: list[int | None]
    skipped: list[str]
    ends: dict[int, int] = attrs.Factory(dict)  # file index -> articles taken up to its end

    @property
    def total(self) -> int | None:
        """The bytes to read, when every file's size is known (none is compressed nor a stream)."""
        if any(size is None for size in self.sizes):
            return None
        return sum(size for size in self.sizes if size is not None)


def _size(path: str) -> int | None:
    if path == _STDIN or path.lower().endswith(".gz"):
        return None
    try:
        return os.path.getsize(path)
    except OSError:
        return None


def _expand(paths: Sequence[str], notices: Notices) -> _Inputs:
    """The files *paths* name, folders walked recursively; what is skipped there is reported."""
    files: list[str] = []
    skipped: list[str] = []
    for path in paths:
        if path != _STDIN and os.path.isdir(path):
            found, passed = walk(path, notices.skipped)
            files.extend(found)
            skipped.extend(passed)
        else:
            files.append(path)
    return _Inputs(files, [_size(f) for f in files], skipped)


def _fingerprint(args: argparse.Namespace, pipeline: Pipeline, inputs: _Inputs, kind: str) -> dict[str, Any]:
    """What makes a run the same run: its inputs and every option that changes its output."""
    return {
        "inputs": [os.path.abspath(f) for f in inputs.files],
        "options": {
            "format": kind,
            "full": args.full,
            "table": args.table,
            "stages": list(pipeline.stage_names),
            "fields": sorted(args.field),
            "encoding": args.encoding,
            "on_error": args.on_error,
            "errors": os.path.abspath(args.errors) if args.errors else None,
        },
    }


def _stamp(path: str) -> dict[str, Any]:
    info = os.stat(path)
    return {"file": os.path.abspath(path), "size": info.st_size, "mtime_ns": info.st_mtime_ns}


@attrs.define
class _Resumed:
    """Where an interrupted run stopped: input files finished, articles written, output position."""

    files: int = 0
    articles: int = 0
    position: int | None = None
    errors_position: int | None = None


def _resume_point(manifest: Manifest, header: dict[str, Any], inputs: _Inputs) -> _Resumed:
    """Read the manifest of the interrupted run; refuse when the run or its finished inputs differ."""
    recorded, entries = manifest.read()
    if {key: recorded.get(key) for key in header} != header:
        raise OptionsError(
            "the interrupted run had other inputs or options; run the same command with --resume, "
            "or start again without it"
        )
    for index, entry in enumerate(entries):
        expected = _stamp(inputs.files[index])
        if {key: entry.get(key) for key in expected} != expected:
            raise OptionsError(f"{inputs.files[index]} changed since the interrupted run; start again without --resume")
    manifest.reopen(entries, header)
    if not entries:
        return _Resumed(position=0, errors_position=0)
    last = entries[-1]
    return _Resumed(
        files=len(entries),
        articles=sum(e["articles"] for e in entries),
        position=last["position"],
        errors_position=last.get("errors_position"),
    )


def _articles(
    inputs: _Inputs, start: int, args: argparse.Namespace, fields: dict[str, str], policy: Any, notices: Notices
) -> Iterator[Article]:
    """The articles of the input files from the *start*-th on, noting where each file ends."""
    taken = 0
    for index in range(start, len(inputs.files)):
        notices.reading = index
        for article in load(inputs.files[index], fields=fields or None, on_error=policy, encoding=args.encoding):
            taken += 1
            yield article
        inputs.ends[index] = taken


def _make_sink(
    kind: str, args: argparse.Namespace, stdout: IO[str], resumable: bool, resumed: _Resumed | None
) -> FileSink | ParquetSink:
    output = args.output
    work = work_names(output)[0] if resumable else None
    position = resumed.position if resumed is not None else None
    if kind == "parquet":
        return ParquetSink(output, work=work, parts=position)
    target: str | IO[str] = stdout if output == "-" else output
    return FileSink(kind, target, table=args.table or "articles", work=work, offset=position)


def _run_process(args: argparse.Namespace, stdout: IO[str], stderr: IO[str]) -> int:
    for path in args.inputs:
        if path != _STDIN and not os.path.exists(path):
            stderr.write(f"newscorpus: error: no such file or folder: {path}\n")
            return 1
    if args.workers < 1 or args.batch_size < 1:
        stderr.write("newscorpus: error: --workers and --batch-size must be at least 1\n")
        return 2
    if args.timeout is not None and args.timeout <= 0:
        stderr.write("newscorpus: error: --timeout must be a number of seconds > 0\n")
        return 2
    problem = _check_output(args)
    if problem:
        stderr.write(f"newscorpus: error: {problem}\n")
        return 2
    try:
        fields = _parse_fields(args.field)
        pipeline = Pipeline(args.extract, clean=None if args.no_clean else args.cleaner)
    except (argparse.ArgumentTypeError, NewscorpusError) as exc:
        stderr.write(f"newscorpus: error: {exc}\n")
        return 2

    notices = Notices(stderr, limit=None if args.verbose else MAX_SHOWN)
    policy: Literal["raise"] | Callable[[LoadError], None] = "raise" if args.on_error == "raise" else notices.skipped
    kind = _output_format(args.output)
    assert kind is not None
    inputs = _expand(args.inputs, notices)
    if inputs.skipped:
        notices.passed_over(inputs.skipped)
    if args.verbose:
        for file in inputs.files:
            stderr.write(f"newscorpus: reading {file}\n")
    resumable = (
        args.limit is None
        and args.output != "-"
        and not _is_special(args.output)
        and _STDIN not in inputs.files
        and args.engine == "local"
    )
    manifest = Manifest(work_names(args.output)[1]) if resumable else None
    header = _fingerprint(args, pipeline, inputs, kind)
    resumed: _Resumed | None = None
    try:
        if args.resume:
            assert manifest is not None
            resumed = _resume_point(manifest, header, inputs)
        elif manifest is not None:
            if os.path.exists(manifest.path):
                stderr.write("newscorpus: note: an interrupted run of this output is started again from the start\n")
            manifest.start(header)
    except (NewscorpusError, OSError) as exc:
        message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        stderr.write(f"newscorpus: error: {message}\n")
        return 2

    if args.engine == "dask":
        return _run_dask(args, pipeline, inputs, kind, fields, stdout, stderr)

    if kind == "parquet":
        from newscorpus import arrow  # imported before workers start  # noqa: F401

    first = resumed.files if resumed is not None else 0
    articles: Iterable[Article] = _articles(inputs, first, args, fields, policy, notices)
    if args.limit is not None:
        articles = itertools.islice(articles, args.limit)
    table = args.table or "articles"
    encode: Callable[[Document, Pipeline], _Encoded]
    if kind == "jsonl":
        encode = functools.partial(_encode_jsonl, compact=not args.full)
    elif kind == "csv":
        encode = _encoder_csv(table)
    else:
        encode = _encode_parquet
    summary_out = stderr if args.output == "-" else stdout
    show = not args.quiet and (stderr.isatty() if args.progress is None else args.progress)
    progress = Progress(stderr, bool(show), inputs.total)
    for index in range(first):
        progress.file_done(inputs.sizes[index])
    found: Counter[str] = Counter()
    stage_errors: Counter[str] = Counter()

    with Interrupt() as interrupt, warnings.catch_warnings():
        warnings.simplefilter("always", NewscorpusWarning)
        warnings.showwarning = notices.warned
        letters: FileSink | None = None
        try:
            sink = _make_sink(kind, args, stdout, resumable, resumed)
            if args.errors is not None:
                notices.letters = {}
                letters = FileSink(
                    "jsonl",
                    args.errors,
                    table="",
                    work=work_names(args.errors)[0] if resumable else None,
                    offset=resumed.errors_position if resumed is not None else None,
                )
        except (NewscorpusError, OSError) as exc:
            if manifest is not None:
                manifest.close()
            stderr.write(f"newscorpus: error: {exc}\n")
            return 1
        sinks = [sink] if letters is None else [sink, letters]
        if args.workers == 1 and args.timeout is None:
            results: Generator[_Encoded, None, None] = (encode(pipeline(article), pipeline) for article in articles)
        else:
            results = pipeline._pool(args.workers, args.batch_size, args.timeout, encode).run(articles)
        earlier = resumed.articles if resumed is not None else 0
        pending = first  # the first input file not yet recorded as finished

        def finished_files(final: bool) -> None:
            nonlocal pending
            while pending < len(inputs.files) and (
                final or (pending in inputs.ends and progress.count >= inputs.ends[pending])
            ):
                position = sink.checkpoint()
                entry: dict[str, Any] = {"position": position}
                if letters is not None:
                    assert notices.letters is not None
                    for line in notices.letters.pop(pending, ()):
                        letters.write(line)
                    entry["errors_position"] = letters.checkpoint()
                if manifest is not None:
                    done = inputs.ends.get(pending, progress.count) - inputs.ends.get(pending - 1, 0)
                    manifest.add({**_stamp(inputs.files[pending]), "articles": done, **entry})
                progress.file_done(inputs.sizes[pending])
                pending += 1

        try:
            with contextlib.closing(results):
                for item in results:
                    finished_files(final=False)  # the files whose every result is written, before this one is
                    sink.write(item.data)
                    if letters is not None:
                        for line in item.letters:
                            letters.write(line)
                    progress.update(item.chars)
                    found.update(dict(item.found))
                    stage_errors.update(item.failed)
                    if interrupt.requested:
                        break
            if interrupt.requested:
                for each in sinks:
                    each.keep()
            else:
                finished_files(final=True)
                for each in sinks:
                    each.finish()
                progress.done = progress.total or progress.done
                if manifest is not None:
                    manifest.remove()
        except (NewscorpusError, OSError) as exc:
            for each in sinks:
                each.abort(exc)
            progress.close()
            if isinstance(exc, OSError) and not isinstance(exc, NewscorpusError):
                stderr.write(f"newscorpus: error: cannot write {args.output}: {exc.strerror or exc}\n")
            else:
                stderr.write(f"newscorpus: error: {exc}\n")
            return 1
        except BaseException as exc:
            for each in sinks:
                each.abort(exc)
            raise
        finally:
            if manifest is not None:
                manifest.close()
    progress.close()
    if not args.quiet:
        _summary(summary_out, args, pipeline, progress, found, stage_errors, notices, interrupt.requested, earlier)
    if interrupt.requested:
        again = " (run the same command with --resume to finish)" if resumable else ""
        stderr.write(
            f"newscorpus: interrupted; the {progress.count + earlier:,} articles finished are in {args.output}{again}\n"
        )
        return 130
    return 0


def _run_dask(
    args: argparse.Namespace,
    pipeline: Pipeline,
    inputs: _Inputs,
    kind: str,
    fields: dict[str, str],
    stdout: IO[str],
    stderr: IO[str],
) -> int:
    """Run on a Dask cluster: one task per input file, the output written as a local run writes it."""
    if kind == "csv" or _STDIN in inputs.files or args.output == "-":
        stderr.write("newscorpus: error: --engine dask reads input files and writes JSON lines or Parquet files\n")
        return 2
    try:
        import newscorpus.dask as nc_dask
    except ImportError as exc:
        stderr.write(f'newscorpus: error: --engine dask needs Dask: pip install "newscorpus[dask]" ({exc})\n')
        return 2
    started = time.perf_counter()
    with nc_dask._client(args.scheduler, args.workers) as client:
        count = nc_dask.process_files(
            inputs.files,
            args.output,
            pipeline=pipeline,
            client=client,
            fields=fields or None,
            encoding=args.encoding,
            full=args.full,
        )
    if not args.quiet:
        elapsed = max(time.perf_counter() - started, 1e-9)
        stdout.write(
            f"newscorpus {__version__}: {count:,} articles -> {args.output}\n"
            f"  engine      dask ({args.scheduler or f'local cluster of {args.workers} workers'})\n"
            f"  stages      {' -> '.join(pipeline.stage_names) or '(none)'}\n"
            f"  time        {elapsed:,.2f}s, {count / elapsed:,.1f} articles/s\n"
        )
    return 0


def _summary(
    out: IO[str],
    args: argparse.Namespace,
    pipeline: Pipeline,
    progress: Progress,
    found: Counter[str],
    stage_errors: Counter[str],
    notices: Notices,
    interrupted: bool,
    earlier: int = 0,
) -> None:
    elapsed = max(time.perf_counter() - progress.started, 1e-9)
    megabytes = progress.chars / 1e6
    resumed = f" ({earlier:,} more from the interrupted run)" if earlier else ""
    shown = " (first ones above)" if notices.limit is not None else " (above)"
    lines = [
        f"newscorpus {__version__}: {progress.count:,} articles -> {args.output}{resumed}",
        f"  stages      {' -> '.join(pipeline.stage_names) or '(none)'}",
        f"  read errors {notices.errors:,}" + (shown if notices.errors else ""),
        f"  time        {elapsed:,.2f}s, {progress.count / elapsed:,.1f} articles/s, {megabytes / elapsed:,.2f} MB/s",
    ]
    if notices.passed:
        lines.append(f"  not read    {notices.passed:,} files in the input folders (hidden, or of another format)")
    lines.append("  found (items of a list or tuple; one per article for any other result)" if found else "  found")
    lines.extend(f"    {name:<20} {count:>10,}" for name, count in found.items())
    if notices.warnings:
        lines.append("  warnings" + shown)
        lines.extend(f"    {name:<20} {count:>10,}" for name, count in sorted(notices.warnings.items()))
    if interrupted:
        lines.append("  interrupted: the articles not yet finished were not processed")
    if stage_errors:
        lines.append("  stage failures (recorded on each article's errors)")
        lines.extend(f"    {name:<20} {count:>10,}" for name, count in sorted(stage_errors.items()))
    out.write("\n".join(lines) + "\n")


def _provider(obj: Any) -> str:
    """The distribution (installed package) an extractor or cleaner comes from, or its module."""
    func = getattr(obj, "func", obj)
    module = getattr(func, "__module__", None) or "?"
    top = module.split(".")[0]
    if top == "newscorpus":
        return "newscorpus"
    try:
        from importlib.metadata import packages_distributions

        names = packages_distributions().get(top)
    except Exception:  # broken metadata of some installed package must not end the listing
        names = None
    return ", ".join(sorted(set(names))) if names else f"module {module}"


def _run_list(stdout: IO[str]) -> int:
    stdout.write("extractors:\n")
    for name in extractors.names():
        spec = extractors.get(name)
        requires = f", requires {', '.join(spec.requires)}" if spec.requires else ""
        stdout.write(f"  {name:<24} (from {_provider(spec)}{requires})\n")
    stdout.write("cleaners:\n")
    for name in cleaners.names():
        stdout.write(f"  {name:<24} (from {_provider(cleaners.get(name))})\n")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    .. versionadded:: 0.1.0
    """
    parser = _build_parser()
    args = parser.parse_args(argv)
    if args.command == "process":
        try:
            return _run_process(args, sys.stdout, sys.stderr)
        except NewscorpusError as exc:
            sys.stderr.write(f"newscorpus: error: {exc}\n")
            return 1
        except KeyboardInterrupt:
            sys.stderr.write("newscorpus: interrupted\n")
            return 130
    if args.command == "list":
        return _run_list(sys.stdout)
    parser.print_help(sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
