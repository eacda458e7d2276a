"""The property graph every export writes: nodes and relationships read once from the RDF.

Entities and documents become nodes; each piece of evidence of a fact becomes one
relationship carrying every literal property of its evidence node (see ARCHITECTURE.md,
"Exports"). Values are plain Python: ``str``, ``int``, ``float``, ``bool``,
``datetime.date`` or a list of one of them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS
from rdflib.term import Node as RdfNode

from kg.ontology import KG, PREFIX_IRIS

Scalar = str | int | float | bool | dt.date
Value = Scalar | list[Scalar]

ENTITY = "Entity"
DOCUMENT = "Document"
MENTIONED_IN = "MENTIONED_IN"

#: Evidence properties that make the relationship itself rather than its properties.
_STRUCTURE = {RDF.type, RDF.subject, RDF.predicate, RDF.object}


@dataclass(frozen=True)
class Node:
    """A node: stable id, labels (the key label first), properties."""

    id: str
    labels: tuple[str, ...]
    properties: dict[str, Value] = field(default_factory=dict, hash=False)

    @property
    def key_label(self) -> str:
        """The label whose ``id`` is unique (``Entity`` or ``Document``)."""
        return self.labels[0]


@dataclass(frozen=True)
class Relationship:
    """A relationship: stable id, ends, an upper snake case type, properties."""

    id: str
    start: str
    end: str
    type: str
    properties: dict[str, Value] = field(default_factory=dict, hash=False)


@dataclass
class PropertyGraph:
    """Nodes and relationships, sorted by id so every export is deterministic."""

    nodes: list[Node]
    relationships: list[Relationship]

    def node_index(self) -> dict[str, Node]:
        """Nodes by id."""
        return {node.id: node for node in self.nodes}

    def node_columns(self) -> dict[str, str]:
        """Each node property with its column type (see :func:`column_types`)."""
        return column_types(node.properties for node in self.nodes)

    def relationship_columns(self) -> dict[str, str]:
        """Each relationship property with its column type."""
        return column_types(rel.properties for rel in self.relationships)


# -- names -------------------------------------------------------------------------------


def compact(iri: RdfNode) -> str:
    """``ent:vladimir-putin`` for a kg IRI; other IRIs stay whole."""
    text = str(iri)
    for prefix, namespace in PREFIX_IRIS.items():
        if text.startswith(namespace) and prefix in {"ent", "doc", "ev", "kg", "rel"}:
            return f"{prefix}:{text[len(namespace) :]}"
    return text


def local_name(iri: RdfNode) -> str:
    """The part after the last ``#`` or ``/``."""
    text = str(iri)
    return re.split(r"[#/]", text.rstrip("/#"))[-1]


def property_key(iri: RdfNode) -> str:
    """A property key that needs no quoting in Cypher: ``[A-Za-z_][A-Za-z0-9_]*``."""
    folded = unicodedata.normalize("NFKD", local_name(iri)).encode("ascii", "ignore").decode()
    key = re.sub(r"[^A-Za-z0-9_]+", "_", folded).strip("_")
    if not key or key[0].isdigit():
        key = "p_" + key
    return key


def relationship_type(iri: RdfNode) -> str:
    """Upper snake case from a predicate: ``kg:proposedTo`` and ``rel:push-onto`` give
    ``PROPOSED_TO`` and ``PUSH_ONTO``, identifiers no Cypher engine needs quoted."""
    name = unicodedata.normalize("NFKD", local_name(iri)).encode("ascii", "ignore").decode()
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    words = re.findall(r"[A-Za-z0-9]+", name)
    type_ = "_".join(words).upper()
    if not type_ or type_[0].isdigit():
        digest = hashlib.sha256(str(iri).encode("utf-8")).hexdigest()[:8]
        type_ = f"REL_{type_ or digest}"
    return type_


def label_name(iri: RdfNode) -> str:
    """A node label from a class IRI (``kg:Person`` → ``Person``), safe like a type."""
    folded = unicodedata.normalize("NFKD", local_name(iri)).encode("ascii", "ignore").decode()
    label = re.sub(r"[^A-Za-z0-9_]", "", folded)
    return label if label and not label[0].isdigit() else "L" + label


def fact_id(s: RdfNode, p: RdfNode, o: RdfNode) -> str:
    """A stable id for the fact (s p o), shared by all its evidence relationships."""
    return "fact:" + hashlib.sha256(f"{s}\x1f{p}\x1f{o}".encode()).hexdigest()[:24]


# -- values ------------------------------------------------------------------------------


def to_value(literal: Literal) -> Scalar | None:
    """A literal as a plain value; ``None`` for what no property graph can hold (NaN)."""
    value = literal.toPython()
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal | float):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value
    return str(literal)


def column_types(rows: Iterable[dict[str, Value]]) -> dict[str, str]:
    """Each key with one type for all rows: ``string``, ``int``, ``float``, ``boolean`` or
    ``date``, with ``[]`` appended when any row holds a list. Sorted by key."""
    kinds: dict[str, set[str]] = defaultdict(set)
    lists: set[str] = set()
    for row in rows:
        for key, value in row.items():
            items = value if isinstance(value, list) else [value]
            if isinstance(value, list):
                lists.add(key)
            for item in items:
                kinds[key].add(_kind(item))
    types = {}
    for key in sorted(kinds):
        found = kinds[key]
        if len(found) == 1:
            type_ = next(iter(found))
        elif found == {"int", "float"}:
            type_ = "float"
        else:
            type_ = "string"
        types[key] = type_ + ("[]" if key in lists else "")
    return types


def _kind(value: Scalar) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, dt.date):
        return "date"
    return "string"


def coerce(value: Value, type_: str) -> Value:
    """A value converted to its column's type (an int in a float column, anything in a
    string column, a scalar in a list column)."""
    base = type_.removesuffix("[]")
    items = value if isinstance(value, list) else [value]
    out: list[Scalar] = []
    for item in items:
        if base == "float" and isinstance(item, int) and not isinstance(item, bool):
            out.append(float(item))
        elif base == "string" and isinstance(item, bool):
            out.append(str(item).lower())
        elif base == "string" and isinstance(item, dt.date):
            out.append(item.isoformat())
        elif base == "string":
            out.append(str(item))
        else:
            out.append(item)
    return out if type_.endswith("[]") else out[0]


# -- reading the RDF ---------------------------------------------------------------------


def from_rdf(graph: Graph) -> PropertyGraph:
    """Read a kg graph (entities, documents, facts, evidence) into a :class:`PropertyGraph`."""
    props: dict[RdfNode, dict[RdfNode, list[RdfNode]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in graph:
        props[s][p].append(o)
    if KG.Entity not in props:  # graph.ttl holds the data only: classes and labels from kg.ttl
        from kg.ontology import load_ontology

        for s, p, o in load_ontology():
            props[s][p].append(o)

    ancestors = _entity_classes(props)
    entities: dict[RdfNode, Node] = {}
    documents: dict[RdfNode, Node] = {}
    for subject, values in props.items():
        if not isinstance(subject, URIRef):
            continue
        types = values.get(RDF.type, [])
        if KG.Document in types:
            documents[subject] = _document(subject, values)
            continue
        classes = {a for t in types if t in ancestors for a in ancestors[t]}
        if classes:
            entities[subject] = _entity(subject, values, classes)

    relationships: list[Relationship] = []
    evidence = _evidence_by_fact(props)
    labels = {p: str(min(v, key=str)) for p, vs in props.items() if (v := vs.get(RDFS.label))}
    for s, node in entities.items():
        for p, objects in props[s].items():
            for o in objects:
                if p == KG.mentionedIn and o in documents:
                    rel_id = fact_id(s, p, o).replace("fact:", "mention:")
                    relationships.append(
                        Relationship(rel_id, node.id, documents[o].id, MENTIONED_IN)
                    )
                elif o in entities and p != RDF.type:
                    relationships.extend(
                        _facts(s, p, o, node.id, entities[o].id, evidence, props, labels)
                    )
    nodes = sorted([*entities.values(), *documents.values()], key=lambda n: n.id)
    return PropertyGraph(nodes, sorted(relationships, key=lambda r: r.id))


def _entity_classes(
    props: dict[RdfNode, dict[RdfNode, list[RdfNode]]],
) -> dict[RdfNode, list[RdfNode]]:
    """Each subclass of ``kg:Entity`` with its chain of classes up to ``kg:Entity``."""
    chains: dict[RdfNode, list[RdfNode]] = {}

    def chain(cls: RdfNode, seen: frozenset[RdfNode]) -> list[RdfNode] | None:
        if cls == KG.Entity:
            return [cls]
        for parent in props.get(cls, {}).get(RDFS.subClassOf, []):
            if parent not in seen and (up := chain(parent, seen | {parent})) is not None:
                return [*up, cls]
        return None

    for cls in list(props):
        if (found := chain(cls, frozenset({cls}))) is not None:
            chains[cls] = found
    return chains


def _entity(subject: URIRef, values: dict[RdfNode, list[RdfNode]], classes: set[RdfNode]) -> Node:
    kinds = sorted(label_name(c) for c in classes if c != KG.Entity)
    properties = _literals(values, skip=frozenset({RDFS.label, SKOS.altLabel}))
    properties["iri"] = str(subject)
    names = values.get(RDFS.label, [])
    if names:
        properties["name"] = str(min(names, key=str))
    aliases = sorted({str(a) for a in values.get(SKOS.altLabel, [])})
    if aliases:
        properties["aliases"] = list(aliases)
    return Node(compact(subject), (ENTITY, *kinds), properties)


def _document(subject: URIRef, values: dict[RdfNode, list[RdfNode]]) -> Node:
    properties = _literals(values)
    properties["iri"] = str(subject)
    title = properties.get("title")
    properties["name"] = title if isinstance(title, str) else local_name(subject)
    return Node(compact(subject), (DOCUMENT,), properties)


def _literals(
    values: dict[RdfNode, list[RdfNode]], skip: frozenset[RdfNode] = frozenset()
) -> dict[str, Value]:
    """Every literal-valued property by its local name (``id`` becomes ``id_``: the stable
    id is kg's); several values make a sorted list."""
    out: dict[str, Value] = {}
    for predicate, objects in sorted(values.items()):
        if predicate in skip:
            continue
        found = [v for o in objects if isinstance(o, Literal) and (v := to_value(o)) is not None]
        if found:
            _put(out, _generic_key(predicate), found)
    return out


def _generic_key(predicate: RdfNode) -> str:
    key = property_key(predicate)
    return key + "_" if key == "id" else key


def _put(out: dict[str, Value], key: str, found: list[Scalar]) -> None:
    existing = out.get(key)
    if existing is not None:
        found = [*(existing if isinstance(existing, list) else [existing]), *found]
    unique = sorted(set(found), key=lambda v: (type(v).__name__, str(v)))
    out[key] = unique[0] if len(unique) == 1 else unique


def _evidence_by_fact(
    props: dict[RdfNode, dict[RdfNode, list[RdfNode]]],
) -> dict[tuple[RdfNode, RdfNode, RdfNode], list[RdfNode]]:
    found: dict[tuple[RdfNode, RdfNode, RdfNode], list[RdfNode]] = defaultdict(list)
    for node, values in props.items():
        if KG.Evidence not in values.get(RDF.type, []):
            continue
        for s in values.get(RDF.subject, []):
            for p in values.get(RDF.predicate, []):
                for o in values.get(RDF.object, []):
                    found[(s, p, o)].append(node)
    return found


def _facts(
    s: RdfNode,
    p: RdfNode,
    o: RdfNode,
    start: str,
    end: str,
    evidence: dict[tuple[RdfNode, RdfNode, RdfNode], list[RdfNode]],
    props: dict[RdfNode, dict[RdfNode, list[RdfNode]]],
    labels: dict[RdfNode, str],
) -> list[Relationship]:
    """One relationship per evidence node of the asserted fact (s p o); one without
    evidence properties when the fact has none."""
    fact = fact_id(s, p, o)
    common: dict[str, Value] = {"fact": fact, "predicate": str(p)}
    if p in labels:
        common["label"] = labels[p]
    type_ = relationship_type(p)
    nodes = sorted(evidence.get((s, p, o), []), key=str)
    if not nodes:
        return [Relationship(fact, start, end, type_, common)]
    return [
        Relationship(compact(ev), start, end, type_, {**_evidence(props[ev], props), **common})
        for ev in nodes
    ]


def _evidence(
    values: dict[RdfNode, list[RdfNode]], props: dict[RdfNode, dict[RdfNode, list[RdfNode]]]
) -> dict[str, Value]:
    """Every property of an evidence node: literals by local name, the document as
    ``document``, other IRIs by compact id, and a nested node's literals flattened
    (``kg:quantity [kg:amount 5]`` → ``quantityAmount``; a second nested node of the same
    property → ``quantity2Amount``, so amount and unit stay paired)."""
    out = _literals(values)
    for doc in values.get(PROV.wasDerivedFrom, []):  # the citation travels with the evidence
        for key, value in _literals(props.get(doc, {})).items():
            cited = "document" + key[0].upper() + key[1:]  # documentTitle, documentUrl, …
            _put(out, cited, value if isinstance(value, list) else [value])
    for predicate, objects in sorted(values.items()):
        if predicate in _STRUCTURE:
            continue
        key = "document" if predicate == PROV.wasDerivedFrom else _generic_key(predicate)
        holders = 0
        for o in sorted(objects, key=str):
            if isinstance(o, Literal):
                continue
            nested = props.get(o, {})
            literals = {} if _is_node(nested) else _literals(nested)
            if not literals:
                _put(out, key, [compact(o)])
                continue
            holders += 1
            prefix = key if holders == 1 else f"{key}{holders}"
            for sub, value in literals.items():
                # kg:quantity [kg:unit …] → quantityUnit; [kg:quantityText …] → quantityText
                rest = sub[len(key) :] if sub.startswith(key) and len(sub) > len(key) else sub
                flat = prefix + rest[0].upper() + rest[1:]
                _put(out, flat, value if isinstance(value, list) else [value])
    return out


def _is_node(values: dict[RdfNode, list[RdfNode]]) -> bool:
    """Whether an IRI is an exported node (entity or document) rather than a value holder."""
    return bool(values.get(RDFS.label)) or KG.Document in values.get(RDF.type, [])
