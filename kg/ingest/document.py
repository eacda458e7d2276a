"""Document assembly: cleaned paragraphs into one text with headline, caption and body
sections, cut to the character limit at a paragraph end, and the document id.
"""

from __future__ import annotations

from kg.errors import InputError
from kg.ingest.chrome import Line, clean, find_headline, norm
from kg.model import Document, Section, SectionKind, document_id

#: Characters of cleaned text kept from one document (spaCy's own default ``max_length``):
#: far beyond any news article, small enough that one huge page cannot exhaust memory.
MAX_DOC_CHARS = 1_000_000
_Spans = tuple[Section, ...]


def make_document(
    blocks: list[list[str]], source: str, *, title: str | None = None,
    detect_headline: bool = True, doc_id: str | None = None, published: str | None = None,
    url: str | None = None, max_doc_chars: int = MAX_DOC_CHARS,
) -> Document:
    """Clean paragraphs into a Document: headline, captions and body as sections.

    A NUL character (which only a JSONL string can carry in) becomes U+FFFD: it is never
    text, and some stores kg exports to cannot hold it in a string at all.
    """
    lines = [Line(text.replace("\0", "\ufffd"), number)
             for number, block in enumerate(blocks) for text in block]
    title = title.replace("\0", "\ufffd") if title else title
    clean(lines)
    headline = " ".join(title.split()) if title and title.strip() else None
    if headline is None and detect_headline:
        headline = find_headline(lines)
    if headline:
        for line in lines:
            line.keep = line.keep and norm(line.text) != norm(headline)
    units = _units(lines)
    if not units and not headline:
        raise InputError("no article text found", source)
    text, sections = _assemble(headline, units)
    full = len(text)
    text, sections = _truncate(text, sections, max_doc_chars)
    doc_id = doc_id or document_id(text)
    return Document(id=doc_id, text=text, source=source, title=headline,
                    published=published, url=url, sections=sections,
                    skipped_chars=full - len(text))


def _units(lines: list[Line]) -> list[tuple[SectionKind, str]]:
    """Kept lines as (kind, text) units; body lines of one paragraph are joined by newlines."""
    units: list[tuple[SectionKind, str]] = []
    previous: Line | None = None
    for line in lines:
        if not line.keep:
            previous = None
            continue
        if line.kind == "body" and previous and previous.kind == "body" \
                and previous.block == line.block:
            units[-1] = ("body", f"{units[-1][1]}\n{line.text}")
        else:
            units.append((line.kind, line.text))
        previous = line
    return units


def _assemble(headline: str | None, units: list[tuple[SectionKind, str]]) -> tuple[str, _Spans]:
    """The text (units joined by blank lines) and its sections, one per body run."""
    items: list[tuple[SectionKind, str]] = [("headline", headline)] if headline else []
    sections: list[Section] = []
    position = 0
    for kind, text in items + units:
        start = position + 2 if sections else 0
        position = start + len(text)
        if kind == "body" and sections and sections[-1].kind == "body":
            sections[-1] = Section("body", sections[-1].start, position)
        else:
            sections.append(Section(kind, start, position))
    return "\n\n".join(text for _, text in items + units), tuple(sections)


def _truncate(text: str, sections: _Spans, limit: int) -> tuple[str, _Spans]:
    """Text cut to ``limit`` characters at a paragraph end (in the second half) or a space."""
    if len(text) <= limit:
        return text, sections
    cut = text.rfind("\n\n", 0, limit + 1)
    if cut < limit // 2:
        cut = max(text.rfind(" ", 0, limit + 1), text.rfind("\n", 0, limit + 1))
    text = text[: cut if cut > 0 else limit].rstrip()
    kept = (Section(s.kind, s.start, min(s.end, len(text))) for s in sections)
    return text, tuple(s for s in kept if s.start < s.end)
