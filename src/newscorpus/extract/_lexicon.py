"""Reading the TSV lexicons of the mention and quote extractors.

Each file under ``newscorpus/data/`` holds one entry per line, columns split by
tabs; blank lines and lines starting with ``#`` are skipped. Files are read on
first use and cached.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from collections.abc import Iterable
from typing import Any

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


def alternation(words: Iterable[str], *, gap: str | None = "[ \t\u00a0]{1,2}") -> str:
    """Return a regular expression matching any of *words*, as a character trie.

    A trie rejects a position after one or two characters, where a flat
    alternation tries every word; each branch is greedy, so the longest word
    is tried first. Spaces inside an entry match *gap* (by default one or two
    blanks; ``None``: exactly one space).
    """
    trie: dict[str, Any] = {}
    for word in {w for w in words if w}:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = []
        for char in sorted(c for c in node if c):
            piece = gap if char == " " and gap is not None else re.escape(char)
            branches.append(piece + build(node[char]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie) or "(?!)"
