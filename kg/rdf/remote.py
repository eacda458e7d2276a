"""A remote graph store: any SPARQL 1.1 query/update endpoint (Oxigraph server, Virtuoso, …).

``kg build --store URL`` writes the graph into a named graph of a running triple store;
``kg query --store URL`` reads it back. Writing goes through rdflib's ``SPARQLUpdateStore``
in batches of ``INSERT DATA`` into a fresh staging graph, then one ``MOVE`` replaces the
target graph with it, so a reader of the store sees the old graph or the new one, whole.

The graph lives in a named graph (default :data:`GRAPH_IRI`) because a server's default
graph is often the union of everything it holds (Virtuoso's is).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef
from rdflib.term import Node

from kg.errors import GraphError

if TYPE_CHECKING:
    from kg.rdf.graph import Triple

GRAPH_IRI = "https://w3id.org/kg/graph"
#: Triples per INSERT DATA request. Virtuoso compiles an update to SQL and refuses one whose
#: SQL exceeds 10,000 lines ("SP031"), which 2,000 triples of the seed graph's mix already
#: did; 500 leaves a wide margin at a few more round trips (the graph is staged and then
#: moved, so batching never shows a reader part of it).
BATCH = 500


@dataclass(frozen=True)
class Endpoint:
    """Where a remote graph lives: query URL, update URL, named graph IRI."""

    query: str
    update: str
    graph: str = GRAPH_IRI

    @classmethod
    def parse(cls, url: str, update: str | None = None, graph: str | None = None) -> Endpoint:
        """An endpoint from a query URL; the update URL defaults to ``…/update`` for a
        ``…/query`` URL (Oxigraph's layout), else to the same URL (Virtuoso's ``/sparql``)."""
        if not url.startswith(("http://", "https://")):
            raise GraphError("a store URL starts with http:// or https://", url)
        if update is None:
            update = url[: -len("/query")] + "/update" if url.endswith("/query") else url
        return cls(url, update, graph or GRAPH_IRI)


def _update_store(endpoint: Endpoint):  # -> SPARQLUpdateStore
    from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

    return SPARQLUpdateStore(
        query_endpoint=endpoint.query,
        update_endpoint=endpoint.update,
        returnFormat="json",
        autocommit=True,
        context_aware=True,
    )


def push(graph: Iterable[Triple], endpoint: Endpoint, batch: int = BATCH) -> int:
    """Replace the endpoint's named graph with the triples of ``graph`` (an rdflib graph or
    any iterable of triples); returns how many."""
    store = _update_store(endpoint)
    staging = URIRef(f"{endpoint.graph}/staging/{uuid.uuid4().hex}")
    target = URIRef(endpoint.graph)
    sent = 0
    try:
        store.update(f"DROP SILENT GRAPH <{staging}>")
        triples = iter(graph)
        while chunk := list(islice(triples, batch)):
            store.addN((s, p, o, Graph(identifier=staging)) for s, p, o in chunk)
            sent += len(chunk)
        if sent == 0:
            store.update(f"CREATE SILENT GRAPH <{staging}>")
        store.update(f"MOVE SILENT GRAPH <{staging}> TO GRAPH <{target}>")
    except Exception as exc:  # urllib, HTTP and server errors come in many types
        try:
            store.update(f"DROP SILENT GRAPH <{staging}>")
        except Exception:  # best effort: the original error is the one to report
            pass
        problem = f"cannot write to the store: {exc}".splitlines()[0]
        raise GraphError(problem, endpoint.update) from exc
    return sent


def open_remote(endpoint: Endpoint) -> Graph:
    """The remote named graph as a read-only rdflib graph (queries go to the server)."""
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    from kg.rdf.graph import bind_prefixes

    store = SPARQLStore(endpoint.query, returnFormat="json")
    graph = Graph(store, identifier=URIRef(endpoint.graph))
    bind_prefixes(graph)
    return graph


def count(endpoint: Endpoint) -> int:
    """How many triples the remote named graph holds."""
    graph = open_remote(endpoint)
    try:
        rows: Iterable[tuple[Node, ...]] = graph.query(  # type: ignore[assignment]
            "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        )
        return int(str(next(iter(rows))[0]))
    except Exception as exc:  # urllib, HTTP and parse errors come in many types
        raise GraphError(f"cannot query the store: {exc}".splitlines()[0], endpoint.query) from exc

