"""Dev-set floors: the evaluation scores must not fall below what was measured.

The evaluation sets live outside the repository (``../shared/eval``, next to a
checkout); without them these tests are skipped. Predictions come from
``eval/predict.py``, scores from the sets' own scorers.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"

#: Pinned floors per task: the last line's figures, a little under the measured ones.
FLOORS: dict[str, dict[str, float]] = {
    "clean": {"f1": 0.96, "recall": 0.96},
    "events": {
        "type_f1": 0.74,
        "date_acc": 0.70,
        "where_acc": 0.71,
        "who_acc": 0.86,
        "target_acc": 0.73,
        "country_acc": 0.87,
    },
    "keepdrop": {"keep": 0.925, "drop": 0.815},
    "quotes": {"overlap_f1": 0.70, "exact_f1": 0.38, "speaker_acc": 0.86},
    "timex": {"relaxed_f1": 0.945, "strict_f1": 0.885, "value_f1": 0.82},
}

#: Tasks whose gold file is not ``TASK/dev.jsonl``.
GOLD: dict[str, Path] = {"keepdrop": EVAL / "clean" / "keepdrop_dev.jsonl"}


def _score(task: str, tmp_path: Path) -> dict[str, float]:
    gold = GOLD.get(task, EVAL / task / "dev.jsonl")
    pred = tmp_path / f"{task}.jsonl"
    subprocess.run(
        [sys.executable, str(ROOT / "eval" / "predict.py"), task, str(gold), str(pred)],
        check=True,
        capture_output=True,
    )
    result = subprocess.run(
        [sys.executable, str(EVAL / f"score_{task}.py"), str(gold), str(pred)],
        check=True,
        capture_output=True,
        text=True,
    )
    last = result.stdout.strip().splitlines()[-1]
    return {key: float(value) for key, value in re.findall(r"(\w+)=([0-9.]+)", last)}


@pytest.mark.skipif(not EVAL.is_dir(), reason="the evaluation sets are not next to this checkout")
class TestDevFloors:
    @pytest.mark.parametrize("task", sorted(FLOORS))
    def test_floor(self, task: str, tmp_path: Path) -> None:
        """The dev scores stay at or above their pinned floors."""
        scores = _score(task, tmp_path)
        for metric, floor in FLOORS[task].items():
            assert scores[metric] >= floor, f"{task} {metric} {scores[metric]:.3f} fell below {floor:.3f}"
