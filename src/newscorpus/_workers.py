"""Worker processes for :meth:`newscorpus.Pipeline.pipe`: ordered, bounded and fault-isolated.

The parent warms the pipeline (imports, compiled patterns, caches) and then
starts the workers, by ``fork`` on Linux so that they begin warm and need
nothing pickled but the articles. Each worker takes one batch at a time and
sends one result per article back as soon as it is done, so the parent always
knows which article a worker is on. That makes every fault cost one article:

- a worker that dies (``os._exit``, a crash in a C extension, the OOM killer)
  or exceeds the per-article time limit is replaced; the article it was on gets
  a document recording a :class:`~newscorpus.types.StageError` naming the stage
  it was in, and the rest of its batch goes to the new worker;
- a result that cannot be sent back (an unpicklable extension value) is
  dropped from its document and recorded there as a ``StageError``.

Results come out in input order. At most ``window`` articles are between the
input iterator and the consumer, whatever the speed of each worker, so memory
does not grow with the stream.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import pickle
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs

from newscorpus.errors import OptionsError
from newscorpus.types import Article, Document, StageError

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import BaseContext
    from multiprocessing.process import BaseProcess
    from multiprocessing.sharedctypes import Synchronized

    from newscorpus.pipeline import Pipeline

__all__: list[str] = []

R = TypeVar("R")

#: Turns a finished document into what travels back to the parent (in the worker).
Encoder = Callable[[Document, "Pipeline"], R]

# The stage index a worker reports while it is between stages.
_STAGE_UNKNOWN = -1

# How long the parent waits for a worker to stop by itself at the end of a run.
_JOIN_SECONDS = 5.0


def context() -> BaseContext:
    """The start method: ``fork`` where it is safe (Linux), else ``spawn``."""
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


def failed_document(pipeline: Pipeline, article: Article | str, stage: int, error: str, message: str) -> Document:
    """The document of an article whose result was lost: the article as given, and the failure."""
    if isinstance(article, str):
        article = Article(raw=article)
    names = pipeline.stage_names
    ran = names[: stage + 1] if 0 <= stage < len(names) else names
    name = ran[-1] if 0 <= stage < len(names) else "pipeline"
    return Document(article=article, stages=ran, errors=(StageError(stage=name, error=error, message=message),))


def _picklable(doc: Document) -> Document:
    """Drop the extension values that cannot be pickled, recording each as a stage error."""
    kept: dict[str, Any] = {}
    errors = list(doc.errors)
    for name, value in doc.extensions.items():
        try:
            pickle.dumps(value)
        except Exception as exc:  # any failure to pickle a user's value
            errors.append(
                StageError(stage=name, error=type(exc).__name__, message=f"the result cannot be sent back: {exc}")
            )
        else:
            kept[name] = value
    return attrs.evolve(doc, extensions=kept, errors=tuple(errors))


def _serve(conn: Connection, pipeline: Pipeline, encode: Encoder[Any], stage: Synchronized[int]) -> None:
    """The worker's loop: take a batch, send back ``(seq, payload)`` for each article."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what an interrupt means

    def enter(index: int) -> None:
        stage.value = index

    while True:
        try:
            batch = conn.recv()
        except (EOFError, OSError):
            return
        if batch is None:
            return
        for seq, article in batch:
            try:
                doc = pipeline._run(article, on_stage=enter)
                stage.value = _STAGE_UNKNOWN
                try:
                    conn.send((seq, encode(doc, pipeline)))
                except (pickle.PicklingError, TypeError, AttributeError, ValueError):
                    conn.send((seq, encode(_picklable(doc), pipeline)))
            except (EOFError, BrokenPipeError):
                return
            except BaseException as exc:
                if isinstance(exc, KeyboardInterrupt):
                    return
                failed = failed_document(pipeline, article, stage.value, type(exc).__name__, str(exc))
                try:
                    conn.send((seq, encode(failed, pipeline)))
                except (EOFError, BrokenPipeError):
                    return


@attrs.define
class _Worker:
    process: BaseProcess
    conn: Connection
    stage: Synchronized[int]
    tasks: deque[tuple[int, Article | str]] = attrs.field(factory=deque)
    started: float = 0.0


class Pool(Generic[R]):
    """Run *pipeline* over a stream in *workers* processes, yielding encoded results in order."""

    def __init__(
        self,
        pipeline: Pipeline,
        *,
        workers: int,
        batch_size: int,
        timeout: float | None,
        encode: Encoder[R],
    ) -> None:
        self.pipeline = pipeline
        self.workers = workers
        self.batch_size = batch_size
        self.timeout = timeout
        self.encode = encode
        self.window = 4 * workers * batch_size
        self._context = context()

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()
        stage = self._context.Value("i", _STAGE_UNKNOWN, lock=False)
        process = self._context.Process(  # type: ignore[attr-defined]
            target=_serve, args=(child, self.pipeline, self.encode, stage), daemon=True
        )
        try:
            process.start()
        except RuntimeError as exc:  # spawn from a script without a __main__ guard
            raise OptionsError(
                "worker processes could not start on this platform: run the code that calls "
                "pipe(..., workers=N) under `if __name__ == '__main__':` (or use workers=1)"
            ) from exc
        child.close()
        return _Worker(process=process, conn=parent, stage=stage)

    def run(self, articles: Iterable[Article | str]) -> Generator[R, None, None]:
        """Yield one encoded result per article, in input order."""
        source = iter(articles)
        retry: deque[tuple[int, Article | str]] = deque()
        waiting: dict[int, Article | str] = {}
        done: dict[int, R] = {}
        taken = 0
        emitted = 0
        exhausted = False
        workers = [self._start() for _ in range(self.workers)]
        try:
            while True:
                now = time.monotonic()
                for index, worker in enumerate(workers):
                    if worker.tasks:
                        continue
                    if not worker.process.is_alive():  # died between batches: nothing to charge
                        worker = workers[index] = self._replace(worker, waiting, done, retry, "WorkerDied")
                    batch: list[tuple[int, Article | str]] = []
                    while retry and len(batch) < self.batch_size:
                        batch.append(retry.popleft())
                    while not exhausted and len(batch) < self.batch_size and taken - emitted < self.window:
                        try:
                            article = next(source)
                        except StopIteration:
                            exhausted = True
                            break
                        batch.append((taken, article))
                        waiting[taken] = article
                        taken += 1
                    if batch:
                        worker.tasks.extend(batch)
                        worker.started = now
                        worker.conn.send(batch)
                while emitted in done:
                    result = done.pop(emitted)
                    emitted += 1
                    yield result
                busy = [w for w in workers if w.tasks]
                if not busy:
                    if exhausted and not retry:
                        return
                    continue
                self._wait(busy, waiting, done)
                for index, worker in enumerate(workers):
                    if not worker.process.is_alive() and worker.tasks:
                        workers[index] = self._replace(worker, waiting, done, retry, "WorkerDied")
                    elif self._overdue(worker):
                        workers[index] = self._replace(worker, waiting, done, retry, "Timeout")
        finally:
            self._stop(workers)

    def _wait(self, busy: list[_Worker], waiting: dict[int, Article | str], done: dict[int, R]) -> None:
        limit = None
        if self.timeout is not None:
            now = time.monotonic()
            limit = max(0.0, min(w.started + self.timeout for w in busy) - now)
        handles: list[Any] = [w.conn for w in busy] + [w.process.sentinel for w in busy]
        ready = multiprocessing.connection.wait(handles, timeout=limit)
        for worker in busy:
            if worker.conn in ready:
                self._drain(worker, waiting, done)

    def _drain(self, worker: _Worker, waiting: dict[int, Article | str], done: dict[int, R]) -> None:
        """Take every result the worker has sent so far."""
        try:
            while worker.tasks and worker.conn.poll():
                seq, payload = worker.conn.recv()
                worker.tasks.popleft()
                worker.started = time.monotonic()
                waiting.pop(seq, None)
                done[seq] = payload
        except (EOFError, OSError):
            pass  # the worker died: the caller replaces it

    def _overdue(self, worker: _Worker) -> bool:
        return bool(self.timeout is not None and worker.tasks and time.monotonic() - worker.started > self.timeout)

    def _replace(
        self,
        worker: _Worker,
        waiting: dict[int, Article | str],
        done: dict[int, R],
        retry: deque[tuple[int, Article | str]],
        error: str,
    ) -> _Worker:
        """Stop *worker*, charge the article it was on, and hand the rest of its batch back."""
        self._drain(worker, waiting, done)
        stage = worker.stage.value
        worker.process.kill()
        worker.process.join()
        worker.conn.close()
        if worker.tasks:
            seq, article = worker.tasks.popleft()
            waiting.pop(seq, None)
            if error == "Timeout":
                message = f"no result within {self.timeout} s; the worker was stopped and replaced"
            else:
                message = f"the worker process ended (exit code {worker.process.exitcode}) on this article"
            done[seq] = self.encode(failed_document(self.pipeline, article, stage, error, message), self.pipeline)
            retry.extendleft(reversed(worker.tasks))
        return self._start()

    def _stop(self, workers: list[_Worker]) -> None:
        for worker in workers:
            with contextlib.suppress(OSError, ValueError):
                worker.conn.send(None)
        deadline = time.monotonic() + _JOIN_SECONDS
        for worker in workers:
            if worker.tasks:  # stopped early (the consumer left, or an interrupt): no need to wait
                worker.process.kill()
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()


def identity(doc: Document, pipeline: Pipeline) -> Document:
    """The encoder of :meth:`~newscorpus.Pipeline.pipe`: the document itself."""
    return doc
