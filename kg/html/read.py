"""What the page shows, read from a kg graph: entities, their classes and the facts between
them; the evidence of a fact is read on demand (``kg.html.evidence``).

Only triple patterns with a fixed predicate or subject are used (``graph.triples``,
``graph.objects`` ...): both rdflib's in-memory store and Oxigraph answer them from an index,
where rdflib's SPARQL engine would evaluate joins and property paths in Python.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from kg.html.evidence import Evidence, FactKey, read_evidence
from kg.html.terms import local_name, pick_label, words
from kg.ontology import KG, load_ontology


@dataclass
class Entity:
    """One entity of the graph as the page draws it."""

    iri: str
    types: set[str] = field(default_factory=set)
    labels: list[Node | str] = field(default_factory=list)  # str: a literal's text
    aliases: set[str] = field(default_factory=set)
    label: str = ""
    type_iri: str = ""
    degree: int = 0


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
            self._evidence.update(read_evidence(self, wanted))
        return {key: self._evidence.get(key, []) for key in facts}

    def property_label(self, prop: Node) -> str:
        """A property's ``rdfs:label`` (the ontology's), else its local name in words."""
        key = str(prop)
        if key not in self._labels:
            found = pick_label(self.graph.objects(prop, RDFS.label))
            self._labels[key] = found or words(local_name(key))
        return self._labels[key]


#: Links between entities that are no facts of the news: the corpus's identity records
#: (a bare surname kept apart from the full names it could be; a folded key's redirect).
NOT_FACTS = frozenset({str(KG.ambiguousWith), str(OWL.sameAs)})


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
    for subject, cls in _typed(graph, class_names):
        entities.setdefault(subject, Entity(subject)).types.add(cls)
    for prop in (RDFS.label, SKOS.altLabel):
        for subject, name in _literals(graph, prop):
            record = entities.get(subject)
            if record is None:
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

    keys = {key for key in _fact_keys(graph, entities, class_names) if key[1] not in NOT_FACTS}
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


def _typed(graph: Graph, classes: Iterable[str]) -> Iterable[tuple[str, str]]:
    """(IRI, class) of every IRI typed with one of ``classes``."""
    store = getattr(graph.store, "oxigraph", None)  # kg's Oxigraph store: ask it in SPARQL
    if store is not None:  # (no rdflib term made: 0.1 s on 2,000 articles)
        values = " ".join(f"<{c}>" for c in sorted(classes))
        rows = store.query(f"SELECT ?s ?c WHERE {{ VALUES ?c {{ {values} }} ?s a ?c "
                           f"FILTER (isIRI(?s)) }}")  # fmt: skip
        return [(row[0].value, row[1].value) for row in rows]
    return [
        (str(subject), cls)
        for cls in classes
        for subject in graph.subjects(RDF.type, URIRef(cls))
        if isinstance(subject, URIRef)
    ]


def _literals(graph: Graph, prop: URIRef) -> Iterable[tuple[str, Node | str]]:
    """(subject IRI, literal) of the triples with ``prop`` and a literal object; kg's store
    gives one without a language as its text (a ``Literal`` each was 0.1 s of a
    2,000-article page)."""
    literals = getattr(graph.store, "literals", None)  # kg's Oxigraph store
    if literals is not None:
        return literals(prop)
    return ((str(s), o) for s, o in graph.subject_objects(prop) if isinstance(o, Literal))


def _fact_keys(
    graph: Graph, entities: dict[str, Entity], classes: Iterable[str]
) -> set[FactKey]:
    """Every (subject, predicate, object) of a triple between two entities (instances of
    ``classes``), rdf:type left out (and, in kg's store, the links to documents, which are
    no entities)."""
    store = getattr(graph.store, "oxigraph", None)  # kg's Oxigraph store: ask it in SPARQL
    if store is not None:  # (one query, 0.05 s on 2,000 articles; one scan per predicate 0.6 s)
        # the object's class is checked against ``entities`` below, not in the query (15
        # look-ups for each of an entity's links to documents: 0.15 s)
        values = " ".join(f"<{c}>" for c in sorted(classes))
        links = ", ".join(f"<{p}>" for p in (RDF.type, KG.mentionedIn, PROV.wasDerivedFrom))
        rows = store.query(
            f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?cs {{ {values} }} ?s a ?cs . "
            f"?s ?p ?o . FILTER (isIRI(?o) && ?p NOT IN ({links})) }}"
        )
        found = ((row[0].value, row[1].value, row[2].value) for row in rows)
        return {key for key in found if key[0] in entities and key[2] in entities}
    keys: set[FactKey] = set()
    for p in _iri_valued_predicates(graph) - {RDF.type}:  # one scan per predicate
        for s, o in graph.subject_objects(p):
            if str(o) in entities and str(s) in entities:
                keys.add((str(s), str(p), str(o)))
    return keys


def _iri_valued_predicates(graph: Graph) -> set[Node]:
    """The predicates of the triples whose object is an IRI (the candidates for facts).

    One SPARQL query: in Oxigraph a scan in Rust, where reading each entity's triples
    through rdflib took 0.5 s on 2,000 articles."""
    rows = graph.query("SELECT DISTINCT ?p WHERE { ?s ?p ?o FILTER (isIRI(?o)) }")
    return {row[0] for row in rows}  # type: ignore[index]


