"""Tests for how records show in a console and a notebook: short reprs and Document._repr_html_."""

from __future__ import annotations

import datetime as dt

from hypothesis import given

from newscorpus.testing.strategies import documents
from newscorpus.types import Article, Document, EntityKind, Mention, Quote, QuoteKind, TimeExpr, TimexType


def _doc() -> Document:
    """A cleaned document with a time expression inside a quote, written for these tests."""
    article = Article(
        raw="Menu | Home\nShe said: \u201cWe meet on Monday.\u201d Talks <b>went</b> on.", id="a1"
    ).remove([(0, 12)], rule="navigation")
    text = article.text
    start = text.index("\u201c")
    end = text.index("\u201d") + 1
    monday = text.index("Monday")
    return Document(
        article=article,
        timexes=(TimeExpr(start=monday, end=monday + 6, text="Monday", type=TimexType.DATE, value="2022-02-28"),),
        quotes=(
            Quote(
                start=start,
                end=end,
                text=text[start:end],
                kind=QuoteKind.DIRECT,
                speaker=Mention(start=0, end=3, text="She", kind=EntityKind.PERSON, name="Ana Silva"),
            ),
        ),
    )


class TestShortRepr:
    def test_article_prints_short(self) -> None:
        """A long article prints in one short line, its texts cut."""
        article = Article(raw="word " * 2000, id="a1", title="Talks", date=dt.date(2022, 2, 24))

        shown = repr(article)

        assert shown.startswith("Article(id='a1', title='Talks', date=2022-02-24, raw=10,000 chars 'word word")
        assert len(shown) < 200

    def test_document_prints_counts(self) -> None:
        """A document prints its article and how many records it holds."""
        shown = repr(_doc())

        assert "timexes=1, quotes=1" in shown
        assert "removals=1" in shown
        assert len(shown) < 300

    @given(documents())
    def test_any_document_prints_short(self, doc: Document) -> None:
        """Whatever a document holds, its repr stays short."""
        assert len(repr(doc)) < 600


class TestHtml:
    def test_marks_timexes_quotes_and_removals(self) -> None:
        """The HTML holds the text, escaped, with the time expression, quote and removal marked."""
        shown = _doc()._repr_html_()

        assert 'class="nc-timex nc-quote" title="DATE 2022-02-28; quote (direct), Ana Silva">Monday</span>' in shown
        assert '<span class="nc-removed" title="removed">navigation: Menu | Home\n</span>She said' in shown
        assert "&lt;b&gt;went&lt;/b&gt;" in shown

    @given(documents())
    def test_any_document(self, doc: Document) -> None:
        """Any document renders to one closed block."""
        shown = doc._repr_html_()

        assert shown.endswith("</div>")
        assert 1 == shown.count("<div")

    def test_plain_text(self) -> None:
        """Text no mark covers renders as plain, escaped text."""
        doc = Document(article=Article(raw="Plain & text.", id="p"))

        assert "Plain &amp; text.</div>" in doc._repr_html_()
