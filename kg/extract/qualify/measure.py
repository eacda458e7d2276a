"""Measured relations: "Trade between Russia and China fell by 8%", "Chinese exports to Russia
fell by 27.5%". The subject of a verb of change or level is a trade noun whose own arguments
name the two parties; the fact is the relation the noun names (Russia trades with China,
China exports to Russia) and the verb supplies its quantity and time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.deps import TRADE_NOUN_MODIFIERS
from kg.lexicons.qualifiers import MEASURE_VERBS, TRADE_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Token


Frame = tuple["Token", str, str, "Token"]  # (subject token, verb, preposition, object token)


def frames(verb: Token) -> list[Frame]:
    """The relations the measured noun phrase of ``verb`` names, as token frames."""
    if verb.lemma_.lower() not in MEASURE_VERBS or verb.pos_ != "VERB":
        return []
    found: list[Frame] = []
    for subject in (c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}):
        noun = _trade_noun(subject)
        if noun is None:
            continue
        lemma, (action, far) = noun
        near = [c for c in subject.children if c.dep_ in TRADE_NOUN_MODIFIERS and c.pos_ != "NOUN"]
        near += [c for c in subject.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        for prep in (c for c in subject.children if c.dep_ == "prep"):
            objects = [p for p in prep.children if p.dep_ == "pobj"]
            if prep.lower_ == "between" and objects:
                first = objects[0]
                for other in first.conjuncts:
                    found.append((first, action, "with", other))
            elif prep.lower_ == far:
                for party in near:
                    for obj in objects:
                        found += [(party, action, far, o) for o in [obj, *obj.conjuncts]]
            elif prep.lower_ == "from" and far != "from":
                for obj in objects:
                    found += [(obj, action, far, o) for o in _far_objects(subject, far)]
    return found


def _trade_noun(subject: Token) -> tuple[str, tuple[str, str]] | None:
    for word in [subject, *(c for c in subject.children if c.dep_ == "compound")]:
        lemma = word.lemma_.lower()
        if word.pos_ == "NOUN" and lemma in TRADE_NOUNS:
            return lemma, TRADE_NOUNS[lemma]
    return None


def _far_objects(subject: Token, far: str) -> list[Token]:
    return [
        p
        for prep in subject.children
        if prep.dep_ == "prep" and prep.lower_ == far
        for p in prep.children
        if p.dep_ == "pobj"
    ]
