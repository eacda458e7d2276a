"""Generic concepts are no entity nodes: a fact with a concept end is a statement, evidence
only (kg/rdf/statements.py), found by SPARQL, left out of facts, page and exports."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import RDF, RDFS

from kg.export.read import from_rdf
from kg.ontology import KG
from kg.query.named import run_named
from kg.rdf import graph as kgraph
from kg.rdf.store import open_graph

TEXT = (
    "Holm wins award\n\n"
    "Peter Holm won a prize for his research. "
    "Holm works for the Nordic Institute in Oslo.\n\n"
    "Egypt imported wheat from Russia.\n"
)


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.pipeline import build

    root = tmp_path_factory.mktemp("statements")
    (root / "a.txt").write_text(TEXT, encoding="utf-8")
    build([root / "a.txt"], root / "out")
    return root / "out"


@pytest.mark.model
def test_a_concept_end_makes_a_statement_not_a_node_nor_a_fact(out: Path) -> None:
    graph = kgraph.read_turtle(out / "graph.ttl", ontology=False)
    assert set(graph.subjects(RDF.type, KG.Concept)) == set()
    assert not [s for s in graph.subjects(RDFS.label, Literal("prize"))]
    holm = kgraph.entity_iri("peter-holm")
    (st,) = graph.subjects(RDF.type, KG.ConceptStatement)
    assert graph.value(st, RDF.subject) == holm
    assert graph.value(st, RDF.object) is None  # the concept is text only
    assert str(graph.value(st, KG.objectText)) == "prize"
    assert str(graph.value(st, KG.subjectText)) == "Peter Holm"
    assert str(graph.value(st, KG.sentence)) == "Peter Holm won a prize for his research."
    assert graph.value(st, KG.rule) is not None and graph.value(st, KG.confidence) is not None
    assert str(graph.value(st, KG.polarity)) == "positive"
    assert (st, RDF.type, KG.Evidence) not in graph
    predicate = graph.value(st, RDF.predicate)
    assert list(graph.subject_objects(predicate)) == []  # no (s p o) triple at all
    # specific goods stay entities, with their facts
    wheat = kgraph.entity_iri("wheat")
    assert (wheat, RDF.type, KG.Commodity) in graph
    assert (kgraph.entity_iri("egypt"), None, wheat) in graph
    ok, report = kgraph.validate(kgraph.read_turtle(out / "graph.ttl"))
    assert ok, report


@pytest.mark.model
def test_statements_are_found_by_the_named_query_and_left_out_of_facts(out: Path) -> None:
    graph = open_graph(out)
    try:
        rows = [(str(r.subject), str(r.predicate), str(r.object), str(r.polarity),
                 str(r.modality), str(r.sentence))
                for r in run_named(graph, "statements", {"entity": "Peter Holm"})]  # fmt: skip
        facts = list(run_named(graph, "facts", {"entity": "Peter Holm"}))
    finally:
        graph.close()
    assert rows == [("Peter Holm", "win", "prize", "positive", "asserted",
                     "Peter Holm won a prize for his research.")]  # fmt: skip
    assert {str(row.predicate) for row in facts} == {"works for"}
    exported = from_rdf(kgraph.read_turtle(out / "graph.ttl"))
    assert "prize" not in {n.properties.get("name") for n in exported.nodes}
    assert {r.type for r in exported.relationships} >= {"WORKS_FOR"}
    assert all(r.properties.get("objectText") != "prize" for r in exported.relationships)


def test_a_statement_naming_two_entities_breaks_the_shapes() -> None:
    from tests.graphs import built

    graph = built()
    (ev,) = graph.subjects(RDF.predicate, KG.visits)
    graph.remove((ev, RDF.type, KG.Evidence))
    graph.remove((ev, RDF.type, RDF.Statement))
    graph.add((ev, RDF.type, KG.ConceptStatement))
    ok, report = kgraph.validate(graph)
    assert not ok
    assert "names two entities: that is a fact, not a statement" in report


@pytest.mark.model
def test_under_rdfs_a_statement_is_no_evidence(out: Path) -> None:
    """Every property a statement carries has a domain the statement's class falls under
    (kg:Reading), so RDFS domain inference never types a statement kg:Evidence."""
    data = kgraph.read_turtle(out / "graph.ttl", ontology=False)
    ontology = kgraph.read_turtle(out / "graph.ttl")  # the data with the ontology
    ancestors = {KG.ConceptStatement}
    frontier = [KG.ConceptStatement]
    while frontier:
        for parent in ontology.objects(frontier.pop(), RDFS.subClassOf):
            if parent not in ancestors:
                ancestors.add(parent)
                frontier.append(parent)
    (st,) = data.subjects(RDF.type, KG.ConceptStatement)
    inferred = {d for p in set(data.predicates(st)) for d in ontology.objects(p, RDFS.domain)}
    assert inferred, "the statement's properties declare no domain"
    assert KG.Evidence not in inferred
    assert inferred <= ancestors, inferred - ancestors


@pytest.mark.model
def test_kg_show_lists_an_entitys_statements_apart_from_its_facts(out: Path) -> None:
    from kg.query import show_entity

    graph = open_graph(out)
    try:
        (report,) = show_entity(graph, "Peter Holm")
    finally:
        graph.close()
    assert [(s.subject, s.object) for s in report.statements] == [("Peter Holm", "prize")]
    (statement,) = report.statements
    assert statement.sentence == "Peter Holm won a prize for his research."
    assert statement.polarity == "positive" and statement.modality == "asserted"
    assert all(f.object != "prize" for f in report.facts)  # not among the facts
    text = report.format()
    facts, statements = text.split("statements with a generic concept")
    assert "—works for→ Nordic Institute" in facts and "prize" not in facts
    assert "Peter Holm —" in statements and "→ prize" in statements
    assert "“Peter Holm won a prize for his research.”" in statements
