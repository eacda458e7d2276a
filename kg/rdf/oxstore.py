"""oxrdflib's rdflib store over pyoxigraph, with faster triple-pattern reads.

Imported only where a store is opened (it imports pyoxigraph and oxrdflib). Triple patterns
are how kg reads a store through rdflib (the page, the cross-document step, the summary);
oxrdflib converts every term of every match generically, which took 2.9 s to read the
172k triples of a 2,000-article graph. This converter caches IRIs and returns plain
literals for ``xsd:string`` (as :func:`kg.rdf.graph.plain_copy` does): 1.8 s.

kg's readers see the data (the default graph) and the ontology's named graph, never the
store's other named graphs (the cross-document step's index, ``kg.foldindex``): reads
through :class:`OxigraphStore` go through :class:`DataView`, and kg's own SPARQL over a
raw store names :func:`data_graphs`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from oxrdflib import OxigraphStore as _OxigraphStore
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from kg.ontology import ONTOLOGY_GRAPH

if TYPE_CHECKING:
    from kg.rdf.counts import Counts

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@lru_cache(maxsize=1 << 16)
def _iri(value: str) -> URIRef:
    return URIRef(value)


def data_graphs() -> list[Any]:
    """The graphs of a store that hold what kg reads as a graph: the data (the default
    graph) and the ontology (its named graph); SPARQL over a raw pyoxigraph store names
    them as its ``default_graph`` rather than reading every graph as one."""
    return [ox.DefaultGraph(), ox.NamedNode(str(ONTOLOGY_GRAPH))]


def named_data_graphs() -> list[Any]:
    """The named graphs a reader's ``GRAPH`` clause may reach (the ontology's)."""
    return [ox.NamedNode(str(ONTOLOGY_GRAPH))]


class DataView:
    """A pyoxigraph store as kg's readers see it: a pattern or query over "every graph"
    reads :func:`data_graphs` only, and ``GRAPH`` reaches the ontology's only; anything
    else (writes, reads of a named graph) is the store's own."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)

    def quads_for_pattern(self, s: Any, p: Any, o: Any, graph_name: Any = None) -> Any:
        if graph_name is not None:
            return self.store.quads_for_pattern(s, p, o, graph_name)
        return itertools.chain.from_iterable(
            self.store.quads_for_pattern(s, p, o, graph) for graph in data_graphs()
        )

    def query(self, query: str, **options: Any) -> Any:
        if options.pop("use_default_graph_as_union", False):
            options["default_graph"] = data_graphs()
        options.setdefault("named_graphs", named_data_graphs())
        return self.store.query(query, **options)

    def named_graphs(self) -> Iterator[Any]:
        return (g for g in self.store.named_graphs() if g in named_data_graphs())


def term(value: Any) -> Node:
    """A pyoxigraph term as an rdflib one (``xsd:string`` literals as plain ones)."""
    kind = type(value)
    if kind is ox.NamedNode:
        return _iri(value.value)
    if kind is ox.Literal:
        if value.language:
            return Literal(value.value, lang=value.language)
        datatype = value.datatype.value
        if datatype == _XSD_STRING:
            return Literal(value.value)
        return Literal(value.value, datatype=_iri(datatype))
    if kind is ox.BlankNode:
        return BNode(value.value)
    raise TypeError(f"not an RDF term: {value!r}")


def _text_or_term(value: Any) -> Node | str:
    """A literal without a language as its text (``str``: rdflib's ``Literal()`` parses and
    checks every value, 3 µs each), any other term as an rdflib one (a language decides
    which of several names or titles a page shows)."""
    if type(value) is ox.Literal and not value.language:
        return value.value
    return term(value)


def ox_term(value: Any) -> Any:
    """An rdflib term (a pattern's; None: any) as a pyoxigraph one; a graph as its name."""
    if value is None:
        return None
    if isinstance(value, Graph):
        value = value.identifier
        if value == DATASET_DEFAULT_GRAPH_ID:
            return ox.DefaultGraph()
    if isinstance(value, URIRef):
        return ox.NamedNode(value)
    if isinstance(value, BNode):
        return ox.BlankNode(value)
    if isinstance(value, Literal):
        datatype = ox.NamedNode(value.datatype) if value.datatype else None
        return ox.Literal(value, language=value.language, datatype=datatype)
    raise ValueError(f"Unexpected rdflib term: {value!r}")


def _quad_pattern(triple: Any, context: Graph | None) -> tuple[Any, Any, Any, Any]:
    """A triple pattern in ``context`` as pyoxigraph's quad pattern (what oxrdflib does,
    without importing its private converter)."""
    s, p, o = triple
    return (ox_term(s), ox_term(p), ox_term(o), ox_term(context))


class OxigraphStore(_OxigraphStore):
    """oxrdflib's store, reading triple patterns with :func:`term`.

    With ``union`` set (kg's own readers: the page, the summary, the exports, ``kg show``),
    an rdflib graph over its default graph reads the data *and* the ontology's named graph
    (:data:`kg.ontology.ONTOLOGY_GRAPH`), by triple patterns and by SPARQL; writes still go
    to the default graph, and ``len`` counts the data (as ``graph.ttl`` holds it).
    :meth:`sparql` chooses per query (``kg.query.run_query``).
    """

    #: Read every graph of the store as the default graph (the data and the ontology).
    union = False
    #: The summary's counts a build keeps by delta (``kg.rdf.counts``): every triple this
    #: store really adds to or removes from the data is applied to them.
    counts: Counts | None = None

    def __init__(self, *args: Any, store: ox.Store | None = None, **kwargs: Any) -> None:
        super().__init__(*args, store=store, **kwargs)
        self._raw = store
        if store is not None:
            self._store = DataView(store)  # type: ignore[assignment]

    def close(self, commit_pending_transaction: bool = False) -> None:
        self._raw = None  # the last reference closes the pyoxigraph store (and its lock)
        super().close(commit_pending_transaction)

    def add(self, triple: Any, context: Any, quoted: bool = False) -> None:
        if self.counts is not None and not quoted:
            quad = ox.Quad(*_quad_pattern(triple, context))
            if type(quad.graph_name) is ox.DefaultGraph and quad not in self.oxigraph:
                s, p, o = triple
                self.counts.change(str(s), str(p), str(o), 1)
        super().add(triple, context, quoted)

    def remove(self, triple: Any, context: Any = None) -> None:
        if self.counts is not None:
            try:
                quads = list(self._inner.quads_for_pattern(*_quad_pattern(triple, context)))
            except (TypeError, ValueError):
                quads = []
            for q in quads:
                if type(q.graph_name) is ox.DefaultGraph:
                    s: Any = q.subject
                    o: Any = q.object
                    self.counts.change(s.value, q.predicate.value, o.value, -1)
        super().remove(triple, context)

    @property
    def oxigraph(self) -> ox.Store:
        """The pyoxigraph store itself (every graph: kg's bookkeeping too), for the code
        that keeps a named graph of its own (``kg.foldindex``)."""
        return self._raw if self._raw is not None else self._inner

    def outgoing(self, subject: URIRef | BNode) -> list[tuple[Node, Node | str]]:
        """The (predicate, object) pairs of a subject in the default graph, read without
        rdflib's generator layers, objects as :func:`_text_or_term` gives them (the page
        reads thousands of evidence nodes and only shows their text)."""
        node = ox.NamedNode(subject) if isinstance(subject, URIRef) else ox.BlankNode(subject)
        quads = self._inner.quads_for_pattern(node, None, None, ox.DefaultGraph())
        return [(_iri(q.predicate.value), _text_or_term(q.object)) for q in quads]

    def literals(self, predicate: URIRef) -> list[tuple[str, Node | str]]:
        """(subject, literal) of every triple of the default graph with ``predicate`` and a
        literal object, the literal as :func:`_text_or_term` gives it (the page reads every
        name)."""
        quads = self._inner.quads_for_pattern(None, ox.NamedNode(predicate), None,
                                              ox.DefaultGraph())  # fmt: skip
        return [(q.subject.value, _text_or_term(q.object))  # type: ignore[union-attr]
                for q in quads if type(q.object) is ox.Literal]  # fmt: skip

    def pairs(self, predicate: URIRef) -> list[tuple[str, str]]:
        """(subject, object) of every triple of the default graph with ``predicate``, as
        their IRIs or lexical forms: a whole-predicate scan without making rdflib terms
        (the cross-document step reads every vote so; rdflib terms cost 3 µs each)."""
        quads = self._inner.quads_for_pattern(None, ox.NamedNode(predicate), None,
                                              ox.DefaultGraph())  # fmt: skip
        return [(q.subject.value, q.object.value) for q in quads]  # type: ignore[union-attr]

    def triples(
        self, triple_pattern: Any, context: Graph | None = None
    ) -> Iterator[tuple[tuple[Node, Node, Node], Iterator[Graph | None]]]:
        if self.union and context is not None and context.identifier == DATASET_DEFAULT_GRAPH_ID:
            context = None  # every graph
        try:
            quads = self._inner.quads_for_pattern(*_quad_pattern(triple_pattern, context))
        except (TypeError, ValueError):  # a pattern term Oxigraph cannot hold: no match
            return iter(())
        return (
            ((term(q.subject), term(q.predicate), term(q.object)), iter((context,)))
            for q in quads
        )

    def query(
        self, query: Any, initNs: Any, initBindings: Any, queryGraph: Any, **kwargs: Any  # noqa: N803
    ) -> Any:
        if self.union and queryGraph == DATASET_DEFAULT_GRAPH_ID:
            queryGraph = "__UNION__"  # noqa: N806
        return super().query(query, initNs, initBindings, queryGraph, **kwargs)

    def sparql(self, query: str, prefixes: Any, bindings: Any, *, ontology: bool) -> Any:
        """A SPARQL query over the data (the default graph), or over the data and the
        ontology as one default graph; named graphs are reachable with ``GRAPH`` either way."""
        graph = "__UNION__" if ontology else DATASET_DEFAULT_GRAPH_ID
        return super().query(query, prefixes, bindings, graph)
