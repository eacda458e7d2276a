"""The only module that knows the order of the stages: ingest → nlp → extract → resolve → graph."""

from __future__ import annotations

import gc
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from rdflib import URIRef

from kg import ingest, parallel
from kg.aliases import AliasTable, load_aliases
from kg.errors import GraphError, InputError, WorkerError
from kg.foldindex import VoteDelta, add_votes
from kg.ingest import guards
from kg.intake import Intake, Versions, Warn
from kg.lock import LOCK as LOCK  # where it always was: OUT/.kg.lock
from kg.lock import build_lock
from kg.merges import consolidate
from kg.model import Document, DocumentResult
from kg.ontology import ENT
from kg.rdf import graph as kgraph
from kg.rdf import store
from kg.rdf.builder import Builder
from kg.rdf.remote import Endpoint, push
from kg.retract import retract
from kg.shacl.buildcheck import BuildCheck
from kg.stages import process
from kg.summary import HTML, BuildSummary, summarise

__all__ = ["DEFAULT_INPUT", "DEFAULT_OUT", "FILES", "HTML", "LOCK", "BuildOptions",
           "BuildSummary", "Progress", "Warn", "build", "files_wanted", "new_snapshot",
           "publish"]

DEFAULT_INPUT = "seeds"
DEFAULT_OUT = "out"

#: Called after each document: (documents done, documents expected or None, document).
Progress = Callable[[int, int | None, Document], None]


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
    #: Whether to rewrite ``graph.ttl`` and ``graph.html`` (whole-graph files):
    #: ``"auto"`` (see :func:`files_wanted`), ``"always"`` or ``"never"``.
    files: str = "auto"


#: ``files="auto"``: graph.ttl and graph.html are rewritten while the graph holds at most
#: this many documents, and above it when a build adds at least 1/FILES_SHARE of them.
FILES_ALWAYS_UP_TO = 100
FILES_SHARE = 10
FILES = ("auto", "always", "never")


def files_wanted(files: str, before: int, added: int) -> bool:
    """Whether a build that adds ``added`` documents to a graph of ``before`` rewrites the
    whole-graph files (``graph.ttl``, ``graph.html``). Both cost time in proportion to the
    whole graph; with ``"auto"`` a build writes them when that is at most about
    FILES_SHARE times its own work (or the graph is small), so adding a few articles to a
    big graph costs what is new. When they are not written, the old ones are removed (no
    file contradicts the store): ``kg dump`` and ``kg viz`` write them from the store."""
    if files != "auto":
        return files == "always"
    return before <= FILES_ALWAYS_UP_TO or added * FILES_SHARE >= before


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
    unless ``fresh``; one that is already there with the same text is skipped, and one
    whose id or URL is there with another text replaces that version. All outputs are
    written to a staging folder first and moved into place only when every one was
    written, so a failed build leaves ``out_dir`` as it was.
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
    if options.files not in FILES:
        raise GraphError(f"files must be one of {', '.join(FILES)}, not {options.files!r}", out)
    _prepare(out)
    with new_snapshot(out, fresh=options.fresh) as builder:
        return _build(builder, sources, articles, out, options, table)


@contextmanager
def new_snapshot(out: Path, *, fresh: bool = False) -> Iterator[Builder]:
    """The new snapshot a build (or ``kg remove``) writes, under OUT's lock, holding this
    kg's ontology in its own named graph: a copy of the current snapshot (hard links: no
    reparse, no rescan), filled from ``graph.ttl`` when there is no store to copy so (see
    :func:`_load_previous`), empty when ``fresh``. A failure discards it unless published."""
    with build_lock(out):
        for stale in out.glob(".staging-*"):
            shutil.rmtree(stale, ignore_errors=True)  # left by a killed build; we hold the lock
        builder = Builder(out, start=None if fresh else store.current(out))
        try:
            if not fresh and builder.started_from is None:
                _load_previous(builder, out)
            builder.add_ontology()
            yield builder
        except BaseException:
            if store.current(out) != builder.path:
                builder.discard()
            raise


def _build(
    builder: Builder,
    paths: list[str | Path],
    texts: list[str | Document],
    out: Path,
    options: BuildOptions,
    table: AliasTable,
) -> BuildSummary:
    """The build proper, writing into the new snapshot ``builder`` (see :func:`build`)."""
    published, max_doc_chars = options.published, options.max_doc_chars
    keep_going, progress = options.keep_going, options.progress
    # adding to a copy of the current snapshot: the cross-document step reads only the keys
    # the new documents name (None: every key, as after loading graph.ttl)
    touched: set[URIRef] | None = None if builder.started_from is None else set()
    votes: VoteDelta = {}  # what the documents added and took out of the keys' votes
    known = Versions.read(builder)  # the documents in the graph, and which text each had
    check = BuildCheck()
    summary = BuildSummary(out_dir=out, unread=guards.unread_files(paths, ingest.KINDS))
    total = ingest.count_sources(paths, strict=not keep_going) + len(texts)
    intake = Intake(summary, known, keep_going=keep_going, warn=options.warn)
    new_documents = intake.documents(paths, texts, max_doc_chars, published)
    clock = time.perf_counter()
    setup = parallel.Setup(options.model, max_doc_chars + 1, table)
    with _engine(setup, options.workers, options.dask) as run:
        summary.seconds["start"] = time.perf_counter() - clock
        clock = time.perf_counter()
        # The merge: a union of per-document results in input order (IRIs are derived from
        # content, so the same results give the same triples on any engine), streamed into
        # the new snapshot's store; each document's own nodes are shape-checked on the way.
        with _frozen_heap():
            _merge(builder, intake, run(new_documents), touched, votes, check, progress, total)
        summary.seconds["documents"] = time.perf_counter() - clock
        clock = time.perf_counter()
    summary.seconds["stop"] = time.perf_counter() - clock
    if intake.undated:
        intake.say(guards.published_not_applied(str(published), list(intake.undated.values())))
    if summary.skipped and not summary.documents_read:
        raise InputError(f"no document could be read ({summary.skipped} skipped)",
                         paths[0] if paths else "<texts>")
    summary.files = files_wanted(options.files, known.count, summary.documents_added)
    publish(builder, check, summary, table, touched, options.remote, votes)
    return summary


def _merge(
    builder: Builder, intake: Intake, results: Iterable[DocumentResult],
    touched: set[URIRef] | None, votes: VoteDelta, check: BuildCheck,
    progress: Progress | None, total: int,
) -> None:  # fmt: skip
    """Write each document's result into the new snapshot, in input order."""
    summary = intake.summary
    for result in results:
        _take_out_older(builder, intake, result.document, touched, votes)
        triples = kgraph.triples(result)
        builder.add(triples)
        check.document(triples)
        if touched is not None:
            touched.update(ENT[entity.key] for entity in result.entities)
        add_votes(votes, triples)
        summary.documents_added += 1
        summary.words += len(result.document.text.split())
        if progress is not None:
            progress(summary.documents_added, total, result.document)


@contextmanager
def _frozen_heap() -> Iterator[None]:
    """Python's cyclic collector leaves what is alive on entry alone until exit.

    The long-lived heap (the spaCy pipeline, the ontology, the build's state) is walked
    again at each full collection; the documents phase and the output phase make many
    short-lived objects, which are still collected (0.4 s of a 2,000-article build went to
    full collections over the frozen part, and 0.5 s of its output phase)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def publish(
    builder: Builder,
    check: BuildCheck,
    summary: BuildSummary,
    table: AliasTable,
    touched: set[URIRef] | None,
    remote: Endpoint | None = None,
    votes: VoteDelta | None = None,
) -> None:
    """The cross-document step, once on the union whatever the engine (over the keys in
    ``touched`` when given; ``votes``, what the batch changed of their votes), then every
    output written and published (:func:`_write_outputs`); a build and ``kg remove`` end
    so."""
    clock = time.perf_counter()
    try:
        with _frozen_heap():
            # a build into an empty snapshot counted every vote there is as it went
            consolidate(builder.graph(), table, touched, votes, complete=builder.began_empty)
            _write_outputs(builder, check, summary.out_dir, summary, remote)
    except OSError as exc:  # disk full, file too large, …: the old outputs are in place
        raise GraphError(f"cannot write the graph: {exc.strerror or exc}",
                         summary.out_dir) from exc  # fmt: skip
    summary.seconds["outputs"] = time.perf_counter() - clock


def _take_out_older(
    builder: Builder, intake: Intake, document: Document, touched: set[URIRef] | None,
    votes: VoteDelta,
) -> None:  # fmt: skip
    """A new version of a document in the graph (its id or URL, another text): the earlier
    version goes before this one is added (``kg.retract``); the entity keys it named join
    ``touched``, for the cross-document step to read them again."""
    if (older := intake.replaces.pop(document.id, None)) is not None:
        keys = retract(builder.graph(), older, votes)
        if touched is not None:
            touched.update(keys)
        intake.summary.replaced += 1


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


def _load_previous(builder: Builder, out: Path) -> bool:
    """Fill the new snapshot with the graph already built in ``out`` when it could not start
    as a copy of the current store (there is none, or it cannot be read as one): its
    ``graph.ttl``, else the store's triples; False when there is neither."""
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
    builder: Builder,
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
        if summary.files:
            builder.write_turtle(staging / kgraph.TURTLE)  # on the store's thread, meanwhile:
            # the page (its queries run in Oxigraph: 0.5 s where rdflib took 3 s on 300)
            html.write_html(builder.graph(), staging / HTML)
        if remote is not None:
            push(kgraph.plain_triples(builder.graph()), remote)
        summarise(builder, summary)
        builder.close()
        # the store first: the next build starts from it, so a build killed before the
        # files are renamed loses nothing, and the next one rewrites them from the store
        store.switch(out, builder.path)
        for name in (kgraph.TURTLE, HTML):
            if summary.files:
                os.replace(staging / name, out / name)
            else:  # not rewritten: an older file would contradict the store
                (out / name).unlink(missing_ok=True)
    finally:
        builder.settle()  # no background write into staging may outlive it
        shutil.rmtree(staging, ignore_errors=True)
