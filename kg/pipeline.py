"""The only module that knows the order of the stages: ingest → nlp → extract → resolve → graph."""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from kg import graph as kgraph
from kg import ingest, nlp, ontology, parallel
from kg.errors import GraphError, WorkerError
from kg.extract import extract
from kg.model import Document, DocumentResult
from kg.resolve import resolve

DEFAULT_INPUT = "seeds"
DEFAULT_OUT = "out"
HTML = "graph.html"
LOCK = ".kg.lock"

#: Called after each document: (documents done, documents expected or None, document).
Progress = Callable[[int, int | None, Document], None]


@dataclass
class BuildSummary:
    """What a build did and what the graph now holds."""

    out_dir: Path
    documents_read: int = 0
    documents_added: int = 0
    documents_in_graph: int = 0
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

    def format(self) -> str:
        """A one-screen summary for the terminal."""
        lines = [
            f"graph: {self.out_dir}",
            f"documents: {self.documents_read} read, {self.documents_added} added, "
            f"{self.documents_in_graph} in graph",
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


def process(documents: Iterable[Document], language: object) -> Iterator[DocumentResult]:
    """Run nlp, extract and resolve over documents, one result per document."""
    frames = ontology.lexicon()
    for document, doc in nlp.parse(documents, language):  # type: ignore[arg-type]
        yield resolve(document, extract(document, doc, frames=frames))


def build(
    paths: Iterable[str | Path] = (DEFAULT_INPUT,),
    out_dir: str | Path = DEFAULT_OUT,
    *,
    fresh: bool = False,
    model: str | None = None,
    progress: Progress | None = None,
    workers: int = 1,
    dask: str | None = None,
) -> BuildSummary:
    """Build (or extend) the graph in ``out_dir`` from articles; returns a summary.

    The documents are added to the graph already in ``out_dir`` unless ``fresh``; one that is
    already there is skipped. All outputs are written to a staging folder first and moved
    into place only when every one was written, so a failed build leaves ``out_dir`` as it was.

    ``workers`` > 1 parses on that many processes of this machine; ``dask`` (a scheduler
    address, or ``"local"`` for a LocalCluster of ``workers`` processes) on a Dask cluster.
    Either way the graph is the one a single-process build makes of the same input.
    """
    out = Path(out_dir)
    paths = [Path(p) for p in paths]
    if workers < 1:
        raise WorkerError(f"--workers must be at least 1, not {workers}")
    _prepare(out)
    with _lock(out):
        graph = kgraph.new_graph() if fresh else load(out)
        summary = BuildSummary(out_dir=out)
        total = ingest.count_sources(paths)
        seen: set[str] = set()

        def new_documents() -> Iterator[Document]:
            for document in ingest.iter_documents(paths):
                summary.documents_read += 1
                if document.id in seen or kgraph.has_document(graph, document.id):
                    continue
                seen.add(document.id)
                yield document

        clock = time.perf_counter()
        with _engine(model, workers, dask) as run:
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
        # A cross-document resolution step belongs here: once, on the union, whatever engine.
        clock = time.perf_counter()
        _write_outputs(graph, out)
        summary.seconds["outputs"] = time.perf_counter() - clock
        _summarise(graph, summary)
    return summary


@contextmanager
def _engine(model: str | None, workers: int, dask: str | None) -> Iterator[parallel.Run]:
    """Where the per-document stages run: this process, ``workers`` processes, or Dask."""
    if dask:
        with parallel.dask_workers(dask, model, workers) as run:
            yield run
    elif workers > 1:
        with parallel.local_workers(model, workers) as run:
            yield run
    else:
        language = nlp.load_model(model)
        yield lambda documents: process(documents, language)


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

    staging = out / f".staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        kgraph.write_turtle(graph, staging / kgraph.TURTLE)
        kgraph.write_store(staging / kgraph.TURTLE, staging / kgraph.STORE)
        # The page is read from the store just written: the same triples, but its queries
        # run in Oxigraph (0.5 s where rdflib's engine took 3 s on 300 articles).
        stored = kgraph.open_store(staging / kgraph.STORE)
        html.write_html(stored, staging / HTML)
        del stored
        old_store = out / f".store-old-{os.getpid()}"
        if (out / kgraph.STORE).exists():
            os.replace(out / kgraph.STORE, old_store)
        os.replace(staging / kgraph.STORE, out / kgraph.STORE)
        os.replace(staging / kgraph.TURTLE, out / kgraph.TURTLE)
        os.replace(staging / HTML, out / HTML)
        shutil.rmtree(old_store, ignore_errors=True)
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
