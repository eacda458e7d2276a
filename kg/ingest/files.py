"""Reading sources safely: paths expanded into files (folders walked recursively, sorted),
files read as UTF-8 text up to a byte limit, binary and empty files refused, JSONL streamed
a line at a time; every problem an ``InputError``, raised or handed to ``on_error``.
"""

from __future__ import annotations

import codecs
import itertools
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from kg.errors import InputError
from kg.ingest.formats import record_document
from kg.ingest.guards import check_not_binary_format, check_path
from kg.ingest.jsonl import line_limit, loads, stream_record
from kg.model import Document

#: Folder members that are read, by extension, and how.
KINDS = {".txt": "text", ".md": "markdown", ".markdown": "markdown",
         ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
_NO_DOCS = "no documents (.txt .md .html .jsonl) in folder"

#: Called with a bad file's (or JSONL line's) error instead of raising it: ``--keep-going``.
OnError = Callable[[InputError], None]


def expand(path: str | Path, on_error: OnError | None = None) -> Iterator[tuple[str, str]]:
    """The files a path stands for, with how to read each.

    A path that cannot be used (missing, not a file or folder, a folder without documents,
    an unreadable subfolder) is an ``InputError``, raised or handed to ``on_error``; a
    folder's other files are still yielded after one of its subfolders failed.
    """
    given = os.fspath(path)
    try:
        check_path(given)  # a URL, say: one line with the next step
        mode = os.stat(given).st_mode
    except InputError as exc:
        fail(exc, on_error)
        return
    except OSError as exc:
        fail(os_error(exc, given), on_error)
        return
    if stat.S_ISREG(mode):
        yield given, KINDS.get(Path(given).suffix.lower(), "text")
        return
    if not stat.S_ISDIR(mode):
        fail(InputError(f"not a regular file or folder ({file_type(mode)})", given), on_error)
        return
    found = sorted(_walk(given, on_error), key=lambda f: Path(f).parts)
    if not found:
        fail(InputError(_NO_DOCS, given), on_error)
    for file in found:
        yield file, KINDS[Path(file).suffix.lower()]


def _walk(folder: str, on_error: OnError | None) -> Iterator[str]:
    """Known-extension files below a folder, hidden files and folders skipped."""

    def denied(error: OSError) -> None:
        fail(os_error(error, error.filename or folder), on_error)

    for root, dirs, files in os.walk(folder, onerror=denied):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and Path(name).suffix.lower() in KINDS:
                yield os.path.join(root, name)


_FILE_TYPES = ((stat.S_ISFIFO, "fifo"), (stat.S_ISSOCK, "socket"),
               (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device"),
               (stat.S_ISDIR, "folder"), (stat.S_ISLNK, "symbolic link"))


def file_type(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    return next((name for test, name in _FILE_TYPES if test(mode)), "special file")


def os_error(exc: OSError, path: str) -> InputError:
    """The one-line input error for an ``OSError`` on ``path`` ("permission denied",
    "too many levels of symbolic links", "file name too long", ...)."""
    reason = exc.strerror or "cannot read"
    return InputError(reason[:1].lower() + reason[1:], path)


def open_regular(path: str) -> BinaryIO:
    """``path`` opened for reading, if it is a regular file (a FIFO, socket or device is an
    error, and is never opened in a way that could block: it is refused after ``stat``,
    and one swapped in after that is caught by ``fstat`` on a non-blocking open)."""
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(f"not a regular file ({file_type(mode)})", path)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        raise os_error(exc, path) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(f"not a regular file ({file_type(mode)})", path)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read(path: str, limit: int) -> tuple[str, int]:
    """A file's UTF-8 text (a BOM stripped) from its first ``limit`` bytes, and the number
    of bytes left unread; or an error saying why it is not text."""
    with open_regular(path) as handle:
        try:
            data = handle.read(limit)
            unread = max(0, os.fstat(handle.fileno()).st_size - len(data))
        except OSError as exc:
            raise os_error(exc, path) from None
    _check_text(data, path)
    skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        # A read cut short may end inside a character: that partial character is dropped.
        text = codecs.getincrementaldecoder("utf-8")().decode(data[skip:], final=not unread)
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start + skip})", path) from None
    if not text.strip():
        raise InputError("empty file", path)
    return text, unread


#: Control bytes other than tab, newline, vertical tab, form feed and carriage return.
_CONTROL_BYTES = bytes([*range(9), *range(14, 32), 127])


def _check_text(data: bytes, path: str) -> None:
    """An error unless ``data`` looks like text: not empty, no NUL, few control bytes."""
    if not data.strip():
        raise InputError("empty file", path)
    check_not_binary_format(data, path)
    sample = data[:8192]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))  # counted in C
    if b"\0" in data or controls > len(sample) // 10:
        raise InputError("binary file, not text", path)


def iter_jsonl(path: str, max_doc_chars: int, on_error: OnError | None) -> Iterator[Document]:
    """One document per JSONL record, read a line at a time; blank lines are skipped.

    A line longer than ``jsonl.line_limit`` is streamed: only what ``max_doc_chars`` can
    use of it is kept (see ``kg.ingest.jsonl``).
    """
    try:
        handle = open_regular(path)  # closed by the with below, also when a caller stops early
    except InputError as error:
        fail(error, on_error)
        return
    limit = line_limit(max_doc_chars)
    records = 0
    with handle:
        head = handle.read(8192)
        handle.seek(0)
        if head.strip():
            try:
                _check_text(head, path)
            except InputError as error:
                fail(error, on_error)
                return
        for lineno in itertools.count(1):
            line = handle.readline(limit + 1)
            if not line:
                break
            whole = len(line) <= limit or line.endswith(b"\n")
            if whole and not line.strip():
                continue
            records += 1
            where = f"{path}:{lineno}"
            try:
                if whole:
                    yield record_document(loads(_no_bom(line), where), where, max_doc_chars)
                else:
                    fields, unread = stream_record(handle, _no_bom(line), where, max_doc_chars)
                    document = record_document(fields, where, max_doc_chars)
                    yield replace(document, skipped_bytes=unread) if unread else document
            except InputError as error:
                fail(error, on_error)
    if not records:
        fail(InputError("empty file", path), on_error)


def _no_bom(line: bytes) -> bytes:
    return line[len(codecs.BOM_UTF8):] if line.startswith(codecs.BOM_UTF8) else line


def fail(error: InputError, on_error: OnError | None) -> None:
    """Raise ``error``, or hand it to ``on_error`` (which skips what it is about)."""
    if on_error is None:
        raise error
    on_error(error)
