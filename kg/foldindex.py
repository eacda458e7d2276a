"""The cross-document step local to what a batch changed (issue 20): an index of fold blocks,
the keys a batch can have changed, and the votes their decisions read.

:func:`kg.folding.fold` relates two keys only through a *block* they share
(:meth:`kg.folding.Shape.blocks`: a surname, a first word, initials, the key a name may fold
into). The index keeps every key's blocks, as ``(key, kg:foldBlock, "w:blair")`` in the named
graph ``FOLD_INDEX_GRAPH`` of the store (kg's readers never see it: ``kg.rdf.oxstore``), so
that a block's keys are one look-up by object. It is written with the votes: the keys a
batch touched get their blocks again (none when no vote is left), and a graph without the
index (built before it, or filled from ``graph.ttl``), or with one of another
:data:`VERSION`, is folded whole and indexed whole once.

It also keeps each key's *tally*, the documents that voted each (type, label) for it
(``(key, kg:voteTally, "[[type, label, n], …]")``), so that a key's votes are one look-up
however many documents name it. A build says what it changed of the votes
(:data:`VoteDelta`, :func:`add_votes`; ``kg.retract`` for the votes it takes out), and the
touched keys' tallies are updated by it; without it they are counted again from the votes.

:class:`Scope` finds the keys whose fold may differ after the batch (:meth:`Scope.decided`:
those whose decision reads a touched key, through the stages of fold: a title's or official
name's target, the full names of a surname, the first words of organisations, initials,
singulars), and reads the votes of every key those decisions read
(:meth:`Scope.context`), so that :func:`kg.folding.fold` run on them decides those keys as
it does on the whole graph: every set a decision reads (a surname's full names, an
acronym's organisations, a plural's singulars) is read whole, with what decides their own
folds.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Collection, Iterable
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL

from kg.folding import Named, Shape, shape
from kg.ontology import FOLD_INDEX_GRAPH, KG, is_key_iri

#: The version of the block rules (:meth:`kg.folding.Shape.blocks`) and of fold's: a graph
#: indexed under another is folded and indexed whole at its next build, so a change of
#: kg's folding rules reaches every key once. Change it with the rules.
VERSION = "2"
BLOCK = KG.foldBlock
#: Each key's votes, counted: ``(key, kg:voteTally, "[[type, label, n], …]")``.
TALLY = KG.voteTally
#: Keys whose votes one query reads.
CHUNK = 500
#: An IRI that can be written into a query as it is.
_SAFE = re.compile(r'[^\x00-\x20<>"{}|^`\\]+')
_MARK = (FOLD_INDEX_GRAPH, KG.foldIndexVersion)

#: (a set: a triple's predicate is looked up by its hash, not compared with each in Python)
_VOTE_PARTS = frozenset({KG.voteFor, KG.votedType, KG.votedLabel})
#: The votes of one key: documents per (type, label) they voted.
Tally = Counter[tuple[str, str]]
#: What a batch changed of the keys' votes: key -> (type, label) -> documents (+/-).
VoteDelta = dict[str, Tally]


def add_votes(votes: VoteDelta, triples: Iterable[tuple[Any, Any, Any]]) -> None:
    """Count into ``votes`` the votes that ``triples`` (one document's) write."""
    parts: dict[Any, dict[Any, Any]] = {}
    for s, p, o in triples:
        if p in _VOTE_PARTS:
            parts.setdefault(s, {})[p] = o
    kg = str(KG)
    for found in parts.values():
        if len(found) == len(_VOTE_PARTS):
            pair = (str(found[KG.votedType]).removeprefix(kg), str(found[KG.votedLabel]))
            votes.setdefault(str(found[KG.voteFor]), Counter())[pair] += 1


def named_from(key: str, tally: Tally) -> Named | None:
    """A key's :class:`Named` from its tally (None: no vote)."""
    pairs = +tally
    if not pairs:
        return None
    named = Named(URIRef(key), pairs=pairs)
    for (type_, label), n in pairs.items():
        named.types[type_] += n
        named.labels.add(label)
    return named


def _encode(tally: Tally) -> str:
    return json.dumps(sorted([t, label, n] for (t, label), n in tally.items() if n > 0),
                      ensure_ascii=False)  # fmt: skip


def _decode(text: str) -> Tally:
    return Counter({(t, label): n for t, label, n in json.loads(text)})


class Index:
    """The index of fold blocks of a graph, in its store's named graph ``FOLD_INDEX_GRAPH``
    (through pyoxigraph for kg's store, through rdflib's contexts for a memory graph)."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.raw: Any = getattr(graph.store, "oxigraph", None)
        if self.raw is not None:
            import pyoxigraph as ox

            self._ox = ox
            self._name = ox.NamedNode(str(FOLD_INDEX_GRAPH))
            self._block = ox.NamedNode(str(BLOCK))
            self._tally = ox.NamedNode(str(TALLY))
        else:
            self.view = Graph(store=graph.store, identifier=FOLD_INDEX_GRAPH)

    @staticmethod
    def of(graph: Graph) -> Index | None:
        """The index of ``graph`` (None when its store keeps no named graph)."""
        if getattr(graph.store, "oxigraph", None) is None and not graph.store.context_aware:
            return None
        return Index(graph)

    def current(self) -> bool:
        """Whether the graph is indexed, under this :data:`VERSION`."""
        if self.raw is not None:
            ox = self._ox
            mark = ox.Quad(ox.NamedNode(str(_MARK[0])), ox.NamedNode(str(_MARK[1])),
                           ox.Literal(VERSION), self._name)  # fmt: skip
            return mark in self.raw
        return (*_MARK, Literal(VERSION)) in self.view

    def members(self, block: str) -> set[str]:
        """The keys in ``block``."""
        if self.raw is not None:
            quads = self.raw.quads_for_pattern(None, self._block, self._ox.Literal(block),
                                               self._name)  # fmt: skip
            return {q.subject.value for q in quads}
        return {str(s) for s in self.view.subjects(BLOCK, Literal(block))}

    def any_member(self, block: str) -> str | None:
        """One key in ``block`` (None: none)."""
        if self.raw is not None:
            quads = self.raw.quads_for_pattern(None, self._block, self._ox.Literal(block),
                                               self._name)  # fmt: skip
            return next((q.subject.value for q in quads), None)
        return next((str(s) for s in self.view.subjects(BLOCK, Literal(block))), None)

    def blocks(self, key: str) -> set[str]:
        """The blocks ``key`` is in."""
        if self.raw is not None:
            ox = self._ox
            quads = self.raw.quads_for_pattern(ox.NamedNode(key), self._block, None, self._name)
            return {q.object.value for q in quads}
        return {str(o) for o in self.view.objects(URIRef(key), BLOCK)}

    def tally(self, key: str) -> Tally:
        """The votes of ``key`` the index keeps (empty: none)."""
        if self.raw is not None:
            ox = self._ox
            quads = self.raw.quads_for_pattern(ox.NamedNode(key), self._tally, None, self._name)
            return next((_decode(q.object.value) for q in quads), Counter())
        found = self.view.value(URIRef(key), TALLY)
        return _decode(str(found)) if found is not None else Counter()

    def set_tally(self, key: str, tally: Tally) -> None:
        """Keep ``tally`` as the votes of ``key`` (none left: no tally)."""
        if self.raw is not None:
            ox = self._ox
            node = ox.NamedNode(key)
            for quad in list(self.raw.quads_for_pattern(node, self._tally, None, self._name)):
                self.raw.remove(quad)
            if +tally:
                self.raw.add(ox.Quad(node, self._tally, ox.Literal(_encode(tally)), self._name))
            return
        self.view.remove((URIRef(key), TALLY, None))
        if +tally:
            self.view.add((URIRef(key), TALLY, Literal(_encode(tally))))

    def put(self, key: str, gone: Iterable[str], new: Iterable[str]) -> None:
        """Take ``key`` out of the blocks ``gone`` and into ``new``."""
        if self.raw is not None:
            ox = self._ox
            node = ox.NamedNode(key)
            for block in gone:
                self.raw.remove(ox.Quad(node, self._block, ox.Literal(block), self._name))
            self.raw.extend([ox.Quad(node, self._block, ox.Literal(b), self._name) for b in new])
            return
        for block in gone:
            self.view.remove((URIRef(key), BLOCK, Literal(block)))
        for block in new:
            self.view.add((URIRef(key), BLOCK, Literal(block)))

    def rebuild(self, named: dict[str, Named]) -> None:
        """Index every key of ``named`` (all the graph's votes) afresh."""
        if self.raw is not None:
            ox = self._ox
            self.raw.clear_graph(self._name)
            quads = [ox.Quad(ox.NamedNode(key), self._block, ox.Literal(block), self._name)
                     for key, n in named.items()
                     for block in sorted(shape(n).blocks())]  # fmt: skip
            quads += [ox.Quad(ox.NamedNode(key), self._tally, ox.Literal(_encode(n.pairs)),
                              self._name) for key, n in named.items() if n.pairs]  # fmt: skip
            quads.append(ox.Quad(ox.NamedNode(str(_MARK[0])), ox.NamedNode(str(_MARK[1])),
                                 ox.Literal(VERSION), self._name))  # fmt: skip
            self.raw.extend(quads)
            return
        self.view.remove((None, None, None))
        for key, n in named.items():
            for block in shape(n).blocks():
                self.view.add((URIRef(key), BLOCK, Literal(block)))
            if n.pairs:
                self.view.add((URIRef(key), TALLY, Literal(_encode(n.pairs))))
        self.view.add((*_MARK, Literal(VERSION)))


def count_votes(graph: Graph, keys: Iterable[str]) -> dict[str, Tally]:
    """The votes of ``keys`` read from the graph's votes (those with any): in kg's store
    counted by Oxigraph (one query per :data:`CHUNK` keys), else vote by vote. The cost
    follows the votes: the index keeps each key's tally so that only a key a batch names
    without saying how its votes changed is counted so (:meth:`Scope.open`)."""
    tallies: dict[str, Tally] = {}
    kg = str(KG)
    raw = getattr(graph.store, "oxigraph", None)
    keys = list(keys)
    if raw is not None and all(_SAFE.fullmatch(key) for key in keys):
        for start in range(0, len(keys), CHUNK):
            values = " ".join(f"<{key}>" for key in keys[start : start + CHUNK])
            for k, t, label, n in raw.query(
                f"SELECT ?k ?t ?l (COUNT(?v) AS ?n) WHERE {{ VALUES ?k {{ {values} }} "
                f"?v <{KG.voteFor}> ?k ; <{KG.votedType}> ?t ; <{KG.votedLabel}> ?l }} "
                "GROUP BY ?k ?t ?l"
            ):  # fmt: skip
                tallies.setdefault(k.value, Counter())[
                    t.value.removeprefix(kg), label.value] += int(n.value)
        return tallies
    for key in keys:
        for vote in graph.subjects(KG.voteFor, URIRef(key)):
            for type_ in graph.objects(vote, KG.votedType):
                for label in graph.objects(vote, KG.votedLabel):
                    tallies.setdefault(key, Counter())[
                        str(type_).removeprefix(kg), str(label)] += 1
    return tallies


class Scope:
    """The part of the graph one settle decides (see the module's docstring). Made with
    :meth:`open`, which also brings the index up to date for the touched keys."""

    def __init__(self, graph: Graph, index: Index) -> None:
        self.graph = graph
        self.index = index
        self.named: dict[str, Named] = {}  # votes read so far (a key absent: none)
        self._read: set[str] = set()
        self._shapes: dict[str, Shape] = {}
        #: The keys the batch touched, and their blocks before and after it.
        self.touched: dict[str, set[str]] = {}
        self._blocks: dict[str, set[str]] = {}  # of the other keys, as the index holds them

    @staticmethod
    def open(
        graph: Graph, touched: Collection[URIRef] | None, votes: VoteDelta | None = None
    ) -> Scope | None:
        """The scope of a settle over ``touched`` (None: fold the whole graph, as when
        ``touched`` is None or the graph is not indexed under this version). The touched
        keys' tallies are brought up to date: by ``votes``, what the batch changed of their
        votes, when given (every vote it added or took out), else counted again."""
        index = Index.of(graph)
        if touched is None or index is None or not index.current():
            return None
        scope = Scope(graph, index)
        keys = sorted({str(key) for key in touched})
        if votes is None:
            counted = count_votes(graph, keys)
            for key in keys:
                index.set_tally(key, counted.get(key, Counter()))
        else:
            for key in keys:
                if key in votes:
                    index.set_tally(key, index.tally(key) + votes[key])
        scope.read(keys)
        for key in keys:
            before = index.blocks(key)
            after = scope.shape(key).blocks() if key in scope.named else set()
            index.put(key, before - after, after - before)
            scope.touched[key] = before | after
        return scope

    def read(self, keys: Iterable[str]) -> None:
        """Read the votes of ``keys`` not read yet."""
        for key in keys:
            if key not in self._read:
                self._read.add(key)
                if (named := named_from(key, self.index.tally(key))) is not None:
                    self.named[key] = named

    def shape(self, key: str) -> Shape:
        if key not in self._shapes:
            self._shapes[key] = shape(self.named[key])
        return self._shapes[key]

    def _blocks_of(self, key: str) -> set[str]:
        if key in self.touched:
            return self.touched[key]
        if key not in self._blocks:
            self._blocks[key] = self.index.blocks(key)
        return self._blocks[key]

    def _members(self, blocks: Iterable[str]) -> set[str]:
        return {key for block in sorted(set(blocks)) for key in self.index.members(block)}

    def decided(self) -> set[str]:
        """The keys whose fold may differ from the graph's: the touched keys, the keys a
        title, official name or plural would fold into one of them, the surnames of the
        full names among those, the one-word names of their organisations' first words,
        the acronyms of the organisations among those, and the plurals of all of them."""
        touched = set(self.touched)

        def some(keys: set[str], kind: str) -> set[str]:
            return {b for key in keys for b in self._blocks_of(key) if b.startswith(kind)}

        into = touched | self._members("k:" + key for key in touched)
        surnames = into | self._members(some(into, "w:"))
        surnames |= self._members("w:" + b[2:] for b in some(touched, "f:"))
        acronyms = surnames | self._members(some(surnames, "i:"))
        return acronyms | self._members("k:" + key for key in acronyms)

    def context(self, keys: set[str]) -> dict[str, Named]:
        """The votes that decide the fold of ``keys``: theirs, and, stage by stage of
        fold, those of every key a decision reads (with what decides that key's own fold
        at that stage)."""
        self.read(keys)
        final = set(keys)
        plural = {s for key in final if key in self.named
                  for s in self.shape(key).singulars}  # fmt: skip
        self.read(plural)
        self.read({s for key in plural if key in self.named
                   for s in self.shape(key).singulars})  # fmt: skip
        acronym = final | plural
        surname = set(acronym)
        for key in acronym:
            if key in self.named and (letters := self.shape(key).acronym):
                surname |= self.index.members("i:" + letters)
        self.read(surname)
        title = set(surname)
        for key in surname:
            if key in self.named and (word := self.shape(key).bare):
                title |= self.index.members("w:" + word)
                first = self.index.any_member("f:" + self.named[key].words()[0])
                self.read([first] if first else [])
        self.read(title)
        self.read({t for key in title if key in self.named
                   for t in self.shape(key).targets})  # fmt: skip
        return {key: self.named[key] for key in sorted(self._read) if key in self.named}

    def previous(self, keys: Iterable[str]) -> dict[str, str]:
        """The node each of ``keys`` was folded into (``owl:sameAs``), for those folded."""
        out: dict[str, str] = {}
        for key in keys:
            if is_key_iri(URIRef(key)):
                for target in self.graph.objects(URIRef(key), OWL.sameAs):
                    out[key] = str(target)
        return out

    def members(self, roots: Iterable[str]) -> set[str]:
        """The keys folded into ``roots`` (``owl:sameAs`` from a key)."""
        return {str(s) for root in roots for s in self.graph.subjects(OWL.sameAs, URIRef(root))
                if is_key_iri(s)}  # fmt: skip
