"""The summary's counts of a graph, kept by delta (issue 20): :class:`Counts`.

What ``kg build`` and ``kg remove`` report of the whole graph (entities by type, facts by
predicate, evidence, documents, triples) was counted by SPARQL over the new snapshot at
every build: 1 s of an addition of 10 articles to the 19k-article Reuters graph, and
growing with it. Now a snapshot keeps its counts in the store's named graph
``COUNTS_GRAPH`` (bookkeeping: no reader sees it, ``kg.rdf.oxstore.data_graphs``), and a
build that starts from it applies each triple it really adds or removes to them
(:meth:`Counts.change`; :class:`kg.rdf.builder.Builder` for the documents' triples,
``kg.rdf.oxstore.OxigraphStore`` for the cross-document step's and ``kg.retract``'s edits
through rdflib). A build that starts from nothing, from ``graph.ttl`` or from a store
without counts (or counted under another ontology) counts by SPARQL once (:func:`recount`)
and stores the result. Both ways give the same numbers (``tests/graph/test_counts.py``).

The definitions, of the data (the default graph):

- ``types``: subjects of ``rdf:type C`` per class C below ``kg:Entity``;
- ``facts``: triples whose predicate is below ``kg:relatedTo`` (the ontology's properties
  and the open relations, ``rel:``) and whose subject is an entity key (``ent:{slug}``), by
  predicate;
- ``evidence``, ``documents``: subjects of ``rdf:type kg:Evidence`` / ``kg:Document``;
- ``triples``: every triple (the summary adds the ontology's).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from rdflib.namespace import RDF, RDFS

from kg.ontology import COUNTS_GRAPH, ENT, KG, REL, load_ontology, ontology_path

#: Bumped when a definition above changes: counts kept under another are made again.
VERSION = "1"
_RECORD = KG.counts
_TYPE = str(RDF.type)
_ENT = str(ENT)
_REL = str(REL)
_EVIDENCE = str(KG.Evidence)
_DOCUMENT = str(KG.Document)


@cache
def _ontology() -> tuple[frozenset[str], frozenset[str], str]:
    """The entity classes and the fact predicates of kg's ontology, and its digest."""
    graph = load_ontology()
    classes = {str(c) for c in graph.transitive_subjects(RDFS.subClassOf, KG.Entity)}
    predicates = {str(p) for p in graph.transitive_subjects(RDFS.subPropertyOf, KG.relatedTo)}
    classes.discard(str(KG.Entity))
    predicates.discard(str(KG.relatedTo))
    digest = hashlib.sha256(ontology_path().read_bytes()).hexdigest()[:16]
    return frozenset(classes), frozenset(predicates), f"{VERSION}:{digest}"


def is_fact(subject: str, predicate: str) -> bool:
    """Whether a triple counts as a fact: a fact predicate from an entity key."""
    if not subject.startswith(_ENT) or "/" in subject[len(_ENT):]:
        return False
    return predicate.startswith(_REL) or predicate in _ontology()[1]


@dataclass
class Counts:
    """The counts of a graph's data (see the module's docstring), by IRI."""

    triples: int = 0
    types: Counter[str] = field(default_factory=Counter)
    facts: Counter[str] = field(default_factory=Counter)
    evidence: int = 0
    documents: int = 0

    def change(self, s: str, p: str, o: str, sign: int) -> None:
        """A triple (its terms' IRIs or lexical forms) added (+1) or removed (-1) for real."""
        self.triples += sign
        if p == _TYPE:
            if o == _EVIDENCE:
                self.evidence += sign
            elif o == _DOCUMENT:
                self.documents += sign
            elif o in _ontology()[0]:
                self.types[o] += sign
        elif is_fact(s, p):
            self.facts[p] += sign

    def to_json(self) -> str:
        return json.dumps({
            "version": _ontology()[2], "triples": self.triples, "evidence": self.evidence,
            "documents": self.documents, "types": {k: v for k, v in self.types.items() if v},
            "facts": {k: v for k, v in self.facts.items() if v},
        }, sort_keys=True)  # fmt: skip

    @staticmethod
    def from_json(text: str) -> Counts | None:
        """The counts written by :meth:`to_json` (None: another version or ontology)."""
        try:
            data = json.loads(text)
            if data.get("version") != _ontology()[2]:
                return None
            return Counts(int(data["triples"]), Counter(data["types"]),
                          Counter(data["facts"]), int(data["evidence"]),
                          int(data["documents"]))  # fmt: skip
        except (ValueError, KeyError, TypeError, AttributeError):
            return None


def read(store: Any) -> Counts | None:
    """The counts a pyoxigraph store keeps (None: none, or stale)."""
    import pyoxigraph as ox

    quads = store.quads_for_pattern(ox.NamedNode(str(_RECORD)), ox.NamedNode(str(_RECORD)),
                                    None, ox.NamedNode(str(COUNTS_GRAPH)))  # fmt: skip
    for quad in quads:
        return Counts.from_json(quad.object.value)
    return None


def write(store: Any, counts: Counts) -> None:
    """Keep ``counts`` in the store (replacing what it kept)."""
    import pyoxigraph as ox

    name = ox.NamedNode(str(COUNTS_GRAPH))
    store.clear_graph(name)
    record = ox.NamedNode(str(_RECORD))
    store.add(ox.Quad(record, record, ox.Literal(counts.to_json()), name))


def recount(store: Any) -> Counts:
    """The counts of a pyoxigraph store's data, by SPARQL (time in proportion to it)."""
    import pyoxigraph as ox

    classes, predicates, _ = _ontology()
    data = [ox.DefaultGraph()]

    def rows(query: str) -> list[tuple[str, int]]:
        return [(row[0].value, int(row[1].value))
                for row in store.query(query, default_graph=data)]  # fmt: skip

    def one(query: str) -> int:
        return int(next(iter(store.query(query, default_graph=data)))[0].value)

    counts = Counts()
    values = " ".join(f"<{c}>" for c in sorted(classes))
    counts.types = Counter(dict(rows(
        f"SELECT ?c (COUNT(*) AS ?n) WHERE {{ VALUES ?c {{ {values} }} ?s a ?c }} GROUP BY ?c"
    )))  # fmt: skip
    # the fact predicates: the ontology's and the open relations the data declares
    declared = rows(f"SELECT DISTINCT ?p (0 AS ?n) WHERE {{ ?p <{RDFS.subPropertyOf}> ?q . "
                    f'FILTER(STRSTARTS(STR(?p), "{_REL}")) }}')  # fmt: skip
    candidates = sorted(predicates | {p for p, _ in declared})
    for start in range(0, len(candidates), 500):
        values = " ".join(f"<{p}>" for p in candidates[start : start + 500])
        counts.facts.update(dict(rows(
            f"SELECT ?p (COUNT(*) AS ?n) WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o . "
            f'FILTER(STRSTARTS(STR(?s), "{_ENT}") && '
            f'!CONTAINS(STRAFTER(STR(?s), "{_ENT}"), "/")) }} '
            "GROUP BY ?p"
        )))  # fmt: skip
    counts.evidence = one(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s a <{_EVIDENCE}> }}")
    counts.documents = one(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s a <{_DOCUMENT}> }}")
    counts.triples = one("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    return counts
