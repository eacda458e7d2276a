"""Documents taken out of a consolidated graph (``kg.retract``) leave the graph a build of
the other documents alone makes: folds, types and labels that rested on them undone."""

from __future__ import annotations

import itertools

from rdflib import Graph, Literal
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import OWL, RDF, RDFS

from kg.merges import consolidate
from kg.model import DocumentResult
from kg.ontology import ENT, KG
from kg.rdf.graph import document_iri, validate
from kg.retract import retract
from tests.graphs import consolidated
from tests.graphs import named_result as result

BLAIR = result("a", ("Tony Blair", "Person"), ("Labour", "Organization"),
               facts=((0, "leaderOf", 1),))
SHORT = result("b", ("Blair", "Person"), ("London", "Place"), ("Labour", "Organization"),
               facts=((0, "visits", 1), (0, "leaderOf", 2)))
MISTER = result("c", ("Mr Blair", "Person"), ("Oscars", "Event"), ("London", "Place"),
                facts=((0, "rel-push-onto", 2),))
CHERIE = result("d", ("Cherie Blair", "Person"), ("Oscar", "Event"))
PLACE = result("e", ("Tony Blair", "Place"), ("London", "Place"), ("Tony Blair", "Place"))
MICHAEL = result("f", ("Michael Blair", "Person"), ("London", "Organization"),
                 ("Labour", "Place"), facts=((0, "visits", 1),))
DOCS = [BLAIR, SHORT, MISTER, CHERIE, PLACE, MICHAEL]


def removed(graph: Graph, *gone: DocumentResult, whole: bool = False) -> Graph:
    """``gone`` taken out, then the cross-document step as ``kg remove`` runs it: over the
    keys ``retract`` returns (or, ``whole``, over every key, as after loading graph.ttl)."""
    keys = retract(graph, [document_iri(r.document.id) for r in gone])
    consolidate(graph, None, None if whole else keys)
    return graph


def same(one: Graph, other: Graph) -> bool:
    if isomorphic(one, other):
        return True
    _, left, right = graph_diff(to_isomorphic(one), to_isomorphic(other))
    print("only after removal:", sorted(left), "\nonly in the build:", sorted(right))
    return False


def test_removing_any_documents_equals_a_build_without_them() -> None:
    everything = consolidated([DOCS])
    for n in range(1, len(DOCS) + 1):
        for gone in itertools.combinations(DOCS, n):
            kept = [r for r in DOCS if r not in gone]
            expected = consolidated([kept])
            for whole in (False, True):
                assert same(removed(consolidated([DOCS]), *gone, whole=whole), expected), [
                    whole, [r.document.id for r in gone]]
    assert len(everything) > len(consolidated([DOCS[:1]]))


def test_removal_after_an_incremental_build_and_removal_one_at_a_time() -> None:
    steps = consolidated([[r] for r in reversed(DOCS)])
    for gone in (MICHAEL, BLAIR, CHERIE):
        steps = removed(steps, gone)
    assert same(steps, consolidated([[SHORT, MISTER, PLACE]]))
    assert same(removed(steps, SHORT, MISTER, PLACE), consolidated([[]]))


def test_the_only_full_name_of_a_surname_taken_out_undoes_the_fold() -> None:
    graph = consolidated([[BLAIR, SHORT]])
    assert (ENT["blair"], OWL.sameAs, ENT["tony-blair"]) in graph
    graph = removed(graph, BLAIR)
    assert (ENT["blair"], OWL.sameAs, None) not in graph
    assert (ENT["tony-blair"], None, None) not in graph
    assert (ENT["blair"], KG.leaderOf, ENT["labour-party"]) in graph  # its own fact, back
    assert set(graph.objects(ENT["blair"], RDFS.label)) == {Literal("Blair")}
    assert same(graph, consolidated([[SHORT]]))
    ok, report = validate(graph)
    assert ok, report


def test_a_second_full_name_taken_out_folds_the_surname_again() -> None:
    graph = consolidated([[BLAIR, SHORT, MICHAEL]])
    assert (ENT["blair"], OWL.sameAs, None) not in graph  # ambiguous
    assert (ENT["blair"], KG.ambiguousWith, ENT["michael-blair"]) in graph
    graph = removed(graph, MICHAEL)
    assert (ENT["blair"], OWL.sameAs, ENT["tony-blair"]) in graph
    assert (ENT["blair"], KG.ambiguousWith, None) not in graph
    assert same(graph, consolidated([[BLAIR, SHORT]]))


def test_the_type_majority_flips_back_when_its_votes_go() -> None:
    graph = consolidated([[BLAIR, PLACE, result("g", ("Tony Blair", "Place"))]])
    assert set(graph.objects(ENT["tony-blair"], RDF.type)) == {KG.Place}
    graph = removed(graph, PLACE, result("g", ("Tony Blair", "Place")))
    assert set(graph.objects(ENT["tony-blair"], RDF.type)) == {KG.Person}
    assert same(graph, consolidated([[BLAIR]]))


def test_a_denied_fact_and_a_fact_stated_twice() -> None:
    denial = result("h", ("Tony Blair", "Person"), ("Labour", "Organization"),
                    facts=((0, "leaderOf", 1),), negative=True)
    graph = removed(consolidated([[BLAIR, SHORT, denial]]), SHORT)
    assert (ENT["tony-blair"], KG.leaderOf, ENT["labour-party"]) in graph  # BLAIR still says so
    assert same(graph, consolidated([[BLAIR, denial]]))
    graph = removed(graph, BLAIR)
    assert (ENT["tony-blair"], KG.leaderOf, ENT["labour-party"]) not in graph  # only denied now
    assert same(graph, consolidated([[denial]]))


def test_acronyms_labels_titles_and_official_names_come_apart_too() -> None:
    """Other folds (acronym, title, official name) and a label several documents give in
    different forms (the preferred one chosen across documents, capitals no alias)."""
    docs = [
        result("j", ("Environmental Protection Agency", "Organization"),
               ("Chrysler Corporation", "Organization"), facts=((0, "rel-fine", 1),)),
        result("k", ("EPA", "Organization"), ("Mr Tony Blair", "Person"),
               facts=((1, "visits", 0),)),
        result("l", ("European Producers Association", "Organization"),
               ("Commonwealth of Australia", "Organization")),
        result("m", ("Chrysler Corp", "Organization"), ("CHRYSLER", "Organization"),
               ("Tony Blair", "Person")),
        result("n", ("CHRYSLER CORP", "Organization"), ("Australia", "Country"),
               ("Kremlin", "Organization"), ("Russia", "Country")),
        result("o", ("Russia", "Place"), ("Kremlin", "Organization"), ("EPA", "Person")),
    ]
    for n in range(1, len(docs) + 1):
        for gone in itertools.combinations(docs, n):
            kept = [r for r in docs if r not in gone]
            assert same(removed(consolidated([docs]), *gone), consolidated([kept])), [
                r.document.id for r in gone]
