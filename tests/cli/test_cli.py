"""The kg command line, run in-process through ``kg.cli.main`` and once as a real process."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from kg.cli import main
from tests.conftest import SEEDS

SUPPLIES = """
SELECT ?what ?sentence ?document WHERE {
  ?china rdfs:label "China" ; kg:supplies ?thing .
  ?thing rdfs:label ?what .
  ?ev rdf:subject ?china ; rdf:predicate kg:supplies ; rdf:object ?thing ;
      kg:sentence ?sentence ; prov:wasDerivedFrom ?doc .
  ?doc dcterms:title ?document .
}
"""


@pytest.mark.slow
@pytest.mark.model
def test_what_does_china_supply_and_where_was_it_said(seed_out, capsys):
    assert main(["query", SUPPLIES, "-g", str(seed_out), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["what"] for r in rows} >= {"consumer goods"}
    row = next(r for r in rows if r["what"] == "consumer goods")
    assert "China supplies Russia with consumer goods" in row["sentence"]
    assert row["document"].startswith("Putin to Sell Off Russian Resources")


@pytest.mark.slow
@pytest.mark.model
def test_query_formats_and_query_file(seed_out, tmp_path, capsys):
    query = tmp_path / "people.rq"
    query.write_text("SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name")
    assert main(["query", "-f", str(query), "-g", str(seed_out), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)  # an array of row objects
    assert [row["name"] for row in rows] == ["Guo Jiakun", "Vladimir Putin", "Xi Jinping"]
    assert main(["query", "-f", str(query), "-g", str(seed_out), "--format", "sparql-json"]) == 0
    data = json.loads(capsys.readouterr().out)  # the standard, still there
    names = [b["name"]["value"] for b in data["results"]["bindings"]]
    assert names == ["Guo Jiakun", "Vladimir Putin", "Xi Jinping"]
    assert main(["query", "-f", str(query), "-g", str(seed_out)]) == 0
    table = capsys.readouterr().out
    assert "Vladimir Putin" in table and "(3 rows)" in table


@pytest.mark.model
def test_show_prints_facts_with_evidence(seed_out, capsys):
    assert main(["show", "putin", "-g", str(seed_out)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Vladimir Putin  [Person]")
    assert "also: Putin" in out
    assert "Vladimir Putin —visits→ China" in out
    assert "will travel to China later this week" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["build", "no/such/file.txt"], "error: no/such/file.txt: "),
        (["query", "SELECT * WHERE { ?s ?p ?o }", "-g", "no/such/graph"], "error: no/such/graph: "),
        (["show", "Putin", "-g", "no/such/graph"], "error: no/such/graph: "),
        (["query", "-g", "no/such/graph"], "error: give a query"),
    ],
)
@pytest.mark.slow
def test_errors_are_one_line_with_nonzero_exit(argv, message, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code = main(argv)
    err = capsys.readouterr().err
    assert code != 0
    assert err.startswith(message), err
    assert err.count("\n") == 1


@pytest.mark.slow
@pytest.mark.model
def test_bad_sparql_is_one_line_error(seed_out, capsys):
    assert main(["query", "SELECT WHERE {", "-g", str(seed_out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: query failed:") and err.count("\n") == 1


@pytest.mark.parametrize("command", ["build", "query", "show"])
def test_every_help_ends_with_an_example(command, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = capsys.readouterr().out
    assert "example:" in out
    assert out.rstrip().splitlines()[-1].strip().startswith(("kg ", "Prefixes"))


@pytest.mark.slow
@pytest.mark.model
def test_kg_build_with_no_arguments_builds_the_seeds(tmp_path):
    """The README's first command, as a real process from a folder holding seeds/."""
    (tmp_path / "seeds").symlink_to(SEEDS)
    proc = subprocess.run(
        [sys.executable, "-m", "kg", "build"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "documents: 1 read, 1 added" in proc.stdout
    for name in ("graph.ttl", "graph.html", "store"):
        assert (tmp_path / "out" / name).exists()
    for name in ("graph.ttl", "graph.html"):  # readable by others, like any output
        assert (tmp_path / "out" / name).stat().st_mode & 0o777 == 0o644
    from rdflib.namespace import DCTERMS, RDF

    from kg.ontology import ENT, KG
    from kg.rdf.graph import read_turtle

    graph = read_turtle(tmp_path / "out" / "graph.ttl")
    (document,) = graph.subjects(RDF.type, KG.Document)  # the one seed article, nothing else
    assert str(graph.value(document, DCTERMS.source)) == "seeds/putin-beijing-visit.txt"
    assert (ENT["vladimir-putin"], KG.visits, ENT["china"]) in graph
