"""Statements with a generic concept end: evidence only, never an entity-to-entity fact.

A bare generic noun phrase ("a firm order", "exposure", "the decision": a mention of type
``Concept``) is no entity node of the graph. A fact read with such an end is kept as one
``kg:ConceptStatement`` node: the same properties as a ``kg:Evidence`` node (sentence,
offsets, rule, confidence, qualifiers, the texts of both ends) and ``rdf:predicate``, but
``rdf:subject``/``rdf:object`` only for an end that is an entity; the concept end is
``kg:subjectText``/``kg:objectText`` alone. No ``(s p o)`` triple is made, so the page, the
exports and every query of entity-to-entity facts leave these statements out; the named
query ``statements`` lists them. Specific goods (``Commodity``, ``Product``: "wheat",
"consumer goods") are entities, not concepts. See ARCHITECTURE.md, "Concepts".
"""

from __future__ import annotations

from dataclasses import replace

from rdflib import URIRef
from rdflib.namespace import RDF

from kg.model import DocumentResult, Fact
from kg.ontology import KG, Triple

#: The entity type whose mentions are kept as text, never as nodes.
CONCEPT = "Concept"


def concept_keys(result: DocumentResult) -> frozenset[str]:
    """The keys of a document's ``Concept`` entities (none of them becomes a node)."""
    return frozenset(e.key for e in result.entities if e.type == CONCEPT)


def without_concepts(result: DocumentResult, concepts: frozenset[str]) -> DocumentResult:
    """The result with its concept entities and their merge records left out (its facts
    are kept: :func:`concept_ends` tells which of them become statements)."""
    if not concepts:
        return result
    entities = tuple(e for e in result.entities if e.key not in concepts)
    merged = tuple(m for m in result.merges if m[1] not in concepts)
    return replace(result, entities=entities, merges=merged)


def concept_ends(fact: Fact, concepts: frozenset[str]) -> tuple[bool, bool]:
    """Whether the fact's subject and its object are concepts."""
    return fact.subject in concepts, fact.object in concepts


def as_statement(evidence: list[Triple], node: URIRef, ends: tuple[bool, bool]) -> list[Triple]:
    """An evidence node's triples turned into a ``kg:ConceptStatement``'s: the evidence
    classes replaced, the ``rdf:subject``/``rdf:object`` of a concept end dropped."""
    dropped = {RDF.subject} if ends[0] else set()
    if ends[1]:
        dropped.add(RDF.object)
    out: list[Triple] = [(node, RDF.type, KG.ConceptStatement)]
    for s, p, o in evidence:
        if s == node and (p in dropped or (p == RDF.type and o in _EVIDENCE_CLASSES)):
            continue
        out.append((s, p, o))
    return out


_EVIDENCE_CLASSES = frozenset({KG.Evidence, RDF.Statement})
