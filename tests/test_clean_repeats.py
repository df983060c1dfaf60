"""Tests for the bulk handling of repeated lines and many cuts in newscorpus.clean (counted, never timed)."""

from __future__ import annotations

import importlib

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newscorpus.text
from newscorpus.clean import clean
from newscorpus.clean.blocks import _DOMAIN_HINT, _Block, _blocks, _plain_lines
from newscorpus.clean.cuts import _apply_cuts, _removal, _segment
from newscorpus.testing._counting import count_work, growth
from newscorpus.types import Article, Removal, Segment

clean_module = importlib.import_module("newscorpus.clean")
MODULES = (clean_module, newscorpus.text)

#: Units of a page whose lines repeat: a menu, bylines, date lines, one letter.
REPEATED_UNITS = {
    "menu": "Home\nWorld\nBusiness\n",
    "byline": "By Jane Doe and John Roe\n",
    "date line": "February 2, 2022\n",
    "letter": "a\n",
    "label and blurb": "Opinion\nThe council voted on Monday to extend the hours of the library.\n\n",
}

#: Lines a page is drawn from, so that most of its lines repeat.
LINES = [
    "Home",
    "World",
    "By Jane Doe",
    "February 28, 2022",
    "Also Read - Other Story",
    "Photo: AP",
    "  Indented menu item  ",
    "#tag @handle https://t.co/abc",
    "example.com",
    "The council voted on Monday to extend the hours of the library, the mayor said.",
    "Members said the longer hours would help families who cannot visit during the day.",
    "a",
    "",
]


def regex_calls(raw: str) -> int:
    """Return how many regular-expression calls cleaning *raw* makes (after one uncounted run)."""
    clean(Article(raw=raw))
    with count_work(*MODULES) as work:
        clean(Article(raw=raw))
    return work.regex_calls


def evidence(block: _Block) -> dict[str, object]:
    """Return every slot of a block."""
    return {name: getattr(block, name) for name in _Block.__slots__}


class TestRepeatedLines:
    @pytest.mark.parametrize("name", sorted(REPEATED_UNITS))
    def test_patterns_run_once_per_distinct_line(self, name: str) -> None:
        """A page ten times longer made of the same lines runs no more patterns: each distinct line is read once."""
        unit = REPEATED_UNITS[name]
        assert regex_calls(unit * 500) == regex_calls(unit * 5_000)

    @pytest.mark.parametrize("name", sorted(REPEATED_UNITS))
    def test_work_grows_linearly(self, name: str) -> None:
        """Ten times the repeated lines take at most about ten times the work (counted, not timed)."""
        unit = REPEATED_UNITS[name]
        small, large = unit * 500, unit * 5_000
        assert growth(lambda raw: clean(Article(raw=raw)), MODULES, small, large) <= 12.0

    @given(st.lists(st.sampled_from(LINES), max_size=30), st.sampled_from(["\n", "\n\n", " \n"]))
    def test_repeat_has_the_evidence_of_a_fresh_line(self, lines: list[str], joiner: str) -> None:
        """Every block of a page has the evidence it would have if its line were described afresh."""
        text = joiner.join(lines)
        plain = _plain_lines(text)
        linked = "@" in text or "#" in text or "://" in text or _DOMAIN_HINT.search(text) is not None
        blocks = _blocks(text)
        fresh = [_Block(block.text, block.start, block.newlines, plain, linked) for block in blocks]
        assert [evidence(block) for block in fresh] == [evidence(block) for block in blocks]
        assert all(text[block.start : block.end] == block.text for block in blocks)

    def test_repeated_lines_are_cleaned_alike(self) -> None:
        """Repeats of a line are judged like the line: a repeated paragraph is kept once, the menu goes."""
        first = "The council voted on Monday to extend the hours of the library, the mayor said."
        second = "Members said the longer hours would help families who cannot visit during the day, and all agreed."
        raw = f"Home\nWorld\n\n{first}\n\n{second}\n\n{first}\n\nHome\nWorld\nHome\nWorld"
        assert f"{first}\n\n{second}" == clean(Article(raw=raw)).text


class TestCuts:
    @given(st.text(alphabet="ab \n", min_size=1, max_size=40), st.data())
    def test_cutting_raw_text_matches_cutting_segments(self, text: str, data: st.DataObject) -> None:
        """Cutting a text that is its raw text gives what cutting the same text as one segment gives."""
        cuts = data.draw(
            st.lists(
                st.tuples(
                    st.integers(0, len(text)), st.integers(0, len(text)), st.sampled_from(["navigation", "tail"])
                ).map(lambda cut: (min(cut[0], cut[1]), max(cut[0], cut[1]), cut[2])),
                max_size=8,
            )
        )
        whole = (Segment(text_start=0, raw_start=0, length=len(text)),)
        plain = _apply_cuts(Article(raw=text), cuts)
        segmented = _apply_cuts(Article(raw=text, segments=whole), cuts)
        expected = (segmented.text, segmented.segments, segmented.removals)
        # Where nothing is cut, the article comes back as it was: without segments, or with the one.
        assert expected == (plain.text, whole if plain.segments is None else plain.segments, plain.removals)
        assert all(text[r.start : r.end] == r.text for r in plain.removals)

    def test_records_built_directly_equal_checked_ones(self) -> None:
        """Removals and segments whose slots are filled directly equal (and hash like) those the constructor checks."""
        removal = Removal(start=1, end=3, text="bc", rule="navigation")
        segment = Segment(text_start=0, raw_start=4, length=2)
        built = _removal(1, 3, "bc", "navigation")
        assert (removal, hash(removal)) == (built, hash(built))
        assert (segment, hash(segment)) == (_segment(0, 4, 2), hash(_segment(0, 4, 2)))
        assert attrs.asdict(removal) == attrs.asdict(built)

    def test_page_of_menus_is_cut_in_few_pieces(self) -> None:
        """A page of removed lines of one rule becomes one removal, white space included."""
        article = clean(Article(raw="Home\n" * 1_000))
        assert (1, "") == (len(article.removals), article.text)
