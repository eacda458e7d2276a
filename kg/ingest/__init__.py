"""Ingest: turn files and folders into ``Document`` records with the page chrome removed.

Plain text and Markdown go through a line-based cleaner: it drops chrome lines (labels,
reading times, share buttons, appeals), finds the headline and photo captions, and joins
headline, captions and body paragraphs with blank lines, marking each as a ``Section``.
HTML goes through trafilatura first. A JSONL file holds one record per line; its documents
get ``source = "path:LINE"`` (the record's ``url`` goes to ``Document.url``).
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from kg.errors import InputError
from kg.model import Document, Section, SectionKind

#: Characters of cleaned text kept from one document (spaCy's own default ``max_length``):
#: far beyond any news article, small enough that one huge page cannot exhaust memory.
MAX_DOC_CHARS = 1_000_000
#: Bytes read from one file at most, per character kept: UTF-8 needs at most 4 bytes a
#: character, and an HTML page carries its markup around the text.
_BYTES_PER_CHAR = {"html": 16}
#: Folder members that are read, by extension, and how.
KINDS = {".txt": "text", ".md": "markdown", ".markdown": "markdown",
         ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
HEADLINE_MAX_WORDS = 25
CAPTION_MAX_WORDS = 80

_I = re.IGNORECASE
_SOCIAL = (r"share(?: (?:on|via|this(?: article| story| page)?))?|tweet|facebook|twitter|x"
           r"|linkedin|whatsapp|telegram|reddit|pinterest|flipboard|bluesky|e-?mail|print"
           r"|copy(?: the)? link")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = (rf"(?:\d{{4}}-\d\d-\d\d|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}"
         rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?)")
_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
#: Whole lines that are page chrome, never article text (matched against the trimmed line).
_CHROME = [re.compile(p, _I) for p in (
    # Reading-time badges: "2 min read", "5 minute read", "Reading time: 3 minutes".
    r"\d+\s*-?\s*(?:mins?|minutes?)\.?\s+read|reading time:?\s*\d+\s*(?:mins?|minutes?)\.?",
    # Author labels standing alone: "Authors", "Author", "By", "Written by:".
    r"(?:authors?|by|written by|words by)\s*:?",
    # Navigation links: "See all", "Show more stories", "Continue reading", "Back to top".
    r"(?:see|view|show|load) (?:all|more)(?:\W+\w+){0,3}\W*|continue reading\W*|back to top"
    r"|skip to (?:main )?content|read the full (?:story|article)\W*",
    # Cross-links: "Read more", "Read more: <title>", "See also: <title>" (short lines).
    r"(?:read|see) (?:more|also)\b(?:\W+\w+){0,12}\W*",
    # Ad slots: "Advertisement", "Ad", "Sponsored content".
    r"advertisements?|advert|ad|sponsored(?: content)?",
    # Newsletter and account prompts: "Subscribe ...", "Sign up ...", "Log in" (short lines).
    r"(?:subscribe|sign up|sign in|log in)\b(?:\W+\w+){0,12}\W*",
    # Cookie notices: "We use cookies ...", "This site uses cookies ...", "Accept all cookies".
    r"(?:we|this (?:web)?site) uses? cookies\b.*|(?:accept|reject|manage)(?: all)? cookies.*"
    r"|cookie (?:settings|policy|preferences)",
    # Social buttons: a line of only share verbs and network names ("Share | Facebook | X").
    rf"(?:{_SOCIAL})(?:[\s|•·,/]+(?:{_SOCIAL}))*",
    # Follow prompts: "Follow us on Telegram".
    r"follow (?:us|@\w+)\b.{0,60}",
    # Teaser headings: "Latest news", "Most read", "Related stories", "You may also like".
    r"(?:latest|breaking|top|related|trending|popular)(?: news| stories| articles)?"
    r"|more (?:news|stories|articles)"
    r"|most (?:read|popular|viewed)|recommended(?: for you)?|you may also like",
    # Comment counters: "Comments", "12 comments".
    r"\d*\s*comments?",
    # Date stamps standing alone: "Updated: Mar 5, 2024 10:00 GMT", "Published 2024-03-05".
    rf"(?:(?:published|updated|posted|last updated)(?: on)?:?\s+)?(?:\w+day,?\s+)?{_DATE}"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s+[a-z]{2,4})?)?",
    # Copyright footers: "© 2024 Example News", "All rights reserved."
    r"(?:©|copyright ©|\(c\))\s*\d{4}.{0,100}|.{0,80}\ball rights reserved\.?",
    # A category label and its value on one line: "Category: World", "Tags: Russia, China".
    r"(?:category|categories|topics?|tags|filed under)\s*:\s*.{1,80}",
)]
#: Bylines with names: "By Jane Doe", "By Jane Doe and John Roe, Reuters" (case-sensitive).
_BYLINE = re.compile(rf"By:?\s+{_NAME}(?:(?:\s*,\s*|\s+and\s+|\s*&\s*){_NAME})*")
#: A category label; the short value line after it ("Category" / "Latest news") goes too.
_LABEL = re.compile(r"(?:category|categories|section|topics?|tags|filed under)\s*:?", _I)
#: Donation and membership appeals (mostly anchored at the line start: "Help us ...",
#: "Your support ...", "Become a member ..."), dropped only in the page's trailing lines.
_APPEAL = re.compile(
    r"^(?:please )?(?:help|support|join) us\b|^your (?:support|donation|contribution|gift)\b"
    r"|^(?:become|be) an? (?:member|supporter|patron)\b|^(?:make|making) an? \w* ?donation\b"
    r"|\b(?:donate|give) (?:now|today)\b|\bsupport (?:independent|quality) (?:journalism|news)",
    _I)
_AGENCY = (r"reuters|ap|afp|getty(?: images)?|epa(?:-efe)?|xinhua|tass|anadolu|shutterstock"
           r"|alamy|ap photo|dpa")
#: A photo credit ending a line: "(Source: Getty Images)", "(Photo: X)", "(Credit: X)",
#: "(Reuters)", "(AP Photo/Jane Doe)", or unbracketed "Photo: X/Getty Images".
_CREDIT = re.compile(
    r"\s*(?:[(\[]\s*(?:(?:(?:file )?photo(?:graph)?|image|picture|pic|source|credit|courtesy"
    r"|illustration|video)s?(?: credits?)?\s*(?::|by\b|/)\s*[^()\[\]]{1,80}"
    rf"|(?:{_AGENCY})(?:\s*/\s*[^()\[\]]{{1,60}}|\s+via\s+[^()\[\]]{{1,40}})?)\s*[)\]]"
    r"|[|–—-]?\s*(?:photo(?:graph)?|picture|image|credit)s?\s*:\s*(?-i:[A-Z])[^.()]{0,60})\s*$", _I)
#: Sentence-final punctuation, unless the last word is an initial or abbreviation ("U.S.").
_FINAL_STOP = re.compile(r"[.:;,][\"'’”)\]]*$")
_ABBREV_END = re.compile(r"(?:\b[A-Z]\.|\b(?:Inc|Co|Corp|Ltd|Jr|Sr|St|No|vs)\.)$")
_NO_DOCS = "no documents (.txt .md .html .jsonl) in folder"
_Spans = tuple[Section, ...]


@dataclass
class _Line:
    """One non-empty trimmed input line, the block (paragraph) it sits in, and its fate."""

    text: str
    block: int
    kind: SectionKind = "body"
    keep: bool = True


#: Called with a bad file's (or JSONL line's) error instead of raising it: ``--keep-going``.
OnError = Callable[[InputError], None]


def iter_documents(
    paths: Iterable[str | Path], *, max_doc_chars: int = MAX_DOC_CHARS,
    on_error: OnError | None = None,
) -> Iterator[Document]:
    """Yield the documents of files and folders (recursively, sorted), in order.

    A file larger than the text it may hold (``max_doc_chars``) is read only that far, and
    its document says how much was left out (``Document.skipped_chars``/``skipped_bytes``).

    Raises:
        InputError: a path is missing, unreadable, empty, binary or not UTF-8, a folder
            holds no documents, or a JSONL line is bad (the path is then ``file:LINE``).
            With ``on_error`` the error is passed to it instead, and the file (or line) is
            skipped.
    """
    for path in paths:
        try:
            files = list(_expand(path))
        except InputError as error:
            _fail(error, on_error)
            continue
        for file, kind in files:
            if kind == "jsonl":
                yield from _iter_jsonl(file, max_doc_chars, on_error)
                continue
            try:
                limit = max_doc_chars * _BYTES_PER_CHAR.get(kind, 4) + 4
                raw, unread = _read(file, limit)
                parse = {"html": parse_html, "markdown": parse_markdown}.get(kind, parse_text)
                document = parse(raw, file, max_doc_chars=max_doc_chars)
            except InputError as error:
                _fail(error, on_error)
                continue
            yield replace(document, skipped_bytes=unread) if unread else document


def count_sources(paths: Iterable[str | Path]) -> int:
    """The number of files ``iter_documents`` would read (a JSONL file counts once)."""
    return sum(1 for path in paths for _ in _expand(path))


def parse_text(raw: str, source: str, *, max_doc_chars: int = MAX_DOC_CHARS) -> Document:
    """A plain-text page: chrome dropped, headline and captions found."""
    if not raw.strip():
        raise InputError("empty file", source)
    return _document(_text_blocks(raw), source, max_doc_chars=max_doc_chars)


def parse_markdown(raw: str, source: str, *, max_doc_chars: int = MAX_DOC_CHARS) -> Document:
    """A Markdown page: markup stripped, a leading ``# Heading`` as headline, then as text."""
    if not raw.strip():
        raise InputError("empty file", source)
    title, blocks = _markdown_blocks(raw)
    return _document(blocks, source, title=title, max_doc_chars=max_doc_chars)


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
    return _document(blocks, source, title=_field(result, "title"),
                     published=_iso_date(_field(result, "date")), url=_field(result, "url"),
                     max_doc_chars=max_doc_chars)


def _field(result: object, name: str) -> str | None:
    """A string field of a trafilatura result (a ``Document`` object, a dict or None)."""
    value = result.get(name) if isinstance(result, dict) else getattr(result, name, None)
    return value if isinstance(value, str) and value.strip() else None


def _expand(path: str | Path) -> Iterator[tuple[str, str]]:
    """The files a path stands for, with how to read each."""
    given = os.fspath(path)
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

    def fail(error: OSError) -> None:
        raise InputError("permission denied", error.filename or folder)

    for root, dirs, files in os.walk(folder, onerror=fail):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and Path(name).suffix.lower() in KINDS:
                yield os.path.join(root, name)


def _read(path: str, limit: int) -> tuple[str, int]:
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


def _check_text(data: bytes, path: str) -> None:
    """An error unless ``data`` looks like text: not empty, no NUL, few control bytes."""
    if not data.strip():
        raise InputError("empty file", path)
    sample = data[:8192]
    controls = sum(1 for byte in sample if byte < 9 or 13 < byte < 32 or byte == 127)
    if b"\0" in data or controls > len(sample) // 10:
        raise InputError("binary file, not text", path)


def _iter_jsonl(path: str, max_doc_chars: int, on_error: OnError | None) -> Iterator[Document]:
    """One document per JSONL record, read a line at a time; blank lines are skipped."""
    try:
        handle = open(path, "rb")  # closed by the with below, also when a caller stops early
    except OSError as exc:
        _fail(InputError(exc.strerror or "cannot read file", path), on_error)
        return
    with handle:
        head = handle.read(8192)
        handle.seek(0)
        if head.strip():
            try:
                _check_text(head, path)
            except InputError as error:
                _fail(error, on_error)
                return
        records = 0
        for lineno, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            records += 1
            try:
                yield _record(line, f"{path}:{lineno}", max_doc_chars)
            except InputError as error:
                _fail(error, on_error)
    if not records:
        _fail(InputError("empty file", path), on_error)


def _fail(error: InputError, on_error: OnError | None) -> None:
    """Raise ``error``, or hand it to ``on_error`` (which skips what it is about)."""
    if on_error is None:
        raise error
    on_error(error)


def _record(line: bytes, where: str, max_doc_chars: int) -> Document:
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
    return _document(
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


def _document(
    blocks: list[list[str]], source: str, *, title: str | None = None,
    detect_headline: bool = True, doc_id: str | None = None, published: str | None = None,
    url: str | None = None, max_doc_chars: int = MAX_DOC_CHARS,
) -> Document:
    """Clean paragraphs into a Document: headline, captions and body as sections.

    A NUL character (which only a JSONL string can carry in) becomes U+FFFD: it is never
    text, and some stores kg exports to cannot hold it in a string at all.
    """
    lines = [_Line(text.replace("\0", "\ufffd"), number)
             for number, block in enumerate(blocks) for text in block]
    title = title.replace("\0", "\ufffd") if title else title
    _drop_chrome(lines)
    _drop_tail_appeals(lines)
    _mark_captions(lines)
    headline = " ".join(title.split()) if title and title.strip() else None
    if headline is None and detect_headline:
        headline = _find_headline(lines)
    if headline:
        for line in lines:
            line.keep = line.keep and _norm(line.text) != _norm(headline)
    units = _units(lines)
    if not units and not headline:
        raise InputError("no article text found", source)
    text, sections = _assemble(headline, units)
    full = len(text)
    text, sections = _truncate(text, sections, max_doc_chars)
    doc_id = doc_id or hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return Document(id=doc_id, text=text, source=source, title=headline,
                    published=published, url=url, sections=sections,
                    skipped_chars=full - len(text))


def _drop_chrome(lines: list[_Line]) -> None:
    """Unkeep chrome lines, and the short value line after a category label."""
    for i, line in enumerate(lines):
        if any(p.fullmatch(line.text) for p in _CHROME) or _BYLINE.fullmatch(line.text):
            line.keep = False
        elif _LABEL.fullmatch(line.text):
            line.keep = False
            after = lines[i + 1] if i + 1 < len(lines) else None
            if after and after.block == line.block and len(after.text.split()) <= 4 \
                    and not _FINAL_STOP.search(after.text):
                after.keep = False


def _drop_tail_appeals(lines: list[_Line]) -> None:
    """Unkeep donation/support appeals in the trailing run of lines."""
    for line in reversed(lines):
        if line.keep:
            if not _APPEAL.search(line.text):
                return
            line.keep = False


def _mark_captions(lines: list[_Line]) -> None:
    """Mark lines ending in a photo credit as captions, the credit cut off."""
    for line in lines:
        short = line.keep and len(line.text.split()) <= CAPTION_MAX_WORDS
        match = _CREDIT.search(line.text) if short else None
        if match:
            line.text = line.text[: match.start()].strip()
            line.kind = "caption"
            line.keep = bool(line.text)  # a credit alone is chrome


def _find_headline(lines: list[_Line]) -> str | None:
    """The first body line when short, unpunctuated, and followed by other body text."""
    kept = [line for line in lines if line.keep]
    body = [i for i, line in enumerate(kept) if line.kind == "body"]
    if not body:
        return None
    first = kept[body[0]]
    after = kept[body[0] + 1] if body[0] + 1 < len(kept) else None
    if after and after.block == first.block and after.text[:1].islower():
        return None  # a hard-wrapped paragraph's first line, not a headline
    words = first.text.split()
    if not 2 <= len(words) <= HEADLINE_MAX_WORDS or not any(c.isalpha() for c in first.text):
        return None
    if not first.text.isupper() and _FINAL_STOP.search(first.text) \
            and not _ABBREV_END.search(first.text):
        return None
    rest = any(_norm(kept[i].text) != _norm(first.text) for i in body[1:])
    return first.text if rest else None


def _units(lines: list[_Line]) -> list[tuple[SectionKind, str]]:
    """Kept lines as (kind, text) units; body lines of one paragraph are joined by newlines."""
    units: list[tuple[SectionKind, str]] = []
    previous: _Line | None = None
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


def _norm(text: str) -> str:
    """Text compared loosely: whitespace collapsed, case folded."""
    return " ".join(text.split()).casefold()


def _iso_date(value: object) -> str | None:
    """``YYYY-MM-DD`` from an ISO date or timestamp string, else None."""
    match = re.match(r"\s*(\d{4})-(\d\d)-(\d\d)", value) if isinstance(value, str) else None
    try:
        return date(*map(int, match.groups())).isoformat() if match else None
    except ValueError:
        return None
