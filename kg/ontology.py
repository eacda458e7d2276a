"""The ontology files and namespaces, and the predicate lexicon read from ``kg.ttl``."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources
from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace
from rdflib.term import Node

#: One RDF triple as rdflib terms (what ``kg.rdf.graph.triples`` makes and the stores take).
Triple = tuple[Node, Node, Node]


class Terms(Namespace):
    """An rdflib ``Namespace`` whose attribute terms (``KG.mentionedIn``) are made once.

    rdflib makes and checks a new ``URIRef`` at every attribute access (2 µs); the build
    writes a few hundred of kg's terms per document. The first access keeps the term in
    the instance, where later ones find it without calling ``__getattr__`` (a name that is
    a ``str`` method, such as ``title``, never reaches ``__getattr__``: use ``KG["title"]``,
    as with rdflib's)."""

    def __getattr__(self, name: str) -> URIRef:
        term = super().__getattr__(name)
        self.__dict__[name] = term
        return term


KG = Terms("https://w3id.org/kg/ontology#")
REL = Terms("https://w3id.org/kg/relation/")
ENT = Terms("https://w3id.org/kg/entity/")
DOC = Terms("https://w3id.org/kg/document/")
EVID = Terms("https://w3id.org/kg/evidence/")
MERGE = Terms("https://w3id.org/kg/merge/")
VOTE = Terms("https://w3id.org/kg/vote/")

#: The named graph that holds the ontology (``kg.ttl``) in a graph folder's store, apart
#: from the data (the default graph): a data query sees facts only, and a query that needs
#: classes or property labels asks for the ontology too (``run_query(..., ontology=True)``,
#: ``kg query --with-ontology``) or names this graph (``GRAPH <…> { … }``).
ONTOLOGY_GRAPH = URIRef("https://w3id.org/kg/ontology")
#: The named graph of the store where the cross-document step keeps its index of fold
#: blocks (``kg.foldindex``): kg's own bookkeeping, never read as data (no dump, page,
#: export, query or count sees it; ``kg.rdf.oxstore.data_graphs``).
FOLD_INDEX_GRAPH = URIRef("https://w3id.org/kg/fold-index")
#: The named graph where a store keeps the summary's counts of its data, updated by the
#: builds that add to it and remove from it (``kg.rdf.counts``): bookkeeping too.
COUNTS_GRAPH = URIRef("https://w3id.org/kg/counts")

PREFIXES: dict[str, Namespace | type[DefinedNamespace]] = {
    "kg": KG,
    "rel": REL,
    "ent": ENT,
    "doc": DOC,
    "ev": EVID,
    "merge": MERGE,
    "vote": VOTE,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "skos": SKOS,
    "xsd": XSD,
    "prov": PROV,
    "dcterms": DCTERMS,
}

#: The same prefixes as plain strings (what SPARQL engines take as ``initNs``).
PREFIX_IRIS: dict[str, str] = {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def ontology_dir() -> Path:
    """The folder holding ``kg.ttl`` and ``shapes.ttl`` (the repo's ``ontology/``).

    A source checkout (and an editable install) reads the repo's folder; a wheel ships the
    same files as the package ``kg._ontology``.
    """
    checkout = Path(__file__).resolve().parent.parent / "ontology"
    if (checkout / "kg.ttl").is_file():
        return checkout
    # kg._ontology has no __init__.py: files() gives a MultiplexedPath for such a namespace
    # package, whose str() is no folder; joining a file name yields that file's real path.
    return Path(str(resources.files("kg._ontology").joinpath("kg.ttl"))).parent


def ontology_path() -> Path:
    """Path of the OWL ontology, ``kg.ttl``."""
    return ontology_dir() / "kg.ttl"


def shapes_path() -> Path:
    """Path of the SHACL shapes, ``shapes.ttl``."""
    return ontology_dir() / "shapes.ttl"


@cache
def _ontology() -> Graph:
    """The ontology, parsed once per process; shared, so never modified (copy it)."""
    graph = Graph()
    graph.parse(ontology_path(), format="turtle")
    return graph


def load_ontology() -> Graph:
    """A fresh rdflib graph holding the ontology (parsed once per process)."""
    graph = Graph()
    for triple in _ontology():
        graph.add(triple)
    return graph


@cache
def lexicon() -> dict[str, str]:
    """Map each dependency frame (``"{s} travel to {o}"``) to a property's local name."""
    frames: dict[str, str] = {}
    for prop, pattern in sorted(_ontology().subject_objects(KG.pattern)):
        local = str(prop).removeprefix(str(KG))
        frames[" ".join(str(pattern).lower().split())] = local
    return frames


@cache
def predicate_labels() -> dict[str, str]:
    """Map each lexicon property's local name to its ``rdfs:label``."""
    graph = _ontology()
    return {
        str(prop).removeprefix(str(KG)): str(label)
        for prop, label in graph.subject_objects(RDFS.label)
        if str(prop).startswith(str(KG)) and (prop, KG.pattern, None) in graph
    }


def slug(text: str) -> str:
    """A readable, IRI-safe slug: ASCII-folded, lower case, words joined by ``-``."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", folded.lower())
    if words:
        return "-".join(words)[:120]
    # Names with no ASCII letters (other scripts) keep a stable hex slug.
    return "u" + text.encode("utf-8").hex()[:60]


@cache
def signatures() -> dict[str, tuple[str | None, str | None, str | None]]:
    """Each property's (domain class, range class, parent property), as local names."""
    graph = _ontology()

    def local(term: object) -> str | None:
        return str(term).removeprefix(str(KG)) if term is not None else None

    found: dict[str, tuple[str | None, str | None, str | None]] = {}
    for prop in set(graph.subjects(RDF.type, OWL.ObjectProperty)):
        if not str(prop).startswith(str(KG)):
            continue
        found[local(prop) or ""] = (
            local(graph.value(prop, RDFS.domain)),
            local(graph.value(prop, RDFS.range)),
            local(graph.value(prop, RDFS.subPropertyOf)),
        )
    return found


@cache
def class_parents() -> dict[str, str]:
    """Each kg class's parent class (``Country`` -> ``Place``), as local names."""
    graph = _ontology()
    return {
        str(c).removeprefix(str(KG)): str(p).removeprefix(str(KG))
        for c, p in graph.subject_objects(RDFS.subClassOf)
        if str(c).startswith(str(KG)) and str(p).startswith(str(KG))
    }


def is_entity_iri(node: object) -> bool:
    """An IRI in the entity namespace (``ent:``), of either key scheme."""
    return isinstance(node, URIRef) and str(node).startswith(str(ENT))


def is_key_iri(node: object) -> bool:
    """An entity key of the current scheme, ``ent:{slug}`` (the typed IRIs of kg's earlier
    scheme, ``ent:person/…``, hold a slash)."""
    return is_entity_iri(node) and "/" not in str(node).removeprefix(str(ENT))
