"""``kg show``: an entity found by name or alias, its names and its facts with evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.query.run import run_query

FIND_ENTITY = """
SELECT DISTINCT ?name ?e ?label ?type WHERE {
  { ?e rdfs:label ?l } UNION { ?e skos:altLabel ?l }
  FILTER(LCASE(STR(?l)) = ?name)
  ?e rdfs:label ?label ; a ?type . ?type rdfs:subClassOf+ kg:Entity .
} ORDER BY ?label
"""

#: An entity by IRI, following owl:sameAs: a key folded into another entity across documents
#: ("ent:blair" into "ent:tony-blair") or kg's earlier typed IRI ("ent:person/tony-blair").
FIND_IRI = """
SELECT DISTINCT ?start ?e ?label ?type WHERE {
  ?start owl:sameAs* ?e .
  ?e rdfs:label ?label ; a ?type . ?type rdfs:subClassOf+ kg:Entity .
} ORDER BY ?label
"""

ALIASES = "SELECT ?e ?alias WHERE { ?e skos:altLabel ?alias } ORDER BY ?alias"

INSTITUTIONS = """
SELECT ?e ?label WHERE {
  { ?e kg:institutionOf ?other } UNION { ?other kg:institutionOf ?e }
  ?other rdfs:label ?label
} ORDER BY ?label
"""

MERGES = """
SELECT ?e ?alias ?reason (COUNT(DISTINCT ?doc) AS ?docs) WHERE {
  ?m kg:mergedInto ?e ; kg:alias ?alias ; kg:mergeReason ?reason .
  OPTIONAL { ?m prov:wasDerivedFrom ?doc }
} GROUP BY ?e ?alias ?reason ORDER BY ?alias ?reason
"""

ENTITY_FACTS = """
SELECT ?e ?ev ?slabel ?plabel ?olabel ?sentence ?conf ?section ?title ?source ?url ?path
       ?issued ?time ?validFrom ?validUntil ?resolved ?polarity ?modality ?failed
       ?attribution ?sourcelabel WHERE {
  { ?ev rdf:subject ?e } UNION { ?ev rdf:object ?e }
  ?ev rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:sentence ?sentence ;
      kg:confidence ?conf ; kg:section ?section ; prov:wasDerivedFrom ?doc .
  ?s rdfs:label ?slabel . ?o rdfs:label ?olabel . ?p rdfs:label ?plabel .
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?doc dcterms:source ?source }
  OPTIONAL { ?doc kg:url ?url }
  OPTIONAL { ?doc kg:path ?path }
  OPTIONAL { ?doc dcterms:issued ?issued }
  OPTIONAL { ?ev kg:timeText ?time }
  OPTIONAL { ?ev kg:validFrom ?validFrom }
  OPTIONAL { ?ev kg:validUntil ?validUntil }
  OPTIONAL { ?ev kg:timeResolved ?resolved }
  OPTIONAL { ?ev kg:polarity ?polarity }
  OPTIONAL { ?ev kg:modality ?modality }
  OPTIONAL { ?ev kg:failed ?failed }
  OPTIONAL { ?ev kg:attributionText ?attribution }
  OPTIONAL { ?ev kg:attributedTo ?who . ?who rdfs:label ?sourcelabel }
} ORDER BY DESC(?conf) ?slabel ?plabel ?olabel
"""

#: What the articles say of the entity with a generic concept at the other end: evidence-only
#: statements (kg:ConceptStatement), the concept as text (see the named query ``statements``).
ENTITY_STATEMENTS = """
SELECT ?e ?ev ?slabel ?plabel ?olabel ?sentence ?conf ?section ?title ?source ?url ?path
       ?issued ?polarity ?modality WHERE {
  { ?ev rdf:subject ?e } UNION { ?ev rdf:object ?e }
  ?ev a kg:ConceptStatement ; rdf:predicate ?p ; kg:subjectText ?stext ;
      kg:objectText ?otext ; kg:sentence ?sentence ; kg:confidence ?conf ;
      kg:section ?section ; prov:wasDerivedFrom ?doc .
  ?p rdfs:label ?plabel .
  OPTIONAL { ?ev rdf:subject ?s . ?s rdfs:label ?sl }
  OPTIONAL { ?ev rdf:object ?o . ?o rdfs:label ?ol }
  BIND(COALESCE(?sl, ?stext) AS ?slabel)
  BIND(COALESCE(?ol, ?otext) AS ?olabel)
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?doc dcterms:source ?source }
  OPTIONAL { ?doc kg:url ?url }
  OPTIONAL { ?doc kg:path ?path }
  OPTIONAL { ?doc dcterms:issued ?issued }
  OPTIONAL { ?ev kg:polarity ?polarity }
  OPTIONAL { ?ev kg:modality ?modality }
} ORDER BY DESC(?conf) ?slabel ?plabel ?olabel
"""

ENTITY_QUANTITIES = """
SELECT ?e ?ev ?text ?amount ?unit ?direction ?approximate WHERE {
  { ?ev rdf:subject ?e } UNION { ?ev rdf:object ?e }
  ?ev kg:quantity ?q . ?q kg:quantityText ?text ; kg:direction ?direction .
  OPTIONAL { ?q kg:amount ?amount }
  OPTIONAL { ?q kg:unit ?unit }
  OPTIONAL { ?q kg:approximate ?approximate }
} ORDER BY ?ev ?q
"""


@dataclass
class FactRow:
    """One fact about an entity, with one sentence that says it and how it qualifies it."""

    subject: str
    predicate: str
    object: str
    sentence: str
    confidence: float
    section: str
    document: str
    time: str | None = None
    valid_from: str | None = None
    valid_until: str | None = None
    time_resolved: bool | None = None
    polarity: str = "positive"
    modality: str = "asserted"
    failed: bool = False
    attribution: str | None = None
    source: str | None = None  # label of the kg:attributedTo entity
    quantities: list[str] = field(default_factory=list)
    url: str | None = None  # the document's web address, when known
    path: str | None = None  # the file kg read the document from
    published: str | None = None  # the document's publication date

    def stance(self) -> str:
        """How the text presents the fact, in front of it: "NOT " for a denial, "[plan] "
        and the like for anything but a plain assertion; empty for a plain fact."""
        words = [] if self.modality == "asserted" else [self.modality]
        if self.failed:
            words.append("failed")
        head = "NOT " if self.polarity == "negative" else ""
        return head + (f"[{', '.join(words)}] " if words else "")

    def citation(self) -> str:
        """Where the sentence is from: section, title, date, URL and file."""
        parts = [f"{self.section} of {self.document}"]
        if self.published:
            parts.append(self.published)
        parts += [p for p in (self.url, self.path) if p and p != self.document]
        return ", ".join(parts)

    def qualifiers(self) -> list[str]:
        """Lines for the time, quantities, attribution, polarity and modality of the fact."""
        lines = []
        if self.time:
            if self.valid_from or self.valid_until:
                span = f"{self.valid_from or '…'} – {self.valid_until or '…'}"
            else:
                span = "unresolved"
            lines.append(f"time: {self.time} → {span}")
        lines += [f"quantity: {q}" for q in self.quantities]
        if self.attribution or self.source:
            entity = f" [{self.source}]" if self.source else ""
            lines.append(f"source: {self.attribution or ''}{entity}".replace(":  [", ": ["))
        modality = f"{self.modality}, failed" if self.failed else self.modality
        lines.append(f"polarity: {self.polarity}; modality: {modality}")
        return lines


@dataclass
class EntityReport:
    """An entity, its names and its facts with evidence."""

    iri: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    facts: list[FactRow] = field(default_factory=list)
    #: Why each name was merged into the entity: (alias, reason, documents).
    merges: list[tuple[str, str, int]] = field(default_factory=list)
    #: Organisations of this state, or the state this organisation belongs to (alias table).
    institutions: list[str] = field(default_factory=list)
    #: The IRI asked for, when it was merged into this entity (``owl:sameAs``).
    asked: str | None = None
    #: What the articles say of it with a generic concept at the other end ("won a prize"):
    #: evidence-only statements, no facts between entities.
    statements: list[FactRow] = field(default_factory=list)

    def format(self) -> str:
        """Human-readable text for the terminal."""
        lines = [f"{self.name}  [{self.type}]  <{self.iri}>"]
        if self.asked:
            lines.append(f"<{self.asked}> was merged into this entity (owl:sameAs)")
        if self.aliases:
            lines.append("also: " + "; ".join(self.aliases))
        if self.merges:
            lines.append(
                "merged: "
                + "; ".join(
                    f"{alias} ({reason}" + (f", {n} doc{'s' * (n != 1)})" if n else ")")
                    for alias, reason, n in self.merges
                )
            )
        if self.institutions:
            word = "institutions" if self.type == "Country" else "institution of"
            lines.append(f"{word}: " + "; ".join(self.institutions))
        if not self.facts:
            lines.append("no facts")
        lines += _fact_lines(self.facts)
        if self.statements:
            lines.append("statements with a generic concept (evidence only, no facts):")
            lines += _fact_lines(self.statements)
        return "\n".join(lines)


def _fact_lines(facts: list[FactRow]) -> list[str]:
    """Each fact (or statement) with its sentence, citation and qualifiers."""
    lines = []
    for fact in facts:
        lines.append(
            f"- {fact.stance()}{fact.subject} —{fact.predicate}→ {fact.object}  "
            f"[{fact.confidence:.2f}]"
        )
        lines.append(f"    “{' '.join(fact.sentence.split())}”")
        lines.append(f"    {fact.citation()}")
        lines += [f"    {line}" for line in fact.qualifiers()]
    return lines


def _quantity_text(row: object) -> str:
    """ "8% (8 percent, down)" from a row of ENTITY_QUANTITIES."""
    parts = [str(row.amount) if row.amount is not None else "", str(row.unit or "")]  # type: ignore[attr-defined]
    detail = " ".join(p for p in parts if p)
    details = [d for d in (detail, str(row.direction)) if d and d != "none"]  # type: ignore[attr-defined]
    if row.approximate is not None and row.approximate.toPython() is True:  # type: ignore[attr-defined]
        details.append("approximate")
    return f"{row.text} ({', '.join(details)})" if details else str(row.text)  # type: ignore[attr-defined]


def show_entity(graph: Graph, name: str) -> list[EntityReport]:
    """Every entity whose label or alias is ``name`` (any case), or else whose IRI is the key
    of ``name`` (a merged IRI leads to its entity), with its facts."""
    wanted = name.strip().lower()
    asked = _entity_iri(name)
    if asked is not None:
        start = {"start": URIRef(asked)}
        found = list(run_query(graph, FIND_IRI, start, ontology=True))
    else:
        found = list(run_query(graph, FIND_ENTITY, {"name": Literal(wanted)}, ontology=True))
    if not found and wanted.startswith("the "):  # "the Kremlin" is labelled "Kremlin"
        found = list(
            run_query(graph, FIND_ENTITY, {"name": Literal(wanted[4:].strip())}, ontology=True)
        )
    if not found and asked is None:  # "Barnett Banks of Florida": the key of its name
        asked = _key_iri(name)
        found = list(run_query(graph, FIND_IRI, {"start": URIRef(asked)}, ontology=True))
    reports: dict[str, EntityReport] = {}
    for row in found:
        iri = str(row.e)  # type: ignore[union-attr]
        if iri in reports:
            continue
        type_ = str(row.type).rsplit("#", 1)[-1]  # type: ignore[union-attr]
        report = EntityReport(iri, str(row.label), type_)  # type: ignore[union-attr]
        report.asked = asked if asked not in (None, iri) else None
        entity = row.e  # type: ignore[union-attr]
        report.aliases = [str(r.alias) for r in run_query(graph, ALIASES, {"e": entity})]  # type: ignore[union-attr]
        report.merges = [
            (str(r.alias), str(r.reason), int(r.docs))  # type: ignore[union-attr]
            for r in run_query(graph, MERGES, {"e": entity})
        ]
        report.institutions = [
            str(r.label)  # type: ignore[union-attr]
            for r in run_query(graph, INSTITUTIONS, {"e": entity})
        ]
        quantities: dict[str, list[str]] = {}
        for r in run_query(graph, ENTITY_QUANTITIES, {"e": entity}):
            quantities.setdefault(str(r.ev), []).append(_quantity_text(r))  # type: ignore[union-attr]
        for r in run_query(graph, ENTITY_FACTS, {"e": entity}, ontology=True):
            report.facts.append(_fact_row(r, quantities))
        for r in run_query(graph, ENTITY_STATEMENTS, {"e": entity}, ontology=True):
            report.statements.append(_fact_row(r, quantities))
        reports[iri] = report
    return list(reports.values())


def _entity_iri(name: str) -> str | None:
    """The entity IRI a ``kg show`` argument names ("ent:blair", "<https://…>"), or None."""
    from kg.ontology import ENT

    text = name.strip().strip("<>")
    if text.startswith("ent:"):
        return str(ENT) + text[4:]
    return text if text.startswith(str(ENT)) else None


def _key_iri(name: str) -> str:
    """The IRI an entity named ``name`` has ("Chrysler Corporation" -> ent:chrysler): a name
    that is no label or alias still finds its entity up to case, punctuation and a company
    form."""
    from kg.aliases import entity_key
    from kg.ontology import ENT

    return str(ENT) + entity_key(name)


def _fact_row(r: Any, quantities: dict[str, list[str]]) -> FactRow:
    """A row of ENTITY_FACTS as a :class:`FactRow`."""
    return FactRow(
        subject=str(r.slabel),
        predicate=str(r.plabel),
        object=str(r.olabel),
        sentence=str(r.sentence),
        confidence=float(r.conf),
        section=str(r.section),
        document=str(r.title or r.source),
        time=_optional(_get(r, "time")),
        valid_from=_optional(_get(r, "validFrom")),
        valid_until=_optional(_get(r, "validUntil")),
        time_resolved=_flag(_get(r, "resolved")),
        polarity=_optional(r.polarity) or "positive",
        modality=_optional(r.modality) or "asserted",
        failed=bool(_flag(_get(r, "failed"))),
        attribution=_optional(_get(r, "attribution")),
        source=_optional(_get(r, "sourcelabel")),
        quantities=quantities.get(str(r.ev), []),
        url=_optional(r.url),
        path=_optional(r.path),
        published=_optional(r.issued),
    )


def _get(row: Any, name: str) -> Node | None:
    """A row's value for ``name``, None when unbound or not selected by the query."""
    try:
        return row[name]
    except (KeyError, IndexError):
        return None


def _optional(value: Node | None) -> str | None:
    return None if value is None else str(value)


def _flag(value: Node | None) -> bool | None:
    if value is None:
        return None
    return bool(value.toPython()) if isinstance(value, Literal) else None
