"""The shape check of one ``kg build``: the SHACL shapes (:class:`kg.shacl.validate.ShapeChecker`)
applied to the nodes the build adds, each document's own nodes from its triples as they are
made, the shared ones (entities, merge records) in the finished store.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF
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
        for s, p, o in triples:  # a set per subject: a triple made twice is one triple
            self._index.setdefault(s, {})[p, o] = None

    def subjects(self) -> Iterable[Node]:
        return self._index.keys()

    def predicate_objects(self, subject: Node) -> Iterable[tuple[Node, Node]]:
        return self._index.get(subject, {}).keys()

    def objects(self, subject: Node, predicate: Node) -> Iterable[Node]:
        return [o for p, o in self._index.get(subject, {}) if p == predicate]

    def transitive_subjects(self, predicate: Node, object: Node) -> Iterable[Node | None]:
        return _ontology_closure(predicate, object)


class StoreView:
    """Some nodes of a pyoxigraph store read the way the checker reads a graph.

    It holds every ``rdf:type`` triple, and the focus nodes' triples with the properties of
    the shapes that target them, each read in one scan per property (one look-up per node
    took a second on 2,000 articles); classes and their sub-classes come from the ontology.
    """

    def __init__(self, store: Any, nodes: set[Node], checker: ShapeChecker) -> None:
        import pyoxigraph as ox

        from kg.rdf.oxstore import term

        self._types: dict[str, list[Any]] = {}
        for quad in store.quads_for_pattern(None, ox.NamedNode(str(RDF.type)), None,
                                            ox.DefaultGraph()):  # fmt: skip
            self._types.setdefault(quad.subject.value, []).append(quad.object)
        wanted = {str(n) for n in nodes}
        classes = {str(t.value) for n in wanted for t in self._types.get(n, ())}
        paths = checker.paths({URIRef(c) for c in classes}, self.transitive_subjects)
        self._index: dict[Node, dict[tuple[Node, Node], None]] = {}
        for path in paths:
            p = ox.NamedNode(str(path))
            for quad in store.quads_for_pattern(None, p, None, ox.DefaultGraph()):
                if quad.subject.value in wanted:
                    s, o = term(quad.subject), term(quad.object)
                    self._index.setdefault(s, {})[path, o] = None
        self._convert = term
        self._converted: dict[Node, list[Node]] = {}

    def predicate_objects(self, subject: Node) -> Iterable[tuple[Node, Node]]:
        found = list(self._index.get(subject, {}).keys())
        return found + [(_RDF_TYPE, t) for t in self.objects(subject, _RDF_TYPE)]

    def objects(self, subject: Node, predicate: Node) -> Iterable[Node]:
        if predicate == _RDF_TYPE:
            types = self._converted.get(subject)
            if types is None:  # converted once per node (documents are asked for often)
                types = [self._convert(t) for t in self._types.get(str(subject), ())]
                self._converted[subject] = types
            return types
        return [o for p, o in self._index.get(subject, {}) if p == predicate]

    def transitive_subjects(self, predicate: Node, object: Node) -> Iterable[Node | None]:
        return _ontology_closure(predicate, object)


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
        import pyoxigraph as ox

        if not self.documents:
            return sorted(self.found)

        def select(query: str) -> Iterable[Node]:  # the shapes' SPARQL reads the ontology too
            for row in store.query(query, use_default_graph_as_union=True):
                term = row[0]
                if isinstance(term, ox.NamedNode):
                    yield URIRef(term.value)

        # all (node, document) pairs, filtered here: a VALUES block of the new documents
        # made Oxigraph take 9 s on 2,000 articles, this scan 0.1 s
        rows = store.query(
            f"SELECT ?n ?d WHERE {{ {{ ?n <{KG.mentionedIn}> ?d }} UNION "
            f"{{ ?n <{PROV.wasDerivedFrom}> ?d . ?n a <{KG.Merge}> }} }}"
        )
        shared: set[Node] = {
            URIRef(row[0].value) for row in rows if row[1].value in self.documents
        }
        view = StoreView(store, shared, self.checker)
        found, targeted = self.checker.check_properties(view, shared)
        for cls, nodes in targeted.items():
            self.targeted.setdefault(cls, set()).update(nodes)
        found |= self.found | self.checker.check_sparql(self.targeted, select)
        return sorted(found)
