"""Tests for newscorpus.extract.timex: TIMEX3 recognition and normalisation."""

from __future__ import annotations

import ast
import datetime as dt
import importlib
import itertools
import pathlib
import pkgutil
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import newscorpus.extract.timex as timex_module
from newscorpus.errors import OptionsError
from newscorpus.extract import TimexOptions, TimexVocabulary, extract_timexes
from newscorpus.extract.timex import grammar as timex_grammar
from newscorpus.extract.timex import matching as timex_matching
from newscorpus.extract.timex import tense as timex_tense
from newscorpus.extract.timex import vocabulary as timex_vocabulary
from newscorpus.testing._counting import growth
from newscorpus.types import Article, Sentence, TimeExpr, TimexType

SEEDS = pathlib.Path(__file__).resolve().parent.parent / "data" / "seeds"
ANCHOR = dt.date(2022, 2, 24)  # a Thursday
#: The package and every module in it: the work of all of them is counted.
TIMEX_MODULES = [
    timex_module,
    *(
        importlib.import_module(f"{timex_module.__name__}.{info.name}")
        for info in pkgutil.iter_modules(timex_module.__path__)
    ),
]

# Every value shape the extractor may produce, in TIMEX3 syntax.
_DATE = r"(?:\d{4}|XXXX)(?:-(?:\d\d|XX)(?:-(?:\d\d|XX))?|-(?:W(?:\d\d|XX))(?:-(?:[1-7]|WE))?|-Q[1-4X]|-H[12X]"
_DATE += r"|-(?:SP|SU|FA|WI)|-WXX-(?:[1-7]|WE))?"
_TIME = r"T(?:\d\d:\d\d|MO|MI|AF|EV|NI|DT)"
_DURATION = r"P(?:(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|Q|WE|DE|CE)){1,3}(?:T(?:(?:\d+(?:\.\d+)?|X)[HMS]){1,3})?"
_DURATION += r"|PT(?:(?:\d+(?:\.\d+)?|X)[HMS]){1,3}"
VALUE = re.compile(
    rf"(?:{_DATE})(?:{_TIME})?|\d{{2,3}}X?|X{{2,3}}|{_DURATION}|PRESENT_REF|PAST_REF|FUTURE_REF"
    r"|XXXX-XX-XX(?:" + _TIME + ")?"
)


def values(text: str, reference: dt.date | None = ANCHOR, **options: object) -> list[tuple[str, str]]:
    """Return (text, value) pairs found in *text*."""
    opts = TimexOptions(**options) if options else None  # type: ignore[arg-type]
    return [(t.text, t.value) for t in extract_timexes(text, reference=reference, options=opts)]


def single(text: str, reference: dt.date | None = ANCHOR) -> tuple[str, str, str]:
    """Return (text, type, value) of the only expression in *text*."""
    found = extract_timexes(text, reference=reference)
    assert 1 == len(found), found
    return found[0].text, found[0].type.value, found[0].value


class TestAbsoluteDates:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("It happened on Feb. 25.", ("Feb. 25", "DATE", "2022-02-25")),
            ("It happened on 25 February 2022.", ("25 February 2022", "DATE", "2022-02-25")),
            ("It happened on February 25, 2022.", ("February 25, 2022", "DATE", "2022-02-25")),
            ("It happened on 2/25/22.", ("2/25/22", "DATE", "2022-02-25")),
            ("It happened on 2022-02-25.", ("2022-02-25", "DATE", "2022-02-25")),
            ("Prices rose in the 1990s.", ("the 1990s", "DATE", "199")),
            ("Sales recovered in mid-2021.", ("mid-2021", "DATE", "2021")),
            ("Revenue in fiscal 2023 fell.", ("fiscal 2023", "DATE", "2023")),
            ("He was born in 1998.", ("1998", "DATE", "1998")),
            ("It was built in the 20th century.", ("the 20th century", "DATE", "19")),
            ("Sales fell in the third quarter.", ("the third quarter", "DATE", "2021-Q3")),
            ("First-quarter profit rose.", ("First-quarter", "DATE", "2022-Q1")),
            ("Profit doubled in H1 2021.", ("H1 2021", "DATE", "2021-H1")),
            ("They met last summer.", ("last summer", "DATE", "2021-SU")),
            ("They met in March 1996.", ("March 1996", "DATE", "1996-03")),
            ("It opened on Christmas Day 2020.", ("Christmas Day 2020", "DATE", "2020-12-25")),
        ],
    )
    def test_formats(self, text: str, expected: tuple[str, str, str]) -> None:
        """Common news date formats are found with the span TimeML annotators use and a TIMEX3 value."""
        assert expected == single(text)

    def test_month_without_year_follows_tense(self) -> None:
        """A month named without a year is the past one in a past clause and the next one in a future clause."""
        june = dt.date(2022, 6, 15)
        assert [("March", "2022-03")] == values("The plant closed in March.", june)
        assert [("March", "2023-03")] == values("The plant will close in March.", june)
        assert [("September", "2021-09")] == values("The plant closed in September.", june)

    def test_year_rollover(self) -> None:
        """A December date mentioned just after New Year is last year's; a January one before it is next year's."""
        assert [("Dec. 30", "2021-12-30")] == values("The talks began on Dec. 30.", dt.date(2022, 1, 2))
        assert [("Jan. 3", "2022-01-03")] == values("Talks resume on Jan. 3.", dt.date(2021, 12, 30))

    def test_weekday_with_date_picks_matching_year(self) -> None:
        """A weekday written next to a month and day chooses the year in which they agree."""
        assert [("Saturday, April 25", "1998-04-25")] == values("It ran on Saturday, April 25.", dt.date(1998, 4, 24))


class TestTimes:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("The vote is at 10:30 a.m.", ("10:30 a.m.", "TIME", "2022-02-24T10:30")),
            ("The vote is at noon.", ("noon", "TIME", "2022-02-24T12:00")),
            ("Doors close at midnight.", ("midnight", "TIME", "2022-02-24T24:00")),
            ("He spoke this morning.", ("this morning", "TIME", "2022-02-24TMO")),
            ("He will speak tonight.", ("tonight", "TIME", "2022-02-24TNI")),
            ("Shots were heard Wednesday morning.", ("Wednesday morning", "TIME", "2022-02-23TMO")),
            ("The deadline is 5 p.m. EST Friday.", ("5 p.m. EST Friday", "TIME", "2022-02-25T17:00")),
        ],
    )
    def test_times_of_day(self, text: str, expected: tuple[str, str, str]) -> None:
        """Clock times and parts of the day resolve to the anchor day or the day named with them."""
        assert expected == single(text)


class TestRelative:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("It rained yesterday.", ("yesterday", "DATE", "2022-02-23")),
            ("It rains today.", ("today", "DATE", "2022-02-24")),
            ("It will rain tomorrow.", ("tomorrow", "DATE", "2022-02-25")),
            ("They met last Monday.", ("last Monday", "DATE", "2022-02-21")),
            ("They meet next week.", ("next week", "DATE", "2022-W09")),
            ("They met this week.", ("this week", "DATE", "2022-W08")),
            ("They met last month.", ("last month", "DATE", "2022-01")),
            ("Sales rose this year.", ("this year", "DATE", "2022")),
            ("He left three days ago.", ("three days ago", "DATE", "2022-02-21")),
            ("He returned two weeks later.", ("two weeks", "DURATION", "P2W")),
            ("It was agreed earlier this month.", ("earlier this month", "DATE", "2022-02")),
            ("Prices are high now.", ("now", "DATE", "PRESENT_REF")),
            ("Prices are currently high.", ("currently", "DATE", "PRESENT_REF")),
            ("He recently left.", ("recently", "DATE", "PAST_REF")),
            ("He was formerly a judge.", ("formerly", "DATE", "PAST_REF")),
            ("We will see in the future.", ("the future", "DATE", "FUTURE_REF")),
            ("Prices fell in recent weeks.", ("recent weeks", "DURATION", "PXW")),
        ],
    )
    def test_relative_expressions(self, text: str, expected: tuple[str, str, str]) -> None:
        """Relative expressions resolve against the reference date."""
        assert expected == single(text)

    def test_bare_weekday_past_and_future(self) -> None:
        """A bare weekday is the last one in a past clause and the next one in a future clause."""
        assert [("Tuesday", "2022-02-22")] == values("The minister resigned on Tuesday.")
        assert [("Tuesday", "2022-03-01")] == values("The minister will resign on Tuesday.")

    def test_weekday_of_the_anchor_is_the_anchor(self) -> None:
        """A weekday equal to the anchor's weekday is the anchor itself unless the clause points elsewhere."""
        assert [("Thursday", "2022-02-24")] == values("Troops crossed the border on Thursday.")
        assert [("last Thursday", "2022-02-17")] == values("Troops crossed the border last Thursday.")

    def test_sentences_bound_the_clause(self) -> None:
        """Precomputed sentences bound the window the tense is read from."""
        text = "It will be hot Monday and it snowed"
        sentences = (Sentence(start=0, end=22, text=text[:22]), Sentence(start=23, end=len(text), text=text[23:]))
        without = extract_timexes(text, reference=ANCHOR)
        bounded = extract_timexes(text, reference=ANCHOR, sentences=sentences)
        assert "2022-02-28" == bounded[0].value
        assert without[0].start == bounded[0].start

    def test_no_anchor_keeps_unknown_parts(self) -> None:
        """Without a reference date the parts that depend on it stay X."""
        assert [("Thursday", "XXXX-WXX-4")] == values("He spoke on Thursday.", None)
        assert [("Feb. 25", "XXXX-02-25")] == values("He spoke on Feb. 25.", None)
        assert [("last week", "XXXX-WXX")] == values("He spoke last week.", None)
        assert [("yesterday", "XXXX-XX-XX")] == values("He spoke yesterday.", None)

    def test_resolve_false_keeps_unknown_parts(self) -> None:
        """With resolve=False the anchor is ignored and relative values stay X."""
        assert [("yesterday", "XXXX-XX-XX")] == values("He spoke yesterday.", ANCHOR, resolve=False)

    def test_bounds(self) -> None:
        """earliest and latest give the calendar days a value covers; reference records the anchor."""
        (found,) = extract_timexes("Sales fell last month.", reference=ANCHOR)
        assert (dt.date(2022, 1, 1), dt.date(2022, 1, 31), ANCHOR) == (found.earliest, found.latest, found.reference)
        (week,) = extract_timexes("It ended last week.", reference=ANCHOR)
        assert (dt.date(2022, 2, 14), dt.date(2022, 2, 20)) == (week.earliest, week.latest)


class TestDurations:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("He served for five years.", ("five years", "DURATION", "P5Y")),
            ("The strike lasted two days.", ("two days", "DURATION", "P2D")),
            ("It signed a three-month deal.", ("three-month", "DURATION", "P3M")),
            ("Polls stay open 24 hours.", ("24 hours", "DURATION", "PT24H")),
            ("It took a decade.", ("a decade", "DURATION", "P10Y")),
            ("It took several years.", ("several years", "DURATION", "PXY")),
            ("It took 2 1/2 years.", ("2 1/2 years", "DURATION", "P2Y6M")),
            ("Prices rose over the past three years.", ("the past three years", "DURATION", "P3Y")),
            ("It lasted more than four hours.", ("more than four hours", "DURATION", "PT4H")),
        ],
    )
    def test_durations(self, text: str, expected: tuple[str, str, str]) -> None:
        """Durations give ISO 8601 period values; 'for' stays out of the span, 'the past' stays in."""
        assert expected == single(text)

    def test_modifier_of_duration(self) -> None:
        """Quantity modifiers give the TIMEX3 mod."""
        (found,) = extract_timexes("It lasted more than four hours.", reference=ANCHOR)
        assert "MORE_THAN" == found.mod


class TestSets:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("They meet every Friday.", ("every Friday", "SET", "XXXX-WXX-5")),
            ("It is paid annually.", ("annually", "SET", "P1Y")),
            ("It is paid each year.", ("each year", "SET", "P1Y")),
            ("It is published weekly.", ("weekly", "SET", "P1W")),
            ("They meet every other week.", ("every other week", "SET", "P2W")),
            ("They meet twice a year.", ("twice a year", "SET", "P1Y")),
        ],
    )
    def test_sets(self, text: str, expected: tuple[str, str, str]) -> None:
        """Recurring times are SETs."""
        assert expected == single(text)


class TestModifiers:
    @pytest.mark.parametrize(
        ("text", "span", "value", "mod"),
        [
            ("Growth returns early next year.", "early next year", "2023", "EARLY"),
            ("Troops leave by the end of the month.", "the end of the month", "2022-02", "END"),
            ("The plant will open in late November.", "late November", "2022-11", "LATE"),
            ("It was built in the mid-1990s.", "the mid-1990s", "199", "MID"),
            ("It began around 7:15 p.m.", "around 7:15 p.m.", "2022-02-24T19:15", "APPROX"),
        ],
    )
    def test_modifiers_stay_in_span(self, text: str, span: str, value: str, mod: str) -> None:
        """Modifiers are kept in the span, as TimeML annotators do, and give the TIMEX3 mod."""
        (found,) = extract_timexes(text, reference=ANCHOR)
        assert (span, value, mod) == (found.text, found.value, found.mod)


class TestNegatives:
    @pytest.mark.parametrize(
        "text",
        [
            "Officials may resign.",
            "Protesters march on parliament.",
            "He came a second time.",
            "Profits jumped 76% to $1.13bn (£600m).",
            "It costs $1.2 billion.",
            "About 2,000 people attended.",
            "The 747 landed safely.",
            "Call 555-1234 for details.",
            "The home side won 3-2.",
            "See page 12.",
            "Do you agree? I sat in the sun on wed.",
            "Jan Smith and Theresa May's team spoke.",
            "The quarterly dividend was cut.",
            "Flight 1870 was delayed.",
        ],
    )
    def test_not_time_expressions(self, text: str) -> None:
        """Modals, verbs, ordinals, money, counts, scores, numbers and names are not dates."""
        assert [] == values(text)


class TestSeeds:
    @staticmethod
    def article(prefix: str, date: dt.date | None) -> Article:
        (path,) = SEEDS.glob(f"{prefix}_*.txt")
        return Article(id=path.stem, raw=path.read_text(encoding="utf-8"), date=date)

    @pytest.mark.parametrize("prefix", ["000", "001"])
    def test_thursday_before_friday_publication(self, prefix: str) -> None:
        """In the articles of Friday 2022-02-25, 'on Thursday' is 2022-02-24."""
        article = self.article(prefix, dt.date(2022, 2, 25))
        found = [t for t in extract_timexes(article) if t.text == "Thursday"]
        assert found
        assert {"2022-02-24"} == {t.value for t in found}

    def test_monday_article(self) -> None:
        """In the article of Monday 2022-02-28, "Monday's talks" is that day and 'on Sunday' the day before."""
        article = self.article("003", dt.date(2022, 2, 28))
        found = {(t.text, t.value) for t in extract_timexes(article)}
        assert ("Monday", "2022-02-28") in found
        assert ("Sunday", "2022-02-27") in found

    def test_undated_article(self) -> None:
        """In the article without a date, 'on Thursday' stays XXXX-WXX-4."""
        article = self.article("002", None)
        found = [t for t in extract_timexes(article) if t.text == "Thursday"]
        assert found
        assert {"XXXX-WXX-4"} == {t.value for t in found}

    @pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
    def test_offsets_and_values(self, prefix: str) -> None:
        """Every span of a seed slices back, spans do not overlap and every value is TIMEX3."""
        article = self.article(prefix, dt.date(2022, 2, 25))
        found = extract_timexes(article)
        assert all(article.text[t.start : t.end] == t.text for t in found)
        assert all(a.end <= b.start for a, b in itertools.pairwise(found))
        assert all(VALUE.fullmatch(t.value) for t in found), [t.value for t in found]


class TestOptions:
    def test_include_types(self) -> None:
        """include_types filters the result."""
        text = "He left three days ago and stayed for two days."
        assert [("two days", "P2D")] == values(text, include_types=frozenset({TimexType.DURATION}))

    def test_references_off(self) -> None:
        """references=False drops PRESENT_REF, PAST_REF and FUTURE_REF."""
        assert [] == values("Prices are high now.", references=False)

    @pytest.mark.parametrize(
        "kwargs",
        [{"include_types": frozenset()}, {"include_types": frozenset({"DATE"})}, {"default_tense": "soon"}],
    )
    def test_invalid_options(self, kwargs: dict[str, object]) -> None:
        """Invalid option values raise OptionsError."""
        with pytest.raises(OptionsError):
            TimexOptions(**kwargs)  # type: ignore[arg-type]

    def test_invalid_arguments(self) -> None:
        """A source that is not an Article or str, or a bad reference, raises OptionsError."""
        with pytest.raises(OptionsError):
            extract_timexes(42)  # type: ignore[arg-type]
        with pytest.raises(OptionsError):
            extract_timexes("today", reference="2022-02-24")  # type: ignore[arg-type]
        with pytest.raises(OptionsError):
            extract_timexes("today", options={"resolve": False})  # type: ignore[arg-type]

    def test_reference_overrides_article_date(self) -> None:
        """reference= takes precedence over Article.date."""
        article = Article(raw="It rained yesterday.", date=dt.date(2020, 1, 1))
        assert "2022-02-23" == extract_timexes(article, reference=ANCHOR)[0].value

    def test_extra_holiday(self) -> None:
        """The vocabulary can be extended with a holiday, given as (month, day)."""
        vocabulary = TimexVocabulary.default().extend(holidays={"Independence Day": (7, 4)})
        options = TimexOptions(vocabulary=vocabulary)
        found = extract_timexes("Fireworks lit up last Independence Day.", reference=ANCHOR, options=options)
        assert [("last Independence Day", "2021-07-04")] == [(t.text, t.value) for t in found]

    def test_bad_vocabulary_entry(self) -> None:
        """A malformed vocabulary entry raises OptionsError."""
        with pytest.raises(OptionsError):
            TimexVocabulary.default().extend(references={"lately": "SOON_REF"})
        with pytest.raises(OptionsError):
            TimexVocabulary.default().extend(holidays={"Odd Day": (13, 40)})


class TestTense:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("They meet Monday.", [("Monday", "2022-02-28")]),
            ("The summit is on Tuesday.", [("Tuesday", "2022-03-01")]),
            ("He arrives Saturday for talks.", [("Saturday", "2022-02-26")]),
            ("The new rules take effect Friday.", [("Friday", "2022-02-25")]),
            ("They'll meet on Tuesday.", [("Tuesday", "2022-03-01")]),
            ("They didn't meet on Tuesday.", [("Tuesday", "2022-02-22")]),
        ],
    )
    def test_present_and_future_weekdays(self, text: str, expected: list[tuple[str, str]]) -> None:
        """A weekday with a verb of a scheduled event in the present, "is on" or "'ll" is the next such day."""
        assert expected == values(text)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("The firm said Tuesday that it would cut jobs.", [("Tuesday", "2022-02-22")]),
            ("He said on Wednesday that talks will resume.", [("Wednesday", "2022-02-23")]),
        ],
    )
    def test_reporting_verb_dates_the_report(self, text: str, expected: list[tuple[str, str]]) -> None:
        """A reporting verb next to a weekday keeps the default reading: the day of the report, in the past."""
        assert expected == values(text)

    def test_passive_participle_is_not_past(self) -> None:
        """A participle after "be" (will be paid) gives no tense; the modal before it decides."""
        assert [("Dec. 14", "2022-12-14")] == values("She will be paid on Dec. 14.")
        assert [("Dec. 14", "2021-12-14")] == values("She was paid on Dec. 14.")

    def test_since_is_a_strict_past(self) -> None:
        """A month after "since" is the last one before the reference date, however close the next one is."""
        assert [("March", "2021-03")] == values("It has been on patrol since March.")
        assert [("Oct. 23", "2021-10-23")] == values("They searched for him since shortly after the Oct. 23 attack.")

    def test_until_follows_the_clause(self) -> None:
        """ "until" points ahead unless the verb it depends on is in the past."""
        assert [("Tuesday", "2022-03-01")] == values("The office stays shut until Tuesday.")
        assert [("Tuesday", "2022-02-22")] == values("Until Tuesday, they had not spoken.")

    def test_had_been_due_is_past(self) -> None:
        """A future cue after "had" (had been due to, had been scheduled to) is past."""
        assert [("Friday", "2022-02-18")] == values("The offer had been due to expire Friday, but it was extended.")

    def test_effective_points_ahead(self) -> None:
        """A date after "effective", "payable" or "due" is the next one, whatever the tense of the clause."""
        june = dt.date(2022, 6, 15)
        assert [("March 1", "2023-03-01")] == values("The board approved a new chairman, effective March 1.", june)
        assert [("Jan. 5", "2023-01-05")] == values("The board declared a dividend, payable Jan. 5.", june)

    def test_adjectives_in_ed_are_not_verbs(self) -> None:
        """Capitalised names (United States) and adjectives after "a", "very" are not past-tense verbs."""
        text = "The father would be traveling to the United States Thursday."
        assert [("Thursday", "2022-02-24")] == values(text)
        text = "It would be paid on a still unspecified date in March."
        assert [("March", "2022-03")] == values(text, dt.date(2022, 1, 10))

    def test_distant_cue_does_not_push_a_date_a_year_away(self) -> None:
        """A past verb far from a month and day does not move it almost a year back when it is weeks ahead."""
        text = "The committee subpoenaed the boy and his great-uncle, on behalf of the family, to testify on Feb. 10."
        assert [("Feb. 10", "2022-02-10")] == values(text, dt.date(2022, 1, 7))

    def test_present_cue_in_vocabulary(self) -> None:
        """A user can teach a verb of scheduled events in the present; an unknown tense is refused."""
        vocabulary = TimexVocabulary.default().extend(tense_cues={"premieres": "present"})
        options = TimexOptions(vocabulary=vocabulary)
        found = extract_timexes("The film premieres Friday.", reference=ANCHOR, options=options)
        assert [("Friday", "2022-02-25")] == [(t.text, t.value) for t in found]
        assert [("Friday", "2022-02-18")] == values("The film premieres Friday.")
        with pytest.raises(OptionsError):
            TimexVocabulary.default().extend(tense_cues={"premieres": "soon"})

    def test_deadline_depends_on_the_verb_before_it(self) -> None:
        """ "by <month>" follows the verb it depends on, not a past verb after the comma."""
        text = "The talks are supposed to conclude by May, officials said last week."
        assert "2022-05" == dict(values(text, dt.date(2022, 3, 22)))["May"]


class TestNewExpressions:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("The hearing is set for the week of March 6.", ("the week of March 6", "DATE", "2022-W09")),
            ("It happened the day after Christmas.", ("the day after Christmas", "DATE", "2021-12-26")),
            ("It happened the week before Easter.", ("the week before Easter", "DATE", "2021-W12")),
            ("They meet on the first Tuesday of March.", ("the first Tuesday of March", "DATE", "2022-03-01")),
            (
                "The vote is on the third Thursday in May 2023.",
                ("the third Thursday in May 2023", "DATE", "2023-05-18"),
            ),
            ("It closed on the last Friday of June 2021.", ("the last Friday of June 2021", "DATE", "2021-06-25")),
            ("Prices are higher than at this time last year.", ("this time last year", "DATE", "2021-02")),
            ("He arrived on March eighth.", ("March eighth", "DATE", "2022-03-08")),
            ("He arrived later in the day.", ("the day", "DATE", "2022-02-24")),
            ("Dealers placed orders in the morning.", ("the morning", "TIME", "2022-02-24TMO")),
            ("Talks will continue soon.", ("soon", "DATE", "FUTURE_REF")),
            ("He complained about daily life.", ("daily", "SET", "P1D")),
            ("The gunman struck last fall in Ohio.", ("last fall", "DATE", "2021-FA")),
            (
                "Profit in the second quarter of fiscal 2022 rose.",
                ("the second quarter of fiscal 2022", "DATE", "2022-Q2"),
            ),
            ("Revenue in FY2021 rose.", ("FY2021", "DATE", "2021")),
        ],
    )
    def test_expressions(self, text: str, expected: tuple[str, str, str]) -> None:
        """Common news phrasings get one expression with its TIMEX3 value."""
        assert expected == single(text)

    def test_second_day_of_a_range(self) -> None:
        """ "April 24 and 25" and "April 24-28, 2023" give the second day its own value."""
        assert [("April 24", "2022-04-24"), ("25", "2022-04-25")] == values("The summit is on April 24 and 25.")
        text = "The festival runs April 24-28, 2023."
        assert [("April 24", "2023-04-24"), ("28, 2023", "2023-04-28")] == values(text)
        assert [("April 24", "2021-04-24")] == values("On April 24 and 25 people died.")

    def test_weekday_and_date_in_apposition(self) -> None:
        """A weekday followed by the date it falls on, after a comma, is one expression."""
        assert [("last Friday, Feb. 18", "2022-02-18")] == values("He arrived last Friday, Feb. 18, for talks.")

    def test_clock_time_after_a_day(self) -> None:
        """A clock time just after a day (Sunday evening at 8 pm) falls on that day."""
        expected = [("Sunday evening", "2022-02-20TEV"), ("8 pm", "2022-02-20T20:00")]
        assert expected == values("He returned home on Sunday evening at 8 pm.")

    def test_part_of_day_needs_a_preposition(self) -> None:
        """A bare part of the day is only an expression after a preposition and not before a noun."""
        assert [] == values("The morning newspaper came. He works in the evening shift. Good morning.")
        assert [("mid-afternoon", "2022-02-24TAF")] == values("By mid-afternoon, prices fell.")

    @pytest.mark.parametrize("text", ["Call as soon as you can.", "It ended too soon.", "The quarterly dividend rose."])
    def test_not_expressions(self, text: str) -> None:
        """ "as soon as", "too soon" and a quarterly reporting period are not time expressions."""
        assert [] == values(text)


class TestSpans:
    @pytest.mark.parametrize(
        ("text", "span"),
        [
            ("The project will be completed within a year.", "a year"),
            ("Prices rose over three years.", "three years"),
            ("Shares fell after its third-quarter loss.", "third-quarter"),
            ("The third-quarter loss widened.", "third-quarter"),
            ("It reported a loss for its fourth quarter.", "fourth quarter"),
            ("The year-ago results were restated.", "year-ago"),
            ("Sales rose in the third quarter.", "the third quarter"),
        ],
    )
    def test_extent(self, text: str, span: str) -> None:
        """Signals (within, over), possessives and the article of a modifier stay out of the span, as TimeML has it."""
        (found,) = extract_timexes(text, reference=ANCHOR)
        assert span == found.text


def _rule_of(pattern: re.Pattern[str], index: int | None) -> str:
    """Return the name of the group numbered *index* in *pattern* (the rule's group: it closes last)."""
    return next(name for name, number in pattern.groupindex.items() if number == index)


class TestDispatch:
    @settings(max_examples=150, deadline=None)
    @given(
        words=st.lists(
            st.sampled_from(
                [
                    "the",
                    "last",
                    "next",
                    "past",
                    "early",
                    "mid-",
                    "late",
                    "about",
                    "over",
                    "within",
                    "1999",
                    "2022",
                    "May",
                    "March",
                    "Monday",
                    "Feb.",
                    "25",
                    "'90s",
                    "10:30",
                    "a.m.",
                    "ago",
                    "years",
                    "days",
                    "week",
                    "quarter",
                    "third-quarter",
                    "fiscal",
                    "every",
                    "of",
                    "in",
                    "year-ago",
                    "year-end",
                    "end",
                    "this",
                    "time",
                    "first",
                    "half",
                    "two",
                    "a",
                    "few",
                    "daily",
                    "Q3",
                    "FY21",
                    "noon",
                    "now",
                ]
            ),
            max_size=14,
        )
    )
    @example(words=["last", "week", "about", "two", "years", "ago"])
    @example(words=["the", "past", "two", "years", "Feb.", "25", "2022"])
    @example(words=["early", "March", "10:30", "a.m.", "the", "'90s", "year-end"])
    @example(words=["its", "third-quarter", "Q3", "FY21", "mid-", "1999", "every", "Monday"])
    def test_rules_at_a_position_match_all_rules(self, words: list[str]) -> None:
        """The rules chosen for a position give the match the pattern of all the rules gives there."""
        grammar = timex_grammar._grammar(TimexVocabulary.default())
        everything = timex_matching._compile_rules(grammar, (1 << len(grammar.bodies)) - 1)
        assert everything is not None
        text = timex_vocabulary._lower(" ".join(words))
        for start in range(len(text)):
            if start and (text[start - 1].isalnum() or text[start - 1] == "'"):
                continue
            if not (text[start].isalnum() or text[start] == "'"):
                continue
            full = everything.pattern.match(text, start)
            part = None
            for chosen in timex_matching._rules_at(grammar, text, start):
                part = chosen.pattern.match(text, start)
                if part is not None:
                    break
            assert (full is None) == (part is None), (text, start)
            if full is not None and part is not None:
                assert full.span() == part.span()
                assert _rule_of(everything.pattern, full.lastindex) == _rule_of(chosen.pattern, part.lastindex)

    def test_first_tokens_of_unreadable_pattern(self) -> None:
        """A pattern the analysis cannot read accepts any first token, so no rule is ever left out."""
        assert timex_grammar._first_tokens("(unclosed").anything
        assert timex_grammar._first_tokens(r"\w{2}x").anything
        found = timex_grammar._first_tokens(r"(?:next|last) week\b")
        assert ({"next", "last"}, False) == (found.exact, found.anything)

    def test_unicode_text(self) -> None:
        """Letters outside Latin-1 and characters that change length when lower-cased keep offsets right."""
        text = "İstanbul talks ended on Thursday; ΣΥΝΟΔΟΣ next week, 2022 K\u212a."
        found = extract_timexes(text, reference=ANCHOR)
        assert [("Thursday", "2022-02-24"), ("next week", "2022-W09"), ("2022", "2022")] == [
            (t.text, t.value) for t in found
        ]


class TestExports:
    def test_all(self) -> None:
        """__all__ lists exactly the public names of the module, sorted."""
        public = sorted(
            name
            for name, value in vars(timex_module).items()
            if not name.startswith("_") and getattr(value, "__module__", "").startswith(timex_module.__name__)
        )
        assert sorted(timex_module.__all__) == timex_module.__all__
        assert public == sorted(set(timex_module.__all__) - {"TimexVocabulary"})


def _last_weekday(anchor: dt.date, weekday: int) -> dt.date:
    back = (anchor.isoweekday() - weekday) % 7 or 7
    return anchor - dt.timedelta(days=back)


_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
anchors = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))


class TestProperties:
    @settings(max_examples=200, deadline=None)
    @given(anchor=anchors)
    @example(anchor=dt.date(2021, 12, 28))
    @example(anchor=dt.date(2021, 12, 31))
    @example(anchor=dt.date(2022, 1, 1))
    @example(anchor=dt.date(2022, 1, 3))
    @example(anchor=dt.date(2020, 2, 29))
    @example(anchor=dt.date(2021, 3, 1))
    @example(anchor=dt.date(2020, 12, 31))
    @example(anchor=dt.date(2026, 12, 31))
    def test_calendar_arithmetic(self, anchor: dt.date) -> None:
        """yesterday, last <weekday>, next week and N days ago land on the calendar-correct day."""
        assert [("yesterday", (anchor - dt.timedelta(days=1)).isoformat())] == values("He left yesterday.", anchor)
        for number, name in enumerate(_NAMES, start=1):
            expected = _last_weekday(anchor, number).isoformat()
            assert [(f"last {name}", expected)] == values(f"He left last {name}.", anchor)
        year, week, _ = (anchor + dt.timedelta(days=7)).isocalendar()
        assert [("next week", f"{year}-W{week:02d}")] == values("He returns next week.", anchor)

    @settings(max_examples=100, deadline=None)
    @given(anchor=anchors, days=st.integers(min_value=1, max_value=400))
    def test_days_ago(self, anchor: dt.date, days: int) -> None:
        """N days ago is the anchor minus N days."""
        expected = (anchor - dt.timedelta(days=days)).isoformat()
        assert [(f"{days} days ago", expected)] == values(f"It opened {days} days ago.", anchor)

    @settings(max_examples=300, deadline=None)
    @given(text=st.text(max_size=300), anchor=st.one_of(st.none(), st.dates()))
    @example(text="0000-01-01 9999-12-31 Feb. 29 Dec. 31", anchor=dt.date.max)
    @example(text="last week yesterday next year 1/1/00", anchor=dt.date.min)
    def test_never_crashes_and_offsets_slice(self, text: str, anchor: dt.date | None) -> None:
        """Any text gives sorted, non-overlapping spans that slice back and valid TIMEX3 values."""
        found = extract_timexes(text, reference=anchor)
        assert all(text[t.start : t.end] == t.text for t in found)
        assert all(a.end <= b.start for a, b in itertools.pairwise(found))
        assert all(VALUE.fullmatch(t.value) for t in found), [t.value for t in found]

    @settings(max_examples=100, deadline=None)
    @given(
        words=st.lists(
            st.sampled_from(
                [
                    "the",
                    "last",
                    "next",
                    "past",
                    "early",
                    "mid-",
                    "late",
                    "1999",
                    "2022",
                    "May",
                    "March",
                    "Monday",
                    "Feb.",
                    "25",
                    ",",
                    "10:30",
                    "a.m.",
                    "ago",
                    "years",
                    "days",
                    "week",
                    "quarter",
                    "third",
                    "fiscal",
                    "every",
                    "Dec.",
                    "31",
                    "year-end",
                    "end",
                    "of",
                    "tonight",
                    "now",
                    "three",
                    "weeks",
                    "said",
                    "will",
                ]
            ),
            max_size=12,
        ),
        anchor=anchors,
    )
    def test_values_are_timex3(self, words: list[str], anchor: dt.date) -> None:
        """Dense temporal word salad still yields valid TIMEX3 values."""
        found = extract_timexes(" ".join(words), reference=anchor)
        assert all(VALUE.fullmatch(t.value) for t in found), [t.value for t in found]


class TestWallClock:
    def test_module_never_reads_the_clock(self) -> None:
        """The extractor never calls today(), now() or time functions: results depend on the anchor only."""
        called = {
            node.func.attr
            for module in TIMEX_MODULES
            for node in ast.walk(ast.parse(pathlib.Path(module.__file__ or "").read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        }
        assert not called & {"today", "now", "utcnow", "time", "localtime", "gmtime", "monotonic"}

    def test_no_anchor_gives_unknown_values(self) -> None:
        """With no anchor every relative expression keeps X in place of the date."""
        text = "Yesterday, last week, next month, this year, on Friday and two days ago."
        found = extract_timexes(text)
        assert found
        assert all("X" in t.value for t in found)


class TestHostileInput:
    @pytest.mark.parametrize(
        "unit",
        [
            "1/",
            "May ",
            "January 1, ",
            "9",
            "the past three ",
            "Monday Tuesday ",
            "12:00 a.m. ",
            "x" * 50,
            "April 24 and ",
            "the week of March ",
            "the first Tuesday of ",
            "the day before ",
            "Earlier in the ",
            "since shortly after ",
            "Sunday, March eighth, ",
            "its third-quarter ",
        ],
    )
    def test_linear_work(self, unit: str) -> None:
        """Ten times the repetitive hostile input takes at most about ten times the work (counted, not timed)."""
        small, large = (repeated(unit, size) for size in (8_000, 80_000))
        assert growth(find_anchored, TIMEX_MODULES, small, large) <= 12.0
        found = find_anchored(large)
        assert all(large[t.start : t.end] == t.text for t in found)

    def test_mixed_hostile_input(self) -> None:
        """Mixed hostile input takes work in proportion to its size."""
        piece = "1/1/1/1/ 99999 May may 2/2/22 --:-- 10:10:10 the the the 1990s'80s " + "9" * 40 + " "
        small, large = (repeated(piece, size) for size in (10_000, 100_000))
        assert growth(find_anchored, TIMEX_MODULES, small, large) <= 12.0


def repeated(unit: str, size: int) -> str:
    """Return *unit* repeated to *size* characters."""
    return (unit * (size // len(unit) + 1))[:size]


def find_anchored(text: str) -> tuple[TimeExpr, ...]:
    """The time expressions of *text*, anchored on ``ANCHOR``."""
    return extract_timexes(text, reference=ANCHOR)


CUE_WORDS = ["will", "said", "was", "is expected to", "had", "'ll", "wanted", "proceeded", "the", "May", "meets"]


class TestCueIndex:
    @given(
        words=st.lists(st.sampled_from([*CUE_WORDS, " ", ".", "x" * 30]), max_size=80),
        window=st.tuples(st.integers(0, 2000), st.integers(0, 500)),
    )
    @settings(deadline=None)
    def test_window_as_scanned_alone(self, words: list[str], window: tuple[int, int]) -> None:
        """The cues of a window read from the index of the whole text are those a scan of the window finds."""
        lowered = timex_vocabulary._lower(" ".join(words))
        grammar = timex_grammar._grammar(TimexVocabulary.default())
        left = min(window[0], len(lowered))
        right = min(left + window[1], len(lowered))
        index = timex_tense._CueIndex(grammar, lowered)
        expected = [cue.span() for cue in grammar.tense_pattern.finditer(lowered, left, right)]
        assert expected == [cue.span() for cue in index.between(left, right)]

    def test_sentences_out_of_order(self) -> None:
        """Sentences given out of order bound the clause as well as sorted ones."""
        text = "They met on Monday. They will meet again on Friday."
        parts = (Sentence(start=0, end=19, text=text[:19]), Sentence(start=20, end=len(text), text=text[20:]))
        sorted_found = extract_timexes(text, reference=ANCHOR, sentences=parts)
        assert sorted_found == extract_timexes(text, reference=ANCHOR, sentences=parts[::-1])
