"""Corpus-level identity: one node per real-world entity, whatever type or name it came with.

A document names an entity by its own key (``ent:blair``, the folded name, no type) and
leaves a *vote* for it (``vote:…``: ``kg:voteFor`` the key, ``kg:votedType`` its type guess,
``kg:votedLabel`` its name, ``prov:wasDerivedFrom`` the document). :func:`settle` reads the
votes of the whole graph and decides, as a deterministic function of their union:

- each entity's one ``rdf:type``: the type most documents voted for, ties broken by
  :data:`TIE_ORDER` (a name typed Person in nine articles and Place in one is a Person);
- which keys are other names of another key (:func:`fold`), with a reason: ``title`` ("Mr
  Tony Blair" is "Tony Blair"), ``official-name`` ("Commonwealth of Australia", a bond
  issuer, is Australia), ``surname`` ("Blair", "Mr Blair" join the one full name with
  that surname in the corpus; with two candidates they stay apart and ``kg:ambiguousWith``
  names both; a one-word name the NER typed an organisation, "Dauster", too, unless a longer
  organisation name begins with it, "Ford" of "Ford Motor"), ``acronym`` (capitals, "EPA",
  join the one organisation of the corpus whose initials they are), ``plural`` ("Oscars"
  is "Oscar", "commodities" is "commodity"; never a person's, place's or organisation's).

A key folded into another (``X``) keeps its votes, its within-document merge records and,
on its evidence, ``kg:namedSubject``/``kg:namedObject``/``kg:namedSource``; everything else
it had moves to the canonical node (``C``): labels become ``skos:altLabel`` with a merge
record, documents, facts, evidence ends; ``X owl:sameAs C`` keeps the old IRI resolvable.
Only canonical nodes whose set of keys changed (or whose folded keys got a new document)
are rebuilt, from the votes and the evidence alone, so a later batch that adds a second
"… Blair" undoes the merge exactly, and an incremental build equals an all-at-once one.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS

from kg.aliases import legacy_key
from kg.foldindex import Index, Scope, VoteDelta, named_from
from kg.folding import TIE_ORDER, Named, decide_type, fold
from kg.model import ENTITY_TYPES, Entity
from kg.ontology import ENT, KG, VOTE, Triple, is_entity_iri, is_key_iri
from kg.records import add_merge

__all__ = ["CORPUS_REASONS", "ROLES", "TIE_ORDER", "Named", "decide_type", "entity_triples",
           "fold", "read_votes", "settle", "vote_iri"]  # fmt: skip

#: Reasons of the merges :func:`fold` makes (records without a document).
CORPUS_REASONS = ("title", "official-name", "surname", "plural", "acronym")
#: An evidence role, and the property that keeps the key the document named in it.
ROLES = ((RDF.subject, KG.namedSubject), (RDF.object, KG.namedObject),
         (KG.attributedTo, KG.namedSource))  # fmt: skip


def vote_iri(key: str, doc: URIRef) -> URIRef:
    """IRI of the record "document ``doc`` named entity ``key`` so, with this type"."""
    digest = hashlib.sha256(f"{key}\x1f{doc}".encode()).hexdigest()[:24]
    return VOTE[digest]


def entity_triples(entity: Entity, doc: URIRef) -> list[Triple]:
    """One document's word on an entity: its type guess, its name, its other names, and the
    vote that keeps this document's guess once the corpus has settled the entity's type and
    identity (``kg.identity``); the IRI of kg's earlier typed scheme resolves to it."""
    node = ENT[entity.key]
    vote = vote_iri(entity.key, doc)
    name, type_ = Literal(entity.name), KG[entity.type]
    out: list[Triple] = [
        (node, RDF.type, type_),
        (node, RDFS.label, name),
        (node, KG.mentionedIn, doc),
        (vote, KG.voteFor, node),
        (vote, KG.votedType, type_),
        (vote, KG.votedLabel, name),
        (vote, PROV.wasDerivedFrom, doc),
        (ENT[legacy_key(entity.type, entity.name)], OWL.sameAs, node),
    ]
    out += [(node, SKOS.altLabel, Literal(alias)) for alias in entity.aliases]
    return out


def _pairs(graph: Graph, predicate: URIRef) -> Iterable[tuple[str, str]]:
    """(subject, object) of every triple with ``predicate``, as strings; read by Oxigraph
    itself when ``graph`` is kg's store (``kg.rdf.oxstore``), by rdflib otherwise."""
    scan = getattr(graph.store, "pairs", None)
    if scan is not None:
        return scan(predicate)
    return ((str(s), str(o)) for s, o in graph.subject_objects(predicate))


def read_votes(graph: Graph) -> dict[str, Named]:
    """Every key the documents named (by its IRI as a plain string: rdflib terms hash and
    compare in Python, ten times slower in :func:`fold`), with its votes (three scans, one
    per property)."""
    named: dict[str, Named] = {}
    of_vote: dict[str, Named] = {}
    for vote, node in _pairs(graph, KG.voteFor):
        entry = named.get(node)
        if entry is None:
            entry = named[node] = Named(URIRef(node))
        entry.votes.append(vote)
        of_vote[vote] = entry
    kg = str(KG)
    type_of: dict[str, str] = {}
    for vote, type_ in _pairs(graph, KG.votedType):
        if (voter := of_vote.get(vote)) is not None:
            voter.types[type_of.setdefault(vote, type_.removeprefix(kg))] += 1
    for vote, label in _pairs(graph, KG.votedLabel):
        if (voter := of_vote.get(vote)) is not None:
            voter.labels.add(label)
            if vote in type_of:
                voter.pairs[type_of[vote], label] += 1
    for entry in named.values():
        entry.votes.sort()
    return named


def settle(
    graph: Graph, touched: Collection[URIRef] | None = None, votes: VoteDelta | None = None,
    *, complete: bool = False,
) -> set[URIRef]:
    """Types and corpus-level merges of every entity; see the module's docstring.

    ``touched``: the keys the documents added (or taken out) since the last settle named
    (None: any). Only they, their canonical nodes and the groups whose keys changed are
    re-typed, and, in a graph whose store keeps the index of fold blocks
    (``kg.foldindex``), only the keys whose fold they can change are folded again, from
    the votes those folds read (the same result as folding every key). Returns the
    canonical nodes rebuilt (labels and aliases rewritten). ``votes``: how the batch
    changed the votes of the keys it named (``kg.foldindex.VoteDelta``; None: read them);
    ``complete``: they are every vote of the graph (a build into an empty graph)."""
    new = {str(n) for n in touched} if touched is not None else None
    scope = Scope.open(graph, touched, votes)
    decided: set[str] | None = None
    if scope is None or new is None:
        if complete and votes is not None:
            # as read_votes reads them, less the list of vote nodes (_rebuild reads it)
            named = {key: n for key, tally in votes.items()
                     if (n := named_from(key, tally)) is not None}  # fmt: skip
        else:
            named = read_votes(graph)
        folded, ambiguous = fold(named)
        ent = str(ENT)
        previous = {x: c for x, c in _pairs(graph, OWL.sameAs)
                    if x.startswith(ent) and "/" not in x[len(ent):]}  # fmt: skip
        if (index := Index.of(graph)) is not None:
            index.rebuild(named)
        changed = _changed(graph, previous, folded, new)
    else:
        named, folded, ambiguous, changed, decided = _local(graph, scope, new)
    into = {URIRef(x): (URIRef(c), why) for x, (c, why) in folded.items()}
    canon = {node: target for node, (target, _) in into.items()}
    members: dict[URIRef, list[URIRef]] = defaultdict(list)
    for node, target in canon.items():
        members[target].append(node)
    affected = {URIRef(node) for node in changed}
    moved: set[URIRef] = set()
    for root in sorted(affected):
        if str(root) in named:
            group = [root, *sorted(members.get(root, []))]
            moved |= _rebuild(graph, group, named, into, canon)
    _state_facts(graph, moved)  # once every group's evidence points where it now belongs
    check = None if touched is None else {*touched, *(canon.get(n, n) for n in touched)}
    _settle_types(graph, named, members, None if check is None else check | affected)
    _settle_ambiguity(graph, {URIRef(x): [URIRef(f) for f in found]
                              for x, found in ambiguous.items()}, decided)  # fmt: skip
    return affected


def _changed(
    graph: Graph, previous: dict[str, str], folded: dict[str, tuple[str, str]],
    new: set[str] | None,
) -> set[str]:  # fmt: skip
    """The canonical nodes whose keys changed (``previous``: the folds in the graph, of the
    keys decided; ``folded``: their folds now), or whose folded keys a new document named."""
    changed: set[str] = set()
    for node in previous.keys() | folded.keys():
        before, now = previous.get(node, node), folded.get(node, (node, ""))[0]
        if before != now:
            changed |= {folded.get(before, (before, ""))[0], now}
    for node, (target, _) in folded.items():
        # a new document named a folded key (only a new document gives one a label)
        if (new is None or node in new) and (URIRef(node), RDFS.label, None) in graph:
            changed.add(target)
    return changed


def _local(graph: Graph, scope: Scope, new: set[str]) -> tuple[
    dict[str, Named], dict[str, tuple[str, str]], dict[str, list[str]], set[str], set[str]
]:  # fmt: skip
    """:func:`fold` over the keys whose fold may have changed (``Scope.decided``), and over
    the groups it rebuilds or re-types with all their keys (a key that did not change
    keeps its fold: deciding it again gives its reason); returns the votes read, the folds
    and ambiguities of the keys decided, the canonical nodes changed, and those keys."""
    keys = scope.decided()
    while True:
        named = scope.context(keys)
        everything, ambiguity = fold(named)
        folded = {key: why for key, why in everything.items() if key in keys}
        ambiguous = {key: found for key, found in ambiguity.items() if key in keys}
        changed = _changed(graph, scope.previous(keys), folded, new)
        roots = changed | new | {folded.get(key, (key, ""))[0] for key in new}
        wanted = roots | scope.members(roots)
        if wanted <= keys:
            return named, folded, ambiguous, changed, keys
        keys |= wanted


def _rebuild(
    graph: Graph,
    group: list[URIRef],
    named: dict[str, Named],
    into: dict[URIRef, tuple[URIRef, str]],
    canon: dict[URIRef, URIRef],
) -> set[URIRef]:
    """Make ``group[0]`` the node of every key of ``group`` from their votes and evidence;
    returns the evidence moved (whose facts :func:`_state_facts` states)."""
    root = group[0]
    key = str(root).removeprefix(str(ENT))
    for node in group:
        for triple in list(graph.triples((node, None, None))):
            graph.remove(triple)
        for s, p, o in list(graph.triples((None, None, node))):
            if is_entity_iri(s) and p != OWL.sameAs:
                graph.remove((s, p, o))
    for record in [r for node in group for r in graph.subjects(KG.mergedInto, node)]:
        # the group's corpus-level records are made again below; one into a key of the group
        # other than the root is a fold into a node that is now folded itself
        if (record, PROV.wasDerivedFrom, None) in graph:
            continue  # a document's own merge record
        if str(graph.value(record, KG.mergeReason)) in CORPUS_REASONS:
            graph.remove((record, None, None))
    types: Counter[str] = Counter()
    for node in group:
        types.update(named[str(node)].types)
        # (the votes of a key read by kg.foldindex are not listed: read them here)
        votes = named[str(node)].votes or [str(v) for v in graph.subjects(KG.voteFor, node)]
        for vote in votes:
            doc = graph.value(URIRef(vote), PROV.wasDerivedFrom)
            if doc is not None:
                graph.add((root, KG.mentionedIn, doc))
        for record in list(graph.subjects(KG.mergedInto, node)):
            alias = graph.value(record, KG.alias)
            if alias is not None and (record, PROV.wasDerivedFrom, None) in graph:
                graph.add((root, SKOS.altLabel, alias))  # a document's own merge
    graph.add((root, RDF.type, KG[decide_type(types)]))
    for label in named[str(root)].labels:
        graph.add((root, RDFS.label, Literal(label)))
    for node in group[1:]:
        graph.add((node, OWL.sameAs, root))
        for label in sorted(named[str(node)].labels):
            graph.add((root, SKOS.altLabel, Literal(label)))
            add_merge(graph, key, label, into[node][1], None)
    return _move_evidence(graph, group, canon)


def _move_evidence(
    graph: Graph, group: list[URIRef], canon: dict[URIRef, URIRef]
) -> set[URIRef]:
    """Point the evidence of the group's keys at their canonical nodes; returns it."""
    touched: set[URIRef] = set()
    for node in group:
        for role, named_as in ROLES:
            for ev in set(graph.subjects(role, node)) | set(graph.subjects(named_as, node)):
                own = graph.value(ev, named_as) or graph.value(ev, role)
                if own != node:
                    continue
                target = canon.get(node, node)
                graph.remove((ev, role, None))
                graph.add((ev, role, target))
                graph.remove((ev, named_as, None))
                if target != node:
                    graph.add((ev, named_as, node))
                touched.add(URIRef(str(ev)))
    return touched


def _state_facts(graph: Graph, evidence: set[URIRef]) -> None:
    """The facts of moved evidence, stated once all groups are rebuilt: a fact whose other
    end is in a group rebuilt later would be stated with that end's old node (a stale fact
    no later rebuild removes)."""
    for ev in sorted(evidence):
        if (ev, KG.polarity, Literal("negative")) in graph:
            continue
        s, p, o = (graph.value(ev, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        if s is not None and p is not None and o is not None:
            graph.add((s, p, o))


def _settle_types(
    graph: Graph,
    named: dict[str, Named],
    members: dict[URIRef, list[URIRef]],
    nodes: set[URIRef] | None = None,
) -> None:
    """One ``rdf:type`` per canonical node: the vote of all its keys' documents (of
    ``nodes`` only, the ones whose votes or keys changed, when given)."""
    present: dict[URIRef, set[str]] = defaultdict(set)
    if nodes is None:
        for type_ in ENTITY_TYPES:
            for node in graph.subjects(RDF.type, KG[type_]):
                if is_key_iri(node):
                    present[URIRef(str(node))].add(type_)
    else:
        kinds = {str(KG[type_]): type_ for type_ in ENTITY_TYPES}
        for node in filter(is_key_iri, nodes):
            if found := {kinds[c] for c in map(str, graph.objects(node, RDF.type)) if c in kinds}:
                present[node] = found
    for node, types in present.items():
        if str(node) not in named:
            continue
        votes = Counter(named[str(node)].types)
        for other in members.get(node, []):
            votes.update(named[str(other)].types)
        best = decide_type(votes) if votes else sorted(types)[0]
        if types != {best}:
            for type_ in types - {best}:
                graph.remove((node, RDF.type, KG[type_]))
            graph.add((node, RDF.type, KG[best]))


def _settle_ambiguity(
    graph: Graph, ambiguous: dict[URIRef, list[URIRef]], keys: set[str] | None = None
) -> None:
    """``kg:ambiguousWith`` from a bare surname to each full name it could be (of ``keys``
    only when given: the others' did not change)."""
    wanted = {(node, other) for node, found in ambiguous.items() for other in found}
    if keys is None:
        pairs = graph.subject_objects(KG.ambiguousWith)
    else:
        pairs = ((URIRef(k), o) for k in sorted(keys) for o in graph.objects(URIRef(k),
                                                                           KG.ambiguousWith))
    present = {(URIRef(str(s)), URIRef(str(o))) for s, o in pairs}
    for s, o in present - wanted:
        graph.remove((s, KG.ambiguousWith, o))
    for s, o in wanted - present:
        graph.add((s, KG.ambiguousWith, o))
