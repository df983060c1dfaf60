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

from newscorpus._workers import Encoder, Pool, R, identity
from newscorpus.errors import OptionsError, RegistryError, SpanError
from newscorpus.registry import CleaningRule, ExtractorSpec, cleaners, extractors
from newscorpus.types import Article, Document, Event, Mention, Quote, Sentence, Span, StageError, TimeExpr

__all__ = ["DEFAULT_EXTRACT", "Pipeline"]

#: The extractors a :class:`Pipeline` runs when none are named.
DEFAULT_EXTRACT: tuple[str, ...] = ("sentences.v1", "timex.v1", "mentions.v1", "quotes.v1", "events.v1")

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

    return extract_quotes(doc.article, sentences=doc.sentences or None, mentions=doc.mentions)


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
    """Refuse results that are not records of the field's type, or whose spans do not fit *text*.

    Every record is checked, in order, and the first that fails is named. The
    types are looked at once each when they are all right; the span check is
    :meth:`~newscorpus.types.Span.fits` written out in the loop, as it runs
    for every record the pipeline makes.
    """
    assert spec.into is not None
    kind = _FIELD_TYPES.get(spec.into, Event)
    typed = all(issubclass(cls, kind) for cls in set(map(type, items)))
    size = len(text)
    for item in items:
        if not typed and not isinstance(item, kind):
            raise TypeError(f"{spec.into} must hold {kind.__name__} records, got a {type(item).__name__}")
        span = item.trigger if kind is Event else item
        end = span.end
        if end > size or text[span.start : end] != span.text:
            raise SpanError(f"{kind.__name__} at {span.start}:{end} does not slice back to the article text")
    return items


def _article_of(item: object) -> Article:
    """*item* as an article: a string becomes one; anything else is refused."""
    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        return Article(raw=item)
    raise OptionsError(f"a pipeline takes an Article or a str, not {type(item).__name__}")


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
        enter = None if on_stage is None else (lambda position, stage: on_stage(stage))
        return self._run_many([_article_of(article)], on_stage=enter)[0]

    def _run_many(
        self, articles: Sequence[Article], *, on_stage: Callable[[int, int], None] | None = None
    ) -> list[Document]:
        """Run every stage over *articles*, one stage over all of them before the next.

        Each article's stages run in the same order, on the same inputs, as
        when it goes through alone, so its document is the same; running a
        stage over several articles in a row keeps that stage's code and data
        warm. *on_stage* is told ``(position, stage)`` before each call.
        """
        errors: list[list[StageError]] = [[] for _ in articles]
        current = list(articles)
        index = 0
        for name, cleaner in self.cleaners:
            for position, article in enumerate(current):
                if on_stage is not None:
                    on_stage(position, index)
                try:
                    cleaned = cleaner(article)
                    if not isinstance(cleaned, Article):
                        raise TypeError(f"cleaner returned a {type(cleaned).__name__}, not an Article")
                    current[position] = cleaned
                except (Exception, SystemExit) as exc:  # one article's failure must not end the run
                    errors[position].append(StageError(stage=name, error=type(exc).__name__, message=str(exc)))
            index += 1
        fields: list[dict[str, Any]] = [{"article": article, "extensions": {}} for article in current]
        docs = [Document(article=article) for article in current]
        for spec in self.extractors:
            into = spec.into
            for position, doc in enumerate(docs):
                if on_stage is not None:
                    on_stage(position, index)
                state = fields[position]
                try:
                    result = spec.func(doc)
                    if into is None:
                        state["extensions"] = {**state["extensions"], spec.name: result}
                    else:
                        state[into] = _checked(spec, _as_tuple(result), doc.article.text)
                    docs[position] = Document(**state)
                except (Exception, SystemExit) as exc:  # one article's failure must not end the run
                    errors[position].append(StageError(stage=spec.name, error=type(exc).__name__, message=str(exc)))
            index += 1
        stages = self.stage_names
        return [
            Document(**state, stages=stages, errors=tuple(errs)) for state, errs in zip(fields, errors, strict=True)
        ]

    def pipe(
        self,
        articles: Iterable[Article | str],
        *,
        workers: int = 1,
        batch_size: int = 32,
        timeout: float | None = None,
    ) -> Iterator[Document]:
        """Process a stream lazily, yielding documents in input order.

        With one worker the articles are taken *batch_size* at a time and
        each stage runs over the whole batch before the next stage starts
        (which keeps each stage's code and data warm in the processor's
        caches); every article still gets exactly the document it gets alone.
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
           With one worker, stages run batch by batch.
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
            return self._in_batches(stream, batch_size)
        return self._pool(workers, batch_size, timeout, identity).run(stream)

    def _in_batches(self, stream: Iterator[Any], batch_size: int) -> Iterator[Document]:
        """Run the stream in this process, *batch_size* articles at a time (see :meth:`_run_many`).

        An item that is not an article, or a failure of the stream itself, is
        raised after the documents of the articles read before it.
        """
        while True:
            batch: list[Article] = []
            failure: Exception | None = None
            while len(batch) < batch_size:
                try:
                    batch.append(_article_of(next(stream)))
                except StopIteration:
                    break
                except Exception as exc:  # the stream's failure, or a wrong item: raised in its place
                    failure = exc
                    break
            yield from self._run_many(batch)
            if failure is not None:
                raise failure
            if len(batch) < batch_size:
                return

    def _pool(self, workers: int, batch_size: int, timeout: float | None, encode: Encoder[R]) -> Pool[R]:
        """A pool of warm workers for this pipeline (used by :meth:`pipe` and the command line)."""
        self(_WARM_UP)  # import and compile everything once, before the workers are forked
        return Pool(self, workers=workers, batch_size=batch_size, timeout=timeout, encode=encode)
