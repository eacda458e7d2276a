"""The commands that read a built graph: query, show, serve, dump, validate."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from kg.cli.common import remote_endpoint, store_options
from kg.errors import KgError, NotFoundError, QueryError
from kg.query import FORMATS, GRAPH_FORMATS
from kg.query.isolate import MAX_ROWS
from kg.termsafe import lines

#: ``kg serve``'s default time limit per query, and its query worker processes.
DEFAULT_TIMEOUT = 10.0
DEFAULT_WORKERS = 2

EPILOG_QUERY = """example:
  kg query 'SELECT ?what WHERE { ?s rdfs:label "China" ; kg:supplies ?o . ?o rdfs:label ?what }'
  kg query -f queries/predicates.rq --format csv     # a query in a file (kg/queries/ here)
  kg query --list                                  # the named queries
  kg query --named neighbours --arg entity=Putin
  kg query --named paths --arg from=Putin --arg to=China --format json
  kg query --named dated --arg from=2025-01-01 --arg until=2025-12-31
  kg query 'SELECT * WHERE { ?s kg:visits ?o }' --format json | head -5
Formats: table (default; IRIs as prefixed names), csv, tsv, json (an array of row objects),
and the SPARQL 1.1 results formats sparql-json, sparql-xml, sparql-csv, sparql-tsv; for
CONSTRUCT/DESCRIBE: turtle (default), ntriples, jsonld, rdfxml, with kg's prefixes.
Prefixes kg: rel: ent: doc: ev: rdf: rdfs: owl: skos: prov: dcterms: xsd: are predeclared.
"""
EPILOG_SHOW = """example:
  kg show Putin
  kg show "Power of Siberia-2" -g out
"""


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """The ``query``, ``show``, ``serve``, ``dump`` and ``validate`` sub-commands."""
    _add_query(commands)
    _add_show(commands)
    _add_serve(commands)
    _add_dump(commands)
    _add_validate(commands)


def _max_rows(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-rows",
        type=_count,
        default=MAX_ROWS,
        metavar="N",
        help=f"refuse a result of more than N rows or triples (default: {MAX_ROWS:,})",
    )


def _add_query(commands: argparse._SubParsersAction) -> None:
    query = commands.add_parser(
        "query",
        help="run a SPARQL query",
        description="Run a SPARQL 1.1 query over a built graph.",
        epilog=EPILOG_QUERY,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    query.add_argument("sparql", nargs="?", help="the query text")
    query.add_argument("-f", "--file", help="read the query from a .rq file")
    query.add_argument("-g", "--graph", default="out", help="graph folder (default: out)")
    query.add_argument(
        "--format",
        choices=[*FORMATS, *GRAPH_FORMATS],
        default="table",
        help="output format (default: table)",
    )
    query.add_argument("--named", metavar="NAME", help="run a named query (see --list)")
    query.add_argument(
        "--arg",
        action="append",
        default=[],
        metavar="VAR=VALUE",
        help="an argument of the named query (repeatable)",
    )
    query.add_argument("--list", action="store_true", help="list the named queries")
    query.add_argument(
        "--timeout",
        type=_seconds,
        metavar="SECONDS",
        help="stop the query after this many seconds (default: no limit)",
    )
    _max_rows(query)
    query.add_argument(
        "--allow-service",
        action="store_true",
        help="let SERVICE send parts of the query to the servers it names (refused by default)",
    )
    query.add_argument(
        "--with-ontology",
        action="store_true",
        help="query the ontology (classes, property labels and hierarchies) with the data; "
        "without it a query sees the data only, and GRAPH <https://w3id.org/kg/ontology> "
        "reaches the ontology",
    )
    store_options(query)


def _add_show(commands: argparse._SubParsersAction) -> None:
    show = commands.add_parser(
        "show",
        help="an entity's facts with their evidence",
        description="Print an entity (found by name or alias, any case), its aliases and its "
        "facts, each with the sentence that says it.",
        epilog=EPILOG_SHOW,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    show.add_argument("entity", help="a name or alias")
    show.add_argument("-g", "--graph", default="out", help="graph folder (default: out)")
    store_options(show)


def _add_serve(commands: argparse._SubParsersAction) -> None:
    serve = commands.add_parser(
        "serve",
        help="serve the graph over SPARQL 1.1 and HTTP",
        description="Serve the graph read-only on 127.0.0.1: a SPARQL 1.1 protocol endpoint "
        "at /sparql (GET or POST; results by content negotiation) and the HTML view at /. "
        "A build into the same folder is picked up by the next request.",
        epilog="example:\n  kg serve --port 7878\n"
        "  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s kg:visits ?o }'"
        " http://127.0.0.1:7878/sparql",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    serve.add_argument("-g", "--graph", default="out", help="graph folder (default: out)")
    serve.add_argument(
        "--port", type=int, default=7878, help="TCP port (default: 7878; 0 picks a free one)"
    )
    serve.add_argument("-q", "--quiet", action="store_true", help="no request log")
    serve.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"stop a query after this many seconds (default: {DEFAULT_TIMEOUT:g})",
    )
    _max_rows(serve)
    serve.add_argument(
        "--query-workers",
        type=_count,
        default=DEFAULT_WORKERS,
        metavar="N",
        help=f"queries evaluated at once, each in its own process (default: {DEFAULT_WORKERS})",
    )
    serve.add_argument(
        "--max-memory",
        type=_count,
        default=2048,
        metavar="MIB",
        help="memory (heap) one query worker may use, in MiB (default: 2048)",
    )
    serve.add_argument(
        "--idle-timeout",
        type=_seconds,
        default=15.0,
        metavar="SECONDS",
        help="close a connection idle (or stalled mid-request) this long (default: 15)",
    )
    serve.add_argument(
        "--cors-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="let web pages from ORIGIN (e.g. http://localhost:8888) read the endpoint "
        "(repeatable; by default no other origin may)",
    )


def _add_dump(commands: argparse._SubParsersAction) -> None:
    dump = commands.add_parser(
        "dump",
        help="write the graph as RDF (Turtle, N-Triples, N-Quads, JSON-LD, TriG, RDF/XML)",
        description="Write the graph of the current store snapshot to FILE as RDF; the "
        "format comes from --format or FILE's suffix (.ttl .nt .nq .jsonld .trig .rdf).",
        epilog="example:\n  kg dump graph.nq\n  kg dump -g out export.json --format jsonld",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    dump.add_argument("file", help="the file to write")
    dump.add_argument("-g", "--graph", default="out", help="graph folder (default: out)")
    dump.add_argument(
        "--format", choices=["turtle", "ntriples", "nquads", "jsonld", "trig", "rdfxml"]
    )


def _add_validate(commands: argparse._SubParsersAction) -> None:
    validate = commands.add_parser(
        "validate",
        help="check the graph against the SHACL shapes",
        description="Validate the graph's current store snapshot against ontology/shapes.ttl "
        "with pyshacl; print the violations grouped by property; exit 1 when there are any.",
        epilog="example:\n  kg validate\n  kg validate -g out --limit 20",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    validate.add_argument("-g", "--graph", default="out", help="graph folder (default: out)")
    validate.add_argument(
        "--limit", type=int, default=5, help="example nodes shown per kind (default: 5)"
    )


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 < value < 1e6:
        raise argparse.ArgumentTypeError(f"give a positive number of seconds, not {text}")
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"give a positive number, not {text}")
    return value


def _open(args: argparse.Namespace):  # -> rdflib.Graph
    """The graph a reading command works on: the remote store, or the folder's snapshot."""
    from kg.query import open_graph
    from kg.rdf.remote import open_remote

    endpoint = remote_endpoint(args)
    return open_remote(endpoint) if endpoint else open_graph(args.graph)


def _for_terminal(text: str, fmt: str) -> str:
    """A query's output as printed: the table (and a graph result shown as Turtle) with
    control characters from the data escaped; the data formats exactly as they are."""
    return lines(text) if fmt == "table" else text


def _query(args: argparse.Namespace) -> int:
    from kg.query import named_queries

    if args.list:
        print("\n".join(q.usage() for q in named_queries().values()))
        return 0
    if args.named:
        values: dict[str, str] = {}
        for item in args.arg:
            var, sep, value = item.partition("=")
            if not sep:
                raise QueryError(f"--arg {item!r}: write VAR=VALUE")
            values[var.strip()] = value
        text = _run_isolated(args, "", named=args.named, values=tuple(values.items()))
        print(_for_terminal(text, args.format))
        return 0
    if args.file:
        path = Path(args.file)
        try:
            sparql = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"cannot read query file: {exc}", path) from exc
    elif args.sparql:
        sparql = args.sparql
    else:
        raise QueryError("give a query, -f FILE.rq, or --named NAME")
    from kg.query.guard import check_query

    check_query(sparql, args.allow_service)
    print(_for_terminal(_run_isolated(args, sparql), args.format))
    return 0


def _run_isolated(args: argparse.Namespace, sparql: str, **named: object) -> str:
    """The query run in a child process (``kg.query.isolate``): a time limit that stops
    it, and an engine crash on a pathological query is one line, not a core dump."""
    from kg.query.isolate import Job, run_isolated

    endpoint = remote_endpoint(args)
    job = Job(
        sparql,
        folder=None if endpoint else args.graph,
        endpoint=endpoint,
        rows_format=args.format,
        graph_format=args.format,
        allow_service=args.allow_service,
        ontology=args.with_ontology,
        max_rows=args.max_rows,
        **named,  # type: ignore[arg-type]
    )
    return run_isolated(job, args.timeout)


def _show(args: argparse.Namespace) -> int:
    from kg.query import show_entity

    reports = show_entity(_open(args), args.entity)
    if not reports:
        raise NotFoundError(f"no entity named {args.entity!r}", args.store or args.graph)
    print(lines("\n\n".join(report.format() for report in reports)))
    return 0


def _dump(args: argparse.Namespace) -> int:
    from kg.rdf.dump import dump

    folder = Path(args.graph)
    if not folder.is_dir():
        raise KgError("no such graph folder; run `kg build` first", folder)
    name = dump(folder, Path(args.file), args.format)
    print(f"wrote {args.file} ({name})")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from kg.errors import GraphError
    from kg.rdf.store import copy_graph
    from kg.shacl.validate import format_report, validate_graph

    folder = Path(args.graph)
    if not folder.is_dir():
        raise GraphError("no such graph folder; run `kg build` first", folder)
    graph = copy_graph(folder)
    violations = validate_graph(graph)
    print(format_report(violations, args.limit))
    if not violations:
        print(f"({len(graph)} triples checked)")
    return 1 if violations else 0


def _serve(args: argparse.Namespace) -> int:
    import signal

    from kg.serve import Settings, make_server

    settings = Settings(
        timeout=args.timeout,
        max_rows=args.max_rows,
        workers=args.query_workers,
        cors_origins=tuple(args.cors_origin),
        quiet=args.quiet,
        idle_timeout=args.idle_timeout,
        memory=args.max_memory << 20,
    )
    server = make_server(args.graph, "127.0.0.1", args.port, settings)

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # SIGTERM stops the server as Ctrl-C does: workers too

    signal.signal(signal.SIGTERM, stop)
    print(f"serving {args.graph} at {server.url} (SPARQL endpoint: {server.url}sparql)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass  # Ctrl-C is how a server is stopped
    finally:
        server.close()
    return 0


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "query": _query,
    "show": _show,
    "validate": _validate,
    "serve": _serve,
    "dump": _dump,
}
