"""Amounts and changes stated with a fact: "fell by 8%", "$5 million", "almost halved".

:func:`parse` reads one quantity phrase into an amount and a unit (pure, no spaCy);
:func:`attached` finds the phrases that belong to a fact's verb in a parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from kg.extract.syntax import path_up, sentence_ents
from kg.lexicons.qualifiers import (
    AMOUNT_NUMBER_WORDS,
    APPROXIMATORS,
    CURRENCIES,
    FALL_VERBS,
    FRACTIONS,
    MULTIPLIER_VERBS,
    RATE_UNITS,
    RISE_VERBS,
    SCALES,
    UNIT_NAMES,
)
from kg.model import Direction, Quantity

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

NUMERIC_LABELS = {"PERCENT", "MONEY", "QUANTITY", "CARDINAL"}


def _decimal(value: Decimal) -> Decimal:
    """A plain decimal without exponent: 5E+6 -> 5000000, 27.50 -> 27.5."""
    value = value.normalize()
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value


def parse(text: str, label: str = "") -> tuple[Decimal | None, str | None, bool]:
    """(amount, unit, approximate) of a quantity phrase: "$5 million" -> (5000000, "USD").

    ``label`` is the NER label when known (PERCENT, MONEY, QUANTITY, CARDINAL).
    """
    t = " ".join(text.lower().replace(",", "").replace("’", "'").split())
    approximate = any(re.search(rf"(?<![\w$]){re.escape(w)}\b", t) for w in APPROXIMATORS)
    approximate = approximate or re.search(r"\d\s*(?:-|to)\s*\d", t) is not None  # "15-20"
    rate = re.search(r"\s(?:per|a) (day|week|month|year)$", t)  # "barrels per day"
    if rate:
        t = t[: rate.start()]
    unit: str | None = None
    currencies = sorted(CURRENCIES, key=len, reverse=True)
    for name in currencies if label in {"MONEY", "CARDINAL", ""} else ():
        if re.search(rf"(?:^|[\s\d-]){re.escape(name)}(?:$|[\s\d-])", t) or (
            not name[0].isalpha() and name in t
        ):
            unit = CURRENCIES[name]
            break
    if unit is None:
        for name in sorted(UNIT_NAMES, key=len, reverse=True):
            if re.search(rf"(?:^|[\s\d]){re.escape(name)}(?:$|\s)", t):
                unit = UNIT_NAMES[name]
                break
    if unit is None and label == "PERCENT":
        unit = "percent"
    amount = _amount(t)
    fraction = re.search(r"\b(?:half|third|quarter|fifth|tenth)\b", t)
    if unit is None and fraction and not re.search(r"\d", t):
        unit = "percent"  # "by about a third"
    if amount is not None and "bcm" in t.split():
        amount *= 10**9
    if unit is None and label in {"QUANTITY", "CARDINAL", ""}:
        words = re.findall(r"[a-z]+", t)
        words = [w for w in words if w not in SCALES and w not in AMOUNT_NUMBER_WORDS]
        words = [w for w in words if w not in APPROXIMATORS and w not in {"than", "of", "to"}]
        if words:
            unit = words[-1][:-1] if re.fullmatch(r"[a-z]+[^s]s", words[-1]) else words[-1]
    if rate and unit and " per " not in unit:
        unit = f"{unit} per {rate[1]}"
    return (_decimal(amount) if amount is not None else None), unit, approximate


def _amount(t: str) -> Decimal | None:
    m = re.search(r"(\d+(?:\.\d+)?)\s*(thousand|million|billion|trillion|mln|mn|bln|bn|trn|tn|"
                  r"hundred|k|m|b)?\b", t)  # fmt: skip
    if m:
        try:
            number = Decimal(m[1])
        except InvalidOperation:
            return None
        return number * SCALES[m[2]] if m[2] else number
    m = re.search(r"\b(?:a|one) (half|third|quarter|fifth|tenth)\b|\bhalf\b", t)
    if m:
        return FRACTIONS[m[1] or "half"]
    words = re.findall(r"[a-z]+", t)
    value: int | None = None
    for w in words:
        if w in AMOUNT_NUMBER_WORDS and not (w in {"a", "an"} and value is not None):
            value = (value or 0) + AMOUNT_NUMBER_WORDS[w]
        elif w in SCALES and w not in {"m", "b", "k"}:
            value = (value or 1) * SCALES[w]
    return Decimal(value) if value is not None and value != 0 else None


def direction_of(word: str) -> Direction:
    """The direction a verb or adverb of change states: "fell" -> down."""
    lemma = word.lower()
    if lemma in RISE_VERBS:
        return "up"
    if lemma in FALL_VERBS:
        return "down"
    return "none"


def attached(anchor: Token) -> tuple[Quantity, ...]:
    """Quantities that belong to the clause of ``anchor`` (a verb), in text order."""
    found = list(_from_entities(anchor))
    lemma = anchor.lemma_.lower()
    if lemma in MULTIPLIER_VERBS and not any(q.direction != "none" for q in found):
        amount, way = MULTIPLIER_VERBS[lemma]
        hedge = [c for c in anchor.children if c.dep_ == "advmod" and c.lower_ in APPROXIMATORS]
        start = min([anchor.i, *(h.i for h in hedge)])
        text = anchor.doc[start : anchor.i + 1].text
        found.append(Quantity(text, amount, "percent", way, bool(hedge)))
    if len(found) < 2:
        return tuple(found)
    text = anchor.doc.text  # Doc.text joins every token: built once, not once per quantity
    return tuple(sorted(found, key=lambda q: text.find(q.text)))


def _from_entities(anchor: Token) -> Iterator[Quantity]:
    sent: Span = anchor.sent
    verb_direction = direction_of(anchor.lemma_)
    for ent in sentence_ents(sent):
        if ent.label_ not in NUMERIC_LABELS:
            continue
        path = _path_to(ent.root, anchor)
        if path is None:
            continue
        if ent.label_ == "CARDINAL" and not _counts_something(ent):
            continue
        first = path[0] if path else ent.root
        role = first.lower_ if first.dep_ in {"prep", "advmod", "agent"} else first.dep_
        if role == "nsubj" or role == "nsubjpass":
            continue
        direction: Direction
        if role in {"by", "npadvmod", "dobj"} and verb_direction != "none":
            direction = verb_direction
        elif role in {"up", "down", "higher", "lower"}:
            direction = direction_of(role)
        else:
            direction = "none"  # a level ("to $5 million") or an amount
        text = ent.text
        rate = sent.doc[ent.end : ent.end + 2]  # "2.1 million barrels per day"
        if len(rate) == 2 and rate[0].lower_ in {"per", "a"} and rate[1].lower_ in RATE_UNITS:
            text = f"{text} per {rate[1].lower_}"
        unit_noun = ent.root.head if ent.label_ == "CARDINAL" else None
        if unit_noun is not None and unit_noun.i >= ent.end:
            text = sent.doc[ent.start : unit_noun.i + 1].text
        hedge = [t for t in sent.doc[max(sent.start, ent.start - 2) : ent.start]
                 if t.lower_ in APPROXIMATORS]  # fmt: skip
        amount, unit, approximate = parse(text, ent.label_)
        if amount is None:
            continue
        known = set(UNIT_NAMES.values()) | set(CURRENCIES.values())
        if unit_noun is not None and unit_noun.i >= ent.end and unit not in known:
            unit = unit_noun.lemma_.lower()
        if hedge:
            text = sent.doc[hedge[0].i : ent.end].text if unit_noun is None else text
        yield Quantity(text, amount, unit, direction, approximate or bool(hedge))


def _counts_something(ent: Span) -> bool:
    """A cardinal that counts a noun ("1,200 jobs") or is a fraction ("about a third")."""
    root = ent.root
    if any(w in ent.text.lower() for w in FRACTIONS):
        return True
    return root.dep_ == "nummod" and root.head.pos_ == "NOUN"


def _path_to(token: Token, anchor: Token) -> list[Token] | None:
    """The tokens from the anchor's dependent down to ``token``'s phrase, if it is attached.

    Climbs from the quantity through nouns, numbers and prepositions; stops at another verb.
    Returns the chain's top (the anchor's child) first, or None when the anchor is not reached.
    """
    return path_up(token, anchor, _verb_between)


def _verb_between(current: Token, head: Token) -> bool:
    return head.pos_ in {"VERB", "AUX"} and head.dep_ != "amod"
