"""Render query results as text: a table, CSV/TSV/JSON, a SPARQL results format, or RDF."""

from __future__ import annotations

import csv
import io

from rdflib.query import Result
from rdflib.term import Node

from kg.errors import QueryError
from kg.query.run import normalise
from kg.termsafe import escape

#: Plain formats (cells as text) and the SPARQL 1.1 query results formats.
FORMATS = ("table", "csv", "tsv", "json", "sparql-json", "sparql-xml", "sparql-csv", "sparql-tsv")
#: Formats of a CONSTRUCT/DESCRIBE result (an RDF graph); ``table`` prints Turtle.
GRAPH_FORMATS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}


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
    # one line per row: a newline or an ESC in a label is shown escaped (kg.termsafe)
    cells = [[escape(c) for c in row] for row in cells]
    clipped = [[c if len(c) <= width else c[: width - 1] + "…" for c in row] for row in cells]
    widths = [max([len(n)] + [len(r[i]) for r in clipped]) for i, n in enumerate(names)]
    line = "  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True))
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in clipped]
    return "\n".join([line, rule, *body, f"({len(cells)} rows)"])
