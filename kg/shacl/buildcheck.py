"""The shape check of one ``kg build``: the SHACL shapes (:class:`kg.shacl.validate.ShapeChecker`)
applied to the nodes the build adds, each document's own nodes from its triples as they are
made, the shared ones (entities, merge records) in the finished store.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF, RDFS
from rdflib.term import Node

from kg.ontology import ENT, KG, MERGE
from kg.shacl.validate import ShapeChecker, Violation

if TYPE_CHECKING:
    from kg.rdf.graph import Triple

_SHARED = (str(ENT), str(MERGE))
_RDF_TYPE = RDF.type


class TripleView:
    """A few triples (one document's) read the way the checker reads a graph; classes and
    their sub-classes come from the ontology."""

    def __init__(self, triples: Iterable[Triple]) -> None:
        self._index: dict[Node, dict[tuple[Node, Node], None]] = {}
        self._values: dict[tuple[Node, Node], list[Node]] = {}  # (s, p) -> its objects
        for s, p, o in triples:  # a set per subject: a triple made twice is one triple
            pairs = self._index.setdefault(s, {})
            if (p, o) not in pairs:
                pairs[p, o] = None
                self._values.setdefault((s, p), []).append(o)

    def subjects(self) -> Iterable[Node]:
        return self._index.keys()

    def predicate_objects(self, subject: Node) -> Iterable[tuple[Node, Node]]:
        return self._index.get(subject, {}).keys()

    def objects(self, subject: Node, predicate: Node) -> Iterable[Node]:
        return self._values.get((subject, predicate), [])

    def transitive_subjects(self, predicate: Node, object: Node) -> Iterable[Node | None]:
        return _ontology_closure(predicate, object)


class StoreView:
    """Some nodes of a pyoxigraph store read the way the checker reads a graph.

    The focus nodes' values are read with one look-up per node and constrained property
    (in Oxigraph's index: the cost follows the nodes checked, not the graph); with
    ``documents``, a node's links to documents are read for those documents only; the
    type of any other node the shapes ask about (the class of a value) is looked up when
    asked; classes and their sub-classes come from the ontology.
    """

    def __init__(
        self, store: Any, nodes: set[Node], checker: ShapeChecker,
        documents: set[str] | None = None,
    ) -> None:  # fmt: skip
        import pyoxigraph as ox

        from kg.rdf.oxstore import term

        self._store, self._ox, self._convert = store, ox, term
        self._rdf_type = ox.NamedNode(str(RDF.type))
        # A build of a few documents reads each focus node's values by constrained property
        # and, of its links to documents (an entity's, a merge record's), those to the new
        # documents only: the others were checked when they came, and a hub's list grows
        # with the graph (only a path no shape bounds from above). A bigger build reads
        # each node's triples at once (fewer look-ups), keeping the same values.
        few = documents is not None and len(documents) <= LOOKUPS
        outgoing: dict[Node, list[tuple[Node, Node]]] = {}
        if few:
            self._converted = {node: self._read(node, self._rdf_type) for node in nodes}
        else:
            for node in nodes:
                quads = store.quads_for_pattern(ox.NamedNode(str(node)), None, None,
                                                ox.DefaultGraph())  # fmt: skip
                outgoing[node] = [(term(q.predicate), term(q.object)) for q in quads]
            self._converted = {node: [o for p, o in pairs if p == _RDF_TYPE]
                               for node, pairs in outgoing.items()}  # fmt: skip
        classes = {URIRef(str(t)) for types in self._converted.values() for t in types}
        paths = {p for p in checker.paths(set(classes), self.transitive_subjects)
                 if isinstance(p, URIRef) and p != _RDF_TYPE}  # fmt: skip
        links: set[Node] = set()
        if documents is not None:
            links = set(_DOCUMENT_LINKS) - _bounded(checker, classes)
        wanted = documents or set()
        if few:
            self._index = {node: self._values(node, paths, links, wanted) for node in nodes}
        else:
            self._index = {
                node: {(p, o): None for p, o in pairs
                       if p in paths and (p not in links or str(o) in wanted)}
                for node, pairs in outgoing.items()
            }  # fmt: skip

    def _read(self, node: Node, predicate: Any, value: Any = None) -> list[Node]:
        """The objects of ``node``'s triples with ``predicate`` (and ``value``)."""
        ox = self._ox
        quads = self._store.quads_for_pattern(ox.NamedNode(str(node)), predicate, value,
                                              ox.DefaultGraph())  # fmt: skip
        return [self._convert(q.object) for q in quads]

    def _values(
        self, node: Node, paths: set[URIRef], links: set[Node], documents: set[str]
    ) -> dict[tuple[Node, Node], None]:
        """``node``'s values on ``paths``, one look-up per path (per new document on
        ``links``)."""
        ox = self._ox
        pairs: dict[tuple[Node, Node], None] = {}
        for path in sorted(paths):
            link = ox.NamedNode(path)
            if path in links:
                values = [v for doc in sorted(documents)
                          for v in self._read(node, link, ox.NamedNode(doc))]  # fmt: skip
            else:
                values = self._read(node, link)
            pairs.update(((path, value), None) for value in values)
        return pairs

    def predicate_objects(self, subject: Node) -> Iterable[tuple[Node, Node]]:
        found = list(self._index.get(subject, {}).keys())
        return found + [(_RDF_TYPE, t) for t in self.objects(subject, _RDF_TYPE)]

    def objects(self, subject: Node, predicate: Node) -> Iterable[Node]:
        if predicate == _RDF_TYPE:
            types = self._converted.get(subject)
            if types is None:  # a node outside the focus (a value's class), read once
                types = []
                if isinstance(subject, URIRef):
                    quads = self._store.quads_for_pattern(
                        self._ox.NamedNode(str(subject)), self._rdf_type, None,
                        self._ox.DefaultGraph(),
                    )  # fmt: skip
                    types = [self._convert(q.object) for q in quads]
                self._converted[subject] = types
            return types
        return [o for p, o in self._index.get(subject, {}) if p == predicate]

    def transitive_subjects(self, predicate: Node, object: Node) -> Iterable[Node | None]:
        return _ontology_closure(predicate, object)


#: Up to this many new documents, a node's links to them are looked up one by one.
LOOKUPS = 64
#: The properties that link a shared node to documents (one value per document).
_DOCUMENT_LINKS: frozenset[Node] = frozenset({KG.mentionedIn, PROV.wasDerivedFrom})
_MAX_COUNT = "http://www.w3.org/ns/shacl#maxCount"


def _bounded(checker: ShapeChecker, classes: set[URIRef]) -> set[Node]:
    """The paths a shape that targets any of ``classes`` gives a ``sh:maxCount``."""
    return {
        prop.path
        for shape in checker.shapes
        if not classes.isdisjoint(_ontology_closure(RDFS.subClassOf, shape.target))
        for prop in shape.properties
        if any(str(component) == _MAX_COUNT for component, _ in prop.constraints)
    }


@lru_cache(maxsize=256)
def _ontology_closure(predicate: Node, object: Node) -> tuple[Node | None, ...]:
    """``object`` and what reaches it by ``predicate`` in the ontology (a class and its
    sub-classes), computed once per process."""
    return tuple(_ontology_graph().transitive_subjects(predicate, object))


@cache
def _ontology_graph() -> Graph:
    from kg.ontology import load_ontology

    return load_ontology()


class BuildCheck:
    """The shape check of one build, over the nodes it adds.

    Nodes that belong to one document (the document, its evidence and their quantities)
    are checked from that document's triples as they are made (:meth:`document`); the
    entities and merge records the documents mention, which other documents and the
    cross-document step also write, are checked in the finished store (:meth:`finish`),
    where the SPARQL constraints run too.
    """

    def __init__(self) -> None:
        self.checker = ShapeChecker()
        self.found: set[Violation] = set()
        self.targeted: dict[Node, set[Node]] = {}
        self.documents: set[str] = set()

    def document(self, triples: list[Triple]) -> None:
        """Check the nodes of one new document from its triples."""
        view = TripleView(triples)
        local = [
            s for s in view.subjects()
            if not str(s).startswith(_SHARED)  # entities, merges: checked in finish
        ]  # fmt: skip
        found, targeted = self.checker.check_properties(view, local)
        self.found |= found
        for cls, nodes in targeted.items():
            self.targeted.setdefault(cls, set()).update(nodes)
        for s in local:
            if KG.Document in view.objects(s, RDF.type):
                self.documents.add(str(s))

    def finish(self, store: Any) -> list[Violation]:
        """Check the entities and merge records of the new documents in the finished store
        (a pyoxigraph ``Store``), run the SPARQL constraints; all violations found."""
        if not self.documents:
            return sorted(self.found)
        shared = _shared_nodes(store, self.documents)
        view = StoreView(store, shared, self.checker, self.documents)
        found, targeted = self.checker.check_properties(view, shared)
        for cls, nodes in targeted.items():
            self.targeted.setdefault(cls, set()).update(nodes)
        return sorted(found | self.found | _check_sparql(self.checker, self.targeted, store))


def _shared_nodes(store: Any, documents: set[str]) -> set[Node]:
    """The entities that mention the new documents and the merge records made in them,
    looked up by document (in Oxigraph's object index: no scan of the graph)."""
    import pyoxigraph as ox

    mentioned, derived = ox.NamedNode(str(KG.mentionedIn)), ox.NamedNode(str(PROV.wasDerivedFrom))
    is_a, merge = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(KG.Merge))
    found: set[Node] = set()
    for doc in map(ox.NamedNode, documents):
        for quad in store.quads_for_pattern(None, mentioned, doc, ox.DefaultGraph()):
            found.add(URIRef(quad.subject.value))
        for quad in store.quads_for_pattern(None, derived, doc, ox.DefaultGraph()):
            if str(quad.subject.value).startswith(str(MERGE)) and any(
                store.quads_for_pattern(quad.subject, is_a, merge, ox.DefaultGraph())
            ):
                found.add(URIRef(quad.subject.value))
    return found


#: Focus nodes bound per query of a SPARQL constraint (pre-bound as SHACL binds ``$this``).
BOUND = 500


def _check_sparql(
    checker: ShapeChecker, targeted: dict[Node, set[Node]], store: Any
) -> set[Violation]:
    """The violations of the shapes' SPARQL constraints among the targeted nodes, each
    query run with its ``$this`` bound to them (a ``VALUES`` block of up to :data:`BOUND`
    nodes): the cost follows the nodes checked, not the graph (0.2 s a query for the whole
    2,000-article graph, 3 ms for 50 nodes)."""
    from kg.rdf.oxstore import data_graphs

    found: set[Violation] = set()
    for shape in checker.shapes:
        targets = sorted(str(t) for t in targeted.get(shape.target, ()) if isinstance(t, URIRef))
        for text, message in shape.selects:
            for start in range(0, len(targets), BOUND):
                values = " ".join(f"<{iri}>" for iri in targets[start : start + BOUND])
                query = _bind_this(text, values)
                for row in store.query(query, default_graph=data_graphs()):
                    found.add(Violation(row[0].value, "", message))
    return found


def _bind_this(text: str, values: str) -> str:
    """A constraint's ``SELECT $this WHERE { … }`` with ``$this`` bound to ``values``."""
    head, brace, body = text.replace("$this", "?this").partition("{")
    return f"{head}{brace} VALUES ?this {{ {values} }} {body}"
