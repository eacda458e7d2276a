"""Duplicates left apart, and merges made, in the seeded 300-article build (for hand judgement).

Run through ``bench/duplicates.py`` (``--audit``, ``--audit-score``, ``--merges``,
``--merges-score``); the build is ``bench/sample300.py``'s (the NewsKG articles left out).

- ``--audit``: the 100 most-mentioned named entities (most articles with ``kg:mentionedIn``,
  then most evidence nodes, then IRI; concepts left out) and, for each, every other node of
  the graph that may be the same real-world entity: the same label with another type, a
  shared name (label or alias), the same surname, an acronym, plural and singular, one name
  inside the other. The judge fills ``same`` (``y``: the same entity, a duplicate node;
  ``n``: distinct). ``--audit-score``: how many of the 100 have at least one duplicate.
- ``--merges``: 60 merge records (``kg:Merge``: an alias merged into an entity, with its
  rule) drawn with the seed; the judge fills ``same`` (``y``: the alias names the entity in
  that article). ``--merges-score``: merge precision with its Wilson interval.

The drawn files give the article file names (and, in the merge draw, a sentence of
context); judged files kept in the repository keep only the file names.
"""

from __future__ import annotations

import csv
import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from judge_sample import kg_commit, wilson

TOP = 100
MERGES = 60
JUDGED = ("y", "n")
MINOR = {"of", "the", "and", "for", "de", "&"}
#: Last words that are no surname (a company form on a name mistyped as a person).
NOT_SURNAMES = {"inc", "corp", "co", "ltd", "plc", "fund", "group", "cos", "bank", "sa", "ag"}
PREFIXES = """
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
NODES = PREFIXES + """
SELECT ?e ?class ?label (COUNT(DISTINCT ?d) AS ?docs) WHERE {
  ?e kg:mentionedIn ?d ; a ?class ; rdfs:label ?label . ?class rdfs:subClassOf+ kg:Entity .
} GROUP BY ?e ?class ?label"""
ALIASES = PREFIXES + "SELECT ?e ?alias WHERE { ?e kg:mentionedIn ?d ; skos:altLabel ?alias }"
EVIDENCE = PREFIXES + """
SELECT ?e (COUNT(DISTINCT ?ev) AS ?n) WHERE {
  { ?ev a kg:Evidence ; rdf:subject ?e } UNION { ?ev a kg:Evidence ; rdf:object ?e }
} GROUP BY ?e"""
SOURCES = PREFIXES + """
SELECT ?e ?source WHERE { ?e kg:mentionedIn ?d . ?d dcterms:source ?source }"""
MERGE_RECORDS = PREFIXES + """
SELECT ?m ?e ?label ?alias ?reason ?source WHERE {
  ?m a kg:Merge ; kg:mergedInto ?e ; kg:alias ?alias ; kg:mergeReason ?reason .
  ?e rdfs:label ?label .
  OPTIONAL { ?m prov:wasDerivedFrom ?d . ?d dcterms:source ?source }
}"""


@dataclass
class Node:
    iri: str
    kind: str
    label: str
    docs: int = 0
    evidence: int = 0
    aliases: set[str] = field(default_factory=set)
    files: set[str] = field(default_factory=set)


def fold(name: str) -> str:
    """A name folded for comparison: case, punctuation, a leading "the", possessive."""
    text = re.sub(r"['’]s\b", "", name.lower())
    words = re.sub(r"[^\w\s]", " ", text).split()
    while words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def read_nodes(graph_dir: Path) -> dict[str, Node]:
    from kg.query import run_query
    from kg.rdf.store import open_graph

    graph = open_graph(graph_dir)
    try:
        nodes: dict[str, Node] = {}
        for r in run_query(graph, NODES, ontology=True):
            kind = str(r["class"]).rsplit("#", 1)[-1]
            node = nodes.setdefault(str(r.e), Node(str(r.e), kind, str(r.label)))
            node.docs = max(node.docs, int(r.docs))
        for r in run_query(graph, ALIASES, ontology=True):
            nodes[str(r.e)].aliases.add(str(r.alias))
        for r in run_query(graph, EVIDENCE, ontology=True):
            if str(r.e) in nodes:
                nodes[str(r.e)].evidence = int(r.n)
        for r in run_query(graph, SOURCES, ontology=True):
            nodes[str(r.e)].files.add(Path(str(r.source)).name)
    finally:
        graph.close()
    return nodes


def most_mentioned(nodes: dict[str, Node], n: int = TOP) -> list[Node]:
    named = [node for node in nodes.values() if node.kind != "Concept"]
    return sorted(named, key=lambda x: (-x.docs, -x.evidence, x.iri))[:n]


def initials(name: str) -> str:
    return "".join(w[0] for w in fold(name).split() if w not in MINOR)


def plural_pair(a: str, b: str) -> bool:
    """Two folded names that differ only by the number of their last word."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or wa[:-1] != wb[:-1] or wa == wb:
        return False
    x, y = sorted([wa[-1], wb[-1]], key=len)
    return y in {x + "s", x + "es"} or (x.endswith("y") and y == x[:-1] + "ies")


def contains(short: str, long: str) -> bool:
    ws, wl = short.split(), long.split()
    if not ws or len(ws) >= len(wl) or all(w in MINOR for w in ws):
        return False
    return any(wl[i : i + len(ws)] == ws for i in range(len(wl) - len(ws) + 1))


def reasons(top: Node, other: Node) -> list[str]:
    """Why ``other`` may be the same entity as ``top`` (empty: no reason)."""
    a, b = fold(top.label), fold(other.label)
    if not a or not b:
        return []
    found = []
    if a == b:
        found.append("same label, other type" if top.kind != other.kind else "same label")
    names_a = {a} | {fold(x) for x in top.aliases}
    names_b = {b} | {fold(x) for x in other.aliases}
    if a != b and names_a & names_b:
        found.append("shared name")
    for p, q in ((top, other), (other, top)):
        wp, wq = fold(p.label).split(), fold(q.label).split()
        if (p.kind == "Person" and len(wp) > 1 and wq and wq[-1] == wp[-1] and wq != wp
                and wp[-1] not in NOT_SURNAMES):
            found.append("same surname")
            break
    compact_a, compact_b = a.replace(" ", ""), b.replace(" ", "")
    if (len(compact_b) >= 2 and " " in a and initials(top.label) == compact_b) or (
        len(compact_a) >= 2 and " " in b and initials(other.label) == compact_a
    ):
        found.append("acronym")
    if plural_pair(a, b):
        found.append("plural/singular")
    if (contains(a, b) or contains(b, a)) and "same surname" not in found:
        found.append("name inside the other")
    return found


def audit_rows(nodes: dict[str, Node]) -> list[dict[str, Any]]:
    rows = []
    for rank, top in enumerate(most_mentioned(nodes), 1):
        for other in sorted(nodes.values(), key=lambda x: x.iri):
            why = reasons(top, other) if other.iri != top.iri else []
            if why:
                rows.append({
                    "rank": rank, "entity": top.iri, "type": top.kind, "label": top.label,
                    "docs": top.docs, "candidate": other.iri, "candidate_type": other.kind,
                    "candidate_label": other.label, "candidate_docs": other.docs,
                    "reasons": "; ".join(why),
                    "files": " ".join(sorted(other.files)[:3]), "same": "", "note": ""})
    return rows


AUDIT_FIELDS = ["rank", "entity", "type", "label", "docs", "candidate", "candidate_type",
                "candidate_label", "candidate_docs", "reasons", "files", "same", "note"]


def write(path: Path, header: str, fields: list[str], rows: list[dict[str, Any]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(header + "\n")
        writer = csv.DictWriter(handle, fields, delimiter="\t", lineterminator="\n",
                                extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def audit(graph_dir: Path, output: Path, command: str) -> int:
    nodes = read_nodes(graph_dir)
    rows = audit_rows(nodes)
    tops = {row["entity"] for row in rows}
    write(output, f"# kg duplicate audit: candidates for the {TOP} most-mentioned named "
          f"entities ({len(tops)} have some) of {command}; kg commit {kg_commit()}",
          AUDIT_FIELDS, rows)
    print(f"wrote {len(rows)} candidate pairs for {len(tops)} of the top {TOP} to {output}")
    return 0


def read_judged(path: Path) -> list[dict[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    body = [line for line in lines if not line.startswith("#")]
    rows = list(csv.DictReader(body, delimiter="\t"))
    for number, row in enumerate(rows, len(lines) - len(body) + 2):
        if row.get("same") not in JUDGED:
            raise SystemExit(f"error: {path}:{number}: same {row.get('same')!r} is not y or n")
    return rows


def audit_score(path: Path) -> int:
    rows = read_judged(path)
    dup: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        if row["same"] == "y":
            dup[row["label"]].append(row["candidate_label"])
    kinds = Counter(r["reasons"].split(";")[0] for r in rows if r["same"] == "y")
    print(f"candidate pairs judged: {len(rows)} ({sum(r['same'] == 'y' for r in rows)} "
          f"duplicates) for {len({r['entity'] for r in rows})} of the top {TOP}")
    print(f"top-{TOP} entities with a duplicate node: {len(dup)}")
    for kind, count in kinds.most_common():
        print(f"  duplicate pairs by first reason: {count:3d}  {kind}")
    for label, others in sorted(dup.items()):
        print(f"  {label}: {', '.join(others)}")
    return 0


MERGE_FIELDS = ["merge", "entity", "label", "alias", "reason", "files", "context", "same", "note"]


def context(corpus: Path, files: list[str], name: str) -> str:
    """The first paragraph of the articles that contains the name (clipped around it)."""
    pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.IGNORECASE)
    for file in files:
        path = corpus / file
        if not path.is_file():
            continue
        for paragraph in path.read_text(encoding="utf-8", errors="replace").splitlines():
            found = pattern.search(paragraph)
            if found:
                start = max(0, found.start() - 150)
                return f"[{file}] " + " ".join(paragraph[start : found.end() + 150].split())
    return ""


def merge_rows(graph_dir: Path) -> list[dict[str, Any]]:
    from kg.query import run_query
    from kg.rdf.store import open_graph

    graph = open_graph(graph_dir)
    try:
        merges: dict[str, dict[str, Any]] = {}
        for r in run_query(graph, MERGE_RECORDS, ontology=True):
            row = merges.setdefault(str(r.m), {
                "merge": str(r.m), "entity": str(r.e), "label": str(r.label),
                "alias": str(r.alias), "reason": str(r.reason), "files": set()})
            if r.source is not None:
                row["files"].add(Path(str(r.source)).name)
    finally:
        graph.close()
    return [merges[key] for key in sorted(merges)]


def merges(graph_dir: Path, corpus: Path, output: Path, seed: int, command: str) -> int:
    rows = merge_rows(graph_dir)
    picked = random.Random(seed).sample(rows, min(MERGES, len(rows)))
    for row in picked:
        files = sorted(row["files"])
        row["context"] = context(corpus, files, row["alias"]) if files else ""
        row["files"] = " ".join(files)
    write(output, f"# kg merge sample: {len(picked)} of {len(rows)} merge records drawn with "
          f"seed {seed} from {command}; kg commit {kg_commit()}", MERGE_FIELDS, picked)
    print(f"wrote {len(picked)} of {len(rows)} merges to {output}")
    return 0


def keep_merges(judged: Path, output: Path) -> int:
    """A judged merge sample without the quoted context (the file names stay)."""
    lines = judged.read_text(encoding="utf-8").splitlines()
    rows = read_judged(judged)
    fields = [f for f in MERGE_FIELDS if f != "context"]
    write(output, "\n".join(x for x in lines if x.startswith("#")), fields, rows)
    print(f"kept {len(rows)} judged merges in {output}")
    return 0


def merges_score(path: Path) -> int:
    rows = read_judged(path)
    right = sum(1 for row in rows if row["same"] == "y")
    low, high = wilson(right, len(rows))
    print(f"merges judged: {len(rows)}; right {right}, wrong {len(rows) - right}")
    print(f"merge precision {right / len(rows):.3f} (Wilson 95% {low:.3f}-{high:.3f})")
    by_reason = Counter((row["reason"], row["same"]) for row in rows)
    for reason in sorted({row["reason"] for row in rows}):
        print(f"  {reason}: {by_reason[(reason, 'y')]} right, {by_reason[(reason, 'n')]} wrong")
    for row in rows:
        if row["same"] == "n":
            print(f"  wrong: {row['alias']} -> {row['label']} ({row['reason']}): {row['note']}")
    return 0
