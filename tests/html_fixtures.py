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
DOC_URL = "https://news.example/2024/05/putin-visits-china"
DOC_PATH = "tests/data/putin.jsonl:1"
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
    ["attribution", "state media <i>said</i>"],
    ["quantity", "amount 2.5 · direction up · unit billion USD"],
]
#: How the sentence was read: the panel folds these under "details".
READING = [
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
    graph.add((DOC_1, DCTERMS.source, Literal(DOC_URL)))
    graph.add((DOC_1, KG.url, Literal(DOC_URL)))
    graph.add((DOC_1, KG.path, Literal(DOC_PATH)))
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
        ev = _evidence(
            graph, fact, DOC_1, sentence, confidence=confidence, section=section, start=start
        )
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


# --- A big graph shaped like kg's --------------------------------------------------------

#: (class, share of the entities, label stem) of the synthetic graph.
_MIX = [
    (KG.Person, 0.34, "Person"), (KG.Organization, 0.25, "Company"), (KG.Country, 0.04, "Land"),
    (KG.Place, 0.15, "City"), (KG.Commodity, 0.08, "Commodity"), (KG.Product, 0.05, "Product"),
    (KG.Infrastructure, 0.04, "Pipeline"), (KG.Event, 0.03, "Summit"), (KG.Group, 0.02, "Group"),
]  # fmt: skip
_PREDICATES = [
    KG.visits, KG.supplies, KG.suppliesTo, KG.exportsTo, KG.importsFrom, KG.leaderOf,
    KG.worksFor, KG.locatedIn, KG.meetsWith, KG.acquires, KG.sells, KG.dependsOn,
]  # fmt: skip
BIG_FACT_SENTENCE = "Vladimir Putin visited China for the big-graph summit, officials said."


def synthetic_graph(entities: int = 5000, *, seed: int = 7) -> Graph:
    """A kg-shaped graph of ``entities`` entities, about 1.5 facts each, a few hubs.

    Entities of every kg type with labels (some aliases) and a document each, facts grown by
    preferential attachment (so degrees are skewed like news graphs: a few hubs, a long tail),
    one or two evidence nodes per fact with sentences, sections, confidences, documents with
    titles. ``PUTIN`` and ``CHINA`` are in it, linked by ``kg:visits`` with
    ``BIG_FACT_SENTENCE`` as the only evidence.
    """
    import random

    rng = random.Random(seed)
    graph = load_ontology()
    add = graph.add
    docs = [DOC[f"{i:016x}"] for i in range(max(1, entities // 5))]
    for i, doc in enumerate(docs):
        add((doc, RDF.type, KG.Document))
        add((doc, DCTERMS.title, Literal(f"Report {i}: markets, visits and deals")))

    nodes: list[URIRef] = [PUTIN, CHINA]
    _entity(graph, PUTIN, KG.Person, "Vladimir Putin", "Putin")
    _entity(graph, CHINA, KG.Country, "China", "PRC")
    weights = [share for _, share, _ in _MIX]
    for i in range(len(nodes), entities):
        cls, _, stem = rng.choices(_MIX, weights)[0]
        iri = ENT[f"{stem.lower()}/{stem.lower()}-{i:05d}"]
        aliases = [f"{stem} no. {i}"] if rng.random() < 0.3 else []
        _entity(graph, iri, cls, f"{stem} {i:05d}", *aliases)
        nodes.append(iri)
    for node in nodes:
        add((node, KG.mentionedIn, rng.choice(docs)))

    def fact(s: URIRef, p: URIRef, o: URIRef, sentence: str, confidence: str) -> None:
        add((s, p, o))
        _evidence(
            graph, (s, p, o), rng.choice(docs), sentence, confidence=confidence,
            section=rng.choice(["body", "body", "body", "headline", "caption"]),
            start=rng.randrange(0, 5000),
        )  # fmt: skip

    fact(PUTIN, KG.visits, CHINA, BIG_FACT_SENTENCE, "0.95")
    targets = [0, 1]  # one entry per fact end: preferential attachment
    for i in range(2, entities):
        for _ in range(1 if rng.random() < 0.5 else 2):
            j = rng.choice(targets) if rng.random() < 0.7 else rng.randrange(i)
            if j == i:
                continue
            s, o = (nodes[i], nodes[j]) if rng.random() < 0.5 else (nodes[j], nodes[i])
            p = rng.choice(_PREDICATES)
            for _ in range(1 if rng.random() < 0.7 else 2):
                sentence = f"Sentence {rng.randrange(10**6)} says {p.fragment} holds."
                fact(s, p, o, sentence, f"{rng.uniform(0.3, 0.95):.2f}")
            targets += [i, j]
    return graph
