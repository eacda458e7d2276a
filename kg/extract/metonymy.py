"""Capital-for-state metonymy, part of the extraction stage: when "Beijing" means China.

A capital names the state as a political actor when it is the subject of an action
("Beijing has refused"), the possessor of a stance ("Beijing's stance"), or the object of a
relation between actors ("dependence on Beijing"); it stays the city as a place ("in
Beijing", "Beijing visit", "Moscow's mayor"). Word lists are in ``kg.lexicons``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg import lexicons
from kg.extract.deps import CONJ, DIRECT_OBJECTS, NOMINAL_SUBJECTS, POBJ, POSSESSOR

if TYPE_CHECKING:
    from spacy.tokens import Span



def state_of_capital(span: Span) -> str | None:
    """The country a capital stands for in this sentence, or None when it is the city."""
    country = lexicons.country_of_capital(span.text)
    if country is None:
        return None
    token = span.root
    while token.dep_ == CONJ and token.head.i != token.i:  # "Moscow and Beijing agreed"
        token = token.head
    head = token.head
    # Subject of an action: "Beijing has so far refused", "Moscow acknowledges".
    if token.dep_ in NOMINAL_SUBJECTS:
        start = token.left_edge.i
        before = token.doc[start - 1] if start > 0 else None
        if before is not None and before.pos_ in {"ADP", "SCONJ"}:
            return None  # "leave for Washington to renegotiate": a destination
        return None if head.lemma_.lower() in lexicons.CITY_VERBS else country
    # Possessor of a stance or policy: "Beijing's stance" (but "Moscow's mayor").
    if token.dep_ == POSSESSOR:
        return None if head.lemma_.lower() in lexicons.CITY_NOUNS else country
    # Object of a relation between actors: "dependence on Beijing", "urged Washington".
    if token.dep_ == POBJ and head.head.lemma_.lower() in lexicons.ACTOR_HEADS:
        return country
    if token.dep_ in DIRECT_OBJECTS and head.lemma_.lower() in lexicons.ACTOR_HEADS:
        return country
    return None
