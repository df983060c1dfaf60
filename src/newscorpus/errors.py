"""Exceptions and warnings raised by newscorpus.

Every exception the library raises on purpose derives from
:class:`NewscorpusError`; where an error refines a builtin, it inherits that
builtin too, so ``except ValueError`` keeps working for callers that do not
know about newscorpus::

    NewscorpusError(Exception)
    ├── LoadError(NewscorpusError, ValueError)      bad input file or record
    ├── RegistryError(NewscorpusError, LookupError)  unknown or clashing name
    ├── OptionsError(NewscorpusError, ValueError)    invalid option values
    ├── SpanError(NewscorpusError, ValueError)       offsets that do not fit
    ├── SerializationError(NewscorpusError, ValueError)  record not restorable
    ├── WorkerError(NewscorpusError, RuntimeError)  worker processes cannot run
    └── WriteError(NewscorpusError, OSError)         output file not written

    NewscorpusWarning(UserWarning)
    ├── LoadWarning          a record was skipped or repaired while loading
    ├── StageWarning         one pipeline stage failed on one article
    ├── WriteWarning         a value was changed to fit the output format
    ├── QuoteWarning         unbalanced quotation marks were recovered
    └── EntryPointWarning    a plug-in could not be imported

Messy text is never an error: extractors skip what they cannot read.
"""

from __future__ import annotations

__all__ = [
    "EntryPointWarning",
    "LoadError",
    "LoadWarning",
    "NewscorpusError",
    "NewscorpusWarning",
    "OptionsError",
    "QuoteWarning",
    "RegistryError",
    "SerializationError",
    "SpanError",
    "StageWarning",
    "WorkerError",
    "WriteError",
    "WriteWarning",
]


class NewscorpusError(Exception):
    """Root of every exception newscorpus raises on purpose.

    .. versionadded:: 0.1.0
    """


class LoadError(NewscorpusError, ValueError):
    """An input file or record could not be read.

    *path* and *line* say where: *line* is the 1-based line of a text, JSONL
    or CSV record (``None`` where the whole file is at fault).

    >>> str(LoadError("no text field", path="dump.jsonl", line=3))
    'dump.jsonl:3: no text field'

    .. versionadded:: 0.1.0
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        where = path or "<input>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}")

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_load_error, (self.message, self.path, self.line))


def _rebuild_load_error(message: str, path: str | None, line: int | None) -> LoadError:
    return LoadError(message, path=path, line=line)


class RegistryError(NewscorpusError, LookupError):
    """A name is not registered, or is registered twice.

    .. versionadded:: 0.1.0
    """


class OptionsError(NewscorpusError, ValueError):
    """An options object was given values that do not fit together.

    .. versionadded:: 0.1.0
    """


class SpanError(NewscorpusError, ValueError):
    """A span's offsets do not fit its text.

    .. versionadded:: 0.1.0
    """


class SerializationError(NewscorpusError, ValueError):
    """A dictionary or JSON line cannot be turned back into a record.

    .. versionadded:: 0.1.0
    """


class WorkerError(NewscorpusError, RuntimeError):
    """Worker processes keep ending before they finish any article, so a parallel run cannot go on.

    A worker that dies on one article costs only that article; this is raised
    when replacement workers die again and again with no article to blame.

    .. versionadded:: 0.2.0
    """


class WriteError(NewscorpusError, OSError):
    """An output file could not be written (disk full, no permission, ...).

    *path* names the file. The target is left as it was before the write.

    >>> str(WriteError("no space left on device", path="out.jsonl"))
    'out.jsonl: no space left on device'

    .. versionadded:: 0.2.0
    """

    def __init__(self, message: str, *, path: str | None = None) -> None:
        self.message = message
        self.path = path
        super().__init__(f"{path or '<output>'}: {message}")

    def __str__(self) -> str:
        return f"{self.path or '<output>'}: {self.message}"

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_write_error, (self.message, self.path))


def _rebuild_write_error(message: str, path: str | None) -> WriteError:
    return WriteError(message, path=path)


class NewscorpusWarning(UserWarning):
    """Root of the warnings newscorpus emits for recoverable oddities.

    .. versionadded:: 0.1.0
    """


class LoadWarning(NewscorpusWarning):
    """A record was skipped or repaired while loading (``on_error="warn"``).

    .. versionadded:: 0.1.0
    """


class StageWarning(NewscorpusWarning):
    """A pipeline stage failed on one article; the failure is on its record.

    .. versionadded:: 0.1.0
    """


class WriteWarning(NewscorpusWarning):
    """A value was changed to fit the output format (a lone surrogate in a CSV cell).

    .. versionadded:: 0.2.0
    """


class EntryPointWarning(NewscorpusWarning):
    """A plug-in published through an entry point could not be loaded.

    .. versionadded:: 0.1.0
    """


class QuoteWarning(NewscorpusWarning):
    """Unbalanced quotation marks were met and recovered while extracting quotes.

    .. versionadded:: 0.2.0
    """
