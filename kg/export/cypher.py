"""A re-runnable Cypher script: constraints first, then ``MERGE`` by stable id.

Every statement is one line ending in ``;``, literals are written inline and escaped,
comments sit on lines of their own, and there are no cypher-shell commands, so any Cypher
engine can run the script statement by statement.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

from kg.export.propertygraph import PropertyGraph, Scalar, Value

#: The escapes every engine tested decodes (Neo4j's \uXXXX is not among them: FalkorDB keeps
#: it as text). Other characters, controls included, are written as they are: each statement
#: is one line, and lines end only at ``\n``.
_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t",
            "\b": "\\b", "\f": "\\f"}


def string_literal(text: str) -> str:
    """A single-quoted Cypher string: backslash, quote, line ends, tab, backspace and form
    feed escaped; every other character as it is."""
    return "'" + "".join(_ESCAPES.get(char, char) for char in text) + "'"


def literal(value: Value) -> str:
    """A Cypher literal for a property value."""
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(item) for item in value) + "]"
    return _scalar(value)


def _scalar(value: Scalar) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"no Cypher literal for {value}")
        return repr(value)
    if isinstance(value, dt.date):
        return f"date({string_literal(value.isoformat())})"
    return string_literal(value)


def properties_map(properties: dict[str, Value]) -> str:
    """``{key: literal, …}`` (keys are already safe identifiers)."""
    return "{" + ", ".join(f"{k}: {literal(v)}" for k, v in sorted(properties.items())) + "}"


def constraint_statements(graph: PropertyGraph) -> list[str]:
    """Neo4j 5 uniqueness constraints on ``id`` for each key label (idempotent)."""
    labels = sorted({node.key_label for node in graph.nodes})
    return [
        f"CREATE CONSTRAINT kg_{label.lower()}_id IF NOT EXISTS "
        f"FOR (n:{label}) REQUIRE n.id IS UNIQUE;"
        for label in labels
    ]


def script(graph: PropertyGraph, constraints: bool = True) -> str:
    """The whole script as text."""
    lines = [
        f"// kg graph: {len(graph.nodes)} nodes, {len(graph.relationships)} relationships.",
        "// Re-runnable: every node and relationship is MERGEd by its stable id.",
    ]
    if constraints:
        lines.append("// Uniqueness constraints (Neo4j 5 syntax), before any data.")
        lines += constraint_statements(graph)
    lines.append("// Nodes")
    for node in graph.nodes:
        labels = ":".join(node.labels)
        lines.append(
            f"MERGE (n:{labels} {{id: {string_literal(node.id)}}}) "
            f"SET n += {properties_map(node.properties)};"
        )
    lines.append("// Relationships: one per piece of evidence of a fact, MERGEd by evidence id")
    index = graph.node_index()
    for rel in graph.relationships:
        start, end = index[rel.start], index[rel.end]
        lines.append(
            f"MATCH (a:{start.key_label} {{id: {string_literal(rel.start)}}}) "
            f"MATCH (b:{end.key_label} {{id: {string_literal(rel.end)}}}) "
            f"MERGE (a)-[r:{rel.type} {{id: {string_literal(rel.id)}}}]->(b) "
            f"SET r += {properties_map(rel.properties)};"
        )
    return "\n".join(lines) + "\n"


def statements(text: str) -> list[str]:
    """The statements of a script written by :func:`script` (comments and blanks dropped,
    the closing ``;`` removed): what a driver sends one at a time."""
    return [
        line.rstrip().removesuffix(";")
        for line in text.split("\n")  # not splitlines(): U+2028, \x1c… may sit in literals
        if line.strip() and not line.lstrip().startswith("//")
    ]


def write(graph: PropertyGraph, path: Path, constraints: bool = True) -> list[Path]:
    """Write the script to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(script(graph, constraints), encoding="utf-8")
    return [path]
