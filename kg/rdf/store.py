"""The embedded graph store: immutable Oxigraph snapshots behind an atomically switched pointer.

Layout of a graph folder ``OUT``::

    OUT/store                 -> snapshots/<id>   (a relative symlink: the current snapshot)
    OUT/snapshots/<id>/       an Oxigraph store, written once by one build, never changed
    OUT/snapshots/<id>.lease  readers hold a shared flock on it while they use <id>

A build (the only writer, under ``OUT/.kg.lock``) bulk-loads a new snapshot
(``kg.rdf.builder.Builder``), then makes ``OUT/store`` point to it with one ``os.replace``
of a symlink, so a reader sees either the old snapshot or the new one, complete.
pyoxigraph's read-only mode is undefined while a store is written; snapshots are never
written after the switch, so reading them is safe.

Readers resolve the pointer once (:func:`open_snapshot`) and hold a shared lease on that
snapshot; the writer removes an old snapshot only when it can take the lease exclusively,
i.e. when no reader uses it (otherwise a later build removes it).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Graph

from kg.errors import GraphError

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
