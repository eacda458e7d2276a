"""The only module that knows the order of the stages: ingest → nlp → extract → resolve → graph."""

from __future__ import annotations

import gc
import hashlib
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path
from typing import Any

from kg import ingest, ontology, parallel
from kg.aliases import AliasTable, load_aliases
from kg.errors import GraphError, InputError, WorkerError
from kg.ingest import guards
from kg.lock import LOCK as LOCK  # where it always was: OUT/.kg.lock
from kg.lock import build_lock
from kg.merges import consolidate
from kg.model import Document
from kg.rdf import graph as kgraph
from kg.rdf import store
from kg.rdf.remote import Endpoint, push
from kg.shacl.buildcheck import BuildCheck
from kg.shacl.validate import Violation, format_report
from kg.stages import process

DEFAULT_INPUT = "seeds"
DEFAULT_OUT = "out"
HTML = "graph.html"

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
    #: Documents read but not added: already in the graph, or read twice in this build
    #: (the same id and the same text; the same id with another text is an input error).
    known: int = 0
    repeated: int = 0
    entities_by_type: dict[str, int] = field(default_factory=dict)
    facts: int = 0
    evidence: int = 0
    triples: int = 0
    top_predicates: list[tuple[str, int]] = field(default_factory=list)
    #: Words (whitespace-separated) in the documents added.
    words: int = 0
    #: Wall-clock seconds: "start" (model loading, worker start), "documents" (parse,
    #: extract, resolve, triples into the new store), "stop" (worker shut-down), "outputs"
    #: (cross-document step, shape check, graph.ttl, graph.html, publishing).
    seconds: dict[str, float] = field(default_factory=dict)
    #: Violations of the SHACL shapes among the nodes this build added (written anyway).
    violations: list[Violation] = field(default_factory=list)
    #: Files inside the input folders that kg does not read (a .pdf, a .docx …), and the
    #: files (or JSONL lines) skipped with ``keep_going``.
    unread: list[str] = field(default_factory=list)
    skipped_files: list[str] = field(default_factory=list)
    #: Documents added although they do not look like English (warned about).
    not_english: int = 0

    def format(self) -> str:
        """A one-screen summary for the terminal."""
        lines = [
            f"graph: {self.out_dir}",
            f"documents: {self.documents_read} read, {self.documents_added} added, "
            f"{self.documents_in_graph} in graph"
            + (f", {self.skipped} skipped" if self.skipped else "")
            + (f", {self.truncated} truncated" if self.truncated else "")
            + (f", {self.known} already in the graph" if self.known else "")
            + (f", {self.repeated} repeated" if self.repeated else ""),
            f"entities: {sum(self.entities_by_type.values())} ("
            + ", ".join(f"{t} {n}" for t, n in sorted(self.entities_by_type.items()))
            + ")",
            f"facts: {self.facts} (with {self.evidence} evidence sentences); triples: "
            f"{self.triples}",
        ]
        if self.skipped_files:
            names = self.skipped_files
            lines.append(f"skipped: {', '.join(names[:3])}{', …' if len(names) > 3 else ''} "
                         "(the warnings say why)")
        if self.unread:
            lines.append("not read: " + guards.describe_unread(self.unread))
        if self.not_english:
            lines.append(f"not English (built anyway, facts unreliable): {self.not_english}")
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


@dataclass(frozen=True)
class BuildOptions:
    """How to build, from the CLI (``kg build`` flags) or a library caller to :func:`build`."""

    #: Start from an empty graph instead of adding to the graph already in the folder.
    fresh: bool = False
    #: The spaCy pipeline to load (None: kg's default).
    model: str | None = None
    #: Called after each document added.
    progress: Progress | None = None
    #: Publication date (ISO) of documents that carry none, the anchor of relative times.
    published: str | None = None
    #: Skip a bad file (or JSONL line), reporting it to ``warn``, instead of stopping.
    keep_going: bool = False
    max_doc_chars: int = ingest.MAX_DOC_CHARS
    #: Called with each warning (a skipped file, a truncated document).
    warn: Warn | None = None
    #: The user's alias tables (``kg build --aliases FILE``), added to kg's own.
    aliases: Iterable[str | Path] = ()
    workers: int = 1
    #: A Dask scheduler address, or ``"local"`` for a LocalCluster of ``workers`` processes.
    dask: str | None = None
    #: A SPARQL 1.1 store that also receives the graph (``kg.rdf.remote``).
    remote: Endpoint | None = None


def build(
    paths: Iterable[str | Path] = (DEFAULT_INPUT,),
    out_dir: str | Path = DEFAULT_OUT,
    options: BuildOptions | None = None,
    *,
    texts: Iterable[str | Document] = (),
    **changes: Any,
) -> BuildSummary:
    """Build (or extend) the graph in ``out_dir`` from articles; returns a summary.

    ``options`` (a :class:`BuildOptions`; keyword ``changes`` such as ``fresh=True`` replace
    its fields) says how. The documents are added to the graph already in ``out_dir``
    unless ``fresh``; one that is already there is skipped. All outputs are written to a
    staging folder first and moved into place only when every one was written, so a failed
    build leaves ``out_dir`` as it was.
    ``published`` (ISO date) is the publication date of documents that carry none (plain
    text), the anchor of their relative time expressions; documents already in the graph
    keep what they were built with (a warning says how many).

    ``texts`` are articles given in Python, read after ``paths`` (``ingest.iter_texts``): a
    ``str`` is an article's plain text, a ``Document`` is taken as it is. Build from texts
    only with ``build((), out, texts=[...])``; ``kg.KnowledgeGraph`` wraps this.

    A bad file stops the build with an ``InputError``; with ``keep_going`` it is reported to
    ``warn`` and skipped instead (a build that then has nothing to add fails). Documents
    longer than ``max_doc_chars`` are cut there and reported to ``warn``. A document that does
    not look like English is reported to ``warn`` and built (skipped with ``keep_going``).
    Files in the input folders that kg does not read are listed in ``BuildSummary.unread``.
    ``aliases`` are the user's alias tables (``kg build --aliases FILE``), added to kg's own.
    ``workers`` > 1 parses on that many processes of this machine; ``dask`` (a scheduler
    address, or ``"local"`` for a LocalCluster of ``workers`` processes) on a Dask cluster.
    Either way the graph is the one a single-process build makes of the same input.
    With ``remote``, the graph is also written into that SPARQL 1.1 store (``kg.rdf.remote``).
    """
    options = replace(options or BuildOptions(), **changes)
    out = Path(out_dir)
    sources = list(paths)  # as given: Path() would fold a URL's "//" before ingest sees it
    articles = list(texts)
    table = load_aliases(options.aliases)
    if options.workers < 1:
        raise WorkerError(f"--workers must be at least 1, not {options.workers}")
    _prepare(out)
    with build_lock(out):
        for stale in out.glob(".staging-*"):
            shutil.rmtree(stale, ignore_errors=True)  # left by a killed build; we hold the lock
        builder = store.Builder(out)
        try:
            summary = _build(builder, sources, articles, out, options, table)
        except BaseException:
            if store.current(out) != builder.path:
                builder.discard()
            raise
    return summary


def _build(
    builder: store.Builder,
    paths: list[str | Path],
    texts: list[str | Document],
    out: Path,
    options: BuildOptions,
    table: AliasTable,
) -> BuildSummary:
    """The build proper, writing into the new snapshot ``builder`` (see :func:`build`)."""
    fresh, published, max_doc_chars = options.fresh, options.published, options.max_doc_chars
    keep_going, progress = options.keep_going, options.progress
    if not fresh:
        _load_previous(builder, out)
    builder.add_ontology()  # this kg's ontology, in its own named graph
    known = builder.document_iris()
    check = BuildCheck()
    summary = BuildSummary(out_dir=out, unread=guards.unread_files(paths, ingest.KINDS))
    total = ingest.count_sources(paths, strict=not keep_going) + len(texts)
    intake = _Intake(summary, known, keep_going=keep_going, warn=options.warn)
    new_documents = intake.documents(paths, texts, max_doc_chars, published)
    clock = time.perf_counter()
    setup = parallel.Setup(options.model, max_doc_chars + 1, table)
    with _engine(setup, options.workers, options.dask) as run:
        summary.seconds["start"] = time.perf_counter() - clock
        clock = time.perf_counter()
        # The merge: a union of per-document results in input order (IRIs are derived from
        # content, so the same results give the same triples on any engine), streamed into
        # the new snapshot's store; each document's own nodes are shape-checked on the way.
        for result in run(new_documents):
            triples = kgraph.triples(result)
            builder.add(triples)
            check.document(triples)
            summary.documents_added += 1
            summary.words += len(result.document.text.split())
            if progress is not None:
                progress(summary.documents_added, total, result.document)
        summary.seconds["documents"] = time.perf_counter() - clock
        clock = time.perf_counter()
    summary.seconds["stop"] = time.perf_counter() - clock
    if intake.undated:
        intake.say(guards.published_not_applied(str(published), list(intake.undated.values())))
    if summary.skipped and not summary.documents_read:
        raise InputError(f"no document could be read ({summary.skipped} skipped)",
                         paths[0] if paths else "<texts>")
    clock = time.perf_counter()
    # The output phase makes many short-lived objects; the long-lived heap (the spaCy
    # pipeline, the build's state) is frozen meanwhile, so Python's cyclic collector does
    # not walk it again at each collection (0.5 s of 3 s on 2,000 articles).
    gc.freeze()
    try:
        # the cross-document step, once on the union, whatever the engine
        consolidate(builder.graph(), table)
        _write_outputs(builder, check, out, summary, options.remote)
    except OSError as exc:  # disk full, file too large, …: the old outputs are in place
        raise GraphError(f"cannot write the graph: {exc.strerror or exc}", out) from exc
    finally:
        gc.unfreeze()
    summary.seconds["outputs"] = time.perf_counter() - clock
    return summary


class _Intake:
    """The documents a build adds: read (bad input skipped with ``keep_going``), counted,
    truncation and language reported, and those already in the graph or already read left
    out (with ``published``, those already in the graph are named: they keep their date)."""

    def __init__(self, summary: BuildSummary, known: set[str], *, keep_going: bool,
                 warn: Warn | None) -> None:
        self.summary, self.known, self.keep_going = summary, known, keep_going
        self.say: Warn = warn or (lambda _: None)
        self.seen: dict[str, tuple[bytes, str]] = {}  # id -> (text digest, where first read)
        self.undated: dict[str, str] = {}  # documents already in the graph --published cannot date

    def skip(self, error: InputError) -> None:
        self.summary.skipped += 1
        self.summary.skipped_files.append(error.path or "?")
        self.say(f"{error} (skipped)")

    def documents(
        self, paths: list[str | Path], texts: list[str | Document], max_doc_chars: int,
        published: str | None,
    ) -> Iterator[Document]:
        on_error = self.skip if self.keep_going else None
        for document in chain(
            ingest.iter_documents(paths, max_doc_chars=max_doc_chars, on_error=on_error),
            ingest.iter_texts(texts, max_doc_chars=max_doc_chars, on_error=on_error),
        ):
            self.summary.documents_read += 1
            if document.skipped_chars or document.skipped_bytes:
                self.summary.truncated += 1
                self.say(_truncation(document, max_doc_chars))
            if not self.is_new(document, dating=bool(published)):
                continue
            if (problem := guards.language_problem(document.text)) is not None:
                if self.keep_going:
                    self.skip(InputError(problem, document.source))
                    continue
                self.summary.not_english += 1
                self.say(f"{document.source}: {problem}; {guards.NOT_ENGLISH}")
            if published and not document.published:
                document = replace(document, published=published)
            yield document

    def is_new(self, document: Document, *, dating: bool = False) -> bool:
        """False for a document already in the graph or already read in this build; an
        id read before with another text is an input error (never a silent drop). With
        ``dating`` (``--published``), an undated document already in the graph is noted."""
        entry = (hashlib.sha256(document.text.encode("utf-8")).digest(), document.source)
        first = self.seen.setdefault(document.id, entry)
        if first is not entry:
            if first[0] == entry[0]:
                self.summary.repeated += 1
                return False
            error = InputError(f"id {document.id!r} was read before, with another text, "
                               f"from {first[1]}", document.source)
            if not self.keep_going:
                raise error
            self.skip(error)
            return False
        if str(kgraph.document_iri(document.id)) in self.known:
            self.summary.known += 1
            if dating and not document.published:
                self.undated.setdefault(document.id, document.source)
            return False
        return True


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


def _load_previous(builder: store.Builder, out: Path) -> bool:
    """Start the new snapshot from the graph already built in ``out``: its ``graph.ttl``,
    else its current store; False when there is none."""
    if (out / kgraph.TURTLE).is_file():
        builder.load(out / kgraph.TURTLE)
    elif (previous := store.current(out)) is not None:
        builder.copy(previous)
    else:
        return False
    return True


def _prepare(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise GraphError("output path exists and is not a folder", out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GraphError(f"cannot create output folder: {exc.strerror}", out) from exc
    if not os.access(out, os.W_OK):
        raise GraphError("output folder is not writable", out)


def _write_outputs(
    builder: store.Builder,
    check: BuildCheck,
    out: Path,
    summary: BuildSummary,
    remote: Endpoint | None = None,
) -> None:
    """Write every output, then publish them: the files by rename, the store by switching
    ``OUT/store`` to the new snapshot (see ``kg.rdf.store``); a failure leaves OUT as it was.

    With ``remote``, the graph replaces the remote store's graph before anything is published
    locally. Fills in the summary's counts and the SHACL violations among the nodes this
    build added."""
    from kg import html

    staging = out / f".staging-{os.getpid()}"
    staging.mkdir()
    try:
        summary.violations = check.finish(builder.store)
        builder.write_turtle(staging / kgraph.TURTLE)  # on the store's thread, with the page
        # the page's queries run in Oxigraph (0.5 s where rdflib's engine took 3 s on 300
        # articles)
        html.write_html(builder.graph(), staging / HTML)
        if remote is not None:
            push(kgraph.plain_triples(builder.graph()), remote)
        _summarise(builder, summary)
        builder.close()
        os.replace(staging / kgraph.TURTLE, out / kgraph.TURTLE)
        os.replace(staging / HTML, out / HTML)
        store.switch(out, builder.path)
    finally:
        builder.settle()  # no background write into staging may outlive it
        shutil.rmtree(staging, ignore_errors=True)


def _summarise(builder: store.Builder, summary: BuildSummary) -> None:
    """Counts for the summary, by SPARQL over the new snapshot (Oxigraph answers each in
    milliseconds where rdflib's engine over a memory graph took seconds)."""
    kg, rdfs = ontology.KG, ontology.RDFS
    below_entity = f"?c <{rdfs.subClassOf}>+ <{kg.Entity}>"
    rows = builder.select(
        f"SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {below_entity} . ?s a ?c }} GROUP BY ?c"
    )
    summary.entities_by_type = {
        row[0].value.removeprefix(str(kg)): int(row[1].value) for row in rows
    }
    # A fact is a triple whose predicate is below kg:relatedTo and whose subject is an
    # entity, counted once per entity class of the subject, by the predicate's label.
    rows = builder.select(
        f"SELECT ?label (COUNT(*) AS ?n) WHERE {{ "
        f"{{ SELECT DISTINCT ?p {{ ?p <{rdfs.subPropertyOf}>+ <{kg.relatedTo}> }} }} "
        f"?p <{rdfs.label}> ?label . ?s ?p ?o . ?s a ?c . "
        f"{{ SELECT DISTINCT ?c {{ {below_entity} }} }} }} GROUP BY ?label"
    )
    predicates = {row[0].value: int(row[1].value) for row in rows}
    summary.facts = sum(predicates.values())
    summary.top_predicates = sorted(predicates.items(), key=lambda item: (-item[1], item[0]))[:8]

    def count(pattern: str) -> int:
        return int(builder.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")[0][0].value)

    summary.evidence = count(f"?s a <{kg.Evidence}>")
    summary.documents_in_graph = count(f"?s a <{kg.Document}>")
    summary.triples = count("?s ?p ?o")
