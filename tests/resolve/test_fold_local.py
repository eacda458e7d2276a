"""The cross-document step local to a batch (``kg.foldindex``): it folds only the keys a batch
can change, reading only the votes their folds read, and the graph is the one folding every
key makes; the index of fold blocks stays what indexing the whole graph gives, and never
shows in the data."""

from __future__ import annotations

import random

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.namespace import OWL

from kg import identity
from kg.foldindex import Index, Scope, VoteDelta, add_votes
from kg.identity import read_votes
from kg.merges import consolidate
from kg.model import DocumentResult
from kg.ontology import ENT, FOLD_INDEX_GRAPH, KG
from kg.rdf import graph as kgraph
from kg.rdf.graph import document_iri
from kg.retract import retract
from tests.graphs import consolidated, copy, in_store, same
from tests.graphs import named_result as result

#: Names that meet every rule of fold (titles, official names, surnames with one and two
#: full names, a female title, a one-word organisation that is a first word, acronyms
#: with one and two expansions, plurals and their singulars), each with the types the
#: NER may give it.
NAMES = [
    ("Tony Blair", ("Person", "Person", "Place")),
    ("Cherie Blair", ("Person",)),
    ("Blair", ("Person", "Organization")),
    ("Mr Blair", ("Person",)),
    ("Mr Tony Blair", ("Person",)),
    ("Mrs Blair", ("Person",)),
    ("Hans Dauster", ("Person",)),
    ("Dauster", ("Organization", "Person")),
    ("Ford Motor", ("Organization",)),
    ("Ford", ("Organization", "Person")),
    ("Gerald Ford", ("Person",)),
    ("Environmental Protection Agency", ("Organization",)),
    ("European Producers Association", ("Organization", "Event")),
    ("EPA", ("Organization",)),
    ("Australia", ("Country",)),
    ("Commonwealth of Australia", ("Organization", "Place")),
    ("Commodities", ("Commodity",)),
    ("Commodity", ("Commodity", "Concept")),
    ("Oscars", ("Event",)),
    ("Oscar", ("Event", "Person")),
    ("London", ("Place",)),
]


def random_documents(rng: random.Random, count: int, prefix: str) -> list[DocumentResult]:
    out = []
    for n in range(count):
        picks = rng.sample(NAMES, rng.randint(1, 3))
        names = tuple((name, rng.choice(types)) for name, types in picks)
        facts = ((0, "visits", 1),) if len(names) > 1 and rng.random() < 0.5 else ()
        out.append(result(f"{prefix}{n}", *names, facts=facts))
    return out


def whole_index(graph: Graph) -> dict[str, tuple[set[str], dict]]:
    """The blocks and vote tally of every key, indexed afresh from the graph's votes."""
    from kg.folding import shape

    return {key: (shape(n).blocks(), dict(n.pairs)) for key, n in read_votes(graph).items()}


def index_of(graph: Graph) -> dict[str, tuple[set[str], dict]]:
    index = Index.of(graph)
    assert index is not None and index.current()
    keys = set(read_votes(graph)) | set(whole_index(graph))
    kept = {key: (index.blocks(key), dict(+index.tally(key))) for key in keys}
    return {key: entry for key, entry in kept.items() if entry != (set(), {})}


def random_steps(seed: int) -> list[tuple[str, list[DocumentResult]]]:
    """Nine documents added in batches of one to three, with removals of one or two of
    those in the graph between them."""
    rng = random.Random(seed)
    waiting, present = random_documents(rng, 9, f"s{seed}-"), []
    steps: list[tuple[str, list[DocumentResult]]] = []
    while waiting:
        if present and rng.random() < 0.3:
            gone = rng.sample(present, rng.randint(1, min(2, len(present))))
            present = [one for one in present if one not in gone]
            steps.append(("remove", gone))
        else:
            batch, waiting = waiting[: rng.randint(1, 3)], waiting
            waiting = waiting[len(batch):]
            present += batch
            steps.append(("add", batch))
    return steps


def run(
    graph: Graph, steps: list[tuple[str, list[DocumentResult]]], told: bool = False
) -> Graph:
    """``steps`` on ``graph``, the cross-document step after each over the keys it touched
    (the first over every key), as builds and ``kg remove`` run it; ``told``: each step
    also says how it changed the keys' votes, as they do (else the step reads them)."""
    for n, (step, documents) in enumerate(steps):
        votes: VoteDelta | None = {} if told else None
        if step == "remove":
            keys = retract(graph, [document_iri(one.document.id) for one in documents], votes)
            consolidate(graph, None, keys, votes)
            continue
        for one in documents:
            kgraph.add_result(graph, one)
            if votes is not None:
                add_votes(votes, kgraph.triples(one))
        touched = {ENT[e.key] for one in documents for e in one.entities}
        consolidate(graph, None, None if n == 0 else touched, votes)
    return graph


@pytest.mark.parametrize("seed", range(16))
@pytest.mark.parametrize(("memory", "told"), [(True, False), (False, False), (False, True)])
def test_random_batches_and_removals_fold_as_folding_every_key_does(
    monkeypatch: pytest.MonkeyPatch, seed: int, memory: bool, told: bool
) -> None:
    steps = random_steps(seed)
    graph = run(kgraph.new_graph() if memory else in_store([]), steps, told)
    assert index_of(graph) == whole_index(graph)
    monkeypatch.setattr(Index, "of", staticmethod(lambda graph: None))  # no index: fold all
    every = run(kgraph.new_graph() if memory else in_store([]), steps)
    assert same(copy(graph), copy(every))


def folds_seen(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of keys each fold of the cross-document step is given."""
    seen: list[int] = []
    real = identity.fold

    def counting(named):  # type: ignore[no-untyped-def]
        seen.append(len(named))
        return real(named)

    monkeypatch.setattr(identity, "fold", counting)
    return seen


FILLER = [result(f"x{n}", (f"Company Number{n} Holdings", "Organization"),
                 (f"Town{n}", "Place")) for n in range(30)]  # fmt: skip
TONY = result("a", ("Tony Blair", "Person"), ("London", "Place"))
SURNAME = result("b", ("Blair", "Person"), ("Labour", "Organization"))
CHERIE = result("c", ("Cherie Blair", "Person"))
EPA = result("d", ("EPA", "Organization"))
AGENCY = result("e", ("Environmental Protection Agency", "Organization"))
PRODUCERS = result("f", ("European Producers Association", "Organization"))
PLURAL = result("g", ("Commodities", "Commodity"))
SINGULAR = result("h", ("Commodity", "Commodity"))


@pytest.mark.parametrize(("old", "new", "folded", "into"), [
    # a new full name un-folds a surname whose only document is old
    ([TONY, SURNAME], CHERIE, "blair", None),
    # a new expansion of old initials un-folds the acronym
    ([EPA, AGENCY], PRODUCERS, "epa", None),
    # a singular after its old plural folds the plural
    ([PLURAL], SINGULAR, "commodities", "commodity"),
])  # fmt: skip
def test_a_batch_changes_an_old_keys_fold_reading_only_the_keys_near_it(
    monkeypatch: pytest.MonkeyPatch, old: list[DocumentResult], new: DocumentResult,
    folded: str, into: str | None,
) -> None:  # fmt: skip
    for graph in (consolidated([FILLER + old]), in_store([FILLER + old])):
        seen = folds_seen(monkeypatch)
        kgraph.add_result(graph, new)
        consolidate(graph, touched={ENT[e.key] for e in new.entities})
        everything = len(read_votes(graph))
        assert len(seen) == 1 and seen[0] <= 6 < everything, (seen, everything)
        monkeypatch.undo()
        target = graph.value(ENT[folded], OWL.sameAs)
        assert target == (None if into is None else ENT[into])
        assert same(copy(graph), consolidated([FILLER + old + [new]]))


def test_a_graph_without_the_index_is_folded_whole_once_then_locally(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    graph = in_store([FILLER + [TONY, SURNAME]])
    raw = graph.store.oxigraph
    raw.clear_graph(ox.NamedNode(str(FOLD_INDEX_GRAPH)))  # as a graph built before the index
    assert not Index.of(graph).current()  # type: ignore[union-attr]
    seen = folds_seen(monkeypatch)
    kgraph.add_result(graph, CHERIE)
    consolidate(graph, touched={ENT["cherie-blair"]})
    assert seen == [len(read_votes(graph))]  # the whole pass
    assert index_of(graph) == whole_index(graph)
    assert (ENT["blair"], KG.ambiguousWith, ENT["cherie-blair"]) in graph
    kgraph.add_result(graph, PLURAL)
    consolidate(graph, touched={ENT["commodities"]})
    assert len(seen) == 2 and seen[1] < len(read_votes(graph))
    monkeypatch.undo()
    assert same(copy(graph), consolidated([FILLER + [TONY, SURNAME, CHERIE, PLURAL]]))


def test_the_scope_of_a_touched_surname_holds_its_full_names() -> None:
    graph = in_store([FILLER + [TONY, SURNAME, CHERIE]])
    scope = Scope.open(graph, {ENT["cherie-blair"]})
    assert scope is not None
    decided = scope.decided()
    assert {str(ENT[k]) for k in ("cherie-blair", "blair", "tony-blair")} <= decided
    assert not any("number" in key for key in decided)


def test_the_index_is_no_part_of_the_data(tmp_path) -> None:
    graph = in_store([[TONY, SURNAME, CHERIE, EPA, AGENCY]])
    raw = graph.store.oxigraph
    name = ox.NamedNode(str(FOLD_INDEX_GRAPH))
    assert len(list(raw.quads_for_pattern(None, None, None, name))) > 5
    assert not list(graph.triples((None, KG.foldBlock, None)))
    assert not list(graph.query(f"SELECT * WHERE {{ ?s <{KG.foldBlock}> ?o }}"))
    assert not list(graph.query(f"SELECT * WHERE {{ GRAPH ?g {{ ?s <{KG.foldBlock}> ?o }} }}"))
    data = {t for t in graph}
    assert not any(p == KG.foldBlock for _, p, _ in data)


def present_after(steps: list[tuple[str, list[DocumentResult]]]) -> list[DocumentResult]:
    present: list[DocumentResult] = []
    for step, documents in steps:
        present = present + documents if step == "add" else [
            one for one in present if one not in documents]  # fmt: skip
    return present


@pytest.mark.parametrize("seed", range(16, 28))
@pytest.mark.parametrize("memory", [True, False])
def test_random_batches_and_removals_equal_a_build_of_the_documents_left(
    seed: int, memory: bool
) -> None:
    steps = random_steps(seed)
    for end in range(1, len(steps) + 1):
        graph = run(kgraph.new_graph() if memory else in_store([]), steps[:end])
        assert same(copy(graph), consolidated([present_after(steps[:end])])), (seed, end)


def test_a_fact_is_stated_once_both_its_ends_have_moved() -> None:
    """"EPA visits Mr Blair": EPA folds back into its expansion while "Mr Blair" leaves
    "Cherie Blair" for ambiguity in the same batch; the fact is EPA's expansion's with Mr
    Blair, never with Cherie Blair (a group rebuilt before Mr Blair's once stated it so)."""
    epa = result("p", ("EPA", "Organization"), ("Mr Blair", "Person"), facts=((0, "visits", 1),))
    agency = result("q", ("Environmental Protection Agency", "Organization"))
    again = result("t", ("Environmental Protection Agency", "Organization"))
    steps = [("add", [epa, agency]), ("add", [result("r", ("Cherie Blair", "Person"))]),
             ("remove", [agency]), ("add", [result("s", ("Mr Tony Blair", "Person")), again])]
    for graph in (kgraph.new_graph(), in_store([])):
        graph = run(graph, steps)
        assert (ENT["environmental-protection-agency"], KG.visits, ENT["mr-blair"]) in graph
        assert (None, KG.visits, ENT["cherie-blair"]) not in graph
        assert same(copy(graph), consolidated([present_after(steps)]))


def test_a_documents_merge_that_is_also_a_corpus_fold_outlives_the_document() -> None:
    """A document that merged "Commodities" into "Commodity" itself (reason plural) made
    the same record as the corpus-level fold; taking the document out keeps the record
    while another document's "Commodities" still folds into "Commodity"."""
    both = result("b", ("Commodity", "Commodity"), ("Commodities", "Commodity"))
    assert ("Commodities", "commodity", "plural") in both.merges
    steps = [("add", [result("a", ("Commodity", "Commodity"))]),
             ("add", [both, result("c", ("Commodities", "Commodity"))]), ("remove", [both])]
    for graph in (kgraph.new_graph(), in_store([])):
        graph = run(graph, steps)
        assert (ENT["commodities"], OWL.sameAs, ENT["commodity"]) in graph
        assert same(copy(graph), consolidated([present_after(steps)]))
