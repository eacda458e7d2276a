"""The RDF graph itself as Turtle or JSON-LD, e.g. for Neo4j's neosemantics (n10s)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.ontology import PREFIX_IRIS
from kg.rdf.graph import bind_prefixes, turtle


def write(graph: Graph, path: Path, fmt: str) -> list[Path]:
    """Serialise ``graph`` to ``path`` as ``turtle`` or ``json-ld``."""
    bind_prefixes(graph)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "json-ld":
        data = graph.serialize(format="json-ld", context=dict(PREFIX_IRIS), encoding="utf-8")
    else:
        data = turtle(graph)  # Oxigraph's writer: literals as they are (see kg.rdf.graph.turtle)
    path.write_bytes(data)
    return [path]
