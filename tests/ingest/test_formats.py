"""What a tool user expects of kg's output: JSON rows, prefixed names, columns in query order,
kg's prefixes in RDF, formats from suffixes, one RDF writer; and of the command itself:
--version, a quiet broken pipe, one exit code for "not found". Real ``kg`` processes."""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

import kg
from kg.cli import main

pytestmark = pytest.mark.model


def kg_run(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                          timeout=300, **kwargs)  # fmt: skip


@pytest.mark.slow
def test_json_is_an_array_of_row_objects(seed_out: Path, capsys) -> None:
    query = "SELECT ?name ?conf WHERE { ?e rdfs:label ?name . ?ev rdf:subject ?e ; " \
            "kg:confidence ?conf } ORDER BY ?name ?conf"  # fmt: skip
    assert main(["query", query, "-g", str(seed_out), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert isinstance(rows, list) and list(rows[0]) == ["name", "conf"]
    assert all(isinstance(row["conf"], float) for row in rows)  # numbers stay numbers
    optional = "SELECT ?name ?alias WHERE { ?e a kg:Person ; rdfs:label ?name " \
               "OPTIONAL { ?e skos:altLabel ?alias } } ORDER BY ?name"  # fmt: skip
    assert main(["query", optional, "-g", str(seed_out), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert all(set(row) == {"name", "alias"} for row in rows)
    assert any(row["alias"] is None for row in rows)  # unbound: null


@pytest.mark.slow
def test_table_prefixed_names_and_query_order(seed_out: Path, capsys) -> None:
    query = "SELECT * WHERE { ?zebra kg:visits ?apple . ?zebra rdfs:label ?mango }"
    assert main(["query", query, "-g", str(seed_out)]) == 0
    header, _, row, *_ = capsys.readouterr().out.splitlines()
    assert header.split() == ["zebra", "apple", "mango"]  # as the query names them
    assert row.split()[:2] == ["ent:vladimir-putin", "ent:china"]
    assert main(["query", query, "-g", str(seed_out), "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "zebra,apple,mango"
    assert lines[1].startswith("https://w3id.org/kg/entity/vladimir-putin,")  # full IRIs


@pytest.mark.slow
def test_construct_uses_kgs_prefixes(seed_out: Path, capsys) -> None:
    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o ; a kg:Person . FILTER(isIRI(?o)) }"
    assert main(["query", query, "-g", str(seed_out)]) == 0
    text = capsys.readouterr().out
    assert "@prefix ent: <https://w3id.org/kg/entity/> ." in text
    assert "ns1:" not in text and "kg:visits ent:china" in text
    assert len(Graph().parse(data=text, format="turtle")) > 5


@pytest.mark.slow
def test_export_format_from_suffix_through_the_one_rdf_writer(seed_out, tmp_path) -> None:
    graphml = tmp_path / "graph.graphml"
    done = kg_run("export", "-o", str(graphml), "-g", str(seed_out))
    assert done.returncode == 0, done.stderr
    assert nx.read_graphml(graphml).number_of_nodes() > 10
    # kg export and kg dump write RDF through one path: the same bytes
    for suffix in (".ttl", ".nt", ".jsonld", ".rdf"):
        exported, dumped = tmp_path / f"e{suffix}", tmp_path / f"d{suffix}"
        assert kg_run("export", "-o", str(exported), "-g", str(seed_out)).returncode == 0
        assert kg_run("dump", str(dumped), "-g", str(seed_out)).returncode == 0
        assert exported.read_bytes() == dumped.read_bytes(), suffix
    document = json.loads((tmp_path / "e.jsonld").read_text(encoding="utf-8"))
    assert document["@context"]["ent"] == "https://w3id.org/kg/entity/"
    assert any(node.get("@id") == "ent:vladimir-putin" for node in document["@graph"])
    expected = Graph().parse(tmp_path / "e.nt", format="nt")
    assert isomorphic(Graph().parse(tmp_path / "e.jsonld", format="json-ld"), expected)
    done = kg_run("export", "-o", str(tmp_path / "graph.xyz"), "-g", str(seed_out))
    assert done.returncode == 1 and "cannot tell the format from the name" in done.stderr
    neo4j = tmp_path / "neo4j"
    assert kg_run("export", "-o", str(neo4j), "-g", str(seed_out)).returncode == 0
    assert (neo4j / "nodes.csv").is_file()  # no suffix: a neo4j-csv folder


@pytest.mark.slow
def test_broken_pipe_is_silent(seed_out: Path) -> None:
    """``kg query … | head -1`` on a real pipe closed after one line."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "query", "SELECT * WHERE { ?s ?p ?o }", "-g", str(seed_out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # the reader goes away with most of the output unread
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141  # 128 + SIGPIPE, as a shell reports `yes | head`
    assert first.split() == [b"s", b"p", b"o"]
    assert stderr == "", stderr
    shell = subprocess.run(
        f"'{sys.executable}' -m kg query 'SELECT * WHERE {{ ?s ?p ?o }}' -g '{seed_out}' | head -1",
        shell=True, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert shell.returncode == 0 and shell.stderr == "" and shell.stdout.split() == ["s", "p", "o"]


def test_version() -> None:
    done = kg_run("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"kg {kg.__version__}" == f"kg {importlib.metadata.version('kg')}"


@pytest.mark.slow
def test_not_found_is_exit_code_3_everywhere(seed_out: Path, tmp_path: Path) -> None:
    show = kg_run("show", "Nobody", "-g", str(seed_out))
    viz = kg_run("viz", "--focus", "Nobody", "-g", str(seed_out), "-o", str(tmp_path / "v.html"))
    types = kg_run("viz", "--types", "planet", "-g", str(seed_out), "-o", str(tmp_path / "v.html"))
    assert show.returncode == viz.returncode == types.returncode == 3
    assert show.stderr == viz.stderr == f"error: {seed_out}: no entity named 'Nobody'\n"
    usage = kg_run("viz", "--max-nodes", "0", "-g", str(seed_out))
    assert usage.returncode == 2  # a bad option is not "not found"
    assert "3    not found" in kg_run("--help").stdout  # the codes are documented
