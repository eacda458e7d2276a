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

import re
from collections.abc import Collection, Iterable
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL

from kg.folding import Named, Shape, shape
from kg.ontology import FOLD_INDEX_GRAPH, KG, is_key_iri

#: The version of the block rules (:meth:`kg.folding.Shape.blocks`) and of fold's: a graph
#: indexed under another is folded and indexed whole at its next build, so a change of
#: kg's folding rules reaches every key once. Change it with the rules.
VERSION = "1"
BLOCK = KG.foldBlock
#: Keys whose votes one query reads.
CHUNK = 500
#: An IRI that can be written into a query as it is.
_SAFE = re.compile(r'[^\x00-\x20<>"{}|^`\\]+')
_MARK = (FOLD_INDEX_GRAPH, KG.foldIndexVersion)


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
            quads.append(ox.Quad(ox.NamedNode(str(_MARK[0])), ox.NamedNode(str(_MARK[1])),
                                 ox.Literal(VERSION), self._name))  # fmt: skip
            self.raw.extend(quads)
            return
        self.view.remove((None, None, None))
        for key, n in named.items():
            for block in shape(n).blocks():
                self.view.add((URIRef(key), BLOCK, Literal(block)))
        self.view.add((*_MARK, Literal(VERSION)))


def votes_of(graph: Graph, keys: Iterable[str]) -> dict[str, Named]:
    """The votes of ``keys`` (those with any), as :func:`kg.identity.read_votes` reads
    every key's. In kg's store, each key's type votes counted and its labels gathered by
    Oxigraph (two queries per :data:`CHUNK` keys, a key named by thousands of documents
    in milliseconds); its vote IRIs are then left unread (``Named.votes`` empty, read by
    who needs them)."""
    named: dict[str, Named] = {}
    kg = str(KG)
    raw = getattr(graph.store, "oxigraph", None)
    keys = list(keys)
    if raw is not None and all(_SAFE.fullmatch(key) for key in keys):
        for start in range(0, len(keys), CHUNK):
            values = " ".join(f"<{key}>" for key in keys[start : start + CHUNK])
            head = f"VALUES ?k {{ {values} }} ?v <{KG.voteFor}> ?k"
            for k, t, n in raw.query(f"SELECT ?k ?t (COUNT(?t) AS ?n) WHERE {{ {head} "
                                     f"OPTIONAL {{ ?v <{KG.votedType}> ?t }} }} GROUP BY ?k ?t"):
                entry = named.get(k.value) or named.setdefault(k.value, Named(URIRef(k.value)))
                if t is not None:
                    entry.types[t.value.removeprefix(kg)] += int(n.value)
            for k, label in raw.query(f"SELECT DISTINCT ?k ?l WHERE {{ {head} . "
                                      f"?v <{KG.votedLabel}> ?l }}"):  # fmt: skip
                named[k.value].labels.add(label.value)
        return named
    for key in keys:
        votes = sorted(str(v) for v in graph.subjects(KG.voteFor, URIRef(key)))
        if not votes:
            continue
        entry = named[key] = Named(URIRef(key), votes)
        for vote in votes:
            for type_ in graph.objects(URIRef(vote), KG.votedType):
                entry.types[str(type_).removeprefix(kg)] += 1
            entry.labels.update(str(label) for label in graph.objects(URIRef(vote), KG.votedLabel))
    return named


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
    def open(graph: Graph, touched: Collection[URIRef] | None) -> Scope | None:
        """The scope of a settle over ``touched`` (None: fold the whole graph, as when
        ``touched`` is None or the graph is not indexed under this version)."""
        index = Index.of(graph)
        if touched is None or index is None or not index.current():
            return None
        scope = Scope(graph, index)
        keys = sorted({str(key) for key in touched})
        scope.read(keys)
        for key in keys:
            before = index.blocks(key)
            after = scope.shape(key).blocks() if key in scope.named else set()
            index.put(key, before - after, after - before)
            scope.touched[key] = before | after
        return scope

    def read(self, keys: Iterable[str]) -> None:
        """Read the votes of ``keys`` not read yet."""
        new = [key for key in keys if key not in self._read]
        self._read.update(new)
        self.named.update(votes_of(self.graph, new))

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
