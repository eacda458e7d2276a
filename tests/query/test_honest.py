"""Honest answers and citations, through real `kg` processes on real builds: denied and
planned facts never read as plain ones, the ontology stays out of data queries, and every
piece of evidence carries its document's title, date, URL and file."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.query import open_graph, run_named, run_query
from kg.rdf import graph as kgraph
from tests.conftest import SEED
from tests.graphs import publish_turtle

URL = "https://news.example/2025/08/putin-beijing-visit"
#: A denial between entities, added to the seed article (its own denial, "Beijing has so far
#: refused to allow" wheat exports, has a generic end and is a statement, not a fact).
DENIAL = "\n\nBeijing has so far refused to supply Russia with weapons.\n"
TITLE = "Putin to Sell Off Russian Resources During Beijing Visit"


def kg(*args: str | Path, cwd: Path | None = None) -> str:
    """Run the kg command in its own process; its standard output (it must succeed)."""
    proc = subprocess.run(
        [sys.executable, "-m", "kg", *map(str, args)],
        capture_output=True, text=True, timeout=600, cwd=cwd,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def table(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture(scope="module")
def cited(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed article as a JSONL record with its URL, title and date, built by kg."""
    folder = tmp_path_factory.mktemp("cited")
    record = {"id": "seed", "text": SEED.read_text(encoding="utf-8") + DENIAL, "title": TITLE,
              "published": "2025-08-29", "url": URL}  # fmt: skip
    (folder / "feed.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    kg("build", "feed.jsonl", "-o", "out", "-q", cwd=folder)
    return folder / "out"


@pytest.mark.slow
@pytest.mark.model
def test_facts_query_shows_the_denial_and_the_plan_with_their_citation(cited: Path) -> None:
    rows = table(kg("query", "-g", cited, "--named", "facts", "--arg", "entity=China",
                    "--format", "csv"))  # fmt: skip
    by_fact = {(r["subject"], r["predicate"], r["object"]): r for r in rows}
    weapons = by_fact[("China", "supplies", "weapons")]  # "Beijing has so far refused to supply"
    assert weapons["polarity"] == "negative"
    assert "refused to supply" in weapons["sentence"]
    assert ("China", "allow", "wheat exports") not in by_fact  # a generic end: a statement
    said = table(kg("query", "-g", cited, "--named", "statements", "--arg", "entity=China",
                    "--format", "csv"))  # fmt: skip
    wheat = [r for r in said if (r["subject"], r["predicate"], r["object"])
             == ("China", "allow", "wheat exports")]  # fmt: skip
    assert [r["polarity"] for r in wheat] == ["negative"]
    assert "refused to allow" in wheat[0]["sentence"] and wheat[0]["document"] == TITLE
    visit = by_fact[("Vladimir Putin", "visits", "China")]  # "will travel to China"
    assert (visit["polarity"], visit["modality"]) == ("positive", "plan")
    for row in rows:  # every row says how, and where from
        assert row["polarity"] in {"positive", "negative"} and row["modality"]
        assert (row["document"], row["url"], row["published"]) == (TITLE, URL, "2025-08-29")
        assert row["path"] == "feed.jsonl:1"
        assert row["sentence"] == row["sentence"].strip()


@pytest.mark.model
def test_every_named_query_says_how_the_facts_are_presented(cited: Path) -> None:
    graph = open_graph(cited)
    neighbours = run_named(graph, "neighbours", {"entity": "Putin"})
    assert {"polarity", "modality"} <= {str(v) for v in neighbours.vars or ()}
    rows = {(str(r.predicate), str(r.neighbour)): r for r in neighbours}  # type: ignore[union-attr]
    assert str(rows[("visits", "China")].modality) == "plan"  # type: ignore[union-attr]
    assert str(rows[("leader of", "Russia")].modality) == "asserted"  # type: ignore[union-attr]
    paths = run_named(graph, "paths", {"from": "Putin", "to": "China"})
    direct = [r for r in paths if str(r.hops) == "1" and str(r.p1) == "visits"]  # type: ignore[union-attr]
    assert [str(r.modality1) for r in direct] == ["plan"]  # type: ignore[union-attr]
    counts = {str(r.predicate): r for r in run_named(graph, "predicates", {})}  # type: ignore[union-attr]
    assert int(counts["supplies"].denied) == 1  # type: ignore[union-attr]
    assert "allow" not in counts  # the denied wheat exports are a statement, no fact
    assert int(counts["visits"].hedged) == 1  # type: ignore[union-attr]
    dated = run_named(graph, "dated", {"from": "2025-08-01", "until": "2025-09-30"})
    assert {"polarity", "modality"} <= {str(v) for v in dated.vars or ()}
    assert ("visits", "plan") in {(str(r.predicate), str(r.modality)) for r in dated}  # type: ignore[union-attr]
    graph.close()


@pytest.mark.model
def test_kg_show_marks_denials_and_plans_and_cites_the_document(cited: Path) -> None:
    shown = kg("show", "China", "-g", cited)
    lines = shown.splitlines()
    assert any(line.startswith("- NOT China —supplies→ weapons") for line in lines)
    assert not any(line.startswith("- China —supplies→ weapons") for line in lines)
    assert any(line.startswith("- [plan] Vladimir Putin —visits→ China") for line in lines)
    assert not any(line.startswith("- China —allow→") for line in lines)
    assert f"body of {TITLE}, 2025-08-29, {URL}, feed.jsonl:1" in shown


@pytest.mark.slow
@pytest.mark.model
def test_data_queries_see_facts_only_and_the_ontology_when_asked(cited: Path) -> None:
    everything = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    rows = table(kg("query", "-g", cited, everything, "--format", "csv"))
    data = kgraph.read_turtle(cited / "graph.ttl", ontology=False)
    assert len(rows) == len(data) > 500
    ontology_ns = "https://w3id.org/kg/ontology#"
    assert not [r for r in rows if r["s"].startswith(ontology_ns)]  # no class, no property
    assert "https://w3id.org/kg/ontology" not in {r["s"] for r in rows}
    both = table(kg("query", "-g", cited, everything, "--format", "csv", "--with-ontology"))
    assert len(both) > len(rows)
    assert any(r["s"] == ontology_ns + "visits" and r["o"] == "visits" for r in both)
    # The ontology's named graph answers without the flag too.
    labels = table(kg("query", "-g", cited, "--format", "csv",
                      "SELECT ?label WHERE { GRAPH <https://w3id.org/kg/ontology> "
                      "{ kg:visits rdfs:label ?label } }"))  # fmt: skip
    assert labels == [{"label": "visits"}]
    # graph.ttl is plain Turtle of the data: no ontology in it.
    assert not any(str(s).startswith(ontology_ns) for s in data.subjects())


def test_dated_keeps_evidence_with_one_end_open(tmp_path: Path) -> None:
    """An interval with only an end (or only a start) is open on the other side."""
    out = publish_turtle(DATED, tmp_path / "out")
    opened = open_graph(out)

    def found(start: str, end: str) -> list[str]:
        result = run_named(opened, "dated", {"from": start, "until": end})
        return sorted(str(r.sentence) for r in result)  # type: ignore[union-attr]

    assert found("2020-01-01", "2020-12-31") == ["Until 2021 A supplied B."]
    assert found("2024-06-01", "2024-06-30") == ["Since 2024 A supplies B."]
    assert found("2022-01-01", "2022-12-31") == []
    # Plain data queries do not see the ontology write_store put beside the data.
    assert bool(run_query(opened, "ASK { kg:Person rdfs:subClassOf kg:Entity }").askAnswer) is False
    assert bool(run_query(opened, "ASK { kg:Person rdfs:subClassOf kg:Entity }",
                          ontology=True).askAnswer) is True  # fmt: skip
    opened.close()


DATED = """
@prefix kg: <https://w3id.org/kg/ontology#> .
@prefix country: <https://w3id.org/kg/entity/country/> .
@prefix ev: <https://w3id.org/kg/evidence/> .
@prefix doc: <https://w3id.org/kg/document/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

country:a a kg:Country ; rdfs:label "A" ; kg:suppliesTo country:b .
country:b a kg:Country ; rdfs:label "B" .
ev:until a kg:Evidence ; rdf:subject country:a ; rdf:predicate kg:suppliesTo ;
    rdf:object country:b ; prov:wasDerivedFrom doc:d ; kg:sentence "Until 2021 A supplied B." ;
    kg:validUntil "2021-12-31"^^xsd:date .
ev:since a kg:Evidence ; rdf:subject country:a ; rdf:predicate kg:suppliesTo ;
    rdf:object country:b ; prov:wasDerivedFrom doc:d ; kg:sentence "Since 2024 A supplies B." ;
    kg:validFrom "2024-01-01"^^xsd:date .
"""


@pytest.mark.model
def test_exports_carry_polarity_modality_and_the_citation(cited: Path, tmp_path: Path) -> None:
    kg("export", "-g", cited, "--format", "neo4j-csv", "-o", tmp_path / "neo4j")
    with open(tmp_path / "neo4j" / "relationships.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    # one relationship per sentence (a link from the alias table has none)
    evidence = [r for r in rows if r[":TYPE"] != "MENTIONED_IN" and r["sentence"]]
    # the evidence of every fact the graph states; no statement with a concept end
    facts = ("SELECT (COUNT(?ev) AS ?n) WHERE { ?ev a kg:Evidence ; rdf:subject ?s ; "
             "rdf:predicate ?p ; rdf:object ?o . ?s ?p ?o }")  # fmt: skip
    assert len(evidence) == int(table(kg("query", "-g", cited, facts, "--format", "csv"))[0]["n"])
    assert len(evidence) > 15 and "negative" in {r["polarity"] for r in evidence}
    assert not {r["objectText"] for r in evidence} & {"wheat exports", "payments", "ceremony"}
    for row in evidence:
        assert row["polarity"] in {"positive", "negative"} and row["modality"]
        assert row["documentUrl"] == URL and row["documentPath"] == "feed.jsonl:1"
        assert row["documentTitle"] == TITLE and row["documentIssued:date"] == "2025-08-29"
        assert row["sentence"] == row["sentence"].strip()
    visits = [r for r in evidence if r[":TYPE"] == "VISITS"]
    assert visits and {r["modality"] for r in visits} == {"plan"}
    kg("export", "-g", cited, "--format", "cypher", "-o", tmp_path / "g.cypher")
    script = (tmp_path / "g.cypher").read_text(encoding="utf-8")
    assert f"documentUrl: '{URL}'" in script and "modality: 'plan'" in script
    import networkx as nx

    kg("export", "-g", cited, "--format", "graphml", "-o", tmp_path / "g.graphml")
    exported = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    edges = [d for _, _, d in exported.edges(data=True) if d.get("sentence")]
    assert edges and all(d["documentUrl"] == URL and d["polarity"] for d in edges)


@pytest.mark.model
def test_evidence_sentences_are_trimmed_and_their_offsets_exact(cited: Path) -> None:
    from kg.ingest import iter_documents
    from kg.ontology import KG

    text = next(iter(iter_documents([cited.parent / "feed.jsonl"]))).text
    graph = kgraph.read_turtle(cited / "graph.ttl")
    sentences = list(graph.subject_objects(KG.sentence))
    assert len(sentences) > 20
    for ev, sentence in sentences:
        start, end = int(graph.value(ev, KG.sentenceStart)), int(graph.value(ev, KG.sentenceEnd))
        assert text[start:end] == str(sentence) == str(sentence).strip()
