"""Decoding the bytes of input files: the encoding option, byte-order marks and the fallback chain.

A line that is not UTF-8 is decoded by the first of: the encoding a byte-order
mark names (for the whole file), the guess of the optional charset-normalizer
package, cp1252, then latin-1, which never fails; each fallback is reported as
a :class:`~newscorpus.errors.LoadWarning` naming file and line.
"""

from __future__ import annotations

import codecs
import warnings
from collections.abc import Iterator
from typing import Any

from newscorpus.errors import LoadError, LoadWarning, OptionsError

__all__: list[str] = []


_AUTO = "auto"


# Byte-order marks of the encodings whose lines cannot be split on the newline byte; UTF-32 first.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _ascii_compatible(encoding: str) -> bool:
    sample = b'\n\r,\t"{}'
    try:
        return sample.decode(encoding) == sample.decode("ascii")
    except (LookupError, UnicodeError):
        return False


def _check_encoding(encoding: str) -> str:
    if not isinstance(encoding, str):
        raise OptionsError(f"encoding must be a string, got {type(encoding).__name__}")
    if encoding.lower() == _AUTO:
        return _AUTO
    try:
        info = codecs.lookup(encoding)
    except (LookupError, TypeError) as exc:
        raise OptionsError(f"unknown encoding {encoding!r}") from exc
    if info.name in ("utf-16", "utf-32"):
        return info.name  # decoded as a stream, not line by line
    if not _ascii_compatible(encoding):
        raise OptionsError(
            f"encoding {encoding!r} is not ASCII-compatible (lines are split on the newline byte); "
            "of such encodings only utf-16 and utf-32 (with a byte-order mark) are read"
        )
    return encoding


_detector: Any = None


def _detect(data: bytes) -> str | None:
    """Return the encoding the optional ``charset-normalizer`` package guesses for *data*, if installed."""
    global _detector
    if _detector is None:
        try:
            from charset_normalizer import from_bytes
        except ImportError:
            _detector = False
        else:
            _detector = from_bytes
    if _detector is False:
        return None
    try:
        best = _detector(data[:65536]).best()
    except Exception:  # a detector failure only means there is no guess
        return None
    guess = getattr(best, "encoding", None)
    return guess if isinstance(guess, str) else None


_ASCII = bytes(range(128))


# How many bytes outside ASCII a line needs before the detector is asked about it.
_DETECT_MIN_BYTES = 32


def _non_ascii(data: bytes) -> int:
    return len(data.translate(None, _ASCII))


class _Fallback:
    """Decode the bytes of one file that are not UTF-8, trying the documented chain, and warn each time."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.guess: str | None = None
        self.detected = False

    def _candidates(self, data: bytes) -> Iterator[str]:
        if self.guess is not None:
            yield self.guess
        if not self.detected and _non_ascii(data) >= _DETECT_MIN_BYTES:
            # Guesses on a few bytes are noise: ask only once a line has enough to go on.
            self.detected = True
            guess = _detect(data)
            if guess is not None and _ascii_compatible(guess) and codecs.lookup(guess).name != "utf-8":
                self.guess = guess
                yield guess
        yield "cp1252"

    def decode(self, data: bytes, line: int | None, exc: UnicodeError) -> str:
        """Return *data* decoded by the first encoding of the chain that fits; latin-1 always does."""
        used = "latin-1"
        text = None
        for candidate in self._candidates(data):
            try:
                text = data.decode(candidate)
            except (UnicodeError, LookupError):
                continue
            used = candidate
            break
        if text is None:
            text = data.decode("latin-1")
        where = self.name if line is None else f"{self.name}:{line}"
        warnings.warn(
            LoadWarning(f"{where}: the bytes are not valid UTF-8 (byte {_start(exc)}); decoded as {used}"),
            stacklevel=4,
        )
        return text


def _wide_encoding(head: bytes) -> str | None:
    for bom, encoding in _WIDE_BOMS:
        if head.startswith(bom):
            return encoding
    return None


def _start(exc: UnicodeError) -> int:
    start = getattr(exc, "start", 0)
    return start if isinstance(start, int) else 0


def _decode_error(exc: UnicodeError, encoding: str) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return f"the bytes are not valid {encoding} (byte {exc.start})"
    return f"the bytes are not valid {encoding} ({_short(exc)})"


def _decode_whole(data: bytes, name: str, encoding: str) -> str:
    """Decode a whole text file; raise :class:`LoadError` when an explicit encoding does not fit."""
    wide = _wide_encoding(data[:4]) if encoding == _AUTO else None
    if wide is not None or encoding in ("utf-16", "utf-32"):
        used = wide or encoding
        try:
            raw = data.decode(used, "surrogatepass")
        except UnicodeError as exc:
            raise LoadError(_decode_error(exc, used), path=name) from exc
        return raw[1:] if raw.startswith("\ufeff") else raw
    strict = "utf-8" if encoding == _AUTO else encoding
    try:
        raw = data.decode(strict)
    except UnicodeError as exc:
        line = data.count(b"\n", 0, _start(exc)) + 1
        if encoding != _AUTO:
            raise LoadError(_decode_error(exc, strict), path=name, line=line) from exc
        raw = _Fallback(name).decode(data, line, exc)
    return raw[1:] if raw.startswith("\ufeff") else raw


def _short(exc: BaseException) -> str:
    message = str(exc) or type(exc).__name__
    return message if len(message) <= 200 else message[:200] + "..."
