"""The graph stage: resolved records into rdflib triples, and the graph's files on disk."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg import atomic, merges
from kg.errors import GraphError
from kg.model import DocumentResult, Entity, Evidence, Fact, Mention
from kg.ontology import (
    DOC,
    ENT,
    EVID,
    KG,
    PREFIX_IRIS,
    PREFIXES,
    REL,
    load_ontology,
    predicate_labels,
    slug,
)

TURTLE = "graph.ttl"
STORE = "store"


def new_graph() -> Graph:
    """An empty kg graph: the ontology and the prefixes, no facts."""
    graph = load_ontology()
    bind_prefixes(graph)
    return graph


def bind_prefixes(graph: Graph) -> None:
    """Bind kg's prefixes on a graph (Oxigraph does not persist them)."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)


def entity_iri(key: str) -> URIRef:
    """IRI of the entity with ``Entity.key`` (``person/vladimir-putin``)."""
    return ENT[key]


def document_iri(doc_id: str) -> URIRef:
    """IRI of a document node."""
    return DOC[quote(doc_id, safe="")]


def predicate_iri(predicate: str, open_: bool) -> URIRef:
    """An ontology property (``kg:visits``), or a minted open relation (``rel:push-onto``)."""
    return REL[slug(predicate)] if open_ else KG[predicate]


def has_document(graph: Graph, doc_id: str) -> bool:
    """Whether the graph already holds a document."""
    return (document_iri(doc_id), RDF.type, KG.Document) in graph


def add_result(graph: Graph, result: DocumentResult) -> None:
    """Add one document's entities, facts and evidence to the graph."""
    document = result.document
    doc = document_iri(document.id)
    graph.add((doc, RDF.type, KG.Document))
    graph.add((doc, DCTERMS.source, Literal(document.url or document.source)))
    if document.title:
        graph.add((doc, DCTERMS.title, Literal(document.title)))
    if document.published:
        graph.add((doc, DCTERMS.issued, Literal(document.published, datatype=XSD.date)))
    for entity in result.entities:
        node = entity_iri(entity.key)
        graph.add((node, RDF.type, KG[entity.type]))
        graph.add((node, RDFS.label, Literal(entity.name)))
        graph.add((node, KG.mentionedIn, doc))
        for alias in entity.aliases:
            graph.add((node, SKOS.altLabel, Literal(alias)))
    merges.add_merges(graph, result, doc)  # why names were merged (kg/merges.py)
    labels = predicate_labels()
    for fact in result.facts:
        predicate = predicate_iri(fact.predicate, fact.open)
        if fact.open:
            graph.add((predicate, RDF.type, OWL.ObjectProperty))
            graph.add((predicate, RDF.type, KG.OpenRelation))
            graph.add((predicate, RDFS.subPropertyOf, KG.relatedTo))
            graph.add((predicate, RDFS.label, Literal(fact.predicate)))
        elif fact.predicate not in labels:
            raise GraphError(f"predicate kg:{fact.predicate} is not in the ontology")
        s, o = entity_iri(fact.subject), entity_iri(fact.object)
        if fact.evidence.polarity != "negative":  # a denied fact is evidence only
            graph.add((s, predicate, o))
        node = _add_evidence(graph, fact, s, predicate, o, doc)
        _add_qualifiers(graph, node, fact.evidence, result.entities)


def _add_evidence(
    graph: Graph, fact: Fact, s: URIRef, p: URIRef, o: URIRef, doc: URIRef
) -> URIRef:
    ev = fact.evidence
    digest = hashlib.sha256(
        "\x1f".join(
            map(
                str,
                (
                    s,
                    p,
                    o,
                    doc,
                    ev.sentence_start,
                    ev.sentence_end,
                    ev.rule,
                    fact.subject_span,
                    fact.object_span,
                ),
            )
        ).encode("utf-8")
    ).hexdigest()[:24]
    node = EVID[digest]
    triples = [
        (RDF.type, KG.Evidence),
        (RDF.type, RDF.Statement),
        (RDF.subject, s),
        (RDF.predicate, p),
        (RDF.object, o),
        (PROV.wasDerivedFrom, doc),
        (KG.sentence, Literal(ev.sentence)),
        (KG.sentenceStart, Literal(ev.sentence_start)),
        (KG.sentenceEnd, Literal(ev.sentence_end)),
        (KG.subjectText, Literal(fact.subject_text)),
        (KG.subjectStart, Literal(fact.subject_span[0])),
        (KG.subjectEnd, Literal(fact.subject_span[1])),
        (KG.objectText, Literal(fact.object_text)),
        (KG.objectStart, Literal(fact.object_span[0])),
        (KG.objectEnd, Literal(fact.object_span[1])),
        (KG.section, Literal(ev.section)),
        (KG.rule, Literal(ev.rule)),
        (KG.confidence, decimal(ev.confidence)),
    ]
    for predicate, obj in triples:
        graph.add((node, predicate, obj))
    return node


def _add_qualifiers(
    graph: Graph, node: URIRef, ev: Evidence, entities: tuple[Entity, ...]
) -> None:
    """Time, quantities, attribution, polarity, modality of evidence (kg.extract.qualify)."""
    triples: list[tuple[URIRef, Literal | URIRef]] = [
        (KG.polarity, Literal(ev.polarity)),
        (KG.modality, Literal(ev.modality)),
    ]
    if ev.time_text:
        triples.append((KG.timeText, Literal(ev.time_text)))
        triples.append((KG.timeResolved, Literal(bool(ev.time_resolved))))
    if ev.valid_from:
        triples.append((KG.validFrom, Literal(ev.valid_from, datatype=XSD.date)))
    if ev.valid_until:
        triples.append((KG.validUntil, Literal(ev.valid_until, datatype=XSD.date)))
    if ev.failed:
        triples.append((KG.failed, Literal(True)))
    if ev.attribution_text:
        triples.append((KG.attributionText, Literal(ev.attribution_text)))
    source = _entity_of(ev.attributed_to, entities)
    if source is not None:
        triples.append((KG.attributedTo, entity_iri(source.key)))
    for i, quantity in enumerate(ev.quantities):
        q = URIRef(f"{node}-q{i}")
        triples.append((KG.quantity, q))
        graph.add((q, RDF.type, KG.Quantity))
        graph.add((q, KG.quantityText, Literal(quantity.text)))
        graph.add((q, KG.direction, Literal(quantity.direction)))
        graph.add((q, KG.approximate, Literal(quantity.approximate)))
        if quantity.amount is not None:
            graph.add((q, KG.amount, decimal(quantity.amount)))
        if quantity.unit:
            graph.add((q, KG.unit, Literal(quantity.unit)))
    for predicate, obj in triples:
        graph.add((node, predicate, obj))


def _entity_of(mention: Mention | None, entities: tuple[Entity, ...]) -> Entity | None:
    """The entity a source mention was resolved to: by canonical name, then by alias."""
    if mention is None:
        return None
    name = (mention.refers_to or mention.text).casefold()
    for entity in entities:
        if entity.name.casefold() == name:
            return entity
    for entity in entities:
        if name in (a.casefold() for a in entity.aliases):
            return entity
    return None


def validate(graph: Graph) -> tuple[bool, str]:
    """Check a graph against ``ontology/shapes.ttl``; returns (conforms, report text)."""
    from kg.validate import format_report, validate_graph

    violations = validate_graph(graph)
    return not violations, format_report(violations)


# -- files -------------------------------------------------------------------------------


def read_turtle(path: Path) -> Graph:
    """Parse a ``graph.ttl`` into a fresh in-memory graph."""
    graph = Graph()
    bind_prefixes(graph)
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many kinds for a damaged file
        raise GraphError(f"cannot read graph: {exc}".splitlines()[0], path) from exc
    return graph


def write_turtle(graph: Graph, path: Path) -> None:
    """Write plain Turtle 1.1 with kg's prefixes, atomically (temporary file, then rename).

    Sorted by subject, predicate, object (a subject's triples together, the same graph
    gives the same file), then serialised by Oxigraph: 1.6 s for 100k triples where
    rdflib's pretty-printer took 5.9 s.
    """
    import pyoxigraph as ox

    bind_prefixes(graph)
    ordered = sorted(graph, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))
    triples = (ox.Triple(_ox(s), _ox(p), _ox(o)) for s, p, o in ordered)
    data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIX_IRIS)
    atomic.write_bytes(path, data or b"")


def _ox(term: object) -> Any:
    """An rdflib term as a pyoxigraph one."""
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if isinstance(term, Literal):
        datatype = None if term.language or term.datatype is None else ox.NamedNode(term.datatype)
        return ox.Literal(str(term), language=term.language, datatype=datatype)
    if isinstance(term, BNode):
        return ox.BlankNode(term)
    raise GraphError(f"cannot write {term!r} as Turtle")


def write_store(turtle: Path, store_dir: Path) -> None:
    """Create an Oxigraph store at ``store_dir`` holding the triples of a Turtle file."""
    import pyoxigraph as ox

    store = ox.Store(str(store_dir))
    store.bulk_load(path=str(turtle), format=ox.RdfFormat.TURTLE)
    store.flush()
    del store


def open_store(store_dir: Path, store_type: Any = None) -> Graph:
    """Open a built store read-only as an rdflib graph (the facts are its default graph).

    ``store_type`` is the rdflib store class wrapping it (oxrdflib's ``OxigraphStore`` or a
    subclass of it, such as ``kg.store``'s, which releases a snapshot's lease on close).
    """
    import pyoxigraph as ox
    from oxrdflib import OxigraphStore

    if not store_dir.is_dir():
        raise GraphError("no graph store here; run `kg build` first", store_dir)
    try:
        inner = ox.Store.read_only(str(store_dir))
    except OSError as exc:
        raise GraphError(f"cannot open graph store: {exc}", store_dir) from exc
    wrapper = store_type or OxigraphStore
    graph = Graph(store=wrapper(store=inner), identifier=DATASET_DEFAULT_GRAPH_ID)
    bind_prefixes(graph)
    return graph


def copy_from_store(store_dir: Path) -> Graph:
    """All triples of a store in a memory graph (see :func:`plain_copy`)."""
    return plain_copy(open_store(store_dir))


def plain_copy(source: Graph) -> Graph:
    """All triples of a graph read from Oxigraph in a memory graph, ``xsd:string`` literals
    back to plain ones.

    Oxigraph keeps RDF 1.1 literals, where "x" and "x"^^xsd:string are one term; rdflib
    keeps them apart, so without this a reloaded graph would hold each literal twice.
    """
    graph = Graph()
    bind_prefixes(graph)
    for s, p, o in source:
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))
        graph.add((s, p, o))
    return graph


def decimal(value: object) -> Literal:
    """An ``xsd:decimal`` in its canonical lexical form ("8.0", "0.75"): rdflib, Oxigraph and
    JSON-LD all write it back unchanged, so the graph survives every round trip as is."""
    text = format(Decimal(str(value)).normalize(), "f")
    return Literal(text if "." in text else text + ".0", datatype=XSD.decimal)
