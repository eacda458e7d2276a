"""Open a built graph and run SPARQL over it (a local snapshot or a remote store)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import XSD
from rdflib.query import Result
from rdflib.term import Identifier, Node

from kg.errors import GraphError, QueryError
from kg.ontology import PREFIX_IRIS
from kg.query.columns import in_query_order
from kg.query.guard import check_query
from kg.rdf import store as kgstore


def open_graph(graph_dir: str | Path) -> Graph:
    """Open the current store snapshot of a built graph folder (``kg build``'s OUT) read-only."""
    folder = Path(graph_dir)
    if not folder.is_dir():
        raise GraphError("no such graph folder; run `kg build` first", folder)
    return kgstore.open_graph(folder)


def run_query(
    graph: Graph,
    sparql: str,
    bindings: Mapping[str, Identifier] | None = None,
    allow_service: bool = False,
    *,
    ontology: bool = False,
) -> Result:
    """Run a SPARQL query string; ``bindings`` pre-bind variables to values (no formatting).

    The text is checked first (``kg.query.guard``): too long or too deeply nested for the
    engine, or a ``SERVICE`` call unless ``allow_service``, is refused with a QueryError.
    On a graph folder's store the query reads the data only (the default graph: entities,
    facts, evidence, documents); with ``ontology`` the ontology's named graph is part of the
    default graph too (classes, property labels and hierarchies), and ``GRAPH <…>`` reaches
    it either way. A remote store's graph holds both. With the Oxigraph store a bound
    variable must appear in the SELECT clause.
    """
    check_query(sparql, allow_service)
    bindings = dict(bindings or {})
    if bindings and _is_remote(graph):
        sparql, bindings = _values_in_where(sparql, bindings), {}
    try:
        choose = getattr(graph.store, "sparql", None)  # kg.rdf.oxstore's: data or data + ontology
        if choose is not None:
            result = choose(sparql, PREFIX_IRIS, bindings, ontology=ontology)
        else:
            result = graph.query(sparql, initNs=PREFIX_IRIS, initBindings=bindings)
    except Exception as exc:  # parse and evaluation errors come in many types
        raise QueryError(f"query failed: {exc}".splitlines()[0]) from exc
    return in_query_order(sparql, result)


def _is_remote(graph: Graph) -> bool:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    return isinstance(graph.store, SPARQLStore)


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def _values_in_where(sparql: str, bindings: Mapping[str, Identifier]) -> str:
    """The bindings as a ``VALUES`` block opening the WHERE clause.

    rdflib's SPARQLStore appends ``VALUES`` after the whole query, where it joins only after
    the FILTERs ran; bound at the start of WHERE they hold wherever the query uses them, as
    with a local store. Terms are written by rdflib (``n3()``), never pasted as text.
    """
    match = _WHERE.search(sparql)
    if match is None:
        raise QueryError("a query with bound arguments needs a WHERE clause")
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(term.n3() for term in bindings.values())
    values = f" VALUES ({names}) {{ ({terms}) }} "
    return sparql[: match.end()] + values + sparql[match.end() :]


def plain(value: Node | None) -> Node | None:
    """``"x"^^xsd:string`` (how Oxigraph returns plain literals) as the plain literal ``"x"``."""
    if isinstance(value, Literal) and value.datatype == XSD.string:
        return Literal(str(value))
    return value


def normalise(result: Result, hide: Iterable[str] = ()) -> Result:
    """A SELECT result materialised, plain literals folded, the ``hide`` columns dropped."""
    if result.type != "SELECT":
        return result
    hidden = set(hide)
    names = [v for v in result.vars or () if str(v) not in hidden]
    out = Result("SELECT")
    out.vars = names
    out.bindings = [
        {v: plain(row[v]) for v in names if row[v] is not None}  # type: ignore[index,call-overload,misc]
        for row in result
    ]
    return out
