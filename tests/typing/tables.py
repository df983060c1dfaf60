"""User code of the optional integrations that mypy --strict must accept (checked by CI, not run by pytest)."""

from __future__ import annotations

from collections.abc import Iterable

import newscorpus as nc
from newscorpus.arrow import TABLES, from_arrow, process_batch, read_parquet, schemas


def table_sizes(docs: Iterable[nc.Document]) -> dict[str, int]:
    return {name: table.num_rows for name, table in nc.to_arrow(docs).items()}


def save(docs: Iterable[nc.Document], folder: str) -> int:
    return nc.write_parquet(docs, folder, batch_size=500)


def ids(folder: str) -> list[str]:
    return [doc.article.id for doc in read_parquet(folder)]


def round_trip(docs: list[nc.Document]) -> bool:
    return list(from_arrow(nc.to_arrow(docs))) == docs


def columns() -> dict[str, list[str]]:
    return {name: list(schemas()[name].names) for name in TABLES}


def timexes_of(batch: object) -> object:
    return process_batch(batch, table="timexes")
