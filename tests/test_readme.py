"""The README's Python example runs as written, as a script without a ``__main__`` guard."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


class TestReadme:
    @pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
    def test_use_example_runs(self, tmp_path: Path) -> None:
        """The "Use" example runs from the project's root and writes the four seed documents."""
        readme = (ROOT / "README.md").read_text(encoding="utf-8")
        code = re.search(r"```python\n(.*?)```", readme, re.S)
        assert code is not None
        script = tmp_path / "example.py"
        script.write_text(code.group(1).replace('"out.jsonl"', repr(str(tmp_path / "out.jsonl"))), encoding="utf-8")
        done = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, check=False)
        assert (0, "") == (done.returncode, done.stderr)
        assert 4 == len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines())
