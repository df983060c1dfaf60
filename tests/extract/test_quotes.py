"""Tests for newscorpus.extract.quotes: direct, mixed and reported speech with their speakers."""

from __future__ import annotations

import gc
import pathlib
import re
import warnings
from collections.abc import Callable

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import newscorpus as nc
from newscorpus.errors import OptionsError, QuoteWarning
from newscorpus.extract import QuoteOptions, _quote_marks, _speakers, _word_scan, extract_quotes
from newscorpus.extract import quotes as quotes_module
from newscorpus.extract.mentions import _group_words
from newscorpus.testing.strategies import news_text
from newscorpus.types import Quote, QuoteKind

SEEDS = pathlib.Path(__file__).resolve().parent.parent / "data" / "seeds"


def quiet(text: str, **options: object) -> tuple[Quote, ...]:
    """Extract quotes, ignoring warnings about unbalanced marks."""
    opts = QuoteOptions(**options) if options else None  # type: ignore[arg-type]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QuoteWarning)
        return extract_quotes(text, options=opts)


def rows(text: str, **options: object) -> list[tuple[str, str, str | None, str | None]]:
    """Return (kind, content, cue, speaker name) of the quotes in *text*."""
    return [
        (q.kind.name, q.text, q.cue.text if q.cue else None, q.speaker.name if q.speaker else None)
        for q in quiet(text, **options)
    ]


def seed(name: str) -> str:
    """Return the text of the seed article whose file name starts with *name*."""
    (path,) = SEEDS.glob(f"{name}_*.txt")
    return path.read_text(encoding="utf-8")


def check_spans(text: str, quotes: tuple[Quote, ...]) -> None:
    """Assert that every span of *quotes* slices back to *text*, fragments inside and in order."""
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
        previous = quote.start
        for fragment in quote.fragments:
            assert text[fragment.start : fragment.end] == fragment.text
            assert quote.start <= fragment.start <= fragment.end <= quote.end
            assert previous <= fragment.start
            previous = fragment.end
        for span in (quote.cue, quote.speaker):
            if span is not None:
                assert text[span.start : span.end] == span.text


class TestDirect:
    def test_speaker_after(self) -> None:
        """A quote followed by ``X said`` is direct, spoken by X."""
        assert [("DIRECT", "“We will stay.”", "said", "Anna Berg")] == rows("“We will stay.” Anna Berg said.")

    def test_inverted(self) -> None:
        """``said X`` after the quote names the speaker."""
        assert [("DIRECT", '"Prices will rise,"', "said", "Jo Hill")] == rows('"Prices will rise," said Jo Hill.')

    def test_speaker_before_with_colon(self) -> None:
        """``X said:`` before the quote names the speaker."""
        text = "Finance Minister Ravi Das said: “The budget is balanced and fair.”"
        assert [("DIRECT", "“The budget is balanced and fair.”", "said", "Ravi Das")] == rows(text)

    def test_interrupted_quote_is_one(self) -> None:
        """“A,” he said, “B.” is one quote with two fragments."""
        text = "Anna Berg spoke. “We will stay,” she said, “and we will fight.”"
        (quote,) = quiet(text)
        assert ["“We will stay,”", "“and we will fight.”"] == [f.text for f in quote.fragments]
        assert ("Anna Berg", "she") == (quote.speaker.name, quote.speaker.text) if quote.speaker else None

    def test_inverted_after_modifiers(self) -> None:
        """``said Clinton ally Jo Hill``: the person after the modifiers speaks."""
        text = "Anna Clinton spoke first. “Jo is a friend of mine,” said Clinton ally Jo Hill."
        assert [("DIRECT", "Jo Hill")] == [(r[0], r[3]) for r in rows(text)]

    def test_title_quoted_in_attribution(self) -> None:
        """A quoted title inside the attribution does not break the quote that goes on after it."""
        text = '"It is a fraud," Jo Hill said on NBC\'s "Meet the Press." "He should be stopped now."'
        (quote,) = quiet(text)
        assert (2, "Jo Hill") == (len(quote.fragments), quote.speaker.name if quote.speaker else None)

    def test_appositive_and_party_tag(self) -> None:
        """Appositives and party tags between the speaker and the verb are skipped."""
        text = "“It is over,” Sen. Jo Hill (D-Mo.) also said. “No deal,” Hugh Hill, a doctor at Mercy, said."
        assert ["Jo Hill", "Hugh Hill"] == [r[3] for r in rows(text)]

    def test_paragraph_spanning_quote(self) -> None:
        """A quote running over paragraphs (only the last closes) is one quote."""
        text = "Anna Berg said:\n\n“We will stay here for as long as it takes.\n\n“And we will rebuild every house.”"
        (quote,) = quiet(text)
        assert (QuoteKind.DIRECT, 2, "Anna Berg") == (
            quote.kind,
            len(quote.fragments),
            quote.speaker.name if quote.speaker else None,
        )

    def test_quote_only_paragraph_continues_speaker(self) -> None:
        """A paragraph made of a quote continues the last speaker."""
        text = "“We are ready,” Anna Berg said.\n\n“The shelters are full and the roads are closed.”"
        assert ["Anna Berg", "Anna Berg"] == [r[3] for r in rows(text)]

    @pytest.mark.parametrize(
        ("opening", "closing"),
        [("“", "”"), ('"', '"'), ("``", "''"), ("''", "''"), ("„", "“"), ("«", "»"), ("»", "«"), ("‘", "’")],
    )
    def test_mark_styles(self, opening: str, closing: str) -> None:
        """Every style of quotation mark opens and closes a quote."""
        text = f"{opening}We will not leave this city,{closing} Anna Berg said."
        assert [("DIRECT", "Anna Berg")] == [(r[0], r[3]) for r in rows(text)]


class TestNotSpeech:
    def test_scare_quotes(self) -> None:
        """A single quoted word with no cue is not a quote."""
        assert [] == rows("The so-called “peace” plan was published on Monday.")

    def test_apostrophes(self) -> None:
        """Apostrophes are not quotation marks."""
        assert [] == rows("The candidates’ plans shouldn’t surprise anyone since the ’90s.")

    def test_min_words_switch(self) -> None:
        """min_words=1 keeps short quoted stretches that open a sentence."""
        assert 1 == len(rows("“Peace.” The word hung in the air.", min_words=1))


class TestReported:
    def test_said_that(self) -> None:
        """``X said (that) CLAUSE`` gives the clause, not the whole sentence."""
        assert [("INDIRECT", "the talks had failed", "said", "Anna Berg")] == rows(
            "Anna Berg said that the talks had failed."
        )

    def test_clause_then_speaker(self) -> None:
        """``CLAUSE, X said.`` gives the clause before the attribution."""
        assert [("INDIRECT", "The talks had failed", "said", "Anna Berg")] == rows(
            "The talks had failed, Anna Berg said."
        )

    def test_according_to(self) -> None:
        """``according to X, CLAUSE`` names X as the source."""
        assert [("INDIRECT", "prices will fall", "According to", "Jo Hill")] == rows(
            "According to Jo Hill, prices will fall."
        )

    def test_blanks_inside_cue(self) -> None:
        """Two blanks inside a cue of several words still read as that cue."""
        assert [("INDIRECT", "prices will fall", "According  to", "Jo Hill")] == rows(
            "According  to Jo Hill, prices will fall."
        )

    def test_told_addressee(self) -> None:
        """``X told Y that CLAUSE`` skips the addressee."""
        assert [("INDIRECT", "the border was closed", "told reporters", "Jo Hill")] == rows(
            "Jo Hill told reporters that the border was closed."
        )

    def test_statement(self) -> None:
        """``said in a statement`` is one cue."""
        assert ["said in a statement"] == [r[2] for r in rows("The Health Ministry said in a statement that 40 died.")]

    def test_mixed(self) -> None:
        """Quotation marks inside reported speech make a mixed quote."""
        text = "Anna Berg said the plan was “a disaster for everyone” and had to go."
        assert ["MIXED"] == [r[0] for r in rows(text)]

    def test_belief(self) -> None:
        """Positions and beliefs count: ``X believes CLAUSE``."""
        assert [("INDIRECT", "the deal will hold", "believes", "Jo Hill")] == rows(
            "Jo Hill believes the deal will hold."
        )

    def test_noun_cue(self) -> None:
        """``X's claim that CLAUSE`` is a noun cue."""
        found = rows("The court heard Jo Hill's claim that the vote was rigged.")
        assert ("INDIRECT", "the vote was rigged", "claim", "Jo Hill") in found

    def test_participle_shares_speaker(self) -> None:
        """``..., she said, adding that ...`` is spoken by the speaker of the clause before."""
        text = "“The army is ready,” Anna Berg said, adding that the border would stay closed."
        assert [("DIRECT", "Anna Berg"), ("INDIRECT", "Anna Berg")] == [(r[0], r[3]) for r in rows(text)]

    def test_nested_statement_left_out(self) -> None:
        """A statement reported inside another one is covered by the outer quote."""
        text = "Jo Hill said officials believe the deal will hold."
        assert [("INDIRECT", "officials believe the deal will hold", "said", "Jo Hill")] == rows(text)

    def test_pronoun_resolves(self) -> None:
        """A pronoun speaker keeps its span and takes the name of the last speaker."""
        (_first, second) = quiet("Anna Berg said the talks failed. She said new talks would start soon.")
        assert second.speaker is not None
        assert ("She", "Anna Berg") == (second.speaker.text, second.speaker.name)


class TestOptions:
    def test_kinds(self) -> None:
        """kinds filters the quotes returned."""
        text = "“We will stay,” Anna Berg said. She said the talks had failed."
        assert ["DIRECT"] == [r[0] for r in rows(text, kinds={QuoteKind.DIRECT})]

    def test_extra_cue(self) -> None:
        """Extra cue words extend the lexicon."""
        text = "Anna Berg grumbled that rents had risen."
        assert [] == rows(text)
        assert ["grumbled"] == [r[2] for r in rows(text, cues=(("grumble", "say"),))]

    def test_extra_noun_cue(self) -> None:
        """A noun cue is given with a -noun frame."""
        text = "The court heard Jo Hill's rant that rents were fair."
        assert "rant" not in [r[2] for r in rows(text)]
        assert "rant" in [r[2] for r in rows(text, cues=(("rant", "say-noun"),))]

    @pytest.mark.parametrize("cues", [(("x", "shout"),), (("", "say"),), ("say",)])
    def test_bad_cues(self, cues: object) -> None:
        """Unknown frames and malformed pairs are options errors."""
        with pytest.raises(OptionsError):
            QuoteOptions(cues=cues)  # type: ignore[arg-type]

    def test_bad_min_words(self) -> None:
        """min_words must be a positive whole number."""
        with pytest.raises(OptionsError):
            QuoteOptions(min_words=0)


class TestUnbalanced:
    def test_warning_recorded(self) -> None:
        """An unclosed quote is recovered with a QuoteWarning, never an error."""
        with pytest.warns(QuoteWarning):
            quotes = extract_quotes("“We will stay and fight to the end, Anna Berg said.\n\nNext paragraph.")
        assert all(q.end <= 51 for q in quotes)

    def test_stray_closing_mark(self) -> None:
        """A closing mark with no opening one closes a quote opening its sentence."""
        text = "Anna Berg arrived at noon. We will stay here until the end,” she said."
        assert [("DIRECT", "We will stay here until the end,”", "Anna Berg")] == [
            (r[0], r[1], r[3]) for r in rows(text)
        ]


class TestSeeds:
    def test_ministry_casualty_quote(self) -> None:
        """The casualty quote goes to Ukraine's Defence Ministry."""
        quote = next(q for q in quiet(seed("001")) if q.text.startswith("“Russia has not suffered"))
        assert quote.speaker is not None
        assert ("the ministry", "Ukraine’s Defence Ministry") == (quote.speaker.text, quote.speaker.name)

    def test_zelensky_quotes(self) -> None:
        """The number-one-target quote and the following "he said" quote both go to Zelensky."""
        quotes = quiet(seed("001"))
        target = next(q for q in quotes if "number one target" in q.text)
        family = next(q for q in quotes if q.text.startswith("My family is the number two"))
        assert (QuoteKind.DIRECT, QuoteKind.DIRECT) == (target.kind, family.kind)
        assert ["Volodymyr Zelensky"] * 2 == [q.speaker.name if q.speaker else None for q in (target, family)]

    def test_lavrov_quote(self) -> None:
        """Lavrov's direct quote goes to Sergey Lavrov."""
        quote = next(q for q in quiet(seed("000")) if q.text.startswith('"We suggested'))
        assert (QuoteKind.DIRECT, "Sergey Lavrov") == (quote.kind, quote.speaker.name if quote.speaker else None)

    def test_podolyak_quote(self) -> None:
        """The third-leg quote goes to Mykhailo Podolyak."""
        quote = next(q for q in quiet(seed("002")) if "third leg" in q.text)
        assert (QuoteKind.DIRECT, "Mykhailo Podolyak") == (quote.kind, quote.speaker.name if quote.speaker else None)

    def test_reported_statements(self) -> None:
        """Medinsky's and Peskov's reported statements are indirect quotes."""
        found = [(q.kind, q.speaker.name) for q in quiet(seed("003")) + quiet(seed("000")) if q.speaker]
        assert (QuoteKind.INDIRECT, "Vladimir Medinsky") in found
        assert (QuoteKind.INDIRECT, "Dmitry Peskov") in found

    @pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
    def test_spans(self, path: pathlib.Path) -> None:
        """Every span of every seed quote slices back to the text."""
        text = path.read_text(encoding="utf-8")
        check_spans(text, quiet(text))


_PIECES = ['"', "“", "”", "‘", "’", "'", "''", "``", "„", "«", "»", " ", "\n\n", "\n", ",", ".", ":", "—", "said"]
_PIECES += ["Jo Hill", "he said", "that", "the ministry", "told reporters", "according to", "We will stay", "who"]
_PIECES += ["Sen. Ann Lee (D-Mo.)", "a doctor at Mercy,", "believes", "Hill's claim", "in a statement", "quoted"]
_PIECES += ["Kyiv said", "saying", "urged Congress to", "on Friday", "as saying", "one of the officials", "The"]
_MARK_TEXT = st.lists(
    st.sampled_from(_PIECES).map(lambda p: p + " ") | st.sampled_from(_PIECES) | st.text(max_size=8),
    max_size=60,
).map("".join)


class TestProperties:
    @given(st.text(max_size=400) | _MARK_TEXT | news_text())
    @example('"')
    @example("“ ” ‘")
    @example("said ''")
    def test_never_crashes_and_spans_fit(self, text: str) -> None:
        """Any text and any mix of quote marks gives quotes whose spans all slice back."""
        check_spans(text, quiet(text))

    @settings(max_examples=30)
    @given(_MARK_TEXT | news_text())
    def test_deterministic(self, text: str) -> None:
        """The same text always gives the same quotes."""
        assert quiet(text) == quiet(text)

    def test_sorted(self) -> None:
        """Quotes come sorted by offset."""
        quotes = quiet(seed("001"))
        assert sorted(quotes, key=lambda q: (q.start, q.end)) == list(quotes)


_SCAN_PIECES = ["campaign for", "campaign", "officials", "said", "according  to", "According\tto", "troops"]
_SCAN_PIECES += ["the ministry", "Democrats", "told", "per", "-said", "said-", "o'said", " ", ",", "\n", "x"]


class TestWordScan:
    @given(st.lists(st.sampled_from(_SCAN_PIECES), max_size=30).map("".join) | news_text())
    def test_one_pass_finds_what_two_do(self, text: str) -> None:
        """The merged pass finds the group nouns and cue words that a pass for each lexicon finds."""
        nouns = _group_words()
        scanner = _word_scan._scanner(nouns)
        expected = (_word_scan._hits(scanner.noun_pattern, text), _word_scan._hits(scanner.cue_pattern, text))
        assert expected == _word_scan.scan_words(text, nouns)

    def test_merged(self) -> None:
        """The built-in lexicons share one pass."""
        assert _word_scan._scanner(_group_words()).merged is not None


class _Counting:
    """Wrap a compiled pattern and count the characters its calls are given to scan."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.scanned = 0

    def _count(self, string: str, pos: int, endpos: int | None) -> int:
        end = len(string) if endpos is None else min(endpos, len(string))
        self.scanned += max(0, end - pos)
        return end

    def finditer(self, string: str, pos: int = 0, endpos: int | None = None) -> object:
        return self.pattern.finditer(string, pos, self._count(string, pos, endpos))

    def findall(self, string: str, pos: int = 0, endpos: int | None = None) -> object:
        return self.pattern.findall(string, pos, self._count(string, pos, endpos))

    def match(self, string: str, pos: int = 0, endpos: int | None = None) -> object:
        return self.pattern.match(string, pos, self._count(string, pos, endpos))

    def search(self, string: str, pos: int = 0, endpos: int | None = None) -> object:
        return self.pattern.search(string, pos, self._count(string, pos, endpos))


_HOSTILE = [
    "“" * 50 + "said Jo Hill, ",
    "“We will stay and fight and never give up, " * 3 + "Jo Hill said that ",
    '"' + "word " * 40 + "\n\n",
    "‘It’s the ’90s,’ she said. ' '' `` „ « » ",
    "Anna Berg, a doctor at Mercy, said “we will stay” and he said that the ministry told them ",
]


_WORDY = st.text(alphabet="ab .,'-\n", max_size=300)


class TestWordWalks:
    @given(_WORDY, st.integers(0, 300), st.integers(0, 300), st.integers(1, 12))
    def test_count_words_reads_as_many_as_asked(self, text: str, start: int, end: int, limit: int) -> None:
        """Counting words up to a limit gives the number of words there, capped at the limit."""
        assert min(len(_speakers._WORD.findall(text, start, end)), limit) == _speakers._count_words(
            text, start, end, limit
        )

    @given(_WORDY, st.integers(0, 300), st.integers(0, 300))
    @example("a" * 45 + " b", 0, 47)
    @example("a" * 100 + " b", 0, 102)
    def test_phrase_from_nearer_window(self, text: str, low: int, end: int) -> None:
        """The phrase before a speaker's cue, read from the nearer window first, is the one the whole window gives."""
        end = min(end, len(text))
        whole = list(_speakers._WORD.finditer(text, max(low, end - 80), end))
        assert _speakers._phrase_back(text, whole, end)[:2] == _speakers._phrase_before(text, low, end)


class TestLinearWork:
    @pytest.mark.parametrize("unit", _HOSTILE)
    def test_work_grows_linearly(self, unit: str, monkeypatch: pytest.MonkeyPatch) -> None:
        """On hostile input (many marks, long quotes, no closing mark, no sentence end), work grows with the text.

        Work is the characters handed to the quote-mark, word, gap and clause patterns, and the cues read,
        counted at 20 kB and at 200 kB: ten times the text may cost at most about ten times the work.
        """
        self.check(unit, (20_000, 200_000), monkeypatch)

    @staticmethod
    def check(unit: str, sizes: tuple[int, int], monkeypatch: pytest.MonkeyPatch) -> None:
        """Run the extractor at both sizes and compare the work counted."""
        counts = []
        for size in sizes:
            text = (unit * (size // len(unit) + 1))[:size]
            counters = {
                (_quote_marks, "_MARKS"): _Counting(_quote_marks._MARKS),
                (_speakers, "_WORD"): _Counting(_speakers._WORD),
                (quotes_module, "_WORD"): _Counting(quotes_module._WORD),
            }
            for (module, name), counter in counters.items():
                monkeypatch.setattr(module, name, counter)
            calls = {"n": 0}
            original = quotes_module._verb_cue

            def counted(*args: object, _original: object = original, calls: dict[str, int] = calls) -> object:
                calls["n"] += 1
                return _original(*args)  # type: ignore[operator]

            monkeypatch.setattr(quotes_module, "_verb_cue", counted)
            quiet(text)
            counts.append((sum(c.scanned for c in counters.values()), calls["n"]))
            monkeypatch.undo()
        (small_scan, small_calls), (large_scan, large_calls) = counts
        assert large_scan <= 11 * small_scan
        assert large_calls <= 10 * small_calls + 10


class TestCollectorPause:
    UNIT = "“Talks went on,” Anna Berg said. Later she said the talks had failed. "

    @staticmethod
    def collections(run: Callable[[], object]) -> list[int]:
        """Return the generation of every collection the garbage collector runs during *run*."""
        seen: list[int] = []

        def note(phase: str, info: dict[str, int]) -> None:
            if phase == "start":
                seen.append(info["generation"])

        gc.callbacks.append(note)
        try:
            run()
        finally:
            gc.callbacks.remove(note)
        return seen

    def test_no_full_collection_while_records_are_made(self) -> None:
        """Thousands of records are made without one full collection; only the youngest are looked at, once."""
        text = self.UNIT * 1000
        assert gc.isenabled()
        seen = self.collections(lambda: quiet(text))
        assert [0] == seen
        assert gc.isenabled()

    def test_mentions_alone(self) -> None:
        """The mention extractor pauses the collector too, and resumes it."""
        seen = self.collections(lambda: nc.extract_mentions(self.UNIT * 1000))
        assert [0] == seen
        assert gc.isenabled()

    def test_a_paused_collector_stays_paused(self) -> None:
        """A caller that turned the collector off finds it off afterwards, and nothing was collected."""
        gc.disable()
        try:
            seen = self.collections(lambda: quiet(self.UNIT * 1000))
            assert not gc.isenabled()
        finally:
            gc.enable()
        assert [] == seen

    def test_resumed_after_an_error(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """An error raised while the collector is paused leaves it on."""

        def broken(*args: object) -> object:
            raise RuntimeError("broken")

        monkeypatch.setattr(quotes_module, "_quotes_of", broken)
        with pytest.raises(RuntimeError):
            extract_quotes(self.UNIT * 1000)
        assert gc.isenabled()

    def test_short_texts_left_alone(self) -> None:
        """A short text makes too few records to pause for: the collector is not touched."""
        calls: list[bool] = []
        original = gc.disable

        def disable() -> None:
            calls.append(True)
            original()

        gc.disable = disable  # type: ignore[assignment]
        try:
            quiet(self.UNIT * 10)
        finally:
            gc.disable = original  # type: ignore[assignment]
        assert [] == calls
        assert gc.isenabled()

    def test_same_quotes(self) -> None:
        """The quotes are the same with the collector paused by the caller or not."""
        text = self.UNIT * 1000
        gc.disable()
        try:
            paused = rows(text)
        finally:
            gc.enable()
        assert rows(text) == paused


class TestPipeline:
    def test_registered_stage(self) -> None:
        """quotes.v1 runs after sentences.v1 and mentions.v1 and fills Document.quotes."""
        doc = nc.Pipeline(["quotes.v1"], clean=None)("“We will stay,” Anna Berg said.")
        assert ("sentences.v1", "mentions.v1", "quotes.v1") == doc.stages
        assert ["Anna Berg"] == [q.speaker.name for q in doc.quotes if q.speaker]
