"""SHACL validation: pyshacl reports, the incremental checker agrees with it, build reports."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

from kg.cli import main
from kg.ontology import KG
from kg.rdf import graph as kgraph
from kg.rdf.builder import Builder
from kg.shacl.buildcheck import BuildCheck
from kg.shacl.validate import ShapeChecker, format_report, validate_graph
from tests.graphs import built

XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")


def broken() -> tuple[Graph, dict[str, URIRef]]:
    """The hand-made graph of test_graph with one break of each kind the shapes catch."""
    graph = built()
    putin = kgraph.entity_iri("person/vladimir-putin")
    china = kgraph.entity_iri("country/china")
    (ev_visit,) = graph.subjects(RDF.predicate, KG.visits)
    (ev_push,) = graph.subjects(RDF.predicate, URIRef("https://w3id.org/kg/relation/push-onto"))
    doc = kgraph.document_iri("abc123")
    graph.remove((putin, RDFS.label, None))  # minCount
    graph.add((china, RDFS.label, Literal("PRC")))  # maxCount
    graph.set((ev_visit, KG.confidence, Literal(Decimal("1.5"))))  # maxInclusive
    graph.set((ev_visit, KG.section, Literal("footer")))  # sh:in
    graph.set((ev_push, KG.sentenceEnd, Literal(3)))  # SPARQL: span reversed (start 28)
    graph.remove((china, URIRef("https://w3id.org/kg/relation/push-onto"), None))  # SPARQL: no fact
    graph.set((doc, DCTERMS.issued, Literal("last week")))  # datatype
    merge = URIRef("https://w3id.org/kg/merge/test")  # sh:pattern: a reason kg never gives
    graph.add((merge, RDF.type, KG.Merge))
    graph.add((merge, KG.mergedInto, putin))
    graph.add((merge, KG.alias, Literal("Vladimir Putin")))
    graph.add((merge, KG.mergeReason, Literal("looked alike")))
    return graph, {"putin": putin, "china": china, "visit": ev_visit, "push": ev_push, "doc": doc,
                   "merge": merge}


def test_a_valid_graph_conforms() -> None:
    graph = built()
    assert validate_graph(graph) == []
    assert ShapeChecker().check(graph, graph.all_nodes()) == []
    assert format_report([]).startswith("conforms")


def test_pyshacl_finds_each_break_and_the_report_is_readable() -> None:
    graph, nodes = broken()
    violations = validate_graph(graph)
    found = {(v.focus, v.path) for v in violations}
    assert (str(nodes["putin"]), "rdfs:label") in found
    assert (str(nodes["china"]), "rdfs:label") in found
    assert (str(nodes["visit"]), "kg:confidence") in found
    assert (str(nodes["visit"]), "kg:section") in found
    assert (str(nodes["doc"]), "dcterms:issued") in found
    assert (str(nodes["merge"]), "kg:mergeReason") in found
    assert sum(1 for v in violations if v.focus == str(nodes["push"]) and not v.path) == 2
    report = format_report(violations)
    kinds = len({(v.path, v.message) for v in violations})
    assert report.splitlines()[0] == f"{len(violations)} violations of the shapes ({kinds} kinds):"
    assert "- kg:confidence:" in report and "ev:" in report


def test_the_incremental_checker_agrees_with_pyshacl() -> None:
    graph, _ = broken()
    expected = {(v.focus, v.path) for v in validate_graph(graph)}
    got = ShapeChecker().check(graph, graph.all_nodes())
    assert {(v.focus, v.path) for v in got} == expected
    assert all(v.message for v in got)


def test_the_build_check_agrees_with_pyshacl(tmp_path: Path) -> None:
    """A build checks each document's own nodes from its triples and the shared ones
    (entities, merge records) in the finished store: together exactly pyshacl's findings."""
    graph, nodes = broken()
    graph.add((nodes["merge"], PROV.wasDerivedFrom, nodes["doc"]))  # made by that document
    builder = Builder(tmp_path)
    try:
        triples = list(graph)
        builder.add(triples)
        check = BuildCheck()
        check.document(triples)  # the whole graph as one new document
        got = check.finish(builder.store)
    finally:
        builder.discard()
    expected = {(v.focus, v.path) for v in validate_graph(graph)}
    assert {(v.focus, v.path) for v in got} == expected
    assert {str(nodes["putin"]), str(nodes["merge"]), str(nodes["doc"])} <= {v.focus for v in got}


def test_the_checker_looks_only_at_the_focus_nodes() -> None:
    graph, nodes = broken()
    only_visit = ShapeChecker().check(graph, [nodes["visit"]])
    assert {v.focus for v in only_visit} == {str(nodes["visit"])}
    assert {v.path for v in only_visit} == {"kg:confidence", "kg:section"}


@pytest.mark.slow
@pytest.mark.model
def test_kg_validate_cli(seed_out: Path, tmp_path: Path, capsys) -> None:
    assert main(["validate", "-g", str(seed_out)]) == 0
    assert "conforms" in capsys.readouterr().out
    # Damage a copy of the graph: one evidence confidence out of range, then republish.
    out = tmp_path / "out"
    shutil.copytree(seed_out, out, symlinks=True)
    graph = kgraph.read_turtle(out / "graph.ttl")
    evidence = next(graph.subjects(RDF.type, KG.Evidence))
    graph.set((evidence, KG.confidence, Literal("2", datatype=XSD_DECIMAL)))
    kgraph.write_turtle(graph, out / "graph.ttl")
    from kg.rdf import store

    snapshot = store.new_snapshot(out)
    kgraph.write_store(out / "graph.ttl", snapshot)
    store.switch(out, snapshot)
    assert main(["validate", "-g", str(out)]) == 1
    report = capsys.readouterr().out
    assert report.startswith("1 violations of the shapes (1 kinds):")
    assert "kg:confidence" in report


@pytest.mark.model
def test_build_reports_violations_of_the_new_facts_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stricter shapes (confidence at most 0.5): the build counts the evidence above it."""
    import kg.shacl.validate
    from kg.ontology import shapes_path
    from kg.pipeline import build
    from tests.conftest import SEEDS

    strict = Graph().parse(shapes_path(), format="turtle")
    strict.parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix kg: <https://w3id.org/kg/ontology#> .
        <urn:strict> a sh:NodeShape ; sh:targetClass kg:Evidence ;
            sh:property [ sh:path kg:confidence ; sh:maxInclusive 0.5 ;
                          sh:message "Confidence above 0.5." ] .
        """,
        format="turtle",
    )
    monkeypatch.setattr(kg.shacl.validate, "shapes", lambda: strict)
    out = tmp_path / "out"
    summary = build([SEEDS], out)
    graph = kgraph.read_turtle(out / "graph.ttl")
    above = {
        str(ev)
        for ev, conf in graph.subject_objects(KG.confidence)
        if conf.toPython() > Decimal("0.5") and (ev, RDF.type, KG.Evidence) in graph
    }  # the strict shape targets kg:Evidence, not the statements with a concept end
    assert above, "the seed graph has confident facts"
    assert {v.focus for v in summary.violations} == above
    assert all(v.message == "Confidence above 0.5." for v in summary.violations)
    text = summary.format()
    assert f"shape violations in the new facts: {len(above)}" in text
    assert f"kg validate -g {out}" in text
    # The invalid facts are written (and reported), not dropped.
    assert len(list(graph.subjects(RDF.type, KG.Evidence))) > len(above)
    # Nothing new the second time: nothing to report.
    assert build([SEEDS], out).violations == []
