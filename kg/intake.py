"""The documents a build adds, between ingest and the per-document stages: read, counted,
truncation and language reported, those already in the graph or already read left out, and
the new versions of documents in the graph (the same id or URL, another text) noted with the
versions they replace."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path

from kg import ingest
from kg.errors import InputError
from kg.ingest import guards
from kg.model import Document, text_sha256
from kg.ontology import KG
from kg.rdf import graph as kgraph
from kg.rdf.builder import Builder
from kg.summary import BuildSummary

#: Called with each warning (``PATH: problem``): a skipped file, a truncated document.
Warn = Callable[[str], None]


@dataclass
class Versions:
    """The documents of the graph: each one's text digest (``kg:sha256``; None for one built
    before kg kept it) by IRI, and their IRIs by URL (``kg:url``); ``count`` of them.

    Read from a snapshot (:meth:`read`), the digests and URLs are looked up per document
    read, by IRI and by URL (index look-ups: the cost of a build's intake follows the
    documents it reads, not the graph's size), as the snapshot was when the build began
    (URL look-ups leave out ``fresh``, the documents this build adds, and are kept once
    made); given as dicts, they are the whole truth."""

    digests: dict[str, str | None] = field(default_factory=dict)
    by_url: dict[str, set[str]] = field(default_factory=dict)
    count: int = -1
    builder: Builder | None = None
    fresh: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        if self.count < 0:
            self.count = len(self.digests)

    @classmethod
    def read(cls, builder: Builder) -> Versions:
        """The documents of the new snapshot: their number now (kept with the snapshot's
        counts, ``kg.rdf.counts``, else counted), the rest on demand."""
        if builder.counts is not None:
            return cls(count=builder.counts.documents, builder=builder)
        rows = builder.select(f"SELECT (COUNT(*) AS ?n) {{ ?d a <{KG.Document}> }}")
        return cls(count=int(rows[0][0].value), builder=builder)

    def _digest(self, iri: str) -> tuple[bool, str | None]:
        """Whether the document ``iri`` is in the graph, and its text digest."""
        if self.builder is None or not self.count or iri in self.digests:
            return iri in self.digests, self.digests.get(iri)
        rows = self.builder.select(
            f"SELECT ?d ?h {{ BIND(<{iri}> AS ?d) ?d a <{KG.Document}> "
            f"OPTIONAL {{ ?d <{KG.sha256}> ?h }} }}"
        )
        if rows:
            self.digests[iri] = rows[0][1].value if rows[0][1] is not None else None
        return bool(rows), self.digests.get(iri)

    def _with_url(self, url: str) -> set[str]:
        """The documents of the graph with this URL."""
        if self.builder is None or not self.count or url in self.by_url:
            return self.by_url.get(url, set())
        rows = self.builder.select(
            f"SELECT ?d {{ ?d <{KG.url}> {json.dumps(url)} ; a <{KG.Document}> }}"
        )
        self.by_url[url] = {row[0].value for row in rows} - self.fresh
        return self.by_url[url]

    def unchanged(self, iri: str, digest: str) -> bool:
        """The document is in the graph with this text (or with a text kg kept no digest of)."""
        known, kept = self._digest(iri)
        return known and kept in (None, digest)

    def older(self, iri: str, digest: str, url: str | None) -> set[str]:
        """The documents a document read now replaces: the same id with another text, or
        another document with the same URL."""
        found = {iri} if self._digest(iri)[0] and not self.unchanged(iri, digest) else set()
        return found | (self._with_url(url) - {iri} if url else set())


class Intake:
    """The documents a build adds: read (bad input skipped with ``keep_going``), counted,
    truncation and language reported, and those already in the graph or already read left
    out (with ``published``, those already in the graph are named: they keep their date).
    A document in the graph is the same one when its id is and its text digest
    (``kg:sha256``) is, or when the graph kept no digest of it (built before kg did);
    ``replaces`` names the earlier versions of the new ones."""

    def __init__(self, summary: BuildSummary, known: Versions, *, keep_going: bool,
                 warn: Warn | None) -> None:
        self.summary, self.keep_going = summary, keep_going
        self.versions = known  # the documents in the graph, and the text each one had
        self.say: Warn = warn or (lambda _: None)
        self.seen: dict[str, tuple[str, str]] = {}  # id -> (text digest, where first read)
        #: id of a document read -> the IRIs of the earlier versions it replaces
        self.replaces: dict[str, set[str]] = {}
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
        ``dating`` (``--published``), an undated document already in the graph is noted.
        A new version of a document in the graph (its id or URL, another text) is new; the
        IRIs of the versions it replaces are kept in ``replaces``."""
        entry = (text_sha256(document.text), document.source)
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
        iri = str(kgraph.document_iri(document.id))
        if self.versions.unchanged(iri, entry[0]):
            self.summary.known += 1
            if dating and not document.published:
                self.undated.setdefault(document.id, document.source)
            return False
        if older := self.versions.older(iri, entry[0], document.url):
            self.replaces[document.id] = older
        self.versions.fresh.add(iri)
        return True


def _truncation(document: Document, limit: int) -> str:
    """The warning for a document cut at ``limit`` characters."""
    left = f"{document.skipped_chars:,} more characters" if document.skipped_chars else ""
    if document.skipped_bytes:
        left += (" and " if left else "") + f"{document.skipped_bytes:,} unread bytes"
    return (f"{document.source}: document cut at {limit:,} characters (--max-doc-chars); "
            f"{left} left out")
