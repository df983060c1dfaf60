"""Tests for newscorpus.extract.mentions: names, kinds and within-article resolution."""

from __future__ import annotations

import pathlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newscorpus as nc
from newscorpus.errors import OptionsError
from newscorpus.extract import MentionOptions, extract_mentions
from newscorpus.extract import mentions as mentions_module
from newscorpus.testing.strategies import news_text
from newscorpus.types import EntityKind

SEEDS = pathlib.Path(__file__).resolve().parent.parent / "data" / "seeds"


def found(text: str, **options: object) -> list[tuple[str, str, str]]:
    """Return (text, kind, name) of the mentions in *text*."""
    opts = MentionOptions(**options) if options else None  # type: ignore[arg-type]
    return [(m.text, m.kind.name, m.name) for m in extract_mentions(text, options=opts)]


class TestNames:
    def test_title_and_name(self) -> None:
        """A title before a name makes a person; the name leaves the title out."""
        assert [("Foreign Minister Anna Berg", "PERSON", "Anna Berg")] == found("Foreign Minister Anna Berg left.")

    def test_particles_stay_inside(self) -> None:
        """Particles such as van, de and bin stay inside a name."""
        assert ["Ursula van Dalen"] == [m[0] for m in found("They met Ursula van Dalen in private.")]

    def test_organisation_head(self) -> None:
        """An organisation head word makes the run an organisation."""
        assert [("Ministry of Health", "ORGANIZATION")] == [m[:2] for m in found("They asked the Ministry of Health.")]

    def test_acronym_is_organisation(self) -> None:
        """An all-capitals word is an organisation."""
        assert [("NATO", "ORGANIZATION")] == [m[:2] for m in found("He spoke about NATO again.")]

    def test_seat_of_government(self) -> None:
        """The Kremlin stands for a government."""
        (mention,) = extract_mentions("He said the Kremlin had agreed.")
        assert ("Kremlin", EntityKind.ORGANIZATION, "RUS", "GOV") == (
            mention.text,
            mention.kind,
            mention.country,
            mention.sector,
        )

    def test_sentence_initial_words_are_not_names(self) -> None:
        """Capitalised function words and adverbs opening a sentence are not names."""
        assert [] == found("Meanwhile the talks ended. However, nothing changed.")

    def test_months_and_weekdays_are_not_names(self) -> None:
        """Month and weekday names are never names."""
        assert [] == found("They met on Monday, in March.")

    def test_headline_in_title_case(self) -> None:
        """A headline written in title case gives no names."""
        assert [] == found("Talks Stall As Winter Sets In\nnothing else here.")

    def test_place_after_preposition(self) -> None:
        """A single name after in, at or near is a place."""
        assert [("Lyon", "PLACE")] == [m[:2] for m in found("The talks were held in Lyon.")]

    def test_group_nouns(self) -> None:
        """Group nouns are mentions of kind GROUP."""
        assert [("officials", "GROUP")] == [m[:2] for m in found("The vote was delayed, officials said.")]

    def test_groups_can_be_left_out(self) -> None:
        """With groups=False only names are returned."""
        assert [] == found("The vote was delayed, officials said.", groups=False)


class TestCountryAndSector:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Later, Russian troops crossed.", ("Russian troops", EntityKind.GROUP, "RUS", "MIL")),
            (
                "Ukraine's Defence Ministry spoke.",
                ("Ukraine's Defence Ministry", EntityKind.ORGANIZATION, "UKR", "GOV"),
            ),
            ("He said Kyiv said no.", ("Kyiv", EntityKind.ORGANIZATION, "UKR", "GOV")),
            ("They met NATO leaders.", ("NATO leaders", EntityKind.GROUP, "NATO", "GOV")),
        ],
    )
    def test_codes(self, text: str, expected: tuple[str, EntityKind, str, str]) -> None:
        """Country and sector come from what the text says."""
        assert [expected] == [(m.text, m.kind, m.country, m.sector) for m in extract_mentions(text)]

    def test_person_title_gives_codes(self) -> None:
        """A person's title and demonym give the country and sector."""
        (mention,) = extract_mentions("Then Russian Foreign Minister Anna Berg left.")
        assert ("RUS", "GOV", "Anna Berg") == (mention.country, mention.sector, mention.name)

    def test_capital_as_place(self) -> None:
        """A capital that does not speak is a place."""
        assert [("Kyiv", EntityKind.PLACE)] == [(m.text, m.kind) for m in extract_mentions("They drove to Kyiv.")]

    def test_description_takes_codes(self) -> None:
        """The ministry takes the codes of the ministry it refers to."""
        mentions = extract_mentions("Ukraine's Defence Ministry spoke. Then the ministry said more.")
        assert ("UKR", "GOV") == (mentions[-1].country, mentions[-1].sector)


class TestResolution:
    def test_surname_resolves_to_full_name(self) -> None:
        """A surname alone resolves to the full name met earlier."""
        names = found("Talks with Anna Berg ended. Later Berg left. Minister Berg spoke.")
        assert ["Anna Berg", "Anna Berg", "Anna Berg"] == [m[2] for m in names]

    def test_spelling_variants_unify(self) -> None:
        """Spellings that differ by a doubled letter resolve to the first one."""
        names = found("Then Olek Zelensky spoke. Later, Olek Zelenskyy and Zelenskyy left.")
        assert {"Olek Zelensky"} == {m[2] for m in names}

    def test_description_resolves_to_named_organisation(self) -> None:
        """The ministry resolves to the ministry named earlier."""
        names = found("The Defence Ministry of Ruritania spoke. Then the ministry said more.")
        assert "Defence Ministry of Ruritania" == names[-1][2]

    def test_no_resolution(self) -> None:
        """With resolve=False the name is as written."""
        assert ["Anna Berg", "Berg"] == [m[2] for m in found("It was Anna Berg. Then Berg left.", resolve=False)]


class TestOptions:
    def test_kinds_filter(self) -> None:
        """Only the kinds asked for are returned."""
        assert [("NATO", "ORGANIZATION")] == [
            m[:2] for m in found("Anna Berg spoke about NATO.", kinds={EntityKind.ORGANIZATION})
        ]

    def test_empty_kinds_rejected(self) -> None:
        """An empty set of kinds is an options error."""
        with pytest.raises(OptionsError):
            MentionOptions(kinds=frozenset())


class TestSeeds:
    @pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
    def test_spans_slice_back(self, path: pathlib.Path) -> None:
        """Every mention of a seed article slices back to the text, in order."""
        text = path.read_text(encoding="utf-8")
        mentions = extract_mentions(text)
        assert all(text[m.start : m.end] == m.text for m in mentions)
        assert sorted(mentions, key=lambda m: (m.start, m.end)) == list(mentions)

    def test_seed_names_resolve(self) -> None:
        """In the seed on the second day of war, Putin, Zelensky and the ministry resolve."""
        text = (SEEDS / "001_34e431218445ec97.txt").read_text(encoding="utf-8")
        names = {m.text: m.name for m in extract_mentions(text)}
        assert "Vladimir Putin" == names["President Putin"]
        assert "Volodymyr Zelensky" == names["Zelensky"]
        assert "Ukraine’s Defence Ministry" == names["the ministry"]


class TestProperties:
    @given(st.text(max_size=300))
    def test_any_text(self, text: str) -> None:
        """Any text gives mentions that slice back to it, sorted by offset."""
        mentions = extract_mentions(text)
        assert all(text[m.start : m.end] == m.text for m in mentions)
        assert sorted(mentions, key=lambda m: (m.start, m.end)) == list(mentions)

    @given(news_text())
    def test_deterministic(self, text: str) -> None:
        """The same text always gives the same mentions."""
        assert extract_mentions(text) == extract_mentions(text)


class TestPipeline:
    def test_registered_stage(self) -> None:
        """mentions.v1 fills Document.mentions after sentences.v1."""
        doc = nc.Pipeline(["mentions.v1"], clean=None)("Then Anna Berg spoke.")
        assert ("sentences.v1", "mentions.v1") == doc.stages
        assert ["Anna Berg"] == [m.text for m in doc.mentions]


class TestPrepositionCheck:
    @given(
        st.text(alphabet=st.sampled_from(list("inatINAT rsoe\u00a0\t\n\u3000.,“Kx")), max_size=30),
        st.integers(min_value=0, max_value=30),
    )
    def test_same_as_reading_the_last_word(self, text: str, start: int) -> None:
        """The check by the character before agrees with splitting the 12 characters before *start*."""
        start = min(start, len(text))
        words = text[max(0, start - 12) : start].split()
        expected = bool(words) and words[-1].lower() in mentions_module._PLACE_PREPOSITIONS
        quick = start < 2 or text[start - 1] != " " or text[start - 2] in mentions_module._MAY_END_PREPOSITION
        assert expected == (quick and mentions_module._after_preposition(text, start))

    def test_place_after_two_blanks(self) -> None:
        """A name two blanks after "in" is a place, as after one."""
        found = [(m.text, m.kind) for m in extract_mentions("Talks were held in  Kyiv on Monday.")]
        assert ("Kyiv", EntityKind.PLACE) in found
