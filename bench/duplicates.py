"""Merge precision and recall of kg's entity resolution, from pairs judged by hand.

1. Draw: build a graph from a seeded sample of articles and draw candidate pairs at random
   (fixed seed), in two strata:

   - ``merged``: a name kg merged into an entity (an skos:altLabel) and the entity's label;
   - ``apart``: two entities kg kept apart whose names look alike (share a name word, one
     is the initials of the other, or similar strings).

   Each pair is written with a sentence of context for either side, and an empty
   ``same`` column for the annotator (``y``: one real-world entity, ``n``: two).

       python bench/duplicates.py draw ../shared/corpus/reuters -o pairs.tsv

   Judge the pairs in that file (outside the repository: it quotes the articles), then keep
   the judgements without the quoted text (only the article file names stay):

       python bench/duplicates.py keep pairs.tsv -o tests/data/duplicates-judged.tsv

2. Score: read a judged file and print merge precision (merged pairs that are one entity)
   and recall (one-entity pairs that kg merged; apart pairs weighted up to their stratum).

       python bench/duplicates.py score tests/data/duplicates-judged.tsv

3. Audit (``bench/dup_audit.py``): on the seeded 300-article build of
   ``bench/sample300.py`` (the NewsKG articles left out), the duplicates left apart among
   the 100 most-mentioned entities, and a sample of 60 merges made, both judged by hand:

       python bench/duplicates.py --audit ../shared/corpus/reuters \
           --exclude ../shared/bench/newskg/reuters-dev.txt --graph /tmp/kg-300 -o audit.tsv
       python bench/duplicates.py --audit-score tests/data/duplicate-audit-baseline.tsv
       python bench/duplicates.py --merges ../shared/corpus/reuters \
           --exclude ../shared/bench/newskg/reuters-dev.txt --graph /tmp/kg-300 -o merges.tsv
       python bench/duplicates.py --merges-keep merges.tsv \
           -o tests/data/merge-sample-baseline.tsv
       python bench/duplicates.py --merges-score tests/data/merge-sample-baseline.tsv
"""

from __future__ import annotations

import argparse
import csv
import difflib
import random
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from kg.lexicons import normalise
from kg.ontology import KG
from kg.pipeline import build
from kg.rdf.graph import read_turtle

sys.path.insert(0, str(Path(__file__).resolve().parent))
import dup_audit  # noqa: E402  (bench/ scripts import each other)
from judge_sample import wilson  # noqa: E402
from sample300 import add_arguments, ensure_graph  # noqa: E402

SKIP_TYPES = {KG.Concept, KG.Commodity}
STOPWORDS = set(
    """the of and for in on de inc corp co ltd plc group bank national international
    american new first general united company corporation s""".split()
)
FIELDS = ["stratum", "pair", "type_a", "name_a", "context_a", "type_b", "name_b", "context_b"]


def sample_files(corpus: Path, n: int, seed: int) -> list[Path]:
    """A seeded sample of n articles (sorted, so the draw is the same on every machine)."""
    files = sorted(corpus.glob("*.txt"))
    return sorted(random.Random(seed).sample(files, min(n, len(files))))


def entities(graph: Graph) -> dict[URIRef, tuple[str, str, list[str], list[URIRef]]]:
    """Entity -> (type, label, aliases, documents)."""
    found = {}
    for node, type_ in graph.subject_objects(RDF.type):
        if not isinstance(node, URIRef) or (type_, RDFS.subClassOf, None) not in graph:
            continue
        if type_ in SKIP_TYPES or not str(type_).startswith(str(KG)):
            continue
        label = graph.value(node, RDFS.label)
        if label is None:
            continue
        aliases = sorted(str(a) for a in graph.objects(node, SKOS.altLabel))
        docs = sorted(URIRef(str(d)) for d in graph.objects(node, KG.mentionedIn))
        found[node] = (str(type_).rsplit("#", 1)[-1], str(label), aliases, docs)
    return found


def context(graph: Graph, docs: list[URIRef], name: str, cache: dict[str, str]) -> str:
    """The paragraph (clipped around the name) of the first document that contains it."""
    pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.IGNORECASE)
    for doc in docs:
        source = str(graph.value(doc, DCTERMS.source))
        if source not in cache:
            cache[source] = Path(source).read_text(encoding="utf-8", errors="replace")
        for paragraph in cache[source].splitlines():
            found = pattern.search(paragraph)
            if found:
                start = max(0, found.start() - 150)
                clip = " ".join(paragraph[start : found.end() + 150].split())
                return f"[{Path(source).name}] " + clip
    return ""


def initials(name: str) -> str:
    return "".join(w[0] for w in normalise(name).split() if w not in {"of", "the", "and"})


def alike(a: str, b: str) -> bool:
    """Names that a careless merger would fold: a shared name word, initials, similar."""
    na, nb = normalise(a), normalise(b)
    wa, wb = set(na.split()) - STOPWORDS, set(nb.split()) - STOPWORDS
    if wa & wb:
        return True
    if len(na) <= 5 and " " not in na and na == initials(b):
        return True
    if len(nb) <= 5 and " " not in nb and nb == initials(a):
        return True
    return difflib.SequenceMatcher(None, na, nb).ratio() >= 0.8


def draw(args: argparse.Namespace) -> int:
    files = sample_files(Path(args.corpus), args.docs, args.seed)
    if args.graph and (Path(args.graph) / "graph.ttl").is_file():
        graph = read_turtle(Path(args.graph) / "graph.ttl")
    else:
        out = Path(args.graph or tempfile.mkdtemp(prefix="kg-dup-"))
        build(files, out, fresh=True)
        graph = read_turtle(out / "graph.ttl")
    ents = entities(graph)
    merged = [
        (node, alias) for node, (_, _, aliases, _) in sorted(ents.items()) for alias in aliases
    ]
    nodes = sorted(ents)
    # Blocking: only names sharing a word, a 3-letter prefix, or initials are compared.
    blocks: dict[str, list[URIRef]] = defaultdict(list)
    for node in nodes:
        norm = normalise(ents[node][1])
        keys = {f"w:{w}" for w in set(norm.split()) - STOPWORDS} | {f"p:{norm[:3]}"}
        keys |= {f"w:{initials(ents[node][1])}"} if " " in norm else set()
        for key in keys:
            blocks[key].append(node)
    apart_set: set[tuple[URIRef, URIRef]] = set()
    for block in blocks.values():
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if ("Person" in (ents[a][0], ents[b][0])) and ents[a][0] != ents[b][0]:
                    continue
                if alike(ents[a][1], ents[b][1]):
                    apart_set.add((min(a, b), max(a, b)))
    apart = sorted(apart_set)
    rng = random.Random(args.seed)
    picked_merged = rng.sample(merged, min(args.pairs // 2, len(merged)))
    picked_apart = rng.sample(apart, min(args.pairs - len(picked_merged), len(apart)))
    cache: dict[str, str] = {}
    rows = []
    for node, alias in picked_merged:
        type_, label, _, docs = ents[node]
        merged_in = sorted(
            URIRef(str(d))
            for m in graph.subjects(KG.mergedInto, node)
            if str(graph.value(m, KG.alias)) == alias
            for d in graph.objects(m, PROV.wasDerivedFrom)
        )
        rows.append(
            {
                "stratum": "merged",
                "pair": f"{node} | {alias}",
                "type_a": type_,
                "name_a": label,
                "context_a": context(graph, docs, label, cache),
                "type_b": type_,
                "name_b": alias,
                "context_b": context(graph, merged_in or docs, alias, cache),
            }
        )
    for a, b in picked_apart:
        rows.append(
            {
                "stratum": "apart",
                "pair": f"{a} | {b}",
                "type_a": ents[a][0],
                "name_a": ents[a][1],
                "context_a": context(graph, ents[a][3], ents[a][1], cache),
                "type_b": ents[b][0],
                "name_b": ents[b][1],
                "context_b": context(graph, ents[b][3], ents[b][1], cache),
            }
        )
    with open(args.output, "w", encoding="utf-8", newline="") as handle:
        handle.write(
            f"# kg duplicates draw: {len(files)} articles of {args.corpus} (seed {args.seed}); "
            f"population merged={len(merged)} apart={len(apart)}\n"
        )
        writer = csv.DictWriter(
            handle, [*FIELDS, "same", "note"], delimiter="\t", lineterminator="\n"
        )
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "same": "", "note": ""})
    print(f"wrote {len(rows)} pairs to {args.output} (merged {len(merged)}, apart {len(apart)})")
    return 0


def score(args: argparse.Namespace) -> int:
    path = Path(args.judged)
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0]
    population = dict(re.findall(r"(merged|apart)=(\d+)", header))
    rows = list(csv.DictReader(lines[1:], delimiter="\t"))
    judged = [r for r in rows if r["same"] in {"y", "n"}]
    counts = {(s, j): 0 for s in ("merged", "apart") for j in ("y", "n")}
    for row in judged:
        counts[(row["stratum"], row["same"])] += 1
    merged_n = counts[("merged", "y")] + counts[("merged", "n")]
    apart_n = counts[("apart", "y")] + counts[("apart", "n")]
    precision = counts[("merged", "y")] / merged_n if merged_n else float("nan")
    raw_recall_den = counts[("merged", "y")] + counts[("apart", "y")]
    raw_recall = counts[("merged", "y")] / raw_recall_den if raw_recall_den else float("nan")
    # Weight each stratum's sample up to its population to estimate the true pair counts.
    pop_m, pop_a = int(population.get("merged", merged_n)), int(population.get("apart", apart_n))
    tp = precision * pop_m
    fn = (counts[("apart", "y")] / apart_n) * pop_a if apart_n else 0.0
    recall = tp / (tp + fn) if tp + fn else float("nan")
    print(f"judged pairs: {len(judged)} (merged {merged_n}, apart {apart_n})")
    print(
        f"merged: {counts[('merged', 'y')]} same, {counts[('merged', 'n')]} different; "
        f"apart: {counts[('apart', 'y')]} same, {counts[('apart', 'n')]} different"
    )
    print(f"merge precision: {precision:.3f}")
    print(f"merge recall (sample): {raw_recall:.3f}")
    print(
        f"merge recall (weighted to populations merged={pop_m}, apart={pop_a}): {recall:.3f}"
    )
    p_low, p_high = wilson(counts[("merged", "y")], merged_n)
    m_low, m_high = wilson(counts[("apart", "y")], apart_n)
    r_low = p_low * pop_m / (p_low * pop_m + m_high * pop_a) if p_low else 0.0
    r_high = p_high * pop_m / (p_high * pop_m + m_low * pop_a) if p_high else 0.0
    print(f"95% intervals (Wilson): precision {p_low:.3f}-{p_high:.3f}, "
          f"weighted recall {r_low:.3f}-{r_high:.3f}")
    return 0


def keep(args: argparse.Namespace) -> int:
    """Copy a judged file, each context cut down to the article it came from."""
    lines = Path(args.judged).read_text(encoding="utf-8").splitlines()
    rows = list(csv.DictReader(lines[1:], delimiter="\t"))
    for row in rows:
        for side in ("context_a", "context_b"):
            row[side] = row[side].split("]", 1)[0].lstrip("[") if row[side] else ""
    with open(args.output, "w", encoding="utf-8", newline="") as handle:
        handle.write(lines[0] + "\n")
        writer = csv.DictWriter(handle, list(rows[0]), delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"kept {len(rows)} judged pairs in {args.output}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    d = commands.add_parser("draw", help="build a graph and draw pairs to judge")
    d.add_argument("corpus", help="folder of .txt articles (../shared/corpus/reuters)")
    d.add_argument("-o", "--output", default="pairs.tsv")
    d.add_argument("--docs", type=int, default=300, help="articles to sample (default 300)")
    d.add_argument("--pairs", type=int, default=120, help="pairs to draw (default 120)")
    d.add_argument("--seed", type=int, default=4)
    d.add_argument("--graph", help="graph folder to build into, or to read when built")
    k = commands.add_parser("keep", help="a judged file without the quoted article text")
    k.add_argument("judged")
    k.add_argument("-o", "--output", required=True)
    s = commands.add_parser("score", help="precision and recall from a judged file")
    s.add_argument("judged")
    for name, what in (("audit", "candidate duplicates of the 100 most-mentioned entities"),
                       ("merges", "a sample of the build's merge records")):
        a = commands.add_parser(name, help=what)
        add_arguments(a)
        a.add_argument("-o", "--output", required=True)
    for name in ("audit-score", "merges-score", "merges-keep"):
        j = commands.add_parser(name, help="read a judged file")
        j.add_argument("judged", type=Path)
        if name == "merges-keep":
            j.add_argument("-o", "--output", type=Path, required=True)
    if argv is None:
        argv = sys.argv[1:]
    # The audit modes are also spelled as options: --audit, --audit-score, ...
    if argv[:1] and argv[0].lstrip("-") in AUDIT_MODES:
        argv = [argv[0].lstrip("-"), *argv[1:]]
    args = parser.parse_args(argv)
    if args.command in AUDIT_MODES:
        return audit_mode(args)
    return {"draw": draw, "keep": keep, "score": score}[args.command](args)


AUDIT_MODES = {"audit", "audit-score", "merges", "merges-score", "merges-keep"}


def audit_mode(args: argparse.Namespace) -> int:
    if args.command == "audit-score":
        return dup_audit.audit_score(args.judged)
    if args.command == "merges-score":
        return dup_audit.merges_score(args.judged)
    if args.command == "merges-keep":
        return dup_audit.keep_merges(args.judged, args.output)
    ensure_graph(args.corpus, args.graph, args.docs, args.seed, args.exclude)
    command = (f"python bench/sample300.py {args.corpus}"
               f"{f' --exclude {args.exclude}' if args.exclude else ''}"
               f" --docs {args.docs} --seed {args.seed}")
    if args.command == "audit":
        return dup_audit.audit(args.graph, args.output, command)
    return dup_audit.merges(args.graph, args.corpus, args.output, args.seed, command)


if __name__ == "__main__":
    sys.exit(main())
