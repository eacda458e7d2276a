"""``kg export`` and ``kg push``: the graph for Neo4j and other graph tools."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable

#: kg.export.FORMATS, named here so that ``kg --help`` imports no exporter.
EXPORT_FORMATS = ("neo4j-csv", "cypher", "graphml", "turtle", "ntriples", "nquads", "jsonld",
                  "trig", "rdfxml")
EPILOG_EXPORT = """example:
  kg export -o neo4j/                  # neo4j-csv: nodes.csv, relationships.csv, import.sh
  kg export -o graph.cypher            # re-runnable MERGE script
  kg export -o graph.graphml -g out    # the format from the suffix
  kg export -o graph.jsonld            # or .ttl .nt .nq .trig .rdf: the RDF (as kg dump)
  kg export --format cypher -o script.txt --no-constraints
"""
EPILOG_PUSH = """example:
  kg push bolt://localhost:7687 --user neo4j --password secret --database news
  kg push bolt://localhost:7687 --database news -g out   # $NEO4J_USERNAME, $NEO4J_PASSWORD
"""


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """The ``export`` and ``push`` sub-commands."""
    export = commands.add_parser(
        "export",
        help="write the graph for Neo4j and other graph tools",
        description="Write a built graph as neo4j-admin import CSVs (a folder), a re-runnable "
        "Cypher script, GraphML, or RDF (Turtle, N-Triples, N-Quads, JSON-LD, TriG, RDF/XML, "
        "as kg dump writes it). The format comes from --format or the output's suffix "
        "(.graphml .cypher .ttl .nt .nq .jsonld .trig .rdf; no suffix: a neo4j-csv folder).",
        epilog=EPILOG_EXPORT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument("--format", choices=EXPORT_FORMATS, dest="fmt",
                        help="the format (default: from the output's suffix)")
    export.add_argument("-o", "--output", required=True, help="file, or folder for neo4j-csv")
    export.add_argument("-g", "--graph", default="out", help="graph folder (default: out)")
    export.add_argument(
        "--no-constraints",
        action="store_true",
        help="cypher: leave out the Neo4j CREATE CONSTRAINT statements (for engines such as "
        "FalkorDB that do not parse them)",
    )
    push = commands.add_parser(
        "push",
        help="MERGE the graph into a running Neo4j (or other Bolt) server",
        description="Write a built graph into a Bolt server with the official neo4j driver, "
        "in batched transactions; running it again changes nothing.",
        epilog=EPILOG_PUSH,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    push.add_argument("uri", help="bolt://HOST:PORT or neo4j://HOST:PORT")
    push.add_argument(
        "--user",
        default=os.environ.get("NEO4J_USERNAME"),
        help="user name (default: $NEO4J_USERNAME, else neo4j when a password is given)",
    )
    push.add_argument(
        "--password",
        default=os.environ.get("NEO4J_PASSWORD"),
        help="password (default: $NEO4J_PASSWORD, which keeps it out of the process list)",
    )
    push.add_argument("--database", help="database name (default: the server's default)")
    push.add_argument("-g", "--graph", default="out", help="graph folder (default: out)")


def _export(args: argparse.Namespace) -> int:
    from kg.export import export, format_from_suffix

    fmt = args.fmt or format_from_suffix(args.output)
    files = export(args.graph, fmt, args.output, constraints=not args.no_constraints)
    print("\n".join(str(path) for path in files))
    return 0


def _push(args: argparse.Namespace) -> int:
    from kg.export import push_graph

    summary = push_graph(
        args.graph, args.uri, user=args.user, password=args.password, database=args.database
    )
    print(summary.format())
    return 0


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {"export": _export, "push": _push}
