"""Checks on a SPARQL query's text before any parser sees it: size, nesting, SERVICE.

Oxigraph's parser and planner recurse on the query's structure, and a deep enough query
overflows the thread's stack (a segfault, not an exception): 2,200 nested ``{`` or 5,000
nested ``(`` kill the process on an 8 MiB stack. So the text is scanned first, cheaply and
without recursion, and refused with one line when it is too long or too deeply nested.
(Other shapes overflow it too without any nesting: 10,000 chained ``!``, a 1,000-pattern
group, a 400-item collection. No lexical limit catches them all without refusing honest
queries, so kg also runs queries in a worker process, ``kg.query.isolate``, where such a
crash costs only the worker.)

``SERVICE <IRI> {…}`` makes the engine send a request to any URL the query names (a
server-side request forgery when the query comes from a client), so it is refused unless
the caller allows it. The scan reads the query as the standard says a parser does:
``\\uXXXX`` and ``\\UXXXXXXXX`` escapes are decoded first (SPARQL 1.1 allows them
anywhere in the query text, decoded before parsing), then strings, IRIs and comments are
skipped, and ``SERVICE`` is found as a keyword in any letter case. (Oxigraph 0.5 does not
decode escapes outside strings and IRIs, so ``\\u0053ERVICE`` is a syntax error there;
the scan follows the standard anyway, so a parser that does cannot be tricked.) It
over-refuses rather than under-refuses: a bare word ``SERVICE`` is refused wherever it
stands outside a string, IRI or comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.errors import QueryError

#: The longest query text accepted, in characters.
MAX_QUERY_CHARS = 100_000
#: The deepest nesting of ``{``, ``(`` and ``[`` together. Oxigraph crashes past about
#: 2,150 braces or 4,600 parentheses; no query a person writes comes near this.
MAX_DEPTH = 128

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# An IRI reference as the SPARQL grammar has it; any other "<" is an operator.
_IRI = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_STRINGS = ('"""', "'''", '"', "'")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NAME_CHARS = re.compile(r"[A-Za-z0-9_:.\-%\\\u00b7-\uffff]")


@dataclass(frozen=True)
class Scan:
    """What the scan saw: the deepest nesting and the keywords that matter."""

    depth: int
    service: bool


def unescape(sparql: str) -> str:
    """The query text with SPARQL's codepoint escapes decoded (as the parser does first)."""

    def decode(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"

    return _ESCAPE.sub(decode, sparql)


def scan(sparql: str) -> Scan:
    """Nesting depth and a ``SERVICE`` keyword outside strings, IRIs and comments."""
    text = unescape(sparql)
    depth = deepest = 0
    service = False
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
        elif char in "\"'":
            i = _skip_string(text, i)
        elif char == "<" and (iri := _IRI.match(text, i)):
            i = iri.end()
        elif char in "{([":
            depth += 1
            deepest = max(deepest, depth)
            i += 1
        elif char in "})]":
            depth = max(depth - 1, 0)
            i += 1
        elif (word := _WORD.match(text, i)) and not _in_name(text, i):
            end = word.end()
            if word.group().upper() == "SERVICE":
                service = True
            i = end
        else:
            i += 1
    return Scan(deepest, service)


def _in_name(text: str, i: int) -> bool:
    """Whether the word at ``i`` is a variable (``?service``) or the local part of a
    prefixed name (``kg:service``), so not a keyword. Anything else counts as a keyword:
    ``SERVICE:x`` may be the keyword before the name ``:x``."""
    if i > 0 and text[i - 1] in "?$":
        return True
    return i > 1 and text[i - 1] == ":" and bool(_NAME_CHARS.match(text[i - 2]))


def _skip_string(text: str, i: int) -> int:
    """The position after the string literal starting at ``i`` (the end of text if open)."""
    quote = next(q for q in _STRINGS if text.startswith(q, i))
    j = i + len(quote)
    while j < len(text):
        if text[j] == "\\":
            j += 2
        elif text.startswith(quote, j):
            return j + len(quote)
        else:
            j += 1
    return j


ALLOW_SERVICE_HINT = "kg query --allow-service permits it"


def check_query(
    sparql: str, allow_service: bool = False, hint: str | None = ALLOW_SERVICE_HINT
) -> None:
    """Refuse, with one line, a query too long, too deeply nested, or using ``SERVICE``
    (unless ``allow_service``; ``hint`` says how to allow it, None where nothing can)."""
    if len(sparql) > MAX_QUERY_CHARS:
        raise QueryError(
            f"query too long: {len(sparql):,} characters (the limit is {MAX_QUERY_CHARS:,})"
        )
    found = scan(sparql)
    if found.depth > MAX_DEPTH:
        raise QueryError(
            f"query nested too deeply: {found.depth:,} levels of brackets "
            f"(the limit is {MAX_DEPTH})"
        )
    if found.service and not allow_service:
        raise QueryError(
            "SERVICE is refused: kg does not send queries to other servers"
            + (f" ({hint})" if hint else "")
        )
