"""The RDF itself: Turtle, N-Triples, N-Quads, JSON-LD, TriG, RDF/XML.

The one code path for RDF files: ``kg dump``, ``kg export --format turtle|jsonld|…`` and
``KnowledgeGraph.export`` all come here. Oxigraph writes the triples, from the current
snapshot of a graph folder (leased while it is read, :func:`dump`) or from an rdflib graph
(:func:`write`), with kg's prefixes where the format has them; JSON-LD is compacted with
kg's prefixes as its ``@context``. Every format parses back to the same graph (tested).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rdflib import Graph

from kg import atomic
from kg.errors import GraphError
from kg.ontology import PREFIX_IRIS

#: kg's format names: (pyoxigraph RdfFormat attribute, file suffix).
FORMATS = {
    "turtle": ("TURTLE", ".ttl"),
    "ntriples": ("N_TRIPLES", ".nt"),
    "nquads": ("N_QUADS", ".nq"),
    "jsonld": ("JSON_LD", ".jsonld"),
    "trig": ("TRIG", ".trig"),
    "rdfxml": ("RDF_XML", ".rdf"),
}
#: Other suffixes that name a format.
_ALSO = {".json": "jsonld", ".owl": "rdfxml", ".xml": "rdfxml", ".n3": "turtle"}


def format_for(path: Path, fmt: str | None) -> str:
    """The format named, or the one the file's suffix names."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise GraphError(f"unknown RDF format {fmt!r} (choose from {', '.join(FORMATS)})")
        return fmt
    name = suffix_format(path)
    if name is None:
        raise GraphError("cannot tell the RDF format from the name; use --format", path)
    return name


def suffix_format(path: Path) -> str | None:
    """The RDF format a file's suffix names, or None."""
    suffix = path.suffix.lower()
    for name, (_, known) in FORMATS.items():
        if suffix == known:
            return name
    return _ALSO.get(suffix)


def dump(out: Path, dest: Path, fmt: str | None = None) -> str:
    """Write the graph of ``out``'s current snapshot to ``dest`` (atomically); returns the
    format used. Triple formats get the default graph (the data), N-Quads and TriG the
    ontology's named graph too (never kg's bookkeeping graphs)."""
    import pyoxigraph as ox

    from kg.rdf.oxstore import DataView
    from kg.rdf.store import open_snapshot

    name = format_for(dest, fmt)
    snapshot = open_snapshot(out)
    try:
        inner = ox.Store.read_only(str(snapshot.path))

        def write(target: Path, rdf_format: Any, options: dict[str, Any]) -> None:
            if not rdf_format.supports_datasets:
                inner.dump(str(target), rdf_format, from_graph=ox.DefaultGraph(), **options)
                return
            # the data and the ontology's graph; kg's bookkeeping graphs are not the graph
            quads = DataView(inner).quads_for_pattern(None, None, None)
            ox.serialize(quads, str(target), rdf_format, **options)

        _write(write, dest, name)
    finally:
        snapshot.close()
    return name


def write(graph: Graph, dest: Path, fmt: str | None = None) -> str:
    """Write an rdflib graph's triples to ``dest`` (atomically), as :func:`dump` writes a
    snapshot; returns the format used."""
    import pyoxigraph as ox

    from kg.rdf.graph import _ox

    name = format_for(dest, fmt)

    def write_graph(target: Path, rdf_format: Any, options: dict[str, Any]) -> None:
        make = ox.Quad if rdf_format.supports_datasets else ox.Triple
        items = (make(_ox(s), _ox(p), _ox(o)) for s, p, o in graph)
        ox.serialize(items, str(target), rdf_format, **options)  # type: ignore[arg-type]

    _write(write_graph, dest, name)
    return name


def _write(writer: Callable[[Path, Any, dict[str, Any]], None], dest: Path, name: str) -> None:
    """Run ``writer`` into a temporary file replacing ``dest``, with kg's prefixes."""
    import pyoxigraph as ox

    rdf_format = getattr(ox.RdfFormat, FORMATS[name][0])
    options: dict[str, Any] = {}
    if name in {"turtle", "trig", "rdfxml"}:
        options["prefixes"] = PREFIX_IRIS
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        with atomic.replacing(dest) as tmp:
            writer(tmp, rdf_format, options)
            if name == "jsonld":
                _compact_jsonld(tmp)
    except OSError as exc:
        raise GraphError(f"cannot write: {exc.strerror or exc}", dest) from exc


def _compact_jsonld(path: Path) -> None:
    """Oxigraph's expanded JSON-LD with kg's prefixes as ``@context``: property keys,
    ``@id`` values and datatypes as ``prefix:name`` where a prefix covers the IRI."""
    prefixes = sorted(PREFIX_IRIS.items(), key=lambda item: -len(item[1]))

    def short(iri: str) -> str:
        for prefix, namespace in prefixes:
            rest = iri[len(namespace):]
            if iri.startswith(namespace) and rest and not rest.startswith("//"):
                return f"{prefix}:{rest}"
        return iri

    def walk(value: Any, key: str = "") -> Any:
        if isinstance(value, list):
            return [walk(item, key) for item in value]
        if isinstance(value, dict):
            return {(k if k.startswith("@") else short(k)): walk(v, k) for k, v in value.items()}
        if isinstance(value, str) and key in {"@id", "@type"} and not value.startswith("_:"):
            return short(value)
        return value

    nodes = json.loads(path.read_bytes())
    document = {"@context": dict(PREFIX_IRIS), "@graph": walk(nodes)}
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
