"""A fuzz campaign over the public API: any value, any text, only our own errors.

Every public function of ``newscorpus`` is called with arbitrary Python values
(``None``, numbers, bytes, containers, objects, articles) and every text
function with arbitrary text. Each call returns or raises a
:class:`~newscorpus.errors.NewscorpusError`; nothing else escapes. The ``ci``
profile runs a small campaign; set ``NEWSCORPUS_FUZZ_EXAMPLES`` for a long one.
"""

from __future__ import annotations

import contextlib
import io
import os
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newscorpus as nc
from newscorpus.testing.strategies import articles

EXAMPLES = int(os.environ.get("NEWSCORPUS_FUZZ_EXAMPLES", "0")) or None
CAMPAIGN = settings(
    max_examples=EXAMPLES or settings.default.max_examples,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
)

# Public functions that take one thing (an article, a text, a record, a path).
NEEDS_MORE = {"rule_families", "write_csv", "write_jsonl", "write_parquet"}
ONE_ARGUMENT = sorted(
    name for name in nc.__all__ if name[:1].islower() and callable(getattr(nc, name)) and name not in NEEDS_MORE
)
# Text functions: they take any article and never fail.
TEXT_FUNCTIONS = sorted(
    name for name in ("sentences", "paragraphs", "clean", "extract_timexes", "extract_mentions", "extract_quotes",
                      "extract_events") if hasattr(nc, name)
)  # fmt: skip

values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=50),
    st.binary(max_size=50),
    st.lists(st.one_of(st.none(), st.integers(), st.text(max_size=10)), max_size=3),
    st.dictionaries(st.text(max_size=8), st.one_of(st.none(), st.integers(), st.text(max_size=10)), max_size=3),
    st.builds(object),
    articles(),
)


def call(func: Callable[..., Any], value: Any) -> None:
    """Call *func* on *value*, exhausting what it returns if that is lazy."""
    result = func(value)
    if hasattr(result, "__next__"):
        for _ in result:
            pass


class TestAnyValue:
    @CAMPAIGN
    @given(name=st.sampled_from(ONE_ARGUMENT), value=values)
    def test_only_our_errors(self, name: str, value: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
        """Any value given to a public function gives a result or a NewscorpusError."""
        func = getattr(nc, name)
        if isinstance(value, str) and name in {
            "load",
            "read_text",
            "read_jsonl",
            "read_csv",
            "read_documents",
            "read_parquet",
        }:
            value = str(tmp_path_factory.mktemp("fuzz") / (value.replace("/", "_")[:40] or "x"))
        with contextlib.suppress(nc.NewscorpusError):
            call(func, value)

    @CAMPAIGN
    @given(docs=values, target=st.sampled_from(["file", "buffer", "none", "number"]))
    def test_writers(self, docs: Any, target: str, tmp_path_factory: pytest.TempPathFactory) -> None:
        """Writers given anything to write, or anywhere to write it, raise only our errors."""
        where: Any = {
            "file": tmp_path_factory.mktemp("fuzz") / "out.jsonl",
            "buffer": io.StringIO(),
            "none": None,
            "number": 42,
        }[target]
        for writer in (nc.write_jsonl, nc.write_csv, nc.write_parquet):
            with contextlib.suppress(nc.NewscorpusError):
                writer(docs, where)

    @CAMPAIGN
    @given(value=values, workers=st.sampled_from([1, 2]))
    def test_pipe(self, value: Any, workers: int) -> None:
        """Pipeline.pipe given anything, or a stream holding anything, raises only our errors."""
        pipeline = nc.Pipeline(["sentences.v1"], clean=None)
        for stream in (value, [value]):
            with contextlib.suppress(nc.NewscorpusError):
                call(lambda s: pipeline.pipe(s, workers=workers), stream)


class TestAnyText:
    @CAMPAIGN
    @given(name=st.sampled_from(TEXT_FUNCTIONS), raw=st.text(max_size=300))
    def test_text_functions_never_fail(self, name: str, raw: str) -> None:
        """Every text function takes any text (odd text gives our warnings at most); its spans slice back."""
        article = nc.Article(raw=raw)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = getattr(nc, name)(article)
        assert all(issubclass(w.category, nc.NewscorpusWarning) for w in caught)
        if name == "clean":
            assert raw == result.raw
            return
        for item in result:
            span = getattr(item, "trigger", item)
            assert span.text == article.text[span.start : span.end]


def test_campaign_covers_the_api() -> None:
    """The campaign reaches every public function (a new one is fuzzed without editing this file)."""
    assert {"clean", "load", "sentences", "from_json", "extract_timexes"} <= set(ONE_ARGUMENT)
    assert Path(__file__).name == "test_fuzz_api.py"
