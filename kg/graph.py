"""The graph stage: resolved records into rdflib triples, and the graph's files on disk."""

from __future__ import annotations

import hashlib
import os
import tempfile
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.errors import GraphError
from kg.model import DocumentResult, Fact
from kg.ontology import DOC, ENT, EVID, KG, PREFIXES, REL, load_ontology, predicate_labels, slug

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
        graph.add((s, predicate, o))
        _add_evidence(graph, fact, s, predicate, o, doc)


def _add_evidence(graph: Graph, fact: Fact, s: URIRef, p: URIRef, o: URIRef, doc: URIRef) -> None:
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
        (KG.confidence, Literal(Decimal(str(ev.confidence)), datatype=XSD.decimal)),
    ]
    if ev.time_text:
        triples.append((KG.timeText, Literal(ev.time_text)))
    for predicate, obj in triples:
        graph.add((node, predicate, obj))


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
    """Write plain Turtle 1.1, atomically (temporary file, then rename)."""
    bind_prefixes(graph)
    _atomic_write(path, graph.serialize(format="turtle", encoding="utf-8"))


def write_store(turtle: Path, store_dir: Path) -> None:
    """Create an Oxigraph store at ``store_dir`` holding the triples of a Turtle file."""
    import pyoxigraph as ox

    store = ox.Store(str(store_dir))
    store.bulk_load(path=str(turtle), format=ox.RdfFormat.TURTLE)
    store.flush()
    del store


def open_store(store_dir: Path) -> Graph:
    """Open a built store read-only as an rdflib graph (the facts are its default graph)."""
    import pyoxigraph as ox
    from oxrdflib import OxigraphStore

    if not store_dir.is_dir():
        raise GraphError("no graph store here; run `kg build` first", store_dir)
    try:
        inner = ox.Store.read_only(str(store_dir))
    except OSError as exc:
        raise GraphError(f"cannot open graph store: {exc}", store_dir) from exc
    graph = Graph(store=OxigraphStore(store=inner), identifier=DATASET_DEFAULT_GRAPH_ID)
    bind_prefixes(graph)
    return graph


def copy_from_store(store_dir: Path) -> Graph:
    """All triples of a store in a memory graph, ``xsd:string`` literals back to plain ones.

    Oxigraph keeps RDF 1.1 literals, where "x" and "x"^^xsd:string are one term; rdflib
    keeps them apart, so without this a reloaded graph would hold each literal twice.
    """
    graph = Graph()
    bind_prefixes(graph)
    for s, p, o in open_store(store_dir):
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))
        graph.add((s, p, o))
    return graph


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
