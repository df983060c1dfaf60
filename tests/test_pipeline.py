"""Tests for newscorpus.pipeline."""

from __future__ import annotations

import datetime as dt
import itertools
import time
from collections.abc import Iterator

import pytest
from hypothesis import given

import newscorpus as nc
from newscorpus.errors import OptionsError, RegistryError
from newscorpus.registry import ExtractorSpec
from newscorpus.testing.strategies import news_text


def count_words(doc: nc.Document) -> int:
    """A user extractor: words in the article."""
    return len(doc.article.text.split())


def first_sentence(doc: nc.Document) -> str:
    """A user extractor that needs sentences."""
    return doc.sentences[0].text if doc.sentences else ""


def explode(doc: nc.Document) -> int:
    """An extractor that always fails."""
    raise RuntimeError("boom")


def shout(article: nc.Article) -> nc.Article:
    """A user cleaning rule: drop lines in capitals."""
    cuts = []
    position = 0
    for line in article.text.splitlines(keepends=True):
        if line.strip() and line.strip().isupper():
            cuts.append((position, position + len(line)))
        position += len(line)
    return article.remove(cuts, rule="shout")


TEXT = "RECENT STORIES\nTalks ended on Monday. Both sides will meet again.\n"


class TestPipeline:
    def test_builtin_stages(self) -> None:
        """Named stages run in order, and requirements are added in front."""
        pipeline = nc.Pipeline(["timex.v1"], clean=None)
        assert ("sentences.v1", "timex.v1") == pipeline.stage_names

    def test_callables_and_user_rules(self) -> None:
        """Callables run as extractors (results under their name) and as cleaners."""
        doc = nc.Pipeline([count_words], clean=shout)(TEXT)
        assert "Talks ended on Monday. Both sides will meet again.\n" == doc.article.text
        assert {"test_pipeline.count_words": 9} == dict(doc.extensions)
        assert ("shout",) == tuple(r.rule for r in doc.article.removals)

    def test_registered_user_extractor(self) -> None:
        """A user extractor registered by name runs after the extractors it requires."""
        nc.extractors.register("first.v1", first_sentence, requires=["sentences.v1"])
        try:
            doc = nc.Pipeline(["first.v1"], clean=None)(TEXT)
            assert "RECENT STORIES" == doc.extensions["first.v1"]
            assert ("sentences.v1", "first.v1") == doc.stages
        finally:
            nc.extractors.unregister("first.v1")

    def test_failure_is_isolated(self) -> None:
        """A failing stage is recorded on the document with its name; the others still run."""
        doc = nc.Pipeline([explode, "sentences.v1"], clean=None)(TEXT)
        assert (nc.StageError(stage="test_pipeline.explode", error="RuntimeError", message="boom"),) == doc.errors
        assert 3 == len(doc.sentences)
        assert not doc.ok

    def test_bad_cleaner_result(self) -> None:
        """A cleaner that returns something else than an article is a recorded failure."""
        doc = nc.Pipeline([], clean=lambda article: "oops")(TEXT)  # type: ignore[arg-type,return-value]
        assert ["TypeError"] == [e.error for e in doc.errors]
        assert TEXT == doc.article.text

    def test_unknown_name(self) -> None:
        """An unknown stage name raises RegistryError listing the known ones."""
        with pytest.raises(RegistryError, match=r"known: .*sentences\.v1"):
            nc.Pipeline(["nope.v1"])

    def test_bad_arguments(self) -> None:
        """A single string, a non-callable or a bad worker count are refused."""
        with pytest.raises(OptionsError):
            nc.Pipeline("sentences.v1")
        with pytest.raises(OptionsError):
            nc.Pipeline([42])  # type: ignore[list-item]
        with pytest.raises(OptionsError):
            nc.Pipeline([]).pipe([], workers=0)
        with pytest.raises(OptionsError):
            nc.Pipeline([ExtractorSpec(name="x.v1", func=count_words, into="nowhere")])

    def test_cycle(self) -> None:
        """Extractors that require each other are refused."""
        nc.extractors.register("loop-a.v1", count_words, requires=["loop-b.v1"])
        nc.extractors.register("loop-b.v1", count_words, requires=["loop-a.v1"])
        try:
            with pytest.raises(RegistryError, match="requires itself"):
                nc.Pipeline(["loop-a.v1"])
        finally:
            nc.extractors.unregister("loop-a.v1")
            nc.extractors.unregister("loop-b.v1")


class TestPipe:
    def test_lazy(self) -> None:
        """pipe is lazy: an endless stream yields documents one by one."""

        def endless() -> Iterator[str]:
            for n in itertools.count():
                yield f"Story {n}. It ends."

        docs = nc.Pipeline(["sentences.v1"], clean=None).pipe(endless())
        assert ["Story 0.", "Story 1.", "Story 2."] == [d.sentences[0].text for d in itertools.islice(docs, 3)]

    def test_workers_give_the_same_output(self) -> None:
        """The output is the same, in the same order, for any number of workers."""
        texts = [f"Story {n} ran on Monday, Feb. {1 + n % 27}. It ended.\n\nMore {n}." for n in range(50)]
        articles = [nc.Article(raw=t, date=nc.Article(raw="").date) for t in texts]
        pipeline = nc.Pipeline(["sentences.v1", count_words], clean=shout)
        one = list(pipeline.pipe(articles))
        two = list(pipeline.pipe(articles, workers=2, batch_size=7))
        assert one == two
        assert 50 == len(two)


class TestProperties:
    @given(news_text(max_words=120))
    def test_every_span_maps_back(self, raw: str) -> None:
        """Through the default pipeline, every span slices back to text, and through the alignment to raw."""
        doc = nc.Pipeline()(nc.Article(raw=raw, date=dt.date(2022, 2, 25)))
        article = doc.article
        assert () == doc.errors
        assert raw == article.raw
        for span in (*doc.sentences, *doc.timexes):
            assert article.text[span.start : span.end] == span.text
            assert span.text == "".join(piece.text for piece in article.raw_spans(span))

    def test_hostile_input_is_linear(self) -> None:
        """A megabyte of hostile text goes through the whole pipeline quickly and intact."""
        hostile = ("Feb. 25 " * 20_000) + ("a." * 100_000) + ("#tag @handle https://t.co/x " * 10_000) + "\n" * 50_000
        started = time.perf_counter()
        doc = nc.Pipeline()(hostile)
        assert time.perf_counter() - started < 30
        assert () == doc.errors
        assert hostile == doc.article.raw
