"""Outputs of command-line runs that can be resumed: work files, checkpoints and the manifest.

A run writes its output to a work file (or, for Parquet, a work folder of
parts) beside the target, named ``.TARGET.partial``, and records in a
manifest, ``.TARGET.manifest``, each input file it has finished together with
the position of the output at that point. Only a finished run puts the output
in place (and removes both work files). A run stopped any way at all, even by
``SIGKILL``, leaves them behind; started again with ``--resume`` it cuts the
work file back to the last finished input file, skips the files the manifest
lists, and goes on: the output is exactly that of an uninterrupted run.

A run stopped by Ctrl-C also puts what it finished in place, and keeps the work
files so that ``--resume`` can go on from there.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import shutil
from collections.abc import Sequence
from contextlib import ExitStack, suppress
from typing import IO, Any

from newscorpus._version import __version__
from newscorpus.errors import OptionsError, WriteError
from newscorpus.write import COLUMNS, _csv_safe, _output, _reason

__all__: list[str] = []


def work_names(target: str) -> tuple[str, str]:
    """The work file (or folder) and the manifest of a run writing *target*."""
    folder, base = os.path.split(os.path.abspath(target.rstrip("/\\") or target))
    return os.path.join(folder, f".{base}.partial"), os.path.join(folder, f".{base}.manifest")


class Manifest:
    """The record of a resumable run: a header saying what the run is, then one line per finished input."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.handle: IO[str] | None = None

    def start(self, header: dict[str, Any]) -> None:
        """Begin a new record (a run started afresh), holding the manifest locked while the run lasts."""
        if self.handle is None:
            self.handle = self._locked()
        self.handle.seek(0)
        self.handle.truncate()
        self._add({"newscorpus": __version__, **header})

    def _locked(self) -> IO[str]:
        """Open the manifest for appending, locked: two runs writing one output would spoil each other's work."""
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 (kept open while the run lasts)
        try:
            import fcntl
        except ImportError:  # pragma: no cover - no advisory locks on this platform
            return handle
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            handle.close()
            raise OptionsError(
                f"another run is writing this output (its manifest {self.path} is locked); wait for it to end"
            ) from exc
        return handle

    def read(self) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """Return the header and the finished inputs recorded; a torn last line (a killed run) is ignored."""
        try:
            with open(self.path, encoding="utf-8") as stream:
                lines = stream.read().split("\n")
        except OSError as exc:
            raise OptionsError(f"no interrupted run to resume ({self.path}: {_reason(exc)})") from exc
        records = []
        for line in lines:
            try:
                records.append(json.loads(line))
            except ValueError:
                break  # the line being written when the run was killed, and anything after it
        if not records or not isinstance(records[0], dict):
            raise OptionsError(f"the manifest {self.path} is damaged; start the run again without --resume")
        return records[0], records[1:]

    def reopen(self, entries: Sequence[dict[str, Any]], header: dict[str, Any]) -> None:
        """Rewrite the record with *entries* only (dropping a torn line), to append to it."""
        self.start(header)
        for entry in entries:
            self._add(entry)

    def add(self, entry: dict[str, Any]) -> None:
        self._add(entry)

    def _add(self, record: dict[str, Any]) -> None:
        assert self.handle is not None
        self.handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.handle.flush()

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None

    def remove(self) -> None:
        with suppress(OSError):
            os.unlink(self.path)  # while still locked: no other run takes a lock on a file about to go
        self.close()


class FileSink:
    """A JSONL or CSV output, written to a work file with checkpoints (or straight through when not resumable)."""

    def __init__(self, kind: str, target: str | IO[str], *, table: str, work: str | None, offset: int | None) -> None:
        self.kind = kind
        self.table = table
        self.target = target
        self.work = work
        self.label = target if isinstance(target, str) else "<stdout>"
        self.rows = 0
        self.stack = ExitStack()
        self.gz = isinstance(target, str) and target.lower().endswith(".gz")
        self.raw: IO[bytes] | None = None
        self.member: gzip.GzipFile | None = None
        if work is None:
            self.handle = self.stack.enter_context(_output(target))
            self._writer()
            if kind == "csv":
                self.writer.writeheader()
            return
        try:
            if offset is None:
                self.raw = open(work, "wb")  # noqa: SIM115 (closed by finish, keep or abort)
            else:
                self.raw = open(work, "r+b")  # noqa: SIM115
                self.raw.truncate(offset)
                self.raw.seek(offset)
        except OSError as exc:
            raise WriteError(f"cannot open: {_reason(exc)}", path=work) from exc
        self._layers()
        if kind == "csv" and not offset:
            self.writer.writeheader()

    def _layers(self) -> None:
        assert self.raw is not None
        stream: IO[bytes] = self.raw
        if self.gz:
            self.member = gzip.GzipFile(filename="", mode="wb", fileobj=self.raw, mtime=0)
            stream = self.member  # type: ignore[assignment]
        self.wrapper = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=False)
        self.handle = self.wrapper
        self._writer()

    def _writer(self) -> None:
        if self.kind == "csv":
            self.writer = csv.DictWriter(self.handle, fieldnames=COLUMNS[self.table])

    def write(self, item: Any) -> None:
        if self.kind == "csv":
            for row in item:
                self.rows += 1
                self.writer.writerow(_csv_safe(row, self.label, self.rows))
        else:
            self.handle.write(item)
            self.handle.write("\n")

    def checkpoint(self) -> int:
        """Make everything written so far durable; return the position to cut back to on resuming."""
        if self.raw is None:
            return 0
        self.handle.flush()
        if self.member is not None:  # end the gzip member: the file is whole up to here
            self.wrapper.detach()
            self.member.close()
            self.raw.flush()
            position = self.raw.tell()
            self._layers()
            return position
        self.raw.flush()
        return self.raw.tell()

    def _close_work(self) -> None:
        assert self.raw is not None
        self.handle.flush()
        self.wrapper.detach()
        if self.member is not None:
            self.member.close()
        self.raw.close()

    def finish(self) -> None:
        """Put the output in place."""
        self._publish(move=True)

    def keep(self) -> None:
        """Put what is finished in place, keeping the work file for ``--resume``."""
        self._publish(move=False)

    def _publish(self, *, move: bool) -> None:
        if self.raw is None:
            self.stack.close()
            return
        self._close_work()
        assert self.work is not None
        assert isinstance(self.target, str)
        _publish_file(self.work, self.target, move=move)

    def abort(self, exc: BaseException) -> None:
        """Leave the target as it was (the work files stay, for ``--resume``)."""
        if self.raw is None:
            self.stack.__exit__(type(exc), exc, exc.__traceback__)
            return
        with suppress(OSError, ValueError):
            self._close_work()


def _publish_file(work: str, target: str, *, move: bool) -> None:
    try:
        final = os.path.realpath(target)
        if move:
            os.replace(work, final)
        else:
            temp = os.path.join(os.path.dirname(final), f".{os.path.basename(final)}.copy")
            shutil.copyfile(work, temp)
            os.replace(temp, final)
    except OSError as exc:
        raise WriteError(f"cannot write: {_reason(exc)}", path=target) from exc


class ParquetSink:
    """A Parquet output folder; resumable runs write one part per stretch of finished input files."""

    def __init__(self, target: str, *, work: str | None, parts: int | None, batch_size: int = 2000) -> None:
        from newscorpus import arrow

        self.arrow = arrow
        self.target = target
        self.work = work
        self.batch_size = batch_size
        if work is None:
            self.folder = arrow._temp_folder(target)
            self.tables: Any = arrow._ParquetTables(self.folder, batch_size=batch_size)
            return
        if parts is None:
            shutil.rmtree(work, ignore_errors=True)
            os.makedirs(work)
            parts = 0
        else:  # drop the parts written after the last finished input file
            for name in os.listdir(work):
                if not name.startswith("part-") or int(name[5:]) >= parts:
                    shutil.rmtree(os.path.join(work, name), ignore_errors=True)
        self.parts = parts
        self.tables = None

    def write(self, item: Any) -> None:
        rows, characters = item
        if self.tables is None:
            assert self.work is not None
            folder = os.path.join(self.work, f"part-{self.parts:06d}")
            os.makedirs(folder, exist_ok=True)
            self.tables = self.arrow._ParquetTables(folder, batch_size=self.batch_size)
        self.tables.add(rows, characters)

    def checkpoint(self) -> int:
        if self.work is not None and self.tables is not None:
            self.tables.close()
            self.tables = None
            self.parts += 1
        return self.parts if self.work is not None else 0

    def _publish(self, parts: int) -> None:
        assert self.work is not None
        folder = self.arrow._temp_folder(self.target)
        try:
            names = [os.path.join(self.work, f"part-{n:06d}") for n in range(parts)]
            self.arrow._concatenate(names, folder)
            self.arrow._replace_folder(folder, self.target)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise

    def finish(self) -> None:
        if self.work is None:
            self.tables.close()
            self.arrow._replace_folder(self.folder, self.target)
            return
        self.checkpoint()
        self._publish(self.parts)
        shutil.rmtree(self.work, ignore_errors=True)

    def keep(self) -> None:
        if self.work is None:
            self.finish()
            return
        finished = self.parts
        if self.tables is not None:  # the stretch under way goes out too, but is redone on resuming
            self.tables.close()
            self.tables = None
            finished += 1
        self._publish(finished)

    def abort(self, exc: BaseException) -> None:
        if self.work is None:
            shutil.rmtree(self.folder, ignore_errors=True)
        elif self.tables is not None:
            with suppress(Exception):
                self.tables.close()
