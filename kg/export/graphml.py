"""GraphML for Gephi, Cytoscape and yEd, written with networkx.

GraphML holds scalar attributes only: labels and list values are joined with ``;``, dates
written as ISO text. Each node keeps its kg ``id`` as the GraphML node id; each edge its
relationship id as the edge key and its type as the ``type`` attribute.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from kg.export.propertygraph import PropertyGraph, Value, coerce


def _attribute(value: Value, type_: str) -> Any:
    value = coerce(value, type_)
    if isinstance(value, list):
        return ";".join(v.isoformat() if isinstance(v, dt.date) else str(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def to_networkx(graph: PropertyGraph) -> Any:
    """A ``networkx.MultiDiGraph`` of the property graph."""
    import networkx as nx

    out = nx.MultiDiGraph(name="kg")
    ntypes, rtypes = graph.node_columns(), graph.relationship_columns()
    for node in graph.nodes:
        attrs = {k: _attribute(v, ntypes[k]) for k, v in node.properties.items()}
        # "label" is what Gephi and yEd show on a node.
        attrs.setdefault("label", str(node.properties.get("name", node.id)))
        out.add_node(node.id, labels=";".join(node.labels), **attrs)
    for rel in graph.relationships:
        attrs = {k: _attribute(v, rtypes[k]) for k, v in rel.properties.items()}
        out.add_edge(rel.start, rel.end, key=rel.id, type=rel.type, **attrs)
    return out


def write(graph: PropertyGraph, path: Path) -> list[Path]:
    """Write ``path`` as GraphML."""
    import networkx as nx

    path.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(to_networkx(graph), str(path), encoding="utf-8")
    return [path]
