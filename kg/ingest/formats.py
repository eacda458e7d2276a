"""The formats a page comes in, each parsed into paragraphs for the cleaner: plain text,
Markdown (markup stripped), HTML (main text, title and date by trafilatura) and one JSONL
record (its ``text``, ``title``, ``id``, ``published`` and ``url``).

trafilatura is imported only when an HTML page is parsed: importing it costs about a third
of a second, and ``import kg.ingest`` must stay fast.
"""

from __future__ import annotations

import codecs
import json
import re
from datetime import date

from kg.errors import InputError
from kg.ingest.document import MAX_DOC_CHARS, make_document
from kg.model import Document


def parse_text(raw: str, source: str, *, max_doc_chars: int = MAX_DOC_CHARS) -> Document:
    """A plain-text page: chrome dropped, headline and captions found."""
    if not raw.strip():
        raise InputError("empty file", source)
    return make_document(_text_blocks(raw), source, max_doc_chars=max_doc_chars)


def parse_markdown(raw: str, source: str, *, max_doc_chars: int = MAX_DOC_CHARS) -> Document:
    """A Markdown page: markup stripped, a leading ``# Heading`` as headline, then as text."""
    if not raw.strip():
        raise InputError("empty file", source)
    title, blocks = _markdown_blocks(raw)
    return make_document(blocks, source, title=title, max_doc_chars=max_doc_chars)


def parse_html(raw: str, source: str, *, max_doc_chars: int = MAX_DOC_CHARS) -> Document:
    """An HTML page: main text, title and date by trafilatura, then the chrome filter."""
    import trafilatura  # lazy: importing it costs about a third of a second

    try:
        result = trafilatura.bare_extraction(
            raw, with_metadata=True, include_comments=False, include_images=False)
    except Exception:  # broken markup must not crash ingest: treated as no text
        result = None
    text = _field(result, "text") or ""
    if not text.strip():
        raise InputError("no article text found in HTML", source)
    blocks = [[line.strip()] for line in text.splitlines() if line.strip()]
    return make_document(blocks, source, title=_field(result, "title"),
                         published=_iso_date(_field(result, "date")), url=_field(result, "url"),
                         max_doc_chars=max_doc_chars)


def _field(result: object, name: str) -> str | None:
    """A string field of a trafilatura result (a ``Document`` object, a dict or None)."""
    value = result.get(name) if isinstance(result, dict) else getattr(result, name, None)
    return value if isinstance(value, str) and value.strip() else None


def parse_record(line: bytes, where: str, max_doc_chars: int) -> Document:
    """The document of one JSONL line."""
    if line.startswith(codecs.BOM_UTF8):
        line = line[len(codecs.BOM_UTF8):]
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start} of the line)", where) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg} (column {exc.colno})", where) from None
    if not isinstance(record, dict):
        raise InputError("record is not a JSON object", where)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("record has no 'text'", where)
    title, url, doc_id = record.get("title"), record.get("url"), record.get("id")
    return make_document(
        _text_blocks(text), where, title=title if isinstance(title, str) else None,
        detect_headline=False, doc_id=None if doc_id in (None, "") else str(doc_id),
        published=_iso_date(record.get("published")),
        url=url if isinstance(url, str) and url else None, max_doc_chars=max_doc_chars)


_FENCE = re.compile(r"\s*(```|~~~)")
_ATX = re.compile(r"(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_RULE = re.compile(r"(?:[-=*_]\s*){3,}|\[[^\]]+\]:\s*\S+.*")  # rules, underlines, link defs
_PREFIX = re.compile(r"(?:>\s?)*(?:[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+)?")
_INLINE = (  # (pattern, replacement) in order: images go, links keep their text, ...
    (re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])"), ""),
    (re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\])"), r"\1"),
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),
    (re.compile(r"(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])"), r"\2"),
    (re.compile(r"`([^`]+)`"), r"\1"),
)


def _markdown_blocks(raw: str) -> tuple[str | None, list[list[str]]]:
    """The leading level-1 heading, and paragraphs of plain lines with markup removed."""
    title: str | None = None
    blocks: list[list[str]] = [[]]
    fenced = seen = False
    front_matter = re.match(r"---[ \t]*\n.*?\n---[ \t]*\n", raw, flags=re.DOTALL)
    raw = raw[front_matter.end() if front_matter else 0 :]
    for line in raw.splitlines():
        stripped = line.strip()
        if _FENCE.match(line):
            fenced = not fenced
        elif fenced and stripped:
            blocks[-1].append(stripped)
        elif not stripped or _RULE.fullmatch(stripped):
            blocks.append([])
        elif heading := _ATX.match(stripped):
            text = _inline(heading.group(2))
            title = text if heading.group(1) == "#" and not seen else title
            blocks += [[text], []]
        else:
            blocks[-1].append(_inline(_PREFIX.sub("", stripped, count=1)))
        seen = seen or bool(stripped)
    return title, [[line for line in block if line] for block in blocks if any(block)]


def _inline(text: str) -> str:
    """Text with inline Markdown markup removed."""
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text.strip()


def _text_blocks(raw: str) -> list[list[str]]:
    """Blank-line separated paragraphs as lists of trimmed lines."""
    paragraphs = re.split(r"\n\s*\n", "\n".join(raw.splitlines()))
    blocks = [[line.strip() for line in p.splitlines() if line.strip()] for p in paragraphs]
    return [block for block in blocks if block]


def _iso_date(value: object) -> str | None:
    """``YYYY-MM-DD`` from an ISO date or timestamp string, else None."""
    match = re.match(r"\s*(\d{4})-(\d\d)-(\d\d)", value) if isinstance(value, str) else None
    try:
        return date(*map(int, match.groups())).isoformat() if match else None
    except ValueError:
        return None
