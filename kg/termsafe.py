"""Text made safe for a terminal: control characters shown escaped, never sent raw.

Article text, entity labels and file names are data: an ESC sequence in one of them must not
recolour, retitle or rewrite the user's terminal, and a newline in a file name must not
split a one-line error in two. ``escape`` shows every C0 and C1 control character, DEL and
the Unicode line and paragraph separators as a Python-style escape (``\\x1b``, ``\\n``,
``\\u2028``); ``keep`` names the characters the output format allows (a table's tab and
newline, say), and a backslash itself stays as it is.
"""

from __future__ import annotations

import re

_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def escape(text: str, keep: str = "") -> str:
    """``text`` with its control characters escaped, except those in ``keep``."""
    if not keep:
        return _CONTROLS.sub(_escaped, text)
    return _CONTROLS.sub(lambda m: m.group() if m.group() in keep else _escaped(m), text)


def lines(text: str) -> str:
    """Multi-line terminal output: newlines (and tabs) kept, every other control escaped."""
    return escape(text, keep="\n\t")
