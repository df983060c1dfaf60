"""Tests for newscorpus.pipeline."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newscorpus as nc
from newscorpus import _workers
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


def die_on_marker(doc: nc.Document) -> int:
    """An extractor whose process dies on articles that say DIE, as a crash in a C extension would."""
    if "DIE" in doc.article.text:
        os._exit(3)
    return 1


def hang_on_marker(doc: nc.Document) -> int:
    """An extractor that never returns on articles that say HANG."""
    if "HANG" in doc.article.text:
        time.sleep(600)
    return 2


def unpicklable_on_marker(doc: nc.Document) -> Any:
    """An extractor whose result cannot travel between processes on articles that say LOCK."""
    if "LOCK" in doc.article.text:
        return lambda: None
    return 3


def exit_on_marker(doc: nc.Document) -> int:
    """An extractor that calls sys.exit on articles that say EXIT."""
    if "EXIT" in doc.article.text:
        sys.exit(4)
    return 4


def fail_on_marker(doc: nc.Document) -> int:
    """An extractor that raises on articles that say FAIL."""
    if "FAIL" in doc.article.text:
        raise ValueError("marked")
    return len(doc.sentences)


def refuse_on_marker(article: nc.Article) -> nc.Article:
    """A cleaner that returns something else than an article on articles that say REFUSE."""
    if "REFUSE" in article.text:
        return "refused"  # type: ignore[return-value]
    return shout(article)


def stories(count: int) -> list[str]:
    """Small distinct articles."""
    return [f"Story {n} ran on Monday. It ended.\n\nMore on {n}." for n in range(count)]


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

    @pytest.mark.parametrize("batch_size", [1, 3, 50])
    def test_batches_give_the_documents_of_single_runs(self, batch_size: int) -> None:
        """Run stage by stage over a batch, here or in workers, each article gets the document it gets alone."""
        texts = stories(12)
        texts[2] += " FAIL"
        texts[5] += "\nREFUSE"
        texts[6] = "HEADLINE IN CAPITALS\n" + texts[6]
        bad = nc.Sentence(start=0, end=3, text="xyz")
        off = ExtractorSpec(name="off.v1", func=lambda d: [bad] if "7" in d.article.text else [], into="quotes")
        pipeline = nc.Pipeline(["timex.v1", fail_on_marker, count_words, off], clean=refuse_on_marker)
        alone = [pipeline(text) for text in texts]
        assert alone == list(pipeline.pipe(texts, batch_size=batch_size))
        assert alone == list(pipeline.pipe(texts, batch_size=batch_size, workers=2))
        failed = [(i, e.stage, e.error) for i, d in enumerate(alone) for e in d.errors]
        expected = [
            (2, "test_pipeline.fail_on_marker", "ValueError"),
            (5, "test_pipeline.refuse_on_marker", "TypeError"),
            (7, "off.v1", "TypeError"),
        ]
        assert expected == failed
        assert ("shout",) == tuple(r.rule for r in alone[6].article.removals)

    def test_stream_failure_comes_after_the_documents_before_it(self) -> None:
        """A stream that fails part-way yields the documents of the articles read before, then raises."""

        def failing() -> Iterator[str]:
            yield from stories(5)
            raise RuntimeError("disk gone")

        docs = nc.Pipeline(["sentences.v1"], clean=None).pipe(failing(), batch_size=4)
        got = [next(docs) for _ in range(5)]
        with pytest.raises(RuntimeError, match="disk gone"):
            next(docs)
        assert stories(5) == [d.article.raw for d in got]

    def test_wrong_item_comes_after_the_documents_before_it(self) -> None:
        """An item that is not an article is refused after the documents of the articles before it."""
        docs = nc.Pipeline(["sentences.v1"], clean=None).pipe([*stories(2), None])  # type: ignore[list-item]
        got = [next(docs), next(docs)]
        with pytest.raises(OptionsError, match="NoneType"):
            next(docs)
        assert stories(2) == [d.article.raw for d in got]

    @pytest.mark.filterwarnings("ignore::newscorpus.errors.NewscorpusWarning")
    @given(st.lists(news_text(max_words=40), max_size=6), st.integers(min_value=1, max_value=4))
    def test_batches_are_invisible(self, texts: list[str], batch_size: int) -> None:
        """The default pipeline gives the same documents whatever the batch size."""
        pipeline = nc.Pipeline()
        assert [pipeline(text) for text in texts] == list(pipeline.pipe(texts, batch_size=batch_size))


class TestFaults:
    """A fault costs at most the article that caused it, in any worker count."""

    def run(self, texts: list[str], **options: Any) -> list[nc.Document]:
        pipeline = nc.Pipeline(
            ["sentences.v1", die_on_marker, hang_on_marker, unpicklable_on_marker, exit_on_marker], clean=None
        )
        return list(pipeline.pipe(texts, **options))

    def test_worker_death_costs_one_article(self) -> None:
        """A worker that dies is replaced; its article records the stage, every other article is intact."""
        texts = stories(60)
        texts[17] += " DIE"
        texts[18] += " DIE"
        docs = self.run(texts, workers=2, batch_size=8)
        assert texts == [d.article.raw for d in docs]
        failed = {i: d.errors for i, d in enumerate(docs) if d.errors}
        expected = nc.StageError(
            stage="test_pipeline.die_on_marker",
            error="WorkerDied",
            message="the worker process ended (exit code 3) on this article",
        )
        assert {17: (expected,), 18: (expected,)} == failed
        assert [3] * 58 == [len(d.sentences) for i, d in enumerate(docs) if i not in failed]

    def test_unpicklable_result_is_recorded(self) -> None:
        """A result that cannot be sent back is dropped from its document and recorded there."""
        texts = stories(20)
        texts[5] += " LOCK"
        docs = self.run(texts, workers=2, batch_size=3)
        assert ["test_pipeline.unpicklable_on_marker"] == [e.stage for e in docs[5].errors]
        assert "test_pipeline.unpicklable_on_marker" not in docs[5].extensions
        assert 2 == docs[5].extensions["test_pipeline.hang_on_marker"]
        assert all(d.ok for i, d in enumerate(docs) if i != 5)

    def test_system_exit_is_isolated(self) -> None:
        """SystemExit raised by a stage is recorded like any failure, in the process and in workers."""
        texts = stories(10)
        texts[2] += " EXIT"
        for workers in (1, 2):
            docs = self.run(texts, workers=workers, batch_size=4)
            assert [(2, "SystemExit")] == [(i, e.error) for i, d in enumerate(docs) for e in d.errors]
            assert 10 == len(docs)

    def test_timeout(self) -> None:
        """An article that takes longer than the time limit records a Timeout; the run goes on."""
        texts = stories(6)
        texts[1] += " HANG"
        docs = self.run(texts, timeout=3)
        assert [(1, "test_pipeline.hang_on_marker", "Timeout")] == [
            (i, e.stage, e.error) for i, d in enumerate(docs) for e in d.errors
        ]
        assert texts == [d.article.raw for d in docs]

    def test_wrong_records_are_refused(self) -> None:
        """An extractor that fills a record field with something else is a recorded failure."""
        spec = ExtractorSpec(name="strings.v1", func=lambda doc: ["a", "b"], into="sentences")
        doc = nc.Pipeline([spec], clean=None)(TEXT)
        assert [("strings.v1", "TypeError")] == [(e.stage, e.error) for e in doc.errors]
        assert () == doc.sentences
        bad = nc.Sentence(start=0, end=3, text="xyz")
        doc = nc.Pipeline([ExtractorSpec(name="off.v1", func=lambda d: [bad], into="sentences")], clean=None)(TEXT)
        assert [("off.v1", "SpanError")] == [(e.stage, e.error) for e in doc.errors]

    def test_first_wrong_record_is_named(self) -> None:
        """Among records of several wrong types, the message names the first one's type."""
        good = nc.Sentence(start=0, end=6, text="RECENT")
        spec = ExtractorSpec(name="mixed.v1", func=lambda doc: [good, 3, "a"], into="sentences")
        doc = nc.Pipeline([spec], clean=None)(TEXT)
        assert ("sentences must hold Sentence records, got a int",) == tuple(e.message for e in doc.errors)

    def test_first_failing_record_decides_the_error(self) -> None:
        """A record that does not fit, before one of the wrong type, is the failure recorded."""
        off = nc.Sentence(start=0, end=3, text="xyz")
        spec = ExtractorSpec(name="mixed.v1", func=lambda doc: [off, "a"], into="sentences")
        doc = nc.Pipeline([spec], clean=None)(TEXT)
        assert [("mixed.v1", "SpanError")] == [(e.stage, e.error) for e in doc.errors]

    def test_span_past_the_end_is_refused(self) -> None:
        """A record running past the end of the text is refused, even where its text ends the article."""
        tail = nc.Mention(start=len(TEXT) - 1, end=len(TEXT) + 1, text="\nx")
        spec = ExtractorSpec(name="tail.v1", func=lambda doc: (tail,), into="mentions")
        doc = nc.Pipeline([spec], clean=None)(TEXT)
        assert [("tail.v1", "SpanError")] == [(e.stage, e.error) for e in doc.errors]
        assert () == doc.mentions

    def test_not_an_article(self) -> None:
        """Anything but an Article or a str is refused with our own error."""
        with pytest.raises(OptionsError):
            nc.Pipeline()(None)  # type: ignore[arg-type]
        with pytest.raises(OptionsError):
            nc.Pipeline([]).pipe([], timeout=0)

    def test_memory_is_bounded(self) -> None:
        """Workers never read further ahead of the consumer than a fixed window."""
        taken = 0

        def endless() -> Iterator[str]:
            nonlocal taken
            for n in itertools.count():
                taken += 1
                yield f"Story {n}. It ends."

        docs = nc.Pipeline(["sentences.v1"], clean=None).pipe(endless(), workers=2, batch_size=4)
        first = list(itertools.islice(docs, 10))
        docs.close()  # type: ignore[attr-defined]
        assert 10 == len(first)
        assert taken <= 10 + 4 * 2 * 4

    @pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
    def test_workers_that_cannot_start(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Workers that die before taking any article, again and again, end the run with WorkerError."""
        monkeypatch.setattr(_workers, "_serve", lambda *args: os._exit(1))
        with pytest.raises(nc.WorkerError, match="before finishing any article"):
            list(nc.Pipeline(["sentences.v1"], clean=None).pipe(stories(10), workers=2))

    @pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
    def test_script_without_main_guard(self, tmp_path: Path) -> None:
        """A script that uses workers without an `if __name__ == "__main__"` guard runs once and works."""
        script = tmp_path / "run.py"
        out = tmp_path / "out.jsonl"
        script.write_text(
            "import newscorpus as nc\n"
            "texts = [f'Story {n}. It ended on Monday.' for n in range(40)]\n"
            "docs = nc.Pipeline(['timex.v1']).pipe(texts, workers=2, batch_size=4)\n"
            f"print(nc.write_jsonl(docs, {str(out)!r}))\n",
            encoding="utf-8",
        )
        done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=False)
        assert (0, "40\n", "") == (done.returncode, done.stdout, done.stderr)
        assert 40 == len(list(nc.read_documents(out)))


class TestProperties:
    @pytest.mark.filterwarnings("ignore::newscorpus.errors.NewscorpusWarning")
    @given(news_text(max_words=120))
    def test_every_span_maps_back(self, raw: str) -> None:
        """Through the default pipeline, every span slices back to text, and through the alignment to raw."""
        doc = nc.Pipeline()(nc.Article(raw=raw, date=dt.date(2022, 2, 25)))
        article = doc.article
        assert () == doc.errors
        assert raw == article.raw
        pieces = [piece for quote in doc.quotes for piece in (quote.cue, quote.speaker, *quote.fragments) if piece]
        triggers = [event.trigger for event in doc.events]
        for span in (*doc.sentences, *doc.timexes, *doc.mentions, *doc.quotes, *pieces, *triggers):
            assert article.text[span.start : span.end] == span.text
            assert span.text == "".join(piece.text for piece in article.raw_spans(span))

    def test_hostile_input_is_intact(self) -> None:
        """A megabyte of hostile text goes through the whole pipeline intact (its time is the worst-case tests')."""
        hostile = ("Feb. 25 " * 20_000) + ("a." * 100_000) + ("#tag @handle https://t.co/x " * 10_000) + "\n" * 50_000
        doc = nc.Pipeline()(hostile)
        assert () == doc.errors
        assert hostile == doc.article.raw
