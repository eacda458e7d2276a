"""The property graph every export writes: nodes and relationships (read once from the RDF by
``kg.export.read``), the names and the plain values they carry.

Entities and documents become nodes; each piece of evidence of a fact becomes one
relationship carrying every literal property of its evidence node (see ARCHITECTURE.md,
"Exports"). Values are plain Python: ``str``, ``int``, ``float``, ``bool``,
``datetime.date`` or a list of one of them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import Literal
from rdflib.term import Node as RdfNode

from kg.ontology import PREFIX_IRIS

Scalar = str | int | float | bool | dt.date
Value = Scalar | list[Scalar]

ENTITY = "Entity"
DOCUMENT = "Document"
MENTIONED_IN = "MENTIONED_IN"


@dataclass(frozen=True)
class Node:
    """A node: stable id, labels (the key label first), properties."""

    id: str
    labels: tuple[str, ...]
    properties: dict[str, Value] = field(default_factory=dict, hash=False)

    @property
    def key_label(self) -> str:
        """The label whose ``id`` is unique (``Entity`` or ``Document``)."""
        return self.labels[0]


@dataclass(frozen=True)
class Relationship:
    """A relationship: stable id, ends, an upper snake case type, properties."""

    id: str
    start: str
    end: str
    type: str
    properties: dict[str, Value] = field(default_factory=dict, hash=False)


@dataclass
class PropertyGraph:
    """Nodes and relationships, sorted by id so every export is deterministic."""

    nodes: list[Node]
    relationships: list[Relationship]

    def node_index(self) -> dict[str, Node]:
        """Nodes by id."""
        return {node.id: node for node in self.nodes}

    def node_columns(self) -> dict[str, str]:
        """Each node property with its column type (see :func:`column_types`)."""
        return column_types(node.properties for node in self.nodes)

    def relationship_columns(self) -> dict[str, str]:
        """Each relationship property with its column type."""
        return column_types(rel.properties for rel in self.relationships)


# -- names -------------------------------------------------------------------------------


def compact(iri: RdfNode) -> str:
    """``ent:vladimir-putin`` for a kg IRI; other IRIs stay whole."""
    text = str(iri)
    for prefix, namespace in PREFIX_IRIS.items():
        if text.startswith(namespace) and prefix in {"ent", "doc", "ev", "kg", "rel"}:
            return f"{prefix}:{text[len(namespace) :]}"
    return text


def local_name(iri: RdfNode) -> str:
    """The part after the last ``#`` or ``/``."""
    text = str(iri)
    return re.split(r"[#/]", text.rstrip("/#"))[-1]


def property_key(iri: RdfNode) -> str:
    """A property key that needs no quoting in Cypher: ``[A-Za-z_][A-Za-z0-9_]*``."""
    folded = unicodedata.normalize("NFKD", local_name(iri)).encode("ascii", "ignore").decode()
    key = re.sub(r"[^A-Za-z0-9_]+", "_", folded).strip("_")
    if not key or key[0].isdigit():
        key = "p_" + key
    return key


def relationship_type(iri: RdfNode) -> str:
    """Upper snake case from a predicate: ``kg:proposedTo`` and ``rel:push-onto`` give
    ``PROPOSED_TO`` and ``PUSH_ONTO``, identifiers no Cypher engine needs quoted."""
    name = unicodedata.normalize("NFKD", local_name(iri)).encode("ascii", "ignore").decode()
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    words = re.findall(r"[A-Za-z0-9]+", name)
    type_ = "_".join(words).upper()
    if not type_ or type_[0].isdigit():
        digest = hashlib.sha256(str(iri).encode("utf-8")).hexdigest()[:8]
        type_ = f"REL_{type_ or digest}"
    return type_


def label_name(iri: RdfNode) -> str:
    """A node label from a class IRI (``kg:Person`` → ``Person``), safe like a type."""
    folded = unicodedata.normalize("NFKD", local_name(iri)).encode("ascii", "ignore").decode()
    label = re.sub(r"[^A-Za-z0-9_]", "", folded)
    return label if label and not label[0].isdigit() else "L" + label


def fact_id(s: RdfNode, p: RdfNode, o: RdfNode) -> str:
    """A stable id for the fact (s p o), shared by all its evidence relationships."""
    return "fact:" + hashlib.sha256(f"{s}\x1f{p}\x1f{o}".encode()).hexdigest()[:24]


# -- values ------------------------------------------------------------------------------


def to_value(literal: Literal) -> Scalar | None:
    """A literal as a plain value; ``None`` for what no property graph can hold (NaN)."""
    value = literal.toPython()
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal | float):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value
    return str(literal)


def column_types(rows: Iterable[dict[str, Value]]) -> dict[str, str]:
    """Each key with one type for all rows: ``string``, ``int``, ``float``, ``boolean`` or
    ``date``, with ``[]`` appended when any row holds a list. Sorted by key."""
    kinds: dict[str, set[str]] = defaultdict(set)
    lists: set[str] = set()
    for row in rows:
        for key, value in row.items():
            items = value if isinstance(value, list) else [value]
            if isinstance(value, list):
                lists.add(key)
            for item in items:
                kinds[key].add(_kind(item))
    types = {}
    for key in sorted(kinds):
        found = kinds[key]
        if len(found) == 1:
            type_ = next(iter(found))
        elif found == {"int", "float"}:
            type_ = "float"
        else:
            type_ = "string"
        types[key] = type_ + ("[]" if key in lists else "")
    return types


def _kind(value: Scalar) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, dt.date):
        return "date"
    return "string"


def coerce(value: Value, type_: str) -> Value:
    """A value converted to its column's type (an int in a float column, anything in a
    string column, a scalar in a list column)."""
    base = type_.removesuffix("[]")
    items = value if isinstance(value, list) else [value]
    out: list[Scalar] = []
    for item in items:
        if base == "float" and isinstance(item, int) and not isinstance(item, bool):
            out.append(float(item))
        elif base == "string" and isinstance(item, bool):
            out.append(str(item).lower())
        elif base == "string" and isinstance(item, dt.date):
            out.append(item.isoformat())
        elif base == "string":
            out.append(str(item))
        else:
            out.append(item)
    return out if type_.endswith("[]") else out[0]
