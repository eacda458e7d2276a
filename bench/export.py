"""Exports of one built graph: time per format, and Cypher script vs kg push into ArcadeDB.

    python bench/export.py OUT            # OUT: a folder written by `kg build`

Starts an ArcadeDB server with Bolt (as the tests do), loads the Cypher script statement by
statement into one database and pushes into another (twice), and prints the times and the
script/push ratio (ratios within one run; absolute times depend on the machine).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.engines starts servers

from kg.export import FORMATS, export, from_rdf, load_graph, push_graph  # noqa: E402
from kg.export.cypher import statements  # noqa: E402
from tests.engines import ARCADE_PASSWORD, ARCADE_USER, arcadedb_server  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", help="a graph folder written by kg build")
    args = parser.parse_args()
    import neo4j

    graph = load_graph(args.graph)
    started = time.perf_counter()
    property_graph = from_rdf(graph)
    print(
        f"graph: {len(graph)} triples -> {len(property_graph.nodes)} nodes, "
        f"{len(property_graph.relationships)} relationships "
        f"({time.perf_counter() - started:.2f}s to convert)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for fmt in FORMATS:
            started = time.perf_counter()
            export(graph, fmt, folder / fmt)
            print(f"export {fmt:10s} {time.perf_counter() - started:6.2f}s")
        script = (folder / "cypher").read_text(encoding="utf-8")
        with arcadedb_server(folder / "arcadedb", ["script", "push"]) as uri:
            auth = (ARCADE_USER, ARCADE_PASSWORD)
            with neo4j.GraphDatabase.driver(uri, auth=auth) as driver:
                started = time.perf_counter()
                with driver.session(database="script") as session:
                    for statement in statements(script):
                        session.run(statement).consume()
                script_s = time.perf_counter() - started
            times = []
            for _ in range(2):
                started = time.perf_counter()
                summary = push_graph(
                    graph, uri, user=ARCADE_USER, password=ARCADE_PASSWORD, database="push"
                )
                times.append(time.perf_counter() - started)
    print(
        f"ArcadeDB: Cypher script {script_s:.1f}s, push {times[0]:.1f}s "
        f"(again {times[1]:.1f}s): the script takes {script_s / times[0]:.1f}x the push"
    )
    print(summary.format())


if __name__ == "__main__":
    main()
