"""Throughput and memory of kg build against bare spaCy, on one machine and on Dask.

    python bench/speed.py ../shared/corpus/reuters [--sizes 500,2000] [--seed 8]

Draws the article subsets from CORPUS_DIR (a folder of .txt articles; the smaller subset is
part of the larger one) and runs, on the same articles, each in a fresh Python process:

- ``bare``: the pipeline kg loads, ``nlp.pipe`` over the same texts, batch size 32,
  ``n_process=1`` (the floor: nothing but the parse);
- ``single``: ``kg build`` in one process with its default outputs (store, graph.ttl,
  graph.html);
- ``workers2``: ``kg build --workers 2``;
- ``dask2``: ``kg build --dask local --workers 2`` (a LocalCluster of 2 worker processes).

Timings exclude process start and model loading (kg's own ``BuildSummary.seconds`` start
phase; the worker processes load their model before the clock starts). Peak memory is the
largest sum of the resident set sizes of the whole process tree (workers, Dask nannies),
sampled every 50 ms. It also reports the store's bulk-load rate (triples/s). The last
line is ``speed single=R1 workers2=R2 dask2=R3 mem2000_over_500=M``: R is words/s over bare
``nlp.pipe`` words/s on the largest subset, M the single-process peak memory on the largest
subset over that on the smallest.

On the largest subset ``bare`` and ``single`` run ``--pairs`` times in turn (bare, single,
bare, single, ...; default 3), and R1 is the median of each pair's ratio: this machine's
speed drifts by several per cent from one minute to the next (two one-shot runs of the
same code gave 0.79 and 0.88), and a pair run back to back shares the drift. Every run's
row is printed; ``workers2`` and ``dask2`` are compared with the median bare rate.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

VARIANTS = ("bare", "single", "workers2", "dask2")
BATCH_SIZE = 32


def draw(corpus: Path, sizes: list[int], seed: int) -> dict[int, list[Path]]:
    """Nested random subsets of the corpus's .txt files, each sorted by path."""
    files = sorted(corpus.rglob("*.txt"))
    if not files:
        sys.exit(f"error: {corpus}: no .txt articles here")
    order = random.Random(seed).sample(files, len(files))
    return {size: sorted(order[:size]) for size in sizes}


def child(variant: str, listing: Path, out: Path) -> None:
    """Run one variant in this process and print its figures as JSON."""
    files = [Path(line) for line in listing.read_text(encoding="utf-8").splitlines()]
    figures: dict[str, float] = {}
    if variant == "bare":
        from kg import ingest, nlp

        language = nlp.load_model()
        seen: set[str] = set()
        texts = []
        for document in ingest.iter_documents(files):  # the documents kg build parses
            if document.id not in seen:
                seen.add(document.id)
                texts.append(document.text)
        start = time.perf_counter()
        for _ in language.pipe(texts, batch_size=BATCH_SIZE, n_process=1):
            pass
        figures["seconds"] = time.perf_counter() - start
        figures["words"] = sum(len(text.split()) for text in texts)
    else:
        from kg.pipeline import build

        options: dict[str, object] = {
            "single": {},
            "workers2": {"workers": 2},
            "dask2": {"dask": "local", "workers": 2},
        }[variant]
        summary = build(files, out, fresh=True, **options)  # type: ignore[arg-type]
        figures["seconds"] = summary.seconds["documents"] + summary.seconds["outputs"]
        figures["outputs"] = summary.seconds["outputs"]
        figures["start"] = summary.seconds["start"]
        figures["words"] = summary.words
        figures["documents"] = summary.documents_added
        figures["triples"] = summary.triples
        if variant == "single":
            from kg.rdf.graph import TURTLE, write_store

            with tempfile.TemporaryDirectory() as scratch:
                start = time.perf_counter()
                write_store(out / TURTLE, Path(scratch) / "store")
                figures["store_seconds"] = time.perf_counter() - start
    print(json.dumps(figures))


def measure(variant: str, files: list[Path], work: Path) -> dict[str, float]:
    """Run a variant in a fresh process; its figures plus the peak RSS of its process tree."""
    import psutil

    listing = work / f"{variant}-{len(files)}.list"
    listing.write_text("\n".join(str(f) for f in files) + "\n", encoding="utf-8")
    out = work / f"out-{variant}-{len(files)}"
    command = [sys.executable, __file__, "--child", variant, str(listing), str(out)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    root = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        total = 0
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        for process in tree:
            try:
                total += process.memory_info().rss
            except psutil.NoSuchProcess:
                pass
        peak = max(peak, total)
        time.sleep(0.05)
    stdout, _ = proc.communicate()
    if proc.returncode != 0:
        sys.exit(f"error: {variant} on {len(files)} articles failed (exit {proc.returncode})")
    figures = json.loads(stdout.strip().splitlines()[-1])
    figures["peak_mb"] = peak / 2**20
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, nargs="?", help="folder of .txt articles")
    parser.add_argument("--sizes", default="500,2000", help="subset sizes (default 500,2000)")
    parser.add_argument("--seed", type=int, default=8, help="seed of the draw (default 8)")
    parser.add_argument(
        "--variants", default=",".join(VARIANTS), help="subset of bare,single,workers2,dask2"
    )
    parser.add_argument("--pairs", type=int, default=3,
                        help="bare/single pairs run in turn on the largest subset (default 3)")
    parser.add_argument(
        "--child", nargs=3, metavar=("VARIANT", "LIST", "OUT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], Path(args.child[1]), Path(args.child[2]))
        return 0
    if args.corpus is None or not args.corpus.is_dir():
        parser.error("give CORPUS_DIR, a folder of .txt articles")
    sizes = sorted(int(s) for s in args.sizes.split(","))
    variants = [v for v in VARIANTS if v in args.variants.split(",")]
    if "bare" not in variants:
        parser.error("--variants must include bare (the reference)")
    subsets = draw(args.corpus, sizes, args.seed)
    results: dict[tuple[int, str], dict[str, float]] = {}
    print(f"corpus {args.corpus} seed {args.seed}; batch size {BATCH_SIZE}")
    print(f"{'articles':>8} {'variant':<9} {'words':>7} {'seconds':>8} {'words/s':>8} "
          f"{'ratio':>6} {'peak MB':>8} {'start s':>8} {'outputs s':>9}")
    big, small = sizes[-1], sizes[0]
    pairs: list[float] = []  # single's ratio to the bare run just before it, on ``big``
    with tempfile.TemporaryDirectory(prefix="kg-speed-") as scratch:
        for size in sizes:
            files = subsets[size]
            paired = ["bare", "single"] if "single" in variants else ["bare"]
            runs = paired * (max(1, args.pairs) if size == big else 1)
            runs += [v for v in variants if v not in paired]
            rates: dict[str, list[float]] = {}
            for variant in runs:
                figures = measure(variant, files, Path(scratch))
                figures["rate"] = figures["words"] / figures["seconds"]
                rates.setdefault(variant, []).append(figures["rate"])
                previous = results.get((size, variant))
                if previous is not None:  # the largest peak of the pairs
                    figures["peak_mb"] = max(figures["peak_mb"], previous["peak_mb"])
                results[size, variant] = figures
                bare = rates["bare"][-1] if variant == "single" else median(rates["bare"])
                ratio = figures["rate"] / bare
                if size == big and variant == "single":
                    pairs.append(ratio)
                print(
                    f"{len(files):>8} {variant:<9} {figures['words']:>7.0f} "
                    f"{figures['seconds']:>8.1f} {figures['rate']:>8.0f} {ratio:>6.2f} "
                    f"{figures['peak_mb']:>8.0f} {figures.get('start', 0):>8.1f} "
                    f"{figures.get('outputs', 0):>9.1f}",
                    flush=True,
                )
            results[size, "bare"]["rate"] = median(rates["bare"])
    if variants != list(VARIANTS):
        return 0
    store = results[big, "single"]
    print(
        f"store bulk load: {store['triples']:.0f} triples in {store['store_seconds']:.2f} s = "
        f"{store['triples'] / store['store_seconds']:.0f} triples/s"
    )
    bare = results[big, "bare"]["rate"]
    ratios = {v: results[big, v]["rate"] / bare for v in VARIANTS[1:]}
    ratios["single"] = median(pairs)
    print(f"single/bare by pair on {big}: " + " ".join(f"{r:.3f}" for r in pairs))
    memory = results[big, "single"]["peak_mb"] / results[small, "single"]["peak_mb"]
    print(
        f"speed single={ratios['single']:.2f} workers2={ratios['workers2']:.2f} "
        f"dask2={ratios['dask2']:.2f} mem{big}_over_{small}={memory:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
