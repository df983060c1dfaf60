"""Worst-case input for the text functions: work grows linearly, output keeps its invariants, no foreign errors.

Work is counted (regular-expression calls, characters they scan, function
calls), never timed: see :mod:`newscorpus.testing._counting`. Speed on hostile
input lives in ``benchmarks/bench.py --worst-case``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import itertools
import pkgutil
import types
import warnings
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import newscorpus._gazetteer
import newscorpus.extract._cues
import newscorpus.extract._event_args
import newscorpus.extract._event_lexicon
import newscorpus.extract._quote_marks
import newscorpus.extract._speakers
import newscorpus.extract._word_scan
import newscorpus.extract.events
import newscorpus.extract.mentions
import newscorpus.extract.quotes
import newscorpus.extract.timex
import newscorpus.text
from newscorpus.errors import OptionsError, QuoteWarning
from newscorpus.extract.events import extract_events
from newscorpus.extract.mentions import extract_mentions
from newscorpus.extract.quotes import extract_quotes
from newscorpus.extract.timex import extract_timexes
from newscorpus.testing._counting import growth
from newscorpus.testing._hostile import FUNCTIONS, hostile_patterns, hostile_text
from newscorpus.text import sentences
from newscorpus.types import Article

clean_module = importlib.import_module("newscorpus.clean")
clean = clean_module.clean

ANCHOR = dt.date(2022, 3, 1)
#: Work on ten times the input may grow this many times at most.
MAX_GROWTH = 12.0
#: The two sizes compared (characters), ten times apart, per function.
SIZES = {
    "sentences": (10_000, 100_000),
    "clean": (10_000, 100_000),
    "timex": (10_000, 100_000),
    "mentions": (10_000, 100_000),
    "quotes": (10_000, 100_000),
    "events": (10_000, 100_000),
}


def _run_sentences(text: str) -> object:
    return sentences(text)


def _run_clean(text: str) -> object:
    return clean(Article(raw=text))


def _run_timex(text: str) -> object:
    return extract_timexes(text, reference=ANCHOR)


def _run_mentions(text: str) -> object:
    return extract_mentions(text)


def _run_quotes(text: str) -> object:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QuoteWarning)  # hostile quotation marks are unbalanced on purpose
        return extract_quotes(text)


def _run_events(text: str) -> object:
    return extract_events(Article(raw=text, date=ANCHOR))


def _modules(module: types.ModuleType) -> tuple[types.ModuleType, ...]:
    """*module* and, where it is a package, every module inside it: all hold patterns to count."""
    found = [module]
    for info in pkgutil.walk_packages(getattr(module, "__path__", []), prefix=module.__name__ + "."):
        found.append(importlib.import_module(info.name))
    return tuple(found)


# The modules whose patterns each extractor uses, its own and those of the steps it runs itself.
MENTION_MODULES = (
    newscorpus.extract.mentions,
    newscorpus.extract._word_scan,
    newscorpus._gazetteer,
    newscorpus.text,
)
QUOTE_MODULES = (
    newscorpus.extract.quotes,
    newscorpus.extract._cues,
    newscorpus.extract._quote_marks,
    newscorpus.extract._speakers,
    *MENTION_MODULES,
)
EVENT_MODULES = (
    newscorpus.extract.events,
    newscorpus.extract._event_args,
    newscorpus.extract._event_lexicon,
    *_modules(newscorpus.extract.timex),
    *MENTION_MODULES,
)

RUNS: dict[str, tuple[Callable[[str], object], tuple[Any, ...]]] = {
    "sentences": (_run_sentences, (newscorpus.text,)),
    "clean": (_run_clean, (*_modules(clean_module), newscorpus.text)),
    "timex": (_run_timex, _modules(newscorpus.extract.timex)),
    "mentions": (_run_mentions, MENTION_MODULES),
    "quotes": (_run_quotes, QUOTE_MODULES),
    "events": (_run_events, EVENT_MODULES),
}
CASES = [(function, pattern) for function in FUNCTIONS for pattern in hostile_patterns(function)]


def check_output(function: str, text: str, result: Any) -> None:
    """Assert the invariants of the output of *function* on *text*."""
    if function == "clean":
        assert text == result.raw
        for index in range(0, len(result.text), 997):
            assert result.raw[result.to_raw(index)] == result.text[index]
        assert all(result.raw[r.start : r.end] == r.text for r in result.removals)
        return
    if function == "events":
        spans = [span for event in result for span in (event.trigger, event.sentence, *event.actors, *event.recipients)]
        assert all(text[span.start : span.end] == span.text for span in spans)
        return
    assert all(text[item.start : item.end] == item.text for item in result)
    if function in ("sentences", "timex"):
        assert all(a.end <= b.start for a, b in itertools.pairwise(result))
    else:
        # Extractor records may nest (a quote holds mentions, an event spans a clause): sorted by offset.
        assert all(a.start <= b.start for a, b in itertools.pairwise(result))


class TestLinearWork:
    @pytest.mark.parametrize(("function", "pattern"), CASES)
    def test_work_grows_linearly(self, function: str, pattern: str) -> None:
        """Ten times the hostile input takes at most about ten times the work."""
        run, modules = RUNS[function]
        small, large = (hostile_text(function, pattern, size) for size in SIZES[function])
        assert growth(run, modules, small, large) <= MAX_GROWTH

    @pytest.mark.parametrize(("function", "pattern"), CASES)
    def test_output_invariants(self, function: str, pattern: str) -> None:
        """On hostile input every span slices back to its text and spans do not overlap."""
        run, _ = RUNS[function]
        text = hostile_text(function, pattern, SIZES[function][0])
        check_output(function, text, run(text))

    def test_patterns_differ(self) -> None:
        """Every function has hostile patterns of its own, each of the size asked for."""
        assert all(len(hostile_text(f, p, 1000)) == 1000 for f, p in CASES)
        assert set(FUNCTIONS) == {function for function, _ in CASES}


class TestWrongInput:
    @pytest.mark.parametrize("function", [sentences, newscorpus.text.paragraphs, clean, extract_timexes])
    @pytest.mark.parametrize("source", [None, b"bytes", 3, ["text"]])
    def test_options_error(self, function: Callable[[Any], object], source: object) -> None:
        """None or another wrong type raises the library's OptionsError, not a foreign exception."""
        with pytest.raises(OptionsError):
            function(source)


PROSE = [
    "The council voted on Monday to extend the hours of the library, the mayor said.",
    "Members said the longer hours would help families who cannot visit during the day.",
    "Talks ended on Monday.",
    "He left.",
    "Kyiv talks",
]
PROMOS = ["Also Read - Another Story", "ALSO READ: Other story of the day", "Read More | Next", "Watch - Video"]


@st.composite
def promo_texts(draw: st.DrawFn) -> str:
    """Texts of sentences with promotions glued to them, on one line or several."""
    parts = draw(
        st.lists(
            st.tuples(
                st.sampled_from(PROSE),
                st.sampled_from(["", " ", "."]),
                st.one_of(st.none(), st.sampled_from(PROMOS)),
                st.sampled_from(["\n", "\n\n", " "]),
            ),
            min_size=1,
            max_size=8,
        )
    )
    return "".join(prose + (glue + promo if promo else "") + sep for prose, glue, promo, sep in parts)


LONG_LINE = (
    PROSE[0]
    + "Also Read - Another Story "
    + " ".join(PROSE[:1] * 3)
    + "ALSO READ: Other story of the day "
    + PROSE[0]
    + " ALSO READ: Other story of the day\n"
)


class TestCleanShortAndPromos:
    @given(promo_texts())
    @example(LONG_LINE)
    @settings(deadline=None)
    def test_idempotent_with_glued_promos(self, raw: str) -> None:
        """Cleaning a cleaned text with promotions glued in changes nothing."""
        once = clean(Article(raw=raw))
        assert once.text == clean(once).text

    def test_promos_on_a_long_line(self) -> None:
        """A promotion that fits before the end of its line goes, and so does the one before it, once cut."""
        assert PROSE[0] == clean(Article(raw=LONG_LINE)).text

    @pytest.mark.parametrize("raw", ["Talks ended", "Peace talks", "Talks ended on Monday.", "Kyiv, Moscow"])
    def test_short_text_survives(self, raw: str) -> None:
        """A text of two words or one short sentence is all the body there is: it is kept."""
        article = clean(Article(raw=raw))
        assert (raw, raw) == (article.text, clean(article).text)

    def test_short_text_keeps_its_sentence(self) -> None:
        """Of a headline and one short sentence, the sentence is kept."""
        assert "Talks ended on Monday." == clean(Article(raw="Talks stall\n\nTalks ended on Monday.")).text

    @pytest.mark.parametrize("raw", ["Menu", "Also Read", "Share this", "By Jane Doe", "Home\nNews\nWorld"])
    def test_junk_alone_goes(self, raw: str) -> None:
        """A lone word, or short lines that all match a rule family, are still no body."""
        assert "" == clean(Article(raw=raw)).text
