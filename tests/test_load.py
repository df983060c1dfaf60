"""Tests for the streaming loaders in ``newscorpus.load``."""

from __future__ import annotations

import codecs
import datetime as dt
import gzip
import json
import os
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newscorpus import _dates
from newscorpus.errors import LoadError, LoadWarning, NewscorpusError, NewscorpusWarning, OptionsError
from newscorpus.load import FieldMap, load, read_csv, read_jsonl, read_text, walk
from newscorpus.testing._counting import count_work
from newscorpus.types import Article, Origin

load_module = sys.modules["newscorpus.load"]  # the package's ``load`` is the function
decoding = sys.modules["newscorpus.load.decoding"]

SEED_DATES = {
    "000_c5aa73fff841407e": dt.date(2022, 2, 25),
    "001_34e431218445ec97": dt.date(2022, 2, 25),
    "002_1e943f8323c0f170": None,
    "003_fef887f57ad674d8": dt.date(2022, 2, 28),
}


def write_jsonl(path: Path, records: list[Any]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


class TestPublicNames:
    def test_all(self) -> None:
        """The module exports exactly its public names, sorted."""
        module = sys.modules["newscorpus.load"]  # the package's ``load`` is the function
        public = sorted(
            name
            for name, value in vars(module).items()
            if not name.startswith("_") and getattr(value, "__module__", None) == "newscorpus.load"
        )

        assert public == module.__all__
        assert sorted(module.__all__) == module.__all__


class TestFieldMap:
    def test_defaults_cover_common_dumps(self) -> None:
        """The default map knows news-please, newspaper-style and generic keys."""
        fields = FieldMap()

        assert ("maintext", "text", "content", "body", "article") == fields.text
        assert {"date_publish", "publish_date", "dct"} <= set(fields.date)
        assert {"source_domain", "source_url"} <= set(fields.outlet)
        assert ("authors", "author", "byline") == fields.authors

    def test_single_string_is_one_candidate(self) -> None:
        """A plain string becomes a one-key tuple; other fields keep their defaults."""
        fields = FieldMap.from_mapping({"text": "story", "date": ["day", "when"]})

        assert ("story",) == fields.text
        assert ("day", "when") == fields.date
        assert FieldMap().title == fields.title

    @pytest.mark.parametrize(
        "mapping",
        [{"story": "text"}, {"text": ()}, {"title": [""]}, {"title": [3]}, {"title": 3}],
    )
    def test_invalid(self, mapping: dict[str, Any]) -> None:
        """Unknown fields, an empty text key list and non-string keys raise OptionsError."""
        with pytest.raises(OptionsError):
            FieldMap.from_mapping(mapping)

    def test_frozen_and_hashable(self) -> None:
        """Equal maps are equal and hash alike."""
        assert hash(FieldMap(text="a")) == hash(FieldMap(text=("a",)))


class TestReadText:
    def test_seeds(self, seed_paths: list[Path]) -> None:
        """Each seed gives one article: id is the stem, raw the decoded file, date from its top."""
        assert 4 == len(seed_paths)
        for path in seed_paths:
            (article,) = read_text(path)

            assert path.stem == article.id
            assert path.read_bytes().decode("utf-8") == article.raw
            assert article.raw == article.text
            assert SEED_DATES[path.stem] == article.date
            assert Origin(path=str(path), line=None, record=0) == article.origin

    def test_folder_in_name_order(self, tmp_path: Path) -> None:
        """A folder gives every supported file, subfolders included, in name order; the others are reported."""
        (tmp_path / "b.txt").write_text("Second.", encoding="utf-8")
        (tmp_path / "a.txt.gz").write_bytes(gzip.compress(b"First."))
        (tmp_path / "c.jsonl").write_text('{"id": "c", "text": "Third."}\n', encoding="utf-8")
        (tmp_path / "sub").mkdir()
        (tmp_path / "sub" / "d.txt").write_text("Nested.", encoding="utf-8")
        (tmp_path / "sub" / "e.csv").write_text("id,text\ne,Fifth.\n", encoding="utf-8")
        (tmp_path / "notes.pdf").write_bytes(b"%PDF")
        (tmp_path / ".hidden").mkdir()
        (tmp_path / ".hidden" / "x.txt").write_text("Hidden.", encoding="utf-8")

        articles, errors, messages = collect(tmp_path)

        assert [("a", "First."), ("b", "Second."), ("c", "Third."), ("d", "Nested."), ("e", "Fifth.")] == [
            (a.id, a.raw) for a in articles
        ]
        assert [] == errors
        assert [f"{tmp_path}: skipped 2 hidden or unsupported file(s): .hidden, notes.pdf"] == messages

    def test_walk_lists_what_load_reads(self, tmp_path: Path) -> None:
        """walk gives the files load reads and the ones it skips, in name order."""
        (tmp_path / "z").mkdir()
        (tmp_path / "z" / "a.ndjson.gz").write_bytes(gzip.compress(b""))
        (tmp_path / "b.tsv").write_text("", encoding="utf-8")
        (tmp_path / "c.docx").write_text("", encoding="utf-8")

        read, skipped = walk(tmp_path)

        assert [str(tmp_path / "b.tsv"), str(tmp_path / "z" / "a.ndjson.gz")] == read
        assert [str(tmp_path / "c.docx")] == skipped

    def test_seed_folder(self, seeds_dir: Path) -> None:
        """Loading the seed folder gives the four seeds in order."""
        actual = [a.id for a in load(seeds_dir)]

        assert sorted(SEED_DATES) == actual

    def test_raw_is_kept_exactly(self, tmp_path: Path) -> None:
        """Line endings and surrounding white space are kept; only a leading BOM is dropped."""
        path = tmp_path / "x.txt"
        path.write_bytes("\ufeff  Headline\r\n\r\nBody \u2019quoted\u2019.\n\n".encode())

        (article,) = read_text(path)

        assert "  Headline\r\n\r\nBody \u2019quoted\u2019.\n\n" == article.raw

    def test_other_encoding(self, tmp_path: Path) -> None:
        """The encoding option decodes legacy files."""
        path = tmp_path / "x.txt"
        path.write_bytes("Caf\u00e9 talks".encode("cp1252"))

        (article,) = load(path, encoding="cp1252")

        assert "Caf\u00e9 talks" == article.raw

    def test_undecodable_names_the_line(self, tmp_path: Path) -> None:
        """With an explicit encoding, bytes that do not fit raise LoadError naming the file and the line."""
        path = tmp_path / "x.txt"
        path.write_bytes(b"ok\nstill ok\nbad \xff byte\n")

        with pytest.raises(LoadError) as info:
            list(read_text(path, encoding="utf-8"))

        assert (str(path), 3) == (info.value.path, info.value.line)


class TestReadJsonl:
    def test_news_please_record(self, tmp_path: Path) -> None:
        """A news-please record fills the article fields; other keys go to extra."""
        record = {
            "authors": ["Jane Roe", "John Doe"],
            "date_download": "2022-03-01 08:00:00",
            "date_publish": "2022-02-25 10:41:00",
            "description": "Talks.",
            "language": "en",
            "maintext": "Putin said on Friday he was ready for talks.",
            "source_domain": "example.com",
            "title": "Ready for talks",
            "title_page": None,
            "url": "https://example.com/talks",
        }
        path = write_jsonl(tmp_path / "np.jsonl", [record])

        (article,) = read_jsonl(path)

        assert record["maintext"] == article.raw == article.text
        assert "Ready for talks" == article.title
        assert dt.date(2022, 2, 25) == article.date
        assert "example.com" == article.outlet
        assert "https://example.com/talks" == article.url
        assert ("Jane Roe", "John Doe") == article.authors
        assert "en" == article.language
        assert {"date_download": "2022-03-01 08:00:00", "description": "Talks.", "title_page": None} == article.extra
        assert Origin(path=str(path), line=1, record=0) == article.origin

    def test_newspaper_record(self, tmp_path: Path) -> None:
        """A newspaper-style record maps text, publish_date, authors, url and source_url."""
        record = {
            "text": "Body.",
            "title": "Title",
            "publish_date": "2022-02-28T09:00:00+02:00",
            "authors": ["A. Writer"],
            "url": "https://news.example/a",
            "source_url": "https://news.example",
            "id": 17,
        }
        path = write_jsonl(tmp_path / "n.ndjson", [record])

        (article,) = load(path)

        assert ("17", "Body.", dt.date(2022, 2, 28)) == (article.id, article.raw, article.date)
        assert ("https://news.example", "https://news.example/a") == (article.outlet, article.url)
        assert {} == article.extra

    def test_generic_record(self, tmp_path: Path) -> None:
        """Generic keys (content, headline, published, publisher, byline, lang) are understood."""
        record = {
            "content": "Body.",
            "headline": "Head",
            "published": "Feb 25, 2022",
            "publisher": "The Daily",
            "byline": "Jane Roe and John Doe; Ann Poe",
            "lang": "en",
        }
        path = write_jsonl(tmp_path / "g.json", [record])

        (article,) = load(path)

        assert ("Head", dt.date(2022, 2, 25), "The Daily", "en") == (
            article.title,
            article.date,
            article.outlet,
            article.language,
        )
        assert ("Jane Roe", "John Doe", "Ann Poe") == article.authors

    def test_user_mapping(self, tmp_path: Path) -> None:
        """A user mapping replaces the keys of the fields it names; the text key left over stays in extra."""
        path = write_jsonl(tmp_path / "u.jsonl", [{"story": "Body.", "text": "teaser", "when": "2022-02-25"}])

        (article,) = read_jsonl(path, fields={"text": "story", "date": ("when",)})

        assert ("Body.", dt.date(2022, 2, 25)) == (article.raw, article.date)
        assert {"text": "teaser"} == article.extra

    def test_missing_id_gives_content_id(self, tmp_path: Path) -> None:
        """Without an id the article gets the id derived from its text."""
        path = write_jsonl(tmp_path / "x.jsonl", [{"text": "Putin spoke on Thursday."}])

        (article,) = read_jsonl(path)

        assert Article(raw="Putin spoke on Thursday.").id == article.id

    def test_unparsable_date_is_kept_in_extra(self, tmp_path: Path) -> None:
        """A date that does not parse stays in extra, and the date comes from the top of the text."""
        records = [
            {"text": "No date here.", "date": "sometime"},
            {"text": "February 28, 2022\nBody.", "date": "sometime"},
        ]
        path = write_jsonl(tmp_path / "x.jsonl", records)

        first, second = read_jsonl(path)

        assert (None, {"date": "sometime"}) == (first.date, first.extra)
        assert (dt.date(2022, 2, 28), {"date": "sometime"}) == (second.date, second.extra)

    def test_date_falls_back_to_text(self, tmp_path: Path) -> None:
        """A record with no date field takes the date printed at the top of its text."""
        path = write_jsonl(tmp_path / "x.jsonl", [{"text": " date 2022-02-25 In a massive development"}])

        (article,) = read_jsonl(path)

        assert dt.date(2022, 2, 25) == article.date

    def test_odd_values_stay_in_extra(self, tmp_path: Path) -> None:
        """Values of the wrong type fill nothing and are kept as read; empty strings count as missing."""
        record = {"text": "", "title": ["a", "b"], "id": True, "authors": [{"name": "x"}], "url": ""}
        path = write_jsonl(tmp_path / "x.jsonl", [record])

        (article,) = read_jsonl(path)

        assert ("", None, (), None) == (article.raw, article.title, article.authors, article.url)
        assert {"title": ["a", "b"], "id": True, "authors": [{"name": "x"}], "url": ""} == article.extra

    def test_blank_lines_and_origin(self, tmp_path: Path) -> None:
        """Blank lines are not records; origin gives the 1-based line and 0-based record index."""
        path = tmp_path / "x.jsonl"
        path.write_text('\n{"text": "a"}\n  \n\n{"text": "b"}\r\n', encoding="utf-8")

        actual = [(a.raw, a.origin) for a in read_jsonl(path)]

        assert [
            ("a", Origin(path=str(path), line=2, record=0)),
            ("b", Origin(path=str(path), line=5, record=1)),
        ] == actual

    def test_gzip_and_bom(self, tmp_path: Path) -> None:
        """A gzipped file is read the same, and a leading BOM is ignored."""
        path = tmp_path / "x.jsonl.gz"
        path.write_bytes(gzip.compress(b'\xef\xbb\xbf{"text": "a"}\n{"text": "b"}\n'))

        actual = [a.raw for a in load(path)]

        assert ["a", "b"] == actual

    def test_lazy(self, tmp_path: Path) -> None:
        """Records are read one at a time: a bad line late in the file does not stop earlier articles."""
        path = tmp_path / "x.jsonl"
        path.write_text('{"text": "a"}\nnot json\n', encoding="utf-8")
        articles = read_jsonl(path)

        first = next(articles)
        with pytest.raises(LoadError):
            next(articles)

        assert "a" == first.raw

    def test_paths_in_a_list_are_chained(self, tmp_path: Path, seeds_dir: Path) -> None:
        """A list of paths is read in order."""
        one = write_jsonl(tmp_path / "1.jsonl", [{"text": "a"}])
        two = write_jsonl(tmp_path / "2.jsonl", [{"text": "b"}])

        seed = seeds_dir / "002_1e943f8323c0f170.txt"

        actual = [a.raw for a in load((str(two), one, seed))]

        assert ["b", "a", seed.read_bytes().decode("utf-8")] == actual


class TestReadCsv:
    def test_quoted_multiline_text(self, tmp_path: Path) -> None:
        """Quoted fields may span lines; origin gives the line the row starts on; values are strings."""
        path = tmp_path / "x.csv"
        path.write_text(
            'id,title,text,date,views\r\n1,One,"First line\r\nsecond ""quoted"" line",2022-02-25,10\r\n'
            "2,Two,Short,,\r\n",
            encoding="utf-8",
            newline="",
        )

        first, second = read_csv(path)

        assert ("1", 'First line\r\nsecond "quoted" line', dt.date(2022, 2, 25)) == (first.id, first.raw, first.date)
        assert {"views": "10"} == first.extra
        assert Origin(path=str(path), line=2, record=0) == first.origin
        assert ("2", None, {"date": "", "views": ""}) == (second.id, second.date, second.extra)
        assert Origin(path=str(path), line=4, record=1) == second.origin

    def test_tsv_gzip_and_bom(self, tmp_path: Path) -> None:
        """A gzipped TSV with a BOM before its header is read with tabs."""
        path = tmp_path / "x.tsv.gz"
        path.write_bytes(gzip.compress("\ufefftext\ttitle\nBody, with comma\tHead\n".encode()))

        (article,) = load(path)

        assert ("Body, with comma", "Head") == (article.raw, article.title)

    def test_explicit_delimiter(self, tmp_path: Path) -> None:
        """The delimiter option overrides the one the suffix implies."""
        path = tmp_path / "x.csv"
        path.write_text("text;title\nBody;Head\n", encoding="utf-8")

        (article,) = read_csv(path, delimiter=";")

        assert ("Body", "Head") == (article.raw, article.title)

    def test_large_field(self, tmp_path: Path) -> None:
        """An article larger than the csv module's default field limit is read."""
        body = "word " * 100_000
        path = tmp_path / "x.csv"
        path.write_text(f'text\n"{body}"\n', encoding="utf-8")

        (article,) = read_csv(path)

        assert body == article.raw

    def test_reading_resumes_after_a_bad_row(self, tmp_path: Path) -> None:
        """Malformed and undecodable rows are reported and the rows after them are read."""
        path = tmp_path / "x.csv"
        path.write_bytes(b'text,title\na,b\n"x"y,b\nc,d\n"multi\nline",e\n\xff,f\ng,h\n')
        errors: list[LoadError] = []

        articles = list(read_csv(path, on_error=errors.append, encoding="utf-8"))

        assert [("a", 2, 0), ("c", 4, 2), ("multi\nline", 5, 3), ("g", 8, 5)] == [
            (a.raw, a.origin.line, a.origin.record) for a in articles if a.origin is not None
        ]
        assert [3, 7] == [e.line for e in errors]

    def test_empty_file(self, tmp_path: Path) -> None:
        """An empty file has no articles and no errors."""
        path = tmp_path / "x.csv"
        path.write_bytes(b"")

        assert [] == list(read_csv(path))


class TestErrors:
    @pytest.mark.parametrize(
        ("name", "content", "line", "message"),
        [
            ("x.jsonl", b'{"text": "a"}\n{"text": \n', 2, "not valid JSON"),
            ("x.jsonl", b'{"text": "a"}\n["text"]\n', 2, "JSON list, not an object"),
            ("x.jsonl", b'{"text": "a"}\n{"title": "t"}\n', 2, "no text field"),
            ("x.jsonl", b'{"text": "a"}\n{"text": null, "body": null}\n', 2, "no text field"),
            ("x.jsonl", b'{"text": "a"}\n{"text": 3}\n', 2, "not a string"),
            ("x.jsonl", b'{"text": "a"}\n{"text": "\xff"}\n', 2, "not valid utf-8"),
            ("x.jsonl", b'{"text": "a"}\n' + b"[" * 100_000 + b"\n", 2, "not valid JSON"),
            ("x.csv", b"text,title\na,b\na,b,c\n", 3, "3 fields, the header has 2"),
            ("x.csv", b"text,title\na,b\n\xff,b\n", 3, "not valid utf-8"),
            ("x.csv", b'text,title\na,b\n"a"x,b\n', 3, "malformed CSV row"),
            ("x.csv", b"title,title\na,b\n", 1, "repeats column(s) title"),
            ("x.csv", b"title,summary\na,b\n", 2, "no text field"),
        ],
    )
    def test_record_errors_name_file_and_line(
        self, tmp_path: Path, name: str, content: bytes, line: int, message: str
    ) -> None:
        """Each kind of bad record raises LoadError with the file, the line and the reason."""
        path = tmp_path / name
        path.write_bytes(content)

        with pytest.raises(LoadError) as info:
            list(load(path, encoding="utf-8"))

        assert (str(path), line) == (info.value.path, info.value.line)
        assert message in str(info.value)
        assert str(info.value).startswith(f"{path}:{line}: ")

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file raises LoadError naming it, when iterated."""
        path = tmp_path / "missing.jsonl"
        articles = load(path)

        with pytest.raises(LoadError) as info:
            list(articles)

        assert (str(path), None) == (info.value.path, info.value.line)
        assert "cannot read the file" in str(info.value)

    @pytest.mark.parametrize("reader", [read_text, read_jsonl, read_csv])
    def test_directory_given_as_file(self, tmp_path: Path, reader: Any) -> None:
        """A folder named like a file cannot be read as one."""
        path = tmp_path / "folder.jsonl"
        path.mkdir()
        if reader is read_text:
            path = tmp_path / "folder.txt"
            path.write_bytes(b"\xff")

        with pytest.raises(LoadError) as info:
            list(reader(path, encoding="utf-8"))

        assert str(path) == info.value.path

    def test_corrupt_gzip(self, tmp_path: Path) -> None:
        """A file that is not gzip data raises LoadError."""
        path = tmp_path / "x.jsonl.gz"
        path.write_bytes(b"this is not gzip data at all\n")

        with pytest.raises(LoadError, match="corrupt"):
            list(load(path))

    def test_truncated_gzip_names_the_line(self, tmp_path: Path) -> None:
        """A gzip cut short yields the records before the cut, then LoadError naming the next line."""
        payload = "".join(json.dumps({"text": f"article {i} " + "x" * 50}) + "\n" for i in range(2000))
        data = gzip.compress(payload.encode())
        path = tmp_path / "x.jsonl.gz"
        path.write_bytes(data[: len(data) // 2])
        errors: list[LoadError] = []

        articles = list(load(path, on_error=errors.append))

        assert 1 == len(errors)
        assert "truncated" in str(errors[0])
        assert len(articles) + 1 == errors[0].line

    def test_corrupt_gzip_data(self, tmp_path: Path) -> None:
        """Damaged compressed bytes in the middle raise LoadError, not zlib.error."""
        payload = "".join(json.dumps({"text": f"article {i}"}) + "\n" for i in range(5000)).encode()
        data = bytearray(gzip.compress(payload))
        data[len(data) // 2 : len(data) // 2 + 20] = b"\x00" * 20
        path = tmp_path / "x.csv.gz"
        path.write_bytes(bytes(data))

        with pytest.raises(LoadError):
            list(load(path))

    def test_unknown_suffix_at_call_time(self, tmp_path: Path) -> None:
        """A name with no known suffix raises LoadError when load is called, whatever on_error says."""
        with pytest.raises(LoadError, match="cannot tell the format"):
            load(tmp_path / "notes.pdf", on_error="skip")


class TestOnError:
    @staticmethod
    def bad_file(tmp_path: Path) -> Path:
        path = tmp_path / "x.jsonl"
        path.write_bytes(b'{"text": "a"}\nnope\n{"text": "b"}\n[1]\n{"text": "c"}\n')
        return path

    def test_raise(self, tmp_path: Path) -> None:
        """The default raises at the first bad record."""
        with pytest.raises(LoadError):
            list(load(self.bad_file(tmp_path)))

    def test_warn(self, tmp_path: Path) -> None:
        """'warn' emits a LoadWarning per bad record and goes on."""
        path = self.bad_file(tmp_path)

        with pytest.warns(LoadWarning) as caught:
            articles = list(load(path, on_error="warn"))

        assert ["a", "b", "c"] == [a.raw for a in articles]
        assert [f"{path}:2", f"{path}:4"] == [str(w.message).split(": ")[0] for w in caught]

    def test_skip(self, tmp_path: Path) -> None:
        """'skip' goes on silently."""
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            articles = list(load(self.bad_file(tmp_path), on_error="skip"))

        assert ["a", "b", "c"] == [a.raw for a in articles]

    def test_callable(self, tmp_path: Path) -> None:
        """A callable receives every error and the run goes on; record indexes count bad records too."""
        errors: list[LoadError] = []

        articles = list(read_jsonl(self.bad_file(tmp_path), on_error=errors.append))

        assert [2, 4] == [e.line for e in errors]
        assert [0, 2, 4] == [a.origin.record for a in articles if a.origin is not None]

    @pytest.mark.parametrize(
        "call",
        [
            lambda p: load(p, on_error="ignore"),  # type: ignore[arg-type]
            lambda p: read_text(p, on_error=3),  # type: ignore[arg-type]
            lambda p: read_jsonl(p, fields={"nope": "x"}),
            lambda p: read_jsonl(p, fields=["text"]),  # type: ignore[arg-type]
            lambda p: read_csv(p, delimiter="ab"),
            lambda p: read_csv(p, encoding="no-such-codec"),
            lambda p: load(p, encoding="cp037"),
            lambda p: load(p, encoding=None),  # type: ignore[arg-type]
            lambda p: load([p, 3]),  # type: ignore[list-item]
        ],
    )
    def test_options_error_at_call_time(self, tmp_path: Path, call: Any) -> None:
        """Invalid options raise OptionsError when the reader is called, before any iteration."""
        with pytest.raises(OptionsError):
            call(tmp_path / "missing.jsonl")


@st.composite
def jsonl_lines(draw: st.DrawFn) -> tuple[bytes, bool]:
    """A JSONL line and whether it is a good record."""
    kind = draw(st.sampled_from(["good", "good", "bad_json", "not_object", "no_text", "bad_bytes", "bad_text"]))
    text = draw(st.text(max_size=40))
    if kind == "good":
        record = {"text": text, "title": draw(st.none() | st.text(max_size=10)), "extra": draw(st.integers())}
        if draw(st.booleans()):
            record["date"] = draw(st.text(max_size=12))
        return json.dumps(record, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass"), True
    if kind == "bad_json":
        return b'{"text": ' + json.dumps(text).encode()[: draw(st.integers(0, 5))], False
    if kind == "not_object":
        return json.dumps(
            draw(st.lists(st.integers(), max_size=3) | st.integers() | st.text(max_size=5))
        ).encode(), False
    if kind == "no_text":
        return json.dumps({"title": text}).encode(), False
    if kind == "bad_text":
        return json.dumps({"text": draw(st.integers() | st.lists(st.text(max_size=3)))}).encode(), False
    return b'{"text": "' + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80"])) + b'"}', False


class TestProperties:
    @given(st.lists(jsonl_lines(), max_size=30), st.booleans())
    @settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
    def test_no_loss(self, lines: list[tuple[bytes, bool]], gz: bool) -> None:
        """N records give N articles plus reported errors; good records always give articles (strict UTF-8)."""
        content = b"".join(line + b"\n" for line, _ in lines)
        errors: list[LoadError] = []
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "x.jsonl.gz" if gz else "x.jsonl")
            with open(path, "wb") as stream:
                stream.write(gzip.compress(content) if gz else content)

            articles = list(load(path, on_error=errors.append, encoding="utf-8"))

        assert len(lines) == len(articles) + len(errors)
        assert sum(good for _, good in lines) == len(articles)
        assert [i for i, (_, good) in enumerate(lines) if good] == [
            a.origin.record for a in articles if a.origin is not None
        ]

    @given(st.binary(max_size=300), st.sampled_from(["x.jsonl", "x.csv", "x.tsv", "x.txt", "x.jsonl.gz", "x.csv.gz"]))
    @example(b"\x1f\x8b\x08\x00", "x.jsonl.gz")
    @example(b'text\n"unclosed', "x.csv")
    @example(b"\x00\x00\x00", "x.csv")
    @example(b"\xef\xbb\xbf", "x.jsonl")
    @settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
    def test_any_bytes_raise_only_our_errors(self, data: bytes, name: str) -> None:
        """Any bytes, raw or gzipped, give articles or a NewscorpusError, never another exception."""
        for payload in (data, gzip.compress(data)) if name.endswith(".gz") else (data,):
            with tempfile.TemporaryDirectory() as folder:
                path = os.path.join(folder, name)
                with open(path, "wb") as stream:
                    stream.write(payload)
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always")
                    try:
                        articles = list(load(path))
                    except NewscorpusError:
                        articles = []
                    skipped = list(load(path, on_error="skip"))

            assert all(isinstance(a, Article) for a in articles + skipped)
            assert all(issubclass(w.category, NewscorpusWarning) for w in caught)


@pytest.fixture
def no_detector(monkeypatch: pytest.MonkeyPatch) -> None:
    """Behave as if charset-normalizer were not installed."""
    monkeypatch.setattr(decoding, "_detect", lambda data: None)


def collect(path: Path, **options: Any) -> tuple[list[Article], list[LoadError], list[str]]:
    """Load *path*, returning the articles, the errors and the messages of the warnings."""
    errors: list[LoadError] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        articles = list(load(path, on_error=errors.append, **options))
    assert all(issubclass(w.category, LoadWarning) for w in caught)
    return articles, errors, [str(w.message) for w in caught]


FIVE = [{"text": f"Story {n} caf\u00e9 \u041c\u043e\u0441\u043a\u0432\u0430"} for n in range(5)]


class TestEncodings:
    @pytest.mark.usefixtures("no_detector")
    def test_cp1252_line_falls_back_with_a_warning(self, tmp_path: Path) -> None:
        """A line that is not UTF-8 is decoded as cp1252 and reported as a LoadWarning with file and line."""
        path = tmp_path / "x.jsonl"
        path.write_bytes(
            b'{"text": "ok \xe2\x80\x99"}\n' + '{"text": "Caf\u00e9 \u2019talks\u2019"}\n'.encode("cp1252")
        )

        articles, errors, warned = collect(path)

        assert ["ok \u2019", "Caf\u00e9 \u2019talks\u2019"] == [a.raw for a in articles]
        assert [] == errors
        assert [f"{path}:2: the bytes are not valid UTF-8 (byte 13); decoded as cp1252"] == warned

    @pytest.mark.usefixtures("no_detector")
    def test_latin1_is_the_last_resort(self, tmp_path: Path) -> None:
        """Bytes cp1252 leaves undefined are decoded as latin-1, which never fails."""
        path = tmp_path / "x.txt"
        path.write_bytes(b"Line one\nbad \x81\x8d byte\n")

        articles, _, warned = collect(path)

        assert ["Line one\nbad \x81\x8d byte\n"] == [a.raw for a in articles]
        assert [f"{path}:2: the bytes are not valid UTF-8 (byte 13); decoded as latin-1"] == warned

    def test_detector_guess_comes_before_cp1252(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """With a detector installed, its guess decodes a line with enough non-ASCII bytes, and is kept for the file."""
        asked: list[bytes] = []

        def detect(data: bytes) -> str:
            asked.append(data)
            return "cp1251"

        monkeypatch.setattr(decoding, "_detect", detect)
        russian = "\u041c\u043e\u0441\u043a\u0432\u0430 " * 8
        path = tmp_path / "x.csv"
        path.write_bytes(f"text\n{russian}\n{russian[:6]}\n".encode("cp1251"))

        articles, _, warned = collect(path)

        assert [russian, russian[:6]] == [a.raw for a in articles]
        assert 1 == len(asked)
        assert all(message.endswith("decoded as cp1251") for message in warned)

    def test_short_line_does_not_ask_the_detector(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A guess on a few bytes is noise: a short bad line goes straight to cp1252."""
        monkeypatch.setattr(decoding, "_detect", lambda data: pytest.fail("detector asked"))
        path = tmp_path / "x.jsonl"
        path.write_bytes('{"text": "Caf\u00e9"}\n'.encode("cp1252"))

        articles, _, _ = collect(path)

        assert ["Caf\u00e9"] == [a.raw for a in articles]

    @pytest.mark.parametrize("encoding", ["latin-1", "LATIN-1", "cp1252"])
    def test_explicit_encoding_is_used_as_given(self, tmp_path: Path, encoding: str) -> None:
        """An explicit encoding decodes every line, with no fallback and no warning."""
        path = tmp_path / "x.jsonl"
        path.write_bytes('{"text": "Caf\u00e9"}\n{"text": "na\u00efve"}\n'.encode("latin-1"))

        articles, errors, warned = collect(path, encoding=encoding)

        assert (["Caf\u00e9", "na\u00efve"], [], []) == ([a.raw for a in articles], errors, warned)

    @pytest.mark.parametrize(
        "encode",
        [
            lambda text: text.encode("utf-16"),
            lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
            lambda text: text.encode("utf-32"),
            lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
        ],
    )
    @pytest.mark.parametrize("gz", [False, True])
    def test_byte_order_mark_picks_the_encoding(self, tmp_path: Path, encode: Any, gz: bool) -> None:
        """A file opening with a byte-order mark is read in that encoding, in every format, gzipped or not."""
        suffix = ".gz" if gz else ""
        lines = "".join(json.dumps(record, ensure_ascii=False) + "\r\n" for record in FIVE)
        table = "text\r\n" + "".join(record["text"] + "\r\n" for record in FIVE)
        files = {"x.jsonl": lines, "x.csv": table, "x.txt": FIVE[0]["text"]}
        for name, content in files.items():
            data = encode(content)
            path = tmp_path / (name + suffix)
            path.write_bytes(gzip.compress(data) if gz else data)

            articles, errors, warned = collect(path)

            expected = [FIVE[0]["text"]] if name == "x.txt" else [record["text"] for record in FIVE]
            assert (expected, [], []) == ([a.raw.rstrip("\r\n") for a in articles], errors, warned)

    def test_explicit_utf16(self, tmp_path: Path) -> None:
        """utf-16 may be given explicitly; the file is decoded as a whole."""
        path = tmp_path / "x.jsonl"
        path.write_bytes("".join(json.dumps(record) + "\n" for record in FIVE).encode("utf-16"))

        articles, errors, _ = collect(path, encoding="utf-16")

        assert (5, []) == (len(articles), errors)

    @pytest.mark.usefixtures("no_detector")
    def test_mixed_encodings_line_by_line(self, tmp_path: Path) -> None:
        """Each line is decoded on its own: UTF-8 lines stay UTF-8 next to cp1252 ones."""
        path = tmp_path / "x.jsonl"
        path.write_bytes(
            '{"text": "\u2019a"}\n'.encode()
            + '{"text": "\u2019b"}\n'.encode("cp1252")
            + '{"text": "\u00e9c"}\n'.encode()
        )

        articles, _, warned = collect(path)

        assert ["\u2019a", "\u2019b", "\u00e9c"] == [a.raw for a in articles]
        assert 1 == len(warned)

    def test_lone_surrogate_escape_is_kept(self, tmp_path: Path) -> None:
        """A valid \\ud800 escape in a JSON dump gives a raw holding exactly that lone surrogate."""
        path = tmp_path / "x.jsonl"
        path.write_bytes(b'{"text": "a\\ud800b \\ud83d\\ude00"}\n')

        (article,) = read_jsonl(path)

        assert "a\ud800b \U0001f600" == article.raw


class TestOddFiles:
    @pytest.mark.parametrize("name", ["x.jsonl", "x.csv"])
    def test_cr_only_line_ends(self, tmp_path: Path, name: str) -> None:
        """A file whose lines end in a lone carriage return gives one record per line."""
        path = tmp_path / name
        if name == "x.csv":
            path.write_bytes(b"text\r" + b"".join(f"Story {n}\r".encode() for n in range(5)))
        else:
            path.write_bytes(b"".join(json.dumps({"text": f"Story {n}"}).encode() + b"\r" for n in range(5)))

        articles, errors, _ = collect(path)

        assert [f"Story {n}" for n in range(5)] == [a.raw for a in articles]
        assert [] == errors

    @pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
    def test_symlink_loop_in_a_folder(self, tmp_path: Path) -> None:
        """A symlink loop costs one error for its entry; every readable file of the folder is kept."""
        (tmp_path / "a.txt").write_text("First.", encoding="utf-8")
        (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
        (tmp_path / "self").symlink_to(tmp_path)
        (tmp_path / "z.txt").write_text("Last.", encoding="utf-8")

        articles, errors, _ = collect(tmp_path)

        assert ["First.", "Last."] == [a.raw for a in articles]
        assert [str(tmp_path / "loop.txt")] == [e.path for e in errors]

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
    @pytest.mark.parametrize("name", ["x.txt", "x.jsonl", "x.csv.gz"])
    def test_named_pipe_is_not_opened(self, tmp_path: Path, name: str) -> None:
        """A named pipe is reported as an error without being opened (opening would block)."""
        os.mkfifo(tmp_path / name)

        articles, errors, _ = collect(tmp_path / name)

        assert [] == articles
        assert ["cannot read the file: not a regular file (a named pipe)"] == [e.message for e in errors]

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
    def test_named_pipe_in_a_folder(self, tmp_path: Path) -> None:
        """A pipe named like a text file is one error; a folder named so is entered; the other files are read."""
        os.mkfifo(tmp_path / "b.txt")
        (tmp_path / "c.txt").mkdir()
        (tmp_path / "d.txt").write_text("Body.", encoding="utf-8")

        articles, errors, _ = collect(tmp_path)

        assert ["Body."] == [a.raw for a in articles]
        assert [str(tmp_path / "b.txt")] == [e.path for e in errors]


class TestCsvRecovery:
    @pytest.mark.parametrize("quoted", [True, False])
    def test_unclosed_quote_costs_one_row(self, tmp_path: Path, quoted: bool) -> None:
        """An unclosed quote gives one error at its line; the rows after it are read: 1,000 rows, 999 + 1 error."""
        rows = [f'{n},"Story {n}, told"' if quoted else f"{n},Story {n}" for n in range(1000)]
        rows[400] = '400,"Story 400 never closed'
        path = tmp_path / "x.csv"
        path.write_text("id,text\n" + "\n".join(rows) + "\n", encoding="utf-8")

        articles, errors, _ = collect(path)

        assert (999, [402]) == (len(articles), [e.line for e in errors])
        assert [n for n in range(1000) if n != 400] == [int(a.id) for a in articles]
        assert [n + 2 for n in range(1000) if n != 400] == [a.origin.line for a in articles if a.origin]

    def test_record_spanning_too_many_lines(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A quoted field running over the line cap is reported and the lines it swallowed read again."""
        monkeypatch.setattr(load_module, "_CSV_MAX_RECORD_LINES", 5)
        path = tmp_path / "x.csv"
        path.write_text('text\n"open\n' + "".join(f"row {n}\n" for n in range(10)), encoding="utf-8")

        articles, errors, _ = collect(path)

        assert [f"row {n}" for n in range(10)] == [a.raw for a in articles]
        assert [2] == [e.line for e in errors]
        assert "runs over 5 lines" in errors[0].message

    def test_long_quoted_field_is_kept(self, tmp_path: Path) -> None:
        """A legitimate field of many lines is one record."""
        body = "".join(f"Paragraph {n}.\n\n" for n in range(500))
        path = tmp_path / "x.csv"
        path.write_text(f'text,title\n"{body}",T\nnext,U\n', encoding="utf-8")

        articles, errors, _ = collect(path)

        assert ([body, "next"], []) == ([a.raw for a in articles], errors)


class TestHostileInput:
    """Work is counted, not timed: characters offered to the date patterns, lines fed to the CSV parser."""

    @staticmethod
    def date_work(monkeypatch: pytest.MonkeyPatch, path: Path) -> tuple[int, Article]:
        with count_work(_dates) as counted:
            (article,) = load(path)
        return counted.scanned, article

    def test_one_megabyte_record(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A 1 MB record is read whole, and the date work does not grow with its size."""
        work = []
        for size in (1_000_000, 2_000_000):
            body = "Feb 28, 2022 " + "a" * size
            path = write_jsonl(tmp_path / f"{size}.jsonl", [{"text": body, "date": "Feb " * (size // 1000)}])

            chars, article = self.date_work(monkeypatch, path)

            assert body == article.raw
            work.append(chars)
        assert work[0] == work[1]
        assert 0 < work[0] <= 300

    def test_one_megabyte_junk_date_line(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A text file starting with megabytes of date-like junk on one line gets no date, at constant work."""
        work = []
        for copies in (60_000, 120_000):
            path = tmp_path / f"{copies}.txt"
            path.write_text("28 Feb 2022 10:41 " * copies + "\nBody.", encoding="utf-8")

            chars, article = self.date_work(monkeypatch, path)

            assert article.date is None
            work.append(chars)
        assert work[0] == work[1] <= 300

    @pytest.mark.parametrize("line", ['"unclosed', 'a,"b', '"x""', '"'])
    def test_csv_recovery_is_linear(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, line: str) -> None:
        """A CSV where every line opens a quote feeds each physical line to the parser a bounded number of times."""
        fed = []
        for count in (5_000, 10_000):
            path = tmp_path / f"{count}.csv"
            path.write_text("text,title\n" + f"{line}\n" * count, encoding="utf-8")
            calls = [0]
            original = load_module._CsvLines.__next__

            def counting(self: Any, original: Any = original, calls: list[int] = calls) -> str:
                calls[0] += 1
                return str(original(self))

            with monkeypatch.context() as patch:
                patch.setattr(load_module._CsvLines, "__next__", counting)
                errors: list[LoadError] = []
                articles = list(read_csv(path, on_error=errors.append))

            assert count == len(articles) + len(errors)
            fed.append(calls[0])
        assert fed[1] <= 2 * fed[0] + 2
        assert fed[1] <= 3 * 10_001


class TestStandardInput:
    def test_dash_reads_json_lines_from_stdin(self) -> None:
        """load("-") reads JSON lines from standard input, errors named after "-"."""
        code = (
            "from newscorpus.load import load\n"
            "errors = []\n"
            "for a in load('-', on_error=errors.append): print(a.id, a.raw)\n"
            "print([(e.path, e.line) for e in errors])\n"
        )
        lines = '{"id": "a", "text": "One."}\nnot json\n{"id": "b", "text": "Two."}\n'

        out = subprocess.run([sys.executable, "-c", code], input=lines, capture_output=True, text=True, check=True)

        assert "a One.\nb Two.\n[('-', 2)]\n" == out.stdout
