#!/usr/bin/env python3
"""Speed and memory benchmark of newscorpus, in the form of the peers' benchmark.

Usage::

    python benchmarks/bench.py CORPUS [--stages load,sentences,clean,timex,mentions,quotes,events,pipeline]
                               [--repeat N] [--warmup N] [--base YYYY-MM-DD]
                               [--peers dateparser] [--slow-limit SECONDS]
                               [--scaling] [--scales 1,10,100] [--scaling-budget SECONDS]
                               [--pin-cpu N] [--tmpdir DIR] [--json OUT.jsonl]
                               [--worst-case] [--worst-functions sentences,clean,timex,mentions,quotes,events]
                               [--worst-patterns NAME,...] [--worst-limit SECONDS]

CORPUS is a directory of ``*.txt`` files (one article per file) or a ``.jsonl``
file with a ``text`` field per line, read the same way as the peers' script.

Stages (each in a fresh single-threaded subprocess, so that its peak memory is
its own; ``--pin-cpu N`` pins it to one CPU, which the peers' script does not;
each is warmed up untimed on the first ``--warmup`` documents, as the peers
are, then timed with :func:`time.perf_counter` over all documents,
``--repeat`` times, keeping the fastest pass, as the peers' fast ones are):

``load``
    ``newscorpus.load.load`` over the file, streaming: I/O and JSON decoding included.
``sentences``
    ``newscorpus.text.sentences`` over the loaded articles, in memory.
``clean``
    ``newscorpus.clean.clean`` over the loaded articles, in memory.
``timex``
    ``newscorpus.extract.timex.extract_timexes`` over the loaded articles, in
    memory, each dated ``--base`` so that relative expressions resolve.
``mentions``
    ``newscorpus.extract.mentions.extract_mentions`` over the loaded articles,
    handed their sentences (split beforehand, untimed).
``quotes``
    mentions and ``newscorpus.extract.quotes.extract_quotes`` together: the
    quotes stage finds its own mentions.
``events``
    ``newscorpus.extract.events.extract_events`` alone, handed the sentences,
    time expressions and mentions (found beforehand, untimed).
``pipeline``
    ``newscorpus.pipeline.Pipeline()`` with its defaults (clean, sentences,
    time expressions, mentions, quotes, events) over the stream read from the
    file (articles dated ``--base``).

Peak memory (``peak_rss_mb``, MB of 2**20 bytes) is the stage process's own
high-water resident size: ``VmHWM`` on Linux, because ``ru_maxrss`` there
still holds the size of the driver process from before ``exec``; elsewhere
``getrusage(RUSAGE_SELF).ru_maxrss``. It includes the interpreter and, for the
in-memory stages, the loaded corpus.

Each stage prints one line::

    peer=newscorpus-STAGE docs_per_s=... mb_per_s=... docs=... mb=... seconds=... peak_rss_mb=... ...

MB is 10**6 bytes of UTF-8 article text (``Article.raw``: the ``text`` field of
a JSONL record, the whole of a ``.txt`` file), as the peers count it. A stage
whose module does not exist yet prints ``skipped: module not available``.

``--peers dateparser`` also times ``dateparser.search.search_dates(text,
languages=["en"])`` with ``RELATIVE_BASE`` set to ``--base``, in a subprocess
of this same interpreter, on documents taken evenly across the corpus until
``--slow-limit`` seconds are spent, and prints the ratio of the ``timex``
stage's MB/s to dateparser's. dateparser is not a dependency of newscorpus:
install it in a throwaway virtual environment outside the repository::

    python -m venv /tmp/peers && /tmp/peers/bin/pip install dateparser==1.5.0 && /tmp/peers/bin/pip install -e .
    /tmp/peers/bin/python benchmarks/bench.py CORPUS --peers dateparser

``--scaling`` writes synthetic JSONL corpora of about 10 MB times each of
``--scales`` (the corpus records repeated with fresh ids, streamed to a
temporary directory and deleted afterwards), times ``load`` at every scale
(the mean of as many passes as make up the largest scale's size, so that every
scale is timed over a similar stretch of a shared machine's noise) and
``pipeline`` (one pass) at the two smallest scales and at larger ones where the
rate measured so far says it fits in ``--scaling-budget`` seconds, prints one
``scale=...`` line per run and a verdict: time linear (seconds per MB within
25% of the smallest scale) and peak memory flat (within 10% of it). The exit
status is 0 whatever the verdict.

``--worst-case`` times each text function (``sentences``, ``clean``,
``timex``, and the ``mentions``, ``quotes`` and ``events`` extractors, each
called alone so that it finds what it needs itself) on hostile texts built
from its own patterns
(``newscorpus.testing._hostile``: number ranges, runs of month names, glued
``Mr.``, repeated promotions, ...), one fresh subprocess per function, each
text at 100 kB and 1 MB (characters), ``--repeat`` times (the two sizes take
turns, and a call under a quarter of a second is repeated more), keeping the
fastest pass, next to the same function on the first MB of the corpus
(ordinary news) in the same process, timed again after each pattern and
taken at its fastest. It prints one ``worst ...`` line per
pattern and a table: MB/s at 1 MB, that speed over the ordinary speed (the
target is at least 0.2), the 1 MB / 100 kB time ratio, the noise seen (the
spread between repeats of one measurement, as a share of the fastest) and
the records given per kB (sentences, time expressions, or removals of
``clean``): a text that is all records costs at least the making of each.
The scaling verdict counts only slow-downs beyond the noise: a ratio up to
12 (10 for the size, with some slack) times one plus the noise is
``linear``, and a larger run that is faster than the smaller one is never
``NOT linear``. ``--worst-functions`` and ``--worst-patterns`` pick some of
them; a call that runs past ``--worst-limit`` seconds is stopped and
reported as over the limit. Nothing is asserted: the exit status is 0
whatever the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import importlib
import importlib.util
import itertools
import json
import math
import os
import platform
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

STAGES: tuple[str, ...] = ("load", "sentences", "clean", "timex", "mentions", "quotes", "events", "pipeline")
PEERS: tuple[str, ...] = ("dateparser",)
RESULT_MARK = "@@bench-result "
SCALE_UNIT_MB = 10.0
TIME_TOLERANCE = 0.25
WORST_FUNCTIONS: tuple[str, ...] = ("sentences", "clean", "timex", "mentions", "quotes", "events")
WORST_SIZES: tuple[int, int] = (100_000, 1_000_000)
WORST_GROWTH = 12.0
WORST_TARGET = 0.2
# A worst-case call shorter than this (seconds) is repeated up to _MAX_ROUNDS times.
_SHORT_CALL = 0.25
_MAX_ROUNDS = 50
MEMORY_TOLERANCE = 0.10
_GOLDEN = 0.6180339887498949

#: The modules each stage needs, and the function it times.
_STAGE_MODULES: dict[str, tuple[str, ...]] = {
    "load": ("newscorpus.load",),
    "sentences": ("newscorpus.text",),
    "clean": ("newscorpus.clean",),
    "timex": ("newscorpus.extract.timex",),
    "mentions": ("newscorpus.text", "newscorpus.extract.mentions"),
    "quotes": ("newscorpus.text", "newscorpus.extract.mentions", "newscorpus.extract.quotes"),
    "events": (
        "newscorpus.text",
        "newscorpus.extract.timex",
        "newscorpus.extract.mentions",
        "newscorpus.extract.events",
    ),
    "pipeline": (
        "newscorpus.load",
        "newscorpus.clean",
        "newscorpus.text",
        "newscorpus.extract.timex",
        "newscorpus.pipeline",
    ),
}
_STAGE_FUNCTIONS: dict[str, tuple[str, str]] = {
    "load": ("newscorpus.load", "load"),
    "sentences": ("newscorpus.text", "sentences"),
    "clean": ("newscorpus.clean", "clean"),
    "timex": ("newscorpus.extract.timex", "extract_timexes"),
    "mentions": ("newscorpus.extract.mentions", "extract_mentions"),
    "quotes": ("newscorpus.extract.quotes", "extract_quotes"),
    "events": ("newscorpus.extract.events", "extract_events"),
    "pipeline": ("newscorpus.pipeline", "Pipeline"),
}


class StageUnavailable(Exception):
    """A module or function a stage needs cannot be imported."""


# ----------------------------------------------------------------- corpus


def read_texts(corpus: Path) -> list[str]:
    """Read the article texts as the peers' script does (for MB counts and peers)."""
    if corpus.is_dir():
        return [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    with open(corpus, encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()]


def read_records(corpus: Path) -> list[dict[str, Any]]:
    """Read the corpus as JSON records (``id`` and ``text`` at least), to repeat them."""
    if corpus.is_dir():
        return [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in sorted(corpus.glob("*.txt"))]
    with open(corpus, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def mb_of(texts: Iterable[str]) -> float:
    """Return the size of *texts* in MB (10**6 bytes) of UTF-8."""
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def spread_order(n: int) -> list[int]:
    """Return ``range(n)`` reordered so that every prefix is spread evenly over the corpus.

    >>> spread_order(5)
    [0, 2, 4, 1, 3]
    """
    return sorted(range(n), key=lambda i: (i * _GOLDEN) % 1.0)


def cpu_model() -> str:
    """Return the CPU model name, as the peers' script prints it."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


# ----------------------------------------------------------------- child side


def _function(module: str, name: str) -> Callable[..., Any]:
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name is not None and (module == exc.name or module.startswith(exc.name + ".")):
            raise StageUnavailable("module not available") from exc
        raise
    func = getattr(mod, name, None)
    if not callable(func):
        raise StageUnavailable(f"{module}.{name} not available")
    return func  # type: ignore[no-any-return]


def _check_modules(stage: str) -> None:
    for module in _STAGE_MODULES[stage]:
        if importlib.util.find_spec(module) is None:
            raise StageUnavailable("module not available")


def _pin_cpu(cpu: int | None) -> None:
    if cpu is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {cpu})


def _peak_rss_mb() -> float:
    """Return this process's peak resident memory in MB (2**20 bytes).

    On Linux ``getrusage(RUSAGE_SELF).ru_maxrss`` keeps the parent's resident
    size from before ``exec``, so the figure would be the benchmark driver's,
    not the stage's: ``VmHWM`` of ``/proc/self/status`` is this program's own.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def _stream(load: Callable[..., Any], corpus: Path) -> Iterator[Any]:
    yield from load(corpus)


def _warm_page_cache(corpus: Path) -> None:
    """Read the input once, untimed, through a small fixed buffer (so that it adds nothing to peak memory)."""
    paths = sorted(corpus.glob("*.txt*")) if corpus.is_dir() else [corpus]
    buffer = bytearray(1 << 20)
    for path in paths:
        with open(path, "rb") as fh:
            while fh.readinto(buffer):
                pass


def _articles(corpus: Path, base: dt.date) -> list[Any]:
    """Load every article into memory (dated *base* where undated); untimed."""
    import attrs

    from newscorpus.types import Article

    try:
        load = _function("newscorpus.load", "load")
    except StageUnavailable:
        print("# newscorpus.load not available: building articles from the raw texts", file=sys.stderr)
        articles = [Article(raw=t) for t in read_texts(corpus)]
    else:
        articles = list(_stream(load, corpus))
    return [a if a.date is not None else attrs.evolve(a, date=base) for a in articles]


def _passes(repeat: int, mean: bool, run: Callable[[], dict[str, Any]]) -> tuple[float, dict[str, Any]]:
    """Time *repeat* passes of *run*; return the fastest (or the mean) and the counts, noting which."""
    times: list[float] = []
    counts: dict[str, Any] = {}
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        counts = run()
        times.append(time.perf_counter() - t0)
    spread = (max(times) - min(times)) / min(times) if min(times) > 0 else 0.0
    if mean:
        return sum(times) / len(times), {**counts, "passes_mean_of": len(times), "spread": spread}
    return min(times), {**counts, "repeats_min_of": len(times), "spread": spread}


def _run_load(corpus: Path, warmup: int, repeat: int, mean: bool) -> dict[str, Any]:
    load = _function("newscorpus.load", "load")
    _warm_page_cache(corpus)
    for _ in itertools.islice(_stream(load, corpus), warmup):
        pass

    def run() -> dict[str, Any]:
        docs = size = 0
        for article in _stream(load, corpus):
            docs += 1
            size += len(article.raw.encode("utf-8"))
        return {"docs": docs, "mb": size / 1e6}

    seconds, counts = _passes(repeat, mean, run)
    docs, mb = counts.pop("docs"), counts.pop("mb")
    return {"seconds": seconds, "docs": docs, "mb": mb, "extra": counts}


def _run_in_memory(stage: str, corpus: Path, warmup: int, repeat: int, base: dt.date) -> dict[str, Any]:
    func = _function(*_STAGE_FUNCTIONS[stage])
    articles = _articles(corpus, base)
    mb = mb_of(a.raw for a in articles)
    for article in articles[:warmup]:
        func(article)

    key = {"sentences": "sentences", "clean": "changed_docs", "timex": "timexes"}[stage]

    def run() -> dict[str, Any]:
        count = 0
        for article in articles:
            result = func(article)
            count += (result.text != article.text) if stage == "clean" else len(result)
        return {key: count}

    seconds, counts = _passes(repeat, False, run)
    return {"seconds": seconds, "docs": len(articles), "mb": mb, "extra": counts}


def _run_extractor(stage: str, corpus: Path, warmup: int, repeat: int, base: dt.date) -> dict[str, Any]:
    """Time an extractor on every article, with what it builds on computed beforehand (untimed).

    ``mentions`` times mention finding; ``quotes`` times mentions and quotes
    together (the quotes stage finds its own mentions); ``events`` times
    events alone, handed the sentences, time expressions and mentions.
    """
    _check_modules(stage)
    sentences = _function("newscorpus.text", "sentences")
    mentions = _function("newscorpus.extract.mentions", "extract_mentions")
    articles = _articles(corpus, base)
    mb = mb_of(a.raw for a in articles)
    given = [sentences(a) for a in articles]
    if stage == "mentions":

        def one(i: int) -> int:
            return len(mentions(articles[i], sentences=given[i]))

    elif stage == "quotes":
        quotes = _function("newscorpus.extract.quotes", "extract_quotes")

        def one(i: int) -> int:
            found = mentions(articles[i], sentences=given[i])
            return len(quotes(articles[i], sentences=given[i], mentions=found))

    else:
        timexes = _function("newscorpus.extract.timex", "extract_timexes")
        events = _function("newscorpus.extract.events", "extract_events")
        times = [timexes(a, sentences=s) for a, s in zip(articles, given, strict=True)]
        named = [mentions(a, sentences=s) for a, s in zip(articles, given, strict=True)]

        def one(i: int) -> int:
            return len(events(articles[i], sentences=given[i], timexes=times[i], mentions=named[i]))

    for i in range(min(warmup, len(articles))):
        one(i)

    def run() -> dict[str, Any]:
        return {stage: sum(one(i) for i in range(len(articles)))}

    seconds, counts = _passes(repeat, False, run)
    return {"seconds": seconds, "docs": len(articles), "mb": mb, "extra": counts}


def _run_pipeline(corpus: Path, warmup: int, repeat: int, base: dt.date) -> dict[str, Any]:
    import attrs

    _check_modules("pipeline")
    load = _function("newscorpus.load", "load")
    pipeline = _function("newscorpus.pipeline", "Pipeline")()

    def dated(stream: Iterable[Any]) -> Iterator[Any]:
        for article in stream:
            yield article if article.date is not None else attrs.evolve(article, date=base)

    _warm_page_cache(corpus)
    for _ in pipeline.pipe(dated(itertools.islice(_stream(load, corpus), warmup))):
        pass

    def run() -> dict[str, Any]:
        docs = size = sentences = timexes = quotes = events = failed = 0
        for doc in pipeline.pipe(dated(_stream(load, corpus))):
            docs += 1
            size += len(doc.article.raw.encode("utf-8"))
            sentences += len(doc.sentences)
            timexes += len(doc.timexes)
            quotes += len(doc.quotes)
            events += len(doc.events)
            failed += bool(doc.errors)
        return {
            "docs": docs,
            "mb": size / 1e6,
            "sentences": sentences,
            "timexes": timexes,
            "quotes": quotes,
            "events": events,
            "failed_docs": failed,
        }

    seconds, counts = _passes(repeat, False, run)
    docs, mb = counts.pop("docs"), counts.pop("mb")
    return {"seconds": seconds, "docs": docs, "mb": mb, "extra": counts}


def _run_dateparser(corpus: Path, warmup: int, base: dt.date, limit: float) -> dict[str, Any]:
    try:
        search_dates = _function("dateparser.search", "search_dates")
    except StageUnavailable as exc:
        raise StageUnavailable("dateparser not importable") from exc
    texts = read_texts(corpus)
    kwargs: dict[str, Any] = {
        "languages": ["en"],
        "settings": {"RELATIVE_BASE": dt.datetime.combine(base, dt.time())},
    }
    order = spread_order(len(texts))
    for i in order[:warmup]:
        search_dates(texts[i], **kwargs)
    done: list[str] = []
    found = 0
    t0 = time.perf_counter()
    for i in order:
        result = search_dates(texts[i], **kwargs)
        found += len(result) if result else 0
        done.append(texts[i])
        if time.perf_counter() - t0 >= limit:
            break
    seconds = time.perf_counter() - t0
    words = sum(len(t.split()) for t in done)
    extra = {
        "subset": int(len(done) < len(texts)),
        "dates_found": found,
        "words_per_s": words / seconds if seconds > 0 else 0.0,
    }
    return {"seconds": seconds, "docs": len(done), "mb": mb_of(done), "extra": extra}


class _TimeLimit(Exception):
    """A timed call ran past ``--worst-limit``."""


def _raise_time_limit(signum: int, frame: object) -> None:
    raise _TimeLimit


def _fastest(repeat: int, run: Callable[[], object], limit: float = 0.0) -> tuple[float, float, object]:
    """Return the fastest of *repeat* timed calls of *run*, the spread between them (a share of the fastest)
    and what the last call returned.

    A call that runs past *limit* seconds (if given) is stopped: the time is
    then ``inf`` and nothing more is tried.
    """
    times = []
    result: object = None
    timed = limit > 0 and hasattr(signal, "setitimer")
    for _ in range(max(1, repeat)):
        if timed:
            signal.signal(signal.SIGALRM, _raise_time_limit)
            signal.setitimer(signal.ITIMER_REAL, limit)
        t0 = time.perf_counter()
        try:
            result = run()
        except _TimeLimit:
            return math.inf, 0.0, None
        finally:
            if timed:
                signal.setitimer(signal.ITIMER_REAL, 0)
        times.append(time.perf_counter() - t0)
    fastest = min(times)
    return fastest, (max(times) - fastest) / fastest if fastest > 0 else 0.0, result


def _records(result: Any) -> int:
    """Return how many records a text function gave: sentences, time expressions, or removals of ``clean``."""
    if result is None:
        return 0
    removals = getattr(result, "removals", None)
    return len(removals) if removals is not None else len(result)


def _worst_callers(function: str, base: dt.date) -> tuple[Callable[[Any], Any], Callable[[str], Any]]:
    """Return how to call *function* on a loaded article, and how to prepare a hostile text for it."""
    from newscorpus.types import Article

    if function == "sentences":
        sentences = _function("newscorpus.text", "sentences")
        return sentences, lambda text: text
    if function == "clean":
        return _function("newscorpus.clean", "clean"), lambda text: Article(raw=text)
    if function in ("mentions", "quotes", "events"):
        # Each extractor called on its own, finding the sentences (and mentions, time expressions) it needs.
        extract = _function(f"newscorpus.extract.{function}", f"extract_{function}")
        return extract, lambda text: Article(raw=text, date=base)
    timexes = _function("newscorpus.extract.timex", "extract_timexes")
    return (lambda item: timexes(item, reference=base)), lambda text: text


def _run_worst_case(
    function: str, corpus: Path, repeat: int, base: dt.date, patterns: Sequence[str], limit: float
) -> dict[str, Any]:
    """Time *function* on 1 MB of the corpus, then on each hostile pattern at 100 kB and 1 MB."""
    try:
        hostile = importlib.import_module("newscorpus.testing._hostile")
    except ModuleNotFoundError as exc:
        raise StageUnavailable("newscorpus.testing._hostile not available") from exc
    call, prepare = _worst_callers(function, base)
    articles = _articles(corpus, base)
    ordinary: list[Any] = []
    size = 0
    for index in spread_order(len(articles)):
        if size >= WORST_SIZES[1]:
            break
        ordinary.append(articles[index] if function != "sentences" else articles[index].raw)
        size += len(articles[index].raw.encode("utf-8"))
    prepared = [prepare(item) if isinstance(item, str) else item for item in ordinary]
    for item in prepared[:20]:
        call(item)

    def ordinary_pass() -> None:
        for item in prepared:
            call(item)

    ordinary_times = [_fastest(1, ordinary_pass)[0] for _ in range(max(1, repeat))]
    records = sum(_records(call(item)) for item in prepared)
    rows = []
    for pattern in hostile.hostile_patterns(function):
        if patterns and pattern not in patterns:
            continue
        row: dict[str, Any] = {"pattern": pattern}
        items = {}
        for label, chars in zip(("small", "large"), WORST_SIZES, strict=True):
            text = hostile.hostile_text(function, pattern, chars)
            items[label] = prepare(text)
            row[f"{label}_mb"] = len(text.encode("utf-8")) / 1e6
        # The two sizes take turns, so that a burst of load on a shared machine meets both; a call
        # shorter than _SHORT_CALL seconds is repeated more, so that the timer and the caches weigh little.
        times: dict[str, list[float]] = {"small": [], "large": []}
        rounds = max(1, repeat)
        done = 0
        while done < rounds:
            for label in ("small", "large"):
                seconds, _, result = _fastest(1, functools.partial(call, items[label]), limit)
                times[label].append(seconds)
                row[f"{label}_records"] = _records(result)
            done += 1
            if done == 1 and not math.isinf(times["large"][0]):
                rounds = max(rounds, min(_MAX_ROUNDS, math.ceil(_SHORT_CALL / max(times["large"][0], 1e-9))))
            if math.isinf(times["small"][-1]) or math.isinf(times["large"][-1]):
                break
        for label, measured in times.items():
            fastest = min(measured)
            row[f"{label}_seconds"] = fastest
            row[f"{label}_spread"] = (max(measured) - fastest) / fastest if 0 < fastest < math.inf else 0.0
        rows.append(row)
        # Ordinary news again after each pattern: the fastest pass is compared with the hostile ones,
        # whatever load the machine was under when the section began.
        ordinary_times.append(_fastest(1, ordinary_pass)[0])
    seconds = min(ordinary_times)
    spread = (max(ordinary_times) - seconds) / seconds if seconds > 0 else 0.0
    return {
        "ordinary_mb": size / 1e6,
        "ordinary_seconds": seconds,
        "ordinary_spread": spread,
        "ordinary_records": records,
        "rows": rows,
    }


def child_main(args: argparse.Namespace) -> int:
    """Run one stage in this process and print its result as one marked JSON line."""
    _pin_cpu(args.pin_cpu)
    warnings.simplefilter("ignore")  # odd text warns (unbalanced quotation marks); the benchmark times, not reports
    stage: str = args.child
    base = dt.date.fromisoformat(args.base)
    try:
        if stage == "load":
            result = _run_load(args.corpus, args.warmup, args.repeat, args.mean)
        elif stage in ("sentences", "clean", "timex"):
            result = _run_in_memory(stage, args.corpus, args.warmup, args.repeat, base)
        elif stage in ("mentions", "quotes", "events"):
            result = _run_extractor(stage, args.corpus, args.warmup, args.repeat, base)
        elif stage == "pipeline":
            result = _run_pipeline(args.corpus, args.warmup, args.repeat, base)
        elif stage == "dateparser":
            result = _run_dateparser(args.corpus, args.warmup, base, args.slow_limit)
        elif stage.startswith("worst:"):
            patterns = [p.strip() for p in args.worst_patterns.split(",") if p.strip()]
            function = stage[len("worst:") :]
            result = _run_worst_case(function, args.corpus, args.repeat, base, patterns, args.worst_limit)
        else:
            raise SystemExit(f"unknown stage {stage!r}")
    except StageUnavailable as exc:
        result = {"skipped": str(exc)}
    except Exception as exc:  # a stage under construction must not stop the other stages
        result = {"failed": f"{type(exc).__name__}: {exc}"}
    result["peak_rss_mb"] = _peak_rss_mb()
    print(RESULT_MARK + json.dumps(result), flush=True)
    return 0


# ----------------------------------------------------------------- parent side


def run_child(
    stage: str, corpus: Path, args: argparse.Namespace, *, repeat: int | None = None, mean: bool = False
) -> dict[str, Any]:
    """Run *stage* in a fresh subprocess of this interpreter and return its result."""
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        str(corpus),
        "--child",
        stage,
        "--warmup",
        str(args.warmup),
        "--repeat",
        str(args.repeat if repeat is None else repeat),
        "--base",
        args.base,
        "--slow-limit",
        str(args.slow_limit),
    ]
    if mean:
        command.append("--mean")
    if stage.startswith("worst:"):
        command += ["--worst-limit", str(args.worst_limit)]
        if args.worst_patterns:
            command += ["--worst-patterns", args.worst_patterns]
    if args.pin_cpu is not None:
        command += ["--pin-cpu", str(args.pin_cpu)]
    proc = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    for line in proc.stdout.splitlines():
        if line.startswith(RESULT_MARK):
            result: dict[str, Any] = json.loads(line[len(RESULT_MARK) :])
            return result
        print(line, file=sys.stderr)
    return {"failed": f"the subprocess exited with status {proc.returncode} without a result"}


def _format(value: object) -> str:
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def emit(name: str, result: dict[str, Any], out: list[dict[str, Any]], prefix: Sequence[str] = ()) -> bool:
    """Print one result line in the peers' form; return whether the run produced figures."""
    head = " ".join(prefix) if prefix else f"peer={name}"
    if "skipped" in result or "failed" in result:
        reason = result.get("skipped") or result.get("failed")
        word = "skipped" if "skipped" in result else "failed"
        print(f"{head} {word}: {reason}", flush=True)
        out.append({"peer": name, word: reason, **dict(p.split("=", 1) for p in prefix)})
        return False
    seconds: float = result["seconds"]
    docs: int = result["docs"]
    mb: float = result["mb"]
    rec: dict[str, Any] = {
        "peer": name,
        "docs_per_s": docs / seconds if seconds > 0 else float("inf"),
        "mb_per_s": mb / seconds if seconds > 0 else float("inf"),
        "docs": docs,
        "mb": mb,
        "seconds": seconds,
        "peak_rss_mb": result["peak_rss_mb"],
        **result.get("extra", {}),
    }
    for part in prefix:
        key, _, value = part.partition("=")
        rec[key] = value
    out.append(rec)
    fields = [
        f"docs_per_s={rec['docs_per_s']:.2f}",
        f"mb_per_s={rec['mb_per_s']:.4f}",
        f"docs={docs}",
        f"mb={mb:.3f}",
        f"seconds={seconds:.3f}",
        f"peak_rss_mb={rec['peak_rss_mb']:.1f}",
    ]
    fields += [f"{k}={_format(v)}" for k, v in result.get("extra", {}).items()]
    print(f"{head} {' '.join(fields)}", flush=True)
    return True


def write_scaled(records: Sequence[dict[str, Any]], target_mb: float, path: Path) -> tuple[int, float]:
    """Stream copies of *records* with fresh ids into *path* until *target_mb* of text; return docs and MB."""
    docs = 0
    size = 0
    target = target_mb * 1e6
    with open(path, "w", encoding="utf-8") as fh:
        for copy in itertools.count():
            for record in records:
                fresh = {**record, "id": f"{record.get('id', docs)}-x{copy}"}
                fh.write(json.dumps(fresh, ensure_ascii=False) + "\n")
                docs += 1
                size += len(str(record["text"]).encode("utf-8"))
            if size >= target:
                break
    return docs, size / 1e6


def _verdict(stage: str, runs: list[dict[str, Any]]) -> str:
    if len(runs) < 2:
        return f"verdict stage={stage}: not enough scales to judge ({len(runs)} run)"
    per_mb = [r["seconds"] / r["mb"] for r in runs]
    peaks = [r["peak_rss_mb"] for r in runs]
    # Only a slow-down counts (a larger run that is faster is no sign of super-linear time), and only
    # beyond the noise seen between the repeats of each run.
    noise = max(float(r.get("spread", 0.0)) for r in runs)
    time_dev = max(0.0, max(x / per_mb[0] - 1.0 for x in per_mb))
    mem_growth = max(p / peaks[0] - 1.0 for p in peaks)
    linear = time_dev <= TIME_TOLERANCE + noise
    flat = mem_growth <= MEMORY_TOLERANCE
    return (
        f"verdict stage={stage} scales={','.join(r['scale'] for r in runs)}: "
        f"time={'linear' if linear else 'NOT linear'} "
        f"(s/MB {min(per_mb):.4f}..{max(per_mb):.4f}, max slow-down {100 * time_dev:.0f}% <= "
        f"{TIME_TOLERANCE:.0%} + noise {100 * noise:.0f}%{'' if linear else ' FAILED'}) "
        f"memory={'flat' if flat else 'NOT flat'} "
        f"(peak_rss_mb {min(peaks):.1f}..{max(peaks):.1f}, max growth {100 * mem_growth:+.0f}% <= "
        f"{MEMORY_TOLERANCE:.0%}{'' if flat else ' FAILED'}) -> {'PASS' if linear and flat else 'FAIL'}"
    )


def _exit_on_signal(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def run_scaling(args: argparse.Namespace, out: list[dict[str, Any]]) -> None:
    """Time ``load`` (and ``pipeline`` where it fits the budget) on growing synthetic corpora."""
    records = read_records(args.corpus)
    if not records:
        print("scaling skipped: no records in the corpus", flush=True)
        return
    scales = sorted({float(s) for s in args.scales.split(",") if s.strip()})
    line_bytes = sum(len(json.dumps(r, ensure_ascii=False).encode("utf-8")) + 1 for r in records)
    text_mb = mb_of(str(r["text"]) for r in records)
    tmp = Path(tempfile.mkdtemp(prefix="newscorpus-bench-", dir=args.tmpdir))
    signal.signal(signal.SIGTERM, _exit_on_signal)  # so that the temporary corpora are deleted
    runs: dict[str, list[dict[str, Any]]] = {"load": [], "pipeline": []}
    try:
        for scale in scales:
            target = SCALE_UNIT_MB * scale
            label = f"{target:g}MB"
            need = line_bytes * (int(target / text_mb) + 1)
            free = shutil.disk_usage(tmp).free
            if need * 1.5 > free:
                print(f"scale={label} skipped: needs {need / 1e9:.2f} GB, {free / 1e9:.2f} GB free", flush=True)
                continue
            path = tmp / f"scale-{scale:g}.jsonl"
            t0 = time.perf_counter()
            docs, mb = write_scaled(records, target, path)
            print(
                f"# scale={label} wrote {docs} docs, {mb:.1f} MB of text, "
                f"{path.stat().st_size / 1e6:.1f} MB on disk in {time.perf_counter() - t0:.1f} s",
                file=sys.stderr,
                flush=True,
            )
            try:
                for stage in ("load", "pipeline"):
                    if stage == "pipeline" and len(runs["pipeline"]) >= 2:
                        last = runs["pipeline"][-1]
                        estimate = last["seconds"] / last["mb"] * mb
                        if estimate > args.scaling_budget:
                            print(
                                f"scale={label} stage=pipeline skipped: about {estimate:.0f} s "
                                f"> --scaling-budget {args.scaling_budget:g} s",
                                flush=True,
                            )
                            continue
                    # Every load run covers about as much text as the largest scale, averaged over its
                    # passes, so that each scale meets the same amount of machine noise.
                    repeat = max(args.repeat, math.ceil(scales[-1] / scale)) if stage == "load" else 1
                    result = run_child(stage, path, args, repeat=repeat, mean=stage == "load")
                    if emit(f"newscorpus-{stage}", result, out, prefix=(f"scale={label}", f"stage={stage}")):
                        runs[stage].append({**out[-1], "scale": label})
            finally:
                path.unlink(missing_ok=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for stage, stage_runs in runs.items():
        if stage_runs:
            print(_verdict(stage, stage_runs), flush=True)


def worst_verdict(ratio: float, noise: float) -> str:
    """Judge a 1 MB / 100 kB time *ratio*: ``linear`` unless it exceeds the growth allowed plus the *noise*.

    >>> worst_verdict(9.0, 0.0), worst_verdict(13.0, 0.05), worst_verdict(13.0, 0.2), worst_verdict(0.5, 0.0)
    ('linear', 'NOT linear', 'linear', 'linear')
    """
    return "linear" if ratio <= WORST_GROWTH * (1.0 + noise) else "NOT linear"


def run_worst_case(args: argparse.Namespace, out: list[dict[str, Any]]) -> None:
    """Time the text functions on hostile input next to ordinary news and print the table."""
    functions = [f.strip() for f in args.worst_functions.split(",") if f.strip()]
    table: list[tuple[str, ...]] = []
    for function in functions:
        result = run_child(f"worst:{function}", args.corpus, args)
        if "skipped" in result or "failed" in result:
            reason = result.get("skipped") or result.get("failed")
            print(f"worst function={function} {'skipped' if 'skipped' in result else 'failed'}: {reason}", flush=True)
            continue
        ordinary = result["ordinary_mb"] / result["ordinary_seconds"]
        print(
            f"worst function={function} pattern=ordinary mb_per_s={ordinary:.2f} "
            f"mb={result['ordinary_mb']:.3f} noise={100 * result['ordinary_spread']:.0f}% "
            f"records_per_kb={result['ordinary_records'] / (result['ordinary_mb'] * 1e3):.1f}",
            flush=True,
        )
        for row in result["rows"]:
            if math.isinf(row["small_seconds"]) or math.isinf(row["large_seconds"]):
                size = "100 kB" if math.isinf(row["small_seconds"]) else "1 MB"
                print(
                    f"worst function={function} pattern={row['pattern'].replace(' ', '-')} "
                    f"over the limit: one call on {size} took more than {args.worst_limit:g} s",
                    flush=True,
                )
                cells = ("-", f"{ordinary:.2f}", "-", "-", "-", f"over {args.worst_limit:g} s at {size}", "-")
                table.append((function, row["pattern"], *cells))
                continue
            speed = row["large_mb"] / row["large_seconds"]
            ratio = row["large_seconds"] / row["small_seconds"]
            noise = max(row["small_spread"], row["large_spread"])
            verdict = worst_verdict(ratio, noise)
            rec = {
                "peer": f"newscorpus-worst-{function}",
                "function": function,
                "pattern": row["pattern"],
                "mb_per_s": speed,
                "ordinary_mb_per_s": ordinary,
                "speed_ratio": speed / ordinary,
                "time_ratio_1mb_100kb": ratio,
                "noise": noise,
                "verdict": verdict,
                "records_per_kb": row["large_records"] / (row["large_mb"] * 1e3),
            }
            out.append(rec)
            print(
                f"worst function={function} pattern={row['pattern'].replace(' ', '-')} mb_per_s={speed:.2f} "
                f"speed_ratio={speed / ordinary:.2f} time_ratio_1mb_100kb={ratio:.1f} noise={100 * noise:.0f}% "
                f"time={verdict} records_per_kb={rec['records_per_kb']:.1f}",
                flush=True,
            )
            table.append(
                (
                    function,
                    row["pattern"],
                    f"{speed:.2f}",
                    f"{ordinary:.2f}",
                    f"{speed / ordinary:.2f}" + ("" if speed / ordinary >= WORST_TARGET else " <"),
                    f"{ratio:.1f}",
                    f"{100 * noise:.0f}%",
                    verdict,
                    f"{rec['records_per_kb']:.1f}",
                )
            )
    if not table:
        return
    head: tuple[str, ...] = ("function", "pattern", "MB/s 1MB", "ordinary MB/s", "hostile/ordinary", "1MB/100kB")
    head += ("noise", "time")
    head += ("out/kB",)
    widths = [max(len(row[i]) for row in (head, *table)) for i in range(len(head))]
    print(f"# worst case (hostile/ordinary target >= {WORST_TARGET}, '<' below it)", flush=True)
    for row in (head, *table):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip(), flush=True)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    ap = argparse.ArgumentParser(
        description="Speed and memory benchmark of newscorpus stages, in the peers' output form.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=(__doc__ or "").split("\n\n", 1)[-1],
    )
    ap.add_argument("corpus", type=Path, help="directory of *.txt files or a .jsonl file with a text field")
    ap.add_argument("--stages", default=",".join(STAGES), help=f"comma-separated stages (default: {','.join(STAGES)})")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes per stage; the fastest is kept (default: 3)")
    ap.add_argument("--warmup", type=int, default=20, help="documents of the untimed warm-up pass (default: 20)")
    ap.add_argument("--base", default="2005-01-01", help="reference date of undated articles (default: 2005-01-01)")
    ap.add_argument("--peers", default="", help="peers to time as well: dateparser")
    ap.add_argument("--slow-limit", type=float, default=120.0, help="seconds cap for slow peers (default: 120)")
    ap.add_argument("--scaling", action="store_true", help="also time load/pipeline on 10 MB x --scales corpora")
    ap.add_argument("--scales", default="1,10,100", help="multiples of 10 MB for --scaling (default: 1,10,100)")
    ap.add_argument(
        "--scaling-budget",
        type=float,
        default=600.0,
        help="beyond the two smallest scales, skip a pipeline run expected to take longer (default: 600 s)",
    )
    ap.add_argument("--tmpdir", default=None, help="where --scaling writes its corpora (default: the system temp)")
    ap.add_argument("--json", type=Path, default=None, help="also append the records to this JSONL file")
    ap.add_argument(
        "--pin-cpu",
        type=int,
        default=None,
        help="pin each stage process to this CPU (default: not pinned; the stages are single-threaded, as the peers)",
    )
    ap.add_argument("--worst-case", action="store_true", help="also time the text functions on hostile input")
    ap.add_argument(
        "--worst-functions",
        default=",".join(WORST_FUNCTIONS),
        help=f"functions for --worst-case (default: {','.join(WORST_FUNCTIONS)})",
    )
    ap.add_argument("--worst-patterns", default="", help="comma-separated hostile patterns (default: all)")
    ap.add_argument(
        "--worst-limit",
        type=float,
        default=120.0,
        help="stop a --worst-case call after this many seconds and report it as over the limit (default: 120)",
    )
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--mean", action="store_true", help=argparse.SUPPRESS)
    return ap.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark."""
    args = parse_args(argv)
    if not args.corpus.exists():
        raise SystemExit(f"no such corpus: {args.corpus}")
    if args.child:
        return child_main(args)
    stages = [s.strip() for s in args.stages.split(",") if s.strip()]
    peers = [p.strip() for p in args.peers.split(",") if p.strip()]
    functions = {f.strip() for f in args.worst_functions.split(",") if f.strip()}
    unknown = (set(stages) - set(STAGES)) | (set(peers) - set(PEERS)) | (functions - set(WORST_FUNCTIONS))
    if unknown:
        raise SystemExit(f"unknown stages or peers: {sorted(unknown)}; known: {[*STAGES, *PEERS]}")
    dt.date.fromisoformat(args.base)

    texts = read_texts(args.corpus)
    if not texts:
        raise SystemExit(f"no documents in {args.corpus}")
    version = "not installed"
    if importlib.util.find_spec("newscorpus") is not None:
        version = getattr(importlib.import_module("newscorpus"), "__version__", "unknown")
    print(
        f"# corpus docs={len(texts)} mb={mb_of(texts):.3f} words={sum(len(t.split()) for t in texts)} "
        f"cpu='{cpu_model()}' cores={os.cpu_count()} python={platform.python_version()} newscorpus={version}",
        file=sys.stderr,
        flush=True,
    )
    del texts

    out: list[dict[str, Any]] = []
    for stage in stages:
        emit(f"newscorpus-{stage}", run_child(stage, args.corpus, args), out)

    if "dateparser" in peers:
        if importlib.util.find_spec("dateparser") is None:
            print(
                "peer=dateparser skipped: dateparser is not importable in this interpreter; it is not a "
                "dependency of newscorpus, so install it in a throwaway venv outside the repository: "
                "python -m venv /tmp/peers && /tmp/peers/bin/pip install dateparser==1.5.0 && "
                "/tmp/peers/bin/pip install -e . && /tmp/peers/bin/python benchmarks/bench.py CORPUS "
                "--peers dateparser",
                flush=True,
            )
        elif emit("dateparser", run_child("dateparser", args.corpus, args), out):
            ours = next((r for r in out if r["peer"] == "newscorpus-timex" and "mb_per_s" in r), None)
            theirs = out[-1]
            if ours is None:
                print("ratio newscorpus-timex/dateparser: no timex figure in this run", flush=True)
            else:
                print(f"ratio newscorpus-timex/dateparser = {ours['mb_per_s'] / theirs['mb_per_s']:.1f}x", flush=True)

    if args.scaling:
        run_scaling(args, out)

    if args.worst_case:
        run_worst_case(args, out)

    if args.json:
        with open(args.json, "a", encoding="utf-8") as fh:
            for rec in out:
                fh.write(json.dumps(rec) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
