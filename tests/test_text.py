"""Tests for newscorpus.text: paragraphs and sentences with offsets."""

from __future__ import annotations

import string
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import newscorpus.text
from newscorpus.errors import OptionsError
from newscorpus.testing._counting import growth
from newscorpus.testing.strategies import news_text
from newscorpus.text import paragraphs, sentences
from newscorpus.types import Article, Sentence, Span

SEEDS = Path(__file__).parent / "data" / "seeds"


def texts(source: str) -> list[str]:
    """Return the texts of the sentences of *source*."""
    return [s.text for s in sentences(source)]


def seed(prefix: str) -> str:
    """Return the text of the seed article whose file name starts with *prefix*."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def check_invariants(text: str) -> None:
    """Assert every offset invariant of sentences() and paragraphs() on *text*."""
    sents = sentences(text)
    paras = paragraphs(text)
    covered = [0] * len(text)
    for spans in (sents, paras):
        previous_end = 0
        for span in spans:
            assert text[span.start : span.end] == span.text
            assert span.text
            assert not span.text[0].isspace()
            assert not span.text[-1].isspace()
            assert previous_end <= span.start
            assert text[previous_end : span.start].strip() == ""
            previous_end = span.end
        assert text[previous_end:].strip() == ""
    for sentence in sents:
        for i in range(sentence.start, sentence.end):
            covered[i] += 1
        paragraph = paras[sentence.paragraph]
        assert paragraph.start <= sentence.start
        assert sentence.end <= paragraph.end
    assert all(count == 1 for char, count in zip(text, covered, strict=True) if not char.isspace())
    indices = [s.paragraph for s in sents]
    assert indices == sorted(indices)
    assert set(indices) == set(range(len(paras)))


class TestExports:
    def test_all(self) -> None:
        """__all__ is sorted and lists exactly the public names."""
        public = sorted(
            name
            for name, value in vars(newscorpus.text).items()
            if not name.startswith("_") and getattr(value, "__module__", None) == "newscorpus.text"
        )
        assert public == newscorpus.text.__all__


SEED_000 = (
    (
        "date 2022-02-25 In a massive development, Kremlin has announced that Russian President Vladimir Putin "
        "is ready to send a delegation to hold talks with Kyiv."
    ),
    (
        "According to state-run media Sputnik, Putin is ready to send a delegation to Minsk for negotiations "
        "with Ukraine."
    ),
    (
        "Kremlin spokesperson Dmitry Peskov has said that a Russian diplomatic delegation, including Foreign "
        "Ministry, Defence and Administration officials, could be sent to Minsk."
    ),
    (
        "This development comes shortly after the Russian President rejected Ukraine President Volodymyr "
        "Zelenskyy's offer for talks, demanding that Kyiv 'surrender' first."
    ),
    (
        "Earlier in the day, Russian Foreign Minister Sergey Lavrov said that Russia would be willing to resume "
        "negotiation through diplomatic channels if Ukraine's army agrees to lay down arms."
    ),
    '"We suggested talking about security guarantee last December with Zelenskyy.',
    "We want to have joint talks and make joint efforts to look forward to a joint security guarantee.",
    'He is well aware of the facts involving Ukraine, and should not pass on the blame at Russia," Lavrov said.',
    (
        "🔴 #LIVE: Russian Foreign Minister Sergey #Lavrov and Minister of Foreign Affairs of the LPR "
        "V.N.Deinego and Deputy Minister of Foreign Affairs of the DPR S.S.Peresada hold a joint "
        "press-conference following talks in Moscowhttps://t.co/XLWxOFFuS7https://t.co/vT7oZoHzGq — MFA Russia "
        "🇷🇺 (@mfa_russia) February 25, 2022"
    ),
    "Russia closes in on Kyiv",
    (
        "In swift-paced developments, Russian troops captured Vorzel village which is just 8 kilometres away "
        "from the Ukrainian capital on Thursday."
    ),
    "Ukraine's Defence Ministry has confirmed that Vorzel has fallen to Russian forces.",
)
SEED_001 = (
    (
        "date 2022-02-25 Russia-Ukraine War Latest News: Russian President Vladimir Putin on Friday asked the "
        "Ukrainian army to remove leadership in Kyiv even as the Ukrainian forces tried to fight off the "
        "Russian troops on the second day of the war that claimed dozens of lives."
    ),
    (
        "Calling the Ukrainian authorities ‘gang of drug addicts and neo-Nazis’, Putin said he is fighting "
        "‘terrorists’ and ‘neo-Nazis’ in Ukraine."
    ),
    "Also Read - Europe Has Enough Strength To Stop Russia's Aggression: Ukraine President Zelensky",
    (
        "Earlier in the day, Ukraine’s Defence Ministry said in a statement that more than 1,000 Russian "
        "servicemen had been killed in the Ukrainian conflict."
    ),
    (
        "“Russia has not suffered so many casualties during the fighting in any of its armed conflicts since "
        "its inception,” the ministry said."
    ),
    "Also Read - Russia Puts 'Partial Restriction' on Facebook Access Citing Censorship on State Media",
    (
        "Moreover, Ukraine President Volodymyr Zelensky decided to stay in Kyiv as his troops are busy fighting "
        "the Russian invaders."
    ),
    "“(The) enemy has marked me down as the number one target,” Zelensky warned in a video message.",
    "My family is the number two target.",
    "I will stay in the capital.",
    "My family is also in Ukraine,” he said.",
    (
        "Also Read - Russian Army Enters Kyiv For First Time, Ukraine Tells Citizens to Use Petrol Bombs to "
        "Neutralise Enemy | Key Points"
    ),
)
SEED_002 = (
    "Russia-Ukraine War: Ready for Ukraine dialogue if 'all Russian demands' met, says Vladimir Putin",
    (
        "During the second round of talks in Belarus on Thursday, Russia and Ukraine agreed to organize "
        "humanitarian corridors to evacuate civilians."
    ),
    "Russian President Vladimir Putin | Photo: Twitter Image",
    (
        "Russian President Vladimir Putin today held a telephonic conversation with German Chancellor Olaf "
        "Scholz during which he denied that Russian troops were bombing Ukrainian cities, dismissing such "
        "information as fake, the Kremlin has said."
    ),
    (
        "Putin said reports about “the alleged ongoing airstrikes of Kyiv and other large cities are gross "
        "propaganda fakes,” the Kremlin says in a statement."
    ),
    'According to the AFP news agency, Putin dismissed such information as "enormously falsified propaganda".',
    (
        "Moreover, giving a slight hope to the ongoing conflict, Putin said that dialogue on Ukraine would be "
        "possible only if Russian demands are met."
    ),
    (
        "Putin “confirmed that Russia is open to dialogue with the Ukrainian side, as well as with everyone who "
        "wants peace in Ukraine."
    ),
    "But under the condition that all Russian demands are met,” the Kremlin says, reported AFP.",
    (
        "Meanwhile, Ukraine is planning to hold the third round of talks with Russian officials to try to end "
        "the fighting triggered by Moscow's invasion this weekend, said one of Kyiv's negotiators."
    ),
)
SEED_003 = (
    "February 28, 2022",
    "1 min read",
    "No headway in Russia-Ukraine truce talks",
    (
        "Monday’s talks, which lasted for nearly five hours, took place in Belarus near the Russian and the "
        "Ukrainian borders."
    ),
    (
        "The next round will take place on the border between Belarus and Poland in the coming days…reports "
        "Asian Lite News"
    ),
    (
        "Moscow and Kiev have found certain points that could be agreed upon during the ceasefire talks hosted "
        "by Belarus, and will return for consultations before the next round, both delegations told reporters "
        "after the talks ended on Monday, RT reported."
    ),
    (
        "The main purpose of the talks was to discuss a ceasefire in Ukraine, said Mykhailo Podolyak, advisor "
        "to Ukraine President Volodymyr Zelensky."
    ),
    (
        "The two sides have identified a number of priority topics, on which “certain solutions have been "
        "outlined”, he added."
    ),
    (
        "The two delegations found points on which common positions could be reached, confirmed Vladimir "
        "Medinsky, aide to Russian President Vladimir Putin, RT reported."
    ),
    (
        "Monday’s talks, which lasted for nearly five hours, took place in Belarus near the Russian and the "
        "Ukrainian borders."
    ),
    "The next round will take place on the border between Belarus and Poland in the coming days, Medinsky said.",
    (
        "Ukraine’s delegation was led by Defence Minister Alexey Reznikov, and its main demand was an immediate "
        "ceasefire and withdrawal of all Russian troops from the country."
    ),
)


class TestSeeds:
    @pytest.mark.parametrize(
        ("prefix", "expected"), [("000", SEED_000), ("001", SEED_001), ("002", SEED_002), ("003", SEED_003)]
    )
    def test_first_sentences(self, prefix: str, expected: tuple[str, ...]) -> None:
        """The opening sentences of each seed article, checked by hand."""
        assert list(expected) == texts(seed(prefix))[: len(expected)]

    @pytest.mark.parametrize(("prefix", "count"), [("000", 20), ("001", 17), ("002", 20), ("003", 35)])
    def test_counts(self, prefix: str, count: int) -> None:
        """Each seed article has the hand-checked number of sentences."""
        assert count == len(sentences(seed(prefix)))

    @pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
    def test_invariants(self, prefix: str) -> None:
        """Offsets slice back and cover every non-whitespace character of each seed."""
        check_invariants(seed(prefix))

    def test_date_prefix_skips_leading_space(self) -> None:
        """The leading space of ' date 2022-02-25 ...' is outside the first sentence."""
        first = sentences(seed("000"))[0]
        assert (1, "date 2022-02-25 In a massive") == (first.start, first.text[:28])

    def test_tweet_is_one_sentence(self) -> None:
        """Initials glued to names and URLs glued to words never end a sentence."""
        tweet = sentences(seed("000"))[8]
        assert (2, "🔴 #LIVE:", "(@mfa_russia) February 25, 2022") == (
            tweet.paragraph,
            tweet.text[:8],
            tweet.text[-31:],
        )

    def test_url_and_pic_link(self) -> None:
        """A URL and a pic.twitter.com link stay inside the sentence that holds them."""
        assert (
            "Watch Republic's non-stop rolling coverage here: https://t.co/moPtwnNlWz pic.twitter.com/jP9iXxsvci "
            "— Republic (@republic) February 25, 2022"
        ) == texts(seed("000"))[16]

    def test_glued_also_read(self) -> None:
        """'in Ukraine.Also Read - ...' is split after the period, with nothing lost."""
        sents = sentences(seed("001"))
        assert ("in Ukraine.", "Also Read - Europe", sents[1].end) == (
            sents[1].text[-11:],
            sents[2].text[:18],
            sents[2].start,
        )

    def test_quote_after_sentence(self) -> None:
        """A sentence opening with a curly quote and a bracket starts after the previous period."""
        assert [
            "Moreover, Ukraine President Volodymyr Zelensky decided to stay in Kyiv as his troops are busy fighting "
            "the Russian invaders.",
            "“(The) enemy has marked me down as the number one target,” Zelensky warned in a video message.",
            "My family is the number two target.",
            "I will stay in the capital.",
            "My family is also in Ukraine,” he said.",
        ] == [s.text for s in sentences(seed("001")) if s.paragraph == 2][:5]

    def test_recent_stories_headlines(self) -> None:
        """Teaser headlines ending in '... -' are one sentence each, one per line."""
        assert [
            "(with agency inputs)",
            "RECENT STORIES",
            "-",
            "BAFTA 2026: Timothée Chalamet-Kylie Jenner Bring Romance, While Sadie Sink, Emma Stone & Other... -",
            "Madhubala Death Anniversary: Interesting Facts To Know About The Legendary Actress -",
            "'Tell Your Sons Of B****es To Fall Back': Leaked 2016 Audio Of 'El Mencho' Ordering Police Retreat... -",
            "Mumbai Crime: Bandra Railway Police Seize 13 kg Charas Worth ₹13.83 Crore From Unclaimed Bag On... -",
            "Splitsvilla 16 First Ideal Match: Are Gauresh Gujral & Akanksha Choudhary Dating In Real Life?",
        ] == texts(seed("002"))[-8:]

    def test_ellipsis_before_lowercase(self) -> None:
        """'days…reports' and 'Balochistan….reports' are no sentence ends."""
        sents = texts(seed("003"))
        assert "coming days…reports Asian Lite News" == sents[4][-35:]
        assert (
            "The latest killings have reignited accusations of extrajudicial executions and the use of "
            "counterterrorism laws to cover up custodial deaths in Balochistan….reports Asian Lite News Concerns "
            "have deepened across Balochistan following the"
        ) == sents[22]

    def test_headline_lines_are_sentences(self) -> None:
        """Lines without final punctuation are sentences and paragraphs of their own."""
        sents = sentences(seed("003"))
        assert [("February 28, 2022", 0), ("1 min read", 1), ("No headway in Russia-Ukraine truce talks", 2)] == [
            (s.text, s.paragraph) for s in sents[:3]
        ]
        assert ["Go toTop", "Don't Miss"] == [s.text for s in sents[29:31]]

    def test_paragraph_indices(self) -> None:
        """Sentences of seed 002 carry the index of their line-separated paragraph."""
        sents = sentences(seed("002"))
        assert [0, 1, 2, 3, 4, 5, 6, 7, 7, 8] == [s.paragraph for s in sents[:10]]


class TestParagraphs:
    def test_blank_lines(self) -> None:
        """Blank lines, including whitespace-only ones, separate paragraphs."""
        text = "First one.\n\nSecond one.\n \t \nThird."
        assert ["First one.", "Second one.", "Third."] == [p.text for p in paragraphs(text)]

    def test_single_newline_before_capital(self) -> None:
        """A single line break before a capitalised line ends a paragraph."""
        assert ["Headline here", "Body text."] == [p.text for p in paragraphs("Headline here\nBody text.")]

    def test_wrapped_line(self) -> None:
        """A line opening with a lower-case letter continues the paragraph before it."""
        text = "He has repeatedly\npledged to stay,\nand he did.\nNext paragraph."
        assert ["He has repeatedly\npledged to stay,\nand he did.", "Next paragraph."] == [
            p.text for p in paragraphs(text)
        ]

    def test_lowercase_after_blank_line(self) -> None:
        """A lower-case line after a blank line still opens a new paragraph."""
        assert ["One", "two"] == [p.text for p in paragraphs("One\n\ntwo")]

    def test_offsets_and_whitespace(self) -> None:
        """Paragraphs exclude surrounding whitespace and keep their offsets."""
        assert (Span(start=2, end=5, text="Abc"), Span(start=10, end=13, text="Def")) == paragraphs(
            "  Abc \r\n\r\nDef\n"
        )

    def test_other_line_breaks(self) -> None:
        """Carriage returns and Unicode line separators break lines too."""
        assert ["One.", "Two.", "Three."] == [p.text for p in paragraphs("One.\rTwo.\u2028Three.")]

    def test_empty(self) -> None:
        """Empty and whitespace-only texts have no paragraphs and no sentences."""
        assert ((), (), (), ()) == (paragraphs(""), sentences(""), paragraphs(" \n\n\t"), sentences(" \n\n\t"))

    def test_article(self) -> None:
        """An article is read through its text."""
        article = Article(raw="Title\n\nBody.")
        assert paragraphs("Title\n\nBody.") == paragraphs(article)


class TestSentenceBasics:
    def test_offsets(self) -> None:
        """Sentences carry offsets into the text and their paragraph index."""
        assert (
            Sentence(start=0, end=9, text="Headline!", paragraph=0),
            Sentence(start=10, end=22, text="First point.", paragraph=1),
            Sentence(start=24, end=37, text="Second point?", paragraph=1),
        ) == sentences("Headline!\nFirst point.  Second point?\n")

    def test_headline_without_stop(self) -> None:
        """A line with no final punctuation followed by a line break is its own sentence."""
        assert ["Talks stall in Minsk", "Delegates left early."] == texts("Talks stall in Minsk\nDelegates left early.")

    def test_sentence_crosses_wrapped_line(self) -> None:
        """A sentence continues across a single line break before a lower-case word."""
        assert ["Trump has\nrepeatedly pledged it.", "Then he left."] == texts(
            "Trump has\nrepeatedly pledged it. Then he left."
        )

    def test_never_crosses_blank_line(self) -> None:
        """A sentence never crosses a blank line, even without final punctuation."""
        assert ["He said that", "the talks failed."] == texts("He said that\n\nthe talks failed.")

    def test_question_and_exclamation(self) -> None:
        """Question and exclamation marks end sentences, also in runs."""
        assert ["Why?", "Because!", "Really?!", "Yes."] == texts("Why? Because! Really?! Yes.")

    def test_lowercase_next_word(self) -> None:
        """A final mark followed by a lower-case word ends no sentence."""
        assert ['"Why?" he asked.', "Fine."] == texts('"Why?" he asked. Fine.')

    def test_number_after_period(self) -> None:
        """A period before a number ends a sentence after an ordinary word."""
        assert ["It ended in 2004.", "15 people died."] == texts("It ended in 2004. 15 people died.")

    def test_list_number(self) -> None:
        """A list number opening a sentence does not end it."""
        assert ["1. The first point.", "2. The second."] == texts("1. The first point. 2. The second.")

    def test_spaced_ellipsis(self) -> None:
        """A spaced ellipsis is kept in one sentence."""
        assert ["Stop. . . .", "Go on."] == texts("Stop. . . . Go on.")

    def test_article_text(self) -> None:
        """An article is segmented through its (possibly cleaned) text."""
        article = Article(raw="Junk. Body one. Body two.").remove([(0, 6)], rule="demo")
        assert ["Body one.", "Body two."] == [s.text for s in sentences(article)]
        assert (0, 9) == (sentences(article)[0].start, sentences(article)[0].end)

    @pytest.mark.parametrize("source", [None, b"bytes", 3])
    def test_wrong_type(self, source: object) -> None:
        """Anything but an article or a string is refused with the library's own error."""
        with pytest.raises(OptionsError):
            sentences(source)  # type: ignore[arg-type]
        with pytest.raises(OptionsError):
            paragraphs(source)  # type: ignore[arg-type]


class TestAbbreviations:
    @pytest.mark.parametrize(
        "text",
        [
            "Mr. Smith met Mrs. Jones and Ms. Lee.",
            "Dr. Who and Prof. Higgins spoke.",
            "Gen. Lt. Col. John Smith arrived.",
            "Sen. Warren, Rep. Ryan and Gov. Brown met.",
            "Pres. Obama spoke to St. Louis officials.",
            "Compare apples vs. Oranges here.",
            "Some fruit, e.g. Apples, are red.",
            "Some fruit, i.e. Apples, are red.",
            "He lives at No. 10 Downing Street.",
            "The rupee fell to Rs. 500 a share.",
            "It happened on Sept. 11 at noon.",
            "It was Jan. 5, Feb. 6, Aug. 7, Oct. 8, Nov. 9 and Dec. 10 again.",
            "The shop opens Wed. Jan. 5 and Mon.-Sun. 9 a.m. to noon.",
            "Apple Inc. Chief Executive Tim Cook spoke.",
            "Martin Luther King Jr. Day is a holiday.",
            "The U.S. President and the U.K. Prime Minister met at the U.N. Security Council.",
            "The E.U. Commission met at 9 a.m. Eastern on Tuesday.",
            "Acme Corp. Chairman and Widgets Ltd. Director met Smith Co. Staff.",
        ],
    )
    def test_no_end(self, text: str) -> None:
        """Abbreviations followed by names, numbers or dates end no sentence."""
        assert [text] == texts(text)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Shares of Apple Inc. The firm rose.", ["Shares of Apple Inc.", "The firm rose."]),
            ("He moved to the U.S. But he left.", ["He moved to the U.S.", "But he left."]),
            ("It starts at 9 a.m. The doors open early.", ["It starts at 9 a.m.", "The doors open early."]),
            ("Bread, milk etc. They bought all.", ["Bread, milk etc.", "They bought all."]),
            ("They met in Dec. Officials agreed.", ["They met in Dec.", "Officials agreed."]),
            ("He said No. The vote failed.", ["He said No.", "The vote failed."]),
        ],
    )
    def test_end(self, text: str, expected: list[str]) -> None:
        """Abbreviations that may close a sentence end one before a usual opener."""
        assert expected == texts(text)

    def test_all_capitals(self) -> None:
        """Abbreviations are recognised in all-capitals headlines."""
        assert ["MR. SMITH GOES TO WASHINGTON"] == texts("MR. SMITH GOES TO WASHINGTON")


class TestInitials:
    @pytest.mark.parametrize(
        "text",
        [
            "George W. Bush spoke.",
            "J.K. Rowling wrote it.",
            "John F. Kennedy and H. G. Wells met.",
            "Deputy V.N.Deinego and S.S.Peresada spoke.",
            "She holds a Ph.D. Degree in law.",
        ],
    )
    def test_no_end(self, text: str) -> None:
        """Initials, spaced or glued, end no sentence."""
        assert [text] == texts(text)

    def test_letter_before_opener(self) -> None:
        """A single capital letter ends a sentence before a usual opener."""
        assert ["They chose plan B.", "The rest left."] == texts("They chose plan B. The rest left.")


class TestNumbers:
    @pytest.mark.parametrize(
        "text",
        [
            "Profits rose 3.5% to $1.2bn this year.",
            "The index fell 0.75 points to 1,234.56 on Friday.",
            "Version 2.0.1 shipped at 10.30am today.",
        ],
    )
    def test_decimals(self, text: str) -> None:
        """Decimal points end no sentence."""
        assert [text] == texts(text)


class TestQuotes:
    def test_closing_quote_after_period(self) -> None:
        """A sentence ends after the closing quote that follows its period."""
        assert ['"We will fight."', "He said so."] == texts('"We will fight." He said so.')

    def test_opening_quote_after_period(self) -> None:
        """A sentence ends before the opening quote of the next one."""
        assert ["he said.", '"Next we go."'] == texts('he said. "Next we go."')

    def test_curly_quotes(self) -> None:
        """Curly double and single quotes work the same way."""
        assert ["“We will fight.”", "He said so.", "‘Fine.’", "She agreed."] == texts(
            "“We will fight.” He said so. ‘Fine.’ She agreed."
        )

    def test_question_in_quote_before_lowercase(self) -> None:
        """A question inside quotes followed by 'he asked' stays one sentence."""
        assert ["“Why now?” she asked."] == texts("“Why now?” she asked.")

    def test_brackets(self) -> None:
        """A closing bracket after a period belongs to the sentence it closes."""
        assert ["The firm (Acme Corp.) grew.", "(This is an aside.)", "Next."] == texts(
            "The firm (Acme Corp.) grew. (This is an aside.) Next."
        )

    def test_nested_quotes(self) -> None:
        """Nested closing quotes stay with their sentence."""
        assert ["He said: “She told me ‘Go.’”", "Then he left."] == texts("He said: “She told me ‘Go.’” Then he left.")


class TestEllipses:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("He paused... Then he left.", ["He paused...", "Then he left."]),
            ("He paused… Then he left.", ["He paused…", "Then he left."]),
            ("Wait... what was that?", ["Wait... what was that?"]),
            (
                "The next round is due in days…reports a wire service.",
                ["The next round is due in days…reports a wire service."],
            ),
            ("Coverage continues… 2 more to come.", ["Coverage continues… 2 more to come."]),
            ("Emma Stone & Other... -", ["Emma Stone & Other... -"]),
            ("He paused… “Never,” he said.", ["He paused…", "“Never,” he said."]),
        ],
    )
    def test_ellipsis(self, text: str, expected: list[str]) -> None:
        """An ellipsis ends a sentence only before a capitalised new start."""
        assert expected == texts(text)


class TestGlued:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Troops entered Ukraine.Also Read - Europe acts", ["Troops entered Ukraine.", "Also Read - Europe acts"]),
            ("It ended.”Also Read - More", ["It ended.”", "Also Read - More"]),
            ("Will it end?Also Read - More", ["Will it end?", "Also Read - More"]),
            ("They never saw it”Also Read - More", ["They never saw it”", "Also Read - More"]),
            ("He said.“Next one.”", ["He said.", "“Next one.”"]),
            ("Seats went to NATO.The rest waited.", ["Seats went to NATO.", "The rest waited."]),
        ],
    )
    def test_end(self, text: str, expected: list[str]) -> None:
        """A final mark glued to a capitalised word ends a sentence."""
        assert expected == texts(text)

    @pytest.mark.parametrize(
        "text",
        [
            "Use examples, e.g.The first one.",
            "He flew to the U.S.The plane was late.",
            "Meet Mr.Smith today.",
            "He visited St.Petersburg today.",
            "Prices rose 3.5%today.",
            "It rose 5.Then fell.",
            "Welcome to the U.S.-led coalition.",
            "Read it on news.com and BBC.co.uk today.",
        ],
    )
    def test_no_end(self, text: str) -> None:
        """Abbreviations, initials, numbers and domains glued to a word end no sentence."""
        assert [text] == texts(text)


class TestWeb:
    @pytest.mark.parametrize(
        "text",
        [
            "See https://t.co/abc.Def and https://x.com/a?Ref=Home!Now today.",
            "Talks in Moscowhttps://t.co/XLWx.Yz ended.",
            "Mail John.Smith@Example.Org today.",
            "Visit www.BBC.co.uk or bbc.co.uk or pic.twitter.com/xyz now.",
            "Go to Example.Org/Path.Html today.",
        ],
    )
    def test_never_split(self, text: str) -> None:
        """URLs, e-mail addresses and domains never hold a sentence end."""
        assert [text] == texts(text)

    def test_url_at_sentence_end(self) -> None:
        """A period after a URL still ends the sentence."""
        assert ["Read https://t.co/abc.", "Then go."] == texts("Read https://t.co/abc. Then go.")


class TestNonEnglish:
    def test_cjk(self) -> None:
        """CJK full stops, exclamation and question marks end sentences without spaces."""
        assert ["東京は晴れ。", "大阪は雨！", "本当？", "はい。"] == texts("東京は晴れ。大阪は雨！本当？はい。")

    def test_cjk_closing_bracket(self) -> None:
        """A closing corner bracket after a CJK full stop stays with its sentence."""
        assert ["「行く。」", "彼は言った。"] == texts("「行く。」彼は言った。")

    def test_danda(self) -> None:
        """The Devanagari danda ends a sentence."""
        assert ["यह एक वाक्य है।", "यह दूसरा है।"] == texts("यह एक वाक्य है। यह दूसरा है।")

    def test_cyrillic(self) -> None:
        """Cyrillic sentences split like Latin ones."""
        assert ["Москва молчит.", "Киев ждёт."] == texts("Москва молчит. Киев ждёт.")


news_chars = st.text(alphabet=string.ascii_letters[:6] + "AEUS.…!?\"'”“’)(\n \t\u00a0.0123/@:", max_size=200)


class TestProperties:
    @given(st.text())
    @example("a\n\nb")
    @example(".\u2028”A")
    @settings(deadline=None)
    def test_any_text(self, text: str) -> None:
        """Any text gives in-bound, sorted, non-overlapping spans that cover every non-space character."""
        check_invariants(text)

    @given(news_chars)
    @example('He said. "No." A.B. U.S.The x\n\ny')
    @settings(deadline=None)
    def test_news_like_text(self, text: str) -> None:
        """News-like text keeps every offset invariant."""
        check_invariants(text)

    @given(news_text())
    @settings(deadline=None)
    def test_news_text(self, text: str) -> None:
        """Generated scraped-news text keeps every offset invariant."""
        check_invariants(text)

    @given(news_chars)
    @settings(deadline=None)
    def test_article_equals_string(self, text: str) -> None:
        """An article is segmented exactly like its text."""
        article = Article(raw=text)
        assert (sentences(text), paragraphs(text)) == (sentences(article), paragraphs(article))


#: Units of hostile text, repeated to the size wanted.
HOSTILE = {
    "a-dot": "a.",
    "capital-dot": "Ab.",
    "dots": ".",
    "capitals": "A",
    "newlines": "\n",
    "short-lines": "A\n",
    "quotes": "“\"‘'”»)",
    "nested": '"' * 50 + "Hi." + "”" * 50 + " ",
    "titles": "Mr. ",
    "glued": "x.Y?",
    "url": "https://t.co/A.B?C!D ",
    "cjk": "。！",
}


def repeated(unit: str, size: int) -> str:
    """Return *unit* repeated to *size* characters."""
    return (unit * (size // len(unit) + 1))[:size]


class TestHostile:
    @pytest.mark.parametrize("name", sorted(HOSTILE))
    @pytest.mark.parametrize("function", [sentences, paragraphs])
    def test_linear_work(self, name: str, function: Callable[[str], object]) -> None:
        """Ten times the hostile text takes at most about ten times the work (counted, not timed)."""
        small, large = (repeated(HOSTILE[name], size) for size in (20_000, 200_000))
        assert growth(function, [newscorpus.text], small, large) <= 12.0

    @pytest.mark.parametrize("name", sorted(HOSTILE))
    def test_invariants(self, name: str) -> None:
        """Hostile text gives no more sentences than characters and no more paragraphs than sentences."""
        text = repeated(HOSTILE[name], 200_000)
        sents, paras = sentences(text), paragraphs(text)
        assert (True, True) == (len(sents) <= len(text), len(paras) <= len(sents))
        assert all(text[s.start : s.end] == s.text for s in sents)
