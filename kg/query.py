"""SPARQL over a built graph: run queries, format results, show an entity with its evidence."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from importlib import resources
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result
from rdflib.term import Identifier, Node, Variable

from kg import store as kgstore
from kg.errors import GraphError, QueryError
from kg.ontology import PREFIX_IRIS

#: Plain formats (cells as text) and the SPARQL 1.1 query results formats.
FORMATS = ("table", "csv", "tsv", "json", "sparql-json", "sparql-xml", "sparql-csv", "sparql-tsv")
#: Formats of a CONSTRUCT/DESCRIBE result (an RDF graph); ``table`` prints Turtle.
GRAPH_FORMATS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}


def open_graph(graph_dir: str | Path) -> Graph:
    """Open the current store snapshot of a built graph folder (``kg build``'s OUT) read-only."""
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
    bindings = dict(bindings or {})
    if bindings and _is_remote(graph):
        sparql, bindings = _values_in_where(sparql, bindings), {}
    try:
        return graph.query(sparql, initNs=PREFIX_IRIS, initBindings=bindings)
    except Exception as exc:  # parse and evaluation errors come in many types
        raise QueryError(f"query failed: {exc}".splitlines()[0]) from exc


def _is_remote(graph: Graph) -> bool:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    return isinstance(graph.store, SPARQLStore)


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def _values_in_where(sparql: str, bindings: Mapping[str, Identifier]) -> str:
    """The bindings as a ``VALUES`` block opening the WHERE clause.

    rdflib's SPARQLStore appends ``VALUES`` after the whole query, where it joins only after
    the FILTERs ran; bound at the start of WHERE they hold wherever the query uses them, as
    with a local store. Terms are written by rdflib (``n3()``), never pasted as text.
    """
    match = _WHERE.search(sparql)
    if match is None:
        raise QueryError("a query with bound arguments needs a WHERE clause")
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(term.n3() for term in bindings.values())
    values = f" VALUES ({names}) {{ ({terms}) }} "
    return sparql[: match.end()] + values + sparql[match.end() :]


def plain(value: Node | None) -> Node | None:
    """``"x"^^xsd:string`` (how Oxigraph returns plain literals) as the plain literal ``"x"``."""
    if isinstance(value, Literal) and value.datatype == XSD.string:
        return Literal(str(value))
    return value


def normalise(result: Result, hide: Iterable[str] = ()) -> Result:
    """A SELECT result materialised, plain literals folded, the ``hide`` columns dropped."""
    if result.type != "SELECT":
        return result
    hidden = set(hide)
    names = [v for v in result.vars or () if str(v) not in hidden]
    out = Result("SELECT")
    out.vars = names
    out.bindings = [
        {v: plain(row[v]) for v in names if row[v] is not None}  # type: ignore[index,call-overload,misc]
        for row in result
    ]
    return out


def format_result(result: Result, fmt: str = "table") -> str:
    """Render a result as text: a table, CSV/TSV/JSON, or a SPARQL results format.

    CONSTRUCT/DESCRIBE results are RDF: Turtle by default, or ``GRAPH_FORMATS``.
    """
    if result.type in {"CONSTRUCT", "DESCRIBE"}:
        assert result.graph is not None
        if fmt not in GRAPH_FORMATS and fmt != "table":
            raise QueryError(f"a graph result is written as {', '.join(GRAPH_FORMATS)}")
        return str(result.graph.serialize(format=GRAPH_FORMATS.get(fmt, "turtle")))
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    result = normalise(result)
    if result.type == "ASK":
        if fmt in {"table", "csv", "tsv"}:
            return "yes" if result.askAnswer else "no"
        fmt = "sparql-json" if fmt == "json" else fmt
    if fmt in {"json", "sparql-json"}:
        return _serialize(result, "json")
    if fmt in {"sparql-xml", "sparql-csv"}:
        return _serialize(result, fmt.removeprefix("sparql-"))
    names = [str(v) for v in result.vars or ()]
    rows = [[row[v] for v in result.vars or ()] for row in result]  # type: ignore[index,call-overload]
    if fmt == "sparql-tsv":
        return sparql_tsv(names, rows)
    cells = [[_text(v) for v in row] for row in rows]
    if fmt in {"csv", "tsv"}:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n", delimiter="\t" if fmt == "tsv" else ",")
        writer.writerow(names)
        writer.writerows(cells)
        return buffer.getvalue().rstrip("\n")
    return _table(names, cells)


def _serialize(result: Result, fmt: str) -> str:
    data = result.serialize(format=fmt)
    assert data is not None
    return data.decode("utf-8").rstrip("\r\n")


def sparql_tsv(names: list[str], rows: list[list[Node | None]]) -> str:
    """SPARQL 1.1 Query Results TSV: ``?var`` headers, terms in Turtle/N-Triples syntax."""

    def term(value: Node | None) -> str:
        if value is None:
            return ""
        return value.n3().replace("\t", "\\t")

    lines = ["\t".join(f"?{n}" for n in names)]
    lines += ["\t".join(term(v) for v in row) for row in rows]
    return "\n".join(lines)


def _text(value: Node | None) -> str:
    if value is None:
        return ""
    return str(value)


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
SELECT ?e ?ev ?slabel ?plabel ?olabel ?sentence ?conf ?section ?title ?source ?time
       ?validFrom ?validUntil ?resolved ?polarity ?modality ?failed ?attribution
       ?sourcelabel WHERE {
  { ?ev rdf:subject ?e } UNION { ?ev rdf:object ?e }
  ?ev rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:sentence ?sentence ;
      kg:confidence ?conf ; kg:section ?section ; prov:wasDerivedFrom ?doc .
  ?s rdfs:label ?slabel . ?o rdfs:label ?olabel . ?p rdfs:label ?plabel .
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?doc dcterms:source ?source }
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

    def format(self) -> str:
        """Human-readable text for the terminal."""
        lines = [f"{self.name}  [{self.type}]  <{self.iri}>"]
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
        for fact in self.facts:
            denied = "NOT " if fact.polarity == "negative" else ""
            lines.append(
                f"- {denied}{fact.subject} —{fact.predicate}→ {fact.object}  "
                f"[{fact.confidence:.2f}]"
            )
            lines.append(f"    “{' '.join(fact.sentence.split())}”")
            lines.append(f"    {fact.section} of {fact.document}")
            lines += [f"    {line}" for line in fact.qualifiers()]
        return "\n".join(lines)


def _quantity_text(row: object) -> str:
    """ "8% (8 percent, down)" from a row of ENTITY_QUANTITIES."""
    parts = [str(row.amount) if row.amount is not None else "", str(row.unit or "")]  # type: ignore[attr-defined]
    detail = " ".join(p for p in parts if p)
    details = [d for d in (detail, str(row.direction)) if d and d != "none"]  # type: ignore[attr-defined]
    if row.approximate is not None and row.approximate.toPython() is True:  # type: ignore[attr-defined]
        details.append("approximate")
    return f"{row.text} ({', '.join(details)})" if details else str(row.text)  # type: ignore[attr-defined]


def show_entity(graph: Graph, name: str) -> list[EntityReport]:
    """Every entity whose label or alias is ``name`` (any case), with its facts."""
    wanted = name.strip().lower()
    found = list(run_query(graph, FIND_ENTITY, {"name": Literal(wanted)}))
    if not found and wanted.startswith("the "):  # "the Kremlin" is labelled "Kremlin"
        found = list(run_query(graph, FIND_ENTITY, {"name": Literal(wanted[4:].strip())}))
    reports: dict[str, EntityReport] = {}
    for row in found:
        iri = str(row.e)  # type: ignore[union-attr]
        if iri in reports:
            continue
        type_ = str(row.type).rsplit("#", 1)[-1]  # type: ignore[union-attr]
        report = EntityReport(iri, str(row.label), type_)  # type: ignore[union-attr]
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
                    time=_optional(r.time),  # type: ignore[union-attr]
                    valid_from=_optional(r.validFrom),  # type: ignore[union-attr]
                    valid_until=_optional(r.validUntil),  # type: ignore[union-attr]
                    time_resolved=_flag(r.resolved),  # type: ignore[union-attr]
                    polarity=_optional(r.polarity) or "positive",  # type: ignore[union-attr]
                    modality=_optional(r.modality) or "asserted",  # type: ignore[union-attr]
                    failed=bool(_flag(r.failed)),  # type: ignore[union-attr]
                    attribution=_optional(r.attribution),  # type: ignore[union-attr]
                    source=_optional(r.sourcelabel),  # type: ignore[union-attr]
                    quantities=quantities.get(str(r.ev), []),  # type: ignore[union-attr]
                )
            )
        reports[iri] = report
    return list(reports.values())


def _optional(value: Node | None) -> str | None:
    return None if value is None else str(value)


def _flag(value: Node | None) -> bool | None:
    if value is None:
        return None
    return bool(value.toPython()) if isinstance(value, Literal) else None


# -- named queries -------------------------------------------------------------------------

#: How a named query's ``--arg`` value becomes an RDF term.
ARG_TYPES = ("name", "date", "string", "integer", "iri")


@dataclass
class NamedQuery:
    """A query string from ``kg/queries/NAME.rq``, its description and its arguments.

    The header comments declare it: ``# NAME: what it answers``, one
    ``# arg VAR (TYPE): help`` per variable bound by ``--arg VAR=VALUE``, and optionally
    ``# order: VAR …`` for rows sorted by kg (where an ORDER BY trips a server up).
    """

    name: str
    description: str
    sparql: str
    args: dict[str, tuple[str, str]] = field(default_factory=dict)  # var -> (type, help)
    order: tuple[str, ...] = ()

    def bindings(self, values: Mapping[str, str]) -> dict[str, Identifier]:
        """The initBindings for ``values``; every declared argument must be given."""
        unknown = sorted(set(values) - set(self.args))
        if unknown:
            raise QueryError(f"query {self.name!r} has no argument {unknown[0]!r}")
        missing = [a for a in self.args if a not in values]
        if missing:
            raise QueryError(f"query {self.name!r} needs --arg {missing[0]}=VALUE")
        return {var: _term(var, self.args[var][0], values[var]) for var in self.args}

    def usage(self) -> str:
        """One line: name, arguments and description."""
        args = " ".join(f"--arg {a}=…" for a in self.args)
        return f"{self.name:<11} {args:<30} {self.description}"


_ARG_LINE = re.compile(r"#\s*arg\s+(\w+)\s*\((\w+)\)\s*:\s*(.*)")


def named_queries() -> dict[str, NamedQuery]:
    """The library of named queries shipped in ``kg/queries/``."""
    queries: dict[str, NamedQuery] = {}
    folder = resources.files("kg") / "queries"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".rq"):
            continue
        text = entry.read_text(encoding="utf-8")
        name = entry.name.removesuffix(".rq")
        header = [ln for ln in text.splitlines() if ln.startswith("#")]
        description: list[str] = []
        args: dict[str, tuple[str, str]] = {}
        order: tuple[str, ...] = ()
        for line in header:
            if line.startswith("# order:"):
                order = tuple(line.removeprefix("# order:").split())
            elif match := _ARG_LINE.match(line):
                var, type_, help_ = match.groups()
                if type_ not in ARG_TYPES:
                    raise QueryError(f"unknown argument type {type_!r}", entry.name)
                args[var] = (type_, help_.strip())
            else:
                description.append(line.lstrip("#").strip().removeprefix(f"{name}:").strip())
        queries[name] = NamedQuery(name, " ".join(description), text, args, order)
    return queries


def named_query(name: str) -> NamedQuery:
    """The named query ``name`` (a QueryError naming the choices when there is none)."""
    queries = named_queries()
    if name not in queries:
        raise QueryError(f"no named query {name!r} (choose from {', '.join(queries)})")
    return queries[name]


def run_named(graph: Graph, name: str, values: Mapping[str, str]) -> Result:
    """Run a named query with its arguments; the argument columns are left out of the result.

    Arguments are bound with ``initBindings``, never pasted into the query text.
    """
    query = named_query(name)
    result = normalise(run_query(graph, query.sparql, query.bindings(values)), hide=query.args)
    if query.order and result.type == "SELECT":
        result.bindings = sorted(result.bindings, key=lambda row: tuple(
            _sort_key(row.get(Variable(v))) for v in query.order))  # fmt: skip
    return result


def _sort_key(value: Node | None) -> tuple[int, float, str]:
    """Unbound first, then numbers by value, then text."""
    if value is None:
        return (0, 0.0, "")
    if isinstance(value, Literal) and isinstance(value.toPython(), int | float | Decimal):
        return (1, float(value.toPython()), "")
    return (2, 0.0, str(value))


def _term(var: str, type_: str, value: str) -> Identifier:
    if type_ == "name":
        return Literal(value.strip().lower())
    if type_ == "date":
        try:
            return Literal(date.fromisoformat(value.strip()).isoformat(), datatype=XSD.date)
        except ValueError as exc:
            raise QueryError(f"--arg {var}: {value!r} is not a date (YYYY-MM-DD)") from exc
    if type_ == "integer":
        try:
            return Literal(int(value))
        except ValueError as exc:
            raise QueryError(f"--arg {var}: {value!r} is not an integer") from exc
    if type_ == "iri":
        return URIRef(value.strip().strip("<>"))
    return Literal(value)
