"""Run the per-document stages (nlp → extract → resolve) on several processes or a Dask cluster.

Each engine is a context manager that starts its workers (one spaCy pipeline per worker
process, loaded before the context is entered, so start-up is never mixed with throughput)
and yields a ``run(documents) -> results`` function. ``run`` sends the documents in chunks,
keeps only a bounded number of chunks in flight (memory does not grow with the input), and
yields the ``DocumentResult``s in input order, so a parallel build adds exactly what a
single-process build adds, in the same order. Only records cross process boundaries: a
chunk of ``Document``s out, a list of ``DocumentResult``s back; spaCy ``Doc``s never leave
the worker.
"""

from __future__ import annotations

import ctypes
import logging
import os
import queue
import signal
import sys
import threading
import traceback
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kg.aliases import AliasTable
from kg.errors import KgError, WorkerError
from kg.model import Document, DocumentResult

if TYPE_CHECKING:
    from spacy.language import Language

#: Documents per task: one ``nlp.pipe`` batch.
CHUNK = 32
#: Chunks in flight per worker: one being parsed, one waiting, so no worker idles.
WINDOW = 2
#: How long to try reaching a Dask scheduler before giving up.
CONNECT_TIMEOUT = "20s"

Run = Callable[[Iterable[Document]], Iterator[DocumentResult]]

@dataclass(frozen=True)
class Setup:
    """What every worker needs besides the documents (small and picklable): the pipeline's
    name (None: kg's default), the longest text it must parse, the alias table."""

    model: str | None = None
    max_length: int = 1_000_000
    aliases: AliasTable | None = None


# One loaded pipeline per worker process, by model name (None: kg's default).
_LANGUAGES: dict[str | None, Language] = {}


def language(setup: Setup) -> Language:
    """The spaCy pipeline of this process, loaded on first use."""
    if setup.model not in _LANGUAGES:
        from kg import nlp

        _LANGUAGES[setup.model] = nlp.load_model(setup.model)
    loaded = _LANGUAGES[setup.model]
    loaded.max_length = max(loaded.max_length, setup.max_length)
    return loaded


def warm(setup: Setup) -> None:
    """Load the pipeline in this process (returns nothing: a pipeline is not for the wire)."""
    language(setup)


def process_chunk(documents: list[Document], setup: Setup) -> list[DocumentResult]:
    """The results of one chunk of documents (what a worker does with one task)."""
    from kg.stages import process

    return list(process(documents, language(setup), setup.aliases))


def chunks(documents: Iterable[Document], size: int = CHUNK) -> Iterator[list[Document]]:
    """Consecutive lists of ``size`` documents (the last may be shorter)."""
    chunk: list[Document] = []
    for document in documents:
        chunk.append(document)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# -- N processes on this machine ------------------------------------------------------------


def _worker(setup: Setup, tasks: Any, results: Any, parent: int) -> None:
    """A worker process: load the pipeline, say so, then process chunks until told to stop."""
    die_with_parent(parent)
    try:
        language(setup)
    except BaseException as exc:  # noqa: B036 - reported to the parent, which raises it
        results.put(("error", -1, _portable(exc)))
        return
    results.put(("ready", os.getpid(), None))
    while True:
        task = tasks.get()
        if task is None:
            return
        index, documents = task
        try:
            results.put(("done", index, process_chunk(documents, setup)))
        except BaseException as exc:  # noqa: B036
            results.put(("error", index, _portable(exc)))
            return


#: ``prctl`` option: the signal the kernel sends this process when its parent dies.
_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Make this worker end with the process that started it, however that one ends.

    On Linux the kernel sends SIGKILL to the worker when its parent dies (even by SIGKILL,
    when no clean-up of the parent's runs); elsewhere the parent's own clean-up terminates
    its workers. A parent already gone before that took effect ends the worker at once.
    SIGTERM gets its default action back (a forked worker inherits the parent's handler),
    and Ctrl-C is left to the parent, which stops its workers itself.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # no libc prctl: the parent's clean-up remains
            pass
    if os.getppid() != parent:
        os._exit(1)


def _portable(exc: BaseException) -> BaseException:
    """An exception that survives pickling: kg's own errors as they are, others as text."""
    if isinstance(exc, KgError):
        return exc
    return WorkerError(
        "a worker failed: " + "".join(traceback.format_exception(exc)).strip().splitlines()[-1]
    )


@contextmanager
def local_workers(setup: Setup, workers: int) -> Iterator[Run]:
    """``workers`` processes on this machine, each with its own pipeline."""
    import multiprocessing

    # fork when this process runs no other thread: quick, and a script without an
    # ``if __name__ == "__main__"`` guard works. With threads (a Dask client's, say) a fork
    # would copy locks they hold, so spawn fresh interpreters instead.
    method = "fork" if threading.active_count() == 1 else "spawn"
    if method not in multiprocessing.get_all_start_methods():
        method = "spawn"
    context: Any = multiprocessing.get_context(method)
    tasks = context.Queue()
    results = context.Queue()
    processes = [
        context.Process(target=_worker, args=(setup, tasks, results, os.getpid()), daemon=True)
        for _ in range(workers)
    ]
    for process in processes:
        process.start()
    finished = False
    try:
        for _ in processes:
            _receive(results, processes)  # each "ready" (an error is raised)

        def run(documents: Iterable[Document]) -> Iterator[DocumentResult]:
            done: dict[int, list[DocumentResult]] = {}
            sent = yielded = 0
            for chunk in chunks(documents):
                while sent - yielded >= WINDOW * workers:
                    yielded = yield from _yield_in_order(results, processes, done, yielded)
                tasks.put((sent, chunk))
                sent += 1
            while yielded < sent:
                yielded = yield from _yield_in_order(results, processes, done, yielded)

        yield run
        finished = True
    finally:
        if finished:
            for _ in processes:
                tasks.put(None)
        for process in processes:
            process.join(timeout=10 if finished else 0)
            if process.is_alive():
                process.terminate()
                process.join()
        for channel in (tasks, results):
            channel.cancel_join_thread()
            channel.close()


def _yield_in_order(
    results: Any, processes: list[Any], done: dict[int, list[DocumentResult]], yielded: int
) -> Generator[DocumentResult, None, int]:
    """Wait for one more chunk, then yield every chunk that is next in input order."""
    _, index, chunk_results = _receive(results, processes)
    done[index] = chunk_results
    while yielded in done:
        yield from done.pop(yielded)
        yielded += 1
    return yielded


def _receive(results: Any, processes: list[Any]) -> tuple[str, int, Any]:
    """The next message of a worker; raises the error a worker reports, or notices one die."""
    while True:
        try:
            kind, index, payload = results.get(timeout=1.0)
        except queue.Empty:
            dead = [p.exitcode for p in processes if p.exitcode is not None]
            if dead:
                raise WorkerError(f"a worker process died (exit code {dead[0]})") from None
            continue
        if kind == "error":
            raise payload
        return kind, index, payload


# -- a Dask cluster -------------------------------------------------------------------------


@contextmanager
def dask_workers(address: str, setup: Setup, workers: int) -> Iterator[Run]:
    """The workers of a Dask cluster: ``address`` of its scheduler, or ``local`` for a
    LocalCluster of ``workers`` single-threaded worker processes on this machine."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise WorkerError("Dask is not installed: pip install 'kg[dask]'") from exc

    cluster = None
    try:
        if address == "local":
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            client = Client(cluster)
        else:
            client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise WorkerError(f"cannot reach the Dask scheduler: {exc}", address) from exc
    try:
        # Load the pipeline on every worker now, so it is not timed with the documents.
        client.run(warm, setup)
        window = WINDOW * max(1, len(client.scheduler_info()["workers"]))

        def run(documents: Iterable[Document]) -> Iterator[DocumentResult]:
            pending: deque[Any] = deque()
            for chunk in chunks(documents):
                if len(pending) >= window:
                    yield from pending.popleft().result()
                pending.append(client.submit(process_chunk, chunk, setup, pure=False))
            while pending:
                yield from pending.popleft().result()

        yield run
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
