"""The documents a build adds, between ingest and the per-document stages: read, counted,
truncation and language reported, and those already in the graph or already read left out."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import replace
from itertools import chain
from pathlib import Path

from kg import ingest
from kg.errors import InputError
from kg.ingest import guards
from kg.model import Document
from kg.rdf import graph as kgraph
from kg.summary import BuildSummary

#: Called with each warning (``PATH: problem``): a skipped file, a truncated document.
Warn = Callable[[str], None]


class Intake:
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
