"""Tests for the second round of time-expression rules: ranges, direction, durations, anaphora, names, triggers."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil

import pytest

import newscorpus.extract.timex as timex_module
from newscorpus.extract import extract_timexes
from newscorpus.extract.timex import TimexOptions, TimexVocabulary
from newscorpus.testing._counting import growth
from newscorpus.types import TimeExpr

ANCHOR = dt.date(2022, 2, 24)  # a Thursday
#: The package and every module in it: the work of all of them is counted.
MODULES = [
    timex_module,
    *(
        importlib.import_module(f"{timex_module.__name__}.{info.name}")
        for info in pkgutil.iter_modules(timex_module.__path__)
    ),
]


def found(text: str, reference: dt.date | None = ANCHOR) -> list[tuple[str, str, str]]:
    """The text, type and value of every time expression of *text*."""
    return [(t.text, t.type.value, t.value) for t in extract_timexes(text, reference=reference)]


class TestRanges:
    def test_two_year_span(self) -> None:
        """A season written "1998-99" is two years, the second completed from the first."""
        expected = [("1998", "DATE", "1998"), ("99", "DATE", "1999")]
        assert expected == found("The club had its best run in the 1998-99 season.")

    def test_four_digit_range(self) -> None:
        """A range of full years gives each year apart."""
        expected = [("2014", "DATE", "2014"), ("2016", "DATE", "2016")]
        assert expected == found("Output doubled in 2014-2016.")

    def test_not_a_range_of_years(self) -> None:
        """Two numbers that do not rise as years do are not a range."""
        assert [] == found("The final score was 2016-2014.")

    def test_coordinated_durations(self) -> None:
        """'between 6 and 9 weeks' is two durations, the first taking the unit of the second."""
        expected = [("6", "DURATION", "P6W"), ("9 weeks", "DURATION", "P9W")]
        assert expected == found("Recovery takes between 6 and 9 weeks.")

    def test_to_range_of_durations(self) -> None:
        """'two to six days' is two durations as well."""
        expected = [("two", "DURATION", "P2D"), ("six days", "DURATION", "P6D")]
        assert expected == found("Delivery takes two to six days.")

    def test_second_date_takes_first_year(self) -> None:
        """In 'from March 3, 2019 to April 10' the second date is in the year of the first."""
        expected = [("March 3, 2019", "DATE", "2019-03-03"), ("April 10", "DATE", "2019-04-10")]
        assert expected == found("The show ran from March 3, 2019 to April 10.")

    def test_first_date_takes_second_year(self) -> None:
        """In 'from March 3 to April 10, 2019' the first date is in the year of the second."""
        expected = [("March 3", "DATE", "2019-03-03"), ("April 10, 2019", "DATE", "2019-04-10")]
        assert expected == found("The show ran from March 3 to April 10, 2019.")

    def test_range_without_reference(self) -> None:
        """Without a reference date, the written year still goes to the other end of the range."""
        expected = [("March 3", "DATE", "2019-03-03"), ("April 10, 2019", "DATE", "2019-04-10")]
        assert expected == found("The show ran from March 3 to April 10, 2019.", reference=None)

    def test_range_over_new_year(self) -> None:
        """A range from November to February ends in the next year."""
        expected = [("Nov. 3, 2019", "DATE", "2019-11-03"), ("Feb. 10", "DATE", "2020-02-10")]
        assert expected == found("It ran from Nov. 3, 2019 until Feb. 10.")


class TestDirection:
    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("The meeting was moved to Sunday.", "2022-02-27"),
            ("The vote was postponed until Monday.", "2022-02-28"),
            ("The vote closes on Friday.", "2022-02-25"),
        ],
    )
    def test_scheduled_dates_look_ahead(self, text: str, value: str) -> None:
        """A date something is moved to, or a scheduled present, is the next such day."""
        ((_, _, actual),) = found(text)
        assert value == actual

    def test_verb_of_a_clause_after_that(self) -> None:
        """A verb after "that" belongs to the reported clause, not to the weekday of the report."""
        text = "The senator said in a statement on Monday evening that he would resign."
        assert [("Monday evening", "TIME", "2022-02-21TEV")] == found(text)

    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("The banks will stay closed until Tuesday.", "2022-03-01"),
            ("The banks remain closed until Tuesday.", "2022-03-01"),
            ("The banks remained closed until Tuesday.", "2022-02-22"),
        ],
    )
    def test_state_after_a_linking_verb(self, text: str, value: str) -> None:
        """A participle after 'stay' or 'remain' tells a state, not a past event: the linking verb gives the tense."""
        assert [("Tuesday", "DATE", value)] == found(text)

    def test_past_event_looks_back(self) -> None:
        """A past event on a weekday is the last such day."""
        assert [("Sunday", "DATE", "2022-02-20")] == found("The mayor spoke on Sunday.")


class TestDatedQuotations:
    def test_quote_anchored_on_its_date(self) -> None:
        """Inside a quotation from a dated letter, relative dates resolve against the letter's date."""
        text = 'A letter dated Jan. 5, 2021 reads: "We will meet on Friday." The mayor spoke on Friday.'
        expected = [
            ("Jan. 5, 2021", "DATE", "2021-01-05"),
            ("Friday", "DATE", "2021-01-08"),
            ("Friday", "DATE", "2022-02-18"),
        ]
        assert expected == found(text)

    def test_plain_quote_keeps_article_date(self) -> None:
        """A quotation without a dated source resolves against the article's date."""
        assert [("Friday", "DATE", "2022-02-25")] == found('He said: "We will meet on Friday."')


class TestDurations:
    def test_later_than_planned(self) -> None:
        """'two weeks later than planned' is a length of time, not a date."""
        assert [("two weeks", "DURATION", "P2W")] == found("The bridge opened two weeks later than planned.")

    def test_from_now(self) -> None:
        """'ten years from now' is a duration and the present it is counted from."""
        expected = [("Ten years", "DURATION", "P10Y"), ("now", "DATE", "PRESENT_REF")]
        assert expected == found("Ten years from now, the town will be different.")

    def test_over_the_coming_decade(self) -> None:
        """'over the coming decade' is a stretch of ten years."""
        assert [("the coming decade", "DURATION", "P10Y")] == found("Costs will rise over the coming decade.")

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Three days later, the index fell.", [("Three days", "DURATION", "P3D")]),
            ("A few weeks later, the firm sold it.", [("A few weeks", "DURATION", "PXW")]),
            ("Years later, she came back.", [("Years", "DURATION", "PXY")]),
        ],
    )
    def test_later_is_a_signal(self, text: str, expected: list[tuple[str, str, str]]) -> None:
        """'three days later' counts from an event of the story: the length of time, 'later' left out."""
        assert expected == found(text)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("The trial is expected to last six weeks.", [("six weeks", "DURATION", "P6W")]),
            ("Storms that last three days are rare.", [("three days", "DURATION", "P3D")]),
            ("It rained for the last three days.", [("the last three days", "DURATION", "P3D")]),
        ],
    )
    def test_last_as_a_verb(self, text: str, expected: list[tuple[str, str, str]]) -> None:
        """'last' after 'to', a modal or 'that' is the verb, not part of the duration."""
        assert expected == found(text)

    def test_years_ago(self) -> None:
        """'three years ago' is the year three years before the reference."""
        assert [("three years ago", "DATE", "2019")] == found("The plant closed three years ago.")


class TestAnaphoricDays:
    def test_the_day_before(self) -> None:
        """'The day before' is the day before the last date named."""
        text = "The summit opened on March 3. The day before, crowds gathered."
        assert ("The day before", "DATE", "2022-03-02") == found(text)[1]

    def test_the_following_morning(self) -> None:
        """'The following morning' is the morning after the last date named."""
        text = "The summit opened on March 3. The following morning, talks began."
        assert ("The following morning", "TIME", "2022-03-04TMO") == found(text)[1]

    def test_the_next_day(self) -> None:
        """'The next day' follows the last date named, not the reference date."""
        text = "He landed on March 3. The next day, he left."
        assert ("The next day", "DATE", "2022-03-04") == found(text)[1]

    def test_the_month_before(self) -> None:
        """'the month before' is the month before the last month named."""
        text = "The deficit was $19bn in November, down from $20bn the month before."
        assert [("November", "DATE", "2021-11"), ("the month before", "DATE", "2021-10")] == found(text)

    def test_units_that_are_no_triggers(self) -> None:
        """A number before a short unit ("1 min") is still a duration."""
        assert [("1 min", "DURATION", "PT1M")] == found("Read time: 1 min")

    @pytest.mark.parametrize(
        "text", ["Today is the eighth day of the strike.", "It's the second day of the offensive."]
    )
    def test_nth_day_that_is_today(self, text: str) -> None:
        """'the eighth day of' something, said to be today, is the reference date."""
        assert ("DATE", "2022-02-24") == found(text)[-1][1:]

    def test_nth_day_of_a_story(self) -> None:
        """'the third day of the trial' told in a story names no day the reader can date."""
        assert [] == found("He spoke on the third day of the trial.")

    def test_undated_stays_unknown(self) -> None:
        """Without a date in the text or a reference, 'the day after' stays unresolved."""
        expected = [("tomorrow", "DATE", "XXXX-XX-XX"), ("the day after", "DATE", "XXXX-XX-XX")]
        assert expected == found("It may happen tomorrow or the day after, he said.", reference=None)

    def test_day_after_a_holiday(self) -> None:
        """'the day after' a named date still moves that date."""
        assert [("The day after Christmas", "DATE", "2021-12-26")] == found("The day after Christmas was calm.")


class TestNamedDates:
    def test_nine_eleven(self) -> None:
        """'9/11' names the attacks of 11 September 2001."""
        assert [("9/11", "DATE", "2001-09-11")] == found("The attacks of 9/11 changed the city.")

    def test_sept_eleven_attacks(self) -> None:
        """'Sept. 11' followed by 'attacks' is the 2001 date."""
        assert [("Sept. 11", "DATE", "2001-09-11")] == found("Since the Sept. 11 attacks, checks are longer.")

    def test_sept_eleven_plain(self) -> None:
        """A plain 'Sept. 11' is resolved like any other month and day."""
        assert [("Sept. 11", "DATE", "2021-09-11")] == found("The fair closed on Sept. 11.")

    def test_before_2001(self) -> None:
        """Before 2001, '9/11' is no name of a date."""
        assert [] == found("See page 9/11 of the report.", reference=dt.date(1998, 5, 1))

    @pytest.mark.parametrize(
        ("reference", "value"),
        [(dt.date(2024, 10, 1), "2024-11-05"), (dt.date(2020, 10, 1), "2020-11-03")],
    )
    def test_election_day(self, reference: dt.date, value: str) -> None:
        """'Election Day' is the Tuesday after the first Monday of November."""
        text = "The campaign runs until Election Day."
        assert [("Election Day", "DATE", value)] == found(text, reference=reference)

    def test_weekday_after_rule(self) -> None:
        """A holiday rule 'MM-DD+W' names the first weekday W on or after that day."""
        vocabulary = TimexVocabulary.default().extend(holidays={"Harvest Day": "09-01+5"})
        found_days = extract_timexes(
            "The fair opens on Harvest Day.", reference=ANCHOR, options=TimexOptions(vocabulary=vocabulary)
        )
        assert ["2022-09-02"] == [t.value for t in found_days]

    @pytest.mark.parametrize(
        "text", ["He wrote in The Sunday Times that the plan failed.", "An editorial in the Sunday Telegraph agreed."]
    )
    def test_newspaper_names(self, text: str) -> None:
        """A weekday that begins a newspaper's name is no date."""
        assert [] == found(text)

    def test_now_as_discourse_marker(self) -> None:
        """'Now,' opening a sentence is a discourse marker, while 'now' in a clause is the present."""
        assert [] == found("Now, the mayor says, the plan is dead.")
        assert [("now", "DATE", "PRESENT_REF")] == found("The mayor now says the plan is dead.")


class TestTriggers:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("He arrived on 5 March.", [("5 March", "DATE", "2022-03-05")]),
            ("It took 3 weeks.", [("3 weeks", "DURATION", "P3W")]),
            ("It takes 6 - 9 weeks.", [("6 - 9 weeks", "DURATION", "PXW")]),
            ("The shop opens at 9 a.m.", [("9 a.m.", "TIME", "2022-02-24T09:00")]),
            ("About 300 people came, 12 of them late.", []),
        ],
    )
    def test_bare_numbers(self, text: str, expected: list[tuple[str, str, str]]) -> None:
        """A bare number is found through the time word after it, and alone it is nothing."""
        assert expected == found(text)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Prices may rise.", []),
            ("Prices rose in May.", [("May", "DATE", "2021-05")]),
            ("Talks start May 5.", [("May 5", "DATE", "2022-05-05")]),
            ("It was Sunday, March eighth.", [("Sunday, March eighth", "DATE", "2022-03-08")]),
        ],
    )
    def test_month_words(self, text: str, expected: list[tuple[str, str, str]]) -> None:
        """'may' and 'march' are months only where a month can stand."""
        assert expected == found(text)


class TestLinearWork:
    @pytest.mark.parametrize(
        "unit",
        [
            "1998-99 ",
            "between 6 and 9 ",
            "the day before ",
            "9/11 ",
            "may may ",
            "1 2 3 ",
            "from March 3 to ",
            "dated March 3, 2020, ",
            'dated March 3, 2020 "',
            'dated March 3, 2020 "x ',
            "at 10 a.m. (0935 GMT) Friday ",
            "1900 GMT) (",
            "the quarter ended Sept. 30 ",
            "to last six weeks ",
            "it's the eighth day of ",
            "on Tuesdays ",
            "on weekends ",
            "on the 20th ",
            "was soon three days later ",
        ],
    )
    def test_linear_on_new_patterns(self, unit: str) -> None:
        """Ten times the hostile input takes at most about ten times the work in every module of the package."""
        small, large = ((unit * (size // len(unit) + 1))[:size] for size in (8_000, 80_000))
        assert growth(find_anchored, MODULES, small, large) <= 12.0


def find_anchored(text: str) -> tuple[TimeExpr, ...]:
    """The time expressions of *text*, anchored on ``ANCHOR``."""
    return extract_timexes(text, reference=ANCHOR)


class TestDeadlines:
    def test_present_perfect_until(self) -> None:
        """A month that ends a span a present perfect opened lies ahead."""
        assert [("June", "DATE", "2022-06")] == found("The bank has extended the loans through June.")

    def test_since_looks_back(self) -> None:
        """'since' a month keeps to the past."""
        assert [("June", "DATE", "2021-06")] == found("He has lived there since June.")


class TestClockTimeDays:
    def test_day_after_parenthesis(self) -> None:
        """A clock time takes the day named just after it, past a note in brackets."""
        text = "The fire started at about 10:35 a.m. (0935 GMT) Friday, police said."
        expected = [
            ("about 10:35 a.m.", "TIME", "2022-02-18T10:35"),
            ("0935 GMT", "TIME", "2022-02-18T09:35"),
            ("Friday", "DATE", "2022-02-18"),
        ]
        assert expected == found(text)

    def test_four_digit_clock_time(self) -> None:
        """Four digits before a time zone are a clock time on the day of the time before them, not a year."""
        expected = [("8 p.m. local time", "TIME", "2022-02-24T20:00"), ("1900 GMT", "TIME", "2022-02-24T19:00")]
        assert expected == found("Polls close at 8 p.m. local time (1900 GMT).")

    def test_zone_in_brackets(self) -> None:
        """A time zone in brackets belongs to the time only with both brackets."""
        assert [("9:30 a.m. (EST)", "TIME", "2022-02-24T09:30")] == found("Trading opens at 9:30 a.m. (EST).")

    def test_time_restated_in_brackets(self) -> None:
        """A time restated in brackets with its day gives that day to the first one."""
        text = "The ship will sail at 6 in the morning (6 a.m. EST Saturday), he said."
        assert ("6 in the morning", "TIME", "2022-02-26T06:00") == found(text)[0]

    def test_separate_clause_keeps_reference(self) -> None:
        """A day in another part of the sentence does not move the time."""
        text = "He arrived at 9 a.m. and left on Monday."
        assert ("9 a.m.", "TIME", "2022-02-24T09:00") == found(text)[0]


class TestSoonAndSomeDay:
    @pytest.mark.parametrize(
        "text", ["He was soon released from hospital.", "The trickle soon became a flood.", "The plant soon closed."]
    )
    def test_soon_in_a_past_story(self, text: str) -> None:
        """'soon' telling what followed in a past story points to no time after the reference date."""
        assert [] == found(text)

    def test_soon_ahead(self) -> None:
        """'soon' before a future verb is still the future."""
        assert [("soon", "DATE", "FUTURE_REF")] == found("Prices will soon fall.")

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("The town may one day be a city.", [("one day", "DATE", "FUTURE_REF")]),
            ("She hopes to one day fly a plane.", [("one day", "DATE", "FUTURE_REF")]),
            ("It took one day to fix.", [("one day", "DURATION", "P1D")]),
            ("The fair will run for one day only.", [("one day", "DURATION", "P1D")]),
        ],
    )
    def test_one_day(self, text: str, expected: list[tuple[str, str, str]]) -> None:
        """'one day' after a modal and before a verb is some day to come; elsewhere it is a length of time."""
        assert expected == found(text)


class TestQuarterEnded:
    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("The firm lost money in the quarter ended Sept. 30.", "2021-Q3"),
            ("For the quarter ended July 31, the firm earned $5 million.", "2021-Q2"),
            ("It earned $5 million in the latest quarter, which ended Oct. 1.", "2021-Q3"),
        ],
    )
    def test_quarter_told_by_its_end(self, text: str, value: str) -> None:
        """A quarter told by the day it ended is the calendar quarter holding most of its three months."""
        assert value == found(text)[0][2]

    def test_numbered_quarter_kept(self) -> None:
        """A quarter named by its number keeps the number, even when it ends off the calendar."""
        assert "2021-Q2" == found("For the second quarter ended Oct. 31, it lost money.")[0][2]

    def test_aim_of_a_past_plan(self) -> None:
        """A deadline an infinitive aims at lies ahead, though a past verb comes before it."""
        text = "The sale, which had been expected, is part of a plan to repay the loan by March."
        assert [("March", "DATE", "2022-03")] == found(text)

    @pytest.mark.parametrize(
        "text", ["He sold the shares by January.", "He had to sell them by January.", "He used to work until January."]
    )
    def test_past_deadline(self, text: str) -> None:
        """A deadline of a past verb, with no aim between ("had to" is a past need), stays in the past."""
        assert [("January", "DATE", "2022-01")] == found(text)


class TestQuarters:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("It turned a profit after several quarters of losses.", [("several quarters", "DURATION", "PXQ")]),
            ("Three quarters of the members voted yes.", []),
            ("The first two quarters of 2019 were weak.", [("The first two quarters of 2019", "DATE", "2019-H1")]),
            ("Losses narrowed in the last two quarters.", [("the last two quarters", "DURATION", "P2Q")]),
        ],
    )
    def test_quarters(self, text: str, expected: list[tuple[str, str, str]]) -> None:
        """Quarters of a year are times, and two of them named in a year are its half; a fraction is not."""
        assert expected == found(text)


class TestYearsAsModifiers:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("The post-1959 politics split families.", [("post-1959", "1959", "AFTER")]),
            ("Prices returned to pre-2008 levels.", [("pre-2008", "2008", "BEFORE")]),
            ("He described a nineteen ninety-seven attack.", [("nineteen ninety-seven", "1997", None)]),
            ("There were nineteen ninety-seven votes.", []),
        ],
    )
    def test_years_before_nouns(self, text: str, expected: list[tuple[str, str, str | None]]) -> None:
        """A year joined to 'post-' or 'pre-', or spoken after an article, is a date before its noun; a count is not."""
        assert expected == [(t.text, t.value, t.mod) for t in extract_timexes(text, reference=ANCHOR)]


class TestSetsOfDays:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("The committee meets on Tuesdays.", [("Tuesdays", "SET", "XXXX-WXX-2")]),
            ("It is shut Sundays and Mondays.", [("Sundays", "SET", "XXXX-WXX-7"), ("Mondays", "SET", "XXXX-WXX-1")]),
            ("The museum closes on weekends.", [("weekends", "SET", "XXXX-WXX-WE")]),
            ("He watched Monday Night Football.", []),
        ],
    )
    def test_days_in_the_plural(self, text: str, expected: list[tuple[str, str, str]]) -> None:
        """Weekdays and weekends in the plural are sets of days; a capitalised title is not a time."""
        assert expected == found(text)


class TestDayOfMonth:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("The meeting is set for the 28th.", [("the 28th", "DATE", "2022-02-28")]),
            ("The vote was held on the 5th.", [("the 5th", "DATE", "2022-02-05")]),
            (
                "He came on the 22nd and left on the 23rd.",
                [("the 22nd", "DATE", "2022-02-22"), ("the 23rd", "DATE", "2022-02-23")],
            ),
            ("The sale ended on the 26th.", [("the 26th", "DATE", "2022-01-26")]),
            ("He works on the 3rd floor.", []),
            ("It was the 11th time.", []),
        ],
    )
    def test_day_of_month(self, text: str, expected: list[tuple[str, str, str]]) -> None:
        """'on the 20th' is a day of the month the tense points to; an ordinal before a noun is not a day."""
        assert expected == found(text)

    def test_without_reference(self) -> None:
        """Without a reference date only the day is known."""
        assert [("the 20th", "DATE", "XXXX-XX-20")] == found("They meet on the 20th.", reference=None)


class TestExtendedUntil:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("The officials extended the deadline until Tuesday.", [("Tuesday", "DATE", "2022-03-01")]),
            ("The court extended its stay until 9 a.m. Tuesday.", [("9 a.m. Tuesday", "TIME", "2022-03-01T09:00")]),
            ("They moved the talks to Sunday.", [("Sunday", "DATE", "2022-02-27")]),
            ("He stayed in the city until Tuesday.", [("Tuesday", "DATE", "2022-02-22")]),
        ],
    )
    def test_new_date_ahead(self, text: str, expected: list[tuple[str, str, str]]) -> None:
        """A deadline extended or talks moved to a weekday set a day ahead, though the verb is past."""
        assert expected == found(text)


class TestPlannedDays:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Protesters planned a large march downtown on Saturday.", [("Saturday", "DATE", "2022-02-26")]),
            ("The planned strike began on Monday.", [("Monday", "DATE", "2022-02-21")]),
            ("A memorial planned at the hall for Saturday was canceled.", [("Saturday", "DATE", "2022-02-19")]),
            ("The attack began as previously planned Saturday night.", [("Saturday night", "TIME", "2022-02-19TNI")]),
        ],
    )
    def test_what_is_planned_lies_ahead(self, text: str, expected: list[tuple[str, str, str]]) -> None:
        """A weekday dating what someone planned is ahead; a plan as adjective or participle leaves the tense alone."""
        assert expected == found(text)
