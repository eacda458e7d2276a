"""The only module that knows the order of the stages: ingest → nlp → extract → resolve → graph."""

from __future__ import annotations

import fcntl
import os
import shutil
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import Graph

from kg import graph as kgraph
from kg import ingest, nlp, ontology
from kg.aliases import AliasTable, load_aliases
from kg.errors import GraphError, InputError
from kg.extract import extract
from kg.merges import consolidate
from kg.model import Document, DocumentResult
from kg.resolve import resolve

DEFAULT_INPUT = "seeds"
DEFAULT_OUT = "out"
HTML = "graph.html"
LOCK = ".kg.lock"

#: Called after each document: (documents done, documents expected or None, document).
Progress = Callable[[int, int | None, Document], None]
#: Called with each warning (``PATH: problem``): a skipped file, a truncated document.
Warn = Callable[[str], None]


@dataclass
class BuildSummary:
    """What a build did and what the graph now holds."""

    out_dir: Path
    documents_read: int = 0
    documents_added: int = 0
    documents_in_graph: int = 0
    #: Files or JSONL lines skipped with ``keep_going``, and documents cut at max_doc_chars.
    skipped: int = 0
    truncated: int = 0
    entities_by_type: dict[str, int] = field(default_factory=dict)
    facts: int = 0
    evidence: int = 0
    triples: int = 0
    top_predicates: list[tuple[str, int]] = field(default_factory=list)

    def format(self) -> str:
        """A one-screen summary for the terminal."""
        lines = [
            f"graph: {self.out_dir}",
            f"documents: {self.documents_read} read, {self.documents_added} added, "
            f"{self.documents_in_graph} in graph"
            + (f", {self.skipped} skipped" if self.skipped else "")
            + (f", {self.truncated} truncated" if self.truncated else ""),
            f"entities: {sum(self.entities_by_type.values())} ("
            + ", ".join(f"{t} {n}" for t, n in sorted(self.entities_by_type.items()))
            + ")",
            f"facts: {self.facts} (with {self.evidence} evidence sentences); triples: "
            f"{self.triples}",
        ]
        if self.top_predicates:
            lines.append("top predicates:")
            lines += [f"  {n:5d}  {label}" for label, n in self.top_predicates]
        lines.append(
            f"wrote {self.out_dir / kgraph.TURTLE}, {self.out_dir / HTML}, "
            f"{self.out_dir / kgraph.STORE}/"
        )
        return "\n".join(lines)


def process(
    documents: Iterable[Document], language: object, aliases: AliasTable | None = None
) -> Iterator[DocumentResult]:
    """Run nlp, extract and resolve over documents, one result per document."""
    frames = ontology.lexicon()
    for document, doc in nlp.parse(documents, language):  # type: ignore[arg-type]
        yield resolve(document, extract(document, doc, frames=frames), aliases=aliases)


def build(
    paths: Iterable[str | Path] = (DEFAULT_INPUT,),
    out_dir: str | Path = DEFAULT_OUT,
    *,
    fresh: bool = False,
    model: str | None = None,
    progress: Progress | None = None,
    published: str | None = None,
    keep_going: bool = False,
    max_doc_chars: int = ingest.MAX_DOC_CHARS,
    warn: Warn | None = None,
    aliases: Iterable[str | Path] = (),
) -> BuildSummary:
    """Build (or extend) the graph in ``out_dir`` from articles; returns a summary.

    The documents are added to the graph already in ``out_dir`` unless ``fresh``; one that is
    already there is skipped. All outputs are written to a staging folder first and moved
    into place only when every one was written, so a failed build leaves ``out_dir`` as it was.
    ``published`` (ISO date) is the publication date of documents that carry none (plain
    text), the anchor of their relative time expressions.

    A bad file stops the build with an ``InputError``; with ``keep_going`` it is reported to
    ``warn`` and skipped instead (a build that then has nothing to add fails). Documents
    longer than ``max_doc_chars`` are cut there and reported to ``warn``.
    ``aliases`` are the user's alias tables (``kg build --aliases FILE``), added to kg's own.
    """
    out = Path(out_dir)
    paths = [Path(p) for p in paths]
    table = load_aliases(aliases)
    _prepare(out)
    with _lock(out):
        graph = kgraph.new_graph() if fresh else load(out)
        summary = BuildSummary(out_dir=out)
        total = ingest.count_sources(paths)
        language = nlp.load_model(model)
        language.max_length = max(language.max_length, max_doc_chars + 1)
        seen: set[str] = set()
        say = warn or (lambda _: None)

        def skip(error: InputError) -> None:
            summary.skipped += 1
            say(f"{error} (skipped)")

        def new_documents() -> Iterator[Document]:
            for document in ingest.iter_documents(
                paths, max_doc_chars=max_doc_chars, on_error=skip if keep_going else None
            ):
                summary.documents_read += 1
                if document.skipped_chars or document.skipped_bytes:
                    summary.truncated += 1
                    say(_truncation(document, max_doc_chars))
                if document.id in seen or kgraph.has_document(graph, document.id):
                    continue
                seen.add(document.id)
                if published and not document.published:
                    document = replace(document, published=published)
                yield document

        for result in process(new_documents(), language, table):
            kgraph.add_result(graph, result)
            summary.documents_added += 1
            if progress is not None:
                progress(summary.documents_added, total, result.document)
        if summary.skipped and not summary.documents_read:
            raise InputError(f"no document could be read ({summary.skipped} skipped)", paths[0])
        consolidate(graph, table)  # cross-document step: order-independent (kg/merges.py)
        try:
            _write_outputs(graph, out)
        except OSError as exc:  # disk full, file too large, …: the old outputs are in place
            raise GraphError(f"cannot write the graph: {exc.strerror or exc}", out) from exc
        _summarise(graph, summary)
    return summary


def _truncation(document: Document, limit: int) -> str:
    """The warning for a document cut at ``limit`` characters."""
    left = f"{document.skipped_chars:,} more characters" if document.skipped_chars else ""
    if document.skipped_bytes:
        left += (" and " if left else "") + f"{document.skipped_bytes:,} unread bytes"
    return (f"{document.source}: document cut at {limit:,} characters (--max-doc-chars); "
            f"{left} left out")


def load(out: Path) -> Graph:
    """The graph already built in ``out`` (an empty one when there is none)."""
    graph = kgraph.new_graph()
    if (out / kgraph.TURTLE).is_file():
        graph += kgraph.read_turtle(out / kgraph.TURTLE)
    elif (out / kgraph.STORE).is_dir():
        graph += kgraph.copy_from_store(out / kgraph.STORE)
    return graph


def _prepare(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise GraphError("output path exists and is not a folder", out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GraphError(f"cannot create output folder: {exc.strerror}", out) from exc
    if not os.access(out, os.W_OK):
        raise GraphError("output folder is not writable", out)


@contextmanager
def _lock(out: Path) -> Iterator[None]:
    """One writer per output folder: a second build fails fast instead of waiting."""
    with open(out / LOCK, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise GraphError("another kg build is writing this graph", out) from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _write_outputs(graph: Graph, out: Path) -> None:
    """Write every output into a staging folder, then move each into place."""
    from kg import html

    for stale in (*out.glob(".staging-*"), *out.glob(".store-old-*")):
        shutil.rmtree(stale, ignore_errors=True)  # left by a killed build; we hold the lock
    staging = out / f".staging-{os.getpid()}"
    staging.mkdir()
    try:
        kgraph.write_turtle(graph, staging / kgraph.TURTLE)
        kgraph.write_store(staging / kgraph.TURTLE, staging / kgraph.STORE)
        html.write_html(graph, staging / HTML)
        old_store = out / f".store-old-{os.getpid()}"
        if (out / kgraph.STORE).exists():
            os.replace(out / kgraph.STORE, old_store)
        os.replace(staging / kgraph.STORE, out / kgraph.STORE)
        os.replace(staging / kgraph.TURTLE, out / kgraph.TURTLE)
        os.replace(staging / HTML, out / HTML)
        shutil.rmtree(old_store, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


_COUNTS = """
SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?e a ?type . ?type rdfs:subClassOf+ kg:Entity .
} GROUP BY ?type
"""

_PREDICATES = """
SELECT ?label (COUNT(*) AS ?n) WHERE {
  ?s ?p ?o . ?p rdfs:subPropertyOf+ kg:relatedTo ; rdfs:label ?label .
  ?s a/rdfs:subClassOf+ kg:Entity .
} GROUP BY ?label ORDER BY DESC(?n) ?label
"""


def _summarise(graph: Graph, summary: BuildSummary) -> None:
    ns = ontology.PREFIX_IRIS
    summary.entities_by_type = {
        str(row.type).removeprefix(str(ontology.KG)): int(row.n)  # type: ignore[union-attr]
        for row in graph.query(_COUNTS, initNs=ns)
    }
    predicates: Counter[str] = Counter()
    for row in graph.query(_PREDICATES, initNs=ns):
        predicates[str(row.label)] += int(row.n)  # type: ignore[union-attr]
    summary.facts = sum(predicates.values())
    summary.top_predicates = predicates.most_common(8)
    summary.evidence = sum(1 for _ in graph.subjects(ontology.RDF.type, ontology.KG.Evidence))
    summary.documents_in_graph = sum(
        1 for _ in graph.subjects(ontology.RDF.type, ontology.KG.Document)
    )
    summary.triples = len(graph)
