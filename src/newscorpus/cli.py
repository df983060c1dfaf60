"""The ``newscorpus`` command: a thin shell over the library.

.. code-block:: console

    $ newscorpus process tests/data/seeds -o seeds.jsonl
    $ newscorpus process dump.jsonl.gz -o out.jsonl --extract timex.v1 --workers 2
    $ newscorpus list
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import itertools
import os
import signal
import stat
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from typing import IO, Any, Literal, cast

import attrs

from newscorpus import __version__
from newscorpus.errors import LoadError, NewscorpusError, NewscorpusWarning
from newscorpus.load import load
from newscorpus.pipeline import DEFAULT_EXTRACT, Pipeline
from newscorpus.registry import cleaners, extractors
from newscorpus.serialize import to_json_line
from newscorpus.types import Article, Document, StageError
from newscorpus.write import TABLES, table_rows, write_lines, write_rows

__all__ = ["main"]

_MAX_SHOWN_ERRORS = 5


class _Progress:
    """A one-line progress display on a terminal; silent elsewhere."""

    def __init__(self, stream: IO[str], enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self.started = time.perf_counter()
        self.last = 0.0
        self.count = 0
        self.chars = 0

    def update(self, chars: int) -> None:
        self.count += 1
        self.chars += chars
        now = time.perf_counter()
        if self.enabled and now - self.last >= 0.2:
            self.last = now
            self.stream.write(f"\r{self.render(now)}")
            self.stream.flush()

    def render(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        spinner = "|/-\\"[int(elapsed * 5) % 4]
        return f"{spinner} {self.count:,} articles  {self.count / elapsed:,.0f} articles/s  {elapsed:,.1f}s"

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * 72 + "\r")
            self.stream.flush()


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
        help="clean articles and run extractors, writing one JSON line per article",
        description="Read articles (.txt files or folders, .jsonl, .csv, any of them .gz), clean them, "
        "run the extractors and write one JSON line per article.",
    )
    process.add_argument("inputs", nargs="+", metavar="INPUT", help="a file or a folder of .txt files")
    process.add_argument(
        "-o", "--output", required=True, help="output file: .jsonl, .jsonl.gz, .csv or .csv.gz; - for JSONL on stdout"
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
    process.add_argument("-q", "--quiet", action="store_true", help="print no summary")

    commands.add_parser("list", help="list the registered extractors and cleaners")
    return parser


def _count(doc: Document, pipeline: Pipeline) -> Iterator[tuple[str, int]]:
    """Yield what each stage found in *doc*: items extracted, characters removed."""
    if pipeline.cleaners:
        yield "removed characters", sum(len(r) for r in doc.article.removals)
    for spec in pipeline.extractors:
        value = getattr(doc, spec.into) if spec.into else doc.extensions.get(spec.name)
        if isinstance(value, (list, tuple, dict)):
            yield spec.name, len(value)


#: Output names the command can write, by suffix, and the writer each takes.
_FORMATS: dict[str, str] = {".jsonl": "jsonl", ".jsonl.gz": "jsonl", ".csv": "csv", ".csv.gz": "csv"}


def _output_format(output: str) -> str | None:
    if output == "-" or _is_special(output):
        return "jsonl"
    lowered = output.lower()
    for suffix, kind in _FORMATS.items():
        if lowered.endswith(suffix):
            return kind
    return None


@attrs.frozen
class _Encoded:
    """What a worker sends back for one article: the output itself and what the summary counts."""

    data: str | list[dict[str, Any]]
    chars: int
    found: tuple[tuple[str, int], ...]
    failed: tuple[str, ...]


def _encode_jsonl(doc: Document, pipeline: Pipeline) -> _Encoded:
    try:
        line = to_json_line(doc)
    except NewscorpusError as exc:  # a record that cannot be written is written as its failure
        error = StageError(stage="write", error=type(exc).__name__, message=str(exc))
        doc = Document(article=doc.article, stages=doc.stages, errors=(*doc.errors, error))
        line = to_json_line(doc)
    return _Encoded(line, len(doc.article.raw), tuple(_count(doc, pipeline)), _failed(doc))


def _encoder_csv(table: str) -> Callable[[Document, Pipeline], _Encoded]:
    return functools.partial(_encode_csv, table=table)


def _encode_csv(doc: Document, pipeline: Pipeline, *, table: str) -> _Encoded:
    rows = list(table_rows([doc], table))
    return _Encoded(rows, len(doc.article.raw), tuple(_count(doc, pipeline)), _failed(doc))


def _failed(doc: Document) -> tuple[str, ...]:
    return tuple(error.stage for error in doc.errors)


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
        return f"cannot tell the output format from {output!r}; name a file ending in {known}, or - for standard output"
    if kind != "csv" and args.table is not None:
        return "--table applies to .csv output only (JSONL holds every table)"
    if output != "-":
        for path in args.inputs:
            if _same_file(path, output):
                return f"the output {output!r} is one of the inputs; writing it would destroy the input"
        if os.path.isdir(output):
            return f"the output {output!r} is a folder; name a file"
    return None


class _Notices:
    """Counts unreadable records and warnings, showing only the first few of each: memory stays flat."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.errors = 0
        self.warnings: Counter[str] = Counter()

    def skipped(self, error: LoadError) -> None:
        self.errors += 1
        if self.errors <= _MAX_SHOWN_ERRORS:
            self.stream.write(f"newscorpus: skipped {error}\n")

    def warned(
        self,
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: IO[str] | None = None,
        line: str | None = None,
    ) -> None:
        self.warnings[category.__name__] += 1
        if self.warnings[category.__name__] <= _MAX_SHOWN_ERRORS:
            self.stream.write(f"newscorpus: {category.__name__}: {message}\n")


class _Interrupt:
    """The first Ctrl-C asks the run to stop after the current article; the second stops it at once."""

    def __init__(self) -> None:
        self.requested = False
        self._previous: Any = None

    def __enter__(self) -> _Interrupt:
        try:
            self._previous = signal.signal(signal.SIGINT, self._handle)
        except ValueError:  # not the main thread: leave Ctrl-C alone
            self._previous = None
        return self

    def _handle(self, signum: int, frame: Any) -> None:
        self.requested = True
        signal.signal(signal.SIGINT, signal.default_int_handler)

    def __exit__(self, *exc: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)


def _run_process(args: argparse.Namespace, stdout: IO[str], stderr: IO[str]) -> int:
    for path in args.inputs:
        if not os.path.exists(path):
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

    notices = _Notices(stderr)
    policy: Literal["raise"] | Callable[[LoadError], None] = "raise" if args.on_error == "raise" else notices.skipped
    articles: Iterable[Article] = load(args.inputs, fields=fields or None, on_error=policy, encoding=args.encoding)
    if args.limit is not None:
        articles = itertools.islice(articles, args.limit)
    kind = _output_format(args.output)
    table = args.table or "articles"
    encode = _encode_jsonl if kind == "jsonl" else _encoder_csv(table)
    summary_out = stderr if args.output == "-" else stdout
    progress = _Progress(stderr, stderr.isatty() if args.progress is None else args.progress)
    found: Counter[str] = Counter()
    stage_errors: Counter[str] = Counter()

    with _Interrupt() as interrupt, warnings.catch_warnings():
        warnings.simplefilter("always", NewscorpusWarning)
        warnings.showwarning = notices.warned
        if args.workers == 1 and args.timeout is None:
            results: Generator[_Encoded, None, None] = (encode(pipeline(article), pipeline) for article in articles)
        else:
            results = pipeline._pool(args.workers, args.batch_size, args.timeout, encode).run(articles)

        def observe() -> Iterator[str | list[dict[str, Any]]]:
            for item in results:
                progress.update(item.chars)
                found.update(dict(item.found))
                stage_errors.update(item.failed)
                yield item.data
                if interrupt.requested:
                    return

        try:
            with contextlib.closing(results):
                if kind == "jsonl":
                    write_lines(cast("Iterator[str]", observe()), stdout if args.output == "-" else args.output)
                else:
                    write_rows(cast("Iterator[list[dict[str, Any]]]", observe()), args.output, table=table)
        except NewscorpusError as exc:
            progress.close()
            stderr.write(f"newscorpus: error: {exc}\n")
            return 1
        except OSError as exc:  # the output failed under us: disk full, a closed pipe
            progress.close()
            stderr.write(f"newscorpus: error: cannot write {args.output}: {exc.strerror or exc}\n")
            return 1
    progress.close()
    if not args.quiet:
        _summary(summary_out, args, pipeline, progress, found, stage_errors, notices, interrupt.requested)
    if interrupt.requested:
        stderr.write(f"newscorpus: interrupted; the {progress.count:,} articles finished are in {args.output}\n")
        return 130
    return 0


def _summary(
    out: IO[str],
    args: argparse.Namespace,
    pipeline: Pipeline,
    progress: _Progress,
    found: Counter[str],
    stage_errors: Counter[str],
    notices: _Notices,
    interrupted: bool,
) -> None:
    elapsed = max(time.perf_counter() - progress.started, 1e-9)
    megabytes = progress.chars / 1e6
    lines = [
        f"newscorpus {__version__}: {progress.count:,} articles -> {args.output}",
        f"  stages      {' -> '.join(pipeline.stage_names) or '(none)'}",
        f"  read errors {notices.errors:,}" + (" (first ones above)" if notices.errors else ""),
        f"  time        {elapsed:,.2f}s, {progress.count / elapsed:,.1f} articles/s, {megabytes / elapsed:,.2f} MB/s",
        "  found",
    ]
    lines.extend(f"    {name:<20} {count:>10,}" for name, count in found.items())
    if notices.warnings:
        lines.append("  warnings (first ones above)")
        lines.extend(f"    {name:<20} {count:>10,}" for name, count in sorted(notices.warnings.items()))
    if interrupted:
        lines.append("  interrupted: the articles not yet finished were not processed")
    if stage_errors:
        lines.append("  stage failures (recorded on each article's errors)")
        lines.extend(f"    {name:<20} {count:>10,}" for name, count in sorted(stage_errors.items()))
    out.write("\n".join(lines) + "\n")


def _run_list(stdout: IO[str]) -> int:
    stdout.write("extractors:\n")
    for name in extractors.names():
        spec = extractors.get(name)
        requires = f" (requires {', '.join(spec.requires)})" if spec.requires else ""
        stdout.write(f"  {name}{requires}\n")
    stdout.write("cleaners:\n")
    for name in cleaners.names():
        stdout.write(f"  {name}\n")
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
