"""Hostile article text (markup, Cypher and SPARQL fragments, quotes, backslashes, newlines,
NUL and control characters, right-to-left marks) is data in every export, checked in the
real Cypher engines: the Cypher script, the neo4j-admin CSVs and ``kg push`` store it
character for character and run nothing of it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rdflib import RDF, Graph

from kg.cli import main
from kg.export import export, from_rdf, load_graph, neo4j_csv
from kg.export.cypher import statements
from kg.ontology import KG
from tests.conftest import bolt_runner, falkor_runner
from tests.engines import ARCADE_PASSWORD, ARCADE_USER
from tests.graphs import HOSTILE_BODY, HOSTILE_TITLE

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def hostile_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.pipeline import build

    folder = tmp_path_factory.mktemp("hostile")
    source = folder / "hostile.jsonl"
    record = {"id": "h1", "title": HOSTILE_TITLE, "text": HOSTILE_BODY}
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    build([source], folder / "out")
    return folder / "out"


def sentences(graph: Graph) -> set[str]:
    """The evidence sentences of the facts the graph asserts (exports carry these)."""
    found = set()
    for ev in graph.subjects(KG.sentence, None):
        fact = tuple(graph.value(ev, term) for term in (RDF.subject, RDF.predicate, RDF.object))
        if fact in graph:
            found.add(str(graph.value(ev, KG.sentence)))
    return found


def check(run, graph: Graph) -> None:
    """What an engine holds after loading the hostile graph: the exact strings, all nodes."""
    nodes = len(from_rdf(graph).nodes)
    assert run("MATCH (d:Document) RETURN d.title") == [[HOSTILE_TITLE]]
    stored = {row[0] for row in run("MATCH ()-[r]->() WHERE r.sentence IS NOT NULL "
                                    "RETURN r.sentence")}
    want = sentences(graph)
    assert want and stored == want
    assert any("DETACH DELETE" in s or "'})" in s for s in stored)
    assert any("\u200f" in s and "\ufffd" in s and "\\slashes" in s for s in stored)
    assert run("MATCH (n) RETURN count(n)") == [[nodes]]


def test_falkordb_runs_the_hostile_cypher_script(hostile_out, falkordb_port, tmp_path):
    port, _ = falkordb_port
    path = tmp_path / "graph.cypher"
    args = ["export", "--format", "cypher", "--no-constraints", "-g", str(hostile_out),
            "-o", str(path)]
    assert main(args) == 0
    run = falkor_runner(port, "hostile_script")
    for _ in range(2):
        for statement in statements(path.read_text(encoding="utf-8")):
            run(statement)
        check(run, load_graph(hostile_out))


def test_falkordb_loads_the_hostile_csvs(hostile_out, falkordb_port, tmp_path):
    port, import_folder = falkordb_port
    folder = tmp_path / "neo4j"
    export(hostile_out, "neo4j-csv", folder)
    for name in (neo4j_csv.NODES, neo4j_csv.RELATIONSHIPS):
        shutil.copy(folder / name, import_folder / name)
    run = falkor_runner(port, "hostile_csv")
    for statement in statements((folder / "load-csv.cypher").read_text(encoding="utf-8")):
        run(statement)
    check(run, load_graph(hostile_out))


def test_arcadedb_runs_the_hostile_cypher_script(hostile_out, arcadedb, tmp_path):
    path = tmp_path / "graph.cypher"
    assert main(["export", "--format", "cypher", "-g", str(hostile_out), "-o", str(path)]) == 0
    driver, run = bolt_runner(arcadedb, "hostile_script")
    with driver:
        for statement in statements(path.read_text(encoding="utf-8")):
            run(statement)
        check(run, load_graph(hostile_out))


def test_arcadedb_receives_the_hostile_push(hostile_out, arcadedb, capsys):
    args = ["push", arcadedb, "--database", "hostile_push", "-g", str(hostile_out),
            "--user", ARCADE_USER, "--password", ARCADE_PASSWORD]
    assert main(args) == 0
    capsys.readouterr()
    driver, run = bolt_runner(arcadedb, "hostile_push")
    with driver:
        check(run, load_graph(hostile_out))
