"""The only module that knows the order of the stages: ingest → nlp → extract → resolve → graph."""

from __future__ import annotations

import fcntl
import os
import shutil
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from kg import graph as kgraph
from kg import ingest, nlp, ontology
from kg.errors import GraphError
from kg.extract import extract
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
    #: Violations of the SHACL shapes among the nodes this build added (written anyway).
    violations: list[Violation] = field(default_factory=list)

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
    remote: Endpoint | None = None,
) -> BuildSummary:
    """Build (or extend) the graph in ``out_dir`` from articles; returns a summary.

    The documents are added to the graph already in ``out_dir`` unless ``fresh``; one that is
    already there is skipped. All outputs are written to a staging folder first and moved
    into place only when every one was written, so a failed build leaves ``out_dir`` as it was.
    With ``remote``, the graph is also written into that SPARQL 1.1 store (``kg.remote``).
    """
    out = Path(out_dir)
    paths = [Path(p) for p in paths]
    _prepare(out)
    with _lock(out):
        graph = kgraph.new_graph() if fresh else load(out)
        summary = BuildSummary(out_dir=out)
        total = ingest.count_sources(paths)
        language = nlp.load_model(model)
        seen: set[str] = set()

        def new_documents() -> Iterator[Document]:
            for document in ingest.iter_documents(paths):
                summary.documents_read += 1
                if document.id in seen or kgraph.has_document(graph, document.id):
                    continue
                seen.add(document.id)
                yield document

        for result in process(new_documents(), language):
            kgraph.add_result(graph, result)
            summary.documents_added += 1
            if progress is not None:
                progress(summary.documents_added, total, result.document)
        summary.violations = _write_outputs(graph, out, remote)
        _summarise(graph, summary)
    return summary


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

    staging = out / f".staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    snapshot = store.new_snapshot(out)
    try:
        kgraph.write_turtle(graph, staging / kgraph.TURTLE)
        kgraph.write_store(staging / kgraph.TURTLE, snapshot)
        violations = check_new(graph, store.current(out), snapshot)
        html.write_html(graph, staging / HTML)
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
