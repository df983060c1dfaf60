"""Count the work a function does, so that tests check linear time without a clock.

:func:`count_work` replaces the compiled regular expressions of the given
modules by proxies that count their calls and the characters each call may
scan (from ``pos`` to ``endpos``, or one per match for the iterators), and
counts the Python and built-in function calls made meanwhile. The figures
depend on the code and the input only, never on the speed of the machine.

>>> import re, types
>>> module = types.SimpleNamespace(WORD=re.compile(r"\\w{1,9}"))
>>> with count_work(module) as work:
...     found = module.WORD.findall("one two three")
>>> (found, work.regex_calls, work.scanned)
(['one', 'two', 'three'], 1, 13)
"""

from __future__ import annotations

import contextlib
import re
import sys
import types
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import attrs

__all__ = ["CountingPattern", "Work", "count_work", "growth"]


@attrs.define
class Work:
    """What was counted: regex calls, characters they may scan, and function calls."""

    regex_calls: int = 0
    scanned: int = 0
    calls: int = 0

    @property
    def total(self) -> int:
        """All the counts together: a size of the work, comparable between two inputs."""
        return self.regex_calls + self.scanned + self.calls


def _span(string: Any, pos: int, endpos: int | None) -> int:
    length = len(string)
    end = length if endpos is None else max(0, min(endpos, length))
    return max(0, end - max(0, pos))


class CountingPattern:
    """A compiled pattern that counts its calls and the characters they scan into a :class:`Work`.

    A call that finds something counts the characters from ``pos`` to the
    end of what it found; one that finds nothing counts all from ``pos`` to
    ``endpos`` (a failed ``match`` counts one).
    """

    def __init__(self, pattern: re.Pattern[str], work: Work) -> None:
        self._pattern = pattern
        self._work = work

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pattern, name)

    def _count(self, string: Any, pos: int, endpos: int | None) -> None:
        self._work.regex_calls += 1
        self._work.scanned += _span(string, pos, endpos)

    def _count_to(self, string: Any, pos: int, found: Any, endpos: int | None) -> Any:
        """Count a call that read from *pos* to the end of what it *found*, or to *endpos* when it found nothing."""
        self._work.regex_calls += 1
        if found is None:
            self._work.scanned += _span(string, pos, endpos)
        else:
            self._work.scanned += max(1, found.end() - max(0, pos))
        return found

    def match(self, string: Any, pos: int = 0, endpos: int | None = None) -> Any:
        found = self._pattern.match(string, pos, sys.maxsize if endpos is None else endpos)
        self._work.regex_calls += 1
        self._work.scanned += 1 if found is None else max(1, found.end() - max(0, pos))
        return found

    def fullmatch(self, string: Any, pos: int = 0, endpos: int | None = None) -> Any:
        self._count(string, pos, endpos)
        return self._pattern.fullmatch(string, pos, sys.maxsize if endpos is None else endpos)

    def search(self, string: Any, pos: int = 0, endpos: int | None = None) -> Any:
        found = self._pattern.search(string, pos, sys.maxsize if endpos is None else endpos)
        return self._count_to(string, pos, found, endpos)

    def findall(self, string: Any, pos: int = 0, endpos: int | None = None) -> Any:
        self._count(string, pos, endpos)
        return self._pattern.findall(string, pos, sys.maxsize if endpos is None else endpos)

    def finditer(self, string: Any, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        self._work.regex_calls += 1
        last = max(0, pos)
        for match in self._pattern.finditer(string, pos, sys.maxsize if endpos is None else endpos):
            self._work.regex_calls += 1
            self._work.scanned += max(1, match.end() - last)
            last = match.end()
            yield match
        self._work.scanned += _span(string, last, endpos)

    def sub(self, repl: Any, string: Any, count: int = 0) -> Any:
        self._count(string, 0, None)
        return self._pattern.sub(repl, string, count)

    def subn(self, repl: Any, string: Any, count: int = 0) -> Any:
        self._count(string, 0, None)
        return self._pattern.subn(repl, string, count)

    def split(self, string: Any, maxsplit: int = 0) -> Any:
        self._count(string, 0, None)
        return self._pattern.split(string, maxsplit)


def _counting_factory(function: Callable[[], Any], work: Work) -> Callable[[], Any]:
    """Wrap a cached factory of patterns (or of a tuple of them) so that it hands out counting proxies."""

    def wrapped() -> Any:
        made = function()
        if isinstance(made, re.Pattern):
            return CountingPattern(made, work)
        return tuple(CountingPattern(item, work) if isinstance(item, re.Pattern) else item for item in made)

    return wrapped


def _is_pattern_factory(value: Any) -> bool:
    """Tell whether *value* is a cached function of no arguments returning patterns (``functools.cache``)."""
    if not callable(value) or not hasattr(value, "cache_info") or not hasattr(value, "__wrapped__"):
        return False
    code = getattr(value.__wrapped__, "__code__", None)
    if code is None or code.co_argcount or code.co_kwonlyargcount:
        return False
    annotations = getattr(value.__wrapped__, "__annotations__", {})
    return "Pattern" in str(annotations.get("return", ""))


def _with_submodules(modules: Sequence[Any]) -> list[Any]:
    """Return *modules* and, after each package among them, its submodules loaded so far."""
    found: list[Any] = []
    for module in modules:
        found.append(module)
        if isinstance(module, types.ModuleType) and hasattr(module, "__path__"):
            prefix = module.__name__ + "."
            found.extend(sys.modules[name] for name in sorted(sys.modules) if name.startswith(prefix))
    return found


@contextlib.contextmanager
def count_work(*modules: types.ModuleType | Any) -> Iterator[Work]:
    """Count the work done inside the ``with`` block; see the module docstring.

    The compiled patterns (and the cached functions of no arguments that
    return patterns) of each of *modules* (and of the submodules of a
    package among them) are swapped for counting proxies, and put back on
    exit.
    """
    work = Work()
    saved: list[tuple[Any, str, Any]] = []
    for module in _with_submodules(modules):
        for name, value in list(vars(module).items()):
            if isinstance(value, re.Pattern):
                replacement: Any = CountingPattern(value, work)
            elif _is_pattern_factory(value):
                replacement = _counting_factory(value, work)
            else:
                continue
            saved.append((module, name, value))
            setattr(module, name, replacement)

    def profile(frame: Any, event: str, arg: Any) -> None:
        if event == "call" or event == "c_call":
            work.calls += 1

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        yield work
    finally:
        sys.setprofile(previous)
        for module, name, value in reversed(saved):
            setattr(module, name, value)


def growth(function: Callable[[Any], object], modules: Sequence[Any], small: Any, large: Any) -> float:
    """Return how many times more work *function* does on *large* than on *small*.

    *function* runs once on each input first, uncounted, so that caches filled
    on first use (lexicons, compiled patterns) are not counted; then the work on
    each input is counted (:func:`count_work` over *modules*). Each count
    grows by its own factor and the largest is returned, so that quadratic
    scanning and a quadratic number of calls both show; a count that stays
    at 1,000 or below on the large input (under one per hundred characters of
    a 100 kB text) is too small to tell and counts as no growth.

    >>> import re, types
    >>> module = types.SimpleNamespace(WORD=re.compile(r"\\w{1,9}"))
    >>> growth(lambda text: module.WORD.findall(text), [module], "ab " * 1000, "ab " * 10000)
    10.0
    """
    function(small)
    function(large)
    counted = []
    for text in (small, large):
        with count_work(*modules) as work:
            function(text)
        counted.append(work)
    first, second = counted
    factors = [1.0]
    for name in ("regex_calls", "scanned", "calls"):
        before, after = getattr(first, name), getattr(second, name)
        if after > 1_000:
            factors.append(after / max(before, 1))
    return max(factors)
