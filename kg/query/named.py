"""Named queries: the ``kg/queries/*.rq`` library, their arguments bound as RDF terms."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from importlib import resources

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result
from rdflib.term import Identifier, Node, Variable

from kg.errors import QueryError
from kg.query.run import normalise, run_query

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
    # the named queries read property labels and hierarchies: the ontology is part of the
    # default graph for them (their rows are data)
    raw = run_query(graph, query.sparql, query.bindings(values), ontology=True)
    result = normalise(raw, hide=query.args)
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
