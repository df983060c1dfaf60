#!/usr/bin/env python3
"""Run newscorpus on an evaluation set and write predictions for its scorer.

    python eval/predict.py TASK GOLD.jsonl PRED.jsonl

TASK is one of ``clean``, ``keepdrop``, ``timex``, ``quotes``, ``events``.
Only the input fields of each record are read (``id``, ``raw`` or ``text``,
``dct`` or ``date``); gold labels (``gold``, ``keep``, ``drop``, ...) are never
looked at. ``keepdrop`` cleans the pages of a keep/drop set
(``keepdrop_*.jsonl``) as ``clean`` does. The output is one JSON object per
line in the format of ``score_TASK.py``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import newscorpus as nc

Record = dict[str, Any]


def _inputs(path: str) -> Iterator[Record]:
    """Yield each record's input fields only."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            yield {key: record[key] for key in ("id", "raw", "text", "dct", "date") if key in record}


def _date(record: Record) -> dt.date | None:
    value = record.get("dct") or record.get("date")
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _article(record: Record) -> nc.Article:
    raw = record.get("raw") if record.get("raw") is not None else record.get("text", "")
    return nc.Article(id=str(record["id"]), raw=raw, date=_date(record))


def predict_clean(record: Record) -> Record:
    article = nc.clean(_article(record))
    return {"id": record["id"], "text": article.text}


def predict_timex(record: Record) -> Record:
    timexes = nc.extract_timexes(_article(record))
    return {
        "id": record["id"],
        "timexes": [{"start": t.start, "end": t.end, "type": t.type.value, "value": t.value} for t in timexes],
    }


def _codes(mentions: tuple[nc.Mention, ...]) -> list[str]:
    """Return the country codes of *mentions*; organisations also as ``IGO``, as CAMEO-coded data write them."""
    from newscorpus._gazetteer import igo_codes

    codes: list[str] = []
    for mention in mentions:
        if mention.country and mention.country not in codes:
            codes.append(mention.country)
        if mention.country in igo_codes() and "IGO" not in codes:
            codes.append("IGO")
    return codes


def _phrase(mentions: tuple[nc.Mention, ...], text: str) -> str | None:
    """Return the text from the first to the last of *mentions* ("Russia and Ukraine")."""
    if not mentions:
        return None
    return text[min(m.start for m in mentions) : max(m.end for m in mentions)]


def predict_events(record: Record) -> Record:
    article = _article(record)
    out = []
    for event in nc.extract_events(article):
        out.append(
            {
                "type": event.type.value,
                "mode": event.mode,
                # The scorer's "who" is whoever the event involves: the actors, else (an agentless
                # passive: "seven people were killed") those it happened to.
                "actor": _phrase(event.actors or event.recipients, article.text),
                "target": _phrase(event.recipients, article.text),
                "location": event.location.text if event.location else None,
                "date": event.date.value.isoformat() if event.date else None,
                "start": event.trigger.start,
                "end": event.trigger.end,
                "main": event.main,
                "actor_codes": _codes(event.actors),
            }
        )
    return {"id": record["id"], "events": out}


QUOTE_OPTIONS = nc.QuoteOptions() if hasattr(nc, "QuoteOptions") else None


def predict_quotes(record: Record) -> Record:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", nc.QuoteWarning)
        quotes = nc.extract_quotes(_article(record), options=QUOTE_OPTIONS)
    rows = []
    for quote in quotes:
        row: Record = {"start": quote.start, "end": quote.end, "kind": quote.kind.value, "speaker": None}
        if quote.fragments:
            row["fragments"] = [[f.start, f.end] for f in quote.fragments]
        if quote.cue is not None:
            row.update(cue=quote.cue.text, cue_start=quote.cue.start, cue_end=quote.cue.end)
        if quote.speaker is not None:
            row.update(
                speaker=quote.speaker.name,
                speaker_name=quote.speaker.name,
                speaker_start=quote.speaker.start,
                speaker_end=quote.speaker.end,
            )
        rows.append(row)
    return {"id": record["id"], "quotes": rows}


def _missing(task: str) -> Callable[[Record], Record]:
    def run(record: Record) -> Record:
        raise SystemExit(f"predict.py: the {task} extractor is not part of newscorpus {nc.__version__} yet")

    return run


TASKS: dict[str, Callable[[Record], Record]] = {
    "clean": predict_clean if hasattr(nc, "clean") else _missing("clean"),
    "keepdrop": predict_clean if hasattr(nc, "clean") else _missing("keepdrop"),
    "timex": predict_timex if hasattr(nc, "extract_timexes") else _missing("timex"),
    "quotes": predict_quotes if hasattr(nc, "extract_quotes") else _missing("quotes"),
    "events": predict_events if hasattr(nc, "extract_events") else _missing("events"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("task", choices=sorted(TASKS))
    parser.add_argument("gold")
    parser.add_argument("pred")
    parser.add_argument(
        "--kinds",
        help="quotes task only: the quote kinds to output, comma-separated (direct,mixed,indirect; default all)",
    )
    args = parser.parse_args(argv)
    if args.kinds:
        global QUOTE_OPTIONS
        QUOTE_OPTIONS = nc.QuoteOptions(kinds={nc.QuoteKind(k.strip()) for k in args.kinds.split(",")})
    run = TASKS[args.task]
    started = time.perf_counter()
    count = 0
    with open(args.pred, "w", encoding="utf-8") as out:
        for record in _inputs(args.gold):
            out.write(json.dumps(run(record), ensure_ascii=False) + "\n")
            count += 1
    elapsed = time.perf_counter() - started
    print(f"predict.py: {args.task}: {count} records in {elapsed:.2f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
