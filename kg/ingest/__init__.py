"""Ingest: turn files and folders into ``Document`` records with the page chrome removed.

Plain text and Markdown go through a line-based cleaner: it drops chrome lines (labels,
reading times, share buttons, appeals), finds the headline and photo captions, and joins
headline, captions and body paragraphs with blank lines, marking each as a ``Section``.
HTML goes through trafilatura first. A JSONL file holds one record per line; its documents
get ``source = "path:LINE"`` (the record's ``url`` goes to ``Document.url``).

The modules, in the order a page goes through them:

- ``files``: paths expanded into files, files read safely (size limit, binary and UTF-8
  checks), JSONL streamed a line at a time, errors raised or handed to ``on_error``;
- ``formats``: plain text, Markdown, HTML (trafilatura, imported lazily) and JSONL records
  turned into paragraphs of lines;
- ``chrome``: the line-based cleaner (chrome patterns, appeals, captions, headline);
- ``document``: the ``Document`` assembled (sections, truncation, id).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from kg.errors import InputError
from kg.ingest.chrome import CAPTION_MAX_WORDS, HEADLINE_MAX_WORDS
from kg.ingest.document import MAX_DOC_CHARS
from kg.ingest.files import KINDS, OnError, expand, fail, iter_jsonl, read
from kg.ingest.formats import parse_html, parse_markdown, parse_text
from kg.model import Document

__all__ = [
    "CAPTION_MAX_WORDS", "HEADLINE_MAX_WORDS", "KINDS", "MAX_DOC_CHARS", "OnError",
    "count_sources", "iter_documents", "iter_texts", "parse_html", "parse_markdown", "parse_text",
]

#: Bytes read from one file at most, per character kept: UTF-8 needs at most 4 bytes a
#: character, and an HTML page carries its markup around the text.
_BYTES_PER_CHAR = {"html": 16}


def iter_documents(
    paths: Iterable[str | Path], *, max_doc_chars: int = MAX_DOC_CHARS,
    on_error: OnError | None = None,
) -> Iterator[Document]:
    """Yield the documents of files and folders (recursively, sorted), in order.

    A file larger than the text it may hold (``max_doc_chars``) is read only that far, and
    its document says how much was left out (``Document.skipped_chars``/``skipped_bytes``).

    Raises:
        InputError: a path is missing, unreadable, not a regular file or folder (a FIFO,
            a socket, a device), empty, binary or not UTF-8, a folder holds no documents,
            or a JSONL line is bad (the path is then ``file:LINE``).
            With ``on_error`` the error is passed to it instead, and the file (or line) is
            skipped.
    """
    for path in paths:
        for file, kind in list(expand(path, on_error)):
            if kind == "jsonl":
                yield from iter_jsonl(file, max_doc_chars, on_error)
                continue
            try:
                limit = max_doc_chars * _BYTES_PER_CHAR.get(kind, 4) + 4
                raw, unread = read(file, limit)
                parse = {"html": parse_html, "markdown": parse_markdown}.get(kind, parse_text)
                document = parse(raw, file, max_doc_chars=max_doc_chars)
            except InputError as error:
                fail(error, on_error)
                continue
            yield replace(document, skipped_bytes=unread) if unread else document


def iter_texts(
    texts: Iterable[str | Document], *, max_doc_chars: int = MAX_DOC_CHARS,
    on_error: OnError | None = None,
) -> Iterator[Document]:
    """Documents from texts given in Python: a ``str`` is an article's plain text (cleaned
    as a ``.txt`` page is; its source is ``<text N>``), a ``Document`` is taken as it is (cut
    to ``max_doc_chars``). Errors (an empty text) are raised or handed to ``on_error``."""
    for number, item in enumerate(texts, start=1):
        try:
            if isinstance(item, Document):
                cut = len(item.text) - max_doc_chars
                yield replace(item, text=item.text[:max_doc_chars], skipped_chars=cut) \
                    if cut > 0 else item
            elif isinstance(item, str):
                yield parse_text(item, f"<text {number}>", max_doc_chars=max_doc_chars)
            else:
                raise InputError(f"not a text or Document: {type(item).__name__}",
                                 f"<text {number}>")
        except InputError as error:
            fail(error, on_error)


def count_sources(paths: Iterable[str | Path], *, strict: bool = False) -> int:
    """The number of files ``iter_documents`` would read (a JSONL file counts once).

    A path that cannot be used raises its ``InputError`` when ``strict`` (a build that
    would stop at it stops before loading anything), else counts nothing here
    (``iter_documents`` reports it)."""
    ignore: OnError = lambda _: None  # noqa: E731
    return sum(1 for path in paths for _ in expand(path, None if strict else ignore))
