"""Time expressions never depend on the wall clock: the same text gives the same values under any frozen clock."""

from __future__ import annotations

import datetime as dt

import pytest
from freezegun import freeze_time

import newscorpus as nc

TEXT = (
    "Talks ended on Monday and resume next week. Two days ago the ministry said it would act by Feb. 25, "
    "as it did last year, yesterday and earlier this month; the plan runs for five years, every Friday, until 2030."
)


def _values(reference: dt.date | None) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in nc.extract_timexes(TEXT, reference=reference)]


class TestWallClock:
    @pytest.mark.parametrize("reference", [dt.date(2022, 2, 25), dt.date(1998, 12, 31), None])
    def test_frozen_clocks_agree(self, reference: dt.date | None) -> None:
        """Freezing the clock at dates decades apart changes no span and no value."""
        with freeze_time("2001-06-15 12:00:00"):
            early = _values(reference)
        with freeze_time("2045-01-01 00:00:01"):
            late = _values(reference)
        assert early == late
        assert early

    def test_without_anchor_unknown_parts_stay_x(self) -> None:
        """With no reference and a frozen clock, relative values keep their unknown parts as X."""
        with freeze_time("2022-02-25"):
            values = dict(_values(None))
        assert "XXXX-WXX-1" == values["Monday"]
        assert "XXXX-02-25" == values["Feb. 25"]
