"""The formats a page comes in, each parsed into paragraphs for the cleaner: plain text,
Markdown (markup stripped), HTML (main text, title and date by trafilatura) and one JSONL
record (its ``text``, ``title``, ``id``, ``published`` and ``url``).

trafilatura is imported only when an HTML page is parsed: importing it costs about a third
of a second, and ``import kg.ingest`` must stay fast.
"""

from __future__ import annotations

import re
from dataclasses import replace
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


#: Characters of HTML handed to trafilatura at most. Its time grows with the page (about
#: 4 s a megabyte here; a 25 MB page took minutes), so a bigger page (news pages are well
#: under this) is read by ``_plain_html`` instead, in time linear in its size.
TRAFILATURA_MAX_CHARS = 2_000_000


def parse_html(raw: str, source: str, *, max_doc_chars: int = MAX_DOC_CHARS) -> Document:
    """An HTML page: main text, title and date by trafilatura, then the chrome filter."""
    if len(raw) > TRAFILATURA_MAX_CHARS:
        return _plain_html(raw, source, max_doc_chars)
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


_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th",
           "dd", "dt", "div", "section", "article", "br", "tr")
_NOT_TEXT = ("script", "style", "noscript", "template", "svg", "nav", "header", "footer",
             "aside", "form", "select", "button")


def _plain_html(raw: str, source: str, max_doc_chars: int) -> Document:
    """A page too big for trafilatura: the text of its block elements (scripts, styles,
    navigation, header and footer dropped) as paragraphs, by lxml in one pass."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        tree = lxml_html.document_fromstring(raw)
    except (ValueError, etree.ParserError):
        raise InputError("no article text found in HTML", source) from None
    title = " ".join((tree.findtext(".//title") or "").split()) or None
    for element in list(tree.iter(*_NOT_TEXT)):
        element.drop_tree()
    for element in tree.iter(*_BLOCKS):  # a blank line around each block
        element.text = "\n\n" + (element.text or "")
        element.tail = "\n\n" + (element.tail or "")
    body = tree.find("body")
    text = (body if body is not None else tree).text_content()
    kept = text[: 2 * max_doc_chars]  # enough for max_doc_chars of cleaned text
    blocks = [[" ".join(p.split())] for p in re.split(r"\n\s*\n", kept) if p.strip()]
    if not blocks:
        raise InputError("no article text found in HTML", source)
    document = make_document(blocks, source, title=title, max_doc_chars=max_doc_chars)
    left = len(text) - len(kept)
    return replace(document, skipped_chars=document.skipped_chars + left) if left else document


def _field(result: object, name: str) -> str | None:
    """A string field of a trafilatura result (a ``Document`` object, a dict or None)."""
    value = result.get(name) if isinstance(result, dict) else getattr(result, name, None)
    return value if isinstance(value, str) and value.strip() else None


def record_document(record: object, where: str, max_doc_chars: int) -> Document:
    """The document of one JSONL record (decoded, or the fields a streamed line kept).

    ``text`` must be a non-empty string; ``id``, when given, a string (another type is an
    error: ``true`` is not the id "True"). A character JSON can escape but UTF-8 cannot
    hold (a lone surrogate such as ``"\\ud800"``) becomes U+FFFD.
    """
    if not isinstance(record, dict):
        raise InputError("record is not a JSON object", where)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("record has no 'text'", where)
    doc_id = record.get("id")
    if doc_id is not None and not isinstance(doc_id, str):
        raise InputError("'id' must be a string", where)
    title, url = _clean(record.get("title")), _clean(record.get("url"))
    return make_document(
        _text_blocks(_clean(text) or ""), where, title=title, detect_headline=False,
        doc_id=_clean(doc_id) or None, published=_iso_date(record.get("published")),
        url=url or None, max_doc_chars=max_doc_chars)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean(value: object) -> str | None:
    """A string field with lone surrogates replaced; None for any other value."""
    if not isinstance(value, str):
        return None
    return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value


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
