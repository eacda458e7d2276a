"""The new snapshot one build writes (:class:`Builder`): triples streamed into an Oxigraph
store on a background thread, the Turtle dump, the reads a build makes of its own graph.

The snapshot folder, its lease and its publication are ``kg.rdf.store``'s: a builder asks it
for a new snapshot, and ``store.switch`` publishes it (or :meth:`Builder.discard` drops it).
"""

from __future__ import annotations

import shutil
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph

from kg.errors import GraphError
from kg.rdf import counts
from kg.rdf.store import discard, new_snapshot

if TYPE_CHECKING:
    from kg.rdf.graph import Triple


def _checkpoint(source: Path, target: Path) -> Path | None:
    """Start ``target`` as a copy of the store ``source`` (a published snapshot), made by
    RocksDB's checkpoint (pyoxigraph ``Store.backup``): on one file system its data files
    are hard links to the source's, so the copy costs milliseconds whatever the graph's
    size. The source is opened read-only and only read; the files both share are immutable
    (RocksDB never rewrites a table file, it writes new ones and unlinks old ones), so
    writing the new store never changes the published one. None, with ``target`` left
    absent, when ``source`` cannot be read so (the caller reads ``graph.ttl`` instead)."""
    import pyoxigraph as ox

    try:
        ox.Store.read_only(str(source)).backup(str(target))
    except OSError:
        shutil.rmtree(target, ignore_errors=True)
        return None
    return source


class Builder:
    """The new snapshot one build writes, filled while the documents are read.

    Triples come in as rdflib terms (``add``), are buffered as N-Triples text and handed to
    Oxigraph's bulk loader every ``flush_every`` triples, so the graph being built lives on
    disk in the store, not in this process: memory does not grow with the triples added.
    Duplicates (an entity's type and label from every document) are one triple in the store.
    The snapshot is published by ``store.switch`` and only then; :meth:`discard` removes it.

    Bulk loads and the Turtle dump run on one background thread: pyoxigraph releases the
    GIL while it parses, sorts and writes, so the store is written while this thread goes
    on parsing and extracting (or rendering the page). At most one load is in flight; every
    read waits for the loads before it, and :meth:`close` for everything.
    """

    def __init__(self, out: Path, flush_every: int = 50_000, start: Path | None = None) -> None:
        import pyoxigraph as ox

        self.path = new_snapshot(out)
        #: The snapshot this one started as a copy of (None: it started empty).
        self.started_from = _checkpoint(start, self.path) if start is not None else None
        #: No graph was copied or loaded into it: every vote in it is one this build made.
        self.began_empty = start is None
        try:
            self._store = ox.Store(str(self.path))
        except OSError as exc:
            discard(self.path)
            raise GraphError(f"cannot write the graph: {exc}", self.path) from exc
        self.flush_every = flush_every
        #: The summary's counts of the data, kept by delta when the snapshot started as a
        #: copy of one that keeps them (``kg.rdf.counts``); None: counted at the end.
        self.counts = counts.read(self._store) if self.started_from is not None else None
        self._pending: set[Triple] = set()  # counted, not yet in the store
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
        self.began_empty = False
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
        self.began_empty = False
        source = ox.Store.read_only(str(snapshot))
        data = source.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        self._store.bulk_load(data or b"", format=ox.RdfFormat.N_TRIPLES)

    def add(self, triples: list[Triple]) -> None:
        """Add triples (written to the store at the next flush)."""
        from kg.rdf.graph import ntriples

        if self.counts is not None:
            self._count(triples)
        self._buffer.append(ntriples(triples))
        self._buffered += len(triples)
        if self._buffered >= self.flush_every:
            self.flush()

    def _count(self, triples: list[Triple]) -> None:
        """Apply the triples not in the store yet (nor buffered) to the counts."""
        import pyoxigraph as ox

        from kg.rdf.oxstore import ox_term

        assert self.counts is not None
        self._wait_load()
        store, default, pending = self._store, ox.DefaultGraph(), self._pending
        for triple in triples:
            if triple in pending:
                continue
            s, p, o = triple
            if ox.Quad(ox_term(s), ox_term(p), ox_term(o), default) in store:
                continue
            pending.add(triple)
            self.counts.change(str(s), str(p), str(o), 1)

    def flush(self) -> None:
        """Start writing the buffered triples into the store (after the load in flight)."""
        import pyoxigraph as ox

        if not self._buffer:
            return
        data = "".join(self._buffer).encode("utf-8")
        self._buffer.clear()
        self._pending.clear()  # the next add waits for this load before it counts
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
        graph.store.counts = self.counts  # type: ignore[attr-defined]
        self._graphs.append(graph)
        return graph

    def select(self, query: str) -> list[tuple[Any, ...]]:
        """Rows of a SPARQL SELECT over the store (the data and the ontology as one default
        graph; not kg's bookkeeping graphs), as pyoxigraph terms."""
        from kg.rdf.oxstore import data_graphs, named_data_graphs

        self.sync()
        rows = self._store.query(query, default_graph=data_graphs(),
                                 named_graphs=named_data_graphs())  # fmt: skip
        return [tuple(row) for row in rows]  # type: ignore[union-attr]

    def tally(self) -> counts.Counts:
        """The counts of the data as it is now (by delta, else by SPARQL), kept in the
        store for the next build (``kg.rdf.counts``)."""
        self.sync()
        if self.counts is None:
            self.counts = counts.recount(self._store)
        counts.write(self._store, self.counts)
        return self.counts

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
