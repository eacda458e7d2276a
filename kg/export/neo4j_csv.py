"""``neo4j-admin database import`` CSVs, with the scripts that load the same files elsewhere.

The folder holds ``nodes.csv`` and ``relationships.csv`` (neo4j-admin header format),
``import.sh`` (the exact ``neo4j-admin database import full`` command), ``load-csv.cypher``
(``LOAD CSV WITH HEADERS`` statements for a running Neo4j, FalkorDB, ArcadeDB …),
``ladybug.cypher`` (schema and ``COPY FROM`` for Kùzu / Ladybug) and a ``README.md``.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from pathlib import Path

from kg.export.cypher import string_literal
from kg.export.propertygraph import DOCUMENT, ENTITY, PropertyGraph, Scalar, Value, coerce

NODES = "nodes.csv"
RELATIONSHIPS = "relationships.csv"
ARRAY_DELIMITER = ";"

#: Column types in neo4j-admin's header notation.
_ADMIN_TYPES = {
    "string": "",
    "int": ":int",
    "float": ":float",
    "boolean": ":boolean",
    "date": ":date",
}
#: The same columns in a Kùzu / Ladybug schema (lists stay ``;``-joined strings there).
_LADYBUG_TYPES = {
    "string": "STRING",
    "int": "INT64",
    "float": "DOUBLE",
    "boolean": "BOOLEAN",
    "date": "DATE",
}


def header(key: str, type_: str) -> str:
    """``confidence:float``, ``aliases:string[]``, ``name`` (strings need no type)."""
    base = type_.removesuffix("[]")
    if type_.endswith("[]"):
        return f"{key}:{base}[]"
    return key + _ADMIN_TYPES[base]


def cell(value: Value | None, type_: str) -> str:
    """One CSV cell: lists joined by ``;``, booleans as ``true``/``false``, dates ISO."""
    if value is None:
        return ""
    value = coerce(value, type_)
    items = value if isinstance(value, list) else [value]
    return ARRAY_DELIMITER.join(_scalar(item) for item in items)


def _scalar(value: Scalar) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)


def node_columns(graph: PropertyGraph) -> list[tuple[str, str, str]]:
    """(header, property key, type) of every nodes.csv column after ``id:ID`` and ``:LABEL``."""
    columns = graph.node_columns()
    name = [("name", "name", "string")] if "name" in columns else []
    rest = [(header(k, t), k, t) for k, t in columns.items() if k != "name"]
    return name + rest


def relationship_columns(graph: PropertyGraph) -> list[tuple[str, str, str]]:
    """(header, property key, type) of every relationships.csv property column."""
    return [(header(k, t), k, t) for k, t in graph.relationship_columns().items()]


def write(graph: PropertyGraph, folder: Path) -> list[Path]:
    """Write the CSVs and their loading scripts into ``folder`` (created)."""
    folder.mkdir(parents=True, exist_ok=True)
    ncols, rcols = node_columns(graph), relationship_columns(graph)
    with (folder / NODES).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        names = [c[0] for c in ncols]
        writer.writerow(["id:ID", *names[:1], ":LABEL", *names[1:]])
        for node in graph.nodes:
            values = [cell(node.properties.get(k), t) for _, k, t in ncols]
            writer.writerow([node.id, *values[:1], ARRAY_DELIMITER.join(node.labels), *values[1:]])
    with (folder / RELATIONSHIPS).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([":START_ID", ":END_ID", ":TYPE", "id", *(c[0] for c in rcols)])
        for rel in graph.relationships:
            values = [cell(rel.properties.get(k), t) for _, k, t in rcols]
            writer.writerow([rel.start, rel.end, rel.type, rel.id, *values])
    files = {
        "import.sh": IMPORT_SH,
        "load-csv.cypher": "\n".join(load_csv_statements(graph)) + "\n",
        "ladybug.cypher": "\n".join(ladybug_statements(graph, folder.resolve())) + "\n",
        "README.md": README,
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "import.sh").chmod(0o755)
    return [folder / NODES, folder / RELATIONSHIPS, *(folder / name for name in files)]


# -- LOAD CSV (a running Cypher server reads the same files) -----------------------------


def _read(column: str, type_: str) -> str:
    """The Cypher expression reading one cell as its type; an empty cell reads as null."""
    raw = f"row[{string_literal(column)}]"
    value = f"CASE {raw} WHEN '' THEN null ELSE {raw} END"
    base = type_.removesuffix("[]")
    convert = {
        "int": "toInteger({})",
        "float": "toFloat({})",
        "date": "date({})",
        "boolean": "({} = 'true')",
        "string": "{}",
    }[base]
    if type_.endswith("[]"):
        return f"[x IN split({value}, {string_literal(ARRAY_DELIMITER)}) | {convert.format('x')}]"
    return convert.format(value)


def load_csv_statements(graph: PropertyGraph, base_url: str = "file:///") -> list[str]:
    """``LOAD CSV WITH HEADERS`` statements (one per label set and relationship type) that
    MERGE the CSVs into a running server; re-runnable. ``base_url`` locates the files
    (``file:///`` is Neo4j's import folder and FalkorDB's ``IMPORT_FOLDER``)."""
    lines = [
        "// Load nodes.csv and relationships.csv with LOAD CSV into a running Cypher server.",
        "// Put both files in the server's import folder; every statement is re-runnable.",
    ]
    nodes_url = string_literal(base_url + NODES)
    rels_url = string_literal(base_url + RELATIONSHIPS)
    ncols = node_columns(graph)
    for labels in sorted({node.labels for node in graph.nodes}):
        label_text = ":".join(labels)
        sets = ", ".join(f"n.{key} = {_read(head, t)}" for head, key, t in ncols)
        lines.append(
            f"LOAD CSV WITH HEADERS FROM {nodes_url} AS row "
            f"WITH row WHERE row[':LABEL'] = {string_literal(ARRAY_DELIMITER.join(labels))} "
            f"MERGE (n:{label_text} {{id: row['id:ID']}}) SET {sets};"
        )
    index = graph.node_index()
    ends: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for rel in graph.relationships:
        ends[rel.type].add((index[rel.start].key_label, index[rel.end].key_label))
    rcols = relationship_columns(graph)
    for type_ in sorted(ends):
        start, end = sorted(ends[type_])[0] if len(ends[type_]) == 1 else ("", "")
        a = f"(a:{start} " if start else "(a "
        b = f"(b:{end} " if end else "(b "
        sets = ", ".join(f"r.{key} = {_read(head, t)}" for head, key, t in rcols)
        lines.append(
            f"LOAD CSV WITH HEADERS FROM {rels_url} AS row "
            f"WITH row WHERE row[':TYPE'] = {string_literal(type_)} "
            f"MATCH {a}{{id: row[':START_ID']}}) MATCH {b}{{id: row[':END_ID']}}) "
            f"MERGE (a)-[r:{type_} {{id: row['id']}}]->(b) SET {sets};"
        )
    return lines


# -- Kùzu / Ladybug ----------------------------------------------------------------------


def ladybug_statements(graph: PropertyGraph, folder: Path) -> list[str]:
    """Schema and ``COPY FROM`` for Kùzu / Ladybug: one node table ``Node`` and one
    relationship table ``Rel`` whose columns follow the CSVs by position."""
    ncols = node_columns(graph)
    names = [f"`{key}` {_ladybug_type(t)}" for _, key, t in ncols]
    node_defs = ["`id` STRING PRIMARY KEY", *names[:1], "`labels` STRING", *names[1:]]
    rel_defs = ["FROM Node TO Node", "`type` STRING", "`id` STRING"]
    rel_defs += [f"`{key}` {_ladybug_type(t)}" for _, key, t in relationship_columns(graph)]
    options = "(HEADER=true, PARALLEL=false)"
    return [
        "// Kùzu / Ladybug: labels and the relationship type are columns (Node.labels, Rel.type).",
        f"CREATE NODE TABLE IF NOT EXISTS Node({', '.join(node_defs)});",
        f"CREATE REL TABLE IF NOT EXISTS Rel({', '.join(rel_defs)});",
        f"COPY Node FROM {string_literal(str(folder / NODES))} {options};",
        f"COPY Rel FROM {string_literal(str(folder / RELATIONSHIPS))} {options};",
    ]


def _ladybug_type(type_: str) -> str:
    return "STRING" if type_.endswith("[]") else _LADYBUG_TYPES[type_]


IMPORT_SH = """#!/bin/sh
# Import nodes.csv and relationships.csv into a NEW Neo4j 5 database (neo4j-admin needs the
# database stopped or absent). Usage: ./import.sh [DATABASE]   (default: neo4j)
# Run it where neo4j-admin is on PATH (or set NEO4J_HOME); then, in Neo4j Enterprise,
# CREATE DATABASE <name> (Community: restart with that database as the default).
set -eu
DATABASE="${1:-neo4j}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ADMIN="${NEO4J_HOME:+$NEO4J_HOME/bin/}neo4j-admin"
"$ADMIN" database import full "$DATABASE" \\
  --nodes="$HERE/nodes.csv" \\
  --relationships="$HERE/relationships.csv" \\
  --multiline-fields=true \\
  --overwrite-destination=true
"""

README = f"""# kg graph for Neo4j and other property-graph tools

- `nodes.csv`: one row per entity (labels `{ENTITY}` and its classes, e.g. `Entity;Person`)
  and per document (label `{DOCUMENT}`); `id:ID` is the stable kg id (`ent:vladimir-putin`,
  `doc:…`), typed columns (`:float`, `:int`, `:date`, `:string[]` with `;` between items).
- `relationships.csv`: one row per piece of evidence of a fact (`:TYPE` such as
  `PROPOSED_TO`, `id` the evidence id, `fact` the fact id shared by all its evidence,
  sentence, document, confidence, offsets, rule …), plus `MENTIONED_IN` from each entity to
  the documents that mention it.

## Neo4j, offline bulk import

```sh
./import.sh neo4j
# which runs:
neo4j-admin database import full neo4j --nodes=nodes.csv --relationships=relationships.csv \\
  --multiline-fields=true --overwrite-destination=true
```

## A running server (Neo4j, FalkorDB, ArcadeDB, Memgraph): LOAD CSV

Copy both CSVs into the server's import folder (Neo4j's `import/`, FalkorDB's
`IMPORT_FOLDER`) and run `load-csv.cypher` statement by statement (each statement is one
line ending in `;`); running it again changes nothing. Servers that read `file:///` as an
absolute path (ArcadeDB) need the folder in the URL: replace `file:///` with
`file:///path/to/this/folder/`, or write the statements with
`kg.export.neo4j_csv.load_csv_statements(graph, "file:///path/to/this/folder/")`.

## Kùzu / Ladybug

Run the statements of `ladybug.cypher` (it names these files by absolute path): a `Node`
and a `Rel` table whose columns follow the CSVs by position, then `COPY FROM`.
"""
