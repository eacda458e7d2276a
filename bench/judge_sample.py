"""A judged sample of the facts of a held-out build: precision with a Wilson interval.

1. Draw: build (or reuse) the seeded 300-article sample of ``bench/sample300.py`` (the
   NewsKG articles left out) and draw facts at random (seeded) among its evidence nodes
   (one evidence = one fact read from one sentence). Each row gives the evidence IRI, the
   fact's labels, confidence, polarity, modality and sentence, and empty ``verdict`` and
   ``cause`` columns for the judge:

       python bench/judge_sample.py draw ../shared/corpus/reuters \\
           --exclude ../shared/bench/newskg/reuters-dev.txt --graph /tmp/kg-300 -o draw.tsv

   Verdicts: ``correct`` (the sentence states the fact, with its polarity, between the
   entities named), ``vague`` (true, but the object is a bare generic noun: "win prize"),
   ``wrong`` (with a short cause). Judge in that file (outside the repository: it quotes the
   articles), then keep only the evidence ids, verdicts and causes:

       python bench/judge_sample.py keep draw.tsv -o tests/data/judged-facts-baseline.tsv

2. Score: ``python bench/judge_sample.py --score tests/data/judged-facts-baseline.tsv``
   prints precision (vague counted as not correct) with its Wilson 95% interval, the
   verdict counts and the causes of the wrong ones. With ``--graph`` (the same build) it
   also prints the verdicts per extraction rule and per confidence third of the sample.
"""

from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

from sample300 import DOCS, SEED, add_arguments, ensure_graph

VERDICTS = ("correct", "vague", "wrong")
COLUMNS = ["evidence", "confidence", "polarity", "modality", "subject", "predicate", "object",
           "sentence", "verdict", "cause"]
KEPT = ["evidence", "verdict", "cause"]
EVIDENCE = """
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?ev ?conf ?polarity ?modality ?s ?p ?o ?sentence ?rule WHERE {
  ?ev a kg:Evidence ; rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object ;
      kg:sentence ?sentence ; kg:confidence ?conf ; kg:polarity ?polarity ;
      kg:modality ?modality ; kg:rule ?rule .
  ?subject rdfs:label ?s . ?predicate rdfs:label ?p . ?object rdfs:label ?o .
}"""


def kg_commit() -> str:
    """The last commit that changed kg's code or ontology (what the sample measures)."""
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(["git", "log", "-1", "--format=%h", "--", "kg", "ontology"],
                          cwd=root, capture_output=True, text=True)
    return done.stdout.strip() or "unknown"


def evidence_rows(graph_dir: Path) -> list[dict[str, str]]:
    from kg.query import run_query
    from kg.rdf.store import open_graph

    graph = open_graph(graph_dir)
    try:
        rows = [
            {"evidence": str(r.ev), "confidence": f"{float(r.conf):.3f}",
             "polarity": str(r.polarity), "modality": str(r.modality), "subject": str(r.s),
             "predicate": str(r.p), "object": str(r.o), "sentence": " ".join(r.sentence.split()),
             "rule": str(r.rule)}
            for r in run_query(graph, EVIDENCE, ontology=True)
        ]
    finally:
        graph.close()
    return sorted(rows, key=lambda row: row["evidence"])


def draw(args: argparse.Namespace) -> int:
    ensure_graph(args.corpus, args.graph, args.docs, args.seed, args.exclude)
    rows = evidence_rows(args.graph)
    picked = random.Random(args.seed).sample(rows, min(args.facts, len(rows)))
    command = (f"python bench/sample300.py {args.corpus} --graph GRAPH"
               f"{f' --exclude {args.exclude}' if args.exclude else ''}"
               f" --docs {args.docs} --seed {args.seed}")
    with open(args.output, "w", encoding="utf-8", newline="") as handle:
        handle.write(f"# kg judged facts: {len(picked)} of {len(rows)} evidence nodes drawn with "
                     f"seed {args.seed} from a build of {args.docs} articles: {command} "
                     f"(kg's defaults); kg commit {kg_commit()}\n")
        writer = csv.DictWriter(handle, COLUMNS, delimiter="\t", lineterminator="\n",
                                extrasaction="ignore")
        writer.writeheader()
        for row in picked:
            writer.writerow({**row, "verdict": "", "cause": ""})
    print(f"wrote {len(picked)} facts of {len(rows)} to {args.output}")
    return 0


def read_judged(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The comment lines and the rows of a judged file; a bad verdict is an error."""
    lines = path.read_text(encoding="utf-8").splitlines()
    comments = [line for line in lines if line.startswith("#")]
    rows = list(csv.DictReader([x for x in lines if not x.startswith("#")], delimiter="\t"))
    for number, row in enumerate(rows, len(comments) + 2):
        if row.get("verdict") not in VERDICTS:
            raise SystemExit(f"error: {path}:{number}: verdict {row.get('verdict')!r} is not "
                             f"one of {', '.join(VERDICTS)}")
    return comments, rows


def keep(args: argparse.Namespace) -> int:
    comments, rows = read_judged(Path(args.judged))
    with open(args.output, "w", encoding="utf-8", newline="") as handle:
        handle.writelines(line + "\n" for line in comments)
        writer = csv.DictWriter(handle, KEPT, delimiter="\t", lineterminator="\n",
                                extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    print(f"kept {len(rows)} verdicts in {args.output}")
    return 0


def wilson(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of a proportion."""
    if n == 0:
        return 0.0, 1.0
    phat = successes / n
    centre = phat + z * z / (2 * n)
    spread = z * ((phat * (1 - phat) + z * z / (4 * n)) / n) ** 0.5
    scale = 1 + z * z / n
    return max(0.0, (centre - spread) / scale), min(1.0, (centre + spread) / scale)


def score(path: Path, graph_dir: Path | None) -> int:
    _, rows = read_judged(path)
    counts = Counter(row["verdict"] for row in rows)
    n, right = len(rows), counts["correct"]
    low, high = wilson(right, n)
    print(f"judged facts: {n}; " + ", ".join(f"{v} {counts[v]}" for v in VERDICTS))
    print(f"precision {right / n:.3f} (Wilson 95% {low:.3f}-{high:.3f}); "
          f"correct or vague {(right + counts['vague']) / n:.3f}")
    # a cause is "kind: detail"; the kinds are counted
    causes = Counter(row["cause"].split(":")[0].strip() or "(none given)" for row in rows
                     if row["verdict"] == "wrong")
    for cause, count in causes.most_common():
        print(f"  wrong: {count:3d}  {cause}")
    if graph_dir is not None:
        facts = {r["evidence"]: r for r in evidence_rows(graph_dir)}
        confidence = {key: float(r["confidence"]) for key, r in facts.items()}
        by_rule = Counter((facts[row["evidence"]]["rule"], row["verdict"]) for row in rows)
        for rule in sorted({rule for rule, _ in by_rule}):
            print(f"rule {rule}: " + ", ".join(f"{v} {by_rule[(rule, v)]}" for v in VERDICTS))
        ranked = sorted(rows, key=lambda row: confidence[row["evidence"]])
        cuts = [0, n // 3, 2 * n // 3, n]
        for i, name in enumerate(["bottom", "middle", "top"]):
            part = ranked[cuts[i] : cuts[i + 1]]
            ok = sum(1 for row in part if row["verdict"] == "correct")
            span = [confidence[part[0]["evidence"]], confidence[part[-1]["evidence"]]]
            print(f"{name} third ({span[0]:.2f}-{span[1]:.2f}): {ok}/{len(part)} correct")
    return 0


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    if argv[:1] == ["--score"]:
        s = argparse.ArgumentParser(description="precision of a judged file")
        s.add_argument("--score", type=Path, required=True, metavar="FILE")
        s.add_argument("--graph", type=Path, help="the sample's build, for confidence thirds")
        args = s.parse_args(argv)
        return score(args.score, args.graph)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    d = commands.add_parser("draw", help="build (or reuse) the sample and draw facts")
    add_arguments(d)
    d.add_argument("--facts", type=int, default=100)
    d.add_argument("-o", "--output", default="draw.tsv")
    k = commands.add_parser("keep", help="a judged file without the quoted text")
    k.add_argument("judged")
    k.add_argument("-o", "--output", required=True)
    args = parser.parse_args(argv)
    return {"draw": draw, "keep": keep}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["DOCS", "SEED", "wilson"]
