"""Wire-copy conventions of names (part of pass 1, ``p1_mentions``).

Reuters copy marks the full name of a company that has no ticker with angle brackets
("owned by <Saatchi and Saatchi>", "<Cie Generale de Constructions Telephoniques (CGCT)>"),
as it marks a listed company's ticker after its name ("General Motors Corp <GM>"). The
tagger cuts such a name at "and" or "de", or takes the bracket for part of it
("Saatchi>"); what the brackets hold is one organisation's name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

#: The longest name in brackets read as one (in tokens).
MAX_TOKENS = 10
#: Lower-case words a company's name may hold ("Saatchi and Saatchi", "Cie Generale de ...").
CONNECTORS = frozenset({"and", "&", "of", "de", "du", "des", "la", "le", "the", "'s", "for", "van",
                        "von", "der", "y", "e", "et"})
#: Punctuation inside a name ("Scott's", "Pratt-Read", "H.J. Heinz Co.", "Sony (U.K.) Ltd").
NAME_PUNCTUATION = frozenset({"'", "’", "-", ".", "&", ",", "(", ")", "/"})


def bracketed_names(doc: Doc) -> list[Span]:
    """The spans of names written between ``<`` and ``>`` (two tokens or more, not a ticker
    and its exchange: "<GM>", "<ASTS ST>"), without a trailing parenthesis ("(CGCT)": its
    acronym)."""
    from spacy.attrs import ORTH

    found: list[Span] = []
    resume = 0  # the token after the last name read
    # only the opening brackets become Token objects (one array of the tokens' forms)
    for i in (doc.to_array(ORTH) == doc.vocab.strings["<"]).nonzero()[0].tolist():
        if i < resume:
            continue
        close = next((j for j in range(i + 1, min(len(doc), i + MAX_TOKENS + 2))
                      if doc[j].text in {"<", ">"} or "\n" in doc[j].text), None)
        if close is None or doc[close].text != ">":
            continue
        start, end = i + 1, close
        if end > start and doc[end - 1].text == ")":  # "(CGCT)": the acronym the copy adds
            opening = next((k for k in range(end - 1, start, -1) if doc[k].text == "("), None)
            if opening is not None and opening - start >= 2:
                end = opening
        if end - start >= 2 and _a_name(doc[start:end]) and not _ticker(doc[start:end]):
            found.append(doc[start:end])
        resume = close + 1
    return found


def _ticker(span: Span) -> bool:
    """A ticker with its exchange ("<ASTS ST>", "<BP L>"): short words in capitals only."""
    return all(t.text.isupper() and t.text.isalpha() and len(t.text) <= 5 for t in span)


def _a_name(span: Span) -> bool:
    """Capitalised words, the connectors of company names and their punctuation only."""
    if not span[0].text[:1].isupper():
        return False
    return all(
        t.text[:1].isupper() or t.text[:1].isdigit() or t.lower_ in CONNECTORS
        or t.text in NAME_PUNCTUATION
        for t in span
    )
