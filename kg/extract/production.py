"""Who produces which goods, read from a noun of production (rule ``production``).

Commodity news states production by a noun far more than by the verb: "Brazil's coffee
crop", "Soviet grain output", "the Ivory Coast cocoa harvest", "copper production in
Chile", "Zambia's production of copper", "Inco Ltd's nickel output", and the growing area
of a crop: "the Bahia cocoa zone". Each makes the place, country or company a producer of
the goods (``produces``):

- the goods are a commodity or product named before the noun ("coffee crop") or after it
  by "of" ("production of copper");
- the producer is the noun's possessor (a pronoun resolved: "GM said its U.S. car
  production fell" is GM's, a place before the goods then says only where); else a name
  or a demonym before the noun or before the goods ("Soviet grain output", "the Bahia
  cocoa zone"), or the object of "in" or "of" after the noun ("grain harvest in the Soviet
  Union", "the coffee crop of Colombia").

The noun must be one of :data:`~kg.lexicons.deals.PRODUCTION_NOUNS`; a generic noun
("the crop") or a noun without named goods states nothing.

Only pass 3 (:mod:`kg.extract.passes.p3_relations`) calls :func:`relations`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg.extract import syntax
from kg.extract.passes.p2_arguments import argument
from kg.lexicons.deals import PRODUCTION_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.reader import Reader
    from kg.model import Mention


Found = tuple["Token", "Mention", str, "Mention", str]
PRODUCERS = {"Country", "Place", "Organization"}
GOODS = {"Commodity", "Product"}


def relations(reader: Reader, sent: Span) -> Iterator[Found]:
    """The production facts of one sentence."""
    for token in reader.where(sent, "NOUN", PRODUCTION_NOUNS):
        yield from _production(reader, token)


def _production(reader: Reader, noun: Token) -> Iterator[Found]:
    before = [c for c in noun.children if c.dep_ in {"compound", "amod", "poss", "nmod"}]
    of = syntax.prep_objects(noun, {"of"})
    goods = _mentions(reader, [*before, *of], GOODS)
    # A possessor produces ("GM said its U.S. car production fell": GM's, in the U.S.);
    # else a name before the noun or the goods ("the Bahia cocoa zone", "Soviet grain
    # output"), or after it ("grain harvest in the Soviet Union").
    owners = [c for c in noun.children if c.dep_ == "poss"]
    producers = [
        m for c in owners if (m := argument(reader, c, concepts=False)) and m.type in PRODUCERS
    ]
    if not owners:
        around = [c for g in before for c in g.children if c.dep_ in {"compound", "amod"}]
        places = syntax.prep_objects(noun, {"in"})
        producers = _mentions(reader, [*before, *around, *of, *places], PRODUCERS)
    seen: set[tuple[str, str]] = set()
    for producer in producers:
        for item in goods:
            ends = (syntax.name_key(producer), syntax.name_key(item))
            if ends[0] != ends[1] and ends not in seen:
                seen.add(ends)
                yield noun, producer, "produces", item, "production"


def _mentions(reader: Reader, tokens: list[Token], types: set[str]) -> list[Mention]:
    """The mentions of these tokens of the given types: names, demonyms ("Soviet") and the
    commodity nouns the mentions pass found."""
    found: list[Mention] = []
    for token in tokens:
        mention = reader.by_token.get(token.i)
        if mention is not None and mention.type in types and mention not in found:
            found.append(mention)
    return found
