"""Exports of a built graph: Neo4j CSVs, a Cypher script, GraphML, Turtle, JSON-LD; push.

Every format reads the same :class:`~kg.export.propertygraph.PropertyGraph` (or, for RDF formats,
the graph itself); ``FORMATS`` is the whole registry.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph

from kg.errors import ExportError, GraphError
from kg.export.propertygraph import PropertyGraph, from_rdf

if TYPE_CHECKING:
    from kg.export.push import PushSummary

__all__ = ["FORMATS", "PropertyGraph", "export", "from_rdf", "load_graph", "push_graph"]


def _neo4j_csv(graph: Graph, out: Path, constraints: bool) -> list[Path]:
    from kg.export import neo4j_csv

    return neo4j_csv.write(from_rdf(graph), out)


def _cypher(graph: Graph, out: Path, constraints: bool) -> list[Path]:
    from kg.export import cypher

    return cypher.write(from_rdf(graph), out, constraints=constraints)


def _graphml(graph: Graph, out: Path, constraints: bool) -> list[Path]:
    from kg.export import graphml

    return graphml.write(from_rdf(graph), out)


def _turtle(graph: Graph, out: Path, constraints: bool) -> list[Path]:
    from kg.export import rdf

    return rdf.write(graph, out, "turtle")


def _jsonld(graph: Graph, out: Path, constraints: bool) -> list[Path]:
    from kg.export import rdf

    return rdf.write(graph, out, "json-ld")


#: format name → writer(graph, output path, constraints) returning the files written.
FORMATS: dict[str, Callable[[Graph, Path, bool], list[Path]]] = {
    "neo4j-csv": _neo4j_csv,
    "cypher": _cypher,
    "graphml": _graphml,
    "turtle": _turtle,
    "jsonld": _jsonld,
}


def load_graph(graph_dir: str | Path) -> Graph:
    """The graph of a built folder, read from its ``graph.ttl`` (kg's interchange file)."""
    from kg.rdf.graph import TURTLE, read_turtle

    folder = Path(graph_dir)
    if not (folder / TURTLE).is_file():
        raise GraphError("no graph.ttl here; run `kg build` first", folder)
    return read_turtle(folder / TURTLE)


def export(
    graph: Graph | str | Path, fmt: str, out: str | Path, *, constraints: bool = True
) -> list[Path]:
    """Write ``graph`` (an rdflib graph or a built folder) as ``fmt`` to ``out``: a folder
    for ``neo4j-csv``, a file for the others. Returns the files written."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    source = graph if isinstance(graph, Graph) else load_graph(graph)
    path = Path(out)
    if fmt == "neo4j-csv" and path.exists() and not path.is_dir():
        raise ExportError("neo4j-csv writes a folder, and this is a file", path)
    if fmt != "neo4j-csv" and path.is_dir():
        raise ExportError(f"{fmt} writes a file, and this is a folder", path)
    try:
        return FORMATS[fmt](source, path, constraints)
    except OSError as exc:
        raise ExportError(f"cannot write: {exc.strerror or exc}", path) from exc


def push_graph(
    graph: Graph | str | Path,
    uri: str,
    *,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
) -> PushSummary:
    """MERGE a graph (an rdflib graph or a built folder) into a running Bolt server."""
    from kg.export.push import push

    source = graph if isinstance(graph, Graph) else load_graph(graph)
    return push(from_rdf(source), uri, user=user, password=password, database=database)
