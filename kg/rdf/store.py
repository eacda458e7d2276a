"""The embedded graph store: immutable Oxigraph snapshots behind an atomically switched pointer.

Layout of a graph folder ``OUT``::

    OUT/store                 -> snapshots/<id>   (a relative symlink: the current snapshot)
    OUT/snapshots/<id>/       an Oxigraph store, written once by one build, never changed
    OUT/snapshots/<id>.lease  readers hold a shared flock on it while they use <id>

A build (the only writer, under ``OUT/.kg.lock``) bulk-loads a new snapshot, then makes
``OUT/store`` point to it with one ``os.replace`` of a symlink, so a reader sees either the
old snapshot or the new one, complete. pyoxigraph's read-only mode is undefined while a
store is written; snapshots are never written after the switch, so reading them is safe.

Readers resolve the pointer once (:func:`open_snapshot`) and hold a shared lease on that
snapshot; the writer removes an old snapshot only when it can take the lease exclusively,
i.e. when no reader uses it (otherwise a later build removes it).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph

from kg.errors import GraphError

if TYPE_CHECKING:
    from kg.rdf.graph import Triple

STORE = "store"
SNAPSHOTS = "snapshots"
LEASE = ".lease"


@dataclass
class Snapshot:
    """A snapshot opened for reading: its folder and the shared lease that keeps it alive."""

    path: Path
    lease_fd: int | None

    def close(self) -> None:
        """Release the lease (the snapshot may be removed by a later build)."""
        if self.lease_fd is not None:
            os.close(self.lease_fd)
            self.lease_fd = None

    def __del__(self) -> None:
        self.close()


def _lease_path(snapshot: Path) -> Path:
    return snapshot.with_name(snapshot.name + LEASE)


def current(out: Path) -> Path | None:
    """The folder of the current snapshot of ``out`` (None when there is no store)."""
    pointer = out / STORE
    if pointer.is_symlink():
        target = out / os.readlink(pointer)
        return target if target.is_dir() else None
    if pointer.is_dir():  # a store written before snapshots existed
        return pointer
    # No pointer: a switch from such a store folder moved it away and was cut short before
    # its link took its place (see switch); the link names the complete new snapshot.
    for link in sorted(out.glob(".store-link-*")):
        if link.is_symlink() and (out / os.readlink(link)).is_dir():
            return out / os.readlink(link)
    return None


def open_snapshot(out: Path, attempts: int = 50) -> Snapshot:
    """Resolve ``OUT/store`` once and take a shared lease on the snapshot it names."""
    for _ in range(attempts):
        path = current(out)
        if path is None and (out / STORE).is_symlink():
            # the pointer named a snapshot a build removed just after switching away from
            # it (between readlink and the look at its folder): read the pointer again
            time.sleep(0.01)
            continue
        if path is None:
            raise GraphError("no graph store here; run `kg build` first", out / STORE)
        if path.parent != out / SNAPSHOTS:
            return Snapshot(path, None)  # legacy folder: no leases
        try:
            fd = os.open(_lease_path(path), os.O_RDONLY)
        except FileNotFoundError:  # removed between readlink and open: resolve again
            time.sleep(0.01)
            continue
        fcntl.flock(fd, fcntl.LOCK_SH)
        if path.is_dir():  # the writer renames a snapshot away only under LOCK_EX
            return Snapshot(path, fd)
        os.close(fd)
    raise GraphError("the graph store keeps changing; try again", out / STORE)


def new_snapshot(out: Path) -> Path:
    """A fresh, empty snapshot folder name under ``OUT/snapshots`` (with its lease file)."""
    folder = out / SNAPSHOTS
    folder.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    for n in range(1000):
        path = folder / f"{stamp}-{os.getpid()}-{n}"
        if not path.exists() and not _lease_path(path).exists():
            _lease_path(path).touch()
            return path
    raise GraphError("cannot name a new snapshot", folder)


def switch(out: Path, snapshot: Path) -> None:
    """Make ``OUT/store`` point to ``snapshot`` in one atomic rename, then collect old ones."""
    pointer = out / STORE
    tmp = out / f".store-link-{os.getpid()}"
    tmp.unlink(missing_ok=True)
    os.symlink(os.path.relpath(snapshot, out), tmp)
    if pointer.is_dir() and not pointer.is_symlink():
        # A store folder from before snapshots: move it into snapshots/ once. A symlink
        # cannot replace a folder in one rename; until it does, readers follow ``tmp``.
        legacy = new_snapshot(out)
        os.replace(pointer, legacy)
    os.replace(tmp, pointer)
    _fsync_dir(out)
    collect(out)


def collect(out: Path) -> list[Path]:
    """Remove every snapshot that is not current and that no reader holds; returns them.

    Only the writer (holding the build lock) calls this.
    """
    folder = out / SNAPSHOTS
    keep = current(out)
    removed: list[Path] = []
    for link in out.glob(".store-link-*"):  # a pointer a killed build made but never renamed
        link.unlink(missing_ok=True)
    if not folder.is_dir():
        return removed
    for entry in sorted(folder.iterdir()):
        if entry.name.endswith(LEASE) or entry.name.startswith(".") or entry == keep:
            continue
        if _remove_if_unused(entry):
            removed.append(entry)
    for trash in folder.glob(".trash-*"):  # renamed away by a removal that was cut short
        shutil.rmtree(trash, ignore_errors=True)
    for lease in folder.glob(f"*{LEASE}"):  # leases left by failed builds
        snapshot = lease.with_name(lease.name.removesuffix(LEASE))
        if snapshot != keep and not snapshot.exists():
            _remove_if_unused(snapshot)
    return removed


def discard(snapshot: Path) -> None:
    """Remove a snapshot that was never switched to (a failed build)."""
    _remove_if_unused(snapshot)


def _remove_if_unused(snapshot: Path) -> bool:
    lease = _lease_path(snapshot)
    try:
        fd = os.open(lease, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        return False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False  # a reader still uses it; a later build removes it
        if snapshot.exists():
            trash = snapshot.with_name(f".trash-{snapshot.name}")
            os.replace(snapshot, trash)
            shutil.rmtree(trash, ignore_errors=True)
        lease.unlink(missing_ok=True)
        return True
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


#: What adding to (or removing from, or updating) an opened snapshot says.
READ_ONLY = ("this graph is a read-only snapshot; add articles with KnowledgeGraph.add(texts) "
             "or kg build")


def open_graph(out: Path) -> Graph:
    """The current snapshot of ``out`` as a read-only rdflib graph.

    The snapshot's lease is held until ``graph.close()`` (or until the graph is collected).
    Adding, removing or a SPARQL update raise a ``GraphError`` saying so (``READ_ONLY``).
    """
    from kg.rdf.graph import open_store
    from kg.rdf.oxstore import OxigraphStore

    class SnapshotStore(OxigraphStore):
        """oxrdflib's store over a snapshot; closing it releases the lease."""

        def close(self, commit_pending_transaction: bool = False) -> None:
            snapshot.close()
            super().close(commit_pending_transaction)

        def add(self, *args: Any, **kwargs: Any) -> None:
            raise GraphError(READ_ONLY, out)

        addN = remove = update = add  # noqa: N815 - rdflib's Store names

    snapshot = open_snapshot(out)
    try:
        graph = open_store(snapshot.path, SnapshotStore)
    except GraphError:
        snapshot.close()
        raise
    graph.store._kg_snapshot = snapshot  # type: ignore[attr-defined]
    return graph


def copy_graph(out: Path) -> Graph:
    """All triples of the current snapshot in a memory graph (plain literals folded back)."""
    from kg.rdf.graph import plain_copy

    source = open_graph(out)
    try:
        return plain_copy(source)
    finally:
        source.close()


class Builder:
    """The new snapshot one build writes, filled while the documents are read.

    Triples come in as rdflib terms (``add``), are buffered as N-Triples text and handed to
    Oxigraph's bulk loader every ``flush_every`` triples, so the graph being built lives on
    disk in the store, not in this process: memory does not grow with the triples added.
    Duplicates (an entity's type and label from every document) are one triple in the store.
    The snapshot is published by :func:`switch` and only then; :meth:`discard` removes it.

    Bulk loads and the Turtle dump run on one background thread: pyoxigraph releases the
    GIL while it parses, sorts and writes, so the store is written while this thread goes
    on parsing and extracting (or rendering the page). At most one load is in flight; every
    read waits for the loads before it, and :meth:`close` for everything.
    """

    def __init__(self, out: Path, flush_every: int = 50_000) -> None:
        import pyoxigraph as ox

        self.path = new_snapshot(out)
        try:
            self._store = ox.Store(str(self.path))
        except OSError as exc:
            discard(self.path)
            raise GraphError(f"cannot write the graph: {exc}", self.path) from exc
        self.flush_every = flush_every
        self._graphs: list[Graph] = []
        self._buffer: list[str] = []
        self._buffered = 0
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-store")
        self._load: Future[None] | None = None  # the bulk load in flight
        self._dump: Future[None] | None = None  # the Turtle file being written

    @property
    def store(self) -> Any:
        """The pyoxigraph ``Store`` being written, with every triple added so far."""
        self.sync()
        return self._store

    def load(self, path: Path) -> None:
        """Add the triples of an RDF file (a previous build's ``graph.ttl``)."""
        import pyoxigraph as ox

        self.sync()
        try:
            self._store.bulk_load(path=str(path), format=ox.RdfFormat.from_extension("ttl"))
        except (SyntaxError, ValueError) as exc:
            raise GraphError(f"cannot read graph: {exc}".splitlines()[0], path) from exc

    def add_ontology(self) -> None:
        """Write kg's ontology into its own named graph (``kg.rdf.graph.put_ontology``)."""
        from kg.rdf.graph import put_ontology

        self.sync()
        put_ontology(self._store)

    def copy(self, snapshot: Path) -> None:
        """Add every triple of another store (a previous build's snapshot)."""
        import pyoxigraph as ox

        self.sync()
        source = ox.Store.read_only(str(snapshot))
        data = source.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        self._store.bulk_load(data or b"", format=ox.RdfFormat.N_TRIPLES)

    def add(self, triples: list[Triple]) -> None:
        """Add triples (written to the store at the next flush)."""
        from kg.rdf.graph import ntriples

        self._buffer.append(ntriples(triples))
        self._buffered += len(triples)
        if self._buffered >= self.flush_every:
            self.flush()

    def flush(self) -> None:
        """Start writing the buffered triples into the store (after the load in flight)."""
        import pyoxigraph as ox

        if not self._buffer:
            return
        data = "".join(self._buffer).encode("utf-8")
        self._buffer.clear()
        self._buffered = 0
        self._wait_load()
        store = self._store
        self._load = self._writer.submit(
            lambda: store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
        )

    def sync(self) -> None:
        """Write every triple added so far into the store and wait for it."""
        self.flush()
        self._wait_load()

    def _wait_load(self) -> None:
        if self._load is not None:
            load, self._load = self._load, None
            load.result()  # re-raises the loader's error here

    def write_turtle(self, path: Path) -> None:
        """Start writing the data (the default graph, without the ontology) as Turtle
        (``graph.ttl``), with kg's prefixes; it is complete when :meth:`close` returns."""
        import pyoxigraph as ox

        from kg.ontology import PREFIX_IRIS

        self.sync()
        store = self._store

        def dump() -> None:
            store.dump(
                str(path), format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(),
                prefixes=PREFIX_IRIS,
            )  # fmt: skip

        self._dump = self._writer.submit(dump)

    def graph(self) -> Graph:
        """The store as an rdflib graph (read and write: the cross-document step edits it)."""
        from kg.rdf.graph import store_graph

        self.sync()
        graph = store_graph(self._store)
        self._graphs.append(graph)
        return graph

    def select(self, query: str) -> list[tuple[Any, ...]]:
        """Rows of a SPARQL SELECT over the store (the data and the ontology as one default
        graph), as pyoxigraph terms."""
        self.sync()
        rows = self._store.query(query, use_default_graph_as_union=True)
        return [tuple(row) for row in rows]  # type: ignore[union-attr]

    def document_iris(self) -> set[str]:
        """The IRIs of the documents the store holds."""
        from kg.ontology import KG

        return {row[0].value for row in self.select(f"SELECT ?d {{ ?d a <{KG.Document}> }}")}

    def close(self) -> None:
        """Write everything to disk and close the store (before it is published)."""
        self.sync()
        if self._dump is not None:
            dump, self._dump = self._dump, None
            dump.result()
        self._store.flush()
        self._drop()

    def settle(self) -> None:
        """Wait for the background writes, ignoring their errors (a failed build cleaning
        up: the error that stopped it is the one to report)."""
        for future in (self._load, self._dump):
            if future is not None:
                try:
                    future.result()
                except Exception:  # noqa: BLE001 (reported by the caller's own error)
                    pass
        self._load = self._dump = None

    def _drop(self) -> None:
        # pyoxigraph closes a store when the last reference goes. rdflib graphs made by
        # graph() hold one in a reference cycle; closing them drops it now rather than at
        # the next garbage collection, so the snapshot's database lock and files are not
        # kept open after the build.
        self._writer.shutdown(wait=True)
        for graph in self._graphs:
            graph.close()
        self._graphs.clear()
        if hasattr(self, "_store"):
            del self._store

    def discard(self) -> None:
        """Remove the snapshot (a failed build)."""
        self._buffer.clear()
        self._drop()
        discard(self.path)
