"""Worker processes for :meth:`newscorpus.Pipeline.pipe`: ordered, bounded and fault-isolated.

The parent warms the pipeline (imports, compiled patterns, caches) and then
starts the workers, by ``fork`` on Linux so that they begin warm and need
nothing pickled but the articles. Each worker holds up to two batches (one
under way, one queued behind it, so it never waits for the parent) and sends
a batch's results back in one message. A few numbers in shared memory say
which article and stage each worker is on, and since when; that makes every
fault cost one article:

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
import gc
import multiprocessing
import multiprocessing.connection
import pickle
import queue
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs

from newscorpus.errors import OptionsError, WorkerError
from newscorpus.types import Article, Document, StageError

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import BaseContext
    from multiprocessing.process import BaseProcess

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


# The slots of a worker's shared state: the article it is on, the stage it is in,
# and when it started that article (0: between articles).
_SEQ, _STAGE, _SINCE = 0, 1, 2

# Replacement workers that die before taking any article, in a row, before the run gives up.
_MAX_EMPTY_DEATHS = 3


def _serve(conn: Connection, pipeline: Pipeline, encode: Encoder[Any], state: Any, by_stage: bool = False) -> None:
    """The worker: process batches in turn, sending back ``[(seq, payload), ...]`` per batch.

    A thread receives batches while the main thread works, so the parent can
    queue the next batch without waiting; *state* tells the parent which
    article and stage the worker is on, and since when. With *by_stage* (no
    time limit per article) each stage runs over the whole batch before the
    next, as :meth:`~newscorpus.Pipeline.pipe` does in one process.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what an interrupt means
    inbox: queue.SimpleQueue[list[tuple[int, Article | str]] | None] = queue.SimpleQueue()

    def receive() -> None:
        try:
            while True:
                batch = conn.recv()
                inbox.put(batch)
                if batch is None:
                    return
        except (EOFError, OSError):
            inbox.put(None)

    threading.Thread(target=receive, daemon=True).start()
    while True:
        batch = inbox.get()
        if batch is None:
            return
        docs = _by_stage(pipeline, batch, state) if by_stage else None
        done: list[tuple[int, Any, Document]] = []
        for position, (seq, article) in enumerate(batch):
            doc = docs[position] if docs is not None else _alone(pipeline, seq, article, state)
            if doc is None:
                return
            try:
                payload = encode(doc, pipeline)
            except Exception as exc:  # a record that cannot be written still gets a document
                doc = failed_document(pipeline, article, _STAGE_UNKNOWN, type(exc).__name__, str(exc))
                payload = encode(doc, pipeline)
            done.append((seq, payload, doc))
        state[_SINCE] = 0.0
        try:
            _send(conn, done, pipeline, encode)
        except (EOFError, OSError):
            return


def _alone(pipeline: Pipeline, seq: int, article: Article | str, state: Any) -> Document | None:
    """Run one article, reporting its stages; ``None`` when the worker is interrupted."""

    def enter(index: int) -> None:
        state[_STAGE] = index

    state[_SEQ] = seq
    state[_STAGE] = _STAGE_UNKNOWN
    state[_SINCE] = time.monotonic()
    try:
        return pipeline._run(article, on_stage=enter)
    except BaseException as exc:  # whatever happens, the article gets a document
        if isinstance(exc, KeyboardInterrupt):
            return None
        return failed_document(pipeline, article, int(state[_STAGE]), type(exc).__name__, str(exc))


def _by_stage(pipeline: Pipeline, batch: list[tuple[int, Article | str]], state: Any) -> list[Document | None]:
    """Run a batch stage by stage, reporting the article and stage under way.

    Should anything escape the pipeline's own handling of failures, the batch
    runs again article by article, so that only the article that raised is
    charged.
    """

    def enter(position: int, index: int) -> None:
        state[_SEQ] = batch[position][0]
        state[_STAGE] = index

    state[_SEQ] = batch[0][0] if batch else -1.0
    state[_STAGE] = _STAGE_UNKNOWN
    state[_SINCE] = time.monotonic()
    try:
        articles = [Article(raw=item) if isinstance(item, str) else item for _, item in batch]
        return list(pipeline._run_many(articles, on_stage=enter))
    except BaseException as exc:  # rare: retried one by one below
        if isinstance(exc, KeyboardInterrupt):
            return [None] * len(batch)
    return [_alone(pipeline, seq, article, state) for seq, article in batch]


def _send(conn: Connection, done: list[tuple[int, Any, Document]], pipeline: Pipeline, encode: Encoder[Any]) -> None:
    """Send a batch's results; a result that cannot be pickled is re-encoded without its bad values."""
    try:
        conn.send([(seq, payload) for seq, payload, _ in done])
    except (pickle.PicklingError, TypeError, AttributeError, ValueError):
        results = []
        for seq, payload, doc in done:
            try:
                pickle.dumps(payload)
            except Exception:  # any failure to pickle a user's value
                payload = encode(_picklable(doc), pipeline)
            results.append((seq, payload))
        conn.send(results)


@attrs.define
class _Worker:
    process: BaseProcess
    conn: Connection
    state: Any
    tasks: deque[tuple[int, Article | str]] = attrs.field(factory=deque)
    batches: int = 0

    def on(self) -> tuple[int, int, float]:
        """The article, stage and start time the worker reports."""
        return int(self.state[_SEQ]), int(self.state[_STAGE]), float(self.state[_SINCE])


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
        self._empty_deaths = 0

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()
        state = self._context.Array("d", [-1.0, float(_STAGE_UNKNOWN), 0.0], lock=False)
        process = self._context.Process(  # type: ignore[attr-defined]
            target=_serve, args=(child, self.pipeline, self.encode, state, self.timeout is None), daemon=True
        )
        try:
            process.start()
        except RuntimeError as exc:  # spawn from a script without a __main__ guard
            raise OptionsError(
                "worker processes could not start on this platform: run the code that calls "
                "pipe(..., workers=N) under `if __name__ == '__main__':` (or use workers=1)"
            ) from exc
        child.close()
        return _Worker(process=process, conn=parent, state=state)

    def run(self, articles: Iterable[Article | str]) -> Generator[R, None, None]:
        """Yield one encoded result per article, in input order."""
        source = iter(articles)
        retry: deque[tuple[int, Article | str]] = deque()
        done: dict[int, R] = {}
        taken = 0
        emitted = 0
        exhausted = False
        gc.freeze()  # objects made so far stay put: forked workers do not copy pages to count references to them
        workers = [self._start() for _ in range(self.workers)]
        try:
            while True:
                for index, worker in enumerate(workers):
                    if not worker.process.is_alive():
                        worker = workers[index] = self._replace(worker, done, retry, "WorkerDied")
                    while worker.batches < 2:  # one batch to work on, one queued behind it
                        batch: list[tuple[int, Article | str]] = []
                        while retry and len(batch) < self.batch_size:
                            batch.append(retry.popleft())
                        while not exhausted and len(batch) < self.batch_size and taken - emitted < self.window:
                            try:
                                article = next(source)
                            except StopIteration:
                                exhausted = True
                                break
                            if not isinstance(article, (Article, str)):
                                raise OptionsError(
                                    f"a pipeline takes an Article or a str, not {type(article).__name__} "
                                    f"(item {taken} of the stream)"
                                )
                            batch.append((taken, article))
                            taken += 1
                        if not batch:
                            break
                        worker.tasks.extend(batch)
                        worker.batches += 1
                        try:
                            worker.conn.send(batch)
                        except OSError:  # it died since it was looked at: replaced in the next round
                            break
                while emitted in done:
                    result = done.pop(emitted)
                    emitted += 1
                    yield result
                busy = [w for w in workers if w.batches]
                if not busy:
                    if exhausted and not retry:
                        return
                    continue
                self._wait(busy, done)
                for index, worker in enumerate(workers):
                    if worker.batches and not worker.process.is_alive():
                        workers[index] = self._replace(worker, done, retry, "WorkerDied")
                    elif self._overdue(worker):
                        workers[index] = self._replace(worker, done, retry, "Timeout")
        finally:
            self._stop(workers)

    def _wait(self, busy: list[_Worker], done: dict[int, R]) -> None:
        limit = None
        if self.timeout is not None:
            started = [since for since in (w.on()[2] for w in busy) if since > 0]
            limit = max(0.0, min(started) + self.timeout - time.monotonic()) if started else self.timeout
        handles: list[Any] = [w.conn for w in busy] + [w.process.sentinel for w in busy]
        ready = multiprocessing.connection.wait(handles, timeout=limit)
        for worker in busy:
            if worker.conn in ready:
                self._drain(worker, done)

    def _drain(self, worker: _Worker, done: dict[int, R]) -> None:
        """Take every batch of results the worker has sent so far."""
        try:
            while worker.batches and worker.conn.poll():
                for seq, payload in worker.conn.recv():
                    worker.tasks.popleft()
                    done[seq] = payload
                worker.batches -= 1
        except (EOFError, OSError):
            pass  # the worker died: the caller replaces it

    def _overdue(self, worker: _Worker) -> bool:
        if self.timeout is None or not worker.batches:
            return False
        since = worker.on()[2]
        return since > 0 and time.monotonic() - since > self.timeout

    def _replace(
        self,
        worker: _Worker,
        done: dict[int, R],
        retry: deque[tuple[int, Article | str]],
        error: str,
    ) -> _Worker:
        """Stop *worker*, charge the article it was on, and hand the rest of its work back."""
        self._drain(worker, done)
        seq, stage, since = worker.on()
        worker.process.kill()
        worker.process.join()
        worker.conn.close()
        charged = False
        for task_seq, article in worker.tasks:
            if task_seq == seq and since > 0 and not charged:
                charged = True
                if error == "Timeout":
                    message = f"no result within {self.timeout} s; the worker was stopped and replaced"
                else:
                    message = f"the worker process ended (exit code {worker.process.exitcode}) on this article"
                failed = failed_document(self.pipeline, article, stage, error, message)
                done[task_seq] = self.encode(failed, self.pipeline)
            else:
                retry.append((task_seq, article))
        self._empty_deaths = 0 if charged else self._empty_deaths + 1
        if self._empty_deaths > _MAX_EMPTY_DEATHS:
            raise WorkerError(
                f"worker processes ended {self._empty_deaths} times in a row before finishing any article "
                f"(last exit code {worker.process.exitcode})"
            )
        # Work handed back goes first, in input order, before any new article.
        ordered = sorted(retry, key=lambda task: task[0])
        retry.clear()
        retry.extend(ordered)
        return self._start()

    def _stop(self, workers: list[_Worker]) -> None:
        for worker in workers:
            with contextlib.suppress(OSError, ValueError):
                worker.conn.send(None)
        deadline = time.monotonic() + _JOIN_SECONDS
        for worker in workers:
            if worker.batches:  # stopped early (the consumer left, or an interrupt): no need to wait
                worker.process.kill()
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()


def identity(doc: Document, pipeline: Pipeline) -> Document:
    """The encoder of :meth:`~newscorpus.Pipeline.pipe`: the document itself."""
    return doc
