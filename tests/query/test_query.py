"""kg query: output formats (plain and SPARQL results) and the named queries, on a real store."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.query import Result

from kg.cli import main
from kg.errors import QueryError
from kg.query import format_result, named_queries, open_graph, run_named, run_query


def rows(result: Result) -> list[tuple[str, ...]]:
    return [tuple(str(v) if v is not None else "" for v in row) for row in result]  # type: ignore[union-attr]


def test_dated_facts_overlap_the_range(fixture_out: Path) -> None:
    graph = open_graph(fixture_out)
    may = run_named(graph, "dated", {"from": "2025-05-10", "until": "2025-06-30"})
    assert [str(v) for v in may.vars or ()] == [
        "subject",
        "predicate",
        "object",
        "polarity",
        "modality",
        "validFrom",
        "validUntil",
        "sentence",
    ]
    assert [r[:3] for r in rows(may)] == [("Vladimir Putin", "visits", "China")]
    wide = run_named(graph, "dated", {"from": "2023-06-01", "until": "2025-05-01"})
    assert [r[:3] for r in rows(wide)] == [
        ("China", "supplies", "consumer goods"),
        ("Vladimir Putin", "visits", "China"),
    ]
    assert rows(run_named(graph, "dated", {"from": "2024-01-01", "until": "2024-12-31"})) == []


def test_neighbours_facts_paths_and_predicate_counts(fixture_out: Path) -> None:
    graph = open_graph(fixture_out)
    neighbours = rows(run_named(graph, "neighbours", {"entity": "china"}))
    assert {(r[1], r[2], r[3]) for r in neighbours} == {
        ("in", "visits", "Vladimir Putin"),
        ("out", "supplies", "consumer goods"),
        ("out", "supplies to", "Russia"),
    }
    facts = rows(run_named(graph, "facts", {"entity": "PUTIN"}))
    assert [(r[0], r[1], r[2], r[3], r[4], r[6]) for r in facts] == [
        ("Vladimir Putin", "visits", "China", "positive", "asserted",
         "Putin will travel to China in May 2025.")
    ]  # fmt: skip
    paths = rows(run_named(graph, "paths", {"from": "Putin", "to": "Russia"}))
    assert [(r[0], r[2], r[3], r[4]) for r in paths] == [("2", "visits", "China", "supplies to")]
    direct = rows(run_named(graph, "paths", {"from": "china", "to": "russia"}))
    assert ("1", "China", "supplies to", "", "", "Russia") in [r[:6] for r in direct]
    counts = dict((r[0], int(r[1])) for r in rows(run_named(graph, "predicates", {})))
    assert counts == {"visits": 1, "supplies": 1, "supplies to": 1}


def test_named_query_arguments_are_checked(fixture_out: Path) -> None:
    graph = open_graph(fixture_out)
    with pytest.raises(QueryError, match="needs --arg until"):
        run_named(graph, "dated", {"from": "2025-01-01"})
    with pytest.raises(QueryError, match="not a date"):
        run_named(graph, "dated", {"from": "May", "until": "2025-01-01"})
    with pytest.raises(QueryError, match="no named query 'nope'"):
        run_named(graph, "nope", {})
    with pytest.raises(QueryError, match="has no argument 'who'"):
        run_named(graph, "facts", {"entity": "x", "who": "y"})
    # A value is bound, never pasted into the query: quotes and braces are just text.
    assert rows(run_named(graph, "facts", {"entity": 'x" } UNION { ?s ?p ?o'})) == []


def test_every_named_query_is_documented_and_binds_only_projected_variables() -> None:
    queries = named_queries()
    assert set(queries) >= {"neighbours", "facts", "paths", "dated", "predicates"}
    for query in queries.values():
        assert query.description
        projection = query.sparql.split("WHERE", 1)[0]
        for var in query.args:  # Oxigraph substitutes only variables in the projection
            assert f"?{var} " in projection, (query.name, var)


SELECT = (
    "SELECT ?name ?conf WHERE { ?e rdfs:label ?name . ?ev rdf:subject ?e ; kg:confidence ?conf }"
    " ORDER BY ?name"
)


@pytest.mark.parametrize(("fmt", "parser"), [("sparql-json", "json"),
                                             ("sparql-xml", "xml"), ("sparql-csv", "csv"),
                                             ("sparql-tsv", "tsv")])  # fmt: skip
def test_sparql_results_formats_parse_back(fixture_out: Path, fmt: str, parser: str) -> None:
    result = run_query(open_graph(fixture_out), SELECT)
    text = format_result(result, fmt)
    parsed = Result.parse(io.BytesIO(text.encode("utf-8")), format=parser)
    got = [(str(r[0]), str(r[1])) for r in parsed]  # type: ignore[index]
    assert got == [("China", "0.6"), ("China", "0.7"), ("Vladimir Putin", "0.75")]
    if parser != "csv":  # CSV loses datatypes; the others keep them
        assert all(str(r[1].datatype).endswith("#decimal") for r in parsed)  # type: ignore[index,union-attr]
        assert all(r[0].datatype is None for r in parsed), "xsd:string folded to plain"  # type: ignore[index,union-attr]


def test_plain_formats(fixture_out: Path) -> None:
    result = run_query(open_graph(fixture_out), SELECT)
    table = format_result(result, "table")
    assert table.splitlines()[0].split() == ["name", "conf"] and table.endswith("(3 rows)")
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        text = format_result(run_query(open_graph(fixture_out), SELECT), fmt)
        parsed = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        assert parsed == [["name", "conf"], ["China", "0.6"], ["China", "0.7"],
                          ["Vladimir Putin", "0.75"]]  # fmt: skip
    ask = run_query(open_graph(fixture_out), "ASK { ?s kg:visits ?o }")
    assert format_result(ask, "table") == "yes"
    assert json.loads(format_result(ask, "sparql-json"))["boolean"] is True
    assert json.loads(format_result(ask, "json")) is True


def test_construct_results_are_rdf(fixture_out: Path) -> None:
    query = "CONSTRUCT { ?s kg:visits ?o } WHERE { ?s kg:visits ?o }"
    for fmt, parser in (("table", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld")):
        text = format_result(run_query(open_graph(fixture_out), query), fmt)
        assert len(Graph().parse(data=text, format=parser)) == 1


@pytest.mark.slow
def test_cli_named_list_and_args(fixture_out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "--list"]) == 0
    listing = capsys.readouterr().out
    assert "neighbours" in listing and "--arg entity=" in listing
    argv = ["query", "-g", str(fixture_out), "--named", "neighbours", "--arg", "entity=Putin"]
    assert main([*argv, "--format", "csv"]) == 0
    parsed = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["direction"], r["predicate"], r["neighbour"]) for r in parsed] == [
        ("out", "visits", "China")
    ]
    assert main(["query", "-g", str(fixture_out), "--named", "dated", "--arg", "from"]) == 2
    assert capsys.readouterr().err.startswith("error: --arg 'from': write VAR=VALUE")


@pytest.mark.slow
@pytest.mark.model
def test_named_neighbours_on_the_seed_graph(seed_out: Path, capsys) -> None:
    argv = ["query", "-g", str(seed_out), "--named", "neighbours", "--arg", "entity=Putin"]
    assert main([*argv, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    found = {(r["direction"], r["predicate"], r["neighbour"]) for r in rows}
    assert ("out", "visits", "China") in found
    assert ("out", "leader of", "Russia") in found
    assert all("entity" not in r for r in rows), "the argument column is left out"
