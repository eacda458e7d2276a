"""The graph stage: resolved records into rdflib triples, and the graph's files on disk."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, XSD
from rdflib.term import Node

from kg import atomic, identity, merges
from kg.errors import GraphError
from kg.model import DocumentResult, Entity, Evidence, Fact, Mention, text_sha256
from kg.ontology import (
    DOC,
    ENT,
    EVID,
    KG,
    ONTOLOGY_GRAPH,
    PREFIX_IRIS,
    PREFIXES,
    REL,
    Triple,
    load_ontology,
    ontology_path,
    predicate_labels,
    slug,
)
from kg.rdf import statements

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
    """IRI of the entity with ``Entity.key`` (``vladimir-putin``)."""
    return ENT[key]


def document_iri(doc_id: str) -> URIRef:
    """IRI of a document node."""
    return DOC[quote(doc_id, safe="")]


def predicate_iri(predicate: str, open_: bool) -> URIRef:
    """An ontology property (``kg:visits``), or a minted open relation (``rel:push-onto``)."""
    return REL[slug(predicate)] if open_ else KG[predicate]


def add_result(graph: Graph, result: DocumentResult) -> None:
    """Add one document's entities, facts and evidence to an rdflib graph."""
    for triple in triples(result):
        graph.add(triple)


def triples(result: DocumentResult) -> list[Triple]:
    """One document's entities, facts, evidence and merge records as RDF triples (the same
    entity's type and label come again from every document that mentions it)."""
    concepts = statements.concept_keys(result)  # no node: kept as text (rdf/statements.py)
    result = statements.without_concepts(result, concepts)
    document = result.document
    doc = document_iri(document.id)
    out: list[Triple] = [
        (doc, RDF.type, KG.Document),
        (doc, DCTERMS.source, _lit(document.url or document.source)),
    ]
    add = out.append
    add((doc, KG.path, _lit(document.source)))
    add((doc, KG.sha256, Literal(text_sha256(document.text))))  # which version (kg.intake)
    if document.url:
        add((doc, KG.url, _lit(document.url)))
    if document.title:
        add((doc, DCTERMS.title, _lit(document.title)))
    if document.published:
        add((doc, DCTERMS.issued, Literal(document.published, datatype=XSD.date)))
    for entity in result.entities:
        out += identity.entity_triples(entity, doc)  # with its vote (kg/identity.py)
    out += merges.document_merges(result, doc)  # why names were merged (kg/merges.py)
    labels = predicate_labels()
    for fact in result.facts:
        predicate = predicate_iri(fact.predicate, fact.open)
        if fact.open:
            add((predicate, RDF.type, OWL.ObjectProperty))
            add((predicate, RDF.type, KG.OpenRelation))
            add((predicate, RDFS.subPropertyOf, KG.relatedTo))
            add((predicate, RDFS.label, _lit(fact.predicate)))
        elif fact.predicate not in labels:
            raise GraphError(f"predicate kg:{fact.predicate} is not in the ontology")
        s, o = entity_iri(fact.subject), entity_iri(fact.object)
        ends = statements.concept_ends(fact, concepts)
        if fact.evidence.polarity != "negative" and not any(ends):  # a denial: evidence only
            add((s, predicate, o))
        node = _evidence_iri(fact, s, predicate, o, doc)
        made = _evidence(node, fact, s, predicate, o, doc)
        made += _qualifiers(node, fact.evidence, result.entities)
        out += statements.as_statement(made, node, ends) if any(ends) else made
    return out


@lru_cache(maxsize=1 << 16, typed=True)  # typed: True and 1 are different literals
def _lit(value: str | int | bool) -> Literal:
    # rdflib's Literal() costs microseconds, and most of a document's literals repeat
    # across documents (offsets, sections, rules, polarity, names): made once each.
    return Literal(value)


def _evidence_iri(fact: Fact, s: URIRef, p: URIRef, o: URIRef, doc: URIRef) -> URIRef:
    ev = fact.evidence
    key = (s, p, o, doc, ev.sentence_start, ev.sentence_end, ev.rule, fact.subject_span,
           fact.object_span)  # fmt: skip
    digest = hashlib.sha256("\x1f".join(map(str, key)).encode("utf-8")).hexdigest()[:24]
    return EVID[digest]


def _evidence(
    node: URIRef, fact: Fact, s: URIRef, p: URIRef, o: URIRef, doc: URIRef
) -> list[Triple]:
    ev = fact.evidence
    return [
        (node, RDF.type, KG.Evidence),
        (node, RDF.type, RDF.Statement),
        (node, RDF.subject, s),
        (node, RDF.predicate, p),
        (node, RDF.object, o),
        (node, PROV.wasDerivedFrom, doc),
        (node, KG.sentence, _lit(ev.sentence)),
        (node, KG.sentenceStart, _lit(ev.sentence_start)),
        (node, KG.sentenceEnd, _lit(ev.sentence_end)),
        (node, KG.subjectText, _lit(fact.subject_text)),
        (node, KG.subjectStart, _lit(fact.subject_span[0])),
        (node, KG.subjectEnd, _lit(fact.subject_span[1])),
        (node, KG.objectText, _lit(fact.object_text)),
        (node, KG.objectStart, _lit(fact.object_span[0])),
        (node, KG.objectEnd, _lit(fact.object_span[1])),
        (node, KG.section, _lit(ev.section)),
        (node, KG.rule, _lit(ev.rule)),
        (node, KG.confidence, decimal(ev.confidence)),
    ]


def _qualifiers(node: URIRef, ev: Evidence, entities: tuple[Entity, ...]) -> list[Triple]:
    """Time, quantities, attribution, polarity, modality of evidence (kg.extract.qualify)."""
    out: list[Triple] = [
        (node, KG.polarity, _lit(ev.polarity)),
        (node, KG.modality, _lit(ev.modality)),
    ]
    add = out.append
    if ev.time_text:
        add((node, KG.timeText, _lit(ev.time_text)))
        add((node, KG.timeResolved, _lit(bool(ev.time_resolved))))
    if ev.valid_from:
        add((node, KG.validFrom, Literal(ev.valid_from, datatype=XSD.date)))
    if ev.valid_until:
        add((node, KG.validUntil, Literal(ev.valid_until, datatype=XSD.date)))
    if ev.failed:
        add((node, KG.failed, _lit(True)))
    if ev.attribution_text:
        add((node, KG.attributionText, _lit(ev.attribution_text)))
    source = _entity_of(ev.attributed_to, entities)
    if source is not None:
        add((node, KG.attributedTo, entity_iri(source.key)))
    for i, quantity in enumerate(ev.quantities):
        q = URIRef(f"{node}-q{i}")
        add((node, KG.quantity, q))
        add((q, RDF.type, KG.Quantity))
        add((q, KG.quantityText, _lit(quantity.text)))
        add((q, KG.direction, _lit(quantity.direction)))
        add((q, KG.approximate, _lit(quantity.approximate)))
        if quantity.amount is not None:
            add((q, KG.amount, decimal(quantity.amount)))
        if quantity.unit:
            add((q, KG.unit, _lit(quantity.unit)))
    return out


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
    from kg.shacl.validate import format_report, validate_graph

    violations = validate_graph(graph)
    return not violations, format_report(violations)


# -- files -------------------------------------------------------------------------------


def read_turtle(path: Path, *, ontology: bool = True) -> Graph:
    """Parse a ``graph.ttl`` into a fresh in-memory graph; with ``ontology`` (the default)
    kg's ontology is added, as every reader of a kg graph expects (``graph.ttl`` holds the
    data only; the store keeps the ontology in a named graph of its own)."""
    graph = load_ontology() if ontology else Graph()
    bind_prefixes(graph)
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many kinds for a damaged file
        raise GraphError(f"cannot read graph: {exc}".splitlines()[0], path) from exc
    return graph


def write_turtle(graph: Graph, path: Path) -> None:
    """Write :func:`turtle` of a graph atomically (temporary file, then rename)."""
    atomic.write_bytes(path, turtle(graph))


def turtle(graph: Graph) -> bytes:
    """Plain Turtle 1.1 with kg's prefixes, sorted by subject, predicate, object (a
    subject's triples together, the same graph gives the same file).

    Serialised by Oxigraph, which writes literals as they are: rdflib's writer turns
    ``"8"^^xsd:decimal`` (the form the store keeps) into ``8.0``, another literal in a
    round trip, and its pretty-printer took 5.9 s for 100k triples where this takes 1.6 s.
    """
    import pyoxigraph as ox

    bind_prefixes(graph)
    ordered = sorted(graph, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))
    triples = (ox.Triple(_ox(s), _ox(p), _ox(o)) for s, p, o in ordered)
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIX_IRIS) or b""


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


#: Characters an IRI may not hold in N-Triples (kg's IRIs are slugs and hashes: a guard).
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_XSD_STRING = str(XSD.string)
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def ntriples(triples: Iterable[Triple]) -> str:
    """Triples as N-Triples text (one line each), for Oxigraph's bulk loader.

    Written here rather than by rdflib's serialiser: the build streams every triple through
    it, and formatting kg's few term shapes costs a tenth of rdflib's bookkeeping."""
    iris: dict[Node, str] = {}  # an IRI written once per call (a document's IRIs repeat)

    def nt(term: Node) -> str:
        if type(term) is URIRef:
            return iris.get(term) or iris.setdefault(term, _nt(term))
        return _nt(term)

    return "".join(f"{nt(s)} {nt(p)} {nt(o)} .\n" for s, p, o in triples)


def _nt(term: Node) -> str:
    if isinstance(term, URIRef):
        if _BAD_IRI.search(term):
            raise GraphError(f"not an IRI: {str(term)[:80]!r}")
        return f"<{term}>"
    if isinstance(term, Literal):
        text = '"' + str(term).translate(_ESCAPES) + '"'
        if term.language:
            return f"{text}@{term.language}"
        if (datatype := term.datatype) is not None and not str.__eq__(datatype, _XSD_STRING):
            return f"{text}^^<{datatype}>"  # (compared as text: rdflib's == is Python's)
        return text
    if isinstance(term, BNode):
        return f"_:b{term}"
    raise GraphError(f"cannot write {term!r} as N-Triples")


def write_store(turtle: Path, store_dir: Path) -> None:
    """Create an Oxigraph store at ``store_dir`` holding the triples of a Turtle file (the
    data) and the ontology in its named graph, as a build writes it."""
    import pyoxigraph as ox

    store = ox.Store(str(store_dir))
    store.bulk_load(path=str(turtle), format=ox.RdfFormat.TURTLE)
    put_ontology(store)
    store.flush()
    del store


def put_ontology(store: Any) -> None:
    """Write kg's ontology into its own named graph (``ONTOLOGY_GRAPH``) of a pyoxigraph
    store, and drop its triples from the default graph (graphs built before the ontology
    had a graph of its own kept them there): the data and the ontology stay apart."""
    import pyoxigraph as ox

    name = ox.NamedNode(str(ONTOLOGY_GRAPH))
    store.clear_graph(name)
    store.bulk_load(path=str(ontology_path()), format=ox.RdfFormat.TURTLE, to_graph=name)
    store.update(f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{name.value}> {{ ?s ?p ?o }} }}")


def open_store(store_dir: Path, store_type: Any = None) -> Graph:
    """Open a built store read-only as an rdflib graph (the data is its default graph, the
    ontology the named graph ``kg.ontology.ONTOLOGY_GRAPH``; see :func:`store_graph`).

    ``store_type`` is the rdflib store class wrapping it (oxrdflib's ``OxigraphStore`` or a
    subclass of it, such as ``kg.rdf.store``'s, which releases a snapshot's lease on close).
    """
    import pyoxigraph as ox

    if not store_dir.is_dir():
        raise GraphError("no graph store here; run `kg build` first", store_dir)
    try:
        inner = ox.Store.read_only(str(store_dir))
    except OSError as exc:
        raise GraphError(f"cannot open graph store: {exc}", store_dir) from exc
    return store_graph(inner, store_type)


def store_graph(inner: Any, store_type: Any = None) -> Graph:
    """A pyoxigraph ``Store`` as an rdflib graph, with kg's prefixes; ``store_type`` as for
    :func:`open_store` (kg's ``OxigraphStore`` by default).

    Triple patterns and ``graph.query`` read the data (the default graph) and the ontology
    (its named graph) as one; ``kg.query.run_query`` chooses per query."""
    if store_type is None:
        from kg.rdf.oxstore import OxigraphStore

        store_type = OxigraphStore
    store = store_type(store=inner)
    store.union = True  # triple patterns see the data and the ontology (kg.rdf.oxstore)
    graph = Graph(store=store, identifier=DATASET_DEFAULT_GRAPH_ID)
    bind_prefixes(graph)
    return graph


def copy_from_store(store_dir: Path) -> Graph:
    """All triples of a store in a memory graph (see :func:`plain_copy`)."""
    return plain_copy(open_store(store_dir))


def plain_triples(source: Graph) -> Iterator[Triple]:
    """The triples of a graph read from Oxigraph, ``xsd:string`` literals as plain ones (see
    :func:`plain_copy`)."""
    for s, p, o in source:
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))
        yield s, p, o


def plain_copy(source: Graph) -> Graph:
    """All triples of a graph read from Oxigraph in a memory graph, ``xsd:string`` literals
    back to plain ones.

    Oxigraph keeps RDF 1.1 literals, where "x" and "x"^^xsd:string are one term; rdflib
    keeps them apart, so without this a reloaded graph would hold each literal twice.
    """
    graph = Graph()
    bind_prefixes(graph)
    for triple in plain_triples(source):
        graph.add(triple)
    return graph


@lru_cache(maxsize=4096, typed=True)
def decimal(value: object) -> Literal:
    """An ``xsd:decimal`` in its XSD 1.1 canonical lexical form ("8", "0.75"), the form the
    Oxigraph store keeps and writes back, so the graph survives every round trip as is
    (Turtle is written by Oxigraph: rdflib's writer would turn "8" into ``8.0``)."""
    return Literal(format(Decimal(str(value)).normalize(), "f"), datatype=XSD.decimal)
