"""Where a name the tagger found begins and ends (pass 1, through
:func:`kg.extract.mentions.add_entity`).

The tagger's spans run over words that are no part of a name (a leading "the" or kind
noun, a trailing "and", the wire's sign-off) and stop short of some that are: a given name
joined by a hyphen ("Jean-Claude Paye", tokenised "Jean - Claude Paye", comes out as "Claude
Paye"), a hyphenated company name ("Phone-A-Gram System Inc" as "Gram System Inc"). And a
portfolio word before a government title ("Finance" of "Finance Minister Edouard Balladur")
is no organisation's name, though the tagger often calls it one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg import lexicons
from kg.extract import retype
from kg.lexicons.names import OFFICE_WORDS, PORTFOLIO_TITLES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: The wire's abbreviations of units and currencies the tagger takes for names.
AMOUNT_WORDS = frozenset("cts ct dlrs dlr mln bln pct stg bpd".split())
#: Words of an office that name an institution of their own: "Treasury Secretary James
#: Baker" works for the Treasury.
INSTITUTIONS = frozenset({"treasury", "ministry", "government", "cabinet", "central", "bank"})


def bounded(ent: Span) -> Span | None:
    """The tagger's span cut to the name (:func:`trim`), widened over a hyphenated first part
    (:func:`with_hyphenated_start`); None for a portfolio word before a title."""
    span = trim(ent)
    if not len(span):
        return None  # "the", a dash: nothing of a name is left
    span = with_hyphenated_start(span)
    if ent.label_ == "ORG" and portfolio_before_title(span):
        return None
    if span.text.lower() in AMOUNT_WORDS:
        return None  # "by 75 cts", "50 MLN STG": an amount's unit, no name
    if _joined_to_next(span):
        return None  # "Jean-" of "Jean-Claude Paye": the next name takes it
    return span


def with_hyphenated_start(span: Span) -> Span:
    """The span widened to the left over capitalised words joined to it by hyphens with no
    space ("Jean-Claude Paye", "Phone-A-Gram System Inc")."""
    doc, start = span.doc, span.start
    if not len(span):
        return span
    if lexicons.is_country(span[0].text) or (span[0].is_upper and len(span[0]) > 1):
        return span  # "Iran-Iraq", "EC-U.S.": a second name after the hyphen
    company = lexicons.is_company_form(span[-1].text)
    while start >= 1 and not doc[start - 1].whitespace_:
        before = doc[start - 1]
        if before.text == "-" and start >= 2 and _first_part(doc[start - 2], company, True):
            start -= 2  # "Phone", "-", "A", "-", "Gram"
        elif before.text.endswith("-") and _first_part(before, company, False):
            start -= 1  # "Jean-", "Claude"
        else:
            break
    return doc[start : span.end] if start < span.start else span


def _first_part(token: Token, company: bool, joined: bool) -> bool:
    """Whether a word joined by a hyphen to a name is the first part of that name: any such
    word of a company's name ("Allis-Chalmers Corp"), a given name before a person's
    ("Jean-Claude Paye"; not "Reagan-Gorbachev", two names)."""
    if not _capitalised(token, joined=joined):
        return False
    return company or lexicons.is_given_name(token.text.rstrip("-"))


def _capitalised(token: Token, *, joined: bool) -> bool:
    """A capitalised word (its hyphen cut off), with no space after it if ``joined``, that is
    no name of its own: not a country, a demonym or an acronym ("Iran-Iraq", "EC-U.S.",
    "Franco-German" join two names)."""
    word = token.text.rstrip("-")
    if not (word and word.isalpha() and word[0].isupper()) or (joined and token.whitespace_):
        return False
    own_name = lexicons.is_country(word) or lexicons.country_of_demonym(word)
    return not own_name and not (word.isupper() and len(word) > 1)


def _joined_to_next(span: Span) -> bool:
    """Whether a span is a given name joined by a hyphen to a capitalised word ("Jean-"
    "Claude")."""
    doc, end = span.doc, span.end
    if not len(span) or span[-1].whitespace_ or end >= len(doc):
        return False
    if not _capitalised(span[-1], joined=False) or not lexicons.is_given_name(
        span[-1].text.rstrip("-")
    ):
        return False  # "EC" of "EC-U.S. cooperation", "Reagan" of "Reagan-Gorbachev"
    if span[-1].text.endswith("-"):
        return doc[end].is_title
    hyphen = doc[end]  # the tagger's "Jean-" trimmed to "Jean"
    return (
        hyphen.text == "-" and not hyphen.whitespace_ and end + 1 < len(doc)
        and doc[end + 1].is_title
    )


def portfolio_before_title(span: Span) -> bool:
    """Whether a span is only portfolio words right before a minister's or secretary's title
    or right after its "of": "Finance" of "Finance Minister", "Trade and Industry" of "Trade
    and Industry Minister", "State" of "Secretary of State"."""
    doc = span.doc
    after = span.end < len(doc) and doc[span.end].lower_ in PORTFOLIO_TITLES
    before = span.start >= 2 and doc[span.start - 1].lower_ == "of" and (
        doc[span.start - 2].lower_ in PORTFOLIO_TITLES  # "Secretary of State"
    )
    if not (after or before):
        return False
    words = [t.lower_ for t in span if t.lower_ not in {"and", "&"}]
    return bool(words) and all(w in OFFICE_WORDS and w not in INSTITUTIONS for w in words)


#: The word the wire ends each story with, on the last line or after its last sentence.
SIGN_OFF = "REUTER"
#: Words of a results headline after a company's name ("... CORP 1ST QTR NET").
RESULTS_WORDS = frozenset("qtr year net shr div loss profit results".split())
ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


def trim(span: Span) -> Span:
    """Drop a leading determiner or kind noun ("the Irish magazine Business and Finance") or
    the first half of a compound written apart ("Japan- European Community"), and
    a trailing possessive marker, punctuation, conjunction or "of" (a name never ends in
    "and": "AB Investor and" of "AB Investor and Forvaltnings AB Providentia"), the wire's
    sign-off ("the U.S. REUTER" at the end of an article is the U.S.) or a results
    headline's words after a company form ("KEYSTONE STEEL CORP 1ST QTR"); a name ends at a
    paragraph or line break (the tagger may run one over it: "the Power of Siberia-2
    pipeline\n\nChina")."""
    start, end = span.start, span.end
    end = next((i for i in range(start, end) if span.doc[i].is_space), end)
    while start < end and (span.doc[start].lower_ == "the" or span.doc[start].is_punct):
        start += 1
    for i in range(start, end - 1):  # "Irish magazine Business and Finance": the kind noun
        word = span.doc[i]  # and what qualifies it are no part of the name after it
        if word.text.islower() and retype.is_kind_noun(word) and span.doc[i + 1].is_title:
            start = i + 1
        elif word.text.endswith("-") and len(word) > 1 and span.doc[i + 1].is_title:
            start = i + 1  # "a Japan- European Community axis" ("Handels- und" is a name's)
    while end > start and (
        span.doc[end - 1].tag_ == "POS"
        or span.doc[end - 1].pos_ == "CCONJ"
        or span.doc[end - 1].lower_ == "of"
        or span.doc[end - 1].is_punct
        or span.doc[end - 1].text == SIGN_OFF
        or _results_word_after_company_form(span.doc, start, end)
    ):
        end -= 1
    return span.doc[start:end]


def _results_word_after_company_form(doc: Doc, start: int, end: int) -> bool:
    """ "KEYSTONE STEEL CORP 1ST QTR NET", "HANABUSA ELECTRIC CO LTD YEAR NET": a results
    headline's words after a company form are no part of the name."""
    last = doc[end - 1].lower_
    if not (last in RESULTS_WORDS or ORDINAL.fullmatch(last)) or end - start < 2:
        return False
    return lexicons.is_company_form(doc[end - 2].text)


#: Lower-case nouns that make a family's or a financier's name a group acting as one:
#: "the Wallenberg group", "the Kadoorie family".
GROUP_NOUNS = frozenset({"group", "family", "clan"})


def named_group(span: Span, label: str) -> Span | None:
    """ "the Wallenberg group", "the Kadoorie family": a person's (or a family's) name
    modifying a lower-case group noun names the group, an organisation."""
    if label not in {"PERSON", "ORG", "NORP"} or span.end >= len(span.doc):
        return None
    noun = span.doc[span.end]
    if noun.lower_ not in GROUP_NOUNS or not noun.text.islower() or span.root.head != noun:
        return None
    return span.doc[span.start : span.end + 1]
