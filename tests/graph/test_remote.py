"""kg build --store URL into real SPARQL 1.1 servers (Oxigraph server, Virtuoso), started here.

The same questions asked of the remote store and of the embedded store get the same answers.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import XSD

from kg.cli import main
from kg.errors import GraphError
from kg.query import open_graph, run_named, run_query
from kg.rdf import graph as kgraph
from kg.rdf import remote, store
from tests.conftest import SEEDS, need
from tests.graphs import FIXTURE
from tests.servers import (
    Endpoint,
    free_port,
    oxigraph_binary,
    oxigraph_server,
    virtuoso_binary,
    virtuoso_server,
)

QUESTIONS = [
    "SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name }",
    "SELECT ?what ?sentence WHERE { ?c rdfs:label \"China\" ; kg:supplies ?t . "
    "?t rdfs:label ?what . ?ev rdf:subject ?c ; rdf:predicate kg:supplies ; rdf:object ?t ; "
    "kg:sentence ?sentence }",
    "SELECT ?s ?p ?o WHERE { ?s ?p ?o . ?p rdfs:subPropertyOf+ kg:relatedTo }",
    "SELECT ?ev ?conf WHERE { ?ev a kg:Evidence ; kg:confidence ?conf }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
]
NAMED = [
    ("neighbours", {"entity": "Putin"}),
    ("facts", {"entity": "China"}),
    ("paths", {"from": "Putin", "to": "Russia"}),
    ("predicates", {}),
]


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def server(request, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Endpoint]:
    if request.param == "oxigraph":
        need(oxigraph_binary() is not None, "the oxigraph server (pip install oxigraph)")
        start = oxigraph_server
    else:
        need(virtuoso_binary() is not None, "Virtuoso (apt-get install virtuoso-opensource)")
        start = virtuoso_server
    with start(tmp_path_factory.mktemp(request.param)) as endpoint:
        yield endpoint


def answers(result) -> list[tuple[str, ...]]:
    """Rows as sorted tuples of text; numbers compared by value (servers differ in lexical form)."""

    def text(value) -> str:
        if value is None:
            return ""
        if isinstance(value, Literal) and value.datatype in (XSD.decimal, XSD.integer):
            return str(value.toPython().normalize() if value.datatype == XSD.decimal else value)
        return str(value)

    return sorted(tuple(text(v) for v in row) for row in result)


def test_push_replaces_the_remote_graph_atomically(server: Endpoint, tmp_path: Path) -> None:
    endpoint = remote.Endpoint.parse(server.query, server.update, "urn:kg:test:push")
    graph = kgraph.new_graph()
    graph.parse(data=FIXTURE, format="turtle")
    assert remote.push(graph, endpoint, batch=100) == len(graph)
    assert remote.count(endpoint) == len(graph)
    # Named queries work against the remote graph (their bindings become VALUES there).
    rows = answers(run_named(remote.open_remote(endpoint), "dated",
                             {"from": "2025-05-10", "until": "2025-06-30"}))  # fmt: skip
    assert [r[:3] for r in rows] == [("Vladimir Putin", "visits", "China")]
    smaller = Graph()
    smaller.parse(data=FIXTURE, format="turtle")
    assert remote.push(smaller, endpoint) == len(smaller)
    assert remote.count(endpoint) == len(smaller), "the second push replaces the first"


def test_an_unreachable_store_is_a_one_line_error() -> None:
    endpoint = remote.Endpoint.parse(f"http://127.0.0.1:{free_port()}/query")
    assert endpoint.update.endswith("/update")
    with pytest.raises(GraphError, match="cannot write to the store"):
        remote.push(Graph(), endpoint)
    with pytest.raises(GraphError, match="starts with http"):
        remote.Endpoint.parse("ftp://x")


@pytest.mark.model
def test_build_into_the_server_answers_like_the_embedded_store(
    server: Endpoint, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "out"
    argv = ["build", str(SEEDS), "-o", str(out), "--store", server.query, "-q"]
    if server.update != server.query:
        argv += ["--store-update", server.update]
    assert main(argv) == 0
    endpoint = remote.Endpoint.parse(server.query, server.update)
    local = open_graph(out)
    far = remote.open_remote(endpoint)
    assert remote.count(endpoint) == len(kgraph.read_turtle(out / "graph.ttl"))
    for question in QUESTIONS:  # the remote graph holds the ontology with the data
        expected = answers(run_query(local, question, ontology=True))
        assert expected, question
        assert answers(run_query(far, question)) == expected, question
    for name, args in NAMED:
        expected = answers(run_named(local, name, args))
        assert expected, name
        assert answers(run_named(far, name, args)) == expected, name
    # The CLI reads the remote store too.
    capsys.readouterr()
    assert main(["show", "Putin", "--store", server.query]) == 0
    assert "Vladimir Putin —visits→ China" in capsys.readouterr().out
    local.close()
    assert store.current(out) is not None
