"""A kg graph read into the :class:`~kg.export.propertygraph.PropertyGraph` every export
writes: entities and documents become nodes, each piece of evidence of a fact one
relationship carrying every literal property of its evidence node (see ARCHITECTURE.md,
"Exports").
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS
from rdflib.term import Node as RdfNode

from kg.export.propertygraph import (
    DOCUMENT,
    ENTITY,
    MENTIONED_IN,
    Node,
    PropertyGraph,
    Relationship,
    Scalar,
    Value,
    compact,
    fact_id,
    label_name,
    local_name,
    property_key,
    relationship_type,
    to_value,
)
from kg.ontology import KG

#: Evidence properties that make the relationship itself rather than its properties.
_STRUCTURE = {RDF.type, RDF.subject, RDF.predicate, RDF.object}


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
