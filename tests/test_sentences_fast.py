"""The sentence splitter's shortcuts decide exactly as its rules do.

:func:`newscorpus.text.sentences` lets its regular expression skip the
candidate ends that the rules turn down anyway (a run of marks before a
lower-case word, ``Inc.`` before a word that opens no sentence, ``Sept.``
before a month...), so that texts made of such marks are not decided mark by
mark. These tests split the same texts the long way, every candidate decided
by the rules, and compare.
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

import newscorpus.text
from newscorpus.testing._counting import growth
from newscorpus.testing.strategies import news_text
from newscorpus.text import (
    _CANDIDATE,
    _NON_SPACE,
    _is_end,
    _paragraph_bounds,
    _paragraph_bounds_by_line,
    sentences,
)
from newscorpus.types import Sentence

# A bare number of one to three digits and its period, before another one: ``1. 2.``
_LIST_RUN = re.compile(r"(?<!\S)\d{1,3}\.(?=\s{1,16}\d{1,3}\.(?!\S))")


def split_the_long_way(text: str) -> tuple[Sentence, ...]:
    """Split *text* deciding every candidate end by the rules, with no shortcut."""
    bounds = _paragraph_bounds(text)
    if not bounds:
        return ()
    runs = {match.end() - 1 for match in _LIST_RUN.finditer(text)}
    out: list[Sentence] = []
    index = 0
    cur, stop = bounds[0]
    for match in _CANDIDATE.finditer(text):
        end = match.end()
        while end > stop:
            out.append(Sentence(start=cur, end=stop, text=text[cur:stop], paragraph=index))
            index += 1
            cur, stop = bounds[index]
        if end == stop or match.start() in runs or not _is_end(text, cur, match, stop):
            continue
        out.append(Sentence(start=cur, end=end, text=text[cur:end], paragraph=index))
        found = _NON_SPACE.search(text, end, stop)
        cur = found.start() if found is not None else stop
    out.append(Sentence(start=cur, end=stop, text=text[cur:stop], paragraph=index))
    for rest in range(index + 1, len(bounds)):
        cur, stop = bounds[rest]
        out.append(Sentence(start=cur, end=stop, text=text[cur:stop], paragraph=rest))
    return tuple(out)


# Words and marks that meet every shortcut: abbreviations of each class, openers, months, numbers, web tokens.
PIECES = [
    *["Inc", "INC", "iNC", "Corp", "Mr", "MR", "Dr", "e.g", "U.S", "Ph.D", "a.m", "etc", "Sept", "SEPT", "Mon"],
    *["No", "NO", "no", "Rs", "Vol", "Jan", "JAN", "May", "March", "The", "THE", "tHe", "He", "And", "An"],
    *["A", "b", "x", "Ca", "said", "Smith", "Ukraine", "3", "12", "123", "1234", "3G", "2.5", "é", "Éa"],
    *["www.x", "http://t.co/x", "a@b.c", "x/y"],
    *[".", ". ", "?", "!", "…", "...", ".”", "”", "»", ".)", "'", '"', "“", "(", "«", "。", "?”", "*", "_", "-"],
    *[" ", "  ", "\n", "\n\n", "\t", "\u00a0", " " * 20],
]
pieces_text = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


class TestShortcuts:
    @given(pieces_text)
    @settings(max_examples=500)
    @example("Calif. Colo. Wed. Jan. 5. No. 10. No. The Inc. The Inc. (The Inc. ((((((((((The")
    @example("a.” b.”Ca.” b.”Ca.” .?!… .?!… Stop. . . . Go.")
    @example("Sept. 11 Sept. March Sept. (March Sept. The Inc.  The Rs. 500 Rs. The")
    @example("Mr. Dr. Inc. Corp. Jan. Feb.  \n\n Mr. Inc.   ")
    @example("A.B.C.D. Mr.Mrs.Dr.Smith 1. 2. 3.\n\n4. 5.  ")
    @example("»”And x)”Ab »))”Ab .”.”Cd")
    @example("MR. Mr...Jan Ca. Ca...Mr")
    @example(".?!… .?!… .?!… .?!… Then .?!” .?!” the end?! 。 .?! Go")
    def test_same_as_the_long_way(self, text: str) -> None:
        """Skipping candidates in the regular expression changes no sentence."""
        assert split_the_long_way(text) == sentences(text)

    @given(news_text())
    def test_same_on_news_like_text(self, text: str) -> None:
        """On news-like text too the shortcuts change nothing."""
        assert split_the_long_way(text) == sentences(text)

    def test_built_sentences_equal_checked_ones(self) -> None:
        """Sentences built by the splitter equal, hash and print like ones built by the constructor."""
        built = sentences("He left. Then")[0]
        checked = Sentence(start=0, end=8, text="He left.", paragraph=0)
        assert (checked, hash(checked), repr(checked)) == (built, hash(built), repr(built))


LINE_PIECES = ["a", "A", "é", "É", "1", ".", " ", "\n", "\n\n", " \n", "\n \n", "\t", "\u00a0", "\r\n", "\u2028", "("]
LINE_PIECES.append(" " * 200)


class TestParagraphShortcut:
    @given(st.lists(st.sampled_from(LINE_PIECES), max_size=30).map("".join))
    @settings(max_examples=500)
    @example("a\na\n" + " " * 205 + "A\n\nb")
    def test_same_as_line_by_line(self, text: str) -> None:
        """Finding only the lines where a paragraph may open gives the paragraphs of reading every line."""
        many = text + "\n" * 300 + text
        assert (_paragraph_bounds_by_line(text), _paragraph_bounds_by_line(many)) == (
            _paragraph_bounds(text),
            _paragraph_bounds(many),
        )


class TestListRuns:
    def test_run_of_numbers_is_one_sentence(self) -> None:
        """Bare numbered items with nothing between them are one list, not sentences."""
        assert ["1. 2. 3. 4. 5."] == [s.text for s in sentences("1. 2. 3. 4. 5.")]

    def test_number_before_other_number(self) -> None:
        """A number after a list number still ends a sentence when it is no numbered item."""
        expected = ["It went to operator 3.", "3G lets people talk.", "It ended in 2004.", "15 people died."]
        actual = [
            s.text for s in sentences("It went to operator 3. 3G lets people talk. It ended in 2004. 15 people died.")
        ]
        assert expected == actual

    def test_list_number_before_text(self) -> None:
        """A list number before its text does not end a sentence, as before."""
        assert ["1. The first point.", "2. The second."] == [
            s.text for s in sentences("1. The first point. 2. The second.")
        ]


class TestGluedClosingQuotes:
    def test_word_before_decides(self) -> None:
        """A period and closing quotes glued to a capitalised word end a sentence after a real word only."""
        expected = ["He said “Go.”", "Also Read.", "Plan b.”Then U.S.”The end."]
        assert expected == [s.text for s in sentences("He said “Go.”Also Read. Plan b.”Then U.S.”The end.")]

    def test_question_mark_ends_whatever_comes_before(self) -> None:
        """A question mark and closing quotes glued to a capitalised word end a sentence even after a letter."""
        assert ["Plan b?”", "Then"] == [s.text for s in sentences("Plan b?”Then")]


class TestDenseText:
    def test_abbreviation_runs_are_not_decided_mark_by_mark(self) -> None:
        """A run of abbreviations that end no sentence costs the regular expression, not a decision each."""
        unit = "Inc. Corp. Calif. Jan. Feb. Sept. 11 No. 5 U.S. officials "

        assert growth(sentences, (newscorpus.text,), unit * 100, unit * 1000) <= 12.0
