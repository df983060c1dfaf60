"""Tests for the publication-date helpers in ``newscorpus._dates``."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from newscorpus import _dates
from newscorpus._dates import find_leading_date, parse_date
from newscorpus.testing._counting import count_work

FEB_28 = dt.date(2022, 2, 28)


class TestFindLeadingDate:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (" date 2022-02-25 In a massive development, talks began.", (dt.date(2022, 2, 25), 1, 16)),
            ("February 28, 2022\n1 min read\n\nNo headway in talks", (FEB_28, 0, 17)),
            ("Feb. 28, 2022\nBody text.", (FEB_28, 0, 13)),
            ("28 February 2022\nBody text.", (FEB_28, 0, 16)),
            ("2022-02-28\nBody text.", (FEB_28, 0, 10)),
            ("Monday, February 28, 2022\nBody text.", (FEB_28, 0, 25)),
            ("Updated: Feb 28, 2022 10:41 IST\nBody text.", (FEB_28, 0, 31)),
            ("2022-02-28T10:41:00Z\nBody text.", (FEB_28, 0, 20)),
            ("  Mon, 28 Feb 2022 10:41:00 GMT  \nBody.", (FEB_28, 2, 31)),
            ("Last updated on March 1st, 2022, 10:41 a.m. ET\nBody.", (dt.date(2022, 3, 1), 0, 46)),
            ("\n\nA headline about talks\nFebruary 28, 2022\nBody.", (FEB_28, 25, 42)),
            ("Published: 2022-02-28 Body follows on the same line.", (FEB_28, 0, 21)),
        ],
    )
    def test_finds_date_and_marker(self, text: str, expected: tuple[dt.date, int, int]) -> None:
        """A date line or labelled prefix at the top gives the date and the offsets of the whole marker."""
        actual = find_leading_date(text)

        assert expected == actual

    @pytest.mark.parametrize(
        "text",
        [
            "",
            "1 min read\n\nBody text.",
            "Russia-Ukraine War: Ready for dialogue, says Putin\nDuring talks on Thursday, both sides agreed.",
            "February 28, 2022 was the day the talks began.",
            "2022: a year of war\nBody.",
            "Feb 30, 2022\nBody.",
            "2022-13-01\nBody.",
            "One\nTwo\nThree\nFebruary 28, 2022\n",
            "Feb 2022\nBody.",
            "date 2022-02-30 body",
        ],
    )
    def test_no_date(self, text: str) -> None:
        """Headlines, reading times, dates inside prose, invalid dates and dates after three lines give None."""
        assert find_leading_date(text) is None

    def test_only_the_head_is_searched(self) -> None:
        """A date line that starts past the first 300 characters is not looked at."""
        text = "x" * 299 + "\nFebruary 28, 2022\nBody."

        assert find_leading_date(text) is None

    def test_line_cut_by_the_head_is_not_a_date_line(self) -> None:
        """A line that runs past the head is prose even if its start looks like a date."""
        text = "\n" * 288 + "Feb 28, 2022 was a day of talks in Belarus."

        assert find_leading_date(text) is None

    @given(st.text())
    @example(" date 2022-02-25 x")
    @example("Updated: Feb 29, 2022 10:41 IST")
    @example("Feb 29, 2024\n")
    def test_never_raises_and_offsets_slice(self, text: str) -> None:
        """Any text gives None or a real date whose offsets slice a non-empty marker out of the text."""
        found = find_leading_date(text)

        if found is not None:
            date, start, end = found
            assert isinstance(date, dt.date)
            assert 0 <= start < end <= len(text)
            assert text[start:end] == text[start:end].strip()

    @given(
        st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2999, 12, 31)),
        st.sampled_from(["%B %d, %Y", "%d %b %Y", "%Y-%m-%d", "%A, %B %d, %Y", "%b. %d %Y"]),
    )
    def test_round_trip_of_formatted_dates(self, date: dt.date, fmt: str) -> None:
        """A date line written in a common format is read back as the same date."""
        line = date.strftime(fmt)

        assert (date, 0, len(line)) == find_leading_date(line + "\nBody.")

    def test_hostile_input_work_is_bounded(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Megabytes of digits, month names and spaces give None, scanning no more at 2 MB than at 1 MB."""
        work = []
        for copies in (40_000, 80_000):
            junk = "date 2022-02-2 Feb 28, 20 " * copies + "1 " * (copies * 5 // 2)
            with count_work(_dates) as counted:
                result = find_leading_date(junk)

            assert result is None
            work.append(counted.scanned)
        assert work[0] == work[1] <= 2 * 300


class TestParseDate:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("2022-02-25", dt.date(2022, 2, 25)),
            ("2022-02-25 10:41:00", dt.date(2022, 2, 25)),
            ("2022-02-25T23:41:00+05:30", dt.date(2022, 2, 25)),
            ("2022-02-25T23:41:00-05:00", dt.date(2022, 2, 25)),
            ("Feb 25, 2022", dt.date(2022, 2, 25)),
            ("Friday, 25 February 2022 10:41 AM EST", dt.date(2022, 2, 25)),
            ("25/02/2022", dt.date(2022, 2, 25)),
            ("02/25/2022", dt.date(2022, 2, 25)),
            ("02/03/2022", dt.date(2022, 2, 3)),
            ("25.02.2022", dt.date(2022, 2, 25)),
            ("2022/02/25", dt.date(2022, 2, 25)),
            ("20220225", dt.date(2022, 2, 25)),
            ("1645780860", dt.date(2022, 2, 25)),
            (1645780860, dt.date(2022, 2, 25)),
            (1645780860000, dt.date(2022, 2, 25)),
            (1645780860.5, dt.date(2022, 2, 25)),
            ("Fri, 25 Feb 2022 10:41:00 +0000", dt.date(2022, 2, 25)),
        ],
    )
    def test_parses(self, value: object, expected: dt.date) -> None:
        """ISO, named-month, numeric, compact and epoch dates parse to the date they state."""
        actual = parse_date(value)

        assert expected == actual

    @pytest.mark.parametrize(
        "value",
        [
            "",
            "   ",
            "today",
            "Feb 2022",
            "2022",
            "5",
            "1 2 3",
            "Feb 30, 2022",
            "2022-02-30",
            "31/31/2022",
            "20221332",
            "12345",
            "x" * 1000,
            None,
            True,
            float("nan"),
            float("inf"),
            10**400,
            ["2022-02-25"],
        ],
    )
    def test_rejects(self, value: object) -> None:
        """Values that are not a full, real date give None: no part of the date is invented."""
        assert parse_date(value) is None

    def test_missing_parts_do_not_come_from_today(self) -> None:
        """A month and day without a year is rejected rather than completed with the current year."""
        assert parse_date("February 25") is None

    @given(st.one_of(st.text(), st.integers(), st.floats(), st.none(), st.booleans()))
    @example("2022-02-25T10:41:00+99:99")
    @example("Feb 25 2022 10:41 XYZT")
    @example("9999-12-31 23:59:59 -2359")
    def test_never_raises(self, value: object) -> None:
        """Any value gives None or a date, and never raises or warns."""
        result = parse_date(value)

        assert result is None or isinstance(result, dt.date)

    @given(st.dates(min_value=dt.date(1000, 1, 1)))
    def test_iso_round_trip(self, date: dt.date) -> None:
        """An ISO date string parses back to its date."""
        assert date == parse_date(date.isoformat())

    def test_hostile_input_work_is_bounded(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Megabytes of date-like junk are rejected without being scanned, at any size."""
        work = []
        for copies in (80_000, 160_000):
            with count_work(_dates) as counted:
                result = parse_date("Feb 25, 2022 " * copies)

            assert result is None
            work.append(counted.scanned)
        assert [0, 0] == work

    def test_long_values_scan_proportionally(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Values under the length cap are scanned in proportion to their length, not more."""
        work = []
        for size in (40, 80):
            with count_work(_dates) as counted:
                parse_date("1" * size + " x")
            work.append(counted.scanned)
        assert 0 < work[1] <= 2 * work[0] + 10
