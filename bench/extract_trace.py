#!/usr/bin/env python3
"""How often extraction goes back and forth between the modules of ``kg/extract/``.

    python bench/extract_trace.py seeds/putin-beijing-visit.txt

Ingests and parses one article as ``kg build`` does, then runs ``kg.extract.extract`` on it
under ``sys.setprofile``, following which ``kg/extract/**`` module holds the innermost
running frame (calls into other packages, such as ``kg.lexicons`` or spaCy, stay with the
caller; a frame with no such module on its stack changes nothing). A *stop* is the first
time the run moves from one of those modules to another (each distinct ``from -> to`` move
counts once, in the order first seen; entering ``extract()`` is the first stop); a
*return* is a stop at a module the run had already entered, either back to a caller when a
call ends, or by a new call into it from elsewhere (counted apart). In a stage of passes in one
direction each module is entered from few places and returns are few. Prints the totals,
then the entries per module (most first, with the passes of :mod:`kg.extract.passes` it was
entered in: the outermost pass module running), then the stops in order with ``--stops``.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from types import FrameType

import kg

PACKAGE = str(Path(kg.__file__).parent / "extract")


def module_of(frame: FrameType | None) -> str | None:
    """The ``kg/extract`` module of the innermost frame that runs code of it, or None."""
    while frame is not None:
        path = frame.f_code.co_filename
        if path.startswith(PACKAGE):
            return path[len(PACKAGE) - len("extract") :]
        frame = frame.f_back
    return None


def pass_of(frame: FrameType | None) -> str:
    """The pass running at a frame: the outermost ``kg/extract/passes`` module on the stack
    (``-`` outside the passes, or for a stage without them)."""
    found = "-"
    while frame is not None:
        path = frame.f_code.co_filename
        if path.startswith(PACKAGE + "/passes/p"):
            found = Path(path).stem
        frame = frame.f_back
    return found


Move = tuple["str | None", str, bool]  # from, to, by a call (not a return to the caller)


def trace(run: object) -> tuple[list[Move], dict[str, set[str]]]:
    """The distinct module moves while ``run()`` runs, in the order first seen (a move made
    both by calls and by returns counts as a call); and the passes each module was entered
    in."""
    moves: dict[tuple[str | None, str], bool] = {}
    passes: dict[str, set[str]] = {}
    current: list[str | None] = [None]

    def profile(frame: FrameType, event: str, _arg: object) -> None:
        landing: FrameType | None
        if event == "call":
            landing = frame
        elif event == "return":
            landing = frame.f_back
        else:
            return
        here = module_of(landing)
        if here is not None and here != current[0]:
            key = (current[0], here)
            moves[key] = moves.get(key, False) or event == "call"
            passes.setdefault(here, set()).add(pass_of(landing))
            current[0] = here

    sys.setprofile(profile)
    try:
        run()  # type: ignore[operator]
    finally:
        sys.setprofile(None)
    return [(a, b, call) for (a, b), call in moves.items()], passes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", help="a .txt/.md/.html article")
    parser.add_argument("--model", help="spaCy pipeline (default: kg's default)")
    parser.add_argument("--stops", action="store_true", help="also list the stops in order")
    args = parser.parse_args(argv)

    from kg.extract import extract
    from kg.ingest import iter_documents
    from kg.nlp import load_model, parse
    from kg.ontology import lexicon

    documents = list(iter_documents([args.article]))
    frames = lexicon()
    ((document, doc),) = list(parse(documents, load_model(args.model)))
    extract(document, doc, frames=frames)  # warm the caches (ontology, weights)
    moves, passes = trace(lambda: extract(document, doc, frames=frames))
    seen: set[str] = set()
    entries: Counter[str] = Counter()
    returns = calls_back = 0
    for n, (source, target, call) in enumerate(moves, 1):
        back = target in seen
        returns += back
        calls_back += back and call
        seen.add(target)
        entries[target] += 1
        if args.stops:
            how = ("  (return, by a call)" if call else "  (return)") if back else ""
            print(f"{n:3} {source or '-'} -> {target}{how}")
    print(f"stops {len(moves)}, modules {len(seen)}, returns to a module already left {returns}")
    print(f"  of which calls into a module already left (not back to a caller) {calls_back}")
    for module, count in entries.most_common():
        where = ", ".join(sorted(passes[module] - {"-"}))
        print(f"  {module}: entered from {count} place{'s' if count > 1 else ''}", end="")
        print(f"; in passes {where}" if where else "")
    shared = sorted(m for m, p in passes.items() if len(p - {"-"}) > 1)
    if any(p - {"-"} for p in passes.values()):
        print(f"modules entered in more than one pass: {len(shared)} ({', '.join(shared)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
