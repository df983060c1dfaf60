"""The ``newscorpus`` command: a thin shell over the library.

.. code-block:: console

    $ newscorpus process tests/data/seeds -o seeds.jsonl
    $ newscorpus process dump.jsonl.gz -o out.jsonl --extract timex.v1 --workers 2
    $ newscorpus list
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, Literal

from newscorpus import __version__
from newscorpus.errors import LoadError, NewscorpusError
from newscorpus.load import load
from newscorpus.pipeline import DEFAULT_EXTRACT, Pipeline
from newscorpus.registry import cleaners, extractors
from newscorpus.types import Article, Document
from newscorpus.write import TABLES, write_csv, write_jsonl

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

    def update(self, doc: Document) -> None:
        self.count += 1
        self.chars += len(doc.article.raw)
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
    process.add_argument("-o", "--output", required=True, help="output file: .jsonl (or .jsonl.gz), or .csv")
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
    process.add_argument("--table", choices=sorted(TABLES), default="articles", help="the table a .csv output holds")
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


def _run_process(args: argparse.Namespace, stdout: IO[str], stderr: IO[str]) -> int:
    for path in args.inputs:
        if not os.path.exists(path):
            stderr.write(f"newscorpus: error: no such file or folder: {path}\n")
            return 1
    if args.workers < 1 or args.batch_size < 1:
        stderr.write("newscorpus: error: --workers and --batch-size must be at least 1\n")
        return 2
    try:
        fields = _parse_fields(args.field)
        pipeline = Pipeline(args.extract, clean=None if args.no_clean else args.cleaner)
    except (argparse.ArgumentTypeError, NewscorpusError) as exc:
        stderr.write(f"newscorpus: error: {exc}\n")
        return 2

    load_errors: list[LoadError] = []

    def on_error(error: LoadError) -> None:
        load_errors.append(error)
        if len(load_errors) <= _MAX_SHOWN_ERRORS:
            stderr.write(f"newscorpus: skipped {error}\n")

    policy: Literal["raise"] | Callable[[LoadError], None] = "raise" if args.on_error == "raise" else on_error
    articles: Iterable[Article] = load(args.inputs, fields=fields or None, on_error=policy)
    if args.limit is not None:
        articles = _limit(articles, args.limit)
    progress = _Progress(stderr, stderr.isatty() if args.progress is None else args.progress)
    found: Counter[str] = Counter()
    stage_errors: Counter[str] = Counter()

    def observe(docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            progress.update(doc)
            found.update(dict(_count(doc, pipeline)))
            stage_errors.update(error.stage for error in doc.errors)
            yield doc

    docs = observe(pipeline.pipe(articles, workers=args.workers, batch_size=args.batch_size))
    try:
        if args.output.endswith((".csv", ".csv.gz")):
            write_csv(docs, args.output, table=args.table)
        else:
            write_jsonl(docs, args.output)
    except NewscorpusError as exc:
        progress.close()
        stderr.write(f"newscorpus: error: {exc}\n")
        return 1
    progress.close()
    if not args.quiet:
        _summary(stdout, args, pipeline, progress, found, stage_errors, load_errors)
    return 0


def _limit(articles: Iterable[Article], limit: int) -> Iterator[Article]:
    for index, article in enumerate(articles):
        if index >= limit:
            return
        yield article


def _summary(
    out: IO[str],
    args: argparse.Namespace,
    pipeline: Pipeline,
    progress: _Progress,
    found: Counter[str],
    stage_errors: Counter[str],
    load_errors: list[LoadError],
) -> None:
    elapsed = max(time.perf_counter() - progress.started, 1e-9)
    megabytes = progress.chars / 1e6
    lines = [
        f"newscorpus {__version__}: {progress.count:,} articles -> {args.output}",
        f"  stages      {' -> '.join(pipeline.stage_names) or '(none)'}",
        f"  read errors {len(load_errors):,}" + (" (first ones above)" if load_errors else ""),
        f"  time        {elapsed:,.2f}s, {progress.count / elapsed:,.1f} articles/s, {megabytes / elapsed:,.2f} MB/s",
        "  found",
    ]
    lines.extend(f"    {name:<20} {count:>10,}" for name, count in found.items())
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
