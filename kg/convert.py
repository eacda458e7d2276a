"""Query results and graphs converted for Python users: bound arguments as RDF terms, rows
as a pandas ``DataFrame``, entities and facts as a networkx graph (``kg.KnowledgeGraph``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rdflib import Literal, URIRef
from rdflib.term import Identifier, Node

from kg.errors import QueryError

if TYPE_CHECKING:
    import networkx
    import pandas
    from rdflib import Graph
    from rdflib.query import Result

_TYPES = (str, bool, int, float, Decimal, dt.date, dt.datetime)

ENTITIES = """
SELECT DISTINCT ?e ?label ?type WHERE {
  ?e kg:mentionedIn ?doc ; rdfs:label ?label ; a ?type .
} ORDER BY ?e ?type
"""
#: One row per fact (subject, predicate, object), asserted or only denied: the strongest
#: evidence's confidence and modality, how many sentences say it.
FACTS = """
SELECT ?s ?p ?o (SAMPLE(?pl) AS ?plabel) (MAX(?conf) AS ?confidence)
       (COUNT(DISTINCT ?ev) AS ?evidence) (GROUP_CONCAT(DISTINCT ?mod; separator=" ") AS ?mods)
       (GROUP_CONCAT(DISTINCT ?pol; separator=" ") AS ?pols) WHERE {
  ?ev rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:confidence ?conf .
  OPTIONAL { ?ev kg:modality ?mod } OPTIONAL { ?ev kg:polarity ?pol }
  OPTIONAL { ?p rdfs:label ?pl }
} GROUP BY ?s ?p ?o ORDER BY ?s ?p ?o
"""


def terms(bindings: Mapping[str, Any]) -> dict[str, Identifier]:
    """Python values as RDF terms for ``initBindings``: rdflib terms as they are, ``str``
    as a plain literal, numbers, booleans and dates as typed literals."""
    out: dict[str, Identifier] = {}
    for name, value in bindings.items():
        if isinstance(value, Identifier):
            out[name] = value
        elif isinstance(value, _TYPES):
            out[name] = Literal(value)
        else:
            raise QueryError(f"cannot bind ?{name} to a {type(value).__name__} (give text, "
                             "a number, a date or an rdflib term)")
    return out


def python_value(value: Node | None) -> Any:
    """A result cell as Python: a literal's value (``int``, ``Decimal``, ``date`` …), an
    IRI or blank node as text, unbound as ``None``."""
    if value is None:
        return None
    if isinstance(value, Literal):
        converted = value.toPython()
        return str(value) if isinstance(converted, Literal) else converted
    return str(value)


def dataframe(result: Result) -> pandas.DataFrame:
    """A SELECT result as a DataFrame, columns in the result's order."""
    try:
        import pandas as pd
    except ImportError as exc:
        raise ImportError("query_df needs pandas, an optional extra of kg: "
                          "pip install 'kg[pandas]' (or pip install pandas)") from exc
    if result.type != "SELECT":
        raise QueryError(f"query_df takes a SELECT query, not {result.type}")
    names = [str(v) for v in result.vars or ()]
    rows = [[python_value(row[v]) for v in result.vars or ()]  # type: ignore[index,call-overload]
            for row in result]
    return pd.DataFrame(rows, columns=names)


def networkx_graph(graph: Graph) -> networkx.MultiDiGraph:
    """Entities as nodes (``label``, ``type``), facts as edges keyed by predicate
    (``predicate``, ``label``, ``polarity``, ``modality``, ``confidence``, ``evidence``)."""
    try:
        import networkx as nx
    except ImportError as exc:
        raise ImportError("to_networkx needs networkx: pip install 'kg[export]' "
                          "(or pip install networkx)") from exc
    from kg.query import run_query

    out = nx.MultiDiGraph(name="kg")
    for row in run_query(graph, ENTITIES):
        iri = str(row.e)  # type: ignore[union-attr]
        if iri not in out:
            out.add_node(iri, label=str(row.label), type=_local(row.type))  # type: ignore[union-attr]
    for row in run_query(graph, FACTS, ontology=True):  # lexicon labels: the ontology's
        s, p, o = (str(row[i]) for i in range(3))  # type: ignore[index]
        if s not in out or o not in out:
            continue
        asserted = (URIRef(s), URIRef(p), URIRef(o)) in graph
        modalities = str(row.mods or "").split()  # type: ignore[union-attr]
        out.add_edge(
            s, o, key=p, predicate=p, label=str(row.plabel or _local(URIRef(p))),  # type: ignore[union-attr]
            polarity="positive" if asserted else "negative",
            modality="asserted" if "asserted" in modalities or not modalities
            else sorted(modalities)[0],
            confidence=float(row.confidence), evidence=int(row.evidence),  # type: ignore[union-attr]
        )
    return out


def _local(iri: Node) -> str:
    """The local name of an IRI (after ``#`` or the last ``/``)."""
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
