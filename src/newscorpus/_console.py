"""What the command line shows while it runs: progress, notices of unreadable records and warnings, Ctrl-C."""

from __future__ import annotations

import json
import signal
import time
from collections import Counter
from collections.abc import Sequence
from typing import IO, Any

from newscorpus.errors import LoadError

__all__: list[str] = []

#: How many unreadable records, and warnings of each kind, are shown (the rest are counted).
MAX_SHOWN = 5

_SPINNER = "|/-\\"


class Progress:
    """Progress on a terminal: a bar with the time left when the input size is known (tqdm if installed)."""

    def __init__(self, stream: IO[str], enabled: bool, total: int | None) -> None:
        self.stream = stream
        self.enabled = enabled
        self.started = time.perf_counter()
        self.last = 0.0
        self.count = 0
        self.chars = 0
        self.done = 0  # input bytes of the files finished
        self.total = total
        self.bar: Any = None
        if enabled:
            try:
                from tqdm import tqdm
            except ImportError:  # the plain display below
                pass
            else:
                self.bar = tqdm(
                    total=total, unit="B", unit_scale=True, file=stream, dynamic_ncols=True, desc="newscorpus"
                )

    def update(self, chars: int) -> None:
        self.count += 1
        self.chars += chars
        now = time.perf_counter()
        if self.enabled and now - self.last >= 0.2:
            self.last = now
            if self.bar is not None:
                position = self._position()
                self.bar.update(position - self.bar.n)
                self.bar.set_postfix_str(f"{self.count:,} articles", refresh=False)
            else:
                self.stream.write(f"\r{self.render(now)}")
                self.stream.flush()

    def _position(self) -> int:
        """Input bytes read so far: the files finished, and the articles' characters since, as an estimate."""
        position = max(self.done, self.chars)
        return min(position, self.total) if self.total else position

    def file_done(self, size: int | None) -> None:
        """Count an input file as read (its size replaces the estimate from characters)."""
        if size is not None:
            self.done += size
            self.chars = max(self.chars, self.done)

    def render(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        shown = f"{self.count:,} articles  {self.count / elapsed:,.0f} articles/s  {elapsed:,.1f}s"
        if self.total:
            fraction = min(self._position() / self.total, 1.0)
            left = elapsed / fraction - elapsed if fraction > 0 else 0.0
            filled = int(fraction * 20)
            return f"[{'#' * filled}{'.' * (20 - filled)}] {fraction:4.0%}  {shown}  {left:,.0f}s left"
        spinner = _SPINNER[int(elapsed * 5) % 4]
        return f"{spinner} {shown}"

    def close(self) -> None:
        if not self.enabled:
            return
        if self.bar is not None:
            self.bar.update(self._position() - self.bar.n)
            self.bar.set_postfix_str(f"{self.count:,} articles", refresh=False)
            self.bar.close()
            self.bar = None
            return
        self.stream.write("\r" + " " * 100 + "\r")
        self.stream.flush()


class Notices:
    """Counts unreadable records, warnings and skipped files, showing only the first few: memory stays flat."""

    def __init__(self, stream: IO[str], *, limit: int | None = MAX_SHOWN) -> None:
        self.stream = stream
        self.limit = limit
        self.errors = 0
        self.passed = 0
        self.warnings: Counter[str] = Counter()
        self.letters: dict[int, list[str]] | None = None  # unreadable records' dead letters, by input file
        self.reading = 0  # the input file being read

    def _shown(self, count: int) -> bool:
        return self.limit is None or count <= self.limit

    def skipped(self, error: LoadError) -> None:
        self.errors += 1
        if self._shown(self.errors):
            self.stream.write(f"newscorpus: skipped {error}\n")
        if self.letters is not None:
            record = {"kind": "read", "path": error.path, "line": error.line, "message": error.message}
            self.letters.setdefault(self.reading, []).append(json.dumps(record, ensure_ascii=False))

    def passed_over(self, files: Sequence[str]) -> None:
        """Report the files of input folders that are not read (hidden, or of another format)."""
        self.passed += len(files)
        shown = files if self.limit is None else files[: self.limit]
        more = f" and {len(files) - len(shown):,} more" if len(shown) < len(files) else ""
        self.stream.write(f"newscorpus: not read (hidden, or not .txt/.jsonl/.csv): {', '.join(shown)}{more}\n")

    def warned(
        self,
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: IO[str] | None = None,
        line: str | None = None,
    ) -> None:
        self.warnings[category.__name__] += 1
        if self._shown(self.warnings[category.__name__]):
            self.stream.write(f"newscorpus: {category.__name__}: {message}\n")


class Interrupt:
    """The first Ctrl-C asks the run to stop after the current article; the second stops it at once."""

    def __init__(self) -> None:
        self.requested = False
        self._previous: Any = None

    def __enter__(self) -> Interrupt:
        try:
            self._previous = signal.signal(signal.SIGINT, self._handle)
        except ValueError:  # not the main thread: leave Ctrl-C alone
            self._previous = None
        return self

    def _handle(self, signum: int, frame: Any) -> None:
        self.requested = True
        signal.signal(signal.SIGINT, signal.default_int_handler)

    def __exit__(self, *exc: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
