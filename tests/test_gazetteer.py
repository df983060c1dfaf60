"""Tests for newscorpus._gazetteer: countries, places, organisations, metonyms and sectors."""

from __future__ import annotations

import importlib.util
import pathlib
import sys
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newscorpus import _gazetteer as gaz
from newscorpus.testing.strategies import news_text

ROOT = pathlib.Path(__file__).resolve().parent.parent


def _table(name: str) -> list[list[str]]:
    text = resources.files("newscorpus").joinpath("data", "gazetteer", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def _iso_codes() -> set[str]:
    """The ISO 3166-1 alpha-3 codes of the generated country table (built from ISO 3166 itself)."""
    return {row[1] for row in _table("countries.tsv")}


class TestCountry:
    @pytest.mark.parametrize(
        ("name", "expected"),
        [
            ("Russia", "RUS"),
            ("Russian Federation", "RUS"),
            ("Russian", "RUS"),
            ("Russians", "RUS"),
            ("U.S.", "USA"),
            ("US", "USA"),
            ("United States", "USA"),
            ("the United States of America", "USA"),
            ("America", "USA"),
            ("American", "USA"),
            ("Britain", "GBR"),
            ("British", "GBR"),
            ("UK", "GBR"),
            ("Ukraine's", "UKR"),
            ("Ukrainian", "UKR"),
            ("Germany", "DEU"),
            ("German", "DEU"),
            ("Palestinians", "PSE"),
            ("Israelis", "ISR"),
            ("NATO", "NATO"),
            ("the European Union", "EU"),
            ("U.N.", "UN"),
        ],
    )
    def test_names_variants_and_demonyms(self, name: str, expected: str) -> None:
        """A country name, a variant, a demonym or an organisation gives its code."""
        assert expected == gaz.country(name)

    @pytest.mark.parametrize("word", ["us", "who", "banana", "", "the"])
    def test_words_are_not_countries(self, word: str) -> None:
        """Lower-case words that spell an abbreviation, and unknown words, give no code."""
        assert None is gaz.country(word)


class TestPlace:
    @pytest.mark.parametrize(
        ("name", "country", "kind"),
        [
            ("Vorzel", "UKR", "city"),
            ("Kyiv", "UKR", "capital"),
            ("Kiev", "UKR", "capital"),
            ("Paris", "FRA", "capital"),
        ],
    )
    def test_places_carry_their_country(self, name: str, country: str, kind: str) -> None:
        """Capitals (with their other spellings) and cities give their country and kind."""
        found = gaz.place(name)
        assert found is not None
        assert (country, kind) == (found.country, found.kind)

    def test_regions(self) -> None:
        """First-level regions come with their country."""
        found = gaz.place("California")
        assert found is not None
        assert ("USA", "region") == (found.country, found.kind)

    def test_function_words_are_not_places(self) -> None:
        """English function words and month names are left out even where a town bears them."""
        assert (None, None) == (gaz.place("the"), gaz.place("May"))


class TestMetonym:
    @pytest.mark.parametrize(
        ("name", "expected"),
        [
            ("the Kremlin", ("RUS", "GOV")),
            ("Kremlin", ("RUS", "GOV")),
            ("the White House", ("USA", "GOV")),
            ("Downing Street", ("GBR", "GOV")),
            ("Washington", ("USA", "GOV")),
            ("Brussels", ("EU", "GOV")),
            ("Kyiv", ("UKR", "GOV")),
            ("Moscow", ("RUS", "GOV")),
        ],
    )
    def test_seats_and_capitals_stand_for_governments(self, name: str, expected: tuple[str, str]) -> None:
        """Seats of government and capitals resolve to the government of their country."""
        assert expected == gaz.metonym(name)

    def test_a_city_is_no_metonym(self) -> None:
        """A city that is not a capital does not stand for a government."""
        assert None is gaz.metonym("Vorzel")


class TestSector:
    @pytest.mark.parametrize(
        ("noun", "expected"),
        [
            ("troops", "MIL"),
            ("army", "MIL"),
            ("forces", "MIL"),
            ("ministry", "GOV"),
            ("government", "GOV"),
            ("President", "GOV"),
            ("minister", "GOV"),
            ("officials", "GOV"),
            ("rebels", "REB"),
            ("militants", "REB"),
            ("police", "COP"),
            ("residents", "CVL"),
            ("civilians", "CVL"),
            ("protesters", "CVL"),
            ("opposition", "OPP"),
            ("party", "PTY"),
            ("company", "BUS"),
            ("newspaper", "MED"),
            ("Ministry of Defence", "GOV"),
            ("Prime Minister", "GOV"),
            ("weather", None),
        ],
    )
    def test_head_nouns_and_titles(self, noun: str, expected: str | None) -> None:
        """A head noun or title gives its sector."""
        assert expected == gaz.sector(noun)


class TestCode:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Russian troops", ("RUS", "MIL")),
            ("Ukraine's Defence Ministry", ("UKR", "GOV")),
            ("the Kremlin", ("RUS", "GOV")),
            ("Kyiv", ("UKR", "GOV")),
            ("Brussels", ("EU", "GOV")),
            ("NATO", ("NATO", "IGO")),
            ("German Chancellor Olaf Scholz", ("DEU", "GOV")),
            ("Israeli soldiers", ("ISR", "MIL")),
            ("the rebels", (None, "REB")),
            ("Russia", ("RUS", None)),
            ("the weather", (None, None)),
        ],
    )
    def test_mentions_get_country_and_sector(self, text: str, expected: tuple[str | None, str | None]) -> None:
        """A mention's text gives the country of its first known name and the sector of its head."""
        assert expected == gaz.code(text)


class TestFindPlaces:
    def test_finds_names_in_order_with_offsets(self) -> None:
        """Countries, demonyms, places and organisations are found in order, and their spans slice back."""
        text = "Russian troops entered Vorzel near Kyiv on Thursday, NATO said, as talks began in New York."
        hits = gaz.find_places(text)
        assert [("Russian", "RUS"), ("Vorzel", "UKR"), ("Kyiv", "UKR"), ("NATO", "NATO"), ("New York", "USA")] == [
            (hit.text, hit.code) for hit in hits
        ]
        assert all(text[hit.start : hit.end] == hit.text for hit in hits)

    def test_possessive_is_left_out_of_the_span(self) -> None:
        """A possessive 's is not part of the name found."""
        assert ["Ukraine"] == [hit.text for hit in gaz.find_places("Ukraine's army advanced.")]

    @given(news_text())
    def test_spans_slice_back_on_any_text(self, text: str) -> None:
        """Every hit on any text is in bounds and slices back to its text."""
        for hit in gaz.find_places(text):
            assert text[hit.start : hit.end] == hit.text

    @given(st.text(max_size=200))
    def test_never_crashes(self, text: str) -> None:
        """Any text gives a list of hits and a (country, sector) pair."""
        assert isinstance(gaz.find_places(text), list)
        assert 2 == len(gaz.code(text))

    def test_work_is_linear(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Look-ups grow linearly with the text: doubling a hostile text at most doubles them."""
        calls = [0]
        real = gaz._lookup

        def counting(phrase: str) -> tuple[str, str] | None:
            calls[0] += 1
            return real(phrase)

        monkeypatch.setattr(gaz, "_lookup", counting)
        unit = "Aa Bb Cc Dd Ee Ff Gg-Hh of the Ii " * 50
        counts = []
        for size in (1, 2):
            calls[0] = 0
            gaz.find_places(unit * 20 * size)
            counts.append(calls[0])
        assert counts[1] <= 2 * counts[0] + 10


class TestData:
    def test_every_code_is_iso_or_a_listed_organisation(self) -> None:
        """Every code of every table is an ISO 3166-1 alpha-3 code or a listed organisation code."""
        valid = _iso_codes() | gaz.igo_codes()
        codes = {row[1] for row in _table("places.tsv")}
        codes |= {row[1] for row in _table("aliases.tsv")} | {row[1] for row in _table("demonyms.tsv")}
        codes |= {row[1] for row in _table("metonyms.tsv")}
        assert set() == codes - valid
        assert all(len(c) == 3 and c.isupper() for c in _iso_codes())

    def test_generated_tables_are_sorted(self) -> None:
        """The generated tables are sorted, so a rebuild gives a small diff."""
        for name in ("countries.tsv", "places.tsv"):
            lines = ["\t".join(row) for row in _table(name)]
            assert sorted(lines) == lines

    @pytest.mark.skipif(importlib.util.find_spec("pycountry") is None, reason="build sources not installed")
    def test_build_is_deterministic_and_matches_the_shipped_files(self) -> None:
        """Rebuilding from the sources gives the shipped files byte for byte."""
        sys.path.insert(0, str(ROOT / "tools"))
        try:
            import build_gazetteer
        finally:
            sys.path.pop(0)
        assert 0 == build_gazetteer.main(["--check"])


class TestDocstrings:
    def test_examples_run(self) -> None:
        """The examples of the module's docstrings hold."""
        import doctest

        assert 0 == doctest.testmod(gaz).failed
