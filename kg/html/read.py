"""What the page shows, read from a kg graph: entities, their classes, facts and evidence.

Only triple patterns with a fixed predicate or subject are used (``graph.triples``,
``graph.objects`` ...): both rdflib's in-memory store and Oxigraph answer them from an index,
where rdflib's SPARQL engine would evaluate joins and property paths in Python.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from kg.ontology import KG, PREFIXES, load_ontology

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


@dataclass
class Entity:
    """One entity of the graph as the page draws it."""

    iri: str
    types: set[str] = field(default_factory=set)
    labels: list[Literal] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    label: str = ""
    type_iri: str = ""
    degree: int = 0


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


@dataclass
class GraphData:
    """The entities and facts of a graph, with the class and predicate names to show."""

    graph: Graph
    entities: dict[str, Entity]
    class_names: dict[str, str]
    supers: dict[str, set[str]]
    facts: dict[FactKey, str]  # fact -> predicate label
    #: Facts only denied: evidence with kg:polarity "negative" and no plain triple.
    denied: set[FactKey] = field(default_factory=set)
    _evidence: dict[FactKey, list[Evidence]] = field(default_factory=dict)
    _labels: dict[str, str] = field(default_factory=dict)

    def evidence(self, facts: Iterable[FactKey]) -> dict[FactKey, list[Evidence]]:
        """The evidence of the given facts, best first (read once, then cached)."""
        wanted = [key for key in facts if key not in self._evidence]
        if wanted:
            self._evidence.update(_read_evidence(self, wanted))
        return {key: self._evidence.get(key, []) for key in facts}

    def property_label(self, prop: Node) -> str:
        """A property's ``rdfs:label`` (the ontology's), else its local name in words."""
        key = str(prop)
        if key not in self._labels:
            found = pick_label(self.graph.objects(prop, RDFS.label))
            self._labels[key] = found or _words(local_name(key))
        return self._labels[key]


def local_name(iri: str) -> str:
    """The last segment of an IRI, made readable (``vladimir-putin`` -> ``vladimir putin``)."""
    tail = iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return tail.replace("-", " ").replace("_", " ") or iri


def _words(name: str) -> str:
    """``validFrom`` -> ``valid from``."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).lower()


def pick_label(labels: Iterable[Node]) -> str | None:
    """One label, deterministically: English or untagged first, then the shortest."""
    literals = [lit for lit in labels if isinstance(lit, Literal)]
    ranked = sorted(
        literals, key=lambda lit: (lit.language not in (None, "en"), len(str(lit)), str(lit))
    )
    return str(ranked[0]) if ranked else None


def confidence(value: object) -> float | None:
    """A confidence literal as a float in [0, 1], or None when missing or malformed."""
    if value is None:
        return None
    try:
        number = float(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return None
    if not math.isfinite(number):
        return None
    return min(1.0, max(0.0, number))


def rank(value: float | None) -> float:
    """A sort key for confidences: a missing one ranks below any given one."""
    return -1.0 if value is None else value


def _with_ontology(graph: Graph) -> Graph:
    """The graph itself when it holds kg's ontology (as every kg graph does), else a copy
    with the ontology merged in, so that entity classes and predicates are known."""
    if (KG.Person, RDFS.subClassOf, KG.Entity) in graph:
        return graph
    merged = load_ontology()
    for triple in graph:
        merged.add(triple)
    return merged


def _read_classes(graph: Graph) -> tuple[dict[str, str], dict[str, set[str]]]:
    """The sub-classes of kg:Entity (with kg:Entity) named, and each one's super-classes."""
    parents: dict[Node, set[Node]] = defaultdict(set)
    for child, _, parent in graph.triples((None, RDFS.subClassOf, None)):
        parents[child].add(parent)

    supers: dict[str, set[str]] = {}

    def ancestors(cls: Node) -> set[Node]:
        seen: set[Node] = set()
        todo = list(parents.get(cls, ()))
        while todo:
            parent = todo.pop()
            if parent not in seen and parent != cls:
                seen.add(parent)
                todo.extend(parents.get(parent, ()))
        return seen

    for cls in list(parents):
        found = ancestors(cls)
        if KG.Entity in found and isinstance(cls, URIRef):
            supers[str(cls)] = {str(s) for s in found}
    supers[str(KG.Entity)] = set()
    names = {
        iri: pick_label(graph.objects(URIRef(iri), RDFS.label)) or local_name(iri) for iri in supers
    }
    return names, supers


def read_graph(graph: Graph, preferred_types: list[str]) -> GraphData:
    """Read a graph's entities (IRIs typed with kg:Entity or a sub-class) and the facts
    between them (every triple whose subject and object are both entities, and every
    statement between two entities that only negative evidence makes: a denial).

    ``preferred_types`` breaks ties between unrelated types of one entity (earlier wins).
    """
    graph = _with_ontology(graph)
    class_names, supers = _read_classes(graph)
    entities: dict[str, Entity] = {}
    for cls in class_names:
        for subject in graph.subjects(RDF.type, URIRef(cls)):
            if isinstance(subject, URIRef):
                entities.setdefault(str(subject), Entity(str(subject))).types.add(cls)
    for prop in (RDFS.label, SKOS.altLabel):
        for subject, _, name in graph.triples((None, prop, None)):
            record = entities.get(str(subject))
            if record is None or not isinstance(name, Literal):
                continue
            if prop == RDFS.label:
                record.labels.append(name)
            else:
                record.aliases.add(str(name))
    order = {iri: i for i, iri in enumerate(preferred_types)}
    for entity in entities.values():
        entity.label = pick_label(entity.labels) or local_name(entity.iri)
        implied = set().union(*(supers.get(t, set()) for t in entity.types))
        candidates = (entity.types - implied) or entity.types
        entity.type_iri = min(candidates, key=lambda t: (order.get(t, len(order)), t))

    keys = _fact_keys(graph, entities, class_names)
    denied: set[FactKey] = set()
    for ev, _, polarity in graph.triples((None, KG.polarity, None)):
        if str(polarity).strip().lower() != "negative":
            continue
        said = [graph.value(ev, term) for term in (RDF.subject, RDF.predicate, RDF.object)]
        key = (str(said[0]), str(said[1]), str(said[2]))
        if key[0] in entities and key[2] in entities and said[1] is not None:
            if key not in keys:
                denied.add(key)
    data = GraphData(graph, entities, class_names, supers, {}, denied)
    data.facts = {key: data.property_label(URIRef(key[1])) for key in keys | denied}
    return data


def _fact_keys(
    graph: Graph, entities: dict[str, Entity], classes: Iterable[str]
) -> set[FactKey]:
    """Every (subject, predicate, object) of a triple between two entities (instances of
    ``classes``), rdf:type left out."""
    store = getattr(graph.store, "oxigraph", None)  # kg's Oxigraph store: ask it in SPARQL
    if store is not None:  # (one query, 0.2 s on 2,000 articles; one scan per predicate 0.6 s)
        values = " ".join(f"<{c}>" for c in sorted(classes))
        rows = store.query(
            f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?cs {{ {values} }} ?s a ?cs . "
            f"?s ?p ?o . FILTER (isIRI(?o) && ?p != <{RDF.type}>) "
            f"VALUES ?co {{ {values} }} ?o a ?co }}"
        )
        found = ((row[0].value, row[1].value, row[2].value) for row in rows)
        return {key for key in found if key[0] in entities and key[2] in entities}
    keys: set[FactKey] = set()
    for p in _iri_valued_predicates(graph) - {RDF.type}:  # one scan per predicate
        for s, o in graph.subject_objects(p):
            if str(o) in entities and str(s) in entities:
                keys.add((str(s), str(p), str(o)))
    return keys


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


def _iri_valued_predicates(graph: Graph) -> set[Node]:
    """The predicates of the triples whose object is an IRI (the candidates for facts).

    One SPARQL query: in Oxigraph a scan in Rust, where reading each entity's triples
    through rdflib took 0.5 s on 2,000 articles."""
    rows = graph.query("SELECT DISTINCT ?p WHERE { ?s ?p ?o FILTER (isIRI(?o)) }")
    return {row[0] for row in rows}  # type: ignore[index]


def _document(graph: Graph, doc: Node, cache: dict[Node, Document]) -> Document:
    """The citation of a document node: its title, URL (``kg:url``, or a ``dcterms:source``
    that is one), file (``kg:path``, or a ``dcterms:source`` that is not a URL) and date."""
    if doc not in cache:
        title = pick_label(graph.objects(doc, DCTERMS.title))
        if title is None:
            doc_ns = str(PREFIXES["doc"])
            iri = str(doc)
            title = "document " + (iri[len(doc_ns) :] if iri.startswith(doc_ns) else iri)
        source = str(graph.value(doc, DCTERMS.source) or "")
        is_url = source.startswith(("http://", "https://"))
        url = str(graph.value(doc, KG.url) or (source if is_url else ""))
        path = str(graph.value(doc, KG.path) or ("" if is_url else source))
        cache[doc] = Document(title, url, path, str(graph.value(doc, DCTERMS.issued) or ""))
    return cache[doc]


def _value_text(data: GraphData, value: Node | str) -> str:
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


def _read_evidence(data: GraphData, facts: list[FactKey]) -> dict[FactKey, list[Evidence]]:
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
        values: dict[Node, list[Node | str]] = defaultdict(list)
        outgoing = getattr(graph.store, "outgoing", None)  # kg's Oxigraph store
        for p, o in outgoing(ev) if outgoing is not None else graph.predicate_objects(ev):
            values[p].append(o)
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
