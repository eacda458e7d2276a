"""Type repairs for named entities from their context, without a gazetteer of names.

A small statistical tagger often gives a name the wrong class ("Cheek" ORG, "Codelco" GPE,
"Dan Sai District" PERSON). English marks the class of a name in the words around it, and
news text does so by convention; :func:`context_type` reads those marks, strongest first:

- the name's own head word: "... District", "... River" are places (not after a given
  name: "Jeffery Lane" keeps the tagger's class), "... Hotel",
  "... Airport" facilities; a person's
  honorific opens the name or stands before it ("Mrs. Higgins", "Prince Norodom");
- a company's nouns after a one-word name: "Crestline chairman", "Keystone shares" (a
  paper's kind noun after an event's or product's name, "the Business Day newspaper", is
  read by :func:`names_a_paper`, not here: "Phoenix newspaper" is a paper of Phoenix);
- a kind noun naming it: before it ("the copper company Codelco", "reporter Don Bolles",
  and first of all in apposition: "its chief operating officer, Jeffery Lane,"),
  as its apposition ("Chuquicamata, the world's largest copper mine" stays a place,
  "Blackwell, a designer"), or governing it with "of" ("the resort town of Lowman");
- what is done to it: only people are assassinated or murdered ("assassin of Lincoln");
- news conventions: an age in apposition is said of people ("Cheek, 53,"); a relative
  clause with "who" is said of people; so is "said Perrin Long of Lipper Analytical" (a
  full name speaking, "of" an organisation); "X, Ohio": a name followed by a comma and a state
  or country is a place (the US states and their news abbreviations are a closed list,
  like the country table of :mod:`kg.lexicons`).

Only :mod:`kg.extract.mentions` calls this, for the NER labels that name people, organisations and
places.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg import lexicons
from kg.lexicons.names import (
    COMPANY_NOUNS,
    FACILITY_HEADS,
    KIND_NOUNS,
    MEDIA_KINDS,
    PERSON_TITLES,
    PLACE_HEADS,
    US_STATES,
    VICTIM_NOUNS,
    VICTIM_VERBS,
    WORDLIKE_STATE_ABBREVIATIONS,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


_AGE = re.compile(r"^\d{1,3}$")
#: Verbs a quoted speaker is the subject of ("said Perrin Long of Lipper Analytical"); not the
#: attribution verbs organisations also "announce" or "report" by.
SAY = frozenset({"say", "tell", "add"})


def state_key(text: str) -> str:
    """A name folded for the state table: "N.C." -> "nc", "New York" -> "new_york"."""
    return "_".join(lexicons.normalise(text).split())


def is_state(text: str, *, after_comma: bool = False) -> bool:
    """Whether a name is a US state or its abbreviation (ambiguous ones only after a comma)."""
    key = state_key(text)
    return key in US_STATES and (after_comma or key not in WORDLIKE_STATE_ABBREVIATIONS)


def context_type(span: Span, type_: str) -> str:
    """The class the context gives a name typed ``type_`` (Person, Organization or Place)."""
    doc = span.doc
    first, last = span[0], span[-1]
    appositive = _apposition_to(span)
    if appositive is not None:  # "its chief operating officer, Jeffery Lane,"
        return appositive
    if is_state(span.text, after_comma=span.start > 0 and doc[span.start - 1].text == ","):
        return "Place"
    if last.lower_ in PLACE_HEADS and len(span) > 1 and not _given_and_surname(span):
        return "Place"  # not "Jeffery Lane": a given name and a surname
    if last.lower_ in FACILITY_HEADS and len(span) > 1 and span.root.dep_ != "compound":
        return "Infrastructure"  # not "Hk Hotel shares": a facility has no shares
    before = doc[span.start - 1] if span.start > 0 else None
    if first.lower_ in PERSON_TITLES and len(span) > 1:
        return "Person"
    if before is not None and before.lower_ in PERSON_TITLES and before.text[:1].isupper():
        return "Person"
    kind = _kind(span, before)
    if kind is not None:
        return kind
    if type_ == "Person" and len(span) == 1 and _company_noun_after(span):
        return "Organization"
    if _age_apposition(span) or _who_clause(span) or _victim(span) or _speaker_of(span):
        return "Person"
    if type_ == "Organization" and _titled_apposition(span):
        return "Person"
    if type_ != "Place" and (_before_place(span) or _names_a_region(span)):
        return "Place"
    return type_


def _kind(span: Span, before: Token | None) -> str | None:
    """The class of a kind noun that names the span: before it, as its apposition, or
    governing it with "of"."""
    if before is not None and before.pos_ == "NOUN" and before.text.islower():
        found = _kind_of(before)
        if found is not None:
            return found
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
        governor = root.head.head
        if governor.lemma_.lower() in KIND_NOUNS["Place"] and governor.i < span.start:
            return "Place"  # "the town of Lowman" (not "the president of Peru")
    end = span.end
    doc = span.doc
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in {"a", "an", "the"}:
        head = doc[end + 1].head
        while head.dep_ == "poss" and head.head.i > head.i:
            head = head.head  # "the community's most famous son": the son
        subject = head.dep_ in {"nsubj", "nsubjpass"}  # "X, the organisation said": a clause
        if head.i > end + 1 and head.pos_ == "NOUN" and head.i - end <= 6 and not subject:
            return _kind_of(head)
    return None


def _given_and_surname(span: Span) -> bool:
    return len(span) == 2 and lexicons.is_given_name(span[0].text)


def _company_noun_after(span: Span) -> bool:
    """ "Crestline chairman Walter Brandt", "Keystone shares rose": a one-word name before a
    company's chairman, board, shares or shareholders is the company's (people have none)."""
    doc, end = span.doc, span.end
    return end < len(doc) and doc[end].pos_ == "NOUN" and doc[end].text.islower() and (
        doc[end].lemma_.lower() in COMPANY_NOUNS
    )


def names_a_paper(span: Span) -> bool:
    """A name modifying a paper's or an agency's kind noun right after it is that paper's
    ("the authoritative Business Day newspaper said"; not "a Murdoch newspaper", owned)."""
    doc, end = span.doc, span.end
    if end >= len(doc) or span.root.head.i != end or span.root.dep_ != "compound":
        return False
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    noun = doc[end]
    return noun.text.islower() and noun.lemma_.lower() in MEDIA_KINDS and before not in {"a", "an"}


def _apposition_to(span: Span) -> str | None:
    """The class of a kind noun the name stands in apposition to, right before it ("its chief
    operating officer, Jeffery Lane,": a person, whatever "Lane" suggests)."""
    root = span.root
    head = root.head
    if root.dep_ != "appos" or head.i >= span.start or head.pos_ != "NOUN":
        return None
    between = span.doc[head.i + 1 : span.start]
    if not head.text.islower() or [t.text for t in between] != [","]:
        return None
    return _kind_of(head)


def _titled_apposition(span: Span) -> bool:
    """ "Jean-Claude Paye, Director General of the OECD,": a name in apposition with a title
    of someone at an organisation (a person's kind noun or title, then "of") is a person's."""
    doc, root = span.doc, span.root
    if span.end >= len(doc) or doc[span.end].text != ",":
        return False
    for appos in (c for c in root.children if c.dep_ == "appos" and c.i > span.end):
        words = [appos, *(c for c in appos.children if c.dep_ in {"compound", "amod"})]
        titled = any(
            w.lemma_.lower() in KIND_NOUNS["Person"] or w.lower_ in PERSON_TITLES for w in words
        )
        if titled and any(c.dep_ == "prep" and c.lower_ == "of" for c in appos.children):
            return True
    return False


def _speaker_of(span: Span) -> bool:
    """ "said Perrin Long of Lipper Analytical": a full name that says something, followed by
    "of" and an organisation, is a person speaking for it (an organisation is not "of" one)."""
    doc, root, end = span.doc, span.root, span.end
    if len(span) < 2 or root.dep_ != "nsubj" or root.head.lemma_.lower() not in SAY:
        return False
    return end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].ent_type_ == "ORG"


def is_kind_noun(noun: Token) -> bool:
    """Whether a noun names a kind of organisation, place or person ("magazine", "town")."""
    return _kind_of(noun) is not None


def _kind_of(noun: Token) -> str | None:
    lemma = noun.lemma_.lower()
    for cls, nouns in KIND_NOUNS.items():
        if lemma in nouns or noun.lower_ in nouns:
            return cls
    return None


def _victim(span: Span) -> bool:
    """A name that is what "assassinate" or "murder" is done to is a person's."""
    root = span.root
    head = root.head
    if root.dep_ in {"dobj", "nsubjpass"} and head.lemma_.lower() in VICTIM_VERBS:
        return True
    if root.dep_ == "poss" and head.lemma_.lower() in VICTIM_NOUNS:
        return True
    return root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in VICTIM_NOUNS


def _age_apposition(span: Span) -> bool:
    """ "Cheek, 53, said": an age in commas after a name is said of a person."""
    doc, end = span.doc, span.end
    return (
        end + 2 < len(doc)
        and doc[end].text == ","
        and bool(_AGE.match(doc[end + 1].text))
        and doc[end + 2].text in {",", "."}
        and 0 < int(doc[end + 1].text) < 120
    )


def _who_clause(span: Span) -> bool:
    """ "Gerald Przenislawski, who operates ...": "who" is said of people."""
    doc, end = span.doc, span.end
    return end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "who"


#: Nouns of a region that a name modifies ("the Bahia cocoa zone", "the Ruhr area").
REGION_NOUNS = frozenset("zone region area belt".split())


def _names_a_region(span: Span) -> bool:
    """ "the Bahia cocoa zone": a name modifying a noun of a region is a place, whatever the
    tagger said (not a person's "Reagan administration": no region noun)."""
    root = span.root
    return root.dep_ == "compound" and root.head.lower_ in REGION_NOUNS and root.head.i > root.i


def _before_place(span: Span) -> bool:
    """ "Dayton, Ohio": a name, a comma and a state or a country is a place."""
    doc, end = span.doc, span.end
    if end + 1 >= len(doc) or doc[end].text != ",":
        return False
    nxt = doc[end + 1]
    if not nxt.text[:1].isupper() or not nxt.ent_type_ and not nxt.is_title:
        return False
    stop = end + 2
    while stop < len(doc) and doc[stop].ent_iob_ == "I":
        stop += 1
    candidate = doc[end + 1 : stop].text
    return is_state(candidate, after_comma=True) or lexicons.is_country(candidate)
