"""Hand-made graphs for the tests: a document result of two facts (``result``, ``built``), a
small graph shaped like kg's in Turtle (``FIXTURE``), and text made to break every output
(``HOSTILE_TITLE``, ``HOSTILE_BODY``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kg.model import Document, DocumentResult, Entity, Evidence, Fact
from kg.ontology import PREFIX_IRIS
from kg.rdf import graph as kgraph

if TYPE_CHECKING:
    from rdflib import Graph

TEXT = "Putin will travel to China. China pushes the plan onto Russia."


DOC = Document("abc123", TEXT, "news/a.txt", title="A headline <b>", published="2025-08-28")


def result() -> DocumentResult:
    ev1 = Evidence("abc123", TEXT[:27], 0, 27, "body", "svo-prep", 0.75, "later this week")
    ev2 = Evidence("abc123", TEXT[28:], 28, len(TEXT), "body", "svo-prep", 0.4)
    return DocumentResult(
        document=DOC,
        entities=(
            Entity("person/vladimir-putin", "Vladimir Putin", "Person", ("Putin",), ("abc123",)),
            Entity("country/china", "China", "Country", (), ("abc123",)),
            Entity("country/russia", "Russia", "Country", (), ("abc123",)),
        ),
        facts=(
            Fact(
                "person/vladimir-putin",
                "visits",
                "country/china",
                ev1,
                subject_text="Putin",
                subject_span=(0, 5),
                object_text="China",
                object_span=(21, 26),
            ),
            Fact(
                "country/china",
                "push onto",
                "country/russia",
                ev2,
                open=True,
                subject_text="China",
                subject_span=(28, 33),
                object_text="Russia",
                object_span=(55, 61),
            ),
        ),
    )


def built():
    graph = kgraph.new_graph()
    kgraph.add_result(graph, result())
    return graph


HOSTILE_TITLE = "<script>window.pwned=1</script> '}) DETACH DELETE n // \" } ; DROP ALL ; #"


HOSTILE_BODY = (
    "Vladimir Putin visited China on Tuesday with <img src=x onerror=\"window.pwned=2\"> and "
    "\"quotes\", back\\slashes, a mark \u200f and a NUL \u0000 too.\n\n"
    "China supplies consumer goods to Russia, '}) DETACH DELETE n // said officials.\n\n"
    "Xi Jinping met Putin in Beijing } ; DELETE WHERE { ?s ?p ?o } # \x07bell."
)


# A small hand-written graph shaped like kg's, with dated evidence (kg:validFrom/validUntil).
FIXTURE = """
@prefix kg: <https://w3id.org/kg/ontology#> .
@prefix person: <https://w3id.org/kg/entity/person/> .
@prefix country: <https://w3id.org/kg/entity/country/> .
@prefix commodity: <https://w3id.org/kg/entity/commodity/> .
@prefix ev: <https://w3id.org/kg/evidence/> .
@prefix doc: <https://w3id.org/kg/document/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

doc:d1 a kg:Document ; dcterms:title "Talks in Beijing" ; dcterms:source "d1.txt" .
person:vladimir-putin a kg:Person ; rdfs:label "Vladimir Putin" ;
    skos:altLabel "Putin" ; kg:mentionedIn doc:d1 ; kg:visits country:china .
country:china a kg:Country ; rdfs:label "China" ; kg:mentionedIn doc:d1 ;
    kg:supplies commodity:consumer-goods ; kg:suppliesTo country:russia .
country:russia a kg:Country ; rdfs:label "Russia" ; kg:mentionedIn doc:d1 .
commodity:consumer-goods a kg:Commodity ; rdfs:label "consumer goods" ;
    kg:mentionedIn doc:d1 .

ev:e1 a kg:Evidence, rdf:Statement ; rdf:subject person:vladimir-putin ;
    rdf:predicate kg:visits ; rdf:object country:china ; prov:wasDerivedFrom doc:d1 ;
    kg:sentence "Putin will travel to China in May 2025." ; kg:confidence 0.75 ;
    kg:section "body" ; kg:timeText "in May 2025" ;
    kg:validFrom "2025-05-01"^^xsd:date ; kg:validUntil "2025-05-31"^^xsd:date .
ev:e2 a kg:Evidence, rdf:Statement ; rdf:subject country:china ;
    rdf:predicate kg:supplies ; rdf:object commodity:consumer-goods ;
    prov:wasDerivedFrom doc:d1 ; kg:sentence "China supplied consumer goods in 2023." ;
    kg:confidence 0.7 ; kg:section "body" ; kg:validFrom "2023-01-01"^^xsd:date ;
    kg:validUntil "2023-12-31"^^xsd:date .
ev:e3 a kg:Evidence, rdf:Statement ; rdf:subject country:china ;
    rdf:predicate kg:suppliesTo ; rdf:object country:russia ; prov:wasDerivedFrom doc:d1 ;
    kg:sentence "China supplies Russia." ; kg:confidence 0.6 ; kg:section "body" .
"""


#: kg's prefixes as SPARQL PREFIX lines.
PREFIXES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIX_IRIS.items())


def publish_turtle(text: str, out: Path) -> Path:
    """Publish the graph in Turtle ``text`` into the folder ``out`` as a build does:
    ``graph.ttl`` the data, a store snapshot with the data and the ontology's named graph,
    switched to. Returns ``out``."""
    from rdflib import Graph

    from kg.rdf import store

    out.mkdir(parents=True, exist_ok=True)
    graph = Graph()
    graph.parse(data=text, format="turtle")
    kgraph.write_turtle(graph, out / "graph.ttl")
    snapshot = store.new_snapshot(out)
    kgraph.write_store(out / "graph.ttl", snapshot)
    store.switch(out, snapshot)
    return out


def consolidated(batches: list[list[DocumentResult]]) -> Graph:
    """The graph of documents added batch by batch, the cross-document step run after each
    batch on the keys that batch named (as successive ``kg build`` runs do)."""
    from kg.merges import consolidate
    from kg.ontology import ENT

    graph = kgraph.new_graph()
    for n, batch in enumerate(batches):
        for result in batch:
            kgraph.add_result(graph, result)
        touched = {ENT[entity.key] for result in batch for entity in result.entities}
        consolidate(graph, touched=None if n == 0 else touched)  # the first: every key
    return graph


def named_result(
    doc_id: str, *names: tuple[str, str], facts: tuple[tuple[int, str, int], ...] = (),
    negative: bool = False,
) -> DocumentResult:  # fmt: skip
    """One resolved document naming ``names`` (text, type guess), its text the names in a
    row; ``facts`` link them by index (a predicate "rel-…" is an open relation; ``negative``
    makes every fact denied)."""
    from kg.extract import Extraction
    from kg.model import Mention, Relation
    from kg.resolve import resolve

    text = " ".join(n for n, _ in names) + "."
    mentions, start = [], 0
    for name, type_ in names:
        mentions.append(Mention(doc_id, name, start, start + len(name), type_))
        start += len(name) + 1
    polarity = "negative" if negative else "positive"
    relations = tuple(
        Relation(mentions[s], p, mentions[o],
                 Evidence(doc_id, text, 0, len(text), "body", "svo", 0.7, polarity=polarity),
                 open=p.startswith("rel-"))  # fmt: skip
        for s, p, o in facts
    )
    document = Document(doc_id, text, f"{doc_id}.txt")
    return resolve(document, Extraction(tuple(mentions), relations))


def same(one: Graph, other: Graph) -> bool:
    """Whether two graphs are isomorphic; if not, the triples only each holds are printed."""
    from rdflib.compare import graph_diff, isomorphic, to_isomorphic

    if isomorphic(one, other):
        return True
    _, left, right = graph_diff(to_isomorphic(one), to_isomorphic(other))
    print("only batch by batch:", sorted(left)[:20], "\nonly all at once:", sorted(right)[:20])
    return False


def in_store(batches: list[list[DocumentResult]], counted: bool = False) -> Graph:
    """As :func:`consolidated`, in kg's Oxigraph store (an in-memory one); ``counted``: each
    batch's votes counted from its triples as ``kg build`` counts them, and handed to the
    cross-document step (the first batch's as all the graph's votes, as in a build into an
    empty graph)."""
    import pyoxigraph as ox

    from kg.foldindex import VoteDelta, add_votes
    from kg.merges import consolidate
    from kg.ontology import ENT

    inner = ox.Store()
    kgraph.put_ontology(inner)  # as a build writes it; read with the data
    graph = kgraph.store_graph(inner)
    for n, batch in enumerate(batches):
        votes: VoteDelta = {}
        for one in batch:
            triples = kgraph.triples(one)
            add_votes(votes, triples)
            for triple in triples:
                graph.add(triple)
        touched = {ENT[entity.key] for one in batch for entity in one.entities}
        consolidate(graph, touched=None if n == 0 else touched,
                    votes=votes if counted else None, complete=counted and n == 0)  # fmt: skip
    return graph


def copy(graph: Graph) -> Graph:
    """The triples of ``graph`` (the data, as its readers see it) in a memory graph."""
    from rdflib import Graph

    out = Graph()
    for triple in graph:
        out.add(triple)
    return out
