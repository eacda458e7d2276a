"""Identity across documents: one node per entity whatever its type guesses and short names,
and the same graph whatever the order and grouping in which documents arrive."""

from __future__ import annotations

import itertools

from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.merges import consolidate
from kg.model import DocumentResult
from kg.ontology import ENT, KG
from kg.rdf.graph import validate
from tests.graphs import consolidated
from tests.graphs import named_result as result


def build(batches: list[list[DocumentResult]]) -> Graph:
    return consolidated(batches)


def labels(graph: Graph, node: URIRef) -> tuple[set[str], set[str]]:
    return (set(map(str, graph.objects(node, RDFS.label))),
            set(map(str, graph.objects(node, SKOS.altLabel))))  # fmt: skip


def types(graph: Graph, node: URIRef) -> set[URIRef]:
    return set(graph.objects(node, RDF.type))


BLAIR = result("a", ("Tony Blair", "Person"), ("Labour", "Organization"),
               facts=((0, "leaderOf", 1),))
SHORT = result("b", ("Blair", "Person"), ("London", "Place"), facts=((0, "visits", 1),))
MISTER = result("c", ("Mr Blair", "Person"), ("Oscars", "Event"))
CHERIE = result("d", ("Cherie Blair", "Person"), ("Oscar", "Event"))
PLACE = result("e", ("Tony Blair", "Place"), ("London", "Place"))


def test_a_type_guess_never_splits_a_name_and_the_votes_decide_the_type() -> None:
    graph = build([[BLAIR, PLACE, result("f", ("Tony Blair", "Person"))]])
    tony = ENT["tony-blair"]
    assert types(graph, tony) == {KG.Person}  # two documents say Person, one Place
    assert labels(graph, tony)[0] == {"Tony Blair"}
    # the earlier typed IRIs resolve to the one node
    assert (ENT["person/tony-blair"], OWL.sameAs, tony) in graph
    assert (ENT["place/tony-blair"], OWL.sameAs, tony) in graph
    # a tie goes to the fixed order (Person before Place), whatever came first
    tied = build([[PLACE, BLAIR]])
    assert types(tied, tony) == {KG.Person} and isomorphic(tied, build([[BLAIR], [PLACE]]))
    ok, report = validate(graph)
    assert ok, report


def test_a_surname_joins_the_one_full_name_with_its_facts_and_reasons() -> None:
    graph = build([[BLAIR, SHORT, MISTER]])
    tony, blair, mister = ENT["tony-blair"], ENT["blair"], ENT["mr-blair"]
    assert labels(graph, tony) == ({"Tony Blair"}, {"Blair", "Mr Blair"})
    assert (blair, OWL.sameAs, tony) in graph and (mister, OWL.sameAs, tony) in graph
    assert not types(graph, blair) and not list(graph.objects(blair, RDFS.label))
    # the fact "Blair visits London" is now Tony Blair's, and its evidence says who was named
    assert (tony, KG.visits, ENT["london"]) in graph
    assert (blair, KG.visits, ENT["london"]) not in graph
    (ev,) = graph.subjects(KG.namedSubject, blair)
    assert graph.value(ev, RDF.subject) == tony
    reasons = {
        (str(graph.value(m, KG.alias)), str(graph.value(m, KG.mergeReason)))
        for m in graph.subjects(KG.mergedInto, tony)
    }
    assert {("Blair", "surname"), ("Mr Blair", "surname")} <= reasons
    docs = {str(d).rsplit("/", 1)[-1] for d in graph.objects(tony, KG.mentionedIn)}
    assert docs == {"a", "b", "c"}
    ok, report = validate(graph)
    assert ok, report


def test_a_second_full_name_undoes_the_surname_merge_and_records_the_ambiguity() -> None:
    merged = build([[BLAIR, SHORT]])
    assert (ENT["blair"], OWL.sameAs, ENT["tony-blair"]) in merged
    graph = build([[BLAIR, SHORT], [CHERIE]])
    blair = ENT["blair"]
    assert not list(graph.objects(blair, OWL.sameAs))
    assert set(graph.objects(blair, KG.ambiguousWith)) == {ENT["tony-blair"], ENT["cherie-blair"]}
    assert labels(graph, blair) == ({"Blair"}, set())
    assert types(graph, blair) == {KG.Person}
    assert (blair, KG.visits, ENT["london"]) in graph
    assert (ENT["tony-blair"], KG.visits, ENT["london"]) not in graph
    assert labels(graph, ENT["tony-blair"]) == ({"Tony Blair"}, set())
    assert not list(graph.subjects(KG.namedSubject, None))
    assert isomorphic(graph, build([[BLAIR, SHORT, CHERIE]]))
    ok, report = validate(graph)
    assert ok, report


def test_plural_of_an_award_is_the_award() -> None:
    graph = build([[MISTER, CHERIE]])
    oscar = ENT["oscar"]
    assert (ENT["oscars"], OWL.sameAs, oscar) in graph
    assert labels(graph, oscar) == ({"Oscar"}, {"Oscars"})
    # people's names ending in s are no plurals
    people = build([[result("g", ("Philips", "Person")), result("h", ("Philip", "Person"))]])
    assert not list(people.objects(ENT["philips"], OWL.sameAs))
    assert labels(people, ENT["philips"])[0] == {"Philips"}


def test_brand_in_capitals_is_no_short_form_of_its_sub_brand() -> None:
    (one,) = [build([[result("i", ("BBC", "Organization"), ("BBC News", "Organization"))]])]
    assert labels(one, ENT["bbc"])[0] == {"BBC"}
    assert labels(one, ENT["bbc-news"]) == ({"BBC News"}, set())


DOCS = [BLAIR, SHORT, MISTER, CHERIE, PLACE]


def test_any_order_and_any_split_gives_the_same_graph() -> None:
    reference = build([DOCS])
    for i, order in enumerate(itertools.permutations(DOCS)):
        if i % 7:  # 120 orders; every seventh still puts each document first and last
            continue
        assert isomorphic(build([list(order[:2]), list(order[2:])]), reference), order
        assert isomorphic(build([[r] for r in order]), reference), order
    # surname before its full name, and after it, in a later batch
    assert isomorphic(build([[SHORT], [BLAIR], [MISTER, PLACE], [CHERIE]]), reference)
    assert isomorphic(build([[BLAIR], [SHORT], [CHERIE], [MISTER, PLACE]]), reference)
    # partial graphs consolidated apart, then unioned and consolidated
    for cut in (1, 2, 4):
        union = build([DOCS[:cut]]) + build([DOCS[cut:]])
        consolidate(union)
        assert isomorphic(union, reference), cut
    assert isomorphic(build([DOCS, DOCS[:2]]), reference)  # re-adding changes nothing


def test_surname_merge_before_and_after_the_full_name_equals_all_at_once() -> None:
    once = build([[SHORT, BLAIR, MISTER]])
    assert isomorphic(build([[SHORT], [BLAIR], [MISTER]]), once)
    assert isomorphic(build([[BLAIR], [SHORT, MISTER]]), once)
    assert isomorphic(build([[MISTER], [SHORT], [BLAIR]]), once)
    assert Literal("Blair") in set(once.objects(ENT["tony-blair"], SKOS.altLabel))


def test_show_follows_a_merged_or_typed_iri_to_the_entity(tmp_path) -> None:
    from kg.query import show_entity

    graph = build([[BLAIR, SHORT]])
    for asked in ("ent:blair", str(ENT["blair"]), "<ent:person/blair>", "ent:person/tony-blair"):
        (report,) = show_entity(graph, asked)
        assert (report.iri, report.name, report.type) == (str(ENT["tony-blair"]), "Tony Blair",
                                                          "Person")  # fmt: skip
        assert "was merged into this entity (owl:sameAs)" in report.format()
        assert ("Blair", "surname", 0) in report.merges
        assert {f.predicate for f in report.facts} == {"leader of", "visits"}
    # the same in a built store (Oxigraph answers the query)
    from kg.rdf.graph import open_store, write_store, write_turtle

    write_turtle(graph, tmp_path / "graph.ttl")
    write_store(tmp_path / "graph.ttl", tmp_path / "store")
    store = open_store(tmp_path / "store")
    try:
        (stored,) = show_entity(store, "ent:person/blair")
        assert (stored.name, stored.asked) == ("Tony Blair", str(ENT["person/blair"]))
    finally:
        store.close()
    (direct,) = show_entity(graph, "ent:tony-blair")
    assert direct.asked is None and "merged into this entity" not in direct.format()
    assert [r.iri for r in show_entity(graph, "Blair")] == [str(ENT["tony-blair"])]


def test_show_finds_a_name_by_its_key_when_no_label_or_alias_is_that_name() -> None:
    from kg.query import show_entity

    barnett = result("k", ("Barnett Banks of Florida Inc", "Organization"),
                     ("Jacksonville", "Place"), facts=((0, "locatedIn", 1),))
    graph = build([[barnett, BLAIR, SHORT]])
    # no label or alias reads "Barnett Banks of Florida", but the key is the company's
    (report,) = show_entity(graph, "barnett banks of florida")
    assert (report.name, report.asked) == ("Barnett Banks of Florida Inc", None)
    assert {f.predicate for f in report.facts} == {"located in"}
    # a name that is only the key of a merged IRI leads to the entity it was merged into
    (merged,) = show_entity(graph, "BLAIR!")
    assert (merged.name, merged.asked) == ("Tony Blair", str(ENT["blair"]))
    assert show_entity(graph, "Barnett Banks of Georgia") == []


def test_acronym_and_mistyped_surname_join_the_one_name_they_fit() -> None:
    docs = [result("j", ("Environmental Protection Agency", "Organization")),
            result("k", ("EPA", "Organization"), ("Jorio Dauster", "Person")),
            result("l", ("Dauster", "Organization"), ("Ford Motor Co", "Organization")),
            result("m", ("Ford", "Organization"), ("Gerald Ford", "Person"))]
    graph = build([docs])
    assert (ENT["epa"], OWL.sameAs, ENT["environmental-protection-agency"]) in graph
    assert (ENT["dauster"], OWL.sameAs, ENT["jorio-dauster"]) in graph
    assert not list(graph.objects(ENT["ford"], OWL.sameAs))  # "Ford" of "Ford Motor"
    assert isomorphic(build([[d] for d in reversed(docs)]), graph)
    # a second organisation with the initials EPA undoes the merge
    more = build([docs, [result("n", ("European Producers Association", "Organization"))]])
    assert not list(more.objects(ENT["epa"], OWL.sameAs))
    assert types(more, ENT["epa"]) == {KG.Organization}


def test_plural_in_ies_and_in_capitals() -> None:
    graph = build([[result("o", ("commodities", "Commodity"), ("OILS", "Commodity")),
                    result("p", ("commodity", "Commodity"), ("Oil", "Commodity"))]])
    assert (ENT["commodities"], OWL.sameAs, ENT["commodity"]) in graph
    assert labels(graph, ENT["commodity"]) == ({"commodity"}, {"commodities"})


def test_a_states_official_name_is_the_state() -> None:
    graph = build([[result("q", ("Commonwealth of Australia", "Organization")),
                    result("r", ("Australia", "Country"))]])
    assert (ENT["commonwealth-of-australia"], OWL.sameAs, ENT["australia"]) in graph
    assert types(graph, ENT["australia"]) == {KG.Country}


def test_a_node_rebuilt_by_a_batch_that_does_not_name_it_keeps_one_label() -> None:
    """The incremental step reads only the keys a batch names and the nodes it rebuilds: a
    later "Blair" rebuilds Tony Blair from votes that hold two spellings of his key, and the
    spelling demoted before must be demoted again, as all at once."""
    caps = result("f", ("TONY BLAIR", "Person"), ("Labour", "Organization"))
    once = build([[BLAIR, caps, SHORT]])
    assert labels(once, ENT["tony-blair"]) == ({"Tony Blair"}, {"Blair"})
    assert isomorphic(build([[BLAIR, caps], [SHORT]]), once)
    assert isomorphic(build([[SHORT], [caps], [BLAIR]]), once)
