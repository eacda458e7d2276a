"""Capital-for-state metonymy, part of the extraction stage: when "Beijing" means China.

A capital names the state as a political actor when it is the subject of an action
("Beijing has refused"), the possessor of a stance ("Beijing's stance"), or the object of a
relation between actors ("dependence on Beijing"); it stays the city as a place ("in
Beijing", "Beijing visit", "Moscow's mayor") and as the home of a market, a price or a firm
("London's futures market", "Ottawa's largest caterer"). Word lists are in ``kg.lexicons``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg import lexicons
from kg.extract.deps import CONJ, DIRECT_OBJECTS, NOMINAL_SUBJECTS, POBJ, POSSESSOR

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


#: Superlatives of size: "largest caterer" ranks the city's businesses (but see
#: ``lexicons.RELATION_NOUNS``: "largest trading partner" ranks the state's).
SIZE_SUPERLATIVES = ("largest", "biggest")


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
    # Possessor of a stance or policy: "Beijing's stance" (but "Moscow's mayor", "London's
    # futures market", "Ottawa's largest caterer": the city's people, trade and firms).
    if token.dep_ == POSSESSOR:
        return None if _city_possession(head) else country
    # Object of a relation between actors: "dependence on Beijing", "urged Washington".
    if token.dep_ == POBJ and head.head.lemma_.lower() in lexicons.ACTOR_HEADS:
        return country
    if token.dep_ in DIRECT_OBJECTS and head.lemma_.lower() in lexicons.ACTOR_HEADS:
        return country
    return None


def _city_possession(noun: Token) -> bool:
    """Whether what a capital possesses belongs to the city: its residents and streets
    (``lexicons.CITY_NOUNS``), its markets, prices and firms (``CITY_TRADE_NOUNS``), or a
    business ranked by size ("Ottawa's largest caterer", "London's biggest bank")."""
    word = noun.lower_
    if word in lexicons.CITY_NOUNS or noun.lemma_.lower() in lexicons.CITY_NOUNS:
        return True
    if any(child.lower_.endswith(SIZE_SUPERLATIVES) for child in noun.lefts):
        return word not in lexicons.RELATION_NOUNS
    return word in lexicons.CITY_TRADE_NOUNS
