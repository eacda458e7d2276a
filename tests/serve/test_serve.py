"""kg serve: a real server process answering SPARQL 1.1 protocol requests over HTTP."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore

from kg.query import open_graph, run_query
from kg.rdf import graph as kgraph
from kg.rdf import store
from kg.serve import negotiate
from tests.graphs import FIXTURE, PREFIXES
from tests.processes import get, request, serving

VISITS = PREFIXES + "SELECT ?s ?o WHERE { ?s kg:visits ?o }"
LABELS = PREFIXES + "SELECT ?e ?name WHERE { ?e a kg:Country ; rdfs:label ?name } ORDER BY ?name"


def publish(out: Path, graph: Graph) -> Path:
    kgraph.write_turtle(graph, out / "graph.ttl")
    snapshot = store.new_snapshot(out)
    kgraph.write_store(out / "graph.ttl", snapshot)
    store.switch(out, snapshot)
    return snapshot


def fixture_graph() -> Graph:
    graph = kgraph.new_graph()
    graph.parse(data=FIXTURE, format="turtle")
    return graph


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``kg serve --port 0`` on a fixture graph, as a real process; yields (base URL, OUT)."""
    out = tmp_path / "out"
    out.mkdir()
    publish(out, fixture_graph())
    (out / "graph.html").write_text("<!doctype html><title>kg</title><p>the view</p>")
    with serving(out) as base:
        yield base, out


def test_rdflib_sparqlstore_gets_the_embedded_answers(served: tuple[str, Path]) -> None:
    base, out = served
    remote = Graph(SPARQLStore(f"{base}sparql", returnFormat="json"))
    local = open_graph(out)
    for query in (VISITS, LABELS):
        expected = [tuple(map(str, r)) for r in run_query(local, query)]  # type: ignore[arg-type]
        got = [tuple(map(str, r)) for r in remote.query(query)]  # type: ignore[arg-type]
        assert got == expected and got
    ask = remote.query(PREFIXES + "ASK { ?s kg:supplies ?o }")
    assert ask.askAnswer is True


@pytest.mark.parametrize(
    ("accept", "media", "check"),
    [
        (None, "application/sparql-results+json", b'"bindings"'),
        ("application/sparql-results+json", "application/sparql-results+json", b'"bindings"'),
        ("application/sparql-results+xml", "application/sparql-results+xml", b"<sparql"),
        ("text/csv", "text/csv", b"s,o\r\n"),
        ("text/tab-separated-values", "text/tab-separated-values", b"?s\t?o\n"),
        ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml", b""),
        ("text/*", "text/csv", b""),
        ("*/*", "application/sparql-results+json", b""),
    ],
)
def test_content_negotiation_for_select(served, accept, media, check) -> None:
    base, _ = served
    status, kind, body = get(base, VISITS, accept)
    assert status == 200, body
    assert kind.split(";")[0] == media
    assert check in body
    assert b"vladimir-putin" in body


def test_construct_post_and_refusals(served: tuple[str, Path]) -> None:
    base, _ = served
    construct = PREFIXES + "CONSTRUCT { ?s kg:visits ?o } WHERE { ?s kg:visits ?o }"
    for accept, parser in (("text/turtle", "turtle"), ("application/n-triples", "nt"),
                           ("application/ld+json", "json-ld")):  # fmt: skip
        status, kind, body = get(base, construct, accept)
        assert status == 200 and kind.startswith(accept)
        assert len(Graph().parse(data=body.decode(), format=parser)) == 1
    # POST, direct and as a form
    status, _, body = request(
        f"{base}sparql", VISITS.encode(), {"Content-Type": "application/sparql-query"}
    )
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 1
    form = urllib.parse.urlencode({"query": VISITS}).encode()
    status, _, body = request(
        f"{base}sparql", form, {"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 1
    # Read-only: updates are refused, by either route, and change nothing.
    update = "DELETE WHERE { ?s ?p ?o }"
    assert request(f"{base}sparql", update.encode(),
                   {"Content-Type": "application/sparql-update"})[0] == 403  # fmt: skip
    form = urllib.parse.urlencode({"update": update}).encode()
    assert request(f"{base}sparql", form,
                   {"Content-Type": "application/x-www-form-urlencoded"})[0] == 403  # fmt: skip
    assert get(base, VISITS)[0] == 200 and b"vladimir-putin" in get(base, VISITS)[2]
    # Errors
    assert get(base, "SELECT nonsense")[0] == 400
    assert get(base, VISITS, "image/png")[0] == 406
    assert request(f"{base}sparql")[0] == 400
    assert request(f"{base}nowhere")[0] == 404


def test_html_view_and_turtle_beside_the_endpoint(served: tuple[str, Path]) -> None:
    base, out = served
    status, kind, body = request(base)
    assert status == 200 and kind.startswith("text/html")
    assert body == (out / "graph.html").read_bytes()
    status, kind, body = request(f"{base}graph.ttl")
    assert status == 200 and kind.startswith("text/turtle")
    assert len(Graph().parse(data=body.decode(), format="turtle")) == len(fixture_graph())


def test_a_new_snapshot_is_served_by_the_next_request(served: tuple[str, Path]) -> None:
    base, out = served
    count = PREFIXES + "SELECT (COUNT(*) AS ?n) WHERE { ?s kg:visits ?o }"

    def visits() -> int:
        return int(json.loads(get(base, count)[2])["results"]["bindings"][0]["n"]["value"])

    assert visits() == 1
    first = store.current(out)
    graph = fixture_graph()
    graph.parse(
        data="@prefix kg: <https://w3id.org/kg/ontology#> . "
        "<https://w3id.org/kg/entity/person/x> kg:visits <https://w3id.org/kg/entity/country/y> .",
        format="turtle",
    )
    publish(out, graph)
    assert visits() == 2
    assert first is not None
    publish(out, fixture_graph())  # the server let go of the first snapshot: it is removed
    assert not first.exists()
    assert visits() == 1


def test_negotiate() -> None:
    offers = ["application/sparql-results+json", "text/csv"]
    assert negotiate(None, offers) == offers[0]
    assert negotiate("text/csv", offers) == "text/csv"
    assert negotiate("*/*;q=0.1, text/csv;q=0.9", offers) == "text/csv"
    assert negotiate("text/*;q=0, */*", offers) == offers[0]
    assert negotiate("text/csv;q=0", ["text/csv"]) is None
    assert negotiate("image/png", offers) is None


@pytest.mark.model
def test_serve_the_seed_graph_html(seed_out: Path) -> None:
    with serving(seed_out) as base:
        status, kind, body = request(base)
        assert status == 200 and body == (seed_out / "graph.html").read_bytes()
        status, _, body = get(base, PREFIXES + "SELECT ?n WHERE { ?p a kg:Person ; "
                              "rdfs:label ?n } ORDER BY ?n", "text/csv")  # fmt: skip
        assert body.decode().split("\r\n")[1:4] == ["Guo Jiakun", "Vladimir Putin", "Xi Jinping"]
