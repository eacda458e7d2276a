"""Exports of a built graph: Neo4j CSVs, a Cypher script, GraphML, the RDF formats; push.

Every property-graph format reads the same :class:`~kg.export.propertygraph.PropertyGraph`; the RDF
formats (Turtle, N-Triples, N-Quads, JSON-LD, TriG, RDF/XML) are written by
:mod:`kg.rdf.dump`, the code ``kg dump`` runs. ``FORMATS`` is the whole registry;
:func:`format_from_suffix` tells the format from an output's name.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph

from kg.errors import ExportError, GraphError
from kg.export.propertygraph import PropertyGraph
from kg.export.read import from_rdf
from kg.rdf import dump as rdfdump

if TYPE_CHECKING:
    from kg.export.push import PushSummary

__all__ = ["FORMATS", "PropertyGraph", "export", "format_from_suffix", "from_rdf", "load_graph",
           "push_graph"]


def _neo4j_csv(graph: Graph, out: Path, constraints: bool) -> list[Path]:
    from kg.export import neo4j_csv

    return neo4j_csv.write(from_rdf(graph), out)


def _cypher(graph: Graph, out: Path, constraints: bool) -> list[Path]:
    from kg.export import cypher

    return cypher.write(from_rdf(graph), out, constraints=constraints)


def _graphml(graph: Graph, out: Path, constraints: bool) -> list[Path]:
    from kg.export import graphml

    return graphml.write(from_rdf(graph), out)


def _rdf(fmt: str) -> Callable[[Graph, Path, bool], list[Path]]:
    def write(graph: Graph, out: Path, constraints: bool) -> list[Path]:
        rdfdump.write(graph, out, fmt)
        return [out]

    return write


#: format name → writer(graph, output path, constraints) returning the files written.
FORMATS: dict[str, Callable[[Graph, Path, bool], list[Path]]] = {
    "neo4j-csv": _neo4j_csv,
    "cypher": _cypher,
    "graphml": _graphml,
    **{name: _rdf(name) for name in rdfdump.FORMATS},
}
_SUFFIXES = {".graphml": "graphml", ".cypher": "cypher", ".cql": "cypher"}


def format_from_suffix(out: str | Path) -> str:
    """The format an output's name asks for: ``.graphml``, ``.cypher``, an RDF suffix
    (``.ttl`` ``.nt`` ``.nq`` ``.jsonld`` ``.trig`` ``.rdf``), or ``neo4j-csv`` for a folder
    (a name without suffix)."""
    path = Path(out)
    found = _SUFFIXES.get(path.suffix.lower()) or rdfdump.suffix_format(path)
    if found is None and (path.is_dir() or not path.suffix):
        found = "neo4j-csv"
    if found is None:
        raise ExportError("cannot tell the format from the name; use --format "
                          f"({', '.join(FORMATS)})", path)
    return found


def load_graph(graph_dir: str | Path) -> Graph:
    """The graph of a built folder, read from its ``graph.ttl`` (kg's interchange file), or
    from its store when the last build left ``graph.ttl`` out (``kg build --files``)."""
    from kg.rdf import store
    from kg.rdf.graph import TURTLE, read_turtle

    folder = Path(graph_dir)
    if not (folder / TURTLE).is_file():
        if store.current(folder) is not None:
            return store.copy_graph(folder)
        raise GraphError("no graph.ttl here; run `kg build` first", folder)
    return read_turtle(folder / TURTLE)


def export(
    graph: Graph | str | Path, fmt: str, out: str | Path, *, constraints: bool = True
) -> list[Path]:
    """Write ``graph`` (an rdflib graph or a built folder) as ``fmt`` to ``out``: a folder
    for ``neo4j-csv``, a file for the others. Returns the files written."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    path = Path(out)
    if fmt == "neo4j-csv" and path.exists() and not path.is_dir():
        raise ExportError("neo4j-csv writes a folder, and this is a file", path)
    if fmt != "neo4j-csv" and path.is_dir():
        raise ExportError(f"{fmt} writes a file, and this is a folder", path)
    if fmt in rdfdump.FORMATS and not isinstance(graph, Graph):
        folder = Path(graph)
        if not folder.is_dir():
            raise GraphError("no such graph folder; run `kg build` first", folder)
        rdfdump.dump(folder, path, fmt)  # what kg dump writes, from the store snapshot
        return [path]
    source = graph if isinstance(graph, Graph) else load_graph(graph)
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
