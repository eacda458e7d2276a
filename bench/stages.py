"""Where a single-process kg build spends its own time, stage by stage.

    python bench/stages.py ../shared/corpus/reuters [--size 2000] [--seed 8]

Builds the same article subset ``bench/speed.py`` draws (``--size`` articles of CORPUS_DIR
with seed ``--seed``) in this process, with each of kg's stages timed where the pipeline
calls it (the functions are wrapped, not replaced: every stage runs as in ``kg build``).
Prints the build's phases (``BuildSummary.seconds``) and the seconds of each stage. What
the stages leave of the ``documents`` phase is, apart from ingest, spaCy's parse.
"""

from __future__ import annotations

import argparse
import functools
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed import draw  # noqa: E402  (bench/speed.py: the same subsets)

SECONDS: dict[str, float] = {}


def timed(owner: Any, name: str, label: str) -> None:
    """Wrap ``owner.name`` so that its calls add their wall-clock time to ``label``."""
    function: Callable[..., Any] = getattr(owner, name)

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            SECONDS[label] = SECONDS.get(label, 0.0) + time.perf_counter() - start

    setattr(owner, name, wrapper)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="folder of .txt articles")
    parser.add_argument("--size", type=int, default=2000, help="articles (default 2000)")
    parser.add_argument("--seed", type=int, default=8, help="seed of the draw (default 8)")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        parser.error(f"{args.corpus}: not a folder of .txt articles")
    files = draw(args.corpus, [args.size], args.seed)[args.size]

    from kg import html, nlp, pipeline
    from kg import stages as per_document
    from kg.rdf import builder
    from kg.rdf import graph as kgraph
    from kg.shacl import buildcheck

    stages = [
        (per_document, "extract", "extraction (kg.extract)"),
        (per_document, "resolve", "resolution (kg.resolve)"),
        (kgraph, "triples", "triples of each result (graph.triples)"),
        (buildcheck.BuildCheck, "document", "shape check, each document's own nodes"),
        (builder.Builder, "add", "N-Triples text and store loads (Builder.add)"),
        (nlp, "truecase_headlines", "headline true-casing"),
        (pipeline, "consolidate", "cross-document step (merges.consolidate)"),
        (buildcheck.BuildCheck, "finish", "shape check, shared nodes in the store"),
        (html, "write_html", "page (graph.html)"),
        (pipeline, "summarise", "summary counts (summary.summarise)"),
        (builder.Builder, "close", "waiting for graph.ttl and the store to be written"),
    ]
    for owner, name, label in stages:
        timed(owner, name, label)
    with tempfile.TemporaryDirectory(prefix="kg-profile-") as scratch:
        summary = pipeline.build(files, Path(scratch) / "out", fresh=True)
    phases = ", ".join(f"{k} {v:.2f} s" for k, v in summary.seconds.items())
    print(f"{summary.documents_added} articles, {summary.words:,} words, "
          f"{summary.triples:,} triples; phases: {phases}")
    print(f"{'stage':<52} {'seconds':>8}")
    for label, seconds in sorted(SECONDS.items(), key=lambda item: -item[1]):
        print(f"{label:<52} {seconds:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
