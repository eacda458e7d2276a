"""The seeded 300-article build that the judged fact sample and the duplicate audit share.

The articles are a seeded random sample of a corpus folder's ``*.txt`` files, leaving out
the articles of a list (the NewsKG articles, so the sample is independent of the annotated
set). The graph is built once with kg's defaults (``kg.pipeline.build``, what ``kg build``
runs) into a folder that later runs reuse:

    python bench/sample300.py ../shared/corpus/reuters \\
        --exclude ../shared/bench/newskg/reuters-dev.txt --graph /tmp/kg-300
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

DOCS = 300
SEED = 15


def sample_articles(
    corpus: Path, n: int = DOCS, seed: int = SEED, exclude: Path | None = None
) -> list[Path]:
    """n articles of ``corpus`` drawn with ``seed`` (sorted, the same on every machine),
    none of those named in ``exclude`` (a list of paths relative to corpus's parent, as in
    NewsKG's ``reuters-dev.txt``; only the file names are compared)."""
    skip: set[str] = set()
    if exclude is not None:
        skip = {Path(line.strip()).name for line in exclude.read_text().splitlines()}
        skip.discard("")
    files = sorted(f for f in corpus.glob("*.txt") if f.name not in skip)
    return sorted(random.Random(seed).sample(files, min(n, len(files))))


def ensure_graph(
    corpus: Path, graph: Path, n: int = DOCS, seed: int = SEED, exclude: Path | None = None
) -> list[Path]:
    """Build the sample into ``graph`` unless a graph is already there; the sample's files."""
    files = sample_articles(corpus, n, seed, exclude)
    if not (graph / "graph.ttl").is_file():
        from kg.pipeline import build

        build(files, graph, fresh=True)
    return files


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("corpus", type=Path, help="folder of .txt articles")
    parser.add_argument("--graph", type=Path, required=True,
                        help="graph folder: built there when missing, else reused")
    parser.add_argument("--exclude", type=Path,
                        help="list of articles to leave out (NewsKG's reuters-dev.txt)")
    parser.add_argument("--docs", type=int, default=DOCS)
    parser.add_argument("--seed", type=int, default=SEED)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_arguments(parser)
    args = parser.parse_args(argv)
    files = ensure_graph(args.corpus, args.graph, args.docs, args.seed, args.exclude)
    print(f"{len(files)} articles of {args.corpus} (seed {args.seed}) in {args.graph}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
