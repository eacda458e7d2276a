"""The evidence the page shows for a fact: each sentence saying it, with its document (a
citation) and every other property its evidence node carries, best first.

Read on demand, for the facts a page or a panel shows (``GraphData.evidence`` in
``kg.html.read``); what it needs of the graph read is :class:`Reading`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF
from rdflib.term import Node

from kg.html.terms import confidence, local_name, pick_label, rank
from kg.ontology import KG, PREFIXES

FactKey = tuple[str, str, str]

#: Evidence properties the panel shows in its own places (not in the generic list).
_SHOWN_APART = {
    RDF.type, RDF.subject, RDF.predicate, RDF.object, PROV.wasDerivedFrom,
    KG.sentence, KG.confidence, KG.section,
}  # fmt: skip
#: Evidence properties of how the fact was read (offsets, spans, rule): the panel folds
#: them under "details", after what the sentence says.
_DETAILS = {
    KG.sentenceStart, KG.sentenceEnd, KG.subjectText, KG.subjectStart, KG.subjectEnd,
    KG.objectText, KG.objectStart, KG.objectEnd, KG.rule,
}  # fmt: skip
#: Modalities that state a fact as such (in the text's own voice or a source's).
STATED = frozenset({"asserted", "reported"})
#: Generic evidence properties listed first, in this order; any other follows by label.
_FIRST = [
    KG.timeText, KG.validFrom, KG.validUntil, KG.polarity, KG.modality, KG.attributedTo,
    KG.attributionText, KG.quantity, KG.subjectText, KG.objectText, KG.rule,
]  # fmt: skip
_ORDER = {str(p): i for i, p in enumerate(_FIRST)}


class Labelled(Protocol):
    """An entity as read for the page (``kg.html.read.Entity``): its label is enough here."""

    @property
    def label(self) -> str: ...


class Reading(Protocol):
    """What reading evidence needs of the graph read (``kg.html.read.GraphData``)."""

    @property
    def graph(self) -> Graph: ...

    @property
    def entities(self) -> Mapping[str, Labelled]: ...

    def property_label(self, prop: Node) -> str: ...


@dataclass(frozen=True)
class Document:
    """Where a sentence is from: title (or a name for the document), URL, file, date."""

    name: str
    url: str = ""
    path: str = ""
    published: str = ""


@dataclass(frozen=True)
class Evidence:
    """One sentence saying a fact, with its document and every other literal it carries:
    ``properties`` what the sentence says of the fact (time, polarity, modality, source,
    quantity, …), ``details`` how it was read (offsets, spans, rule)."""

    sentence: str
    doc: str
    section: str
    confidence: float | None
    properties: tuple[tuple[str, str], ...] = ()
    details: tuple[tuple[str, str], ...] = ()
    document: Document | None = None
    polarity: str = "positive"
    modality: str = "asserted"

    def as_json(self) -> dict[str, Any]:
        cited = self.document or Document(self.doc)
        return {
            "sentence": self.sentence,
            "doc": self.doc,
            "url": cited.url,
            "path": cited.path,
            "published": cited.published,
            "section": self.section,
            "confidence": self.confidence,
            "properties": [list(pair) for pair in self.properties],
            "details": [list(pair) for pair in self.details],
        }


def _statements(graph: Graph) -> dict[Node, FactKey]:
    """The statement (subject, predicate, object) each node with all three is about."""
    store = getattr(graph.store, "oxigraph", None)  # kg's Oxigraph store: ask it in SPARQL
    if store is not None:
        import pyoxigraph as ox

        rows = store.query(
            f"SELECT ?n ?s ?p ?o WHERE {{ ?n <{RDF.subject}> ?s ; <{RDF.predicate}> ?p ; "
            f"<{RDF.object}> ?o }}"
        )
        found: dict[Node, FactKey] = {}
        for n, s, p, o in rows:
            statement = URIRef(n.value) if isinstance(n, ox.NamedNode) else BNode(n.value)
            found[statement] = (s.value, p.value, o.value)
        return found
    said: dict[Node, dict[Node, Node]] = defaultdict(dict)
    for term in (RDF.subject, RDF.predicate, RDF.object):
        for node, value in graph.subject_objects(term):
            said[node][term] = value
    return {
        node: (str(parts[RDF.subject]), str(parts[RDF.predicate]), str(parts[RDF.object]))
        for node, parts in said.items()
        if len(parts) == 3
    }


def _document(graph: Graph, doc: Node, cache: dict[Node, Document]) -> Document:
    """The citation of a document node: its title, URL (``kg:url``, or a ``dcterms:source``
    that is one), file (``kg:path``, or a ``dcterms:source`` that is not a URL) and date."""
    if doc not in cache:
        values = _values(graph, doc)
        title = pick_label(values.get(DCTERMS.title, []))
        if title is None:
            doc_ns = str(PREFIXES["doc"])
            iri = str(doc)
            title = "document " + (iri[len(doc_ns) :] if iri.startswith(doc_ns) else iri)

        def value(prop: Node) -> str:
            return str(min(values[prop], key=str)) if values.get(prop) else ""

        source = value(DCTERMS.source)
        is_url = source.startswith(("http://", "https://"))
        url = value(KG.url) or (source if is_url else "")
        path = value(KG.path) or ("" if is_url else source)
        cache[doc] = Document(title, url, path, value(DCTERMS.issued))
    return cache[doc]


def _values(graph: Graph, node: Node) -> dict[Node, list[Node | str]]:
    """A node's objects by predicate, in one look-up in kg's store (literals as text)."""
    values: dict[Node, list[Node | str]] = defaultdict(list)
    outgoing = getattr(graph.store, "outgoing", None)  # kg's Oxigraph store
    for p, o in outgoing(node) if outgoing is not None else graph.predicate_objects(node):
        values[p].append(o)
    return values


def _value_text(data: Reading, value: Node | str) -> str:
    """A property value as text: a literal as written (a ``Literal``, or its plain text
    from kg's store), an entity by its label, another node (a quantity, say) by its own
    literal properties, else the IRI."""
    if not isinstance(value, URIRef | BNode):
        return str(value)
    entity = data.entities.get(str(value))
    if entity is not None:
        return entity.label
    parts = [
        f"{data.property_label(p)} {o}"
        for p, o in sorted(data.graph.predicate_objects(value), key=lambda po: str(po[0]))
        if isinstance(o, Literal)
    ]
    if parts:
        return " · ".join(parts)
    return local_name(str(value)) if isinstance(value, BNode) else str(value)


def read_evidence(data: Reading, facts: list[FactKey]) -> dict[FactKey, list[Evidence]]:
    """The evidence of the facts, best first, one per sentence, section and document."""
    graph = data.graph
    wanted = set(facts)
    docs: dict[Node, Document] = {}
    best: dict[FactKey, dict[tuple[str, str, str], Evidence]] = defaultdict(dict)
    # which statement each evidence node is about, in three scans; then only the evidence
    # of wanted facts is read whole (one look-up per evidence node of every subject took
    # a second on 2,000 articles)
    for ev, key in sorted(_statements(graph).items(), key=lambda item: str(item[0])):
        if key not in wanted:
            continue
        values = _values(graph, ev)
        sentence = values.get(KG.sentence)
        if not sentence:
            continue
        doc_nodes = [d for d in values.get(PROV.wasDerivedFrom, []) if isinstance(d, Node)]
        doc_iri = str(doc_nodes[0]) if doc_nodes else ""
        cited = _document(graph, doc_nodes[0], docs) if doc_nodes else None
        known = [c for c in map(confidence, values.get(KG.confidence, [])) if c is not None]
        extra: list[tuple[int, str, str]] = []
        details: list[tuple[int, str, str]] = []
        for prop, objects in values.items():
            if prop in _SHOWN_APART:
                continue
            label = data.property_label(prop)
            text = "; ".join(sorted(_value_text(data, o) for o in objects))
            (details if prop in _DETAILS else extra).append(
                (_ORDER.get(str(prop), len(_ORDER)), label, text)
            )
        item = Evidence(
            sentence=str(sentence[0]),
            doc=cited.name if cited else "",
            section=str(values[KG.section][0]) if values.get(KG.section) else "",
            confidence=max(known) if known else None,
            properties=tuple((label, text) for _, label, text in sorted(extra)),
            details=tuple((label, text) for _, label, text in sorted(details)),
            document=cited,
            polarity=str(values[KG.polarity][0]) if values.get(KG.polarity) else "positive",
            modality=str(values[KG.modality][0]) if values.get(KG.modality) else "asserted",
        )
        seen = best[key]
        dedup = (doc_iri, item.sentence, item.section)
        old = seen.get(dedup)
        if old is None or (rank(item.confidence), item.properties) > (
            rank(old.confidence),
            old.properties,
        ):
            seen[dedup] = item
    return {
        key: sorted(
            items.values(), key=lambda e: (-rank(e.confidence), e.doc, e.section, e.sentence)
        )
        for key, items in best.items()
    }
