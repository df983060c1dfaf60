"""User code that mypy --strict must accept (checked by CI, not run by pytest)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import newscorpus as nc


def headlines(path: str) -> Iterator[tuple[str, dt.date | None, str | None]]:
    for article in nc.load(path):
        yield article.id, article.date, article.title


def first_sentences(article: nc.Article) -> list[str]:
    return [s.text for s in nc.sentences(article) if article.text[s.start : s.end] == s.text]


def time_values(text: str) -> list[str]:
    return [t.value for t in nc.extract_timexes(text, reference=dt.date(2022, 2, 25))]


@nc.extractors.register("words.v1")
def words(doc: nc.Document) -> int:
    return len(doc.article.text.split())


def drop_nothing(article: nc.Article) -> nc.Article:
    return article.remove([], rule="none")


def run(paths: list[str]) -> int:
    pipeline = nc.Pipeline(["sentences.v1", "words.v1"], clean=drop_nothing)
    docs = pipeline.pipe((a for p in paths for a in nc.load(p)), workers=2)
    return nc.write_jsonl(docs, "out.jsonl")


def cleaned(article: nc.Article) -> str:
    return nc.clean(article, options=nc.CleanOptions()).text


round_tripped: nc.Document = nc.from_json(nc.to_json(nc.Document(article=nc.Article(raw="x"))))
