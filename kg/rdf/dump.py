"""The RDF itself out of the store: Turtle, N-Triples, N-Quads, JSON-LD, TriG, RDF/XML.

Written by Oxigraph straight from the current snapshot (leased while it is read), with kg's
prefixes where the format has them; every format parses back to the same graph (tested).
"""

from __future__ import annotations

from pathlib import Path

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


def format_for(path: Path, fmt: str | None) -> str:
    """The format named, or the one the file's suffix names."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise GraphError(f"unknown RDF format {fmt!r} (choose from {', '.join(FORMATS)})")
        return fmt
    for name, (_, suffix) in FORMATS.items():
        if path.suffix.lower() == suffix:
            return name
    raise GraphError("cannot tell the RDF format from the name; use --format", path)


def dump(out: Path, dest: Path, fmt: str | None = None) -> str:
    """Write the graph of ``out``'s current snapshot to ``dest`` (atomically); returns the
    format used. Triple formats get the default graph (kg keeps everything there)."""
    import pyoxigraph as ox

    from kg.rdf.store import open_snapshot

    name = format_for(dest, fmt)
    rdf_format = getattr(ox.RdfFormat, FORMATS[name][0])
    snapshot = open_snapshot(out)
    try:
        inner = ox.Store.read_only(str(snapshot.path))
        options: dict[str, object] = {}
        if not rdf_format.supports_datasets:
            options["from_graph"] = ox.DefaultGraph()
        if name in {"turtle", "trig", "rdfxml"}:
            options["prefixes"] = PREFIX_IRIS
        with atomic.replacing(dest) as tmp:
            inner.dump(str(tmp), rdf_format, **options)  # type: ignore[arg-type]
    except OSError as exc:
        raise GraphError(f"cannot write: {exc.strerror or exc}", dest) from exc
    finally:
        snapshot.close()
    return name
