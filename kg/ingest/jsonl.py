"""JSONL read with bounded memory: one record a line, a line never loaded past the limit.

A line up to ``line_limit(max_doc_chars)`` bytes is read whole and decoded by ``json``
(nesting too deep for it is an error, not a ``RecursionError``). A longer line is streamed
by :class:`_Line`: the record's fields are scanned in chunks of at most 1 MiB, its ``text``
kept up to what the limit can use and the rest of the line passed over without being kept,
so a 200 MB line costs no more memory than a long article. Every problem is an
``InputError`` for ``file:LINE``; after one the rest of the line is skipped, so the next
line is read as usual.
"""

from __future__ import annotations

import json
import re
from typing import BinaryIO

from kg.errors import InputError

#: Bytes a record may spend besides its text (title, id, url, other fields).
SLACK = 64 * 1024
#: The most bytes one character of a JSON string can take (a ``\uXXXX`` escape).
_ESCAPED = 6
_CHUNK = 1 << 20
_SPECIAL = re.compile(rb'["\\]')
_SCALAR_END = re.compile(rb"[,\]}\s]")
#: Fields of a record kept, and the fields whose value must be a string when present.
FIELDS = ("text", "title", "id", "url", "published")


class NotString:
    """Stands for a field whose value is not a string (skipped unread)."""


def line_limit(max_doc_chars: int) -> int:
    """The longest line read whole for documents of at most ``max_doc_chars`` characters."""
    return max_doc_chars * _ESCAPED + SLACK


def loads(line: bytes, where: str) -> object:
    """A whole line decoded by ``json``."""
    try:
        return json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start} of the line)", where) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg} (column {exc.colno})", where) from None
    except RecursionError:
        raise InputError("invalid JSON: nested too deeply", where) from None


def stream_record(
    handle: BinaryIO, start: bytes, where: str, max_doc_chars: int
) -> tuple[dict[str, object], int]:
    """The kept fields of an over-long line (``start`` read, the rest still in ``handle``)
    and the bytes of its text left unread. The whole line is consumed, also on an error."""
    line = _Line(handle, start, where)
    try:
        return line.record(max_doc_chars * _ESCAPED + 8)
    finally:
        line.finish()


class _Line:
    """A JSON object scanned from one line in chunks, never holding more than a chunk and
    the parts of the values it keeps."""

    def __init__(self, handle: BinaryIO, start: bytes, where: str) -> None:
        self.handle, self.buf, self.pos, self.where = handle, start, 0, where
        self.ended = start.endswith(b"\n")

    def finish(self) -> None:
        """Read (and drop) whatever is left of the line."""
        while not self.ended:
            chunk = self.handle.readline(_CHUNK)
            self.ended = not chunk or chunk.endswith(b"\n")

    def error(self, problem: str) -> InputError:
        return InputError(f"invalid JSON: {problem}", self.where)

    def _more(self) -> bool:
        """Append the next chunk of the line to the buffer (False at the line's end)."""
        if self.ended:
            return False
        chunk = self.handle.readline(_CHUNK)
        self.ended = not chunk or chunk.endswith(b"\n")
        self.buf = self.buf[self.pos :] + chunk
        self.pos = 0
        return bool(chunk)

    def peek(self) -> bytes:
        """The next byte that is not whitespace (b"" at the line's end)."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in b" \t\r\n":
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos : self.pos + 1]
            if not self._more():
                return b""

    def expect(self, token: bytes) -> None:
        if self.peek() != token:
            raise self.error(f"expected {token.decode()!r}")
        self.pos += 1

    def record(self, text_bytes: int) -> tuple[dict[str, object], int]:
        """The object's kept fields, and the bytes of its text not kept."""
        fields: dict[str, object] = {}
        unread = 0
        self.expect(b"{")
        if self.peek() == b"}":
            self.pos += 1
        else:
            while True:
                key = self.string(SLACK)
                self.expect(b":")
                if key not in FIELDS:
                    self.skip_value()
                elif self.peek() != b'"':
                    self.skip_value()
                    fields[key] = NotString()
                else:
                    self.pos += 1
                    limit = text_bytes if key == "text" else SLACK
                    value, left = self.raw_string(limit)
                    if left and key != "text":
                        raise InputError(f"'{key}' longer than {SLACK:,} bytes", self.where)
                    fields[key] = _decode(value, cut=bool(left), where=self.where)
                    unread = left if key == "text" else unread
                if self.peek() == b",":
                    self.pos += 1
                    continue
                self.expect(b"}")
                break
        if self.peek():
            raise self.error("extra data after the record")
        return fields, unread

    def string(self, limit: int) -> str:
        """A string (a key) of at most ``limit`` bytes, decoded."""
        self.expect(b'"')
        value, left = self.raw_string(limit)
        if left:
            raise InputError(f"a field name longer than {limit:,} bytes", self.where)
        return _decode(value, cut=False, where=self.where)

    def raw_string(self, keep: int) -> tuple[bytes, int]:
        """The body of a string whose opening quote is read: its first ``keep`` bytes as
        written (escapes undecoded), and how many more bytes it has."""
        kept: list[bytes] = []
        size = 0
        while True:
            found = _SPECIAL.search(self.buf, self.pos)
            end = found.start() if found else len(self.buf)
            closing = found is not None and found.group() == b'"'
            if found is not None and not closing:  # a backslash: the escaped byte too
                if end + 1 >= len(self.buf) and not self._more():
                    raise self.error("unterminated string")
                found = _SPECIAL.search(self.buf, self.pos)
                assert found is not None
                end = found.start() + 2
            piece = self.buf[self.pos : end]
            if size < keep:
                kept.append(piece[: keep - size])
            size += len(piece)
            self.pos = end + 1 if closing else end
            if closing:
                return b"".join(kept), max(0, size - keep)
            if self.pos >= len(self.buf) and not self._more():
                raise self.error("unterminated string")

    def skip_value(self) -> None:
        """Pass over one value of any type and depth (no recursion)."""
        depth = 0
        while True:
            first = self.peek()
            if not first:
                raise self.error("unexpected end of line")
            if first == b'"':
                self.pos += 1
                self.raw_string(0)
            elif first in (b"[", b"{"):
                depth += 1
                self.pos += 1
            elif first in (b"]", b"}", b",", b":"):
                if depth == 0:
                    raise self.error("expected a value")
                depth -= first in (b"]", b"}")
                self.pos += 1
            else:
                self.scalar()
            if depth == 0:
                return

    def scalar(self) -> None:
        """Pass over a number, ``true``, ``false`` or ``null`` (checked loosely)."""
        while True:
            found = _SCALAR_END.search(self.buf, self.pos)
            if found:
                self.pos = found.start()
                return
            self.pos = len(self.buf)
            if not self._more():
                return


def _decode(raw: bytes, *, cut: bool, where: str) -> str:
    """The text of a JSON string body; when ``cut``, a character or escape sequence that
    the cut split is dropped from its end."""
    error: ValueError = ValueError("bad string")
    for trim in range(13 if cut else 1):  # "\ud83d\ude00" is the longest: 12 bytes
        try:
            return str(json.loads(b'"' + raw[: len(raw) - trim] + b'"'))
        except ValueError as exc:
            error = exc
    if isinstance(error, UnicodeDecodeError):
        raise InputError("not UTF-8 text", where) from None
    raise InputError(f"invalid JSON: {getattr(error, 'msg', error)}", where) from None
