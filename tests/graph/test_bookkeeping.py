"""kg's bookkeeping in named graphs of the store (the cross-document step's index of fold
blocks and vote tallies, ``kg.ontology.FOLD_INDEX_GRAPH``; the summary's counts,
``COUNTS_GRAPH``) is no part of the graph: no triple pattern, query, ``GRAPH`` clause, dump
or count of kg's readers sees it."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from kg.ontology import COUNTS_GRAPH, FOLD_INDEX_GRAPH, KG
from kg.rdf import store
from kg.rdf.builder import Builder
from kg.rdf.dump import dump
from kg.rdf.graph import open_store
from tests.graphs import FIXTURE, publish_turtle

MARK = ox.NamedNode(str(KG.foldBlock))
COUNTED = ox.NamedNode(str(KG.counts))


def with_bookkeeping(out: Path) -> Path:
    """A published graph whose store also holds a quad in the index's named graph."""
    publish_turtle(FIXTURE, out)
    snapshot = store.current(out)
    assert snapshot is not None
    raw = ox.Store(str(snapshot))
    raw.add(ox.Quad(ox.NamedNode("https://w3id.org/kg/entity/x"), MARK, ox.Literal("w:x"),
                    ox.NamedNode(str(FOLD_INDEX_GRAPH))))  # fmt: skip
    raw.add(ox.Quad(COUNTED, COUNTED, ox.Literal("{}"), ox.NamedNode(str(COUNTS_GRAPH))))
    raw.flush()
    del raw
    return out


def test_readers_see_the_data_and_the_ontology_only(tmp_path: Path) -> None:
    out = with_bookkeeping(tmp_path / "out")
    graph = open_store(store.current(out))  # type: ignore[arg-type]
    assert not list(graph.triples((None, KG.foldBlock, None)))
    assert not list(graph.triples((None, KG.counts, None)))
    assert not list(graph.query(f"SELECT * WHERE {{ ?s <{KG.foldBlock}> ?o }}"))
    query = f"SELECT ?g WHERE {{ GRAPH ?g {{ ?s <{KG.foldBlock}> ?o }} }}"
    assert not list(graph.query(query))
    assert not list(graph.store.sparql(query, {}, {}, ontology=True))
    assert not any(p == KG.foldBlock for _, p, _ in graph)
    graph.close()
    for name in ("graph.nq", "graph.trig", "graph.ttl"):
        dump(out, tmp_path / name)
        dataset = Dataset()
        dataset.parse(tmp_path / name)
        assert not any(q[1] == KG.foldBlock for q in dataset.quads((None, None, None, None)))
        assert "foldBlock" not in (tmp_path / name).read_text()
        assert "ontology#counts" not in (tmp_path / name).read_text()


def test_a_builders_counts_leave_the_bookkeeping_out(tmp_path: Path) -> None:
    out = publish_turtle(FIXTURE, tmp_path / "plain")
    builder = Builder(out, start=store.current(out))
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = int(builder.select(count)[0][0].value)
    builder.store.add(ox.Quad(ox.NamedNode("https://w3id.org/kg/entity/x"), MARK,
                              ox.Literal("w:x"), ox.NamedNode(str(FOLD_INDEX_GRAPH))))  # fmt: skip
    assert int(builder.select(count)[0][0].value) == before
    builder.discard()
