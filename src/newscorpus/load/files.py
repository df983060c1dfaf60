"""Opening input files: paths, standard input, odd files, compressed files and their lines.

:func:`_lines` yields the numbered lines of a file as text, splitting on any
line end (CR-only files included) and decoding as :mod:`newscorpus.load.decoding`
says; a file that is not a regular file is refused without being opened.
"""

from __future__ import annotations

import gzip
import io
import os
import stat
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any, TypeAlias

from newscorpus.errors import LoadError, OptionsError
from newscorpus.load.decoding import _AUTO, _decode_error, _Fallback, _short, _wide_encoding

__all__: list[str] = []

_PathArg: TypeAlias = "str | os.PathLike[str]"


# How many bytes at the start of a file are looked at for a byte-order mark and the line ends.
_PEEK = 8192


# Errors that reading (and gunzipping) a file can raise; gzip.BadGzipFile is an OSError.
_READ_ERRORS = (OSError, EOFError, zlib.error)


def _name(path: _PathArg) -> str:
    try:
        name = os.fspath(path)
    except TypeError:
        name = None
    if not isinstance(name, str):
        raise OptionsError(f"expected a path as str or os.PathLike[str], got {type(path).__name__}")
    if "\x00" in name:
        raise OptionsError(f"a path cannot hold a NUL character: {name!r}")
    return name


def _base_suffix(name: str) -> str:
    """Return the format suffix of *name* in lower case, looking through a ``.gz``."""
    lower = name.lower()
    return os.path.splitext(lower[:-3] if lower.endswith(".gz") else lower)[1]


# The name load() reads as JSON lines from standard input.
_STDIN = "-"


def _stdin() -> IO[bytes]:
    """Standard input as a buffered binary stream whose closing leaves standard input open."""
    try:
        return open(sys.stdin.fileno(), "rb", closefd=False)
    except (AttributeError, OSError, ValueError):  # replaced by an object without a descriptor
        stream = getattr(sys.stdin, "buffer", None)
        data = stream.read() if stream is not None else sys.stdin.read().encode("utf-8", "surrogateescape")
        return io.BufferedReader(io.BytesIO(data))


class _NotARegularFile(OSError):
    """A path names a folder, pipe, socket or device where a file was expected."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _open_binary(name: str) -> Any:
    """Open a regular file (gunzipping a ``.gz``) for reading bytes; anything else is refused unopened."""
    if name == _STDIN:
        return _stdin()
    info = os.stat(name)
    if not stat.S_ISREG(info.st_mode):
        raise _NotARegularFile(0, f"not a regular file ({_kind(info.st_mode)})")
    if name.lower().endswith(".gz"):
        return gzip.open(name, "rb")
    return open(name, "rb")


def _cannot_read(exc: BaseException, name: str, line: int | None) -> LoadError:
    if isinstance(exc, EOFError):
        reason = "the compressed file is truncated"
    elif isinstance(exc, (zlib.error, gzip.BadGzipFile)):
        reason = f"the compressed file is corrupt ({exc})"
    elif isinstance(exc, OSError) and exc.strerror:
        reason = exc.strerror
    else:
        reason = _short(exc)
    return LoadError(f"cannot read the file: {reason}", path=name, line=line)


def _cr_lines(stream: IO[bytes]) -> Iterator[bytes]:
    """Yield the lines of a stream whose lines end in a lone carriage return."""
    # Latin-1 maps bytes to characters one to one, so splitting its text splits the bytes.
    wrapper = io.TextIOWrapper(stream, encoding="latin-1", newline="\r")
    try:
        for line in wrapper:
            yield line.encode("latin-1")
    finally:
        if not stream.closed:
            wrapper.detach()  # the caller closes the stream


_Line: TypeAlias = "tuple[int, str, LoadError | None]"


def _lines(name: str, encoding: str, handle: Callable[[LoadError], None]) -> Iterator[_Line]:
    """Yield ``(line number, text, error)`` for each line of a file.

    *error* is the :class:`LoadError` of a line that is not valid in an
    explicitly given encoding (its text then holds replacement characters).
    With ``"auto"``, such a line is decoded by the fallback chain instead, with
    a warning. A read failure is handed to *handle* and ends the file.
    """
    number = 0
    try:
        with _open_binary(name) as stream:
            head = stream.peek(_PEEK)[:_PEEK]
            wide = _wide_encoding(head) if encoding == _AUTO else None
            if wide is not None or encoding in ("utf-16", "utf-32"):
                # Lines cannot be split on the newline byte: decode the stream as a whole.
                text_stream = io.TextIOWrapper(stream, encoding=wide or encoding, errors="surrogatepass", newline="")
                try:
                    for number, text in enumerate(text_stream, start=1):
                        yield number, (text[1:] if number == 1 and text.startswith("\ufeff") else text), None
                finally:
                    if not stream.closed:
                        text_stream.detach()
                return
            rows: Iterable[bytes] = stream
            if b"\r" in head and b"\n" not in head:
                rows = _cr_lines(stream)
            strict = "utf-8" if encoding == _AUTO else encoding
            fallback: _Fallback | None = None
            for number, data in enumerate(rows, start=1):
                error = None
                try:
                    text = data.decode(strict)
                except UnicodeError as exc:
                    if encoding == _AUTO:
                        if fallback is None:
                            fallback = _Fallback(name)
                        text = fallback.decode(data, number, exc)
                    else:
                        text = data.decode(strict, "replace")
                        error = LoadError(_decode_error(exc, strict), path=name, line=number)
                if number == 1 and text.startswith("\ufeff"):
                    text = text[1:]
                yield number, text, error
    except (*_READ_ERRORS, UnicodeError) as exc:
        failure = _cannot_read(exc, name, number + 1 if number else None)
    else:
        return
    handle(failure)
