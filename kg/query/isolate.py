"""Run SPARQL in a child process that can be killed: a time limit that stops the work.

pyoxigraph evaluates inside Rust: one ``next()`` of a result (an aggregate or ORDER BY
over a cross product) or the planning of a large query can run for minutes without coming
back to Python, and a thread cannot be stopped. A query therefore runs in a worker process;
the caller waits for its answer until the deadline (or until the client that asked has
gone) and otherwise kills the worker, which stops the CPU and frees the memory at once. A
worker that crashes (a stack overflow in the engine on a pathological query) costs only
itself: the caller gets one line, not a dead process.

The worker formats the result itself (the text is what crosses the pipe) and caps it: at
most ``max_rows`` rows or triples and ``max_bytes`` of text, else one line saying so.
Workers die with their parent (``PR_SET_PDEATHSIG``), and one that gets EOF on its pipe
exits.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import queue
import resource
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from kg.errors import GraphError, KgError, QueryError

#: Default caps on one result.
MAX_ROWS = 100_000
MAX_BYTES = 64 * 1024 * 1024


class QueryTimeout(QueryError):
    """The query ran past its time limit and was stopped."""


class QueryCancelled(QueryError):
    """The client that asked went away; the query was stopped."""


class WorkerBusy(QueryError):
    """Every worker is busy and none became free in time."""


class NotAcceptable(QueryError):
    """The result's kind (rows or a graph) has no format the caller accepts."""


@dataclass(frozen=True)
class Job:
    """One query for a worker: where the graph is, the text, formats and caps.

    ``folder`` is a graph folder (its current snapshot is opened and leased) or, with
    ``snapshot=True``, a snapshot folder the caller holds a lease on; ``endpoint`` a remote
    store (``kg.rdf.remote.Endpoint``) instead. ``rows_format``/``graph_format`` are kg format
    names (``kg.query.FORMATS``/``GRAPH_FORMATS``) for SELECT/ASK and CONSTRUCT/DESCRIBE
    results; None means the caller accepts no format for that kind.
    """

    sparql: str
    folder: str | None = None
    snapshot: bool = False
    endpoint: Any = None
    rows_format: str | None = "table"
    graph_format: str | None = "table"
    allow_service: bool = False
    ontology: bool = False
    max_rows: int = MAX_ROWS
    max_bytes: int = MAX_BYTES
    #: A named query (``kg/queries/NAME.rq``) with its arguments, instead of ``sparql``.
    named: str | None = None
    values: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Answer:
    """A worker's formatted result: ``kind`` is "rows" (SELECT/ASK) or "graph"."""

    kind: str
    text: str


def evaluate(job: Job, graphs: dict[str, Any]) -> Answer:
    """Run ``job`` here (in the worker); ``graphs`` caches opened snapshots by path."""
    from kg.query.named import run_named
    from kg.query.results import format_result
    from kg.query.run import run_query

    graph = _graph(job, graphs)
    try:
        if job.named is not None:
            result = run_named(graph, job.named, dict(job.values))
        else:
            result = run_query(
                graph, job.sparql, allow_service=job.allow_service, ontology=job.ontology
            )
        if result.type in {"CONSTRUCT", "DESCRIBE"}:
            kind, fmt = "graph", job.graph_format
            assert result.graph is not None
            if len(result.graph) > job.max_rows:
                raise QueryError(_too_many(job.max_rows, "triples"))
        else:
            kind, fmt = "rows", job.rows_format
            _cap_rows(result, job.max_rows)
        if fmt is None:
            raise NotAcceptable(f"no acceptable format for a {kind} result")
        text = format_result(result, fmt)
    finally:
        if not job.snapshot:
            graph.close()
    if len(text) > job.max_bytes or len(text.encode("utf-8")) > job.max_bytes:
        raise QueryError(f"result too large: more than {job.max_bytes:,} bytes")
    return Answer(kind, text)


def _graph(job: Job, graphs: dict[str, Any]) -> Any:
    if job.endpoint is not None:
        from kg.rdf.remote import open_remote

        return open_remote(job.endpoint)
    assert job.folder is not None
    if not job.snapshot:
        from kg.query.run import open_graph

        return open_graph(job.folder)
    if job.folder not in graphs:
        from kg.rdf.graph import open_store

        for old in graphs.values():  # one snapshot at a time: the parent moved on
            old.close()
        graphs.clear()
        graphs[job.folder] = open_store(Path(job.folder))
    return graphs[job.folder]


def _cap_rows(result: Any, max_rows: int) -> None:
    """Materialise at most ``max_rows`` rows of a SELECT result, else refuse it."""
    if result.type != "SELECT":
        return
    pending = result._genbindings  # rdflib keeps a lazy result's rows in a generator
    rows = list(islice(pending, max_rows + 1)) if pending is not None else result.bindings
    if len(rows) > max_rows:
        raise QueryError(_too_many(max_rows, "rows"))
    result._genbindings = None
    result._bindings = list(rows)


def _too_many(limit: int, what: str) -> str:
    return f"result too large: more than {limit:,} {what} (add LIMIT to the query)"


def _worker_main(conn: Any, memory: int | None) -> None:
    """A worker's loop: receive a job, answer ("ok", Answer) or ("error", KgError)."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent to handle
    if memory:
        resource.setrlimit(resource.RLIMIT_DATA, (memory, memory))
    graphs: dict[str, Any] = {}
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple[str, object] = ("ok", evaluate(job, graphs))
        except KgError as exc:
            reply = ("error", exc)
        except MemoryError:
            limit = (memory or 0) >> 20  # the same words as an engine abort (Worker.ask)
            reply = ("error", QueryError(f"query stopped: past the memory limit of {limit:,} MiB"))
        except Exception as exc:  # an engine error of any type is one line for the caller
            reply = ("error", QueryError(f"query failed: {exc}".splitlines()[0]))
        conn.send(reply)


def _die_with_parent() -> None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: EOF on the pipe still ends the worker
        pass


class Worker:
    """One worker process and its pipe; killed and replaced by its owner on timeout."""

    def __init__(self, context: Any, memory: int | None = None) -> None:
        self._context = context
        self._memory = memory
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, memory), daemon=True)
        self.process.start()
        child.close()

    def run(
        self, job: Job, timeout: float | None, cancelled: Callable[[], bool] | None = None
    ) -> Answer:
        """The answer to ``job``; the worker is killed on timeout, cancel or crash."""
        deadline = None if timeout is None else time.monotonic() + timeout
        self.conn.send(job)
        while True:
            wait = 0.05 if deadline is None else min(0.05, deadline - time.monotonic())
            if wait <= 0:
                self.kill()
                raise QueryTimeout(f"query stopped after its time limit of {timeout:g} s")
            if self.conn.poll(wait):
                try:
                    status, value = self.conn.recv()
                except (EOFError, OSError):
                    raise self._crashed() from None
                if status == "ok":
                    return value
                raise value
            if not self.process.is_alive():
                raise self._crashed()
            if cancelled is not None and cancelled():
                self.kill()
                raise QueryCancelled("the client went away; query stopped")

    def _crashed(self) -> KgError:
        self.kill()
        code = self.process.exitcode
        if code is not None and code < 0:
            name = signal.Signals(-code).name
            if name == "SIGABRT" and self._memory:  # Rust aborts when an allocation fails
                return QueryError(
                    "query stopped: the engine aborted, most likely past the memory limit "
                    f"of {self._memory >> 20:,} MiB"
                )
            return QueryError(f"query crashed the query engine ({name}); simplify the query")
        return GraphError(f"query worker exited ({code})")

    @property
    def alive(self) -> bool:
        return self.process.is_alive()

    def close(self) -> None:
        """Let the worker end by itself (EOF on its pipe), killing it if it does not."""
        self.conn.close()
        self.process.join(timeout=5)
        self.kill()

    def kill(self) -> None:
        if self.process.is_alive():
            try:
                os.kill(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:  # it died by itself a moment ago
                pass
        self.process.join(timeout=10)
        if not self.conn.closed:
            self.conn.close()

    def replacement(self) -> Worker:
        return Worker(self._context, self._memory)


def run_isolated(job: Job, timeout: float | None) -> str:
    """Run one query in a forked worker (the CLI: one process, no threads yet)."""
    worker = Worker(multiprocessing.get_context("fork"))
    try:
        return worker.run(job, timeout).text
    finally:
        worker.close()


class WorkerPool:
    """A fixed number of workers, so at most that many queries run at once (the server).

    Workers start from a fork server (``multiprocessing``'s forkserver: a clean,
    single-threaded process), not from the threaded server itself. A worker killed on a
    timeout, a cancel or a crash is replaced before it goes back into the pool.
    """

    def __init__(self, size: int, memory: int | None = None) -> None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(
            ["kg.query.isolate", "kg.query", "kg.rdf.graph", "kg.rdf.oxstore"]
        )
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._all: list[Worker] = []
        self._lock = threading.Lock()
        for _ in range(size):
            self._add(Worker(context, memory))

    def _add(self, worker: Worker) -> None:
        with self._lock:
            self._all.append(worker)
        self._idle.put(worker)

    def run(
        self, job: Job, timeout: float, cancelled: Callable[[], bool] | None = None
    ) -> Answer:
        """``job``'s answer from the next free worker (waiting up to ``timeout`` for one)."""
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise WorkerBusy("the server is busy with other queries; try again") from None
        try:
            return worker.run(job, timeout, cancelled)
        finally:
            if not worker.conn.closed and worker.alive:
                self._idle.put(worker)
            else:
                worker.kill()
                with self._lock:
                    self._all.remove(worker)
                self._add(worker.replacement())

    def close(self) -> None:
        with self._lock:
            workers, self._all = self._all, []
        for worker in workers:
            worker.kill()
