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


def _missing(task: str) -> Callable[[Record], Record]:
    def run(record: Record) -> Record:
        raise SystemExit(f"predict.py: the {task} extractor is not part of newscorpus {nc.__version__} yet")

    return run


TASKS: dict[str, Callable[[Record], Record]] = {
    "clean": predict_clean if hasattr(nc, "clean") else _missing("clean"),
    "keepdrop": predict_clean if hasattr(nc, "clean") else _missing("keepdrop"),
    "timex": predict_timex if hasattr(nc, "extract_timexes") else _missing("timex"),
    "quotes": _missing("quotes"),
    "events": _missing("events"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("task", choices=sorted(TASKS))
    parser.add_argument("gold")
    parser.add_argument("pred")
    args = parser.parse_args(argv)
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
