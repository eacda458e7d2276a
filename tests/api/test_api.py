"""kg.KnowledgeGraph: kg from Python, on a real spaCy pipeline and a real Oxigraph store."""

from __future__ import annotations

import doctest
import pydoc
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

import kg
from kg.errors import GraphError, KgWarning, NotFoundError, QueryError
from kg.ontology import load_ontology
from tests.conftest import REPO, SEEDS

pytestmark = pytest.mark.model

TEXTS = [
    "Vladimir Putin visited China on Monday. He met Xi Jinping in Beijing.",
    "Beijing has refused to supply Russia with weapons, the ministry said on Tuesday.",
]
PUTIN = "https://w3id.org/kg/entity/vladimir-putin"
CHINA = "https://w3id.org/kg/entity/china"


@pytest.fixture(scope="module")
def facade(tmp_path_factory: pytest.TempPathFactory) -> kg.KnowledgeGraph:
    graph = kg.KnowledgeGraph.from_texts(TEXTS, tmp_path_factory.mktemp("api") / "out")
    yield graph
    graph.close()


def test_texts_to_rdflib_networkx_pandas_and_a_bound_query(facade: kg.KnowledgeGraph) -> None:
    assert facade.summary is not None and facade.summary.documents_added == 2

    rdf = facade.rdf
    assert isinstance(rdf, Graph)
    assert str(rdf.value(predicate=RDFS.label, object=Literal("China"))) == CHINA
    assert len(rdf) > 100

    nx_graph = facade.to_networkx()
    assert nx_graph.nodes[PUTIN] == {"label": "Vladimir Putin", "type": "Person"}
    visits = nx_graph.get_edge_data(PUTIN, CHINA)
    assert set(visits) == {"https://w3id.org/kg/ontology#visits"}
    edge = visits["https://w3id.org/kg/ontology#visits"]
    assert edge["label"] == "visits" and edge["polarity"] == "positive"
    assert edge["modality"] == "asserted" and 0 < edge["confidence"] <= 1 and edge["evidence"] == 1
    # "Beijing has refused to supply Russia with weapons": a denied claim, never a plain fact
    denied = [d for _, _, d in nx_graph.edges(data=True) if "#supplies" in d["predicate"]]
    assert len(denied) == 2 and all(d["polarity"] == "negative" for d in denied)
    # every edge carries its property's rdfs:label: the ontology's for a lexicon property
    # ("met" for kg:meets, not its local name), the data's for a property minted from the text
    ontology = load_ontology()
    for _, _, data in nx_graph.edges(data=True):
        predicate = URIRef(data["predicate"])
        label = ontology.value(predicate, RDFS.label) or rdf.value(predicate, RDFS.label)
        assert label is not None and data["label"] == str(label), data
    assert any(d["label"] != d["predicate"].rsplit("#", 1)[-1]
               for _, _, d in nx_graph.edges(data=True)), "no label differs from a local name"

    frame = facade.query_df(
        "SELECT ?name ?type WHERE { ?e a ?c ; rdfs:label ?name . BIND(STR(?c) AS ?type) }"
        " ORDER BY ?name"
    )
    assert list(frame.columns) == ["name", "type"]  # the query's order
    assert {"Vladimir Putin", "Xi Jinping", "China"} <= set(frame["name"])

    visited = facade.query(
        "SELECT ?name ?where WHERE { ?p rdfs:label ?name ; kg:visits ?c . ?c rdfs:label ?where }",
        name="Vladimir Putin",
    )
    assert [str(v) for v in visited.vars or ()] == ["where"]  # the bound column left out
    assert [str(row[0]) for row in visited] == ["China"]  # type: ignore[index]
    nobody = facade.query("SELECT ?name ?c WHERE { ?p rdfs:label ?name ; kg:visits ?c }",
                          name="Nobody")  # fmt: skip
    assert list(nobody) == []


def test_bound_values_are_terms_never_text(facade: kg.KnowledgeGraph) -> None:
    hostile = 'China" } ?x ?y ?z . { ?a ?b "'
    rows = facade.query("SELECT ?name ?e WHERE { ?e rdfs:label ?name }", name=hostile)
    assert list(rows) == []
    with pytest.raises(QueryError, match=r"\?name must be in the SELECT clause"):
        facade.query("SELECT ?e WHERE { ?e rdfs:label ?name }", name="China")
    with pytest.raises(QueryError, match="cannot bind"):
        facade.query("SELECT ?name WHERE { ?e rdfs:label ?name }", name=object())


def test_rdf_view_is_read_only_with_a_clear_error(facade: kg.KnowledgeGraph) -> None:
    triple = (kg_iri := facade.rdf.identifier, kg_iri, Literal("x"))
    with pytest.raises(GraphError, match=r"read-only.*KnowledgeGraph\.add\(texts\)"):
        facade.rdf.add(triple)  # type: ignore[arg-type]
    with pytest.raises(GraphError, match="read-only"):
        facade.rdf.remove((None, None, None))


def test_show_export_viz(facade: kg.KnowledgeGraph, tmp_path: Path) -> None:
    text = facade.show("vladimir putin")
    assert text.startswith("Vladimir Putin  [Person]") and "—visits→ China" in text
    with pytest.raises(NotFoundError, match="no entity named 'Nobody'") as caught:
        facade.show("Nobody")
    assert caught.value.exit_code == 3

    import networkx as nx

    [graphml] = facade.export(tmp_path / "graph.graphml")  # the format from the suffix
    assert nx.read_graphml(graphml).number_of_nodes() >= 4
    [turtle] = facade.export(tmp_path / "graph.ttl")
    assert len(Graph().parse(turtle)) == len(facade.rdf)
    page = facade.viz(tmp_path / "putin.html", focus="Vladimir Putin", hops=1)
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_add_texts_and_paths(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with kg.KnowledgeGraph.from_texts(["Xi Jinping visited Moscow in May."], out) as graph:
        first = graph.query("SELECT (COUNT(*) AS ?n) WHERE { ?d a kg:Document }")
        assert [int(row[0]) for row in first] == [1]  # type: ignore[index]
        summary = graph.add([SEEDS, "Xi Jinping visited Moscow in May."])  # Path = a folder
        assert summary.documents_added == 1 and summary.documents_in_graph == 2
        again = graph.query("SELECT (COUNT(*) AS ?n) WHERE { ?d a kg:Document }")
        assert [int(row[0]) for row in again] == [2]  # type: ignore[index]
        assert graph.add(SEEDS).documents_added == 0  # one source; already in the graph
    reopened = kg.KnowledgeGraph(out)
    assert "Vladimir Putin" in reopened.show("Putin")
    reopened.close()
    with pytest.raises(GraphError, match="no such graph folder"):
        kg.KnowledgeGraph(tmp_path / "missing")


def test_warnings_reach_python(tmp_path: Path) -> None:
    german = (
        "Der russische Präsident Wladimir Putin hat am Montag China besucht. Bei dem Treffen "
        "mit Xi Jinping in Peking ging es um die Gaspipeline, die nach Angaben des Kreml in "
        "den kommenden Jahren gebaut werden soll, und um den Handel mit dem Nachbarland."
    )
    with pytest.warns(KgWarning, match="not English: looks like German"):
        graph = kg.KnowledgeGraph.from_texts([german], tmp_path / "out")
    assert graph.summary is not None and graph.summary.not_english == 1
    graph.close()


def test_query_df_without_pandas_says_how_to_get_it(facade, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # what an environment without it does
    with pytest.raises(ImportError, match=r"pip install 'kg\[pandas\]'"):
        facade.query_df("SELECT ?s WHERE { ?s a kg:Person }")


def test_docstring_examples_run(tmp_path: Path, monkeypatch) -> None:
    import kg.api

    monkeypatch.chdir(tmp_path)
    result = doctest.testmod(kg.api, raise_on_error=False, verbose=False)
    assert result.attempted >= 4 and result.failed == 0


def test_import_kg_is_light_and_help_starts_with_the_facade() -> None:
    probe = "import sys, kg; print(sorted(m for m in sys.modules if m.split('.')[0] in " \
            "{'kg', 'rdflib', 'spacy', 'pyoxigraph', 'pandas'}))"  # fmt: skip
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          cwd=REPO, check=True)  # fmt: skip
    assert done.stdout.strip() == "['kg']"
    text = pydoc.render_doc(kg, renderer=pydoc.plaintext)
    description = text.split("DESCRIPTION", 1)[1]
    assert description.lstrip().startswith("Start here: ``kg.KnowledgeGraph``")
    assert kg.KnowledgeGraph.__module__ == "kg.api" and "KnowledgeGraph" in dir(kg)
