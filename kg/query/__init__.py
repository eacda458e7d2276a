"""SPARQL over a built graph: run queries, format results, show an entity with its evidence.

- ``run``: open a graph folder's snapshot, run a query (local or remote store), fold results;
- ``results``: render a result as a table, CSV/TSV/JSON, SPARQL results formats or RDF;
- ``entity``: ``kg show``, an entity's names and facts with their evidence;
- ``named``: the named queries of ``kg/queries/`` and their typed arguments.
"""

from kg.query.entity import (
    ALIASES,
    ENTITY_FACTS,
    ENTITY_QUANTITIES,
    FIND_ENTITY,
    INSTITUTIONS,
    MERGES,
    EntityReport,
    FactRow,
    show_entity,
)
from kg.query.named import ARG_TYPES, NamedQuery, named_queries, named_query, run_named
from kg.query.results import FORMATS, GRAPH_FORMATS, format_result, sparql_tsv
from kg.query.run import normalise, open_graph, plain, run_query

__all__ = [
    "ALIASES",
    "ARG_TYPES",
    "ENTITY_FACTS",
    "ENTITY_QUANTITIES",
    "FIND_ENTITY",
    "FORMATS",
    "GRAPH_FORMATS",
    "INSTITUTIONS",
    "MERGES",
    "EntityReport",
    "FactRow",
    "NamedQuery",
    "format_result",
    "named_queries",
    "named_query",
    "normalise",
    "open_graph",
    "plain",
    "run_named",
    "run_query",
    "show_entity",
    "sparql_tsv",
]
