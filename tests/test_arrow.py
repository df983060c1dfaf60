"""Tests for newscorpus.arrow: typed tables, pandas frames and Parquet files."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Literal

import attrs
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newscorpus as nc
from newscorpus.arrow import (
    TABLES,
    documents_table,
    from_arrow,
    process_batch,
    read_parquet,
    schemas,
    to_arrow,
    to_pandas,
    write_parquet,
)
from newscorpus.errors import LoadError, OptionsError, WriteError
from newscorpus.testing.strategies import documents
from newscorpus.types import (
    Article,
    DatePrecision,
    Document,
    EntityKind,
    Event,
    EventDate,
    EventType,
    Mention,
    Origin,
    Quote,
    QuoteKind,
    Span,
    StageError,
)

_TEXT = 'Minister Ana Silva said on Monday, March 7, 2022: "We will talk." Talks ended in Lisbon.'


def _rich_document() -> Document:
    """A document with a record of every kind, written for these tests."""
    article = Article(
        raw="Promo\n\n" + _TEXT,
        id="a1",
        title="Talks",
        date=dt.date(2022, 3, 8),
        authors=("A. Writer",),
        origin=Origin(path="in.jsonl", line=3, record=2),
        extra={"section": "world"},
    ).remove([(0, 7)], rule="promo")
    text = article.text
    speaker = Mention(start=9, end=18, text="Ana Silva", kind=EntityKind.PERSON, name="Ana Silva", country="PRT")
    place = Mention.of(text, text.index("Lisbon"), text.index("Lisbon") + 6)
    content = Span.of(text, text.index('"'), text.index('."') + 2)
    quote = Quote(
        start=content.start,
        end=content.end,
        text=content.text,
        kind=QuoteKind.DIRECT,
        cue=Span.of(text, 19, 23),
        speaker=speaker,
        fragments=(Span.of(text, content.start + 1, content.end - 1),),
    )
    event = Event(
        type=EventType.CONSULT,
        trigger=Span.of(text, text.index("Talks"), text.index("Talks") + 5),
        sentence=Span.of(text, text.index("Talks"), len(text)),
        actors=(speaker,),
        location=place,
        date=EventDate(value=dt.date(2022, 3, 7), precision=DatePrecision.DAY, stated=True),
    )
    doc = nc.Pipeline(["sentences.v1", "timex.v1"], clean=None)(article)
    return Document(
        article=article,
        sentences=doc.sentences,
        timexes=doc.timexes,
        mentions=(speaker, place),
        quotes=(quote,),
        events=(event,),
        extensions={"tags.v1": ["talks"]},
        stages=doc.stages,
        errors=(StageError(stage="quotes.v1", error="ValueError", message="odd mark"),),
    )


class TestSchemas:
    def test_every_table_starts_with_article_id(self) -> None:
        """Each table has the join column first."""
        assert all("article_id" == schema.names[0] for schema in schemas().values())
        assert list(TABLES) == list(schemas())

    def test_types(self) -> None:
        """Dates are date32, enumerations dictionary strings, offsets int64, nested records spread out."""
        tables = schemas()

        assert pa.date32() == tables["timexes"].field("earliest").type
        assert pa.dictionary(pa.int32(), pa.string()) == tables["timexes"].field("type").type
        assert pa.int64() == tables["sentences"].field("start").type
        assert pa.int64() == tables["quotes"].field("speaker_start").type
        assert pa.dictionary(pa.int32(), pa.string()) == tables["events"].field("date_precision").type
        assert pa.types.is_list(tables["events"].field("actors").type)
        assert pa.date32() == tables["articles"].field("date").type

    def test_tables_follow_the_record_classes(self) -> None:
        """Every field of a record class appears as a column (so a new field becomes one)."""
        import attrs

        names = schemas()["events"].names
        for field in attrs.fields(Event):
            assert any(name == field.name or name.startswith(field.name + "_") for name in names)


class TestToArrow:
    def test_rows_and_join(self) -> None:
        """Each record is one row of its table, joined to its article by id."""
        doc = _rich_document()

        tables = to_arrow([doc])

        assert 1 == tables["articles"].num_rows
        assert len(doc.sentences) == tables["sentences"].num_rows
        assert ["a1"] * len(doc.sentences) == tables["sentences"].column("article_id").to_pylist()
        assert ["Ana Silva"] == tables["quotes"].column("speaker_name").to_pylist()
        assert [dt.date(2022, 3, 7)] == tables["events"].column("date_value").to_pylist()
        assert ["promo"] == tables["removals"].column("rule").to_pylist()
        assert ["quotes.v1"] == tables["errors"].column("stage").to_pylist()

    def test_round_trip(self) -> None:
        """from_arrow rebuilds the documents to_arrow was given, duplicates included."""
        doc = _rich_document()

        assert [doc, doc] == list(from_arrow(to_arrow([doc, doc])))

    @settings(max_examples=60)
    @given(st.lists(documents(), max_size=3))
    def test_any_documents_round_trip(self, docs: list[Document]) -> None:
        """Any documents survive the trip through Arrow tables."""
        assert docs == list(from_arrow(to_arrow(docs)))

    def test_unencodable_extension_recorded(self) -> None:
        """A value JSON cannot hold is dropped and recorded in the errors table, as in JSON lines."""
        doc = Document(article=Article(raw="x", id="a1"), extensions={"bad.v1": {1, 2}})

        tables = to_arrow([doc])

        assert ["bad.v1"] == tables["errors"].column("stage").to_pylist()

    def test_not_a_document(self) -> None:
        """Only documents go in."""
        with pytest.raises(OptionsError):
            to_arrow([Article(raw="x")])  # type: ignore[list-item]

    def test_package_exports(self) -> None:
        """The package gives to_arrow, to_pandas, write_parquet and read_parquet lazily."""
        assert to_arrow is nc.to_arrow
        assert write_parquet is nc.write_parquet

    def test_core_does_not_import_pyarrow(self) -> None:
        """Importing newscorpus and writing JSON lines does not import pyarrow or pandas."""
        code = "import sys, newscorpus; print('pyarrow' in sys.modules, 'pandas' in sys.modules)"
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout

        assert "False False" == out.strip()


class TestToPandas:
    def test_frames(self) -> None:
        """Each table becomes a DataFrame; enumerations are categoricals."""
        frames = to_pandas([_rich_document()])

        assert "category" == str(frames["timexes"]["type"].dtype)
        assert ["a1"] == frames["articles"]["article_id"].tolist()


class TestParquet:
    def test_round_trip_every_table(self, tmp_path: Path) -> None:
        """Each table read back from Parquet equals the in-memory table, and the documents are rebuilt."""
        docs = [_rich_document(), Document(article=Article(raw="Short one.", id="a2"))]
        out = tmp_path / "out.parquet"

        assert 2 == write_parquet(docs, out)

        expected = to_arrow(docs)
        for table in TABLES:
            assert expected[table] == pq.read_table(out / f"{table}.parquet")
        assert docs == list(read_parquet(out))

    def test_row_groups_bound_memory(self, tmp_path: Path) -> None:
        """Documents are written in row groups of batch_size documents."""
        docs = [Document(article=Article(raw=f"Article {n}.")) for n in range(7)]

        write_parquet(docs, tmp_path / "out", batch_size=3)

        assert 3 == pq.ParquetFile(tmp_path / "out" / "articles.parquet").num_row_groups
        assert docs == list(read_parquet(tmp_path / "out"))

    def test_replaces_an_earlier_output(self, tmp_path: Path) -> None:
        """A second run replaces the folder of the first."""
        out = tmp_path / "out"
        write_parquet([Document(article=Article(raw="one"))], out)

        write_parquet([Document(article=Article(raw="two"))], out)

        assert ["two"] == [doc.article.raw for doc in read_parquet(out)]
        assert ["out"] == os.listdir(tmp_path)

    def test_failure_leaves_the_target(self, tmp_path: Path) -> None:
        """A run that fails part-way leaves the earlier output as it was and no temporary folder."""
        out = tmp_path / "out"
        write_parquet([Document(article=Article(raw="one"))], out)

        def failing() -> list[Document]:
            raise RuntimeError("boom")

        def docs():  # type: ignore[no-untyped-def]
            yield Document(article=Article(raw="two"))
            failing()

        with pytest.raises(RuntimeError):
            write_parquet(docs(), out)

        assert ["one"] == [doc.article.raw for doc in read_parquet(out)]
        assert ["out"] == os.listdir(tmp_path)

    def test_target_is_a_file(self, tmp_path: Path) -> None:
        """A target that is a file is refused with WriteError."""
        target = tmp_path / "out.parquet"
        target.write_text("x")

        with pytest.raises(WriteError):
            write_parquet([], target)

    def test_reading_what_is_not_output(self, tmp_path: Path) -> None:
        """read_parquet of a folder without the tables raises LoadError."""
        with pytest.raises(LoadError):
            list(read_parquet(tmp_path))

    def test_bad_batch_size(self, tmp_path: Path) -> None:
        """batch_size must be a positive whole number."""
        with pytest.raises(OptionsError):
            write_parquet([], tmp_path / "x", batch_size=0)


class TestProcessBatch:
    def test_batch_gives_the_tables_of_a_local_run(self) -> None:
        """An Arrow batch of articles gives the tables the pipeline's documents give."""
        pipeline = nc.Pipeline(["sentences.v1", "timex.v1"])
        batch = pa.table(
            {
                "id": ["a1", "a2"],
                "title": ["Talks", None],
                "date": [dt.date(2022, 2, 24), None],
                "text": ["Talks ended on Monday. Both sides left.", "Nothing happened."],
            }
        )

        tables = process_batch(batch, pipeline=pipeline)

        assert isinstance(tables, dict)
        docs = list(from_arrow(tables))
        assert ["a1", "a2"] == [doc.article.id for doc in docs]
        assert dt.date(2022, 2, 24) == docs[0].article.date
        assert ["Monday"] == tables["timexes"].column("text").to_pylist()

    def test_one_table(self) -> None:
        """With table, one table comes back, as Ray Data and Spark batch functions return."""
        batch = pa.RecordBatch.from_pylist([{"text": "Talks ended on Monday."}])

        result = process_batch(batch, pipeline=nc.Pipeline(clean=None), table="sentences")

        assert isinstance(result, pa.Table)
        assert schemas()["sentences"] == result.schema

    def test_unknown_table(self) -> None:
        """An unknown table name is an OptionsError."""
        with pytest.raises(OptionsError):
            process_batch(pa.table({"text": ["x"]}), table="quotations")


class TestDocumentsTable:
    def test_lines_rebuild_documents(self) -> None:
        """The one-table form holds compact lines that rebuild the documents."""
        doc = _rich_document()

        table = documents_table([doc])

        assert ["a1"] == table.column("article_id").to_pylist()
        assert doc == nc.from_json(table.column("line")[0].as_py())


@attrs.frozen(kw_only=True)
class _Part:
    """A record held inside another, for the test of new kinds of fields."""

    start: int
    label: str | None = None


@attrs.frozen(kw_only=True)
class _NewKinds:
    """A record with kinds of fields the built-in records do not have yet."""

    score: float
    source: Literal["text", "date"] = "text"
    tags: frozenset[str] = frozenset()
    seen: dt.datetime | None = None
    counts: tuple[int, ...] = ()
    part: _Part | None = None


class TestNewFields:
    def test_new_kinds_of_fields_round_trip(self) -> None:
        """Fields of kinds the records do not have yet get columns and come back equal."""
        from newscorpus import arrow

        columns = arrow._columns(_NewKinds)
        record = _NewKinds(
            score=0.5,
            source="date",
            tags=frozenset({"a", "b"}),
            seen=dt.datetime(2022, 2, 24, 5, 30),
            counts=(1, 2),
            part=_Part(start=3),
        )
        values = {c.name: [arrow._to_value(arrow._get(record, c.path), c.shape)] for c in columns}
        table = pa.table({c.name: pa.array(values[c.name], c.type) for c in columns})

        back = arrow._rebuilder(_NewKinds, columns)(table.to_pylist()[0])

        assert ["score", "source", "tags", "seen", "counts", "part_start", "part_label"] == [c.name for c in columns]
        assert pa.float64() == table.schema.field("score").type
        assert record == back
