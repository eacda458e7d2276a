"""Acronyms of one document, for resolution (``acronym`` merges): those the text defines ("the
European Union (EU)", "General Motors Corp <GM>") and, undefined, three capitals or more that
are the initials of exactly one longer name in the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg import lexicons
from kg.model import Document, Mention

#: "European Union (EU)": an acronym defined in brackets right after a name.
#: "General Motors Corp <GM>": the ticker of wire copy, when it spells the initials.
ACRONYM_AFTER = re.compile(r"(?:['’]s)?\s*[(<]\s*([A-Z][A-Za-z.&]{1,11})\s*[)>]")


NAME_WITH_ACRONYM = re.compile(r"(.+?)\s*\(\s*([A-Z][A-Za-z.&]{1,11})\s*\)?")


#: An undefined acronym has three letters at least ("KC" in a price table is no acronym).
ALL_CAPS = re.compile(r"[A-Z][A-Z.&]{2,7}")


def initials_fit(acronym: str, name: str) -> bool:
    """Whether an acronym's letters are the initials of a name ("EU", "European Union")."""
    letters = [c for c in acronym.upper() if c.isalpha()]
    words = [w for w in re.findall(r"[\w'-]+", name)]
    fits = []
    for _ in range(2):  # with the company form ("CITIC": ... Investment Corp), then without
        every = [w[0].upper() for w in words]
        content = [w[0].upper() for w in words if w.lower() not in lexicons.ACRONYM_STOPWORDS]
        fits += [every, content]
        while len(words) > 1 and lexicons.is_company_form(words[-1]):
            words.pop()
    return len(letters) >= 2 and len(words) >= 2 and letters in fits


def initials(name: str) -> set[str]:
    """The acronyms a name of two words or more may have: the initials of every word and of
    the content words, with and without its company form ("General Motors Corp": GMC, GM)."""
    words = re.findall(r"[\w'-]+", name)
    found = set()
    for _ in range(2):
        if len(words) < 2:
            break
        found.add("".join(w[0] for w in words).upper())
        content = [w for w in words if w.lower() not in lexicons.ACRONYM_STOPWORDS]
        found.add("".join(w[0] for w in content).upper())
        while len(words) > 1 and lexicons.is_company_form(words[-1]):
            words.pop()
    return {f for f in found if len(f) >= 2}


def acronyms(document: Document, mentions: Iterable[Mention]) -> dict[str, str]:
    """Acronyms the text defines ("the European Union (EU)"), else unique initials fits."""
    named = [m for m in mentions if m.named and not m.refers_to and m.type != "Person"]
    defined: dict[str, str] = {}
    for m in sorted(named, key=lambda m: m.start):
        match = ACRONYM_AFTER.match(document.text, m.end)
        bracketed = NAME_WITH_ACRONYM.fullmatch(m.text)
        if match and initials_fit(match.group(1), m.text):
            defined.setdefault(lexicons.normalise(match.group(1)), m.text)
        elif bracketed and initials_fit(bracketed.group(2), bracketed.group(1)):
            defined.setdefault(lexicons.normalise(bracketed.group(2)), bracketed.group(1))
    long_names = sorted({m.text for m in named if len(m.text.split()) >= 2})
    for m in named:
        norm = lexicons.normalise(m.text)
        if norm in defined or not ALL_CAPS.fullmatch(m.text):
            continue
        fits = {n for n in long_names if initials_fit(m.text, n)}
        if len(fits) == 1:
            defined[norm] = fits.pop()
    return defined
