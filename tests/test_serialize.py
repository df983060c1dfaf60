"""Tests for newscorpus.serialize."""

from __future__ import annotations

import itertools
import json
import re
from typing import Any

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from newscorpus.errors import OptionsError, SerializationError
from newscorpus.serialize import from_dict, from_json, to_dict, to_json, to_json_line
from newscorpus.testing.strategies import articles, documents
from newscorpus.types import Article, Document, Mention, Segment, Sentence, Span, StageError


def _has_pair(text: str) -> bool:
    return any("\ud800" <= a <= "\udbff" and "\udc00" <= b <= "\udfff" for a, b in itertools.pairwise(text))


# Lone surrogates, each alone: a high one followed by a low one would read back as the pair's character.
_LONE = (
    st.lists(st.sampled_from(["\ud800", "\udbff", "\udc00", "\udfff", "a", " ", "\u00e9", "\U0001f600"]), max_size=12)
    .map("".join)
    .filter(lambda text: not _has_pair(text))
)


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


class TestLoneSurrogates:
    @given(_LONE)
    @example("a\ud800b")
    def test_round_trip_as_valid_utf8(self, text: str) -> None:
        """Any text with lone surrogates is written as valid UTF-8 JSON and reads back unchanged."""
        doc = Document(article=Article(raw=text, title=text))

        line = to_json_line(doc)

        line.encode("utf-8")
        assert doc == from_json(line)
        assert to_json(doc) == line

    def test_pair_reads_back_as_its_character(self) -> None:
        """A high surrogate right before a low one is the character they encode, as in any JSON."""
        assert "\U0001f600" == from_json(to_json(Article(raw="\ud83d\ude00")), Article).raw


class TestToJsonLine:
    def test_same_as_to_json_when_encodable(self) -> None:
        """A document JSON can hold gives the line to_json gives."""
        doc = Document(article=Article(raw="x"), extensions={"tags.v1": ["a", {"b": 1}]})

        assert to_json(doc) == to_json_line(doc)

    @pytest.mark.parametrize("value", [{"x"}, object(), b"bytes", complex(1, 2)])
    def test_unencodable_extension_becomes_a_stage_error(self, value: Any) -> None:
        """An extension JSON cannot hold is dropped and recorded, after the document's own errors."""
        own = StageError(stage="quotes.v1", error="ValueError", message="m")
        doc = Document(article=Article(raw="x"), extensions={"bad.v1": value, "ok.v1": 1}, errors=(own,))

        back: Document = from_json(to_json_line(doc))

        assert {"ok.v1": 1} == back.extensions
        assert [own.stage, "bad.v1"] == [e.stage for e in back.errors]
        assert "TypeError" == back.errors[1].error
        assert "'bad.v1'" in back.errors[1].message

    @pytest.mark.parametrize("compact", [False, True])
    @pytest.mark.parametrize("value", [float("inf"), [1.5, float("-inf")], {"x": float("nan")}])
    def test_non_finite_float_becomes_a_stage_error(self, value: Any, compact: bool) -> None:
        """Infinity and NaN are not JSON: the entry holding one is dropped and recorded, never written as null."""
        doc = Document(article=Article(raw="x", extra={"score": value}), extensions={"bad.v1": value, "ok.v1": 1.5})

        line = to_json_line(doc, compact=compact)
        back: Document = from_json(line)

        assert "Infinity" not in line
        assert "NaN" not in line
        assert ({"ok.v1": 1.5}, {}) == (back.extensions, back.article.extra)
        assert [("bad.v1", "ValueError"), ("article.extra", "ValueError")] == [(e.stage, e.error) for e in back.errors]

    def test_circular_value_and_odd_key(self) -> None:
        """A circular list and a key JSON cannot hold are dropped too; nothing raises."""
        loop: list[Any] = []
        loop.append(loop)
        doc = Document(article=Article(raw="x", extra={"n": 1, "loop": loop}), extensions={(1, 2): 3})  # type: ignore[dict-item]

        back: Document = from_json(to_json_line(doc))

        assert ({}, {"n": 1}) == (back.extensions, back.article.extra)
        assert [("(1, 2)", "TypeError"), ("article.extra", "RecursionError")] == [
            (e.stage, e.error) for e in back.errors
        ]

    def test_one_line(self) -> None:
        """The line holds no newline."""
        assert "\n" not in to_json_line(Document(article=Article(raw="a\nb")))

    def test_not_a_document(self) -> None:
        """Only documents are written."""
        with pytest.raises(SerializationError):
            to_json_line(Article(raw="x"))  # type: ignore[arg-type]


def _document_with_everything() -> dict[str, Any]:
    text = "Putin said on Thursday: \u201cWe will stay.\u201d"
    speaker = {"start": 0, "end": 5, "text": "Putin", "kind": "PERSON"}
    return {
        "article": {"raw": text, "id": "a1"},
        "sentences": [{"start": 0, "end": len(text), "text": text}],
        "timexes": [{"start": 14, "end": 22, "text": "Thursday", "type": "DATE", "value": "XXXX-WXX-4"}],
        "mentions": [speaker],
        "quotes": [
            {
                "start": 24,
                "end": 39,
                "text": text[24:39],
                "kind": "direct",
                "fragments": [{"start": 24, "end": 39, "text": text[24:39]}],
                "cue": {"start": 6, "end": 10, "text": "said"},
                "speaker": speaker,
            }
        ],
        "events": [
            {
                "type": "CONSULT",
                "trigger": {"start": 6, "end": 10, "text": "said"},
                "sentence": {"start": 0, "end": len(text), "text": text},
                "actors": [speaker],
                "location": speaker,
            }
        ],
    }


def _spoil(data: dict[str, Any], path: tuple[Any, ...]) -> None:
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    span = target[path[-1]]
    span["start"] += 1
    span["end"] += 1


class TestSpansChecked:
    def test_valid_document(self) -> None:
        """A document whose every span fits its text is rebuilt."""
        assert 1 == len(from_dict(_document_with_everything()).quotes)

    @pytest.mark.parametrize(
        ("path", "where"),
        [
            (("sentences", 0), "sentences[0]"),
            (("timexes", 0), "timexes[0]"),
            (("mentions", 0), "mentions[0]"),
            (("quotes", 0), "quotes[0]"),
            (("quotes", 0, "fragments", 0), "quotes[0].fragments[0]"),
            (("quotes", 0, "cue"), "quotes[0].cue"),
            (("quotes", 0, "speaker"), "quotes[0].speaker"),
            (("events", 0, "trigger"), "events[0].trigger"),
            (("events", 0, "sentence"), "events[0].sentence"),
            (("events", 0, "actors", 0), "events[0].actors[0]"),
            (("events", 0, "location"), "events[0].location"),
        ],
    )
    def test_span_that_does_not_fit(self, path: tuple[Any, ...], where: str) -> None:
        """A span that does not slice back out of the article text raises SerializationError naming it."""
        data = json.loads(json.dumps(_document_with_everything()))
        _spoil(data, path)

        with pytest.raises(SerializationError, match=rf"^{re.escape(where)}: "):
            from_dict(data)

    def test_span_past_the_end(self) -> None:
        """A span starting past the end of the text is refused."""
        with pytest.raises(SerializationError, match="does not slice"):
            from_json('{"article": {"raw": "ab"}, "mentions": [{"start": 5, "end": 6, "text": "x"}]}')

    def test_segments_must_map_to_raw(self) -> None:
        """Segments whose text is not the stretch of raw they name are refused."""
        article = Article(raw="abcdef").remove([(1, 3)], rule="r")
        data = to_dict(article)
        data["text"] = "xdef"

        with pytest.raises(SerializationError, match=r"segments\[0\]"):
            from_dict(data, Article)

    def test_removal_must_fit_raw(self) -> None:
        """A removal that does not slice out of raw is refused."""
        data = to_dict(Article(raw="abcdef").remove([(1, 3)], rule="r"))
        data["removals"][0]["text"] = "zz"

        with pytest.raises(SerializationError, match=r"removals\[0\]"):
            from_dict(data, Article)

    @given(documents())
    def test_generated_documents_pass(self, doc: Document) -> None:
        """Every document the strategies draw passes the checks."""
        assert doc == from_dict(to_dict(doc))

    def test_unaligned_text_is_allowed(self) -> None:
        """An article whose text was changed by hand, with no segments, is still rebuilt."""
        article = Article(raw="abc", text="xyz")

        assert article == from_json(to_json(article), Article)


class TestOwnErrors:
    @pytest.mark.parametrize("line", [None, 3, ["{}"]])
    def test_from_json_wrong_type(self, line: Any) -> None:
        """A value that is not a str or bytes raises OptionsError, a ValueError."""
        with pytest.raises(OptionsError, match="str or bytes"):
            from_json(line)

    def test_from_dict_wrong_class(self) -> None:
        """Only record classes can be rebuilt."""
        with pytest.raises(OptionsError):
            from_dict({}, int)

    def test_odd_field_value(self) -> None:
        """A record field holding a value JSON cannot hold raises SerializationError, not TypeError."""
        with pytest.raises(SerializationError):
            to_json(attrs.evolve(Article(raw="x"), title={"a"}))  # type: ignore[arg-type]

    def test_segment_mention_records(self) -> None:
        """Segments and mentions round-trip on their own."""
        for record in (Segment(text_start=0, raw_start=2, length=3), Mention(start=0, end=1, text="P")):
            assert record == from_json(to_json(record), type(record))


class TestCompactLines:
    @given(documents())
    def test_round_trip(self, doc: Document) -> None:
        """A compact line rebuilds an equal document, whatever the document holds."""
        assert doc == from_json(to_json_line(doc, compact=True))

    def test_texts_offsets_rebuild_are_left_out(self) -> None:
        """The cleaned text, span texts and removal texts are not written when offsets rebuild them."""
        article = Article(raw="Body one.\n\nRead more\n\nBody two.").remove([(9, 20)], rule="promo")
        doc = Document(article=article, mentions=(Mention(start=0, end=4, text="Body"),))
        line = to_json_line(doc, compact=True)
        data = json.loads(line)

        assert 2 == data["format"]
        assert "text" not in data["article"]
        assert [{"start": 9, "end": 20, "rule": "promo"}] == data["article"]["removals"]
        assert [{"start": 0, "end": 4}] == data["mentions"]
        assert doc == from_json(line)

    def test_full_and_previous_lines_read_back(self) -> None:
        """Full lines (as earlier releases wrote them, with no format) and compact lines give one document."""
        doc = from_dict(_document_with_everything())

        assert from_json(to_json_line(doc)) == from_json(to_json_line(doc, compact=True))
        assert "format" not in json.loads(to_json_line(doc))

    def test_compact_is_shorter(self) -> None:
        """A compact line of a document with records is shorter than the full one."""
        doc = from_dict(_document_with_everything())

        assert len(to_json_line(doc, compact=True)) < len(to_json_line(doc))

    @pytest.mark.parametrize("version", [3, "2", None, 0])
    def test_unknown_version_refused(self, version: Any) -> None:
        """A format this release does not know is a SerializationError saying so."""
        with pytest.raises(SerializationError, match="format"):
            from_json(json.dumps({"format": version, "article": {"raw": "x"}}))

    def test_from_dict_leaves_its_input_alone(self) -> None:
        """from_dict of a compact document fills texts in a copy, not in the caller's dictionary."""
        data = json.loads(to_json_line(from_dict(_document_with_everything()), compact=True))
        before = json.dumps(data)

        from_dict(data)

        assert before == json.dumps(data)

    def test_a_span_out_of_its_text_is_an_error(self) -> None:
        """A compact span whose offsets run past the text cannot be rebuilt."""
        line = json.dumps({"format": 2, "article": {"raw": "abc"}, "sentences": [{"start": 1, "end": 9}]})

        with pytest.raises(SerializationError):
            from_json(line)

    @given(_LONE)
    def test_lone_surrogates(self, text: str) -> None:
        """Compact lines are valid UTF-8 and keep lone surrogates."""
        doc = Document(article=Article(raw=text, title=text), sentences=(Sentence.of(text, 0, len(text)),))
        line = to_json_line(doc, compact=True)

        line.encode("utf-8")
        assert doc == from_json(line)
