"""``kg push``: write the property graph into a running Bolt server (Neo4j, ArcadeDB, …).

The official ``neo4j`` driver, constraints first, then batches of ``UNWIND $rows MERGE …``
(one query per label set or relationship type) in write transactions of about 500 rows
each: re-running changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from kg.errors import ExportError
from kg.export.cypher import constraint_statements
from kg.export.propertygraph import PropertyGraph

BATCH = 500


@dataclass
class PushSummary:
    """What one push wrote (rows MERGEd, not necessarily new)."""

    nodes: int
    relationships: int
    transactions: int

    def format(self) -> str:
        """One line for the terminal."""
        return (
            f"merged {self.nodes} nodes and {self.relationships} relationships "
            f"in {self.transactions} transactions"
        )


def node_batches(
    graph: PropertyGraph, size: int = BATCH
) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """(query, rows) per label set, at most ``size`` rows each."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for node in graph.nodes:
        groups[node.labels].append({"id": node.id, "props": dict(node.properties)})
    for labels, rows in sorted(groups.items()):
        query = (
            f"UNWIND $rows AS row MERGE (n:{':'.join(labels)} {{id: row.id}}) SET n += row.props"
        )
        for i in range(0, len(rows), size):
            yield query, rows[i : i + size]


def relationship_batches(
    graph: PropertyGraph, size: int = BATCH
) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """(query, rows) per relationship type and end labels, at most ``size`` rows each."""
    index = graph.node_index()
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for rel in graph.relationships:
        key = (rel.type, index[rel.start].key_label, index[rel.end].key_label)
        groups[key].append(
            {"id": rel.id, "start": rel.start, "end": rel.end, "props": dict(rel.properties)}
        )
    for (type_, start, end), rows in sorted(groups.items()):
        query = (
            f"UNWIND $rows AS row MATCH (a:{start} {{id: row.start}}) "
            f"MATCH (b:{end} {{id: row.end}}) "
            f"MERGE (a)-[r:{type_} {{id: row.id}}]->(b) SET r += row.props"
        )
        for i in range(0, len(rows), size):
            yield query, rows[i : i + size]


def push(
    graph: PropertyGraph,
    uri: str,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    batch: int = BATCH,
) -> PushSummary:
    """MERGE every node and relationship into the Bolt server at ``uri``."""
    try:
        import neo4j
        from neo4j.exceptions import DriverError, Neo4jError
    except ImportError as exc:
        raise ExportError("kg push needs the neo4j driver: pip install 'kg[export]'") from exc

    auth = (user or "neo4j", password or "") if user or password else None
    transactions = 0
    try:
        with neo4j.GraphDatabase.driver(uri, auth=auth) as driver:
            driver.verify_connectivity()
            with driver.session(database=database) as session:
                for statement in constraint_statements(graph):
                    session.run(statement.removesuffix(";")).consume()
                for batches in (node_batches(graph, batch), relationship_batches(graph, batch)):
                    for work in transaction_groups(batches, batch):
                        session.execute_write(_run, work)
                        transactions += 1
    except (Neo4jError, DriverError, OSError, ValueError) as exc:
        raise ExportError(f"push failed: {exc}".splitlines()[0], uri) from exc
    return PushSummary(len(graph.nodes), len(graph.relationships), transactions)


def transaction_groups(
    batches: Iterator[tuple[str, list[dict[str, Any]]]], size: int = BATCH
) -> Iterator[list[tuple[str, list[dict[str, Any]]]]]:
    """Batches gathered into transactions of about ``size`` rows: the many small groups
    (one per label set or relationship type) share a transaction instead of one each."""
    group: list[tuple[str, list[dict[str, Any]]]] = []
    rows_in_group = 0
    for query, rows in batches:
        if group and rows_in_group + len(rows) > size:
            yield group
            group, rows_in_group = [], 0
        group.append((query, _driver_values(rows)))
        rows_in_group += len(rows)
    if group:
        yield group


def _run(tx: Any, work: list[tuple[str, list[dict[str, Any]]]]) -> None:
    for query, rows in work:
        tx.run(query, rows=rows).consume()


def _driver_values(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The driver sends ``datetime.date`` as a Cypher date already; nothing else to do but
    make sure no value is a type it cannot send."""
    for row in rows:
        for value in row["props"].values():
            items = value if isinstance(value, list) else [value]
            for item in items:
                if not isinstance(item, str | int | float | bool | dt.date):
                    raise ValueError(f"cannot send {item!r} over Bolt")
    return rows
