"""Tests for newscorpus.clean: the text-level boilerplate cleaner."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import re
import string
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import newscorpus.text
from newscorpus import _clean_lexicon as lexicon
from newscorpus.clean import CleanOptions, RuleFamily, clean, rule_families
from newscorpus.errors import OptionsError, SpanError
from newscorpus.testing._counting import growth
from newscorpus.testing.strategies import news_text
from newscorpus.types import Article, Segment

SEEDS = Path(__file__).parent / "data" / "seeds"


def seed(prefix: str) -> Article:
    """Return the seed article whose file name starts with *prefix*."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return Article(raw=path.read_text(encoding="utf-8"))


def check_alignment(article: Article) -> None:
    """Assert that the text is made of stretches of raw and that the removals slice raw."""
    for index, char in enumerate(article.text):
        assert article.raw[article.to_raw(index)] == char
    for removal in article.removals:
        assert article.raw[removal.start : removal.end] == removal.text
    kept = sum(segment.length for segment in article.segments or ())
    if article.segments is not None:
        assert len(article.text) == kept
        assert len(article.raw) == kept + sum(len(removal) for removal in article.removals)


def check_tidy(text: str) -> None:
    """Assert that the text has no leading or trailing white space and no runs of blank lines."""
    assert text == text.strip()
    assert "\n\n\n" not in text


def assert_kept(text: str, sentences: list[str]) -> None:
    """Assert every sentence is in *text* verbatim."""
    missing = [sentence for sentence in sentences if sentence not in text]
    assert [] == missing


def assert_gone(text: str, junk: list[str]) -> None:
    """Assert no junk string is in *text*."""
    present = [piece for piece in junk if piece in text]
    assert [] == present


# A page of my own making: menu, headline, byline, date, dateline, body, captions, promotions, tails.
PAGE_BODY = [
    "PORTVILLE (AP) — The harbour bridge reopened to traffic on Tuesday after eight months of repairs, the city said.",
    "Engineers replaced the deck and two of the cables, and the work finished three weeks ahead of the schedule "
    "agreed with the council.",
    "Drivers had used a ferry and a long detour through the hills while the bridge was closed, which added about "
    "forty minutes to each trip.",
    "“We are glad to have our bridge back, and we thank everyone for their patience,” the mayor told reporters at "
    "the opening.",
]
PAGE = "\n\n".join(
    [
        "Skip to main content",
        "Home\nWorld\nBusiness\nSport\nSearch",
        "Harbour bridge reopens after repairs",
        "By Maria Lopez and Tom Hale",
        "Published 10:15 AM EST March 3, 2021",
        "The old harbour bridge, seen from the north bank.",
        "Jane Smith/Reuters",
        PAGE_BODY[0],
        PAGE_BODY[1] + "Also Read - City Council Approves New Budget For Roads",
        PAGE_BODY[2],
        "READ MORE: Ferry Operator Plans New Routes For Summer",
        PAGE_BODY[3],
        "Share this article",
        "Most read",
        "Storm closes schools across the region",
        "Local team wins the regional cup",
        "Sign up for our newsletter to get the latest stories in your inbox.",
        "© 2021 Portville Daily. All rights reserved.",
    ]
)
PAGE_JUNK = [
    "Skip to main content",
    "Home",
    "Harbour bridge reopens",
    "Maria Lopez",
    "Published",
    "seen from the north bank",
    "Reuters",
    "Also Read",
    "City Council Approves",
    "READ MORE",
    "Ferry Operator",
    "Share this",
    "Most read",
    "Storm closes schools",
    "Local team wins",
    "newsletter",
    "All rights reserved",
]


class TestExports:
    def test_all(self) -> None:
        """The module's __all__ lists exactly its public names, sorted."""
        module = sys.modules["newscorpus.clean"]  # the package's ``clean`` is the function
        public = sorted(
            name
            for name, value in vars(module).items()
            if (not name.startswith("_") and getattr(value, "__module__", None) == "newscorpus.clean")
            or name == "UserRule"
        )
        assert sorted(module.__all__) == module.__all__
        assert public == module.__all__


class TestRuleFamilies:
    def test_names(self) -> None:
        """The built-in family names are pinned."""
        expected = [
            "navigation",
            "tail",
            "teaser",
            "promo",
            "social",
            "caption",
            "prompt",
            "footer",
            "duplicate",
            "metadata.title",
            "metadata.date",
            "metadata.byline",
            "reading-time",
            "whitespace",
        ]
        assert expected == [family.name for family in rule_families()]

    def test_options_exist(self) -> None:
        """Every family's switch is a CleanOptions field."""
        fields = {field.name for field in attrs.fields(CleanOptions)}
        assert all(family.option is None or family.option in fields for family in rule_families())
        assert all(isinstance(family, RuleFamily) for family in rule_families())

    def test_removals_use_family_names(self) -> None:
        """Every removal is recorded under the name of a built-in family."""
        names = {family.name for family in rule_families()}
        for prefix in ("000", "001", "002", "003"):
            assert {removal.rule for removal in clean(seed(prefix)).removals} <= names
        assert {removal.rule for removal in clean(Article(raw=PAGE)).removals} <= names


class TestSeedDatePrefix:
    def test_seed_000(self) -> None:
        """Seed 000: the ' date ' prefix goes into the date field; tweets go; the body stays whole."""
        article = clean(seed("000"))
        assert dt.date(2022, 2, 25) == article.date
        assert article.text.startswith("In a massive development, Kremlin has announced")
        assert_kept(
            article.text,
            [
                "In a massive development, Kremlin has announced that Russian President Vladimir Putin is ready to "
                "send a delegation to hold talks with Kyiv.",
                "This development comes shortly after the Russian President rejected Ukraine President Volodymyr "
                "Zelenskyy's offer for talks, demanding that Kyiv 'surrender' first.",
                'He is well aware of the facts involving Ukraine, and should not pass on the blame at Russia," '
                "Lavrov said.",
                "Russia closes in on Kyiv",
                "In swift-paced developments, Russian troops captured Vorzel village which is just 8 kilometres "
                "away from the Ukrainian capital on Thursday.",
                "Meanwhile, Ukrainian President Volodymyr Zelenskyy has been taken to a bunker as Russian troops "
                "close in on the capital, reports have claimed.",
                "The Russian Navy is attacking from the shores of Mariupol and Odessa and troops have taken over "
                "Chernobyl nuclear plant, heading towards Kyiv.",
            ],
        )
        assert_gone(
            article.text,
            ["date 2022", "#LIVE", "#BREAKING", "t.co/", "pic.twitter.com", "(@mfa_russia)", "(@republic)", "Watch"],
        )
        assert {"metadata.date", "social"} <= {removal.rule for removal in article.removals}

    def test_seed_001(self) -> None:
        """Seed 001: glued 'Also Read -' promotions go, the sentence before each stays whole, the kicker goes."""
        article = clean(seed("001"))
        assert dt.date(2022, 2, 25) == article.date
        # The section label glued to the first sentence is a kicker.
        assert article.text.startswith("Russian President Vladimir Putin on Friday")
        assert "Russia-Ukraine War Latest News:" in [r.text.strip() for r in article.removals if r.rule == "navigation"]
        assert_kept(
            article.text,
            [
                "Calling the Ukrainian authorities ‘gang of drug addicts and neo-Nazis’, Putin said he is fighting "
                "‘terrorists’ and ‘neo-Nazis’ in Ukraine.\n",
                "“Russia has not suffered so many casualties during the fighting in any of its armed conflicts "
                "since its inception,” the ministry said.\n",
                "My family is also in Ukraine,” he said.\n",
                "Lavrov made the remarks following talks with Deputy Foreign Minister of the Donetsk People’s "
                "Republic (DPR) Sergey Peresada",
                "He said the Russian military operation aims to ensure a demilitarisation of Ukraine. Putin also "
                "urged Ukrainian servicemen to immediately put down arms and go home.",
            ],
        )
        assert_gone(article.text, ["Also Read", "Europe Has Enough Strength", "Partial Restriction", "Key Points"])
        promos = [removal.text.strip() for removal in article.removals if removal.rule == "promo"]
        assert 3 == len(promos)
        assert all(promo.startswith("Also Read - ") for promo in promos)


class TestSeedSingleLines:
    def test_title_and_caption(self) -> None:
        """Seed 002: the first line is the title; the '| Photo:' caption goes."""
        article = clean(seed("002"))
        expected = "Russia-Ukraine War: Ready for Ukraine dialogue if 'all Russian demands' met, says Vladimir Putin"
        assert expected == article.title
        assert None is article.date
        assert_gone(article.text, [expected, "Photo: Twitter Image", "Russian President Vladimir Putin |"])

    def test_body_and_tail(self) -> None:
        """Seed 002: the body stays line by line; the repeated lede, the credit and the tail go."""
        article = clean(seed("002"))
        assert_kept(
            article.text,
            [
                "Russian President Vladimir Putin today held a telephonic conversation with German Chancellor Olaf "
                "Scholz during which he denied that Russian troops were bombing Ukrainian cities, dismissing such "
                "information as fake, the Kremlin has said.\n",
                'According to the AFP news agency, Putin dismissed such information as "enormously falsified '
                'propaganda".\n',
                "Meanwhile, Ukraine is planning to hold the third round of talks with Russian officials",
                '"The third leg could take place tomorrow or the day after, we are in constant contact," The Times '
                "of Israel quoted Ukrainian presidential advisor Mykhailo Podolyak.",
            ],
        )
        lede = (
            "During the second round of talks in Belarus on Thursday, Russia and Ukraine agreed to organize "
            "humanitarian corridors to evacuate civilians."
        )
        assert 1 == article.text.count(lede)
        assert_gone(article.text, ["(with agency inputs)", "RECENT STORIES", "BAFTA", "Madhubala", "Splitsvilla"])
        assert "duplicate" in {removal.rule for removal in article.removals}


class TestSeedTeaser:
    def test_metadata(self) -> None:
        """Seed 003: the date line, the title and the outlet of the teaser are lifted."""
        article = clean(seed("003"))
        assert dt.date(2022, 2, 28) == article.date
        assert "No headway in Russia-Ukraine truce talks" == article.title
        assert "Asian Lite News" == article.outlet
        assert_gone(article.text, ["February 28, 2022", "1 min read", "No headway in Russia-Ukraine truce talks"])

    def test_body_once_and_tails_gone(self) -> None:
        """Seed 003: the teaser repeating the lede goes, the body stays once, the tails go."""
        article = clean(seed("003"))
        body = (
            "Monday’s talks, which lasted for nearly five hours, took place in Belarus near the Russian and the "
            "Ukrainian borders. The next round will take place on the border between Belarus and Poland in the "
            "coming days, Medinsky said."
        )
        assert 1 == article.text.count("Monday’s talks, which lasted for nearly five hours")
        assert_kept(
            article.text,
            [
                body,
                "Moscow and Kiev have found certain points that could be agreed upon during the ceasefire talks "
                "hosted by Belarus",
                "The two sides have identified a number of priority topics, on which “certain solutions have been "
                "outlined”, he added.",
                "While the talks were ongoing, Zelensky sent a formal request for Ukraine’s EU membership to Brussels.",
                "Meanwhile, Russia has put its nuclear deterrent forces on highest alert amid NATO moves to send "
                "weapons to Kiev.",
            ],
        )
        assert article.text.endswith("amid NATO moves to send weapons to Kiev.")
        assert_gone(
            article.text,
            [
                "reports Asian Lite News",
                "ALSO READ",
                "Previous Story",
                "US asks its citizens",
                "Next Story",
                "Latest from",
                "Kill and Dump",
                "Go toTop",
                "Don't Miss",
                "Nirmala",
            ],
        )


class TestSeedInvariants:
    @pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
    def test_alignment_and_tidiness(self, prefix: str) -> None:
        """On every seed the text stays aligned with raw, raw is unchanged and the text is tidy."""
        original = seed(prefix)
        article = clean(original)
        assert original.raw == article.raw
        check_alignment(article)
        check_tidy(article.text)

    @pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
    def test_idempotent(self, prefix: str) -> None:
        """Cleaning a cleaned seed changes nothing."""
        once = clean(seed(prefix))
        twice = clean(once)
        assert (once.text, once.title, once.date, once.authors, once.outlet) == (
            twice.text,
            twice.title,
            twice.date,
            twice.authors,
            twice.outlet,
        )


class TestPage:
    def test_body(self) -> None:
        """A whole page keeps its body sentences verbatim, the dateline included."""
        article = clean(Article(raw=PAGE))
        assert_kept(article.text, PAGE_BODY)
        assert article.text.startswith("PORTVILLE (AP) — ")

    def test_junk(self) -> None:
        """Menus, headline, byline, caption, credit, promotions, prompts, teasers and footer go."""
        assert_gone(clean(Article(raw=PAGE)).text, PAGE_JUNK)

    def test_metadata(self) -> None:
        """Headline, authors, date and the dateline's agency are lifted."""
        article = clean(Article(raw=PAGE))
        assert "Harbour bridge reopens after repairs" == article.title
        assert ("Maria Lopez", "Tom Hale") == article.authors
        assert dt.date(2021, 3, 3) == article.date
        assert "AP" == article.outlet

    def test_rules(self) -> None:
        """Each piece of junk is removed under its own rule family."""
        rules: dict[str, list[str]] = {}
        for removal in clean(Article(raw=PAGE)).removals:
            rules.setdefault(removal.rule, []).append(removal.text.strip())
        assert "Harbour bridge reopens after repairs" in rules["metadata.title"]
        assert "By Maria Lopez and Tom Hale" in rules["metadata.byline"]
        assert "Published 10:15 AM EST March 3, 2021" in rules["metadata.date"]
        assert "The old harbour bridge, seen from the north bank.\n\nJane Smith/Reuters" in rules["caption"]
        assert "Also Read - City Council Approves New Budget For Roads" in rules["promo"]
        assert "READ MORE: Ferry Operator Plans New Routes For Summer" in rules["promo"]
        assert "Most read" in rules["teaser"]

    def test_existing_metadata_kept(self) -> None:
        """Fields a loader already set are not overwritten."""
        original = Article(
            raw=PAGE,
            title="Given title",
            date=dt.date(2020, 1, 1),
            authors=("A. Writer",),
            outlet="Given",
        )
        article = clean(original)
        assert ("Given title", dt.date(2020, 1, 1), ("A. Writer",), "Given") == (
            article.title,
            article.date,
            article.authors,
            article.outlet,
        )

    def test_existing_title_line_removed(self) -> None:
        """A line repeating the title a loader set is removed as the title."""
        article = clean(Article(raw=PAGE, title="Harbour bridge reopens after repairs"))
        assert "Harbour bridge reopens" not in article.text


BODY = (
    "The council voted on Monday to extend the opening hours of the public library, a change that will "
    "start next month and cost about two hundred thousand pounds a year.\n\n"
    "Members said the library had become a place where students work late, and that the longer hours "
    "would help families who cannot visit during the day.\n\n"
    "The opposition agreed with the plan but asked for a review of the budget after the first six months "
    "of the new schedule."
)


def body_with(*, before: str = "", inside: str = "", after: str = "") -> str:
    """Return BODY with *before* above it, *inside* after its first paragraph and *after* below it."""
    first, rest = BODY.split("\n\n", 1)
    parts = [before, first, inside, rest, after]
    return "\n\n".join(part for part in parts if part)


class TestPromotions:
    @pytest.mark.parametrize(
        "glue",
        ["Also Read - A Different Story Entirely", " ALSO READ: A Different Story Entirely", "Read More: Other Item"],
    )
    def test_glued(self, glue: str) -> None:
        """A promotion glued to a sentence goes to the end of its line; the sentence stays whole."""
        raw = BODY.replace("a year.\n", "a year." + glue + "\n", 1)
        text = clean(Article(raw=raw)).text
        assert "cost about two hundred thousand pounds a year.\n" in text
        assert_gone(text, ["Different Story", "Other Item", "Also", "ALSO", "Read More"])

    @pytest.mark.parametrize(
        "line", ["READ MORE: Another Story About Buses", "Related: Another Story About Buses", "Recommended"]
    )
    def test_standalone(self, line: str) -> None:
        """A promotion standing alone between paragraphs goes."""
        text = clean(Article(raw=body_with(inside=line))).text
        assert line not in text
        assert_kept(text, ["Members said the library had become a place where students work late"])

    def test_lower_case_word_kept(self) -> None:
        """'also read' inside a sentence is prose, not a promotion."""
        raw = BODY.replace("a year.", "a year, and members also read - with care - the report.", 1)
        assert "members also read - with care - the report." in clean(Article(raw=raw)).text


class TestSocial:
    def test_tweet(self) -> None:
        """A flattened tweet with its signature goes."""
        tweet = (
            "Great news for readers in our town! https://t.co/AbCdEf123 pic.twitter.com/XyZ987 "
            "— City Library (@citylibrary) March 2, 2021"
        )
        text = clean(Article(raw=body_with(inside=tweet))).text
        assert_gone(text, ["t.co", "@citylibrary", "Great news for readers"])

    @pytest.mark.parametrize(
        "post",
        [
            "View this post on Instagram",
            "A post shared by City Library (@citylibrary) on Mar 2, 2021 at 9:00am PST",
            "🔴 #LIVE: The council meets to vote on the library hours",
            "BIG #BREAKING | Library hours extended by the council",
        ],
    )
    def test_embeds(self, post: str) -> None:
        """Embed remnants and hashtag-led posts go."""
        assert post not in clean(Article(raw=body_with(inside=post))).text


class TestCaptions:
    @pytest.mark.parametrize(
        "caption",
        [
            "Mayor Ann Lee | Photo: Twitter Image",
            "Image copyright Getty Images",
            "Image caption The library on a busy evening",
            "(Photo: AFP)",
            "File photo",
            "Getty Images",
            "The reading room on the first floor. Photo: John Smith",
        ],
    )
    def test_caption_lines(self, caption: str) -> None:
        """Caption and credit lines go; the body stays."""
        text = clean(Article(raw=body_with(inside=caption))).text
        assert caption not in text
        assert_kept(text, ["The opposition agreed with the plan but asked for a review of the budget"])

    def test_caption_before_credit(self) -> None:
        """A short line followed by a credit line is a caption."""
        text = clean(Article(raw=body_with(inside="Readers in the main hall.\n\nJane Doe/AP"))).text
        assert_gone(text, ["Readers in the main hall.", "Jane Doe/AP"])

    def test_inline_credit(self) -> None:
        """A photo credit in parentheses inside a long paragraph is cut, the paragraph stays."""
        long = (
            "The new reading room (Photo: AFP) opened on the first floor of the old town hall, which the city "
            "bought from a private owner in the spring and rebuilt with money from a national fund for culture, "
            "the council said in a statement."
        )
        text = clean(Article(raw=body_with(inside=long))).text
        assert "The new reading room opened on the first floor of the old town hall" in text

    def test_switched_off(self) -> None:
        """With captions off, a credit line stays."""
        options = CleanOptions(captions=False)
        text = clean(Article(raw=body_with(inside="Readers in the hall. Photo: John Smith")), options=options).text
        assert "Photo: John Smith" in text


class TestTails:
    @pytest.mark.parametrize(
        "heading", ["RECENT STORIES", "Most read", "Top Stories", "More on this story", "Don't Miss", "Latest from Us"]
    )
    def test_teaser_lists(self, heading: str) -> None:
        """A teaser heading and the headlines under it go."""
        tail = f"{heading}\n\nBus fares rise in the new year\n\nSchool wins a national prize\n\nRoadworks on the bypass"
        text = clean(Article(raw=body_with(after=tail))).text
        assert_gone(text, [heading, "Bus fares", "School wins", "Roadworks"])
        assert text.endswith("after the first six months of the new schedule.")

    @pytest.mark.parametrize(
        "line",
        [
            "Previous Story",
            "Next Story",
            "Go to Top",
            "Share this story",
            "Leave a comment",
            "Subscribe to our newsletter for the latest news delivered to your inbox.",
            "We use cookies to improve your experience. By using this site you accept our use of cookies.",
            "© 2021 Town Times. All rights reserved.",
            "(with agency inputs)",
            "Copyright 2021 Town Times Ltd. All rights reserved.",
        ],
    )
    def test_footer_lines(self, line: str) -> None:
        """Prompts, navigation and footer lines after the body go."""
        text = clean(Article(raw=body_with(after=line))).text
        assert line not in text
        assert text.endswith("of the new schedule.")

    def test_reading_time(self) -> None:
        """A reading-time line goes under its own rule."""
        article = clean(Article(raw=body_with(before="3 min read")))
        assert "min read" not in article.text
        assert "reading-time" in {removal.rule for removal in article.removals}

    def test_comments(self) -> None:
        """Reader comments after the body go."""
        comments = (
            "reader1 says:\n\nI think the longer hours are a great idea for the students of our town.\n\n"
            "reader2 says:\n\nThis is a waste of money and the council should spend it on the roads instead."
        )
        text = clean(Article(raw=body_with(after=comments))).text
        assert_gone(text, ["says:", "great idea", "waste of money"])


class TestNavigation:
    def test_menu(self) -> None:
        """A menu at the top of a flattened page goes."""
        menu = "\n\n".join(["Home", "News", "Local", "Sport", "Weather", "Business", "Opinion", "Contact us"])
        article = clean(Article(raw=body_with(before=menu)))
        assert article.text.startswith("The council voted on Monday")
        assert "navigation" in {removal.rule for removal in article.removals}

    def test_plain_article_unchanged(self) -> None:
        """Clean prose with no boilerplate comes out unchanged."""
        assert BODY == clean(Article(raw=BODY)).text


class TestDuplicates:
    def test_standfirst_repeated(self) -> None:
        """A standfirst repeated as the first paragraph is kept once."""
        lede = BODY.split("\n\n", 1)[0]
        text = clean(Article(raw=lede + "\n\n" + BODY)).text
        assert 1 == text.count(lede)

    def test_lede_repeated_at_end(self) -> None:
        """A lede repeated at the end is kept once, at the top."""
        lede = BODY.split("\n\n", 1)[0]
        text = clean(Article(raw=BODY + "\n\n" + lede)).text
        assert 1 == text.count(lede)
        assert text.startswith(lede)

    def test_switched_off(self) -> None:
        """With duplicates off, both copies stay."""
        lede = BODY.split("\n\n", 1)[0]
        text = clean(Article(raw=BODY + "\n\n" + lede), options=CleanOptions(duplicates=False)).text
        assert 2 == text.count(lede)


class TestMetadata:
    @pytest.mark.parametrize(
        ("line", "expected"),
        [
            ("Published 11:34 PM EST Nov 19, 2019", dt.date(2019, 11, 19)),
            ("Updated: 18 November 2019, 19:11", dt.date(2019, 11, 18)),
            ("2019-11-20", dt.date(2019, 11, 20)),
            ("Mon 18 Nov 2019 18.54 GMT", dt.date(2019, 11, 18)),
        ],
    )
    def test_date_lines(self, line: str, expected: dt.date) -> None:
        """A date line above the body fills the date and goes."""
        article = clean(Article(raw=body_with(before=line)))
        assert expected == article.date
        assert line not in article.text

    @pytest.mark.parametrize(
        ("line", "expected"),
        [
            ("By Jane Doe", ("Jane Doe",)),
            ("By Jane Doe and John Roe", ("Jane Doe", "John Roe")),
            ("by Anna Berg, Lars Holm and Eva Lind | Updated Nov 13, 2019", ("Anna Berg", "Lars Holm", "Eva Lind")),
        ],
    )
    def test_bylines(self, line: str, expected: tuple[str, ...]) -> None:
        """A byline fills the authors and goes."""
        article = clean(Article(raw=body_with(before=line)))
        assert expected == article.authors
        assert line not in article.text

    @pytest.mark.parametrize(
        ("opening", "expected"),
        [
            ("MOSCOW, Feb 25 (Reuters) - ", "Reuters"),
            ("WASHINGTON (AP) — ", "AP"),
            ("(CNN) ", "CNN"),
        ],
    )
    def test_dateline(self, opening: str, expected: str) -> None:
        """An agency dateline fills the outlet and stays in the text."""
        article = clean(Article(raw=opening + BODY))
        assert expected == article.outlet
        assert article.text.startswith(opening)

    def test_reported(self) -> None:
        """'Outlet Name reported' names the outlet when nothing better does."""
        raw = BODY.replace("a year.", "a year, The Town Times reported.", 1)
        assert "The Town Times" == clean(Article(raw=raw)).outlet

    def test_switched_off(self) -> None:
        """With metadata off no field is filled and the date prefix stays."""
        article = clean(seed("000"), options=CleanOptions(metadata=False))
        assert (None, None, ()) == (article.date, article.title, article.authors)
        assert article.text.startswith("date 2022-02-25 In a massive development")


class TestLanguages:
    def test_russian(self) -> None:
        """Russian prose is kept, a Russian menu goes."""
        body = (
            "Городской совет в понедельник решил продлить часы работы библиотеки, и это изменение вступит в силу "
            "в следующем месяце.\n\n"
            "По словам депутатов, библиотека стала местом, где студенты работают допоздна, и новые часы помогут "
            "семьям, которые не могут прийти днём."
        )
        text = clean(Article(raw="Главная\n\nНовости\n\nСпорт\n\nПоиск\n\n" + body)).text
        assert body == text

    def test_japanese(self) -> None:
        """Japanese prose (no spaces) is kept: its length counts characters."""
        body = (
            "市議会は月曜日、図書館の開館時間を延長することを決めた。来月から新しい時間で運営される予定だ。\n\n"
            "議員によると、図書館は学生が夜遅くまで勉強する場所になっており、延長は昼間に来られない家族の助けになるという。"
        )
        text = clean(Article(raw="ホーム\n\n検索\n\nメニュー\n\n" + body + "\n\n関連記事\n\n別の記事の見出し")).text
        assert body == text

    def test_chinese(self) -> None:
        """Chinese prose (no kana, no spaces) is kept."""
        body = (
            "市议会周一决定延长公共图书馆的开放时间，这一变化将从下个月开始实施，每年费用约为二十万元。\n\n"
            "议员们表示，图书馆已经成为学生学习到深夜的地方，延长开放时间将帮助白天无法前来的家庭。"
        )
        assert body == clean(Article(raw="首页\n\n新闻\n\n体育\n\n" + body + "\n\n相关新闻\n\n另一条新闻标题")).text

    def test_german(self) -> None:
        """German prose is kept; German menu, byline, date line, promotion and footer go."""
        body = [
            "Der Stadtrat hat am Montag beschlossen, die Öffnungszeiten der öffentlichen Bibliothek zu verlängern.",
            "Nach Angaben der Verwaltung kostet die Verlängerung etwa zweihunderttausend Euro im Jahr, die aus dem "
            "Kulturhaushalt bezahlt werden.",
            "Die Opposition stimmte dem Plan zu, forderte aber eine Überprüfung des Haushalts nach sechs Monaten.",
        ]
        raw = "\n\n".join(
            [
                "Startseite\nPolitik\nWirtschaft\nSuche",
                "Stadtrat verlängert Öffnungszeiten der Bibliothek",
                "Von Anna Schmidt",
                "Veröffentlicht am 3. März 2021, 10:15 Uhr",
                body[0],
                body[1],
                "Lesen Sie auch: Neue Buslinie für die Innenstadt",
                body[2],
                "Meistgelesen",
                "Unwetter schließt Schulen in der Region",
                "© 2021 Stadtzeitung. Alle Rechte vorbehalten.",
            ]
        )
        article = clean(Article(raw=raw))
        assert "\n\n".join(body) == article.text
        assert ("Stadtrat verlängert Öffnungszeiten der Bibliothek", dt.date(2021, 3, 3), ("Anna Schmidt",)) == (
            article.title,
            article.date,
            article.authors,
        )

    def test_korean(self) -> None:
        """Korean prose is kept."""
        body = (
            "시의회는 월요일에 도서관 운영 시간을 연장하기로 결정했으며 새로운 시간은 다음 달부터 적용될 예정이다.\n\n"
            "의원들은 도서관이 학생들이 늦게까지 공부하는 장소가 되었고 "
            "연장이 낮에 올 수 없는 가족들에게 도움이 될 것이라고 말했다."
        )
        assert body == clean(Article(raw="홈\n\n검색\n\n" + body)).text


class TestOptions:
    @pytest.mark.parametrize(
        "kwargs",
        [
            {"min_words": 0},
            {"min_words": "10"},
            {"short_words": 10, "min_words": 10},
            {"min_stopword_density": 1.5},
            {"max_link_density": -0.1},
            {"captions": "yes"},
            {"extra_rules": (1,)},
            {"extra_rules": "rule"},
            {"extra_rules": 3},
        ],
    )
    def test_invalid(self, kwargs: dict[str, object]) -> None:
        """Bad values and combinations raise OptionsError."""
        with pytest.raises(OptionsError):
            CleanOptions(**kwargs)  # type: ignore[arg-type]

    def test_keyword_only(self) -> None:
        """Options are keyword-only."""
        with pytest.raises(TypeError):
            CleanOptions(True)  # type: ignore[call-arg]

    def test_frozen(self) -> None:
        """Options cannot be changed."""
        options = CleanOptions()
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            options.captions = False  # type: ignore[misc]

    def test_extra_rules(self) -> None:
        """User rules run after the built-in ones, in order, and record their removals."""

        def drop_council(article: Article) -> Article:
            start = article.text.find("The opposition")
            return article.remove([(start, len(article.text))], rule="user.drop") if start >= 0 else article

        article = clean(Article(raw=BODY), options=CleanOptions(extra_rules=(drop_council,)))
        assert "opposition" not in article.text
        assert "user.drop" in {removal.rule for removal in article.removals}

    def test_extra_rule_must_return_article(self) -> None:
        """A user rule that returns something else raises OptionsError."""
        options = CleanOptions(extra_rules=(lambda article: article.text,))
        with pytest.raises(OptionsError):
            clean(Article(raw=BODY), options=options)

    def test_bad_arguments(self) -> None:
        """clean() refuses what is not an article or options with OptionsError."""
        with pytest.raises(OptionsError):
            clean("text")  # type: ignore[arg-type]
        with pytest.raises(OptionsError):
            clean(Article(raw=BODY), options={"captions": False})  # type: ignore[arg-type]

    def test_unaligned(self) -> None:
        """An article whose text was changed without alignment raises SpanError."""
        with pytest.raises(SpanError):
            clean(Article(raw=BODY, text="something else"))

    def test_tails_off(self) -> None:
        """With tails off, the teaser list after the body stays."""
        tail = "Most read\n\nBus fares rise in the new year\n\nSchool wins a national prize"
        text = clean(Article(raw=body_with(after=tail)), options=CleanOptions(tails=False)).text
        assert "Bus fares rise in the new year" in text


class TestEdgeCases:
    @pytest.mark.parametrize("raw", ["", " ", "\n\n\n", "\t \n"])
    def test_blank(self, raw: str) -> None:
        """Blank input gives an empty text."""
        article = clean(Article(raw=raw))
        assert "" == article.text
        check_alignment(article)

    def test_single_word(self) -> None:
        """A lone word is not body text."""
        assert "" == clean(Article(raw="Menu")).text


#: Units of input shaped to trip slow patterns, repeated to the size wanted.
HOSTILE_UNITS = {
    "one huge line": "word ",
    "tiny paragraphs": "Tiny item.\n\n",
    "tiny lines": "Home\nNews\n",
    "links and tags": "#tag @handle http://x.co/ ",
    "dots and digits": "1.2.2019 Feb. 3, ",
    "repeated prefixes": "The same opening words of a paragraph again and again " + "x " * 30 + "\n\n",
    "brackets": "(Photo: ",
    "dashes and says": "a - b says: Also Read - x.\n",
}


def repeated(unit: str, size: int) -> str:
    """Return *unit* repeated to *size* characters."""
    return (unit * (size // len(unit) + 1))[:size]


def clean_text(raw: str) -> Article:
    """Clean a raw text."""
    return clean(Article(raw=raw))


class TestLinearWork:
    @pytest.mark.parametrize("name", sorted(HOSTILE_UNITS))
    def test_hostile_input(self, name: str) -> None:
        """Ten times the hostile input takes at most about ten times the work (counted, not timed)."""
        small, large = (repeated(HOSTILE_UNITS[name], size) for size in (20_000, 200_000))
        assert growth(clean_text, [importlib.import_module("newscorpus.clean"), newscorpus.text], small, large) <= 12.0
        article = clean_text(large)
        assert len(article.text) <= len(large)


article_text = st.one_of(
    st.text(),
    news_text(max_words=120),
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "Home",
                    "Most read",
                    "By Jane Doe",
                    "Also Read - Other Story",
                    "Photo: AP",
                    "February 28, 2022",
                    "1 min read",
                    "https://t.co/abc",
                    "#tag @handle",
                    "The council voted on Monday to extend the hours of the library, the mayor said.",
                    "Members said the longer hours would help families who cannot visit during the day.",
                    "WASHINGTON (AP) — Officials met on Tuesday to discuss the plan for the new bridge.",
                ]
            ),
            st.text(alphabet=string.ascii_letters + " .,:-|#@", max_size=40),
        ),
        max_size=25,
    ).flatmap(lambda parts: st.sampled_from(["\n", "\n\n", " "]).map(lambda sep: sep.join(parts))),
)


class TestProperties:
    @given(raw=article_text)
    @example(raw="0\n\n0")
    @example(raw=" date 2022-02-25 x")
    @example(raw="a.Also Read - b\nc")
    @settings(deadline=None)
    def test_never_crashes_and_aligns(self, raw: str) -> None:
        """Any text cleans without error; kept characters map to raw and removals slice raw."""
        article = clean(Article(raw=raw))
        assert raw == article.raw
        check_alignment(article)
        check_tidy(article.text)

    @given(raw=article_text)
    @settings(deadline=None)
    def test_idempotent(self, raw: str) -> None:
        """Cleaning twice gives the same text and metadata as cleaning once."""
        once = clean(Article(raw=raw))
        twice = clean(once)
        assert (once.text, once.title, once.date, once.authors, once.outlet) == (
            twice.text,
            twice.title,
            twice.date,
            twice.authors,
            twice.outlet,
        )

    @given(raw=article_text)
    @settings(deadline=None)
    def test_deterministic(self, raw: str) -> None:
        """The same input gives the same output."""
        assert clean(Article(raw=raw)) == clean(Article(raw=raw))


# The fast paths of the cleaner against the plain computations they stand for.
# The private names of every module of the cleaner, in one namespace.
cleaner = types.SimpleNamespace(
    **{
        name: value
        for module in ("options", "blocks", "metadata", "cuts", "body", "inline")
        for name, value in vars(importlib.import_module(f"newscorpus.clean.{module}")).items()
        if name.startswith("_") and not name.startswith("__")
    }
)
latin_text = st.text(alphabet=st.characters(max_codepoint=255), max_size=300)
cue_phrases = sorted(lexicon.cues().has)


@st.composite
def cue_text(draw: st.DrawFn) -> str:
    """Text made of pieces of cue phrases (whole or cut) and a few other characters."""
    pieces = []
    for _ in range(draw(st.integers(min_value=0, max_value=6))):
        phrase = draw(st.sampled_from(cue_phrases))
        start = draw(st.integers(min_value=0, max_value=len(phrase)))
        end = draw(st.integers(min_value=start, max_value=len(phrase)))
        whole = draw(st.booleans())
        pieces.append(phrase if whole else phrase[start:end])
        pieces.append(draw(st.text(alphabet="ab :.(-\n", max_size=3)))
    return "".join(pieces)


def reference_share(tokens: list[str], words: int) -> float:
    """The share of stop words of a block, computed the plain way."""
    tables = [table for _, table in sorted(lexicon.stopwords().items())]
    every = frozenset().union(*tables)
    found = every.intersection(tokens)
    if not found:
        return 0.0
    best = next((table for table in tables if found <= table), None)
    if best is None:
        best = max(tables, key=lambda table: len(found & table))
    return sum(map(best.__contains__, tokens)) / words


def reference_language(blocks: list[Any]) -> bool:
    """Whether a stop-word list fits the longest blocks, computed the plain way."""
    total = 0
    sample: set[str] = set()
    for block in sorted(blocks, key=lambda b: -b.length):
        total += block.words + block.cjk
        sample.update(block.tokens)
        if total >= 800:
            break
    hits = max(len(sample & table) for _, table in sorted(lexicon.stopwords().items()))
    return hits >= max(3, 0.03 * len(sample))


stopword_text = st.lists(
    st.lists(
        st.one_of(
            st.sampled_from(sorted(frozenset().union(*lexicon.stopwords().values()))),
            st.sampled_from(["council", "library", "mayor", "Kyiv", "2022", "talks", "ß", "über"]),
        ),
        min_size=1,
        max_size=60,
    ).map(" ".join),
    min_size=1,
    max_size=30,
).map("\n".join)


class TestFastPaths:
    @given(text=latin_text)
    @example(text="a" * 250 + " b")
    @example(text="x" * 100 + "é" + "y" * 101)
    def test_latin_tokens(self, text: str) -> None:
        """Splitting translated bytes gives the tokens the token pattern finds, long runs cut alike."""
        assert cleaner._TOKEN.findall(text) == cleaner._latin_tokens(text.encode("latin-1"))

    @given(text=st.text(alphabet=st.characters(max_codepoint=300), max_size=200))
    @example(text="a  b\nc")
    @example(text="a\tb")
    @example(text="Don\u2019t")
    def test_plain_lines(self, text: str) -> None:
        """Where the page is plain, case folding a line normalises it."""
        if cleaner._plain_lines(text):
            lines = [line.strip() for line in text.split("\n") if line.strip()]
            assert [lexicon.normalize_phrase(line) for line in lines] == [line.casefold() for line in lines]

    @given(text=st.text(max_size=100))
    @example(text=" a  b\u00a0c\u2019 ")
    def test_normalize_phrase(self, text: str) -> None:
        """Normalising is case folding, straight apostrophes and single spaces, with or without the shortcut."""
        folded = text.casefold().replace("\u2019", "'").replace("\u2018", "'")
        assert " ".join(folded.split()) == lexicon.normalize_phrase(text)

    @given(text=cue_text())
    @example(text="telephoto: x")
    @example(text="(c) 2019")
    def test_cue_screen(self, text: str) -> None:
        """The screen finds a cue phrase exactly where the trie of the phrases does."""
        expected = cleaner._has_pattern().search(text) is not None
        assert expected == (cleaner._has_screen().search(text) is not None)

    @given(
        words=st.lists(st.text(alphabet="abc:( ", min_size=1, max_size=5), min_size=1, max_size=6),
        text=st.text(alphabet="abc:( ", max_size=30),
    )
    def test_screen_of_any_words(self, words: list[str], text: str) -> None:
        """A screen built from any words matches, joined or one part at a time, exactly where one of them occurs."""
        expected = any(word in text for word in words)
        parts = cleaner._screen(words)
        assert expected == (re.search("|".join(parts), text) is not None)
        assert expected == any(re.search(part, text) is not None for part in parts)

    @given(
        text=st.lists(
            st.one_of(st.sampled_from(cleaner._GLUED_CUES), st.text(alphabet="ADMRSWadeis '’-:", max_size=8)),
            max_size=8,
        ).map("".join)
    )
    @example(text="Don’t Miss - x")
    def test_promotion_screen(self, text: str) -> None:
        """The promotion screens match exactly where a promotion cue is."""
        expected = any(cue in text for cue in cleaner._GLUED_CUES)
        assert expected == cleaner._any_match(cleaner._glued_screens(), text)

    @given(
        raw=st.text(alphabet="ab \n", max_size=40),
        first=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40), st.sampled_from("xy")), max_size=3),
        cuts=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 8), st.sampled_from("xyz")), max_size=6),
    )
    def test_cuts_in_one_pass(
        self, raw: str, first: list[tuple[int, int, str]], cuts: list[tuple[int, int, str]]
    ) -> None:
        """Cutting in one pass gives the article that one ``remove`` per rule gives."""
        article = cleaner._apply_cuts(Article(raw=raw), [(s, min(e, len(raw)), r) for s, e, r in first])
        cuts = [(start, min(start + size, len(article.text)), rule) for start, size, rule in cuts]
        expected = cleaner._remove_by_rule(article, cleaner._claim(cuts))
        actual = cleaner._apply_cuts(article, cuts)
        assert (expected, expected.removals, expected.segments) == (actual, actual.removals, actual.segments)

    def test_cuts_on_split_segments(self) -> None:
        """Segments that continue each other in raw are cut as one ``remove`` per rule cuts them."""
        halves = (Segment(text_start=0, raw_start=0, length=3), Segment(text_start=3, raw_start=3, length=3))
        article = Article(raw="abcdef", segments=halves)
        cuts = [(2, 4, "y"), (4, 5, "x")]
        expected = cleaner._remove_by_rule(article, cleaner._claim(cuts))
        actual = cleaner._apply_cuts(article, cuts)
        assert (expected, expected.removals) == (actual, actual.removals)

    @given(text=stopword_text)
    def test_stopword_share(self, text: str) -> None:
        """The share of stop words of each block is the plain computation's."""
        blocks = cleaner._blocks(text)
        for block in blocks:
            cleaner._score_stopwords(block, True)
        expected = [reference_share(b.tokens, b.words) if len(b.tokens) > 0 else None for b in blocks]
        assert expected == [block.stopwords for block in blocks]

    @given(text=st.one_of(stopword_text, article_text))
    def test_language_check(self, text: str) -> None:
        """Whether a stop-word list fits is the plain computation's verdict."""
        blocks = cleaner._blocks(text)
        if blocks:
            assert reference_language(blocks) == cleaner._has_stopword_language(blocks)

    @given(
        text=st.lists(
            st.one_of(
                st.sampled_from(["Reuters", "New", "York", "said", "reported", "reports", "…", ".", ","]),
                st.text(alphabet="Ab .", max_size=35),
            ),
            max_size=30,
        ).map(" ".join)
    )
    def test_outlet_window(self, text: str) -> None:
        """Searching from shortly before the key word finds the match a full search finds."""
        for pattern, word, lead in (
            (cleaner._REPORTS, "reports", cleaner._REPORTS_LEAD),
            (cleaner._REPORTED, "reported", cleaner._REPORTED_LEAD),
        ):
            found = text.find(word)
            if found >= 0:
                expected, actual = pattern.search(text), pattern.search(text, max(0, found - lead))
                assert (expected and expected.span()) == (actual and actual.span())

    @pytest.mark.parametrize("mark", sorted(".!?。！？…:;।~"))
    def test_terminal_mark(self, mark: str) -> None:
        """A text ending in a closing mark ends like a sentence, as the pattern says."""
        (block,) = cleaner._blocks("It rained all day" + mark)
        assert (cleaner._TERMINAL.search(block.text[-12:]) is not None) == block.terminal


# ---------------------------------------------------------------------------
# Body selection by structure (texts written for these tests)

LIB_NAV = "Home\nNews\nSport\nWeather\n\n"
LIB_HEADER = LIB_NAV + "Library keeps its doors open later\n\nBy Jane Doe\n\nMarch 3, 2022\n\n"
LIB_PARA_1 = (
    "The city council voted on Tuesday to keep the central library open until nine in the evening on weekdays, "
    "after months of requests from parents and students."
)
LIB_PARA_2 = (
    "Members said the longer hours would cost less than expected, because volunteers from the neighbourhood "
    "groups had offered to help at the front desk."
)
LIB_PARA_3 = (
    "The new hours start in April, and the council will look at the number of visitors again at the end of the "
    "year before it decides on the weekend."
)
LIB_BODY = "\n\n".join([LIB_PARA_1, LIB_PARA_2, LIB_PARA_3])

LIB_OTHER_STORIES = {
    "headline and blurb": (
        "More stories\n\nRiver festival returns after two years\n\n"
        "The organisers expect more visitors than ever, with boats and music along the water all weekend long.\n\n"
        "Bakery wins regional prize\n\n"
        "A small family bakery took the first prize for its rye bread at the fair in the capital on Sunday.\n\n"
        "School opens new sports hall\n\n"
        "Pupils will be able to use the hall from next month, after two years of work on the old gym."
    ),
    "headline glued to blurb": (
        "River festival returns after two yearsThe organisers expect more visitors than ever, with boats and music.\n\n"
        "Bakery wins regional prizeA small family bakery took the first prize for its rye bread at the fair.\n\n"
        "School opens new sports hallPupils will be able to use the hall from next month, after two years of work."
    ),
    "dated links": (
        "River festival returns after two years\n12 March 2022\n\nBakery wins regional prize\n10 March 2022\n\n"
        "School opens new sports hall\n8 March 2022\n\nBridge repairs to last until summer\n7 March 2022"
    ),
    "label glued to the next word": (
        "Related:River festival returns after two years\n\nRELATED:Bakery wins regional prize"
    ),
    "comments with times and replies": (
        "Comments\n\nmaria_k\n3 hours ago\n"
        "I think this is a great decision for the families who work during the day and need the library.\nReply\n\n"
        "tom1987\n5 hours ago\n"
        "Finally someone listened to the students, it took them long enough to see what everyone wanted.\nReply\n\n"
        "anna.s\n1 day ago\n"
        "Who is going to pay for the heating in the evenings, though? Nobody ever asks that question here.\nReply"
    ),
    "blurbs closed by a read-more link": (
        "The organisers expect more visitors than ever, with boats and music along the water. Read more »\n\n"
        "A small family bakery took the first prize for its rye bread at the fair in the capital. Read more »"
    ),
    "count lines": (
        "Most popular\n\nRiver festival returns after two years\n124 comments\n\n"
        "Bakery wins regional prize\n87 comments\n\nSchool opens new sports hall\n45 comments"
    ),
    "items under a repeated label": (
        "Opinion\nThe organisers of the river festival expect more visitors than ever, with boats and music.\n\n"
        "Opinion\nA small family bakery took the first prize for its rye bread at the fair in the capital.\n\n"
        "Opinion\nPupils will be able to use the new sports hall from next month, after two years of work on the gym."
    ),
}


class TestShortBodies:
    def test_one_sentence(self) -> None:
        """An article of one sentence is its own body."""
        assert "Talks ended on Monday." == clean(Article(raw="Talks ended on Monday.")).text

    def test_two_paragraphs(self) -> None:
        """An article of two paragraphs survives whole."""
        raw = f"{LIB_PARA_1}\n\n{LIB_PARA_2}"
        assert raw == clean(Article(raw=raw)).text

    def test_two_paragraphs_between_chrome(self) -> None:
        """A short body next to the header survives whole, menus and lists around it go."""
        raw = LIB_HEADER + f"{LIB_PARA_1}\n\n{LIB_PARA_2}\n\n" + LIB_OTHER_STORIES["headline and blurb"]
        assert f"{LIB_PARA_1}\n\n{LIB_PARA_2}" == clean(Article(raw=raw)).text

    def test_standfirst_kept_once(self) -> None:
        """A standfirst next to the byline is kept, and kept once when the body repeats it."""
        standfirst = "Parents and students had asked for longer opening hours for months, and the council has agreed."
        raw = LIB_NAV + f"Library keeps its doors open later\n\n{standfirst}\n\nBy Jane Doe\n\nShare\n\n{LIB_BODY}"
        assert f"{standfirst}\n\n{LIB_BODY}" == clean(Article(raw=raw)).text
        header = LIB_NAV + f"Library keeps its doors open later\n\n{standfirst}\n\nBy Jane Doe\n\n"
        repeated = header + f"{standfirst}\n\n{LIB_BODY}"
        assert 1 == clean(Article(raw=repeated)).text.count(standfirst)


class TestStructuredBodies:
    def test_list_of_steps(self) -> None:
        """A list of ingredients between two paragraphs stays with the body."""
        steps = "You will need:\n\n2 cups of flour\n1 teaspoon of salt\n3 eggs\n250 ml of milk"
        body = f"{LIB_PARA_1}\n\n{steps}\n\n{LIB_PARA_3}"
        raw = LIB_HEADER + body + "\n\nMost read\n\nOther story one\n\nOther story two"
        assert body == clean(Article(raw=raw)).text

    def test_small_table(self) -> None:
        """A small table of results between two paragraphs stays with the body."""
        table = "Team Played Won Points\nRiverside 10 7 21\nHill Town 10 6 18\nLakeside 10 4 12"
        body = f"{LIB_PARA_1}\n\n{table}\n\n{LIB_PARA_2}"
        raw = LIB_HEADER + body + "\n\nMost read\n\nOther story one\n\nOther story two"
        assert body == clean(Article(raw=raw)).text

    def test_list_among_labels(self) -> None:
        """A list inside the body stays with its heading when buttons stand around it; the buttons go."""
        buttons = "Rating\nFavourites\nGallery"
        ingredients = "Ingredients\n2 cups of flour\n1 teaspoon of salt\n3 eggs\nbutter for the pan\n250 ml of milk"
        raw = LIB_HEADER + f"{LIB_PARA_1}\n\n{buttons}\n{ingredients}\n\n{LIB_PARA_2}"
        assert f"{LIB_PARA_1}\n\n{ingredients}\n\n{LIB_PARA_2}" == clean(Article(raw=raw)).text

    def test_structured_lines_above_the_body(self) -> None:
        """Lines of label and value right above the first paragraph are part of the body."""
        facts = "Opening hours: 9 to 21\nDays: Monday to Friday\nStart: 1 April\nCost: 12,000 a year"
        raw = LIB_HEADER + f"{facts}\n\n{LIB_BODY}"
        assert f"{facts}\n\n{LIB_BODY}" == clean(Article(raw=raw)).text

    def test_archive_counts_are_not_a_body(self) -> None:
        """Lines ending in a count in brackets (an archive, categories) are navigation, not structure."""
        archive = "March (12)\nFebruary (9)\nJanuary (14)\nDecember (7)"
        raw = LIB_HEADER + f"{archive}\n\n{LIB_BODY}"
        assert LIB_BODY == clean(Article(raw=raw)).text

    def test_loose_labels_inside_the_body(self) -> None:
        """Menu-like lines between paragraphs go; a subheading over a paragraph stays."""
        menu = "Share\nPrint\nE-mail this"
        raw = LIB_HEADER + f"{LIB_PARA_1}\n\n{menu}\n\n{LIB_PARA_2}\n\nWhat comes next\n\n{LIB_PARA_3}"
        assert f"{LIB_PARA_1}\n\n{LIB_PARA_2}\n\nWhat comes next\n\n{LIB_PARA_3}" == clean(Article(raw=raw)).text


class TestRepeatedItems:
    @pytest.mark.parametrize("shape", sorted(LIB_OTHER_STORIES))
    def test_list_after_the_body(self, shape: str) -> None:
        """A list of other stories or comments after the body goes, whatever its words."""
        raw = LIB_HEADER + LIB_BODY + "\n\n" + LIB_OTHER_STORIES[shape]
        assert LIB_BODY == clean(Article(raw=raw)).text

    def test_heading_and_first_headline_closing_the_body(self) -> None:
        """A heading and the first headline of a list closing the body go; a subheading over a last sentence stays."""
        headline = (
            "Bakery wins the regional prize for its rye bread again, in a year when the old oven broke down twice"
        )
        raw = LIB_HEADER + f"{LIB_BODY}\n\nAlso this week\n\n{headline}"
        assert LIB_BODY == clean(Article(raw=raw)).text
        closing = f"{LIB_BODY}\n\nWhat comes next\n\nThe council will vote on the weekend hours in June."
        assert closing == clean(Article(raw=LIB_HEADER + closing)).text

    def test_paragraph_after_a_box_of_other_stories(self) -> None:
        """A box of headlines set inside the body goes, and the paragraph after it stays with the body."""
        box = "Related\n\nRiver festival returns after two years\nBakery wins regional prize\nSchool opens sports hall"
        raw = LIB_HEADER + f"{LIB_PARA_1}\n\n{LIB_PARA_2}\n\n{box}\n\n{LIB_PARA_3}\n\nShare\nTwitter\nFacebook"
        assert LIB_BODY == clean(Article(raw=raw)).text

    def test_blurbs_under_a_heading_of_other_stories(self) -> None:
        """Headlines and short blurbs in turn under a "Top stories" heading go, blurbs that are sentences too."""
        stories = "\n\n".join(
            f"{headline}\n\n{blurb}"
            for headline, blurb in [
                (
                    "River festival returns",
                    "The festival on the river will return this summer after two years, the organisers said.",
                ),
                (
                    "Bakery wins regional prize",
                    "A small family bakery won the first prize for its rye bread at the fair on Sunday.",
                ),
                (
                    "School opens sports hall",
                    "Pupils will use the new hall from next month, after two years of work on the old gym.",
                ),
                (
                    "Bridge repairs go on",
                    "The repairs of the old bridge will last until the summer, the city said on Monday.",
                ),
            ]
        )
        raw = LIB_HEADER + f"{LIB_BODY}\n\nTop stories\n\n{stories}\n\nAbout us | Contact | Terms"
        assert LIB_BODY == clean(Article(raw=raw)).text

    def test_separated_items_need_short_items(self) -> None:
        """Sections of an article under a repeated rule line are not a list of items."""
        long_paragraph = " ".join([LIB_PARA_1, LIB_PARA_2, LIB_PARA_3])
        raw = "\n\n".join(["Notes", long_paragraph, "Notes", long_paragraph.upper().lower(), "Notes", LIB_PARA_3])
        assert long_paragraph in clean(Article(raw=raw)).text

    def test_table_values_are_no_labels(self) -> None:
        """A table whose rows repeat a value ("On", "Off") is part of the body, not a list of items."""
        rows = "\n\n".join(
            f"{name}\n\nChoose whether the {name.lower()} of the reading room should be used in the evening."
            "\n\nOn\n\nOff"
            for name in ("Lamps", "Heating", "Music", "Doors", "Shutters")
        )
        raw = LIB_HEADER + f"{LIB_PARA_1}\n\n{rows}\n\n{LIB_PARA_2}"
        assert f"{LIB_PARA_2}" in clean(Article(raw=raw)).text


class TestSelfReference:
    def test_newsletter_and_bio_close(self) -> None:
        """Paragraphs in which the page speaks of itself or its author close the body and go."""
        newsletter = "Get our newsletter: we send you the best stories of the week by e-mail, every Friday morning."
        bio = "Jane Doe is a reporter who covers the city council and its budget for the local desk of this site."
        raw = LIB_HEADER + f"{LIB_BODY}\n\n{newsletter}\n\n{bio}"
        assert LIB_BODY == clean(Article(raw=raw)).text

    def test_bio_of_the_named_author_closes(self) -> None:
        """A closing paragraph describing the author or the site the page names goes; one about another person stays."""
        bio = "Jane has covered the city council since 2015 and lives near the old market with two cats."
        raw = LIB_HEADER + f"{LIB_BODY}\n\n{bio}"
        assert LIB_BODY == clean(Article(raw=raw)).text
        company = "Northwind is a maker of shelves and reading lamps for public libraries in twelve countries."
        footer = "Northwind Careers\nNorthwind Press\nContact\n© 2022 Northwind"
        raw = LIB_HEADER + f"{LIB_BODY}\n\n{company}\n\n{footer}"
        assert LIB_BODY == clean(Article(raw=raw)).text
        other = "Tom Roe is expected to present the new budget of the library to the council on Friday."
        raw = LIB_HEADER + f"{LIB_BODY}\n\n{other}"
        assert f"{LIB_BODY}\n\n{other}" == clean(Article(raw=raw)).text

    def test_longer_instructions_inside_the_body_stay(self) -> None:
        """A paragraph of more than thirty words that tells the reader where to look on the page is running prose."""
        tip = (
            "If you want to borrow books in the evening, you can reserve them on the library page first, and the staff "
            "will put them on the shelf next to the front door for you."
        )
        raw = LIB_HEADER + f"{LIB_PARA_1}\n\n{tip}\n\n{LIB_PARA_2}"
        assert f"{LIB_PARA_1}\n\n{tip}\n\n{LIB_PARA_2}" == clean(Article(raw=raw)).text

    def test_quoted_speech_stays(self) -> None:
        """Reported speech that names comments or a site is running prose and stays."""
        quote = '"We will read every comment you send to the council website," the mayor told reporters.'
        raw = LIB_HEADER + f"{LIB_BODY}\n\n{quote}"
        assert f"{LIB_BODY}\n\n{quote}" == clean(Article(raw=raw)).text


class TestSocialPosts:
    POST = "Great night at the library! #books\n— Jane Doe (@janedoe) March 3, 2022"

    def test_removed_by_default(self) -> None:
        """An embedded post, text and signature, is removed by default."""
        raw = LIB_HEADER + f"{LIB_PARA_1}\n\n{self.POST}\n\n{LIB_PARA_2}"
        assert f"{LIB_PARA_1}\n\n{LIB_PARA_2}" == clean(Article(raw=raw)).text

    def test_kept_when_switched_off(self) -> None:
        """With the social family off, the text of the post stays and nothing is removed as social."""
        raw = LIB_HEADER + f"{LIB_PARA_1}\n\n{self.POST}\n\n{LIB_PARA_2}"
        article = clean(Article(raw=raw), options=CleanOptions(social=False))
        assert (True, set()) == (
            "Great night at the library! #books" in article.text,
            {removal.rule for removal in article.removals} & {"social"},
        )


class TestHeaderAnchor:
    def test_short_body_next_to_header_wins(self) -> None:
        """A short body next to the byline wins over a longer stretch of prose below the share buttons."""
        menu = "Share this article\nFacebook\nTwitter\nWhatsApp\nE-mail\nPrint\nComments\nSubscribe\nNewsletter"
        distant = "\n\n".join(
            [
                f"Reader {number} wrote that the parking rules near the old market should be changed before the "
                "summer, because the streets are full of visitors on every weekend of the season."
                for number in range(1, 7)
            ]
        )
        raw = LIB_HEADER + f"{LIB_PARA_1}\n\n{LIB_PARA_2}\n\n{menu}\n\n{distant}"
        assert f"{LIB_PARA_1}\n\n{LIB_PARA_2}" == clean(Article(raw=raw)).text

    def test_article_above_its_comments(self) -> None:
        """A post wins over the longer prose below its comments, each comment under a name and a date."""
        comments = "\n\n".join(
            f"reader_{number}\n{number} March 2022 at 10:{number}0\n"
            f"Thank you for the news, the evening hours are what the students of our street needed ({number})."
            for number in range(1, 6)
        )
        about = "\n\n".join(
            f"Part {number} of the history of the town hall: the building was finished in the year {1890 + number}, "
            "after the old hall on the market square had burned down in a fire that lasted for two days and nights, "
            "and the council met in the rooms of the school until the work was done."
            for number in range(1, 6)
        )
        raw = LIB_NAV + f"Library keeps its doors open later\n\n{LIB_BODY}\n\n5 comments\n\n{comments}\n\n{about}"
        assert LIB_BODY == clean(Article(raw=raw)).text


class TestInlineShapes:
    def test_kicker_cut(self) -> None:
        """A section label glued to the first sentence of the body is cut as a kicker."""
        raw = f"City Council Latest News: {LIB_PARA_1}\n\n{LIB_PARA_2}"
        article = clean(Article(raw=raw))
        assert (f"{LIB_PARA_1}\n\n{LIB_PARA_2}", ["City Council Latest News: "]) == (
            article.text,
            [r.text for r in article.removals if r.rule == "navigation"],
        )

    def test_label_in_capitals_over_a_headline(self) -> None:
        """A label of words in capitals and a colon over another headline goes; a sentence after it stays."""
        promo = "TOP PICKS: Bakery wins regional prize for its rye bread"
        raw = LIB_HEADER + f"{LIB_PARA_1}\n\n{promo}\n\n{LIB_PARA_2}\n\n{LIB_PARA_3}"
        assert LIB_BODY == clean(Article(raw=raw)).text
        update = "PLEASE NOTE: The library will also open on the first Sunday of every month, the council said."
        raw = LIB_HEADER + f"{LIB_PARA_1}\n\n{update}\n\n{LIB_PARA_2}"
        assert f"{LIB_PARA_1}\n\n{update}\n\n{LIB_PARA_2}" == clean(Article(raw=raw)).text

    @pytest.mark.parametrize(
        "caption",
        [
            "Readers in the new hall on the first evening after the reopening. Photo: Jane Doe",
            "Readers in the new hall on the first evening after the reopening / (c) City Archive",
        ],
    )
    def test_caption_closed_by_its_credit(self, caption: str) -> None:
        """A caption of any length that ends with its photo credit goes."""
        raw = LIB_HEADER + f"{LIB_PARA_1}\n\n{caption}\n\n{LIB_PARA_2}\n\n{LIB_PARA_3}"
        assert LIB_BODY == clean(Article(raw=raw)).text

    def test_file_names_go(self) -> None:
        """Lines that only hold the name of an image file or icon ("IMG_2034.jpg", "arrow_down") go."""
        files = "IMG_2034.jpg\nhall_plan_2\narrow_down"
        raw = LIB_HEADER + f"{LIB_PARA_1}\n\n{LIB_PARA_2}\n{files}\n\n{LIB_PARA_3}"
        assert LIB_BODY == clean(Article(raw=raw)).text

    def test_comment_count_heading(self) -> None:
        """A count of replies to the quoted headline opens the comments, which go."""
        comments = (
            "12 responses to \u201cLibrary keeps its doors open later\u201d\n\n"
            "This is good news for the students of our street, who have had nowhere quiet to work in the evenings "
            "since the old reading room on the market square was closed three years ago."
        )
        raw = LIB_HEADER + f"{LIB_BODY}\n\n{comments}"
        assert LIB_BODY == clean(Article(raw=raw)).text

    def test_speaker_inside_the_body_stays(self) -> None:
        """The same shape inside the body (a speaker, a label) stays."""
        raw = f"{LIB_PARA_1}\n\nCouncil Member Smith: {LIB_PARA_2}"
        assert raw == clean(Article(raw=raw)).text

    def test_short_closing_sentence(self) -> None:
        """A short sentence closing a short article stays with it."""
        raw = "Talks between the two delegations ended on Monday without a deal, officials said.\n\nBoth sides agreed."
        assert raw == clean(Article(raw=raw)).text

    def test_inserted_appeal_inside_the_body(self) -> None:
        """A short appeal to the reader about the page's things goes from inside the body too."""
        appeal = "Sign up for your free newsletter and never miss a story from the city council again."
        raw = LIB_HEADER + f"{LIB_PARA_1}\n\n{appeal}\n\n{LIB_PARA_2}\n\n{LIB_PARA_3}"
        assert LIB_BODY == clean(Article(raw=raw)).text

    def test_sections_with_subheadings_stay(self) -> None:
        """Subheadings over full paragraphs closing the body are sections of the article, not teasers."""
        paragraphs = (f"{LIB_PARA_1} {LIB_PARA_2}", f"{LIB_PARA_2} {LIB_PARA_1}", f"Finally, {LIB_PARA_2} {LIB_PARA_1}")
        sections = "\n\n".join(f"Part {number}\n\n{text}" for number, text in enumerate(paragraphs, 1))
        raw = LIB_HEADER + f"{LIB_PARA_3}\n\n{sections}"
        assert f"{LIB_PARA_3}\n\n{sections}" == clean(Article(raw=raw)).text


class TestKeepDropTask:
    def test_predictions_read_inputs_only(self, tmp_path: Path) -> None:
        """``eval/predict.py keepdrop`` writes ``{"id", "text"}`` per page from its raw text alone."""
        raw = LIB_HEADER + LIB_BODY + "\n\nMost read\n\nOther story one\n\nOther story two"
        gold = tmp_path / "keepdrop.jsonl"
        record = {"id": "p1", "language": "en", "raw": raw, "keep": ["never read"], "drop": ["never read"]}
        gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
        pred = tmp_path / "pred.jsonl"
        script = Path(__file__).resolve().parent.parent / "eval" / "predict.py"
        subprocess.run([sys.executable, str(script), "keepdrop", str(gold), str(pred)], check=True, capture_output=True)
        lines = pred.read_text(encoding="utf-8").splitlines()
        assert [{"id": "p1", "text": clean(Article(id="p1", raw=raw)).text}] == [json.loads(line) for line in lines]
