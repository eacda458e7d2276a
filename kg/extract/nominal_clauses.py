"""Clauses a noun phrase states without a verb (part of :mod:`kg.extract.clauses`):
appositions ("Cook, the CEO of Apple"), titles ("President Bush"), possessives and locative
modifiers ("the depot at Kettering"), with an implicit "be" (or "has").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg.extract.clause import Clause, argument_span
from kg.extract.deps import APPOSITION, POBJ, PREP
from kg.lexicons.names import NOUN_PREPOSITIONS

if TYPE_CHECKING:
    from spacy.tokens import Token


def nominal_clauses(noun: Token) -> Iterator[Clause]:
    """Clauses a noun phrase states without a verb: appositions, titles, possessives and
    locative modifiers. Their relation is the implicit "be" (or "has"), in the tense of the
    sentence's main verb for "has"."""
    if noun.dep_ == APPOSITION and noun.head.pos_ in {"NOUN", "PROPN"} and noun.i > noun.head.i:
        clause = _apposition(noun)
        if clause is not None:
            yield clause
    if noun.pos_ == "PROPN" and noun.dep_ != "compound":
        title = _title(noun)
        if title is not None:
            yield title
    for child in noun.children:
        if child.dep_ == "poss" and child.lower_ not in POSSESSIVE_PRONOUNS:
            owner = argument_span(child)
            while owner[1] > owner[0] and (
                noun.doc[owner[1]].tag_ == "POS" or noun.doc[owner[1]].dep_ == "case"
            ):
                owner = (owner[0], owner[1] - 1)
            clause = Clause(
                noun, owner, child, [], rule="possessive", how="poss", implicit=_have(noun)
            )
            clause.arguments.append(("object", (child.right_edge.i + 1, noun.i), noun))
            yield clause
        elif child.dep_ == PREP and child.lower_ in NOUN_PREPOSITIONS:
            modifier = _modifier(noun, child)
            if modifier is not None:
                yield modifier


#: Possessors that make no clause of their own ("his visit").
POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her", "my", "our", "your", "whose"})


def _title(noun: Token) -> Clause | None:
    """ "President Bush", "Undercover cop Muscles": a title before a name."""
    titles = [
        c
        for c in noun.children
        if c.dep_ == "compound"
        and c.i < noun.i
        and (c.ent_type_ != noun.ent_type_ or not c.ent_type_)
        and (c.pos_ == "NOUN" or c.pos_ == "PROPN" and noun.ent_type_ == "PERSON")
    ]
    if not titles:
        return None
    name = _entity_span(noun)
    clause = Clause(noun, name, noun, [], rule="title", how="title", implicit="be")
    first = min(t.left_edge.i for t in titles)
    last = max(t.i for t in titles)
    clause.arguments.append(("object", (first, last), titles[-1]))
    return clause


def _modifier(noun: Token, prep: Token) -> Clause | None:
    """A prepositional modifier saying where, when or with what the noun is: "the depot at
    Kettering" -> the depot be at Kettering."""
    objs = [p for p in prep.children if p.dep_ == POBJ]
    if not objs or noun.dep_ in {"pobj"} and noun.head.lower_ == prep.lower_:
        return None
    first, _ = argument_span(noun)
    clause = Clause(
        prep, (first, prep.i - 1), noun, [prep], rule="modifier", how="prep", implicit="be"
    )
    if clause.subject[1] < clause.subject[0]:
        return None
    clause.arguments.append(("object", argument_span(objs[0]), objs[0]))
    return clause


def _entity_span(token: Token) -> tuple[int, int]:
    first = last = token.i
    doc = token.doc
    while first > 0 and doc[first - 1].ent_iob_ == "I" and doc[first].ent_iob_ == "I":
        first -= 1
    if doc[first].ent_iob_ == "I" and first > 0:
        first -= 1
    while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
        last += 1
    return first, last


def _have(token: Token) -> str:
    """ "has" or "had", after the tense of the sentence's main verb."""
    root = token.sent.root
    tags = {root.tag_} | {c.tag_ for c in root.children if c.dep_ in {"aux", "auxpass"}}
    return "had" if "VBD" in tags else "has"


def _apposition(appos: Token) -> Clause | None:
    """ "Kevin O'Brien, a spokesman for the theater" -> (Kevin O'Brien; be; a spokesman ...);
    in the order of the text."""
    head = appos.head
    if appos.pos_ not in {"NOUN", "PROPN"}:
        return None
    first, last = argument_span(head)
    subject = (first, min(last, appos.left_edge.i - 1))
    while subject[1] > subject[0] and head.doc[subject[1]].is_punct:
        subject = (subject[0], subject[1] - 1)
    obj = argument_span(appos)
    clause = Clause(appos, subject, head, [], rule="apposition", how="appos", implicit="be")
    clause.arguments.append(("object", obj, appos))
    return clause
