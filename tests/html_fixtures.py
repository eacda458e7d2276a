"""Small hand-built kg graphs (ARCHITECTURE.md's RDF model) for the HTML and browser tests.

``build_graph()`` gives four entities and three facts with reified evidence::

    Vladimir Putin (kg:Person, alias "Putin")  --kg:visits-->    China (kg:Country)
    China                                      --kg:supplies-->  consumer goods (kg:Commodity)
    Vladimir Putin                             --kg:leaderOf-->  Russia (kg:Country)

``build_graph(hostile=True)`` adds an organisation whose name, alias, evidence sentence
and document title carry markup and a ``</script>`` break-out attempt (``XSS``).
"""

from __future__ import annotations

from decimal import Decimal
from hashlib import sha256

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from kg.ontology import DOC, ENT, EVID, KG, PREFIXES, load_ontology

XSS = "</script><script>alert(1)</script>"
BOLD = "<b>x</b>"

PUTIN = ENT["person/vladimir-putin"]
CHINA = ENT["country/china"]
GOODS = ENT["commodity/consumer-goods"]
RUSSIA = ENT["country/russia"]
EVIL = ENT["organization/evil-corp"]

DOC_1 = DOC["a1b2c3d4e5f60718"]
DOC_TITLE = "Putin to Sell Off Russian Resources as China Supplies Goods"
VISITS_SENTENCE = "Russian President Vladimir Putin visited China in May."
SUPPLIES_SENTENCE = "China supplies consumer goods to the Russian market."
LEADER_SENTENCE = "Vladimir Putin, the Russian leader, spoke in Moscow."

HOSTILE_LABEL = f"{BOLD} Evil Corp {XSS}"
HOSTILE_ALIAS = f"Evil {XSS}"
HOSTILE_SENTENCE = f"Evil Corp said {BOLD} and {XSS} in one line.\u2028Next."
HOSTILE_TITLE = f"Title {XSS}"


def _evidence(
    graph: Graph,
    fact: tuple[URIRef, URIRef, URIRef],
    doc: URIRef,
    sentence: str,
    *,
    confidence: str,
    section: str,
    start: int,
) -> URIRef:
    """Add one reified evidence node for ``fact`` (``a kg:Evidence, rdf:Statement``)."""
    s, p, o = fact
    digest = sha256(f"{s} {p} {o} {doc} {start} rule".encode()).hexdigest()[:24]
    ev = EVID[digest]
    graph.add((ev, RDF.type, KG.Evidence))
    graph.add((ev, RDF.type, RDF.Statement))
    graph.add((ev, RDF.subject, s))
    graph.add((ev, RDF.predicate, p))
    graph.add((ev, RDF.object, o))
    graph.add((ev, PROV.wasDerivedFrom, doc))
    graph.add((ev, KG.sentence, Literal(sentence)))
    graph.add((ev, KG.sentenceStart, Literal(start, datatype=XSD.integer)))
    graph.add((ev, KG.sentenceEnd, Literal(start + len(sentence), datatype=XSD.integer)))
    graph.add((ev, KG.section, Literal(section)))
    graph.add((ev, KG.rule, Literal("svo")))
    graph.add((ev, KG.confidence, Literal(Decimal(confidence), datatype=XSD.decimal)))
    return ev


def qualify(graph: Graph, ev: URIRef) -> None:
    """Add the evidence qualifiers shared by the issue on time, quantities and attribution
    (``QUALIFIERS`` lists how the page should show them)."""
    graph.add((ev, KG.timeText, Literal("in May")))
    graph.add((ev, KG.validFrom, Literal("2024-05-01", datatype=XSD.date)))
    graph.add((ev, KG.validUntil, Literal("2024-05-31", datatype=XSD.date)))
    graph.add((ev, KG.polarity, Literal("positive")))
    graph.add((ev, KG.modality, Literal("reported")))
    graph.add((ev, KG.attributionText, Literal("state media <i>said</i>")))
    quantity = URIRef(str(ev) + "-quantity")
    graph.add((ev, KG.quantity, quantity))
    graph.add((quantity, KG.amount, Literal(Decimal("2.5"), datatype=XSD.decimal)))
    graph.add((quantity, KG.unit, Literal("billion USD")))
    graph.add((quantity, KG.direction, Literal("up")))


#: (label, value) pairs the panel lists for a ``qualify``-ed evidence node, in order.
QUALIFIERS = [
    ["time expression", "in May"],
    ["valid from", "2024-05-01"],
    ["valid until", "2024-05-31"],
    ["polarity", "positive"],
    ["modality", "reported"],
    ["attribution text", "state media <i>said</i>"],
    ["quantity", "amount 2.5 · direction up · unit billion USD"],
    ["rule", "svo"],
    ["sentence end", "174"],
    ["sentence start", "120"],
]


def _entity(graph: Graph, iri: URIRef, type_: URIRef, label: str, *aliases: str) -> None:
    graph.add((iri, RDF.type, type_))
    graph.add((iri, RDFS.label, Literal(label)))
    for alias in aliases:
        graph.add((iri, SKOS.altLabel, Literal(alias)))


def build_graph(*, hostile: bool = False, ontology: bool = True) -> Graph:
    """A small kg graph following ARCHITECTURE.md's RDF model.

    Args:
        hostile: Also add an entity, fact, evidence and document with markup and a
            ``</script>`` break-out in every article-derived string.
        ontology: Merge in ``kg.ontology.load_ontology()`` (class and predicate labels).

    Returns:
        A new rdflib graph.
    """
    graph = load_ontology() if ontology else Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)

    graph.add((DOC_1, RDF.type, KG.Document))
    graph.add((DOC_1, DCTERMS.title, Literal(DOC_TITLE)))
    graph.add((DOC_1, DCTERMS.source, Literal("tests/data/putin.txt")))
    graph.add((DOC_1, DCTERMS.issued, Literal("2024-05-16", datatype=XSD.date)))

    _entity(graph, PUTIN, KG.Person, "Vladimir Putin", "Putin", "the Russian leader")
    _entity(graph, CHINA, KG.Country, "China")
    _entity(graph, GOODS, KG.Commodity, "consumer goods")
    _entity(graph, RUSSIA, KG.Country, "Russia")
    for iri in (PUTIN, CHINA, GOODS, RUSSIA):
        graph.add((iri, KG.mentionedIn, DOC_1))

    facts = [
        ((PUTIN, KG.visits, CHINA), VISITS_SENTENCE, "0.90", "body", 120),
        ((CHINA, KG.supplies, GOODS), SUPPLIES_SENTENCE, "0.75", "body", 300),
        ((PUTIN, KG.leaderOf, RUSSIA), LEADER_SENTENCE, "0.85", "caption", 60),
    ]
    for fact, sentence, confidence, section, start in facts:
        graph.add(fact)
        ev = _evidence(graph, fact, DOC_1, sentence, confidence=confidence, section=section, start=start)
        if sentence == VISITS_SENTENCE:
            qualify(graph, ev)
    # A second, weaker sentence for the same visit (headline).
    _evidence(
        graph,
        facts[0][0],
        DOC_1,
        "Putin Visits China",
        confidence="0.60",
        section="headline",
        start=0,
    )

    if hostile:
        doc = DOC["ffffffffffffffff"]
        graph.add((doc, RDF.type, KG.Document))
        graph.add((doc, DCTERMS.title, Literal(HOSTILE_TITLE)))
        _entity(graph, EVIL, KG.Organization, HOSTILE_LABEL, HOSTILE_ALIAS)
        graph.add((EVIL, KG.mentionedIn, doc))
        fact = (EVIL, KG.supplies, GOODS)
        graph.add(fact)
        _evidence(graph, fact, doc, HOSTILE_SENTENCE, confidence="0.5", section="body", start=0)
    return graph


def expected_counts(*, hostile: bool = False) -> tuple[int, int]:
    """(nodes, edges) that ``build_graph(hostile=...)`` should draw."""
    return (5, 4) if hostile else (4, 3)


def star_graph(leaves: int, *, chain: int = 0) -> Graph:
    """A hub person linked to ``leaves`` countries, plus a path of ``chain`` extra places.

    Degrees: the hub has ``leaves``, each leaf 1; a path of n places has 2 inner edges each.
    """
    graph = load_ontology()
    hub = ENT["person/hub"]
    _entity(graph, hub, KG.Person, "Hub")
    for i in range(leaves):
        leaf = ENT[f"country/leaf-{i:03d}"]
        _entity(graph, leaf, KG.Country, f"Leaf {i:03d}")
        graph.add((hub, KG.visits, leaf))
    previous = None
    for i in range(chain):
        place = ENT[f"place/p-{i:03d}"]
        _entity(graph, place, KG.Place, f"Place {i:03d}")
        if previous is not None:
            graph.add((previous, KG.locatedIn, place))
        previous = place
    return graph
