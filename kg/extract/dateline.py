"""Source lines of monitored news: "LD2804174994 Moscow INTERFAX in English 1601 GMT 28 Apr
94", "Paris Radio Monte Carlo in Arabic 1700 GMT 7 Apr 94", "Tokyo MAINICHI SHIMBUN".

Transcribed broadcasts and press digests (the FBIS convention that wire archives keep) open
with a line naming the outlet after the city it publishes from, then the language, the time
and the date. The tagger reads "Paris Radio Monte Carlo" as one organisation; by the
convention, the city comes first (one word, or up to "City": "Guatemala City"), the outlet
follows, and the outlet is based in the city. An agency in brackets after a dateline
("BANGKOK, Thailand (AP)") is *not* read here: that place is where a story was filed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.lexicons.names import LANGUAGES

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.reader import Reader
    from kg.model import Mention

_CONTROL_NUMBER = re.compile(r"^[A-Z]{2}\d{8,}$")


def source_line(sent: Span, tokens: list[Token] | None = None) -> tuple[Span, Span] | None:
    """(city, outlet) of a source line, or None for any other sentence (``tokens``: the
    sentence's tokens, if the caller has them made already)."""
    tokens = list(sent) if tokens is None else tokens
    start = 1 if tokens and _CONTROL_NUMBER.match(tokens[0].text) else 0
    in_at = next(
        (
            i
            for i, t in enumerate(tokens)
            if t.lower_ == "in"
            and i + 1 < len(tokens)
            and tokens[i + 1].lower_ in LANGUAGES
            and i > start
        ),
        None,
    )
    if in_at is not None:
        names = tokens[start:in_at]
        if len(tokens) - in_at > 8 or not any(t.text == "GMT" for t in tokens[in_at:]):
            return None
    else:
        # A bare heading "Tokyo MAINICHI SHIMBUN": a place, then a name in capitals.
        names = tokens[start:]
        if len(names) > 5 or names[0].ent_type_ != "GPE" or names[0].text.isupper():
            return None
        if not all(t.text.isupper() and any(c.isalpha() for c in t.text) for t in names[1:]):
            return None
    if not 2 <= len(names) <= 6 or not all(t.text[:1].isupper() for t in names):
        return None
    city_end = next((i + 1 for i, t in enumerate(names[:3]) if t.text == "City"), 1)
    if city_end >= len(names):
        return None
    doc = sent.doc
    city = doc[names[0].i : names[city_end - 1].i + 1]
    outlet = doc[names[city_end].i : names[-1].i + 1]
    return city, outlet


def read(reader: Reader, sent: Span) -> tuple[Mention, Mention, Token] | None:
    """Replace the tagger's mentions on a source line by the city and the outlet; return the
    outlet, the city and the outlet's root (the fact (outlet, basedIn, city) is read in pass 3
    of :mod:`kg.extract`), or None for any other sentence."""
    found = source_line(sent, reader.sentence(sent))
    if found is None:
        return None
    city, outlet = found
    # The language, time and date that follow are the line's metadata, not entities.
    region = range(city.start, sent.end)
    stale = {id(reader.by_token[i]) for i in region if i in reader.by_token}
    for i in [i for i, m in reader.by_token.items() if id(m) in stale]:
        del reader.by_token[i]
    reader.mentions[:] = [m for m in reader.mentions if id(m) not in stale]
    place = reader.add(reader.mention(city, "Place"), range(city.start, city.end))
    source = reader.add(reader.mention(outlet, "Organization"), range(outlet.start, outlet.end))
    return source, place, outlet.root
