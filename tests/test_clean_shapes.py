"""Tests for the cleaner's rules by page shape: captions, repeated menus, labels and closing blocks.

Every text here is written for these tests.
"""

from __future__ import annotations

from newscorpus.clean import clean
from newscorpus.types import Article

NAV = "Home\nNews\nSport\nWeather\n\n"
HEADLINE = "Harbour ferry returns after the winter\n\n"
LEAD = (
    "The small ferry across the harbour will run again from Monday, after the repairs to its engine took "
    "longer than the owners had planned."
)
PARA_1 = (
    "The owners said on Friday that the boat had passed its safety checks and that the first crossing would "
    "leave the north pier at seven in the morning."
)
PARA_2 = (
    "Tickets will cost the same as last year, and children under twelve travel for free when they cross with "
    "an adult on weekdays."
)
PARA_3 = (
    "The town hopes that more visitors will come to the island market this spring, now that the crossing "
    "takes less than ten minutes again."
)
BODY = "\n\n".join([PARA_1, PARA_2, PARA_3])


class TestCaptions:
    def test_credit_with_its_own_caption_leaves_the_line_above(self) -> None:
        """A credit line that holds its own caption does not make the paragraph above it a caption."""
        raw = NAV + HEADLINE + f"{LEAD}\n\nThe ferry at the north pier. John Roe/Reuters\n\n{BODY}"
        assert f"{LEAD}\n\n{BODY}" == clean(Article(raw=raw)).text

    def test_bare_credit_takes_the_caption_above(self) -> None:
        """A bare credit line still makes the short line above it a caption."""
        raw = NAV + HEADLINE + f"{PARA_1}\n\nThe ferry at the north pier\nJohn Roe/Reuters\n\n{PARA_2}\n\n{PARA_3}"
        assert BODY == clean(Article(raw=raw)).text


class TestRepeatedMenus:
    def test_lead_after_a_repeated_menu_stays(self) -> None:
        """A menu repeated several times over the article does not take the first paragraph after it along."""
        menu = "Ferry Times\nIsland Market\nHarbour Blog\n"
        raw = menu * 3 + HEADLINE + f"{LEAD}\n\n{BODY}"
        assert f"{LEAD}\n\n{BODY}" == clean(Article(raw=raw)).text


class TestClosingNotices:
    def test_notice_naming_a_button_goes(self) -> None:
        """A closing notice of the site that names a button in quotation marks is no quoted speech: it goes."""
        notice = "We use cookies to improve our website and your visit. You agree to this by clicking on “OK”. OK More"
        raw = NAV + HEADLINE + f"{BODY}\n\n{notice}"
        assert BODY == clean(Article(raw=raw)).text

    def test_quoted_speech_at_the_end_stays(self) -> None:
        """A closing paragraph that quotes someone speaking of "our website" is running prose: it stays."""
        quote = "“You can read the new times on our blog from Monday,” the owners said on Friday."
        raw = NAV + HEADLINE + f"{BODY}\n\n{quote}"
        assert f"{BODY}\n\n{quote}" == clean(Article(raw=raw)).text


class TestClosingLabels:
    def test_label_and_its_lines_close_the_body(self) -> None:
        """A short label ending in a colon after the body, over tags and buttons, goes with what it leads into."""
        closing = "Keep exploring:\nIsland market opens early\nNew lights on the pier\nA walk along the dunes"
        raw = NAV + HEADLINE + f"{BODY}\n\n{closing}"
        assert BODY == clean(Article(raw=raw)).text

    def test_label_over_a_list_stays(self) -> None:
        """A label over a structured list (times, prices) closing the body stays with it."""
        times = "Timetable:\nMonday 7:00\nTuesday 7:00\nWednesday 7:30\nThursday 7:30"
        raw = NAV + HEADLINE + f"{BODY}\n\n{times}"
        assert f"{BODY}\n\n{times}" == clean(Article(raw=raw)).text

    def test_label_over_a_last_paragraph_stays(self) -> None:
        """A subheading ending in a colon over a closing paragraph is part of the body."""
        closing = (
            "What comes next:\n\nThe owners will add a second boat in the summer, when the island market is busiest "
            "and the crossing is full on most mornings of the week."
        )
        raw = NAV + HEADLINE + f"{BODY}\n\n{closing}"
        assert f"{BODY}\n\n{closing}" == clean(Article(raw=raw)).text
