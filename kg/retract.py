"""Documents taken out of a graph: :func:`retract`, the graph side of ``kg remove`` and of
re-adding a changed article.

A document's own nodes are its document node, its evidence (with their quantities) and its
votes; they go with it. What it shares with other documents is settled again from what the
others say, as :func:`kg.merges.consolidate` settles it when documents are added:

- a merge record (``kg:Merge``) loses the document's ``prov:wasDerivedFrom``, and goes when
  no document is left, unless its reason is also one of the folds across documents (a
  document's own "plural" is the node of the corpus-level "plural" record): that one is
  kept or dropped with its key's corpus-level records;
- a fact (the plain triple) goes when no evidence of another document states it; an open
  relation's declaration when no evidence uses it;
- an entity key the document voted for is described again from the votes left: when none
  is left, the key goes (its facts, labels, types, links, corpus-level merge records);
  when the key is folded into another (``owl:sameAs``), the canonical node is rebuilt by
  the cross-document step (the key is given a label again, which is how a new document
  naming a folded key asks for it); otherwise its labels and other names are made again
  from its votes and merge records, so ``consolidate`` chooses the label, the type and the
  folds as if the document had never been read.

Every step is a look-up by the document, or by one of its entity keys: the work is
proportional to what the documents hold. The votes left to a key are its tally in the
index of the cross-document step with the build's changes (``kg.foldindex``), when the
caller hands those over; else they are read, one SPARQL query per key, in proportion to
the documents that name it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from kg.aliases import legacy_key
from kg.foldindex import Index, VoteDelta, count_votes
from kg.identity import CORPUS_REASONS, ROLES
from kg.ontology import ENT, EVID, KG, REL, VOTE, is_entity_iri, is_key_iri

#: (subject, predicate, object) of a fact.
Fact = tuple[URIRef, URIRef, URIRef]


@dataclass
class _Taken:
    """What the documents taken out said, read before their nodes went."""

    keys: set[URIRef] = field(default_factory=set)
    #: (key, type, label) of each vote: the typed IRIs of kg's earlier scheme they made,
    #: and how many documents voted so.
    votes: Counter[tuple[URIRef, str, str]] = field(default_factory=Counter)
    facts: set[Fact] = field(default_factory=set)
    #: Open relations (``rel:``) their evidence used.
    predicates: set[URIRef] = field(default_factory=set)


def retract(
    graph: Graph, documents: Iterable[str], votes: VoteDelta | None = None
) -> set[URIRef]:
    """Take ``documents`` (document IRIs) and what rests only on them out of ``graph``.

    Run :func:`kg.merges.consolidate` after (a build adds its new documents first): the
    graph is then the one a build of the other documents alone makes. Returns the entity
    keys whose description changed (those the documents named, and their canonical
    nodes). ``votes`` (``kg.foldindex.VoteDelta``), when given, holds what the build
    changed of the keys' votes so far, and takes the votes these documents leave; the
    votes left to a key are then the index's tally with it, not read vote by vote."""
    taken = _take_out(graph, {URIRef(str(d)) for d in documents})
    tallies = _Tallies.of(graph, votes)
    if votes is not None:
        for (key, type_, label), n in taken.votes.items():
            votes.setdefault(str(key), Counter())[type_, label] -= n
    for fact in sorted(taken.facts):
        if not _stated(graph, *fact):
            graph.remove(fact)
    for predicate in sorted(taken.predicates):
        if next(iter(graph.subjects(RDF.predicate, predicate)), None) is None:
            graph.remove((predicate, None, None))  # its declaration
    left = {key: tallies.left(key) for key in sorted(taken.keys)}
    for key, type_, label in sorted(taken.votes):
        legacy = ENT[legacy_key(type_, label)]
        if all(ENT[legacy_key(t, lab)] != legacy for t, lab in left[key]):
            graph.remove((legacy, OWL.sameAs, key))
    affected = set(taken.keys)
    describe: set[URIRef] = set()
    for key, pairs in left.items():
        graph.remove((key, KG.institutionOf, None))  # consolidate links what is still there
        graph.remove((None, KG.institutionOf, key))
        target = _canonical(graph, key)
        if target is not None:
            affected.add(target)
        if not pairs:
            _clear(graph, key)
            if target is not None:
                describe.add(target)  # the names it gave the target go with it
        elif target is not None:
            # as a new document naming a folded key does: consolidate rebuilds the target
            graph.add((key, RDFS.label, Literal(min(label for _, label in pairs))))
        else:
            describe.add(key)
    for key in sorted(describe):
        pairs = left[key] if key in left else tallies.left(key)
        if pairs:
            _describe(graph, key, {label for _, label in pairs}, tallies)
    return affected


def _take_out(graph: Graph, documents: set[URIRef]) -> _Taken:
    """Remove the documents' own nodes; what they said of shared nodes is returned."""
    taken = _Taken()
    for doc in sorted(documents):
        for node in [URIRef(str(n)) for n in graph.subjects(PROV.wasDerivedFrom, doc)]:
            if node.startswith(str(VOTE)):
                key = graph.value(node, KG.voteFor)
                type_, label = graph.value(node, KG.votedType), graph.value(node, KG.votedLabel)
                if key is not None:
                    key = URIRef(str(key))
                    taken.keys.add(key)
                    if type_ is not None and label is not None:
                        taken.votes[key, str(type_).removeprefix(str(KG)), str(label)] += 1
                graph.remove((node, None, None))
            elif (node, RDF.type, KG.Merge) in graph:
                graph.remove((node, PROV.wasDerivedFrom, doc))
                if (key := graph.value(node, KG.mergedInto)) is not None:
                    taken.keys.add(URIRef(str(key)))
                if (node, PROV.wasDerivedFrom, None) not in graph and not _corpus_level(
                    graph, node
                ):
                    graph.remove((node, None, None))
                # a record whose reason is also a fold's across documents ("plural") is the
                # same node as that fold's record: left, it is kept or dropped with the other
                # corpus-level records of its key (_describe, _clear, the group's rebuild)
            elif node.startswith(str(EVID)):
                _evidence(graph, node, taken)
        graph.remove((doc, None, None))
        graph.remove((None, KG.mentionedIn, doc))
    return taken


def _evidence(graph: Graph, node: URIRef, taken: _Taken) -> None:
    """Remove one evidence node (and its quantities), noting the fact it stated."""
    s, p, o = (graph.value(node, x) for x in (RDF.subject, RDF.predicate, RDF.object))
    if p is not None and str(p).startswith(str(REL)):
        taken.predicates.add(URIRef(str(p)))
    if s is not None and p is not None and o is not None:
        taken.facts.add((URIRef(str(s)), URIRef(str(p)), URIRef(str(o))))
    for quantity in list(graph.objects(node, KG.quantity)):
        graph.remove((quantity, None, None))
    graph.remove((node, None, None))


def _stated(graph: Graph, s: URIRef, p: URIRef, o: URIRef) -> bool:
    """Whether evidence left in the graph states the fact (a denial states none)."""
    result = graph.query(
        f"ASK {{ ?e <{RDF.subject}> <{s}> ; <{RDF.predicate}> <{p}> ; <{RDF.object}> <{o}> "
        f'FILTER NOT EXISTS {{ ?e <{KG.polarity}> "negative" }} }}'
    )
    return bool(result.askAnswer)


class _Tallies:
    """The votes left for entity keys: from the index's tallies and the build's changes
    (``votes``) when both are there, else counted from the votes themselves
    (``kg.foldindex.count_votes``)."""

    def __init__(self, graph: Graph, index: Index | None, votes: VoteDelta | None) -> None:
        self.graph, self.index, self.votes = graph, index, votes

    @staticmethod
    def of(graph: Graph, votes: VoteDelta | None) -> _Tallies:
        index = Index.of(graph) if votes is not None else None
        return _Tallies(graph, index if index is not None and index.current() else None, votes)

    def left(self, key: URIRef) -> set[tuple[str, str]]:
        """(type, label) of the votes left for ``key``."""
        if self.index is not None and self.votes is not None:
            tally = self.index.tally(str(key)) + self.votes.get(str(key), Counter())
        else:
            tally = count_votes(self.graph, [str(key)]).get(str(key), Counter())
        return set(+tally)


def _canonical(graph: Graph, key: URIRef) -> URIRef | None:
    """The node a key is folded into (``owl:sameAs`` between keys of the current scheme)."""
    for target in graph.objects(key, OWL.sameAs):
        if is_key_iri(target):
            return URIRef(str(target))
    return None


def _clear(graph: Graph, key: URIRef) -> None:
    """A key no document names any more: its triples go, and the facts and links to it.
    The keys folded into it keep their ``owl:sameAs``, so ``consolidate`` sees them unfold
    and rebuilds each from its own votes; their evidence names them again (a fact another
    group's rebuild states from it must not name the key that went)."""
    for role, named_as in ROLES:
        for evidence in list(graph.subjects(role, key)):
            own = graph.value(evidence, named_as)
            graph.remove((evidence, role, key))
            graph.remove((evidence, named_as, None))
            if own is not None:
                graph.add((evidence, role, own))
    graph.remove((key, None, None))
    for s, p, o in list(graph.triples((None, None, key))):
        if is_entity_iri(s) and not (p == OWL.sameAs and is_key_iri(s)):
            graph.remove((s, p, o))
    for record in list(graph.subjects(KG.mergedInto, key)):
        graph.remove((record, None, None))  # corpus-level: a document's went with it


def _corpus_level(graph: Graph, record: Node) -> bool:
    return str(graph.value(record, KG.mergeReason)) in CORPUS_REASONS


def _describe(graph: Graph, key: URIRef, labels: set[str], tallies: _Tallies) -> None:
    """The names of a canonical node made again from its votes and merge records, as the
    documents and the cross-document step make them (``consolidate`` then picks the label).

    ``labels`` are its own votes' labels; its other names are the aliases of its keys'
    document merge records, and the labels of the keys folded into it (the corpus-level
    records of those that are still folded into it are kept, the others go)."""
    graph.remove((key, RDFS.label, None))
    graph.remove((key, SKOS.altLabel, None))
    members = [URIRef(str(m)) for m in graph.subjects(OWL.sameAs, key) if is_key_iri(m)]
    folded = {label for member in members for _, label in tallies.left(member)}
    for node in [key, *members]:
        for record in list(graph.subjects(KG.mergedInto, node)):
            alias = graph.value(record, KG.alias)
            if alias is None:
                continue
            if (record, PROV.wasDerivedFrom, None) in graph:
                graph.add((key, SKOS.altLabel, alias))  # a document's own merge
            elif node != key:
                continue
            elif str(alias) in folded and _corpus_level(graph, record):
                graph.add((key, SKOS.altLabel, alias))
            else:  # same-key (consolidate makes it again) or a fold undone
                graph.remove((record, None, None))
    for label in labels:
        graph.add((key, RDFS.label, Literal(label)))
