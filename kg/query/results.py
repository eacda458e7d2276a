"""Render query results as text: a table, CSV/TSV/JSON, a SPARQL results format, or RDF."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.query import Result
from rdflib.term import Node

from kg.errors import QueryError
from kg.ontology import PREFIX_IRIS
from kg.query.run import normalise
from kg.termsafe import escape

#: Plain formats (cells as text) and the SPARQL 1.1 query results formats.
FORMATS = ("table", "csv", "tsv", "json", "sparql-json", "sparql-xml", "sparql-csv", "sparql-tsv")
#: Formats of a CONSTRUCT/DESCRIBE result (an RDF graph); ``table`` prints Turtle.
GRAPH_FORMATS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}


def format_result(result: Result, fmt: str = "table") -> str:
    """Render a result as text: a table, CSV/TSV/JSON, or a SPARQL results format.

    ``table`` writes IRIs as kg's prefixed names (``ent:china``); ``csv``/``tsv``
    write cells as plain text, full IRIs; ``json`` is an array of row objects (unbound
    cells ``null``, numbers and booleans as JSON ones); ``sparql-json`` the standard.
    CONSTRUCT/DESCRIBE results are RDF with kg's prefixes: Turtle by default, or
    ``GRAPH_FORMATS``.
    """
    if result.type in {"CONSTRUCT", "DESCRIBE"}:
        assert result.graph is not None
        if fmt not in GRAPH_FORMATS and fmt != "table":
            raise QueryError(f"a graph result is written as {', '.join(GRAPH_FORMATS)}")
        return _graph_text(result, GRAPH_FORMATS.get(fmt, "turtle"))
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    result = normalise(result)
    if result.type == "ASK":
        if fmt in {"table", "csv", "tsv"}:
            return "yes" if result.askAnswer else "no"
        if fmt == "json":
            return json.dumps(bool(result.askAnswer))
    if fmt == "json":
        return _json_rows(result)
    if fmt == "sparql-json":
        return _serialize(result, "json")
    if fmt in {"sparql-xml", "sparql-csv"}:
        return _serialize(result, fmt.removeprefix("sparql-"))
    names = [str(v) for v in result.vars or ()]
    rows = [[row[v] for v in result.vars or ()] for row in result]  # type: ignore[index,call-overload]
    if fmt == "sparql-tsv":
        return sparql_tsv(names, rows)
    cells = [[(_short if fmt == "table" else _text)(v) for v in row] for row in rows]
    if fmt in {"csv", "tsv"}:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n", delimiter="\t" if fmt == "tsv" else ",")
        writer.writerow(names)
        writer.writerows(cells)
        return buffer.getvalue().rstrip("\n")
    return _table(names, cells)


def _graph_text(result: Result, fmt: str) -> str:
    """A CONSTRUCT/DESCRIBE graph as RDF text with kg's prefixes, plain literals plain."""
    from kg.rdf.graph import plain_copy, turtle

    assert result.graph is not None
    graph = plain_copy(result.graph)  # kg's prefixes bound
    if fmt == "turtle":  # as graph.ttl is written: Oxigraph's writer, sorted
        return turtle(graph).decode("utf-8").rstrip("\n")
    options: dict[str, object] = {"context": dict(PREFIX_IRIS)} if fmt == "json-ld" else {}
    return str(graph.serialize(format=fmt, **options)).rstrip("\n")  # type: ignore[call-overload]


def _json_rows(result: Result) -> str:
    """An array of row objects, keys in column order, as sqlite-utils and jq users expect."""
    names = list(result.vars or ())
    rows = [{str(v): _json_value(row[v]) for v in names} for row in result]  # type: ignore[index,call-overload]
    return json.dumps(rows, ensure_ascii=False, indent=2)


def _json_value(value: Node | None) -> object:
    if value is None:
        return None
    if isinstance(value, Literal):
        python = value.toPython()
        if isinstance(python, bool | int | float):
            return python
        if isinstance(python, Decimal):
            return float(python)
    return str(value)


#: Namespaces, longest first, for prefixed names in tables.
_PREFIXES = sorted(PREFIX_IRIS.items(), key=lambda item: -len(item[1]))


def _short(value: Node | None) -> str:
    """A cell for the table: an IRI as ``prefix:name`` when one of kg's prefixes covers it."""
    if isinstance(value, URIRef):
        for prefix, namespace in _PREFIXES:
            if value.startswith(namespace) and len(value) > len(namespace):
                return f"{prefix}:{value[len(namespace):]}"
    return _text(value)


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
    # one line per row: a newline or an ESC in a label is shown escaped (kg.termsafe)
    cells = [[escape(c) for c in row] for row in cells]
    clipped = [[c if len(c) <= width else c[: width - 1] + "…" for c in row] for row in cells]
    widths = [max([len(n)] + [len(r[i]) for r in clipped]) for i, n in enumerate(names)]
    line = "  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True))
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in clipped]
    return "\n".join([line, rule, *body, f"({len(cells)} rows)"])
