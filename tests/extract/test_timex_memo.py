"""The memo of the time-expression scan: a run of expressions gives the same records whether replayed or found anew."""

from __future__ import annotations

import datetime as dt
import re._parser
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newscorpus.extract._timex_vocab import TimexVocabulary
from newscorpus.extract.timex import extract_timexes
from newscorpus.extract.timex import memo as memo_module
from newscorpus.extract.timex.context import _RECENT_LIMIT, _Context
from newscorpus.extract.timex.grammar import _grammar
from newscorpus.extract.timex.matching import _rules_for_mask
from newscorpus.extract.timex.options import _DEFAULT_OPTIONS
from newscorpus.extract.timex.vocabulary import _lower
from newscorpus.testing._hostile import hostile_patterns, hostile_text
from newscorpus.text import sentences
from newscorpus.types import TimeExpr

ANCHOR = dt.date(2022, 3, 1)

#: Pieces of dense, list-like text written for these tests: dates, times, durations, sets, anaphora, ranges.
PIECES = [
    "on Monday",
    "March 3",
    "March 3, 2019",
    "last year",
    "1998",
    "in 2004",
    "two weeks ago",
    "the day after",
    "the following day",
    "at 5 p.m.",
    "Q3",
    "the third quarter",
    "the same period last year",
    "from March 3 to April 10, 2019",
    "every Friday",
    "for five years",
    "next week",
    "yesterday",
    "said",
    "will meet",
    "met",
    "May",
    "prices may rise",
    "early next month",
    "a letter dated March 3, 2019 reads: \u201cWe meet on Friday\u201d",
    "Sunday, March 8",
    "1990s",
    "12-13",
    ".",
    ",",
    "\n",
    "The talks",
]


@contextmanager
def _memo(on: bool) -> Iterator[None]:
    """Serve the memo at every trigger (*on*) or never."""
    with pytest.MonkeyPatch.context() as patch:
        if on:
            patch.setattr(memo_module, "_DENSE", 1)
            patch.setattr(memo_module, "_DENSE_SPAN", 10**9)
        else:
            patch.setattr(memo_module._Memo, "key", lambda *args: None)
        yield


def _both(text: str, *, reference: dt.date | None = ANCHOR, split: bool = False) -> tuple[tuple[TimeExpr, ...], ...]:
    found = []
    for on in (False, True):
        with _memo(on):
            given_sentences = sentences(text) if split else None
            found.append(extract_timexes(text, reference=reference, sentences=given_sentences))
    return tuple(found)


class TestReplay:
    @given(
        st.lists(st.sampled_from(PIECES), min_size=1, max_size=12),
        st.integers(min_value=1, max_value=30),
        st.sampled_from([" ", ", ", " and ", "; ", ". "]),
        st.booleans(),
        st.sampled_from([ANCHOR, None]),
    )
    def test_repeated_runs_give_the_same_records(
        self, pieces: list[str], times: int, joiner: str, split: bool, reference: dt.date | None
    ) -> None:
        """A run of pieces repeated: the records are the same with the memo serving everywhere and not at all."""
        text = joiner.join(pieces * times)
        without, with_memo = _both(text, reference=reference, split=split)
        assert without == with_memo

    @pytest.mark.parametrize("pattern", hostile_patterns("timex"))
    def test_hostile_runs_give_the_same_records(self, pattern: str) -> None:
        """Each hostile pattern gives the same records with and without the memo, as the scan gates it."""
        text = hostile_text("timex", pattern, 6_000)
        with _memo(False):
            expected = extract_timexes(text, reference=ANCHOR)
        assert expected == extract_timexes(text, reference=ANCHOR)

    def test_memo_serves_in_a_dense_run(self) -> None:
        """In a long run of month names the memo replays most steps, and the records match a scan without it."""
        text = hostile_text("timex", "month names", 20_000)
        replayed = []
        original = memo_module._Memo.replay

        def counting(self: memo_module._Memo, *args: object) -> int:
            replayed.append(1)
            return original(self, *args)  # type: ignore[arg-type]

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(memo_module._Memo, "replay", counting)
            found = extract_timexes(text, reference=ANCHOR)
        with _memo(False):
            assert extract_timexes(text, reference=ANCHOR) == found
        assert len(replayed) > len(found) // 2

    def test_memo_turns_off_where_a_dense_run_does_not_repeat(self) -> None:
        """Dates in no order never repeat a key: the memo turns itself off, with the records of a scan without it."""
        months = ["January", "March", "May", "July", "October", "December"]
        text = ", ".join(f"{months[i * 5 % 6]} {i * 11 % 28 + 1}, {1950 + i * 13 % 97}" for i in range(1200))
        memos: list[memo_module._Memo] = []
        original = memo_module._Memo.__init__

        def recording(self: memo_module._Memo) -> None:
            original(self)
            memos.append(self)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(memo_module._Memo, "__init__", recording)
            found = extract_timexes(text, reference=ANCHOR)
        with _memo(False):
            assert extract_timexes(text, reference=ANCHOR) == found
        assert 1200 == len(found)
        assert [memo_module._GIVE_UP] == [memo.misses for memo in memos]
        assert memos[0].hits < memo_module._GIVE_UP

    def test_dated_quotation_is_never_replayed(self) -> None:
        """A weekday inside a quotation dated by a letter resolves on the letter's date in every repeat."""
        unit = "A letter dated March 3, 2019 reads: \u201cWe meet on Friday.\u201d Then Friday, March 4, March 5. "
        without, with_memo = _both(unit * 6)
        assert without == with_memo
        assert ["2019-03-08"] == sorted({t.value for t in with_memo if t.text == "Friday"} - {"2022-03-04"})


class TestBounds:
    def test_rules_match_no_more_than_the_key_covers(self) -> None:
        """No rule (with every leading modifier) matches more characters than the memo's key allows for."""
        grammar = _grammar(TimexVocabulary.default())
        compiled = _rules_for_mask(grammar, (1 << len(grammar.bodies)) - 1)
        assert compiled is not None
        assert re._parser.parse(compiled.pattern.pattern).getwidth()[1] <= memo_module._MAX_MATCH

    def test_recent_reads_no_farther_than_its_limit(self) -> None:
        """A date found farther back than the limit is not recent, whatever *within* asks for."""
        text = "x" * (_RECENT_LIMIT + 10)
        ctx = _Context(
            grammar=_grammar(TimexVocabulary.default()),
            text=text,
            anchor=ANCHOR,
            options=_DEFAULT_OPTIONS,
            sentences=None,
            lowered=_lower(text),
        )
        ctx.last["D"] = (0, "2022-02-01")
        assert ctx.recent("D", _RECENT_LIMIT + 5, _RECENT_LIMIT * 2) is None
        assert "2022-02-01" == ctx.recent("D", _RECENT_LIMIT, _RECENT_LIMIT * 2)
