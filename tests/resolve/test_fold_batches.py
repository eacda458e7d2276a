"""Folds that a later batch (or a removal) changes, on keys the batch never named: the
cross-document step run over the batch's keys only must decide as the whole pass does, in
an rdflib memory graph and in kg's Oxigraph store (whose vote scans take another path)."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import OWL

from kg.merges import consolidate
from kg.model import DocumentResult
from kg.ontology import ENT, KG
from kg.rdf import graph as kgraph
from kg.rdf.graph import document_iri, validate
from kg.retract import retract
from tests.graphs import consolidated
from tests.graphs import named_result as result

TONY = result("a", ("Tony Blair", "Person"), ("London", "Place"))
SURNAME = result("b", ("Blair", "Person"), ("Labour", "Organization"), facts=((0, "leaderOf", 1),))
CHERIE = result("c", ("Cherie Blair", "Person"))
EPA = result("d", ("EPA", "Organization"), ("Washington", "Place"), facts=((0, "basedIn", 1),))
AGENCY = result("e", ("Environmental Protection Agency", "Organization"))
PRODUCERS = result("f", ("European Producers Association", "Organization"))
PLURAL = result("g", ("Commodities", "Commodity"), ("Chicago", "Place"))
SINGULAR = result("h", ("Commodity", "Commodity"))


def same(one: Graph, other: Graph) -> bool:
    if isomorphic(one, other):
        return True
    _, left, right = graph_diff(to_isomorphic(one), to_isomorphic(other))
    print("only batch by batch:", sorted(left)[:20], "\nonly all at once:", sorted(right)[:20])
    return False


def in_store(batches: list[list[DocumentResult]]) -> Graph:
    """As :func:`tests.graphs.consolidated`, in kg's Oxigraph store (an in-memory one)."""
    inner = ox.Store()
    kgraph.put_ontology(inner)  # as a build writes it; read with the data
    graph = kgraph.store_graph(inner)
    for n, batch in enumerate(batches):
        for one in batch:
            kgraph.add_result(graph, one)
        touched = {ENT[entity.key] for one in batch for entity in one.entities}
        consolidate(graph, touched=None if n == 0 else touched)
    return graph


def copy(graph: Graph) -> Graph:
    out = Graph()
    for triple in graph:
        out.add(triple)
    return out


def check(batches: list[list[DocumentResult]]) -> Graph:
    """Batch by batch (memory and store) equals all at once; the graph is valid."""
    whole = consolidated([[one for batch in batches for one in batch]])
    graph = consolidated(batches)
    assert same(graph, whole)
    assert same(copy(in_store(batches)), whole)
    ok, report = validate(graph)
    assert ok, report
    return graph


def test_a_second_full_name_in_a_later_batch_unfolds_the_surname() -> None:
    assert (ENT["blair"], OWL.sameAs, ENT["tony-blair"]) in check([[TONY, SURNAME]])
    graph = check([[TONY, SURNAME], [CHERIE]])  # CHERIE never names "Blair"
    assert (ENT["blair"], OWL.sameAs, None) not in graph
    assert (ENT["blair"], KG.ambiguousWith, ENT["cherie-blair"]) in graph
    assert (ENT["blair"], KG.leaderOf, ENT["labour-party"]) in graph
    check([[SURNAME], [TONY], [CHERIE]])


def test_an_acronyms_second_expansion_in_a_later_batch_unfolds_it() -> None:
    graph = check([[EPA, AGENCY]])
    assert (ENT["epa"], OWL.sameAs, ENT["environmental-protection-agency"]) in graph
    graph = check([[EPA, AGENCY], [PRODUCERS]])  # PRODUCERS never names "EPA"
    assert (ENT["epa"], OWL.sameAs, None) not in graph
    check([[EPA], [AGENCY], [PRODUCERS]])
    check([[PRODUCERS], [EPA], [AGENCY]])


def test_a_plural_whose_singular_arrives_later_folds_into_it() -> None:
    assert (ENT["commodities"], OWL.sameAs, None) not in check([[PLURAL]])
    graph = check([[PLURAL], [SINGULAR]])  # SINGULAR never names "Commodities"
    assert (ENT["commodities"], OWL.sameAs, ENT["commodity"]) in graph


def removed(graph: Graph, *gone: DocumentResult) -> Graph:
    keys = retract(graph, [document_iri(one.document.id) for one in gone])
    consolidate(graph, None, keys)
    return graph


def test_a_removal_makes_a_surname_unambiguous_again_in_memory_and_in_the_store() -> None:
    for graph in (consolidated([[TONY, SURNAME], [CHERIE]]),
                  in_store([[TONY, SURNAME], [CHERIE]])):  # fmt: skip
        assert (ENT["blair"], KG.ambiguousWith, ENT["tony-blair"]) in graph
        graph = removed(graph, CHERIE)
        assert (ENT["blair"], OWL.sameAs, ENT["tony-blair"]) in graph
        assert (ENT["blair"], KG.ambiguousWith, None) not in graph
        assert same(copy(graph), consolidated([[TONY, SURNAME]]))
