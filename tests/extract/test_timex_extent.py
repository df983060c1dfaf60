"""Tests for the extent of time expressions: the modifiers TimeML keeps in them and the words it leaves out."""

from __future__ import annotations

import datetime as dt

import pytest

from newscorpus.extract import extract_timexes

ANCHOR = dt.date(2022, 2, 24)  # a Thursday


def found(text: str) -> list[tuple[str, str, str, str | None]]:
    """The text, type, value and modifier of every time expression of *text*."""
    return [(t.text, t.type.value, t.value, t.mod) for t in extract_timexes(text, reference=ANCHOR)]


class TestJoinedPositions:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Orders rose in early-June.", [("early-June", "DATE", "2021-06", "EARLY")]),
            ("The early-1990s boom ended.", [("early-1990s", "DATE", "199", "EARLY")]),
            ("They planned a late-March trip.", [("late-March", "DATE", "2022-03", "LATE")]),
        ],
    )
    def test_hyphenated_position(self, text: str, expected: list[tuple[str, str, str, str | None]]) -> None:
        """'early-' or 'late-' joined to a month or decade is part of it, with its modifier."""
        assert expected == found(text)


class TestOpenEnds:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("The plant will not reopen until 2025 or later.", [("2025 or later", "DATE", "2025", "ON_OR_AFTER")]),
            ("Forecasts cover 2023 and beyond.", [("2023 and beyond", "DATE", "2023", "ON_OR_AFTER")]),
            ("The rule covers cars built in 2010 or earlier.", [("2010 or earlier", "DATE", "2010", "ON_OR_BEFORE")]),
        ],
    )
    def test_or_later(self, text: str, expected: list[tuple[str, str, str, str | None]]) -> None:
        """'or later', 'or earlier' and 'and beyond' after a date belong to it, as its modifier."""
        assert expected == found(text)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("It will open in March or later than that.", [("March", "DATE", "2022-03", None)]),
            ("They met in 2019 or before the war.", [("2019", "DATE", "2019", None)]),
            ("She flew in October 1984 and later served.", [("October 1984", "DATE", "1984-10", None)]),
        ],
    )
    def test_not_a_modifier(self, text: str, expected: list[tuple[str, str, str, str | None]]) -> None:
        """'or later than' and 'or before the war' start something else."""
        assert expected == found(text)


class TestOverAsMoreThan:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("The strike is likely to last over a week.", [("over a week", "DURATION", "P1W", "MORE_THAN")]),
            ("They stayed for over a decade.", [("over a decade", "DURATION", "P10Y", "MORE_THAN")]),
            ("It was the first rise in over a year.", [("over a year", "DURATION", "P1Y", "MORE_THAN")]),
        ],
    )
    def test_more_than(self, text: str, expected: list[tuple[str, str, str, str | None]]) -> None:
        """'over' before a length of time after 'last', 'for' or 'in' means 'more than' and is kept."""
        assert expected == found(text)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("The loan is repaid over three years.", [("three years", "DURATION", "P3Y", None)]),
            ("Sales rose over the next three years.", [("the next three years", "DURATION", "P3Y", None)]),
        ],
    )
    def test_spread_over(self, text: str, expected: list[tuple[str, str, str, str | None]]) -> None:
        """'over' telling the stretch something is spread over is a signal, left out."""
        assert expected == found(text)


class TestArticles:
    def test_weeks_ahead(self) -> None:
        """'the weeks ahead' keeps its article, as 'the coming weeks' does."""
        assert [("the weeks ahead", "DURATION", "PXW", None)] == found("Prices may fall in the weeks ahead.")

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("The union held the two day rally downtown.", [("two day", "DURATION", "P2D", None)]),
            ("The third-quarter GDP figures were weak.", [("third-quarter", "DATE", "2021-Q3", None)]),
            ("He spent the two days in Rome.", [("the two days", "DURATION", "P2D", None)]),
        ],
    )
    def test_length_before_a_noun(self, text: str, expected: list[tuple[str, str, str, str | None]]) -> None:
        """A time used as an adjective of a noun, even an abbreviation, leaves the noun's article out."""
        assert expected == found(text)


class TestFrequencies:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("The nurses answer hundreds of calls a day.", [("a day", "SET", "P1D", None)]),
            ("The firm sells forty thousand bikes a year.", [("a year", "SET", "P1Y", None)]),
            ("The process takes a week.", [("a week", "DURATION", "P1W", None)]),
            ("It pays $5 million a year in rent.", []),
        ],
    )
    def test_things_counted_per_unit(self, text: str, expected: list[tuple[str, str, str, str | None]]) -> None:
        """'a day' after things counted tells how often they happen; after a verb it is a length; a rate is no time."""
        assert expected == found(text)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("The Communist Party daily Granma said so.", []),
            ("It was reported by the weekly Der Spiegel.", []),
            ("The firm declared its initial quarterly of five cents a share.", []),
            ("The dividend is paid quarterly.", [("quarterly", "SET", "P3M", None)]),
            ("Protesters gather daily outside the home.", [("daily", "SET", "P1D", None)]),
        ],
    )
    def test_frequency_words_as_nouns(self, text: str, expected: list[tuple[str, str, str, str | None]]) -> None:
        """A newspaper called a daily or weekly, and a dividend called a quarterly, are not sets of times."""
        assert expected == found(text)


class TestHeadsAndThen:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Prices rose over a three-year period.", [("a three-year period", "DURATION", "P3Y", None)]),
            ("He served a one-year term as chair.", [("a one-year term", "DURATION", "P1Y", None)]),
            ("It was a two-week delay.", [("two-week", "DURATION", "P2W", None)]),
        ],
    )
    def test_noun_of_time(self, text: str, expected: list[tuple[str, str, str, str | None]]) -> None:
        """A length joined to 'period' or 'term' makes one expression with it; before another noun it stays alone."""
        assert expected == found(text)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Shares were sold at the then current market price.", [("then current", "DATE", "PAST_REF", None)]),
            ("The then-current chairman resigned.", [("then-current", "DATE", "PAST_REF", None)]),
            ("The current price is high.", [("current", "DATE", "PRESENT_REF", None)]),
        ],
    )
    def test_then_current(self, text: str, expected: list[tuple[str, str, str, str | None]]) -> None:
        """'then current' is current at a past time."""
        assert expected == found(text)


class TestDatesBeforeNouns:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("He said Navigation Mixte's 1989 profit would rise.", [("1989", "DATE", "1989", None)]),
            ("The March accession will let them join.", [("March", "DATE", "2022-03", None)]),
            ("They joined the march yesterday.", [("yesterday", "DATE", "2022-02-23", None)]),
            ("She sold Windows 2000 licences.", []),
        ],
    )
    def test_determined_dates(self, text: str, expected: list[tuple[str, str, str, str | None]]) -> None:
        """A year after a name in the possessive, and a capitalised 'March' between 'the' and its noun, are dates."""
        assert expected == found(text)


class TestCoordinatedUnits:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("He probably died within weeks or months of his capture.", [("weeks or months", "DURATION", "PXW", None)]),
            ("It lasted for years and years.", [("years and years", "DURATION", "PXY", None)]),
            (
                "The talks took three weeks and months passed.",
                [("three weeks", "DURATION", "P3W", None), ("months", "DURATION", "PXM", None)],
            ),
        ],
    )
    def test_vague_lengths_joined(self, text: str, expected: list[tuple[str, str, str, str | None]]) -> None:
        """Two vague lengths joined by 'or' or 'and' are one span of time; a counted length stays apart."""
        assert expected == found(text)
