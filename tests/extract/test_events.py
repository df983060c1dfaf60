"""Tests for newscorpus.extract.events: PLOVER-typed events with coded actors, places and dates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newscorpus as nc
from newscorpus import _gazetteer as gaz
from newscorpus.errors import OptionsError
from newscorpus.extract import EventLexicon, EventOptions, extract_events
from newscorpus.extract._event_lexicon import inflect
from newscorpus.testing.strategies import news_text
from newscorpus.types import Article, DatePrecision, Event, EventType

FRIDAY = dt.date(2022, 2, 25)


def events(text: str, date: dt.date | None = FRIDAY, **options: object) -> tuple[Event, ...]:
    """Return the events of *text* as an article of *date*."""
    opts = EventOptions(**options) if options else None  # type: ignore[arg-type]
    return extract_events(Article(raw=text, date=date), options=opts)


def only(text: str, date: dt.date | None = FRIDAY) -> Event:
    """Return the only event of *text*."""
    found = events(text, date)
    assert 1 == len(found), found
    return found[0]


class TestSeeds:
    def test_troops_captured_a_village_on_thursday(self) -> None:
        """A capture is an ASSAULT by RUS/MIL in Vorzel (UKR), on the Thursday before a Friday article."""
        event = only("Russian troops captured Vorzel village near Kyiv on Thursday.")
        assert EventType.ASSAULT == event.type
        assert [("Russian troops", "RUS", "MIL")] == [(a.text, a.country, a.sector) for a in event.actors]
        assert event.location is not None
        assert ("Vorzel", "UKR", "clause") == (event.location.text, event.location.country, event.location_source)
        assert event.date is not None
        date = event.date
        assert (dt.date(2022, 2, 24), DatePrecision.DAY, True) == (date.value, date.precision, date.stated)
        assert "Thursday" == (event.date.text.text if event.date.text else None)

    def test_two_sides_agreed(self) -> None:
        """ "Russia and Ukraine agreed" is one reciprocal AGREE with two actors; no article date, no date."""
        event = only("Russia and Ukraine agreed to organize humanitarian corridors.", date=None)
        assert EventType.AGREE == event.type
        assert ["RUS", "UKR"] == [a.country for a in event.actors]
        assert (True, event.actors) == (event.reciprocal, event.recipients)
        assert None is event.date

    def test_forces_put_on_highest_alert(self) -> None:
        """Putting forces on alert is a MOBILIZE by RUS, the trigger spanning the frame."""
        event = only("Russia has put its nuclear deterrent forces on highest alert.")
        assert (EventType.MOBILIZE, "alert") == (event.type, event.mode)
        assert "put its nuclear deterrent forces on highest alert" == event.trigger.text
        assert ["RUS"] == [a.country for a in event.actors]

    def test_telephone_conversation(self) -> None:
        """A telephone conversation is a CONSULT between RUS and DEU."""
        event = only(
            "Russian President Vladimir Putin held a telephonic conversation with German Chancellor Olaf Scholz."
        )
        assert EventType.CONSULT == event.type
        assert (["RUS"], ["DEU"]) == ([a.country for a in event.actors], [r.country for r in event.recipients])
        assert "Vladimir Putin" == event.actors[0].name


class TestArguments:
    def test_passive_is_turned_around(self) -> None:
        """In "was attacked by X", X acts and the subject receives."""
        event = only("The convoy was attacked by rebels on Monday.")
        assert (["rebels"], ["The convoy"]) == ([a.text for a in event.actors], [r.text for r in event.recipients])

    def test_count_before_a_bare_participle_is_the_victim(self) -> None:
        """ "Five shot near a stadium": a headline's count before a bare participle is what happened to."""
        event = events("Five shot near a stadium in Lyon")[0]
        assert ((), ["Five"]) == (event.actors, [r.text for r in event.recipients])
        active = only("Three gunmen killed two soldiers in Lyon.")
        assert ["Three gunmen"] == [a.text for a in active.actors]
        protest = only("Thousands of farmers demonstrated in Lyon.")
        assert ["Thousands of farmers"] == [a.text for a in protest.actors]

    def test_metonyms_resolve(self) -> None:
        """The Kremlin is RUS/GOV."""
        event = only("The Kremlin rejected the proposal.")
        assert (EventType.REJECT, ("RUS", "GOV")) == (event.type, (event.actors[0].country, event.actors[0].sector))

    def test_pronoun_subject_is_the_speaker(self) -> None:
        """In "Iraq said it would allow", the actor is Iraq."""
        event = only("Iraq said it would allow the inspectors to return.")
        assert ["Iraq"] == [a.text for a in event.actors]

    def test_casualties(self) -> None:
        """Stated casualty figures are read."""
        event = only("Militants attacked the town on Monday, killing 12 people and wounding 30.")
        assert (12, 30) == (event.killed, event.injured)

    def test_dateline_location(self) -> None:
        """Without a place in the sentence, the dateline gives the location, and says so."""
        event = only("KYIV, Ukraine — Police arrested 20 protesters on Sunday.")
        assert event.location is not None
        assert ("UKR", "dateline") == (event.location.country, event.location_source)

    def test_a_day_after_since_is_background(self) -> None:
        """ "Since the result was confirmed on Wednesday" dates when a state began, not the opening's event."""
        text = (
            "Police arrest protest leaders\n\nPolice arrested three protest leaders. "
            "Crowds have gathered since the result was confirmed on Wednesday."
        )
        main = next(e for e in events(text) if e.main)
        assert (FRIDAY, False) == ((main.date.value, main.date.stated) if main.date else None)

    def test_words_before_a_noun_trigger_modify_it(self) -> None:
        """ "Stadium rally shooting": the words before a noun trigger are no actor unless they name one."""
        found = events("Stadium rally shooting leaves five hurt near Lyon")
        assert [("shooting", ())] == [(e.trigger.text, e.actors) for e in found]
        airstrikes = events("Israeli airstrikes on Gaza overnight")[0]
        assert ["ISR"] == [a.country for a in airstrikes.actors]

    def test_a_name_before_a_noun_trigger_acts(self) -> None:
        """A person's name right before a noun trigger ("Lady Gaga protests") is its actor."""
        event = events("Senator Anna Berg protests outside the parliament in Paris")[0]
        assert ["Senator Anna Berg"] == [a.text for a in event.actors]


class TestModality:
    def test_denial_negates(self) -> None:
        """ "denied bombing" is a negated ASSAULT whose actor is the one who denied."""
        event = only("The Kremlin denied bombing the hospital.")
        assert (EventType.ASSAULT, True, "The Kremlin") == (event.type, event.negated, event.actors[0].text)

    def test_plans_are_hypothetical(self) -> None:
        """An attack planned is hypothetical; options can drop it."""
        assert only("The rebels plan to attack the city.").hypothetical
        assert () == events("The rebels plan to attack the city.", hypothetical=False)

    def test_reported(self) -> None:
        """An attack a source reports is flagged reported."""
        assert only("Troops shelled the town, officials said.").reported

    def test_a_cue_inside_a_hyphenated_word_reports_nothing(self) -> None:
        """ "stated" reports; "over-stated" is another word and reports nothing."""
        assert only("Rebels attacked the base, officials stated.").reported
        assert not only("Rebels attacked the base in an over-stated show of force.").reported

    def test_main_event(self) -> None:
        """Exactly one event is the main one: the first that happened."""
        found = events("Rebels may attack. Troops shelled the town. Police arrested 12 people.")
        assert [False, True, False] == [e.main for e in found]

    def test_opening_day_not_a_clock_time(self) -> None:
        """The main event takes the day the opening names, not a bare clock time resolved to the article's day."""
        text = (
            "Police arrest a driver after a bus crash\n\n"
            "Police arrested the driver of a bus. The bus crashed near Lyon on Thursday morning. "
            "The crash happened at about 6.10am."
        )
        main = next(e for e in events(text) if e.main)
        assert dt.date(2022, 2, 24) == main.date.value if main.date else None

    def test_opening_day_a_few_sentences_in(self) -> None:
        """Captions and teasers push the opening's day a few sentences down; it still dates the main event."""
        text = (
            "Police arrest a driver\n\nPolice arrested the driver of a bus. Photo one. Photo two. "
            "Photo three. Photo four. Photo five. The bus crashed near Lyon on Thursday."
        )
        main = next(e for e in events(text) if e.main)
        assert dt.date(2022, 2, 24) == main.date.value if main.date else None

    def test_day_where_the_acting_person_is_named_again(self) -> None:
        """An opening without a day: the main event takes the latest day of the week before the article's date
        stated where its acting person is named again, not an older day nor one of someone else."""
        text = (
            "Adler blames storm damage on the weather office\n\n"
            "Mayor Jonas Adler blamed the weather office for the storm damage. "
            + "Roofs were torn off across the valley. "
            * 9
            + "Officials from the weather office met on Wednesday. "
            "Mr Adler first wrote to the office on Sunday, and Adler spoke to reporters on Tuesday."
        )
        main = next(e for e in events(text) if e.main)
        assert main.date is not None
        assert (dt.date(2022, 2, 22), True, "Tuesday") == (
            main.date.value,
            main.date.stated,
            main.date.text.text if main.date.text else None,
        )

    def test_no_person_named_again_keeps_the_article_date(self) -> None:
        """Without a later sentence naming the acting person with a day, the article's date stays, not stated."""
        text = (
            "Adler blames storm damage on the weather office\n\n"
            "Mayor Jonas Adler blamed the weather office for the storm damage. "
            + "Roofs were torn off across the valley. " * 9
            + "Officials from the weather office met on Wednesday. Mr Adler spoke in March 2020."
        )
        main = next(e for e in events(text) if e.main)
        assert (FRIDAY, False) == ((main.date.value, main.date.stated) if main.date else None)


class TestLexicon:
    def test_inflection(self) -> None:
        """Verbs are inflected by rule."""
        assert ("seize", "seizes", "seized", "seizing") == inflect("seize")

    def test_user_lexicon_with_category(self) -> None:
        """A user's entries add triggers, with their own category label."""
        lexicon = EventLexicon.default() + EventLexicon.from_rows([("ASSAULT", "-", "v", "loot", "Riots")])
        (event,) = extract_events("Crowds looted shops.", options=EventOptions(lexicon=lexicon))
        assert (EventType.ASSAULT, "Riots") == (event.type, event.category)

    def test_first_words_after_any_separator(self) -> None:
        """A trigger opens a text or follows a space, line break, quotation mark or bracket, never a hyphen or a
        letter; a text whose lower case is longer than itself ("İ") is read as written."""
        text = 'Attacked.\nattacked "attacked (attacked reattacked re-attacked “attacked attacked'
        found = [(m.start, text[m.start : m.end]) for m in EventLexicon.default().find(text)]
        assert [0, 10, 20, 30, 63, 72] == [start for start, _ in found]
        assert {"Attacked", "attacked"} == {word for _, word in found}
        turkish = "İstanbul: rebels attacked the base."
        assert [17] == [m.start for m in EventLexicon.default().find(turkish)]

    def test_a_phrase_spanning_its_widest_gap_still_fires(self) -> None:
        """A phrase whose gap holds six words of thirty letters and whose words are three spaces apart is found;
        one more gap word is too far, as the pattern says."""
        lexicon = EventLexicon.from_rows([("MOBILIZE", "alert", "v", "put ... on alert")])
        filler = "   " + "   ".join(["x" * 30] * 6)
        widest = f"The army put{filler}   on   alert."
        too_far = f"The army put{filler}   {'y' * 30}   on   alert."
        assert [(widest.index("put"), widest.index("."))] == [(m.start, m.end) for m in lexicon.find(widest)]
        assert [] == list(lexicon.find(too_far))

    def test_bad_rows_raise_our_error(self) -> None:
        """A bad lexicon row raises OptionsError naming the row."""
        with pytest.raises(OptionsError, match="rows:1"):
            EventLexicon.from_rows([("PARTY", "-", "v", "dance")])

    def test_types_filter(self) -> None:
        """Only the types asked for are returned."""
        assert [EventType.COERCE] == [
            e.type for e in events("Troops shelled the town. Police arrested 12 people.", types={"COERCE"})
        ]


class TestPipeline:
    def test_events_stage_uses_the_computed_records(self) -> None:
        """events.v1 runs after sentences, time expressions and mentions, and fills Document.events."""
        doc = nc.Pipeline(["events.v1"], clean=None)(Article(raw="Rebels attacked the town on Monday.", date=FRIDAY))
        assert ("sentences.v1", "timex.v1", "mentions.v1", "events.v1") == doc.stages
        assert [EventType.ASSAULT] == [e.type for e in doc.events]
        assert dt.date(2022, 2, 21) == (doc.events[0].date.value if doc.events[0].date else None)


def _spans(event: Event) -> list[nc.Span]:
    spans: list[nc.Span] = [event.trigger, event.sentence, *event.actors, *event.recipients]
    if event.location is not None:
        spans.append(event.location)
    if event.date is not None and event.date.text is not None:
        spans.append(event.date.text)
    return spans


class TestProperties:
    @given(news_text())
    def test_spans_slice_back_and_codes_are_valid(self, text: str) -> None:
        """On any news-like text, every span slices back and every code is ISO alpha-3 or a listed organisation."""
        valid = {code for code, _ in gaz._tables().folded.values()} | gaz.igo_codes()
        for event in extract_events(text):
            for span in _spans(event):
                assert text[span.start : span.end] == span.text
            for mention in (*event.actors, *event.recipients):
                code = mention.country
                assert code is None or code in valid

    @given(st.text(max_size=300))
    def test_never_crashes_and_is_deterministic(self, text: str) -> None:
        """Any text gives a tuple of events, the same each time."""
        assert extract_events(text) == extract_events(text)

    @pytest.mark.parametrize(
        "unit",
        [
            "Rebels attacked and troops shelled, police arrested, they agreed and met. ",
            "Russian troops attacked Kyiv and police arrested protesters in Vorzel on Monday, officials said and ",
            "(NATO) (EU) attacked (UN) near Kyiv ",
        ],
    )
    def test_work_is_linear_on_hostile_input(self, unit: str, monkeypatch: pytest.MonkeyPatch) -> None:
        """Doubling a trigger-dense text (one endless sentence, too) at most doubles the characters read."""
        import newscorpus.extract._event_args as event_args
        from newscorpus.extract.mentions import extract_mentions
        from newscorpus.extract.timex import extract_timexes

        read = [0]
        real = event_args.token_table

        def counting(text: str, start: int, end: int) -> tuple[list[event_args.Token], list[int], list[str]]:
            read[0] += end - start
            return real(text, start, end)

        monkeypatch.setattr(event_args, "token_table", counting)
        work = []
        for size in (1, 2):
            article = Article(raw=unit * 300 * size, date=FRIDAY)
            split = nc.sentences(article)
            timexes = extract_timexes(article, sentences=split)
            mentions = extract_mentions(article, sentences=split)
            read[0] = 0
            found = extract_events(article, sentences=split, timexes=timexes, mentions=mentions)
            work.append((read[0], len(found)))
        assert work[1][0] <= 2 * work[0][0] + 1000
        assert work[1][1] <= 2 * work[0][1] + 2


class TestRecords:
    def test_events_round_trip_through_json(self) -> None:
        """A document with events reads back equal from its JSON line."""
        doc = nc.Pipeline(["events.v1"], clean=None)(
            Article(raw="Russian troops captured Vorzel village near Kyiv on Thursday, officials said.", date=FRIDAY)
        )
        assert doc.events
        assert doc == nc.from_json(nc.to_json(doc))

    def test_article_place_when_the_sentence_names_none(self) -> None:
        """An event whose sentence names no place takes the place the opening names most, and says so."""
        text = "Fighting in Mariupol.\\n\\nShelling hit Mariupol again. Residents fled. Troops attacked at dawn."
        last = events(text)[-1]
        assert last.location is not None
        assert ("Mariupol", "article") == (last.location.text, last.location_source)
