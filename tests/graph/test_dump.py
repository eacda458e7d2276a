"""kg dump: the RDF itself in six formats, each parsing back to the same graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

from kg.cli import main
from kg.errors import GraphError
from kg.rdf import graph as kgraph
from kg.rdf.dump import FORMATS, dump

PARSERS = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "jsonld": "json-ld",
           "trig": "trig", "rdfxml": "xml"}  # fmt: skip


def folded(graph: Graph) -> Graph:
    """Plain literals for ``xsd:string`` ones (one term in RDF 1.1, two in rdflib)."""
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))
        out.add((s, p, o))
    return out


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_each_format_round_trips(fixture_out: Path, tmp_path: Path, fmt: str) -> None:
    # the triple formats hold the data (graph.ttl), N-Quads and TriG the ontology's graph too
    datasets = fmt in {"nquads", "trig"}
    expected = kgraph.read_turtle(fixture_out / "graph.ttl", ontology=datasets)
    dest = tmp_path / f"graph{FORMATS[fmt][1]}"
    assert dump(fixture_out, dest) == fmt  # the format from the suffix
    if datasets:
        dataset = Dataset()
        dataset.parse(dest, format=PARSERS[fmt])
        again = Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            again.add((s, p, o))
    else:
        again = Graph().parse(dest, format=PARSERS[fmt])
    assert len(again) == len(expected)
    assert isomorphic(folded(again), folded(expected))
    assert dest.stat().st_mode & 0o044, "readable like any output"


def test_cli_dump_and_errors(fixture_out: Path, tmp_path: Path, capsys) -> None:
    dest = tmp_path / "graph.json"
    assert main(["dump", str(dest), "-g", str(fixture_out), "--format", "jsonld"]) == 0
    assert capsys.readouterr().out.strip() == f"wrote {dest} (jsonld)"
    assert len(Graph().parse(dest, format="json-ld")) > 0
    assert main(["dump", str(tmp_path / "graph.xyz"), "-g", str(fixture_out)]) == 1
    assert "cannot tell the RDF format" in capsys.readouterr().err
    with pytest.raises(GraphError, match="run `kg build` first"):
        dump(tmp_path, tmp_path / "x.ttl")
