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

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import attrs

from newscorpus._workers import Encoder, Pool, R, identity
from newscorpus.errors import OptionsError, RegistryError, SpanError
from newscorpus.registry import CleaningRule, ExtractorSpec, cleaners, extractors
from newscorpus.types import Article, Document, Event, Mention, Quote, Sentence, Span, StageError, TimeExpr

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


#: The record type each Document field holds.
_FIELD_TYPES: dict[str, type[Span]] = {
    "sentences": Sentence,
    "timexes": TimeExpr,
    "mentions": Mention,
    "quotes": Quote,
}


def _checked(spec: ExtractorSpec, items: tuple[Any, ...], text: str) -> tuple[Any, ...]:
    """Refuse results that are not records of the field's type, or whose spans do not fit *text*."""
    assert spec.into is not None
    kind = _FIELD_TYPES.get(spec.into, Event)
    for item in items:
        if not isinstance(item, kind):
            raise TypeError(f"{spec.into} must hold {kind.__name__} records, got a {type(item).__name__}")
        span = item.trigger if isinstance(item, Event) else item
        if not span.fits(text):
            raise SpanError(f"{kind.__name__} at {span.start}:{span.end} does not slice back to the article text")
    return items


# A short article that touches every built-in stage, run once before workers start.
_WARM_UP = "Warm-up\n\nTalks ended on Monday, Feb. 28, 2022. \u201cWe agreed,\u201d the minister said in Kyiv.\n"


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
        """Clean *article* and run every extractor on it.

        A stage that raises (even ``SystemExit``) or returns records of the
        wrong kind is recorded in ``doc.errors``; the next stage still runs.
        """
        return self._run(article)

    def _run(self, article: Article | str, *, on_stage: Callable[[int], None] | None = None) -> Document:
        if isinstance(article, str):
            article = Article(raw=article)
        elif not isinstance(article, Article):
            raise OptionsError(f"a pipeline takes an Article or a str, not {type(article).__name__}")
        stages: list[str] = []
        errors: list[StageError] = []
        index = 0
        for name, cleaner in self.cleaners:
            if on_stage is not None:
                on_stage(index)
            index += 1
            stages.append(name)
            try:
                cleaned = cleaner(article)
                if not isinstance(cleaned, Article):
                    raise TypeError(f"cleaner returned a {type(cleaned).__name__}, not an Article")
                article = cleaned
            except (Exception, SystemExit) as exc:  # one article's failure must not end the run
                errors.append(StageError(stage=name, error=type(exc).__name__, message=str(exc)))
        extensions: dict[str, Any] = {}
        doc = Document(article=article)
        for spec in self.extractors:
            if on_stage is not None:
                on_stage(index)
            index += 1
            stages.append(spec.name)
            try:
                result = spec.func(doc)
                if spec.into is None:
                    extensions[spec.name] = result
                    doc = attrs.evolve(doc, extensions=dict(extensions))
                else:
                    filled: dict[str, Any] = {spec.into: _checked(spec, _as_tuple(result), article.text)}
                    doc = attrs.evolve(doc, **filled)
            except (Exception, SystemExit) as exc:  # one article's failure must not end the run
                errors.append(StageError(stage=spec.name, error=type(exc).__name__, message=str(exc)))
        return attrs.evolve(doc, stages=tuple(stages), errors=tuple(errors))

    def pipe(
        self,
        articles: Iterable[Article | str],
        *,
        workers: int = 1,
        batch_size: int = 32,
        timeout: float | None = None,
    ) -> Iterator[Document]:
        """Process a stream lazily, yielding documents in input order.

        With ``workers > 1`` batches of *batch_size* articles go to that many
        worker processes, started warm (on Linux they are forked from this
        process after the pipeline has run once, so stages may be any callable,
        lambdas included; elsewhere they are spawned and stages must be
        importable, and the calling script needs an
        ``if __name__ == "__main__":`` guard). Memory stays bounded whatever
        the stream's length, and the output is the same for any number of
        workers.

        A fault costs at most the article that caused it: a worker that dies,
        a result that cannot be sent back from a worker, or an article that
        takes longer than *timeout* seconds (which then runs in a worker
        process even with ``workers=1``) gives that article a document with a
        :class:`~newscorpus.types.StageError` naming the stage, the worker is
        replaced and the run goes on.

        .. versionchanged:: 0.2.0
           Workers start warm and are replaced when they die; *timeout* added.
        """
        if not isinstance(workers, int) or isinstance(workers, bool) or workers < 1:
            raise OptionsError(f"workers must be a whole number >= 1, got {workers!r}")
        if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
            raise OptionsError(f"batch_size must be a whole number >= 1, got {batch_size!r}")
        if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0):
            raise OptionsError(f"timeout must be a number of seconds > 0, got {timeout!r}")
        if isinstance(articles, (str, bytes, Article)):
            raise OptionsError("pipe takes an iterable of articles; for one article, call the pipeline itself")
        try:
            stream = iter(articles)
        except TypeError:
            raise OptionsError(f"pipe takes an iterable of articles, not {type(articles).__name__}") from None
        if workers == 1 and timeout is None:
            return (self(article) for article in stream)
        return self._pool(workers, batch_size, timeout, identity).run(stream)

    def _pool(self, workers: int, batch_size: int, timeout: float | None, encode: Encoder[R]) -> Pool[R]:
        """A pool of warm workers for this pipeline (used by :meth:`pipe` and the command line)."""
        self(_WARM_UP)  # import and compile everything once, before the workers are forked
        return Pool(self, workers=workers, batch_size=batch_size, timeout=timeout, encode=encode)
