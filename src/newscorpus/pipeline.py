"""Run cleaning and extractors over one article or a stream of them.

>>> import newscorpus as nc
>>> pipeline = nc.Pipeline(["sentences.v1"], clean=None)
>>> doc = pipeline("Talks ended on Monday. Both sides will meet again.")
>>> [s.text for s in doc.sentences]
['Talks ended on Monday.', 'Both sides will meet again.']

Stages are named from the registries (:data:`newscorpus.registry.extractors`
and :data:`newscorpus.registry.cleaners`) or given as callables. A stage that
raises on one article does not stop the run: the failure is recorded on that
article's :class:`~newscorpus.types.Document` (``doc.errors``) with the stage's
name, and the next stage runs.
"""

from __future__ import annotations

import concurrent.futures
import itertools
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import attrs

from newscorpus.errors import OptionsError, RegistryError
from newscorpus.registry import CleaningRule, ExtractorSpec, cleaners, extractors
from newscorpus.types import Article, Document, StageError

__all__ = ["DEFAULT_EXTRACT", "Pipeline"]

#: The extractors a :class:`Pipeline` runs when none are named.
DEFAULT_EXTRACT: tuple[str, ...] = ("sentences.v1", "timex.v1")

_FIELDS = frozenset({"sentences", "timexes", "mentions", "quotes", "events"})

ExtractorLike = str | ExtractorSpec | Callable[[Document], Any]
CleanerLike = str | Callable[[Article], Article]


# Built-in stages. They import their modules on first use, so that importing the
# package stays cheap and every layer imports only downwards.


def _clean_v1(article: Article) -> Article:
    from newscorpus.clean import clean

    return clean(article)


def _sentences_v1(doc: Document) -> Any:
    from newscorpus.text import sentences

    return sentences(doc.article)


def _timex_v1(doc: Document) -> Any:
    from newscorpus.extract.timex import extract_timexes

    return extract_timexes(doc.article, sentences=doc.sentences or None)


def _mentions_v1(doc: Document) -> Any:
    from newscorpus.extract.mentions import extract_mentions

    return extract_mentions(doc.article, sentences=doc.sentences or None)


def _quotes_v1(doc: Document) -> Any:
    from newscorpus.extract.quotes import extract_quotes

    return extract_quotes(doc.article, sentences=doc.sentences or None, mentions=doc.mentions or None)


def _events_v1(doc: Document) -> Any:
    from newscorpus.extract.events import extract_events

    return extract_events(doc.article, sentences=doc.sentences, timexes=doc.timexes, mentions=doc.mentions)


cleaners.register("clean.v1", _clean_v1)
extractors.register("sentences.v1", _sentences_v1, into="sentences")
extractors.register("timex.v1", _timex_v1, into="timexes", requires=("sentences.v1",))
extractors.register("mentions.v1", _mentions_v1, into="mentions", requires=("sentences.v1",))
extractors.register("quotes.v1", _quotes_v1, into="quotes", requires=("mentions.v1", "sentences.v1"))
extractors.register("events.v1", _events_v1, into="events", requires=("sentences.v1", "timex.v1", "mentions.v1"))


def _stage_name(func: Callable[..., Any]) -> str:
    name = getattr(func, "__name__", type(func).__name__)
    return f"{getattr(func, '__module__', None) or 'local'}.{name}"


def _resolve_extractor(item: ExtractorLike) -> ExtractorSpec:
    if isinstance(item, ExtractorSpec):
        return item
    if isinstance(item, str):
        return extractors.get(item)
    if callable(item):
        return ExtractorSpec(name=_stage_name(item), func=item)
    raise OptionsError(f"an extractor must be a registered name or a callable, not {type(item).__name__}")


def _resolve_cleaner(item: CleanerLike) -> tuple[str, CleaningRule]:
    if isinstance(item, str):
        return item, cleaners.get(item)
    if callable(item):
        return _stage_name(item), item
    raise OptionsError(f"a cleaner must be a registered name or a callable, not {type(item).__name__}")


def _with_requirements(specs: Iterable[ExtractorSpec]) -> tuple[ExtractorSpec, ...]:
    """Order *specs* so that every extractor runs after the ones it requires."""
    ordered: dict[str, ExtractorSpec] = {}
    visiting: set[str] = set()

    def visit(spec: ExtractorSpec) -> None:
        if spec.name in ordered:
            return
        if spec.name in visiting:
            raise RegistryError(f"extractor {spec.name!r} requires itself through {sorted(visiting)}")
        visiting.add(spec.name)
        for required in spec.requires:
            visit(extractors.get(required))
        visiting.discard(spec.name)
        ordered[spec.name] = spec

    for spec in specs:
        visit(spec)
    return tuple(ordered.values())


def _as_tuple(result: Any) -> tuple[Any, ...]:
    return result if isinstance(result, tuple) else tuple(result)


class Pipeline:
    """Cleaning followed by extractors, for one article or a stream.

    *extract* names the extractors to run (registered names, callables taking a
    :class:`~newscorpus.types.Document`, or :class:`~newscorpus.registry.ExtractorSpec`);
    the extractors they require are added in front. *clean* names the cleaner
    (or a sequence of cleaners run in order); ``None`` skips cleaning.

    .. versionadded:: 0.1.0
    """

    def __init__(
        self,
        extract: Sequence[ExtractorLike] | None = None,
        *,
        clean: CleanerLike | Sequence[CleanerLike] | None = "clean.v1",
    ) -> None:
        if isinstance(extract, str):
            raise OptionsError("extract takes a sequence of names, e.g. ['quotes.v1'], not a single string")
        names = DEFAULT_EXTRACT if extract is None else extract
        self.extractors: tuple[ExtractorSpec, ...] = _with_requirements(_resolve_extractor(x) for x in names)
        if clean is None:
            cleaner_items: Sequence[CleanerLike] = ()
        elif isinstance(clean, str) or callable(clean):
            cleaner_items = (clean,)
        else:
            cleaner_items = tuple(clean)
        self.cleaners: tuple[tuple[str, CleaningRule], ...] = tuple(_resolve_cleaner(c) for c in cleaner_items)
        for spec in self.extractors:
            if spec.into is not None and spec.into not in _FIELDS:
                raise OptionsError(f"extractor {spec.name!r} fills unknown Document field {spec.into!r}")

    @property
    def stage_names(self) -> tuple[str, ...]:
        """The names of the stages, in the order they run."""
        return tuple(name for name, _ in self.cleaners) + tuple(spec.name for spec in self.extractors)

    def __repr__(self) -> str:
        return f"Pipeline(stages={list(self.stage_names)!r})"

    def __call__(self, article: Article | str) -> Document:
        """Clean *article* and run every extractor on it."""
        if isinstance(article, str):
            article = Article(raw=article)
        stages: list[str] = []
        errors: list[StageError] = []
        for name, cleaner in self.cleaners:
            stages.append(name)
            try:
                cleaned = cleaner(article)
                if not isinstance(cleaned, Article):
                    raise TypeError(f"cleaner returned a {type(cleaned).__name__}, not an Article")
                article = cleaned
            except Exception as exc:  # one article's failure must not end the run
                errors.append(StageError(stage=name, error=type(exc).__name__, message=str(exc)))
        extensions: dict[str, Any] = {}
        doc = Document(article=article)
        for spec in self.extractors:
            stages.append(spec.name)
            try:
                result = spec.func(doc)
                if spec.into is None:
                    extensions[spec.name] = result
                    doc = attrs.evolve(doc, extensions=dict(extensions))
                else:
                    filled: dict[str, Any] = {spec.into: _as_tuple(result)}
                    doc = attrs.evolve(doc, **filled)
            except Exception as exc:  # one article's failure must not end the run
                errors.append(StageError(stage=spec.name, error=type(exc).__name__, message=str(exc)))
        return attrs.evolve(doc, stages=tuple(stages), errors=tuple(errors))

    def pipe(
        self,
        articles: Iterable[Article | str],
        *,
        workers: int = 1,
        batch_size: int = 32,
    ) -> Iterator[Document]:
        """Process a stream lazily, yielding documents in input order.

        With ``workers > 1`` batches of *batch_size* articles go to that many
        worker processes; at most ``2 * workers`` batches are in flight, so
        memory stays bounded whatever the stream's length. The output is the
        same for any number of workers. Stages given as callables must then be
        importable by the workers (module-level functions, not lambdas).
        """
        if not isinstance(workers, int) or workers < 1:
            raise OptionsError(f"workers must be a whole number >= 1, got {workers!r}")
        if not isinstance(batch_size, int) or batch_size < 1:
            raise OptionsError(f"batch_size must be a whole number >= 1, got {batch_size!r}")
        if workers == 1:
            return (self(article) for article in articles)
        return self._pipe_parallel(articles, workers, batch_size)

    def _pipe_parallel(self, articles: Iterable[Article | str], workers: int, batch_size: int) -> Iterator[Document]:
        iterator = iter(articles)
        context = multiprocessing.get_context("spawn")
        with concurrent.futures.ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(self,)
        ) as pool:
            pending: deque[concurrent.futures.Future[list[Document]]] = deque()
            while True:
                while len(pending) < 2 * workers:
                    batch = list(itertools.islice(iterator, batch_size))
                    if not batch:
                        break
                    pending.append(pool.submit(_run_batch, batch))
                if not pending:
                    return
                yield from pending.popleft().result()


_worker_pipeline: Pipeline | None = None


def _init_worker(pipeline: Pipeline) -> None:
    global _worker_pipeline
    _worker_pipeline = pipeline


def _run_batch(batch: list[Article | str]) -> list[Document]:
    assert _worker_pipeline is not None
    return [_worker_pipeline(article) for article in batch]
