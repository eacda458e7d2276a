"""The only module that knows the order of the stages: ingest → nlp → extract → resolve → graph."""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import Graph

from kg import graph as kgraph
from kg import ingest, nlp, ontology, parallel
from kg.aliases import AliasTable, load_aliases
from kg.errors import GraphError, InputError, WorkerError
from kg.extract import extract
from kg.merges import consolidate
from kg.model import Document, DocumentResult
from kg.remote import Endpoint, push
from kg.resolve import resolve
from kg.validate import Violation, format_report

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
    #: Words (whitespace-separated) in the documents added.
    words: int = 0
    #: Wall-clock seconds: "start" (model loading, worker start), "documents" (parse,
    #: extract, resolve, add to the graph), "stop" (worker shut-down), "outputs" (store,
    #: graph.ttl, graph.html).
    seconds: dict[str, float] = field(default_factory=dict)
    #: Violations of the SHACL shapes among the nodes this build added (written anyway).
    violations: list[Violation] = field(default_factory=list)

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
        if self.violations:
            lines.append(
                f"shape violations in the new facts: {len(self.violations)} "
                f"(details: kg validate -g {self.out_dir})"
            )
            lines += ["  " + line for line in format_report(self.violations, 2).splitlines()[1:]]
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
    workers: int = 1,
    dask: str | None = None,
    remote: Endpoint | None = None,
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
    ``workers`` > 1 parses on that many processes of this machine; ``dask`` (a scheduler
    address, or ``"local"`` for a LocalCluster of ``workers`` processes) on a Dask cluster.
    Either way the graph is the one a single-process build makes of the same input.
    With ``remote``, the graph is also written into that SPARQL 1.1 store (``kg.remote``).
    """
    out = Path(out_dir)
    paths = [Path(p) for p in paths]
    table = load_aliases(aliases)
    if workers < 1:
        raise WorkerError(f"--workers must be at least 1, not {workers}")
    _prepare(out)
    with _lock(out):
        graph = kgraph.new_graph() if fresh else load(out)
        summary = BuildSummary(out_dir=out)
        total = ingest.count_sources(paths)
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

        clock = time.perf_counter()
        setup = parallel.Setup(model, max_doc_chars + 1, table)
        with _engine(setup, workers, dask) as run:
            summary.seconds["start"] = time.perf_counter() - clock
            clock = time.perf_counter()
            # The merge: a union of per-document results in input order (IRIs are derived
            # from content, so the same results give the same triples on any engine).
            for result in run(new_documents()):
                kgraph.add_result(graph, result)
                summary.documents_added += 1
                summary.words += len(result.document.text.split())
                if progress is not None:
                    progress(summary.documents_added, total, result.document)
            summary.seconds["documents"] = time.perf_counter() - clock
            clock = time.perf_counter()
        summary.seconds["stop"] = time.perf_counter() - clock
        if summary.skipped and not summary.documents_read:
            raise InputError(f"no document could be read ({summary.skipped} skipped)", paths[0])
        consolidate(graph, table)  # cross-document step, once on the union, whatever engine
        clock = time.perf_counter()
        try:
            summary.violations = _write_outputs(graph, out, remote)
        except OSError as exc:  # disk full, file too large, …: the old outputs are in place
            raise GraphError(f"cannot write the graph: {exc.strerror or exc}", out) from exc
        summary.seconds["outputs"] = time.perf_counter() - clock
        _summarise(graph, summary)
    return summary


def _truncation(document: Document, limit: int) -> str:
    """The warning for a document cut at ``limit`` characters."""
    left = f"{document.skipped_chars:,} more characters" if document.skipped_chars else ""
    if document.skipped_bytes:
        left += (" and " if left else "") + f"{document.skipped_bytes:,} unread bytes"
    return (f"{document.source}: document cut at {limit:,} characters (--max-doc-chars); "
            f"{left} left out")


@contextmanager
def _engine(setup: parallel.Setup, workers: int, dask: str | None) -> Iterator[parallel.Run]:
    """Where the per-document stages run: this process, ``workers`` processes, or Dask."""
    if dask:
        with parallel.dask_workers(dask, setup, workers) as run:
            yield run
    elif workers > 1:
        with parallel.local_workers(setup, workers) as run:
            yield run
    else:
        language = parallel.language(setup)
        yield lambda documents: process(documents, language, setup.aliases)


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


def _write_outputs(graph: Graph, out: Path, remote: Endpoint | None = None) -> list[Violation]:
    """Write every output, then publish them: the files by rename, the store by switching
    ``OUT/store`` to a new snapshot (see ``kg.store``); a failure leaves OUT as it was.

    With ``remote``, the graph replaces the remote store's graph before anything is published
    locally. Returns the SHACL violations among the nodes added since the previous snapshot."""
    from kg import html, store
    from kg.validate import check_new

    for stale in out.glob(".staging-*"):
        shutil.rmtree(stale, ignore_errors=True)  # left by a killed build; we hold the lock
    staging = out / f".staging-{os.getpid()}"
    staging.mkdir()
    snapshot = store.new_snapshot(out)
    try:
        kgraph.write_turtle(graph, staging / kgraph.TURTLE)
        kgraph.write_store(staging / kgraph.TURTLE, snapshot)
        violations = check_new(graph, store.current(out), snapshot)
        # The page is read from the store just written: the same triples, but its queries
        # run in Oxigraph (0.5 s where rdflib's engine took 3 s on 300 articles).
        stored = kgraph.open_store(snapshot)
        html.write_html(stored, staging / HTML)
        del stored
        if remote is not None:
            push(graph, remote)
        os.replace(staging / kgraph.TURTLE, out / kgraph.TURTLE)
        os.replace(staging / HTML, out / HTML)
        store.switch(out, snapshot)
        return violations
    except BaseException:
        if store.current(out) != snapshot:
            store.discard(snapshot)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _summarise(graph: Graph, summary: BuildSummary) -> None:
    """Counts for the summary, read with triple patterns (rdflib's SPARQL engine took longer
    than parsing on a 2,000-article graph)."""
    rdf, rdfs, kg = ontology.RDF, ontology.RDFS, ontology.KG
    classes = set(graph.transitive_subjects(rdfs.subClassOf, kg.Entity)) - {kg.Entity}
    entities: dict[str, int] = {}
    for class_ in classes:
        found = sum(1 for _ in graph.subjects(rdf.type, class_))
        if found:
            entities[str(class_).removeprefix(str(kg))] = found
    summary.entities_by_type = entities
    # A fact is a triple whose predicate is below kg:relatedTo and whose subject is an
    # entity, counted once per entity class of the subject (as the SPARQL path a/subClassOf+).
    properties = set(graph.transitive_subjects(rdfs.subPropertyOf, kg.relatedTo)) - {kg.relatedTo}
    predicates: Counter[str] = Counter()
    for p in properties:
        labels = [str(label) for label in graph.objects(p, rdfs.label)]
        if not labels:
            continue
        n = sum(
            sum(1 for t in graph.objects(s, rdf.type) if t in classes)
            for s, _ in graph.subject_objects(p)
        )
        for label in labels:
            predicates[label] += n
    predicates = +predicates  # drop the zero counts (a GROUP BY has no empty groups)
    summary.facts = sum(predicates.values())
    summary.top_predicates = sorted(predicates.items(), key=lambda item: (-item[1], item[0]))[:8]
    summary.evidence = sum(1 for _ in graph.subjects(rdf.type, kg.Evidence))
    summary.documents_in_graph = sum(1 for _ in graph.subjects(rdf.type, kg.Document))
    summary.triples = len(graph)
