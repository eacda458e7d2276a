"""The ``kg`` command line: a thin layer over the library; every error is one line.

One module per group of commands, each adding its sub-commands (``add_parsers``) and naming
their handlers (``HANDLERS``): ``build``; ``read`` (query, show, serve, dump, validate);
``viz``; ``export`` (export, push). ``common`` holds the ``--store`` options. Handlers import
the library when they run, so ``kg --help`` stays fast.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Sequence

from kg import __version__
from kg.cli import build, export, read, viz
from kg.cli.build import Terminated
from kg.cli.export import EXPORT_FORMATS
from kg.errors import KgError
from kg.termsafe import escape

#: Exit codes, the same in every command (README, "Exit codes").
EXIT_CODES = {
    0: "done",
    1: "failed: the graph, the store, an export or a push; kg validate found violations",
    2: "bad input or usage: a file kg cannot read, a bad query, a bad option",
    3: "not found: no entity, type or document of that name in the graph",
    130: "interrupted (Ctrl-C); the previous graph is unchanged",
    143: "terminated (SIGTERM); the previous graph is unchanged",
    141: "the output pipe was closed (kg query … | head); nothing more is written",
}

__all__ = ["EXPORT_FORMATS", "main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Build a knowledge graph from news articles, query it, look at it.",
        epilog="example:\n  kg build && kg show China\n\nexit codes:\n"
        + "\n".join(f"  {code:<4} {what}" for code, what in EXIT_CODES.items()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build.add_parsers(commands)
    read.add_parsers(commands)
    viz.add_parsers(commands)
    export.add_parsers(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    args = _parser().parse_args(argv)
    handler = {**build.HANDLERS, **read.HANDLERS, **viz.HANDLERS, **export.HANDLERS}[args.command]
    try:
        code = handler(args)
        sys.stdout.flush()  # a closed pipe shows here, inside the try
        return code
    except BrokenPipeError:
        return _pipe_closed()
    except KgError as exc:
        # one line, whatever the path or message holds (an ESC, a newline in a file name)
        print(f"error: {escape(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt as exc:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut this short
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        what = "terminated" if isinstance(exc, Terminated) else "interrupted"
        print(f"error: {what}; the previous graph is unchanged", file=sys.stderr)
        return 143 if isinstance(exc, Terminated) else 130


def _pipe_closed() -> int:
    """The reader of stdout went away (``kg query … | head -1``): no traceback, and no
    second error when Python flushes stdout at exit (it now writes to /dev/null)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 128 + signal.SIGPIPE
