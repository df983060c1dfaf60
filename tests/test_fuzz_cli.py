"""A fuzz campaign for the command line: arbitrary files in every input format, every option that shapes a run.

Every run must end with exit status 0 or 1 (never a traceback), and no record may
be lost: records in = documents written + read errors reported. The ``ci``
profile runs a small campaign; set ``NEWSCORPUS_FUZZ_EXAMPLES`` (e.g. 5000) for
a long one.
"""

from __future__ import annotations

import gzip
import json
import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newscorpus as nc
from newscorpus.cli import main

EXAMPLES = int(os.environ.get("NEWSCORPUS_FUZZ_EXAMPLES", "0")) or None
CAMPAIGN = settings(
    max_examples=EXAMPLES or settings.default.max_examples,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
)

# Text a scraper might produce, with the characters that break naive parsers.
texts = st.text(
    alphabet=st.characters(codec="utf-8") | st.sampled_from(list("\r\n\t\"',;\\{}[] \u2028\x00\ud800")),
    max_size=120,
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["text", "title", "date", "x"]), inner),
    max_leaves=6,
)


@st.composite
def jsonl_records(draw: st.DrawFn) -> tuple[bytes, int]:
    """JSON lines, some valid articles, some not; the number of non-blank lines."""
    lines = draw(
        st.lists(
            st.one_of(
                st.builds(lambda t: json.dumps({"text": t}), texts),
                st.builds(lambda v: json.dumps({"text": v}), json_values),
                st.builds(json.dumps, json_values),
                texts.filter(lambda t: "\n" not in t and "\r" not in t),
            ),
            max_size=6,
        )
    )
    kept = [line for line in lines if line.strip()]
    return ("\n".join(kept) + "\n").encode("utf-8", "surrogatepass"), len(kept)


@st.composite
def any_file(draw: st.DrawFn) -> tuple[str, bytes, int | None]:
    """A file name, its bytes, and its number of records where that is known."""
    kind = draw(st.sampled_from(["jsonl", "txt", "csv", "bytes"]))
    if kind == "jsonl":
        data, count = draw(jsonl_records())
        return "dump.jsonl", data, count
    if kind == "txt":
        return "story.txt", draw(texts).encode("utf-8", "surrogatepass"), 1
    if kind == "csv":
        rows = draw(st.lists(texts, max_size=5))
        body = "text,title\n" + "".join(f'"{row}",t\n' for row in rows)
        return "dump.csv", body.encode("utf-8", "surrogatepass"), None
    name = draw(st.sampled_from(["x.txt", "x.jsonl", "x.csv", "x.txt.gz", "x.jsonl.gz", "x.tsv"]))
    return name, draw(st.binary(max_size=200)), None


def read_errors(summary: str) -> int:
    found = re.search(r"read errors ([\d,]+)", summary)
    assert found is not None, summary
    return int(found.group(1).replace(",", ""))


class TestCampaign:
    @CAMPAIGN
    @given(files=st.lists(any_file(), min_size=1, max_size=3), gzipped=st.booleans(), workers=st.sampled_from([1, 2]))
    def test_any_files(
        self,
        files: list[tuple[str, bytes, int | None]],
        gzipped: bool,
        workers: int,
        tmp_path_factory: pytest.TempPathFactory,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """Any mix of files runs to the end: status 0, and every record is written or reported."""
        folder = tmp_path_factory.mktemp("fuzz")
        paths = []
        for index, (name, data, _) in enumerate(files):
            if gzipped and not name.endswith(".gz"):
                name, data = name + ".gz", gzip.compress(data, mtime=0)
            path = folder / f"{index}-{name}"
            path.write_bytes(data)
            paths.append(str(path))
        out = folder / "out.jsonl"
        status = main(["process", *paths, "-o", str(out), "--workers", str(workers), "--no-progress"])
        captured = capsys.readouterr()
        assert 0 == status, captured.err
        written = list(nc.read_documents(out))
        known = [count for _, _, count in files]
        if all(count is not None for count in known):
            assert sum(c for c in known if c is not None) == len(written) + read_errors(captured.out)
        for doc in written:
            for span in (*doc.sentences, *doc.timexes):
                assert doc.article.text[span.start : span.end] == span.text

    @CAMPAIGN
    @given(data=st.binary(max_size=300), suffix=st.sampled_from([".jsonl", ".csv", ".txt", ".jsonl.gz", ".csv.gz"]))
    def test_raise_policy_fails_cleanly(
        self, data: bytes, suffix: str, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """With --on-error raise, a bad record ends the run with status 1 and a message, never a traceback."""
        folder = tmp_path_factory.mktemp("fuzz")
        path = folder / f"in{suffix}"
        path.write_bytes(data)
        status = main(["process", str(path), "-o", str(folder / "o.csv"), "--on-error", "raise", "-q"])
        captured = capsys.readouterr()
        assert status in (0, 1)
        if status == 1:
            assert captured.err.splitlines()[-1].startswith("newscorpus: error: ")
