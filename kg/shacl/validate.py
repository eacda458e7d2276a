"""SHACL validation of a kg graph against ``ontology/shapes.ttl``.

Two ways, one set of shapes:

- :func:`validate_graph` runs pyshacl over a whole graph (``kg validate``): the reference.
- :class:`ShapeChecker` compiles the shapes once into plain Python checks and applies them
  to chosen focus nodes only, so ``kg build`` checks the nodes of the documents it adds
  (incrementally, :mod:`kg.shacl.buildcheck`) instead of running pyshacl over the whole graph
  each time. It supports
  the constraint components kg's shapes use and refuses shapes using any other, so the two
  cannot silently disagree; a test compares them on broken graphs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Protocol

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from kg.errors import GraphError
from kg.ontology import PREFIXES, shapes_path

#: Runs a SPARQL SELECT over the graph being checked; returns the values of ``?this``/``$this``.
SelectThis = Callable[[str], Iterable[Node]]


class Readable(Protocol):
    """What the checker reads of a graph: an rdflib ``Graph``, or the views below."""

    def objects(self, subject: Node, predicate: Node) -> Iterable[Node]: ...

    def predicate_objects(self, subject: Node) -> Iterable[tuple[Node, Node]]: ...

    def transitive_subjects(self, predicate: Node, object: Node) -> Iterable[Node | None]: ...

_PROPERTY_KEYS = {
    SH.path, SH.minCount, SH.maxCount, SH.datatype, SH.minLength, SH["class"], SH.nodeKind,
    SH["in"], SH.minInclusive, SH.maxInclusive, SH.pattern, SH.message, SH.name,
    SH.description,
}  # fmt: skip
# The constraint components as plain strings: the checks below run per value, and
# comparing rdflib terms is a Python-level __eq__ (a third of the build-time check's time).
_DATATYPE, _NODE_KIND, _MIN_LENGTH, _CLASS, _IN = (
    str(SH.datatype), str(SH.nodeKind), str(SH.minLength), str(SH["class"]), str(SH["in"])
)  # fmt: skip
_PATTERN, _MIN_INCLUSIVE, _MAX_INCLUSIVE = (
    str(SH.pattern), str(SH.minInclusive), str(SH.maxInclusive)
)  # fmt: skip
_MIN_COUNT, _MAX_COUNT = str(SH.minCount), str(SH.maxCount)
_SH_IRI, _XSD_STRING, _RDF_TYPE = SH.IRI, XSD.string, RDF.type
_NODE_KEYS = {RDF.type, SH.targetClass, SH.nodeKind, SH.property, SH.sparql, SH.message}


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result: the node, the property path (if any), what is wrong, the value."""

    focus: str
    path: str
    message: str
    value: str = ""


def short(node: Node | str) -> str:
    """A prefixed name for an IRI of kg's namespaces (``kg:confidence``), else the IRI."""
    return _short(str(node))


@lru_cache(maxsize=4096)
def _short(text: str) -> str:
    # cached: the build-time check asks for the same few property names thousands of times
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda kv: -len(str(kv[1]))):
        if text.startswith(str(namespace)):
            return f"{prefix}:{text[len(str(namespace)) :]}"
    return text


@cache
def shapes() -> Graph:
    """The SHACL shapes graph (parsed once per process)."""
    return Graph().parse(shapes_path(), format="turtle")


def validate_graph(graph: Graph) -> list[Violation]:
    """Every violation of the shapes in ``graph``, found by pyshacl (a full run). The
    ontology is mixed in when the graph lacks it (``graph.ttl`` holds the data only): the
    shapes need the classes and the property labels."""
    import pyshacl

    from kg.ontology import KG, load_ontology

    ontology = None if (KG.Person, RDFS.subClassOf, KG.Entity) in graph else load_ontology()
    _, results, _ = pyshacl.validate(
        graph, shacl_graph=shapes(), ont_graph=ontology, inference="none"
    )
    assert isinstance(results, Graph)
    found = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        found.add(
            Violation(
                str(results.value(result, SH.focusNode)),
                short(path) if path is not None else "",
                str(results.value(result, SH.resultMessage) or "violation"),
                str(value) if value is not None else "",
            )
        )
    return sorted(found)


def format_report(violations: list[Violation], limit: int = 5) -> str:
    """A readable report: violations grouped by property and message, a few nodes each."""
    if not violations:
        return "conforms: no violations of the shapes"
    groups: dict[tuple[str, str], list[Violation]] = {}
    for v in violations:
        groups.setdefault((v.path, v.message), []).append(v)
    lines = [f"{len(violations)} violations of the shapes ({len(groups)} kinds):"]
    for (path, message), members in sorted(groups.items(), key=lambda g: -len(g[1])):
        lines.append(f"- {path or '(node)'}: {message}  [{len(members)}]")
        for v in members[:limit]:
            value = f"  value: {v.value[:60]!r}" if v.value else ""
            lines.append(f"    {short(v.focus)}{value}")
        if len(members) > limit:
            lines.append(f"    … and {len(members) - limit} more")
    return "\n".join(lines)


@dataclass(frozen=True)
class _Property:
    path: URIRef
    constraints: tuple[tuple[str, object], ...]  # (component IRI, expected value)
    message: str | None


@dataclass(frozen=True)
class _NodeShape:
    target: URIRef
    node_kind: URIRef | None
    properties: tuple[_Property, ...]
    selects: tuple[tuple[str, str], ...]  # (SPARQL text, message)


class ShapeChecker:
    """kg's shapes compiled into Python checks over chosen focus nodes."""

    def __init__(self, shapes_graph: Graph | None = None) -> None:
        g = shapes_graph if shapes_graph is not None else shapes()
        self.shapes = [
            self._node_shape(g, s) for s in sorted(g.subjects(RDF.type, SH.NodeShape), key=str)
        ]

    def check(
        self,
        graph: Readable,
        focus: Iterable[Node],
        select: SelectThis | None = None,
        *,
        sparql: bool = True,
    ) -> list[Violation]:
        """Violations among ``focus`` nodes; ``select`` runs the SPARQL constraints (rdflib's
        engine over ``graph`` by default; none with ``sparql=False``)."""
        found, targets = self.check_properties(graph, focus)
        if sparql:
            run = select or (lambda q: (row[0] for row in graph.query(q)))  # type: ignore[attr-defined]
            found |= self.check_sparql(targets, run)
        return sorted(found)

    def check_properties(
        self, graph: Readable, focus: Iterable[Node]
    ) -> tuple[set[Violation], dict[Node, set[Node]]]:
        """The violations of the node and property constraints among ``focus``, and the
        focus nodes each shape targets (by target class), for :meth:`check_sparql`."""
        nodes = set(focus)
        found: set[Violation] = set()
        closures: dict[Node, set[Node]] = {}

        def below(cls: Node) -> set[Node]:
            """``cls`` and its sub-classes, computed once per check (not once per value)."""
            if cls not in closures:
                closures[cls] = {c for c in graph.transitive_subjects(RDFS.subClassOf, cls) if c}
            return closures[cls]

        values_of: dict[Node, dict[Node, list[Node]]] = {}
        types = {n: set(graph.objects(n, _RDF_TYPE)) for n in nodes}  # read once, not per shape
        targeted: dict[Node, set[Node]] = {}
        for shape in self.shapes:
            classes = below(shape.target)
            targets = {n for n in nodes if not classes.isdisjoint(types[n])}
            targeted.setdefault(shape.target, set()).update(targets)
            for node in targets:
                if shape.node_kind == _SH_IRI and not isinstance(node, URIRef):
                    found.add(Violation(str(node), "", "Node is not an IRI"))
                if node not in values_of:  # one pass over the node's triples, not one per path
                    grouped: dict[Node, list[Node]] = {}
                    values_of[node] = grouped
                    for p, o in graph.predicate_objects(node):
                        grouped.setdefault(p, []).append(o)
                for prop in shape.properties:
                    values = values_of[node].get(prop.path, [])
                    found.update(self._check_property(graph, node, values, prop, below))
        return found, targeted

    def check_sparql(
        self, targeted: dict[Node, set[Node]], select: SelectThis
    ) -> set[Violation]:
        """The violations of the SPARQL constraints among the targeted nodes (each query
        runs once, over the whole graph ``select`` reads)."""
        found: set[Violation] = set()
        for shape in self.shapes:
            targets = targeted.get(shape.target, set())
            for text, message in shape.selects:
                for this in select(text) if targets else ():
                    if this in targets:
                        found.add(Violation(str(this), "", message))
        return found

    def paths(
        self,
        classes: set[Node],
        below: Callable[[Node, Node], Iterable[Node | None]],
    ) -> set[Node]:
        """The properties constrained by the shapes that target any of ``classes``
        (``below(rdfs:subClassOf, c)``: ``c`` and its sub-classes)."""
        return {
            prop.path
            for shape in self.shapes
            if not classes.isdisjoint(set(below(RDFS.subClassOf, shape.target)))
            for prop in shape.properties
        }

    # -- compiling ---------------------------------------------------------------------

    def _node_shape(self, g: Graph, shape: Node) -> _NodeShape:
        unknown = {p for p in g.predicates(shape) if p not in _NODE_KEYS}
        if unknown:
            raise GraphError(f"shape {shape} uses unsupported {sorted(map(short, unknown))}")
        properties = tuple(self._property(g, p) for p in g.objects(shape, SH.property))
        selects = []
        for constraint in g.objects(shape, SH.sparql):
            prefixes = "".join(
                f"PREFIX {g.value(d, SH.prefix)}: <{g.value(d, SH.namespace)}>\n"
                for declared in g.objects(constraint, SH.prefixes)
                for d in g.objects(declared, SH.declare)
            )
            text = prefixes + str(g.value(constraint, SH.select))
            selects.append((text, str(g.value(constraint, SH.message) or "SPARQL constraint")))
        target = g.value(shape, SH.targetClass)
        node_kind = g.value(shape, SH.nodeKind)
        assert isinstance(target, URIRef)
        return _NodeShape(
            target,
            node_kind if isinstance(node_kind, URIRef) else None,
            properties,
            tuple(selects),
        )

    @staticmethod
    def _property(g: Graph, prop: Node) -> _Property:
        unknown = {p for p in g.predicates(prop) if p not in _PROPERTY_KEYS}
        path = g.value(prop, SH.path)
        if unknown or not isinstance(path, URIRef):
            names = sorted(map(short, unknown))
            raise GraphError(f"property shape on {path} uses unsupported {names}")
        constraints: list[tuple[str, object]] = []
        for key, value in sorted(g.predicate_objects(prop), key=str):
            if key in {SH.path, SH.message, SH.name, SH.description}:
                continue
            if key == SH["in"]:
                assert isinstance(value, BNode | URIRef)
                constraints.append((_IN, frozenset(Collection(g, value))))
            else:
                assert isinstance(key, URIRef)
                constraints.append((str(key), value))
        message = g.value(prop, SH.message)
        return _Property(path, tuple(constraints), str(message) if message else None)

    # -- checking ----------------------------------------------------------------------

    @staticmethod
    def _check_property(
        graph: Readable,
        node: Node,
        values: list[Node],
        prop: _Property,
        below: Callable[[Node], set[Node]],
    ) -> Iterable[Violation]:

        def bad(why: str, value: Node | None = None) -> Violation:
            text = "" if value is None else str(value)
            return Violation(str(node), short(prop.path), prop.message or why, text)

        for key, expected in prop.constraints:
            if key == _MIN_COUNT:
                if len(values) < int(expected):  # type: ignore[call-overload]
                    yield bad(f"Less than {expected} values")
                continue  # counts are checked on the whole value list, not per value
            if key == _MAX_COUNT:
                if len(values) > int(expected):  # type: ignore[call-overload]
                    yield bad(f"More than {expected} values")
                continue
            for value in values:
                if not _value_ok(graph, key, expected, value, below):
                    yield bad(f"Value does not satisfy {short(key)} {short(str(expected))}", value)


def _value_ok(
    graph: Readable, key: str, expected: object, value: Node, below: Callable[[Node], set[Node]]
) -> bool:
    if key == _DATATYPE:
        if not isinstance(value, Literal) or value.language:
            return False
        datatype = value.datatype or _XSD_STRING
        return datatype == expected and (value.ill_typed is not True)
    if key == _NODE_KIND:
        return expected != _SH_IRI or isinstance(value, URIRef)
    if key == _MIN_LENGTH:
        return not isinstance(value, BNode) and len(str(value)) >= int(expected)  # type: ignore[call-overload]
    if key == _CLASS:
        return not below(expected).isdisjoint(graph.objects(value, _RDF_TYPE))  # type: ignore[arg-type]
    if key == _IN:
        return value in expected  # type: ignore[operator]
    if key == _PATTERN:  # a regular expression search, as SHACL's (no sh:flags used)
        return not isinstance(value, BNode) and re.search(str(expected), str(value)) is not None
    if key == _MIN_INCLUSIVE or key == _MAX_INCLUSIVE:
        assert isinstance(expected, Literal)
        if not isinstance(value, Literal):
            return False
        try:
            if key == _MIN_INCLUSIVE:
                return bool(value.toPython() >= expected.toPython())
            return bool(value.toPython() <= expected.toPython())
        except TypeError:
            return False
    return True  # sh:minCount/maxCount are checked on the whole value list
