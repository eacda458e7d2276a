"""The graph stage on hand-made records: triples, evidence, Turtle and the Oxigraph store."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from rdflib import Literal
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from kg.ontology import KG, REL, load_ontology
from kg.rdf import graph as kgraph
from tests.graphs import built, result


def test_facts_are_plain_triples_with_labels_and_reified_evidence() -> None:
    graph = built()
    putin = kgraph.entity_iri("person/vladimir-putin")
    china = kgraph.entity_iri("country/china")
    assert (putin, KG.visits, china) in graph
    assert graph.value(putin, RDFS.label) == Literal("Vladimir Putin")
    assert (putin, SKOS.altLabel, Literal("Putin")) in graph
    assert (putin, RDF.type, KG.Person) in graph
    assert graph.value(KG.visits, RDFS.label) == Literal("visits")
    (ev,) = graph.subjects(RDF.predicate, KG.visits)
    assert graph.value(ev, RDF.subject) == putin and graph.value(ev, RDF.object) == china
    assert graph.value(ev, KG.sentence) == Literal("Putin will travel to China.")
    assert graph.value(ev, KG.confidence).toPython() == Decimal("0.75")
    assert graph.value(ev, KG.timeText) == Literal("later this week")
    doc = graph.value(ev, PROV.wasDerivedFrom)
    assert graph.value(doc, DCTERMS.title) == Literal("A headline <b>")
    assert str(graph.value(doc, DCTERMS.issued)) == "2025-08-28"


def test_open_relation_is_minted_under_the_generic_property() -> None:
    graph = built()
    prop = REL["push-onto"]
    assert (prop, RDFS.subPropertyOf, KG.relatedTo) in graph
    assert graph.value(prop, RDFS.label) == Literal("push onto")
    assert (prop, RDF.type, KG.OpenRelation) in graph


def test_adding_a_document_twice_changes_nothing() -> None:
    graph = built()
    before = len(graph)
    kgraph.add_result(graph, result())
    assert len(graph) == before
    assert (kgraph.document_iri("abc123"), RDF.type, KG.Document) in graph


def test_turtle_round_trip_and_store(tmp_path: Path) -> None:
    graph = built()
    ttl = tmp_path / "graph.ttl"
    kgraph.write_turtle(graph, ttl)
    again = kgraph.read_turtle(ttl)
    assert isomorphic(graph, again)
    kgraph.write_store(ttl, tmp_path / "store")
    stored = kgraph.open_store(tmp_path / "store")
    # the store: the data as the default graph (len), the ontology as a named graph
    assert len(stored) == len(graph) - len(load_ontology())
    rows = list(
        stored.query(
            "SELECT ?name ?o WHERE { ?s rdfs:label ?name ; kg:visits ?x . ?x rdfs:label ?o }",
            initBindings={"name": Literal("Vladimir Putin")},
        )
    )
    assert [(str(r[0]), str(r[1])) for r in rows] == [("Vladimir Putin", "China")]


def test_shapes_accept_a_graph_and_report_a_broken_one() -> None:
    graph = built()
    ok, report = kgraph.validate(graph)
    assert ok, report
    putin = kgraph.entity_iri("person/vladimir-putin")
    graph.remove((putin, RDFS.label, None))
    (ev,) = graph.subjects(RDF.predicate, KG.visits)
    graph.set((ev, KG.confidence, Literal(Decimal("1.5"))))
    ok, report = kgraph.validate(graph)
    assert not ok
    assert report.splitlines() == [
        "2 violations of the shapes (2 kinds):",
        "- rdfs:label: An entity has exactly one non-empty rdfs:label.  [1]",
        "    ent:person/vladimir-putin",
        '- kg:confidence: Value is not <= Literal("1", datatype=xsd:integer)  [1]',
        f"    ev:{str(ev).rsplit('/', 1)[1]}  value: '1.5'",
    ]
    assert "confidence" in report


def test_store_copy_equals_the_graph(tmp_path: Path) -> None:
    graph = built()
    kgraph.write_turtle(graph, tmp_path / "graph.ttl")
    kgraph.write_store(tmp_path / "graph.ttl", tmp_path / "store")
    assert isomorphic(graph, kgraph.copy_from_store(tmp_path / "store"))
