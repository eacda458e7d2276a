"""Merge records and the cross-document step, over the rdflib graph.

Within a document, ``resolve`` groups mentions and says why (``DocumentResult.merges``);
``document_merges`` writes each reason into the graph as a ``kg:Merge`` node. Across
documents, entity keys depend only on the canonical name (no type), so the same name has
the same IRI in every document; :func:`consolidate` then settles what the union of
documents leaves open: each entity's type and the names that are another entity's
(``kg.identity``: title, surname, plural), one ``rdfs:label`` per entity (the others become
``skos:altLabel``, recorded as ``same-key`` merges) and the ``kg:institutionOf`` links of the
alias tables (the Kremlin to Russia). All are deterministic functions of the set of triples,
so any order of adding documents, and any split into partial graphs, gives the same graph.
"""

from __future__ import annotations

from collections.abc import Collection

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg import identity
from kg.aliases import AliasTable, caseless, default_aliases, entity_key, label_rank
from kg.foldindex import VoteDelta
from kg.model import DocumentResult
from kg.ontology import ENT, KG, Triple, is_entity_iri
from kg.records import add_merge, merge_iri, merge_triples


def document_merges(result: DocumentResult, doc: URIRef) -> list[Triple]:
    """The records of the merges one document made."""
    return [
        triple
        for alias, key, reason in result.merges
        for triple in merge_triples(key, alias, reason, doc)
    ]


def consolidate(
    graph: Graph,
    aliases: AliasTable | None = None,
    touched: Collection[URIRef] | None = None,
    votes: VoteDelta | None = None,
    *,
    complete: bool = False,
) -> None:
    """Settle what the union of documents leaves open; idempotent and order-independent.

    - Each entity's type, from its documents' votes, and the keys that name another
      entity across documents ("Blair" -> "Tony Blair"): :func:`kg.identity.settle`.
    - An entity labelled differently by different documents ("Chrysler Corp", "Chrysler
      Corporation": one key) keeps the preferred label (:func:`label_rank`); the others
      become ``skos:altLabel`` with a ``same-key`` merge record, except capitals-only
      headline spellings once a mixed-case label exists (case variants are no aliases).
    - An organisation the alias table places in a country's state (Kremlin -> Russia) is
      linked to it by ``kg:institutionOf`` when both are in the graph; never merged.

    ``touched`` (the keys the documents added since the last consolidation named; None:
    any) limits the reading to what those documents can have changed: their keys, and the
    nodes :func:`kg.identity.settle` rebuilt. The graph is the same either way. ``votes``:
    what those documents changed of the keys' votes (``kg.foldindex.VoteDelta``), which
    spares reading a much-named key's votes; None: read. ``complete``: ``votes`` are all
    the graph's votes (it held none before them), so none is read from the graph.
    """
    rebuilt = identity.settle(graph, touched, votes, complete=complete)
    if touched is None:
        labels_of, aliases_of = _scan_names(graph)
    else:
        labels_of, aliases_of = _names_of(graph, {*touched, *rebuilt})
    for node in sorted(labels_of):
        labels = sorted(labels_of[node], key=label_rank)
        best = labels[-1]
        key = str(node).removeprefix(str(ENT))
        known = aliases_of.get(node, set())
        for label in labels[:-1]:
            graph.remove((node, RDFS.label, Literal(label)))
            if caseless(label) and not caseless(best):
                continue  # "WESTERN DIGITAL" in a headline: a case variant, no alias
            graph.add((node, SKOS.altLabel, Literal(label)))
            known.add(label)
            add_merge(graph, key, label, "same-key", None)
        if best in known:
            graph.remove((node, SKOS.altLabel, Literal(best)))
            known.discard(best)
        if not caseless(best) and any(caseless(alias) for alias in known):
            _drop_case_variants(graph, node, key)
    table = default_aliases() if aliases is None else aliases
    for entry in set(table.values()):
        if not entry.institution_of:
            continue
        org = ENT[entity_key(entry.name)]
        country = ENT[entity_key(entry.institution_of)]
        if (org, RDF.type, None) in graph and (country, RDF.type, KG.Country) in graph:
            graph.add((org, KG.institutionOf, country))


def _scan_names(graph: Graph) -> tuple[dict[URIRef, set[str]], dict[URIRef, set[str]]]:
    """Every entity's labels and aliases, in two scans (per-entity look-ups of every
    entity took a second on 2,000 articles in the store)."""
    labels_of: dict[URIRef, set[str]] = {}
    for s, name in graph.subject_objects(RDFS.label):
        if is_entity_iri(s):
            labels_of.setdefault(URIRef(str(s)), set()).add(str(name))
    aliases_of: dict[URIRef, set[str]] = {}
    for s, alias in graph.subject_objects(SKOS.altLabel):
        if is_entity_iri(s):
            aliases_of.setdefault(URIRef(str(s)), set()).add(str(alias))
    return labels_of, aliases_of


def _names_of(
    graph: Graph, nodes: set[URIRef]
) -> tuple[dict[URIRef, set[str]], dict[URIRef, set[str]]]:
    """The labels and aliases of ``nodes`` (the entities among them), one look-up each."""
    labels_of: dict[URIRef, set[str]] = {}
    aliases_of: dict[URIRef, set[str]] = {}
    for node in filter(is_entity_iri, nodes):
        if labels := {str(name) for name in graph.objects(node, RDFS.label)}:
            labels_of[node] = labels
        if names := {str(alias) for alias in graph.objects(node, SKOS.altLabel)}:
            aliases_of[node] = names
    return labels_of, aliases_of


def _drop_case_variants(graph: Graph, node: URIRef, key: str) -> None:
    """Labels in capitals demoted while no mixed-case label was known go, as if never kept."""
    for alias in [str(a) for a in graph.objects(node, SKOS.altLabel)]:
        if not caseless(alias):
            continue
        record = merge_iri(key, alias, "same-key")
        if (record, RDF.type, KG.Merge) not in graph:
            continue
        graph.remove((record, None, None))
        if not any(
            str(graph.value(m, KG.alias)) == alias for m in graph.subjects(KG.mergedInto, node)
        ):
            graph.remove((node, SKOS.altLabel, Literal(alias)))


