"""Short forms of organisation names within one document (resolution's ``short-form``
rule): "Shearson" of "Shearson Lehman Brothers", "the Bank" of "Bank of England"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol, TypeVar

from kg import lexicons
from kg.aliases import default_aliases, key_name, lookup
from kg.model import Mention


class _View(Protocol):
    """A mention as resolution sees it (``resolve._View``)."""

    type: str

    @property
    def mention(self) -> Mention: ...
    @property
    def target(self) -> str: ...
    @property
    def entry(self) -> object: ...


class _Cluster(Protocol):
    """A group of mentions (``resolve._Cluster``)."""

    @property
    def views(self) -> Sequence[_View]: ...
    @property
    def family(self) -> str: ...
    def words(self) -> list[str]: ...
    def name(self) -> str: ...


C = TypeVar("C", bound=_Cluster)


def has_company_form(name: str) -> bool:
    """Whether a name carries a company form ("Chrysler Corp", "Nobel Industrier AB")."""
    return lexicons.normalise(name) != key_name("Organization", name)


#: Words that make a name a unit of, or a thing named after, the organisation it extends.
UNIT_WORDS = frozenset(
    """capital markets securities news sport sports radio television tv online unit division
    law act bill treaty accord agreement pact plan report""".split()
)
#: Company forms written before the name they form ("AB Investor", "Forvaltnings AB
#: Providentia", "Oy Nokia", "PT Astra"): the words after it are the name used alone.
LEADING_COMPANY_FORMS = frozenset({"ab", "oy", "oyj", "pt"})
#: Types of a name that may be an organisation's short form (the NER calls "Bryson", of
#: "Bryson Oil and Gas Plc", a person); a place never is one ("New York" of "New York
#: Mercantile Exchange", "Tanzania" of "Tanzania Railway Corporation").
SHORT_FORM_TYPES = {"Organization", "Person", "Product", "Event"}


def short_form(view: _View, words: list[str], clusters: Sequence[C]) -> C | None:
    """The one organisation a name is the short form of, in the document, if any.

    "Shearson" begins "Shearson Lehman Brothers", "Heinz" ends "H.J. Heinz" after initials,
    "Providentia" ends "Forvaltnings AB Providentia" after a leading company form, a
    bare institution word begins "Bank of England"; when the longer names
    that fit all extend the shortest of them, that one ("Thomson" is "Thomson McKinnon Inc",
    not its "Thomson McKinnon Mortgage Assets Corp"). An acronym in capitals is a brand of
    its own ("BBC" beside "BBC News")."""
    if lexicons.country_of_demonym(view.target) or lookup(default_aliases(), view.target):
        return None
    letters = [c for c in view.target if c.isalpha()]
    if view.target.isupper() and len(letters) <= 4:
        return None
    generic = set(words) <= lexicons.GENERIC_ORG_WORDS
    n = len(words)
    fits = []
    for c in clusters:
        other = c.words()
        if c.family != "Organization" or len(other) <= n:
            continue
        if generic:  # "Bank of England", "U.S. Department of Agriculture", "U.S. Agriculture
            # Department"; not "White House" (a name of two words ending in the word)
            heads = {i for i in range(len(other) - n) if other[i : i + n + 1] == [*words, "of"]}
            if heads or (len(other) >= 3 and other[-n:] == words):
                fits.append(c)
        elif other[:n] == words or (n == 1 and _after_initials(c.name(), words[0])):
            fits.append(c)  # never the end of a name but after initials: "Heinz" of "H.J.
            # Heinz"; "Crosby" of "First National Bank of Crosby" is the town
        elif other[-n:] == words and other[-n - 1] in LEADING_COMPANY_FORMS:
            fits.append(c)  # or after a company form written before it: "AB Investor"
    fits.sort(key=lambda c: len(c.words()))
    if fits and all(c.words()[: len(fits[0].words())] == fits[0].words() for c in fits[1:]):
        # a unit or a thing named after it is no longer name of it: "Merrill Lynch" is not
        # its "Merrill Lynch Capital Markets", "Trust Fund Bureau" not the "... Law"
        return None if set(fits[0].words()[n:]) <= UNIT_WORDS else fits[0]
    return None


_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")


def _after_initials(name: str, word: str) -> bool:
    """Whether a name is initials and then ``word`` ("H.J. Heinz", "J.C. Penney")."""
    *first, last = name.split()
    return bool(first) and lexicons.normalise(last) == word and all(
        _INITIALS.fullmatch(w) for w in first
    )


#: A wire ticker right after a name ("Piedmont <PIE>", "PIEDMONT <PIE>"): a listed company;
#: a foreign listing adds its exchange ("Atlas Copco <ASTS ST>", Stockholm), and the wire
#: sometimes opens the bracket with a parenthesis ("SKF (SKFR ST>").
TICKER = re.compile(r"\s*[<(][A-Z][A-Z0-9.]{0,7}(?: [A-Z]{1,3})?>")


def tickered_are_companies(text: str, views: Sequence[_View]) -> None:
    """A name the wire copy follows with a ticker is a company's, in all its mentions of
    the document, whatever the NER called it (one sense per document)."""
    tickered = {
        lexicons.normalise(v.target) for v in views
        if v.mention.named and TICKER.match(text, v.mention.end)
    }
    for view in views:
        if view.entry is None and view.type in {"Place", "Person", "Product", "Event"}:
            if view.mention.named and lexicons.normalise(view.target) in tickered:
                view.type = "Organization"
