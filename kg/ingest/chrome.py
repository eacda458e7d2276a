"""The line-based chrome cleaner: page chrome dropped, donation appeals in the trailing
lines dropped, photo captions marked (their credit cut off), the headline found.

It works on ``Line``s, one per non-empty trimmed input line, each knowing the paragraph
(block) it sits in; ``clean`` decides each line's kind and whether it is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.model import SectionKind

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


@dataclass
class Line:
    """One non-empty trimmed input line, the block (paragraph) it sits in, and its fate."""

    text: str
    block: int
    kind: SectionKind = "body"
    keep: bool = True


def clean(lines: list[Line]) -> None:
    """Unkeep chrome lines and trailing appeals, then mark the captions (in that order)."""
    _drop_chrome(lines)
    _drop_tail_appeals(lines)
    _mark_captions(lines)


def _drop_chrome(lines: list[Line]) -> None:
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


def _drop_tail_appeals(lines: list[Line]) -> None:
    """Unkeep donation/support appeals in the trailing run of lines."""
    for line in reversed(lines):
        if line.keep:
            if not _APPEAL.search(line.text):
                return
            line.keep = False


def _may_credit(text: str) -> bool:
    """Whether ``text`` can end in a credit at all: a bracketed one ends the line, an
    unbracketed one has its colon (the search tries every position: 10 µs a line)."""
    return text.rstrip().endswith((")", "]")) or ":" in text


def _mark_captions(lines: list[Line]) -> None:
    """Mark lines ending in a photo credit as captions, the credit cut off."""
    for line in lines:
        short = line.keep and len(line.text.split()) <= CAPTION_MAX_WORDS
        match = _CREDIT.search(line.text) if short and _may_credit(line.text) else None
        if match:
            line.text = line.text[: match.start()].strip()
            line.kind = "caption"
            line.keep = bool(line.text)  # a credit alone is chrome


def find_headline(lines: list[Line]) -> str | None:
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
    rest = any(norm(kept[i].text) != norm(first.text) for i in body[1:])
    return first.text if rest else None


def norm(text: str) -> str:
    """Text compared loosely: whitespace collapsed, case folded."""
    return " ".join(text.split()).casefold()
