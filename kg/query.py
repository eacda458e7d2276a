"""SPARQL over a built graph: run queries, format results, show an entity with its evidence."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.query import Result
from rdflib.term import Identifier, Node

from kg import store as kgstore
from kg.errors import GraphError, QueryError
from kg.ontology import PREFIX_IRIS

FORMATS = ("table", "csv", "json")


def open_graph(graph_dir: str | Path) -> Graph:
    """Open the store of a built graph folder (``kg build``'s OUT) read-only."""
    folder = Path(graph_dir)
    if not folder.is_dir():
        raise GraphError("no such graph folder; run `kg build` first", folder)
    return kgstore.open_graph(folder)


def run_query(
    graph: Graph, sparql: str, bindings: Mapping[str, Identifier] | None = None
) -> Result:
    """Run a SPARQL query string; ``bindings`` pre-bind variables to values (no formatting).

    With the Oxigraph store a bound variable must appear in the SELECT clause.
    """
    try:
        return graph.query(sparql, initNs=PREFIX_IRIS, initBindings=dict(bindings or {}))
    except Exception as exc:  # parse and evaluation errors come in many types
        raise QueryError(f"query failed: {exc}".splitlines()[0]) from exc


def format_result(result: Result, fmt: str = "table") -> str:
    """Render a SELECT/ASK/CONSTRUCT result as an aligned table, CSV or SPARQL JSON."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    if result.type == "ASK":
        return (
            json.dumps({"head": {}, "boolean": bool(result.askAnswer)})
            if fmt == "json"
            else ("yes" if result.askAnswer else "no")
        )
    if result.type in {"CONSTRUCT", "DESCRIBE"}:
        assert result.graph is not None
        return str(result.graph.serialize(format="turtle"))
    names = [str(v) for v in result.vars or ()]
    rows = [[row[i] for i in range(len(names))] for row in result]  # type: ignore[index]
    if fmt == "json":
        return json.dumps(_sparql_json(names, rows), ensure_ascii=False, indent=1)
    cells = [[_text(v) for v in row] for row in rows]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(names)
        writer.writerows(cells)
        return buffer.getvalue().rstrip("\n")
    return _table(names, cells)


def _text(value: Node | None) -> str:
    if value is None:
        return ""
    return str(value)


def _sparql_json(names: list[str], rows: list[list[Node | None]]) -> dict[str, object]:
    """SPARQL 1.1 Query Results JSON."""
    bindings = []
    for row in rows:
        binding: dict[str, dict[str, str]] = {}
        for name, value in zip(names, row, strict=True):
            if value is None:
                continue
            if isinstance(value, Literal):
                term: dict[str, str] = {"type": "literal", "value": str(value)}
                if value.language:
                    term["xml:lang"] = value.language
                elif value.datatype:
                    term["datatype"] = str(value.datatype)
            else:
                kind = "bnode" if value.__class__.__name__ == "BNode" else "uri"
                term = {"type": kind, "value": str(value)}
            binding[name] = term
        bindings.append(binding)
    return {"head": {"vars": names}, "results": {"bindings": bindings}}


def _table(names: list[str], cells: list[list[str]], width: int = 60) -> str:
    clipped = [[c if len(c) <= width else c[: width - 1] + "…" for c in row] for row in cells]
    widths = [max([len(n)] + [len(r[i]) for r in clipped]) for i, n in enumerate(names)]
    line = "  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True))
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in clipped]
    return "\n".join([line, rule, *body, f"({len(cells)} rows)"])


# -- kg show -------------------------------------------------------------------------------

FIND_ENTITY = """
SELECT DISTINCT ?name ?e ?label ?type WHERE {
  { ?e rdfs:label ?l } UNION { ?e skos:altLabel ?l }
  FILTER(LCASE(STR(?l)) = ?name)
  ?e rdfs:label ?label ; a ?type . ?type rdfs:subClassOf+ kg:Entity .
} ORDER BY ?label
"""

ALIASES = "SELECT ?e ?alias WHERE { ?e skos:altLabel ?alias } ORDER BY ?alias"

ENTITY_FACTS = """
SELECT ?e ?slabel ?plabel ?olabel ?sentence ?conf ?section ?title ?source ?time WHERE {
  { ?ev rdf:subject ?e } UNION { ?ev rdf:object ?e }
  ?ev rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:sentence ?sentence ;
      kg:confidence ?conf ; kg:section ?section ; prov:wasDerivedFrom ?doc .
  ?s rdfs:label ?slabel . ?o rdfs:label ?olabel . ?p rdfs:label ?plabel .
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?doc dcterms:source ?source }
  OPTIONAL { ?ev kg:timeText ?time }
} ORDER BY DESC(?conf) ?slabel ?plabel ?olabel
"""


@dataclass
class FactRow:
    """One fact about an entity, with one sentence that says it."""

    subject: str
    predicate: str
    object: str
    sentence: str
    confidence: float
    section: str
    document: str
    time: str | None = None


@dataclass
class EntityReport:
    """An entity, its names and its facts with evidence."""

    iri: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    facts: list[FactRow] = field(default_factory=list)

    def format(self) -> str:
        """Human-readable text for the terminal."""
        lines = [f"{self.name}  [{self.type}]  <{self.iri}>"]
        if self.aliases:
            lines.append("also: " + "; ".join(self.aliases))
        if not self.facts:
            lines.append("no facts")
        for fact in self.facts:
            when = f"  (time: {fact.time})" if fact.time else ""
            lines.append(
                f"- {fact.subject} —{fact.predicate}→ {fact.object}  [{fact.confidence:.2f}]{when}"
            )
            lines.append(f"    “{' '.join(fact.sentence.split())}”")
            lines.append(f"    {fact.section} of {fact.document}")
        return "\n".join(lines)


def show_entity(graph: Graph, name: str) -> list[EntityReport]:
    """Every entity whose label or alias is ``name`` (any case), with its facts."""
    found = run_query(graph, FIND_ENTITY, {"name": Literal(name.strip().lower())})
    reports: dict[str, EntityReport] = {}
    for row in found:
        iri = str(row.e)  # type: ignore[union-attr]
        if iri in reports:
            continue
        type_ = str(row.type).rsplit("#", 1)[-1]  # type: ignore[union-attr]
        report = EntityReport(iri, str(row.label), type_)  # type: ignore[union-attr]
        entity = row.e  # type: ignore[union-attr]
        report.aliases = [str(r.alias) for r in run_query(graph, ALIASES, {"e": entity})]  # type: ignore[union-attr]
        for r in run_query(graph, ENTITY_FACTS, {"e": entity}):
            report.facts.append(
                FactRow(
                    subject=str(r.slabel),  # type: ignore[union-attr]
                    predicate=str(r.plabel),  # type: ignore[union-attr]
                    object=str(r.olabel),  # type: ignore[union-attr]
                    sentence=str(r.sentence),  # type: ignore[union-attr]
                    confidence=float(r.conf),  # type: ignore[union-attr]
                    section=str(r.section),  # type: ignore[union-attr]
                    document=str(r.title or r.source),  # type: ignore[union-attr]
                    time=str(r.time) if r.time else None,  # type: ignore[union-attr]
                )
            )
        reports[iri] = report
    return list(reports.values())
