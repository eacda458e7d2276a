"""NewsKG adapter: build listed articles with kg's defaults, print the graph as predictions.

    python bench/newskg.py ../shared/corpus ../shared/bench/newskg/reuters-dev.txt -o pred.jsonl
    python3 ../shared/bench/newskg_score.py --gold ../shared/bench/newskg/reuters-dev.gold.jsonl \\
        --pred pred.jsonl

The articles (paths in LIST relative to CORPUS_ROOT, one a line) are built into a fresh
temporary graph by ``kg.pipeline.build`` (what ``kg build`` runs, default settings), and
everything printed is read back from that graph's store by SPARQL; the script only converts
formats. One JSON line per listed article, in list order:

- ``doc``: the listed path. The document node records the path it was read from
  (``dcterms:source``), which is CORPUS_ROOT/path here.
- ``entities``: every entity with ``kg:mentionedIn`` the document: ``id`` the entity IRI,
  ``label`` its ``rdfs:label``, ``aliases`` its ``skos:altLabel``s (the graph's, from every
  article), ``type`` its class mapped to NewsKG's nine types by ``TYPES``.
- ``facts``: every evidence node derived from the document (``prov:wasDerivedFrom``),
  one line per (subject, predicate, object, polarity): ``subject``/``object`` the entity
  IRIs, ``predicate`` the property's ``rdfs:label``, ``confidence`` the highest
  ``kg:confidence`` of its evidence in the article, ``polarity`` and ``modality`` of that
  evidence, ``rule`` that evidence's ``kg:rule`` (which extraction rule read it),
  ``evidence`` the evidence IRIs. A denied fact has negative polarity (and no plain
  triple in the graph, only its evidence). Statements with a generic concept end
  (``kg:ConceptStatement``, "won a prize") are no facts between entities and not printed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

#: kg class (local name) -> NewsKG type. kg has no class for works; Infrastructure (named
#: facilities, pipelines, sites) is a place in NewsKG's guidelines; Group (nationalities,
#: religious and political groups) is Other, and so is Concept (a generic noun phrase), which
#: only graphs built before concepts left the entity graph have as nodes.
TYPES = {
    "Person": "Person",
    "Organization": "Organization",
    "Country": "Country",
    "Place": "Place",
    "Product": "Product",
    "Commodity": "Commodity",
    "Event": "Event",
    "Infrastructure": "Place",
    "Group": "Other",
    "Concept": "Other",
}
#: When an entity carries two classes, the more specific one wins.
SPECIFIC = ["Country", "Commodity", *TYPES]

PREFIXES = """
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
DOCUMENTS = PREFIXES + "SELECT ?doc ?source WHERE { ?doc a kg:Document ; dcterms:source ?source }"
ENTITIES = PREFIXES + """
SELECT ?doc ?e ?class ?label WHERE {
  ?e kg:mentionedIn ?doc ; a ?class ; rdfs:label ?label .
  ?class rdfs:subClassOf+ kg:Entity .
}"""
ALIASES = PREFIXES + """
SELECT DISTINCT ?e ?alias WHERE { ?e kg:mentionedIn ?doc ; skos:altLabel ?alias }"""
FACTS = PREFIXES + """
SELECT ?doc ?ev ?s ?p ?o ?plabel ?conf ?polarity ?modality ?rule WHERE {
  ?ev a kg:Evidence ; prov:wasDerivedFrom ?doc ;
      rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?p rdfs:label ?plabel }
  OPTIONAL { ?ev kg:confidence ?conf }
  OPTIONAL { ?ev kg:polarity ?polarity }
  OPTIONAL { ?ev kg:modality ?modality }
  OPTIONAL { ?ev kg:rule ?rule }
}"""


def read_list(root: Path, listing: Path) -> list[str]:
    """The listed paths (relative to root), each checked to be a file."""
    paths = [line.strip() for line in listing.read_text(encoding="utf-8").splitlines()]
    paths = [p for p in paths if p and not p.startswith("#")]
    if not paths:
        raise SystemExit(f"error: {listing}: no articles listed")
    for path in paths:
        if not (root / path).is_file():
            raise SystemExit(f"error: {listing}: {root / path}: no such file")
    return paths


def entity_type(classes: set[str]) -> str:
    for name in SPECIFIC:
        if name in classes:
            return TYPES[name]
    return "Other"


def predictions(graph: Any, root: Path, listed: list[str]) -> list[dict[str, Any]]:
    """The NewsKG lines of ``listed`` read from ``graph`` (an rdflib graph over the store)."""
    from kg.query import run_query

    by_source = {os.path.normpath(str(root / p)): p for p in listed}
    doc_of: dict[str, str] = {}
    for row in run_query(graph, DOCUMENTS, ontology=True):
        listed_as = by_source.get(os.path.normpath(str(row.source)))
        if listed_as is not None:
            doc_of[str(row.doc)] = listed_as
    missing = set(listed) - set(doc_of.values())
    if missing:
        # Document ids are hashes of the text: two listed files with one text share a node.
        raise SystemExit(f"error: no document node records the source of {sorted(missing)[0]}")
    aliases: dict[str, set[str]] = defaultdict(set)
    for row in run_query(graph, ALIASES, ontology=True):
        aliases[str(row.e)].add(str(row.alias))
    classes: dict[tuple[str, str], set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    for row in run_query(graph, ENTITIES, ontology=True):
        if str(row.doc) in doc_of:
            classes[(doc_of[str(row.doc)], str(row.e))].add(str(row["class"]).rsplit("#")[-1])
            labels[str(row.e)] = str(row.label)
    entities: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (doc, node), kinds in sorted(classes.items()):
        entities[doc].append({"id": node, "label": labels[node],
                              "aliases": sorted(aliases[node]), "type": entity_type(kinds)})
    facts = collect_facts(graph, doc_of)
    return [{"doc": doc, "entities": entities[doc], "facts": facts[doc]} for doc in listed]


def collect_facts(graph: Any, doc_of: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """Per listed document, one fact per (subject, predicate, object, polarity)."""
    from kg.query import run_query

    best: dict[tuple[str, ...], dict[str, Any]] = {}
    for row in run_query(graph, FACTS, ontology=True):
        doc = doc_of.get(str(row.doc))
        if doc is None:
            continue
        label = str(row.plabel) if row.plabel is not None else str(row.p).rsplit("/", 1)[-1]
        polarity = str(row.polarity) if row.polarity is not None else "positive"
        key = (doc, str(row.s), label, str(row.o), polarity)
        confidence = float(row.conf) if row.conf is not None else 0.0
        fact = best.get(key)
        if fact is None:
            fact = best[key] = {"subject": str(row.s), "predicate": label, "object": str(row.o),
                                "confidence": -1.0, "polarity": polarity, "modality": "",
                                "rule": "", "evidence": []}
        fact["evidence"].append(str(row.ev))
        if confidence > fact["confidence"]:
            fact["confidence"] = round(confidence, 4)
            fact["modality"] = str(row.modality) if row.modality is not None else "asserted"
            fact["rule"] = str(row.rule) if row.rule is not None else ""
    facts: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (doc, *_), fact in sorted(best.items()):
        fact["evidence"].sort()
        facts[doc].append(fact)
    return facts


def run(root: Path, listing: Path, model: str | None, graph_dir: Path | None) -> list[dict]:
    from kg.pipeline import build
    from kg.rdf.store import open_graph

    listed = read_list(root, listing)
    with tempfile.TemporaryDirectory(prefix="kg-newskg-") as tmp:
        out = graph_dir or Path(tmp) / "out"
        build([root / p for p in listed], out, fresh=True, model=model)
        graph = open_graph(out)
        try:
            return predictions(graph, root, listed)
        finally:
            graph.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path, help="corpus root the list is relative to")
    parser.add_argument("listing", type=Path, help="articles, one path a line")
    parser.add_argument("--model", help="spaCy model (default: kg's)")
    parser.add_argument("-o", "--output", help="prediction JSONL (default: stdout)")
    parser.add_argument("--graph", type=Path, help="build into this folder and keep it")
    args = parser.parse_args(argv)
    lines = run(args.root, args.listing, args.model, args.graph)
    text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
