"""Tests for the records in newscorpus.types."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newscorpus.errors import OptionsError, SpanError
from newscorpus.testing.strategies import articles, documents
from newscorpus.types import Article, Mention, Removal, Segment, Sentence, Span


class TestSpan:
    def test_of_takes_text(self) -> None:
        """Span.of slices the text it is given."""
        assert Span(start=6, end=11, text="spoke") == Span.of("Putin spoke.", 6, 11)

    @pytest.mark.parametrize(("start", "end", "text"), [(3, 2, ""), (-1, 2, "abc"), (0, 2, "abc")])
    def test_invalid(self, start: int, end: int, text: str) -> None:
        """Offsets that do not fit the text raise SpanError, a ValueError."""
        with pytest.raises(SpanError):
            Span(start=start, end=end, text=text)
        assert issubclass(SpanError, ValueError)

    @pytest.mark.parametrize(
        ("start", "end", "text", "message"),
        [
            (-1, 2, "abc", "start must be >= 0, got -1"),
            (2, -1, "", "end must be >= 0, got -1"),
            (3, 2, "", r"end \(2\) is before start \(3\)"),
            (0, 2, "abc", "text has 3 characters but the span 0:2 covers 2"),
        ],
    )
    def test_invalid_says_why(self, start: int, end: int, text: str, message: str) -> None:
        """Each broken invariant is named, for spans and for every kind of span."""
        for kind in (Span, Sentence, Mention):
            with pytest.raises(SpanError, match=message):
                kind(start=start, end=end, text=text)

    def test_of_out_of_bounds(self) -> None:
        """Span.of refuses offsets outside the text."""
        with pytest.raises(SpanError, match="outside"):
            Span.of("abc", 1, 4)

    def test_fits(self) -> None:
        """fits tells whether the span slices out of a text."""
        span = Span.of("abc", 1, 3)
        assert (span.fits("abc"), span.fits("abd")) == (True, False)

    def test_frozen(self) -> None:
        """Records are immutable."""
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            Span.of("abc", 0, 1).start = 2  # type: ignore[misc]

    def test_subclasses_validate(self) -> None:
        """Sentence and Mention are spans with the same invariant."""
        with pytest.raises(SpanError):
            Sentence(start=0, end=3, text="ab")
        assert Mention(start=0, end=5, text="Putin").name == "Putin"


class TestArticle:
    def test_minimal(self) -> None:
        """Article(raw=...) alone works; text equals raw and the id is derived from the content."""
        article = Article(raw="Body.")
        assert (article.raw, None, ()) == (article.text, article.date, article.authors)
        assert Article(raw="Body.").id == article.id
        assert Article(raw="Other.").id != article.id

    @pytest.mark.parametrize("fields", [{"raw": None}, {"raw": b"x"}, {"raw": "x", "text": 3}])
    def test_raw_and_text_must_be_strings(self, fields: dict[str, object]) -> None:
        """raw and text that are not strings raise OptionsError, a ValueError, not a TypeError."""
        with pytest.raises(OptionsError, match="must be a str"):
            Article(**fields)
        assert issubclass(OptionsError, ValueError)

    def test_any_string_is_kept(self) -> None:
        """raw keeps any string exactly, lone surrogates included."""
        assert "a\ud800b" == Article(raw="a\ud800b").raw

    def test_hashable(self) -> None:
        """Articles hash even with free-form extra fields."""
        assert hash(Article(raw="a", extra={"tags": ["x"]})) == hash(Article(raw="a", extra={"tags": ["y"]}))

    def test_authors_become_a_tuple(self) -> None:
        """A list of authors is stored as a tuple."""
        assert Article(raw="", authors=["A", "B"]).authors == ("A", "B")  # type: ignore[arg-type]

    def test_remove_records_and_aligns(self) -> None:
        """remove cuts text, records raw spans with the rule and keeps the alignment."""
        raw = "One. Also Read - Other story. Two. Footer"
        article = Article(raw=raw).remove([(5, 30)], rule="promo").remove([(9, 16)], rule="tail")
        assert article.text == "One. Two."
        assert [
            Removal(start=5, end=30, text="Also Read - Other story. ", rule="promo"),
            Removal(start=34, end=41, text=" Footer", rule="tail"),
        ] == list(article.removals)
        assert raw == Article(raw=raw).text
        assert (article.to_raw(5), article.to_raw(9, end=True)) == (30, 34)

    def test_remove_overlapping_and_empty(self) -> None:
        """Overlapping cuts merge; empty and out-of-range cuts are ignored."""
        article = Article(raw="abcdefgh").remove([(2, 4), (3, 6), (7, 7), (-5, 0), (8, 99)], rule="r")
        assert article.text == "abgh"
        assert article is article.remove([], rule="r")

    def test_to_raw_without_alignment(self) -> None:
        """An article whose text was changed by hand has no map to raw."""
        article = Article(raw="abc", text="xyz")
        assert not article.is_aligned
        with pytest.raises(SpanError, match="alignment"):
            article.to_raw(1)

    def test_segments_validated(self) -> None:
        """Segments must tile the text."""
        with pytest.raises(SpanError):
            Article(raw="abc", text="ab", segments=(Segment(text_start=0, raw_start=0, length=1),))

    def test_raw_spans_and_raw_span(self) -> None:
        """A span crossing a removal maps to its exact raw pieces, or to the raw stretch around them."""
        article = Article(raw="Hello cruel world").remove([(5, 11)], rule="r")
        span = Span.of(article.text, 0, len(article.text))
        assert [s.text for s in article.raw_spans(span)] == ["Hello", " world"]
        assert article.raw_span(span).text == "Hello cruel world"

    @given(articles(), st.data())
    def test_alignment_property(self, article: Article, data: st.DataObject) -> None:
        """Every character of text is the character of raw it maps to, after any cuts."""
        cuts = data.draw(st.lists(st.tuples(st.integers(0, len(article.text)), st.integers(0, len(article.text)))))
        cleaned = article.remove([(min(c), max(c)) for c in cuts], rule="x")
        for index, char in enumerate(cleaned.text):
            assert char == cleaned.raw[cleaned.to_raw(index)]
        for removal in cleaned.removals:
            assert removal.fits(cleaned.raw)
        kept = sum(len(s.text) for s in cleaned.raw_spans(Span.of(cleaned.text, 0, len(cleaned.text))))
        assert len(cleaned.raw) == kept + sum(len(r) for r in cleaned.removals)


class TestDocument:
    @given(documents())
    def test_spans_slice_back(self, doc: object) -> None:
        """Every span the strategies draw slices back out of the article text."""
        assert isinstance(doc, type(doc))
        text = doc.article.text  # type: ignore[attr-defined]
        for group in ("sentences", "timexes", "quotes", "mentions"):
            for span in getattr(doc, group):
                assert span.fits(text)

    def test_ok(self) -> None:
        """A document without errors is ok."""
        from newscorpus.types import Document, StageError

        doc = Document(article=Article(raw="x", date=dt.date(2022, 2, 25)))
        assert doc.ok
        assert not attrs.evolve(doc, errors=(StageError(stage="s.v1", error="E", message="m"),)).ok


class TestSlotSetters:
    def test_filled_record_equals_checked_one(self) -> None:
        """A record built by filling its slots equals the one the constructor builds."""
        from newscorpus.types import Sentence, _slot_setters

        sentence = object.__new__(Sentence)
        for setter, value in zip(
            _slot_setters(Sentence, ("start", "end", "text", "paragraph")), (0, 6, "Talks.", 2), strict=True
        ):
            setter(sentence, value)

        assert Sentence(start=0, end=6, text="Talks.", paragraph=2) == sentence

    def test_fields_not_named_in_order_fail_at_once(self) -> None:
        """Names that are not all the record's fields, in order, raise instead of leaving a slot unset."""
        from newscorpus.types import Sentence, _slot_setters

        with pytest.raises(TypeError, match="Sentence has the fields"):
            _slot_setters(Sentence, ("start", "end", "text"))
