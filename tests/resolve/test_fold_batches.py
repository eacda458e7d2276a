"""Folds that a later batch (or a removal) changes, on keys the batch never named: the
cross-document step run over the batch's keys only must decide as the whole pass does, in
an rdflib memory graph and in kg's Oxigraph store (whose vote scans take another path)."""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import OWL

from kg.merges import consolidate
from kg.model import DocumentResult
from kg.ontology import ENT, KG
from kg.rdf.graph import document_iri, validate
from kg.retract import retract
from tests.graphs import consolidated, copy, in_store, same
from tests.graphs import named_result as result

TONY = result("a", ("Tony Blair", "Person"), ("London", "Place"))
SURNAME = result("b", ("Blair", "Person"), ("Labour", "Organization"), facts=((0, "leaderOf", 1),))
CHERIE = result("c", ("Cherie Blair", "Person"))
EPA = result("d", ("EPA", "Organization"), ("Washington", "Place"), facts=((0, "basedIn", 1),))
AGENCY = result("e", ("Environmental Protection Agency", "Organization"))
PRODUCERS = result("f", ("European Producers Association", "Organization"))
PLURAL = result("g", ("Commodities", "Commodity"), ("Chicago", "Place"))
SINGULAR = result("h", ("Commodity", "Commodity"))


def check(batches: list[list[DocumentResult]]) -> Graph:
    """Batch by batch (memory and store) equals all at once; the graph is valid."""
    whole = consolidated([[one for batch in batches for one in batch]])
    graph = consolidated(batches)
    assert same(graph, whole)
    assert same(copy(in_store(batches)), whole)
    assert same(copy(in_store(batches, counted=True)), whole)
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


def test_a_surname_folded_into_a_titled_name_follows_it_when_the_title_folds() -> None:
    """"Blair" folds into "Mr Tony Blair" (the one full name), until "Tony Blair" arrives
    and takes both: the record of the first fold goes with it."""
    titled = result("i", ("Mr Tony Blair", "Person"))
    graph = check([[titled, SURNAME], [TONY]])
    assert (ENT["blair"], OWL.sameAs, ENT["tony-blair"]) in graph
    assert (None, KG.mergedInto, ENT["mr-tony-blair"]) not in graph
