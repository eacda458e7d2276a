"""How the cost of adding to (and removing from) a graph grows with the graph.

    python bench/grow.py ../shared/corpus/reuters-21578 [--sizes 500,2000,8000,all]
                         [--held 10] [--seed 8] [--work DIR]

Holds back ``--held`` articles of CORPUS_DIR (a folder of .txt articles, drawn at random
with ``--seed``), and for each size N (nested random subsets of the rest; ``all`` is every
other article):

- builds the N articles into a fresh graph folder in a child process (``kg build`` as a
  library call, default outputs), and reports its build seconds (kg's own
  ``BuildSummary.seconds`` without the "start" phase: model loading) and the child's peak
  resident set (``os.wait4``'s ``ru_maxrss``);
- adds the held-back articles to that graph, timed in this process around the
  ``pipeline.build`` call with the pipeline already loaded (a warm-up build first, and the
  "start" phase subtracted), with the phase seconds of that build;
- removes them again (``kg remove`` as a library call, by the paths they were built from),
  timed in this process, and checks the graph is back to its documents;
- times the cross-document step of that addition and of that removal
  (``merges.consolidate``, as ``pipeline.publish`` calls it).

The table has one row per size; the last line is
``grow add10_20k_over_500=R remove10_20k_over_500=R2 build20k_s=S peak20k_mb=M``, where the
ratios are the largest size's add (remove) seconds over the smallest size's, and S and M
are the largest size's build seconds and peak RSS (the names keep the issue's wording
whatever sizes were run).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_SIZES = "500,2000,8000,all"
#: Seconds of each cross-document step this process ran (``time_cross_document``).
CROSS: list[float] = []


def time_cross_document() -> None:
    """Time every ``merges.consolidate`` call the builds of this process make."""
    from kg import pipeline

    consolidate = pipeline.consolidate

    def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
        clock = time.perf_counter()
        try:
            return consolidate(*args, **kwargs)
        finally:
            CROSS.append(time.perf_counter() - clock)

    pipeline.consolidate = timed  # type: ignore[assignment]


def draw(corpus: Path, sizes: list[str], held: int, seed: int) -> tuple[list[Path], dict]:
    """The held-back articles and, per size, nested random subsets of the others."""
    files = sorted(corpus.rglob("*.txt"))
    if len(files) <= held:
        sys.exit(f"error: {corpus}: {len(files)} .txt articles, more than --held {held} needed")
    order = random.Random(seed).sample(files, len(files))
    kept, rest = sorted(order[:held]), order[held:]
    subsets: dict[int, list[Path]] = {}
    for size in sizes:
        n = len(rest) if size == "all" else int(size)
        if n < 1 or n > len(rest):
            sys.exit(f"error: size {size}: between 1 and {len(rest)} articles are left here")
        subsets[n] = sorted(rest[:n])
    return kept, subsets


def child(listing: Path, out: Path, result: Path) -> None:
    """Build the listed articles into ``out`` (fresh) and write its figures as JSON."""
    from kg.pipeline import build

    files = [Path(line) for line in listing.read_text(encoding="utf-8").splitlines()]
    summary = build(files, out, fresh=True)
    figures = {
        "seconds": sum(s for phase, s in summary.seconds.items() if phase != "start"),
        "documents": summary.documents_in_graph,
        "triples": summary.triples,
    }
    result.write_text(json.dumps(figures), encoding="utf-8")


def full_build(files: list[Path], out: Path, work: Path) -> dict[str, float]:
    """Build ``files`` in a child process: its figures and its peak RSS in MB."""
    listing = work / f"build-{len(files)}.list"
    listing.write_text("".join(f"{f}\n" for f in files), encoding="utf-8")
    result = work / f"build-{len(files)}.json"
    command = [sys.executable, __file__, "--child", str(listing), str(out), str(result)]
    proc = subprocess.Popen(command)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"error: the build of {len(files)} articles failed (exit {proc.returncode})")
    figures = json.loads(result.read_text(encoding="utf-8"))
    figures["peak_mb"] = usage.ru_maxrss / 1024  # KiB on Linux
    return figures


def add_documents(files: list[Path], out: Path) -> tuple[float, dict[str, float]]:
    """Add ``files`` to the graph in ``out`` in this process: seconds without model loading,
    and the build's phase seconds."""
    from kg.pipeline import build

    clock = time.perf_counter()
    summary = build(files, out)
    seconds = time.perf_counter() - clock - summary.seconds.get("start", 0.0)
    if summary.documents_added != len(files):
        sys.exit(f"error: {summary.documents_added} of {len(files)} held-back articles added")
    return seconds, dict(summary.seconds)


def remove_documents(files: list[Path], out: Path, documents: int) -> float:
    """Remove the documents of ``files`` (by the paths they were built from) from the graph
    in ``out`` in this process: seconds (no model is loaded). The graph must be back to
    ``documents`` documents."""
    from kg.remove import remove_documents as remove

    clock = time.perf_counter()
    summary = remove(out, [str(f) for f in files])
    seconds = time.perf_counter() - clock
    if summary.documents_removed != len(files) or summary.documents_in_graph != documents:
        sys.exit(f"error: {summary.documents_removed} of {len(files)} held-back articles "
                 f"removed, {summary.documents_in_graph} documents left, not {documents}")
    return seconds


def warm_up(files: list[Path], work: Path) -> None:
    """Load the pipeline and everything a first build loads once per process, so that the
    first size's add is timed like the others: every held-back article parsed once (the
    words spaCy meets for the first time cost more: the 500 row's add took 1.24 s against
    0.77 s at 2,000 when only two were), and an addition and a removal made."""
    from kg.pipeline import build
    from kg.remove import remove_documents as remove

    build(files[1:], work / "warm-up", fresh=True)
    build(files[:1], work / "warm-up")
    remove(work / "warm-up", [str(f) for f in files[: max(1, len(files) // 2)]])


def ratio(large: float, small: float) -> str:
    return "n/a" if not small else f"{large / small:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument(
        "--sizes",
        default=DEFAULT_SIZES,
        help=f"graph sizes in articles, comma-separated (default {DEFAULT_SIZES})",
    )
    parser.add_argument("--held", type=int, default=10, help="articles added and removed")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument(
        "--work",
        type=Path,
        help="where the graphs are made (default: the system's temporary folder)",
    )
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"error: {args.corpus}: not a folder")
    held, subsets = draw(args.corpus, args.sizes.split(","), args.held, args.seed)
    with tempfile.TemporaryDirectory(dir=args.work) as scratch:
        work = Path(scratch)
        warm_up(held, work)
        time_cross_document()
        rows = []
        print("articles  documents  triples  build_s  peak_mb  add_s  add_outputs_s  "
              "add_xdoc_s  remove_s  remove_xdoc_s")
        for n, files in sorted(subsets.items()):
            out = work / f"graph-{n}"
            built = full_build(files, out, work)
            added, phases = add_documents(held, out)
            add_cross = CROSS.pop()
            removed = remove_documents(held, out, int(built["documents"]))
            remove_cross = CROSS.pop()
            rows.append((n, built, added, removed))
            print(
                f"{n:8d}  {int(built['documents']):9d}  {int(built['triples']):7d}  "
                f"{built['seconds']:7.1f}  {built['peak_mb']:7.0f}  {added:5.2f}  "
                f"{phases.get('outputs', 0.0):13.2f}  {add_cross:10.2f}  "
                f"{removed:8.2f}  {remove_cross:13.2f}",
                flush=True,
            )
    (_, _, add_small, remove_small), (_, big, add_big, remove_big) = rows[0], rows[-1]
    print(
        f"grow add{args.held}_20k_over_500={ratio(add_big, add_small)} "
        f"remove{args.held}_20k_over_500={ratio(remove_big, remove_small)} "
        f"build20k_s={big['seconds']:.1f} peak20k_mb={big['peak_mb']:.0f}"
    )


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
    else:
        main()
