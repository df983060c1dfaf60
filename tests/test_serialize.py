"""Tests for newscorpus.serialize."""

from __future__ import annotations

import pytest
from hypothesis import given

from newscorpus.errors import SerializationError
from newscorpus.serialize import from_dict, from_json, to_dict, to_json
from newscorpus.testing.strategies import articles, documents
from newscorpus.types import Article, Document, Span


class TestRoundTrip:
    @given(documents())
    def test_document_round_trip(self, doc: Document) -> None:
        """from_dict(to_dict(x)) == x and from_json(to_json(x)) == x for any document."""
        assert doc == from_dict(to_dict(doc))
        assert doc == from_json(to_json(doc))

    @given(articles())
    def test_article_round_trip(self, article: Article) -> None:
        """Articles round-trip on their own, alignment and removals included."""
        assert article == from_json(to_json(article), Article)

    def test_one_line(self) -> None:
        """A JSON line has no newline even when the text has many."""
        assert "\n" not in to_json(Document(article=Article(raw="a\nb\n\nc")))

    def test_defaults_omitted_id_kept(self) -> None:
        """Defaults are left out to keep lines short, but the id is always written."""
        assert {"raw": "x", "id": Article(raw="x").id} == to_dict(Article(raw="x"))


class TestErrors:
    @pytest.mark.parametrize(
        "line",
        ["not json", "[1, 2]", '{"article": {}}', '{"article": {"raw": 3}}', '{"article": {"raw": "x"}, "bogus": 1}'],
    )
    def test_bad_lines(self, line: str) -> None:
        """Lines that are not documents raise SerializationError, a ValueError."""
        with pytest.raises(SerializationError):
            from_json(line)

    def test_bad_span(self) -> None:
        """A span whose text does not fit its offsets cannot be rebuilt."""
        with pytest.raises(SerializationError):
            from_dict({"start": 0, "end": 5, "text": "abc"}, Span)

    def test_not_a_record(self) -> None:
        """Only newscorpus records serialise."""
        with pytest.raises(SerializationError):
            to_dict(object())
