"""Reading the TSV lexicons of the mention and quote extractors.

Each file under ``newscorpus/data/`` holds one entry per line, columns split by
tabs; blank lines and lines starting with ``#`` are skipped. Files are read on
first use and cached.
"""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import Iterable

__all__ = ["alternation", "read_rows"]


@functools.cache
def read_rows(name: str) -> tuple[tuple[str, ...], ...]:
    """Return the rows of the data file *name* (a path under ``newscorpus/data``)."""
    path = importlib.resources.files("newscorpus").joinpath(f"data/{name}")
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(tuple(cell.strip() for cell in line.split("\t")))
    return tuple(rows)


def alternation(words: Iterable[str]) -> str:
    """Return a regular-expression alternation of *words*, longest first, escaped.

    Spaces inside an entry match one or two blanks.
    """
    import re

    unique = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", "[ \t\u00a0]{1,2}") for w in unique if w)
