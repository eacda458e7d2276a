"""``kg viz``: an interactive HTML page of (part of) a built graph."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

EPILOG_VIZ = """example:
  kg viz                                   # out/ into out/view.html
  kg viz --focus Putin --hops 2 -o putin.html
  kg viz --types person,country --min-confidence 0.6 --max-nodes 500
"""


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """The ``viz`` sub-command."""
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
    viz.add_argument(
        "--overview",
        type=int,
        default=150,
        metavar="N",
        help="above 300 entities in facts, open on the N best-connected; search and "
        "'Neighbourhood' show any other (0: draw them all; default: 150)",
    )
    viz.add_argument("--title", help="the page title (default: kg — knowledge graph)")


def _viz(args: argparse.Namespace) -> int:
    from kg.errors import ViewError
    from kg.html import DEFAULT_TITLE, write_html
    from kg.query import open_graph
    from kg.rdf.graph import read_turtle

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
            overview=args.overview,
        )
    except ViewError as exc:
        raise type(exc)(exc.problem, source) from exc
    except OSError as exc:
        raise ViewError(f"cannot write the page: {exc.strerror or exc}", target) from exc
    print(f"wrote {target}")
    return 0


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {"viz": _viz}
