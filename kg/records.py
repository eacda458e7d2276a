"""Merge records: "this name was merged into this entity by this rule, in this document"
(``kg:Merge``), made by resolution within a document and by ``kg.identity`` across them."""

from __future__ import annotations

import hashlib

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF

from kg.ontology import ENT, KG, MERGE, Triple


def merge_iri(key: str, alias: str, reason: str) -> URIRef:
    """IRI of the record "``alias`` was merged into entity ``key`` because of ``reason``"."""
    digest = hashlib.sha256("\x1f".join((key, alias, reason)).encode("utf-8")).hexdigest()
    return MERGE[digest[:24]]


def merge_triples(key: str, alias: str, reason: str, doc: URIRef | None) -> list[Triple]:
    """The record of one merge: the alias, the entity, the reason, the document (if one)."""
    node = merge_iri(key, alias, reason)
    triples: list[Triple] = [
        (node, RDF.type, KG.Merge),
        (node, KG.mergedInto, ENT[key]),
        (node, KG.alias, Literal(alias)),
        (node, KG.mergeReason, Literal(reason)),
    ]
    if doc is not None:
        triples.append((node, PROV.wasDerivedFrom, doc))
    return triples


def add_merge(graph: Graph, key: str, alias: str, reason: str, doc: URIRef | None) -> None:
    """Record one merge in ``graph``."""
    for triple in merge_triples(key, alias, reason, doc):
        graph.add(triple)
