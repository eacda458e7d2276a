"""``kg remove``: documents taken out of the graph in a folder, as a build publishes a graph.

:func:`remove_documents` holds the folder's lock, starts a new snapshot from the previous
graph (``pipeline.new_snapshot``, as ``kg build`` does), takes the documents out of it
(:func:`kg.retract.retract`), runs the cross-document step and writes and publishes every
output the way a build does (``pipeline.publish``): readers see the old graph or the new
one, never a mix, and a failure leaves the folder as it was. :func:`find_documents` says
which documents a name given on the command line means: a document id, a path as given to
``kg build`` (a file, a JSONL file's records, or a folder's files), a URL, or a document
IRI.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterable
from pathlib import Path

from rdflib import Literal

from kg import pipeline
from kg.aliases import load_aliases
from kg.errors import GraphError, InputError, NotFoundError
from kg.foldindex import VoteDelta
from kg.intake import Versions
from kg.ontology import DCTERMS, DOC, KG
from kg.rdf import graph as kgraph
from kg.rdf import store
from kg.rdf.builder import Builder
from kg.rdf.remote import Endpoint
from kg.retract import retract
from kg.shacl.buildcheck import BuildCheck
from kg.summary import BuildSummary

__all__ = ["find_documents", "remove_documents"]

#: A document of the graph: its IRI and the path it was read from (``kg:path``).
_Row = tuple[str, str]
#: An absolute IRI that can be written into a query.
_IRI = re.compile(r'[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>"{}|^`\\]+')


def remove_documents(
    out: str | os.PathLike[str], documents: Iterable[str], *,
    aliases: Iterable[str | Path] = (), remote: Endpoint | None = None, files: str = "auto",
) -> BuildSummary:  # fmt: skip
    """Take ``documents`` (ids, paths as given to ``kg build``, URLs or document IRIs; see
    :func:`find_documents`) and everything that rests only on them out of the graph in
    ``out``, and publish the new graph; returns the summary (``documents_removed``).

    The graph is then the one a build of the other documents makes (folds, types and labels
    the documents decided are undone). ``aliases`` are the alias tables the graph was built
    with (``kg build --aliases``); ``remote``, a SPARQL 1.1 store that also receives the new
    graph (as with ``kg build --store``); ``files``, whether ``graph.ttl`` and ``graph.html``
    are rewritten (``pipeline.files_wanted``: by default when the graph is small or a tenth
    of it goes). A name that matches no document raises
    ``NotFoundError`` before anything is written; the graph is unchanged."""
    out = Path(out)
    names = [str(name) for name in documents]
    if not names:
        raise InputError("no document named; give an id, a path or a URL", "kg remove")
    if not (out / kgraph.TURTLE).is_file() and store.current(out) is None:
        raise GraphError("no graph here; run `kg build` first", out)
    table = load_aliases(aliases)
    summary = BuildSummary(out_dir=out)
    clock = time.perf_counter()
    with pipeline.new_snapshot(out) as builder:
        gone = find_documents(builder, names, out)
        before = Versions.read(builder).count
        summary.seconds["start"] = time.perf_counter() - clock
        clock = time.perf_counter()
        votes: VoteDelta = {}
        keys = retract(builder.graph(), gone, votes)
        summary.documents_removed = len(gone)
        summary.files = pipeline.files_wanted(files, before, len(gone))
        summary.seconds["documents"] = time.perf_counter() - clock
        # the cross-document step over the keys the documents named (all of them when the
        # snapshot was filled from graph.ttl, as a build does), then the outputs
        touched = keys if builder.started_from is not None else None
        pipeline.publish(builder, BuildCheck(), summary, table, touched, remote, votes)
    return summary


def find_documents(builder: Builder, names: Iterable[str], out: Path) -> list[str]:
    """The IRIs of the documents ``names`` mean, in the graph ``builder`` holds.

    A name is a document's id (``kg:`` IRIs are ``doc:{id}``), its IRI (full, or as
    ``doc:ID``), its URL (``kg:url``, ``dcterms:source``), or the path it was read from as
    given to ``kg build`` (``kg:path``): the file itself, a JSONL file (each of its records,
    ``FILE:LINE``), or a folder (every document read from a file under it); a path is
    also compared as an absolute path from the current folder. A name that means no
    document raises ``NotFoundError`` naming it."""
    found: set[str] = set()
    documents: list[_Row] | None = None
    for name in names:
        matches = _exact(builder, name)
        if not matches:  # a JSONL file, a folder, a path written another way: read them all
            documents = _documents(builder) if documents is None else documents
            matches = _under(name, documents)
        if not matches:
            raise NotFoundError(f"no document with this id, path or URL in {out}", name)
        found |= matches
    return sorted(found)


def _exact(builder: Builder, name: str) -> set[str]:
    """The documents whose id, IRI, path, URL or source is ``name`` (index look-ups)."""
    iris = {str(kgraph.document_iri(name)), name, str(DOC) + name.removeprefix("doc:")}
    values = " ".join(f"<{iri}>" for iri in sorted(iris) if _IRI.fullmatch(iri))
    text = Literal(name).n3()
    rows = builder.select(
        f"SELECT DISTINCT ?d WHERE {{ {{ VALUES ?d {{ {values} }} ?d a <{KG.Document}> }} "
        f"UNION {{ ?d <{KG.path}> {text} }} UNION {{ ?d <{KG.url}> {text} }} "
        f"UNION {{ ?d <{DCTERMS.source}> {text} }} }}"
    )
    return {str(row[0].value) for row in rows}


def _documents(builder: Builder) -> list[_Row]:
    """Every document of the graph with the path it was read from."""
    rows = builder.select(
        f"SELECT ?d ?path WHERE {{ ?d a <{KG.Document}> ; <{KG.path}> ?path }}"
    )
    return [(str(d.value), str(path.value)) for d, path in rows]


def _under(name: str, documents: list[_Row]) -> set[str]:
    """The documents read from the JSONL file or the folder ``name`` (or from the file
    ``name`` written another way: ``./a.txt``, an absolute path)."""
    found = set()
    where = _absolute(name)
    for iri, path in documents:
        file, _, line = path.rpartition(":")
        read_from = file if line.isdigit() and file else path  # a JSONL record's FILE:LINE
        if name in (path, read_from) or read_from.startswith(name.rstrip("/") + "/"):
            found.add(iri)
        elif where is not None and (here := _absolute(read_from)) is not None and (
            here == where or here.startswith(where.rstrip(os.sep) + os.sep)
        ):
            found.add(iri)
    return found


def _absolute(path: str) -> str | None:
    """A path as an absolute, normalised one (None for a URL)."""
    if "://" in path:
        return None
    return os.path.normpath(os.path.abspath(path))
