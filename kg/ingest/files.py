"""Reading sources safely: paths expanded into files (folders walked recursively, sorted),
files read as UTF-8 text up to a byte limit, binary and empty files refused, JSONL streamed
a line at a time; every problem an ``InputError``, raised or handed to ``on_error``.
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.ingest.formats import parse_record
from kg.ingest.guards import check_not_binary_format, check_path
from kg.model import Document

#: Folder members that are read, by extension, and how.
KINDS = {".txt": "text", ".md": "markdown", ".markdown": "markdown",
         ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
_NO_DOCS = "no documents (.txt .md .html .jsonl) in folder"

#: Called with a bad file's (or JSONL line's) error instead of raising it: ``--keep-going``.
OnError = Callable[[InputError], None]


def expand(path: str | Path) -> Iterator[tuple[str, str]]:
    """The files a path stands for, with how to read each."""
    given = os.fspath(path)
    check_path(given)
    try:
        mode = os.stat(given).st_mode
    except (FileNotFoundError, NotADirectoryError):
        raise InputError("no such file or directory", given) from None
    except PermissionError:
        raise InputError("permission denied", given) from None
    if stat.S_ISREG(mode):
        yield given, KINDS.get(Path(given).suffix.lower(), "text")
        return
    if not stat.S_ISDIR(mode):
        raise InputError("not a regular file or folder", given)
    found = sorted(_walk(given), key=lambda f: Path(f).parts)
    if not found:
        raise InputError(_NO_DOCS, given)
    for file in found:
        yield file, KINDS[Path(file).suffix.lower()]


def _walk(folder: str) -> Iterator[str]:
    """Known-extension files below a folder, hidden files and folders skipped."""

    def denied(error: OSError) -> None:
        raise InputError("permission denied", error.filename or folder)

    for root, dirs, files in os.walk(folder, onerror=denied):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and Path(name).suffix.lower() in KINDS:
                yield os.path.join(root, name)


def read(path: str, limit: int) -> tuple[str, int]:
    """A file's UTF-8 text (a BOM stripped) from its first ``limit`` bytes, and the number
    of bytes left unread; or an error saying why it is not text."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit)
            unread = max(0, os.fstat(handle.fileno()).st_size - len(data))
    except PermissionError:
        raise InputError("permission denied", path) from None
    except OSError as exc:
        raise InputError(exc.strerror or "cannot read file", path) from None
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
    """One document per JSONL record, read a line at a time; blank lines are skipped."""
    try:
        handle = open(path, "rb")  # closed by the with below, also when a caller stops early
    except OSError as exc:
        fail(InputError(exc.strerror or "cannot read file", path), on_error)
        return
    with handle:
        head = handle.read(8192)
        handle.seek(0)
        if head.strip():
            try:
                _check_text(head, path)
            except InputError as error:
                fail(error, on_error)
                return
        records = 0
        for lineno, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            records += 1
            try:
                yield parse_record(line, f"{path}:{lineno}", max_doc_chars)
            except InputError as error:
                fail(error, on_error)
    if not records:
        fail(InputError("empty file", path), on_error)


def fail(error: InputError, on_error: OnError | None) -> None:
    """Raise ``error``, or hand it to ``on_error`` (which skips what it is about)."""
    if on_error is None:
        raise error
    on_error(error)
