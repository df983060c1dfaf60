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
from newscorpus.clean.cuts import _apply_cuts, _claim, _cut_plan, _cut_space, _removal, _segment
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


def claim_one_by_one(cuts: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Claim cuts the plain way: each trimmed to what is left, touching cuts of one rule joined."""
    claimed: list[tuple[int, int, str]] = []
    position = 0
    for start, end, rule in sorted(cuts):
        start = max(start, position)
        if end <= start:
            continue
        if claimed and claimed[-1][1] == start and claimed[-1][2] == rule:
            claimed[-1] = (claimed[-1][0], end, rule)
        else:
            claimed.append((start, end, rule))
        position = end
    return claimed


def cut_block_by_block(text: str, blocks: list[_Block], keep: list[bool]) -> list[tuple[int, int, str]]:
    """Cut each removed block and the white space before it apart, as many cuts as pieces."""
    cuts: list[tuple[int, int, str]] = []
    pending: list[_Block] = []
    blank = False
    previous_end: int | None = None
    for block, kept in [*zip(blocks, keep, strict=True), (None, True)]:
        if block is not None and previous_end is not None:
            blank = blank or block.newlines >= 2
        if not kept and block is not None:
            pending.append(block)
            continue
        end = None if block is None else block.start
        position = 0 if previous_end is None else previous_end
        wanted = (2 if blank else 1) if previous_end is not None and end is not None else 0
        rule = "whitespace"
        for removed in pending:
            rule = removed.rule or "navigation"
            wanted = _cut_space(text, position, removed.start, wanted, rule, cuts)
            cuts.append((removed.start, removed.end, rule))
            position = removed.end
        _cut_space(text, position, len(text) if end is None else end, wanted, rule, cuts)
        pending, blank = [], False
        previous_end = None if block is None else block.end
    return cuts


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

    @given(
        st.lists(
            st.tuples(st.sampled_from(LINES), st.booleans(), st.sampled_from([None, "tail", "teaser"])), max_size=20
        ),
        st.sampled_from(["\n", "\n\n", " \n "]),
    )
    def test_merged_cuts_claim_what_separate_cuts_claim(
        self, lines: list[tuple[str, bool, str | None]], joiner: str
    ) -> None:
        """The cuts of removed lines, joined as they are made, claim what one cut per piece claims."""
        text = joiner.join(line for line, _, _ in lines)
        blocks = _blocks(text)
        flags = {line.strip(): (kept, rule) for line, kept, rule in lines}
        keep = [flags[block.text][0] for block in blocks]
        for block in blocks:
            block.rule = flags[block.text][1]
        assert claim_one_by_one(cut_block_by_block(text, blocks, keep)) == _claim(_cut_plan(text, blocks, keep))

    @given(
        st.lists(
            st.tuples(st.integers(0, 30), st.integers(0, 30), st.sampled_from(["navigation", "promo", "tail"])),
            max_size=12,
        )
    )
    def test_claim_keeps_cuts_taken_whole(self, cuts: list[tuple[int, int, str]]) -> None:
        """Claiming overlapping, touching and empty cuts gives what claiming them one by one gives."""
        assert claim_one_by_one(cuts) == _claim(cuts)
