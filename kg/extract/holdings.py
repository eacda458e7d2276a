"""Ownership and bases stated by noun phrases around company names (rules ``unit``,
``stake-possessive`` and ``based-apposition``; the stake frames, "bought a 10 pct stake in
X", are verb frames of :mod:`kg.extract.frames`).

- A unit noun between two companies: "Pratt and Whitney, a unit of United Technologies
  Corp", "United Technologies Corp's Pratt and Whitney unit", "Sunbeam Corp, an Allegheny
  International Inc unit", the wire's "Allegheny International Inc unit Sunbeam Corp" and
  "GE's financial arm, General Electric Financial Services Inc" make the owned company a
  unit of the owner; "Citicorp, the parent of Citibank" the other way round
  (:data:`~kg.lexicons.deals.UNIT_NOUNS`, :data:`~kg.lexicons.deals.PARENT_NOUNS`).
- A possessor's stake: "the Wallenbergs' stake in Swedish Match", "its stake in X" -> owns
  stake in.
- A company's company: "all or part of its Shearson Lehman Brothers Inc", "American
  Express's Shearson" -> owns (rule ``possessive-owner``): both organisations, the possessor
  named or a pronoun for one; not a country's ("Britain's Rolls-Royce": where it is based)
  nor a person's ("Craxi's Socialist Party").
- A company bought whole, by an acquisition noun: "its December 1986 acquisition of
  <Anixter Bros Inc>", "the takeover of Y by X", "X completed the acquisition of Y" ->
  acquires (rule ``acquisition``); not
  for a plan or an attempt ("the proposed acquisition of"), nor under a verb that stops
  or weighs it ("blocked the takeover of"); the possessor may be a pronoun ("its").
- A company in apposition to "a PLACE-based company": "Bryson Oil and Gas Plc, a
  Belfast-based company" is based there ("the Frankfurt-based Commerzbank", the name after
  the adjective, is :mod:`kg.extract.surface`'s).

Only pass 3 (:mod:`kg.extract.passes.p3_relations`) calls :func:`relations`; each result is
(anchor token, subject, property, object, rule), turned into a fact there.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg.extract import syntax
from kg.extract.deps import AGENT, APPOSITION, POBJ, PREP
from kg.extract.passes.p2_arguments import arguments
from kg.lexicons.deals import (
    ACQUISITION_NOUNS,
    BODY_WORDS,
    COMPLETING_VERBS,
    PARENT_NOUNS,
    STAKE_NOUNS,
    UNDOING_VERBS,
    UNDONE_DEAL_WORDS,
    UNIT_NOUNS,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.reader import Reader
    from kg.model import Mention


Found = tuple["Token", "Mention", str, "Mention", str]
COMPANY = "Organization"
PLACES = {"Place", "Country"}


def relations(reader: Reader, sent: Span) -> Iterator[Found]:
    """The ownership and base relations the noun phrases of one sentence state."""
    for token in reader.sentence(sent):
        if reader.pos[token.i] == "PROPN":
            yield from _possessed_company(reader, token)
            continue
        if reader.pos[token.i] != "NOUN":
            continue
        lemma = reader.lemmas[token.i]
        if lemma in UNIT_NOUNS or lemma in PARENT_NOUNS:
            yield from _unit(reader, token, parent=lemma in PARENT_NOUNS)
        elif lemma in STAKE_NOUNS:
            yield from _possessed_stake(reader, token)
        elif lemma in ACQUISITION_NOUNS:
            yield from _acquisition(reader, token)
        elif token.dep_ == APPOSITION:
            yield from _based_apposition(reader, token)


def _company(reader: Reader, token: Token) -> Mention | None:
    """The named company a token is part of."""
    mention = reader.by_token.get(token.i)
    if mention is not None and mention.named and mention.type == COMPANY:
        return mention
    return None


def _unit(reader: Reader, noun: Token, parent: bool) -> Iterator[Found]:
    """ "X, a unit of Y", "Y's X unit", "X, a Y unit", "Y unit X", "Y's unit, X" -> X unit of
    Y; "X, the parent of Y" and "Y's parent, X" -> Y unit of X."""
    owners = [
        m
        for prep in noun.children
        if prep.dep_ == PREP and prep.lower_ == "of"
        for pobj in prep.children
        if pobj.dep_ == POBJ and (m := _company(reader, pobj)) is not None
    ]
    possessors = [m for c in noun.children if c.dep_ == "poss" and (m := _company(reader, c))]
    compounds = [m for c in noun.children  # "United Technologies Corp <UTX> unit": nmod
                 if c.dep_ in {"compound", "nmod"} and (m := _company(reader, c))]
    owned: list[Mention] = []
    if noun.dep_ in {APPOSITION, "compound"} and (m := _company(reader, noun.head)) is not None:
        owned.append(m)  # "X, a unit of Y", "X, a Y unit"; "Y unit X"
    named = [m for c in noun.children if c.dep_ == APPOSITION and (m := _company(reader, c))]
    owned += named  # "Y's unit, X"
    if not parent:
        owners += possessors
        if possessors:
            owned += compounds  # "Y's X unit": the name before the noun is the unit's
        elif owned:
            owners += compounds  # "X, a Y unit", "Y unit X": the name before it the owner's
    elif named:
        owners += possessors  # "Y's parent, X"
    for a in owned:
        for b in owners:
            if a is b or (a.refers_to or a.text) == (b.refers_to or b.text):
                continue
            if parent:
                yield noun, b, "unitOf", a, "unit"
            else:
                yield noun, a, "unitOf", b, "unit"


def _possessed_stake(reader: Reader, noun: Token) -> Iterator[Found]:
    """ "the Wallenbergs' stake in Swedish Match": the named possessor owns a stake in the
    named company (a verb's stake, "bought a stake in", is a frame of kg.extract.frames)."""
    holders = [
        m
        for c in noun.children
        if c.dep_ == "poss"
        for m in arguments(reader, c, concepts=False)
        if m.named or m.refers_to  # a name, or a pronoun for one: "its stake in X"
    ]
    for prep in (c for c in noun.children if c.dep_ == PREP and c.lower_ == "in"):
        for pobj in (p for p in prep.children if p.dep_ == POBJ):
            company = _company(reader, pobj)
            for holder in holders:
                if company is not None and holder is not company:
                    yield noun, holder, "ownsStakeIn", company, "stake-possessive"


def _possessed_company(reader: Reader, token: Token) -> Iterator[Found]:
    """ "its Shearson Lehman Brothers Inc", "American Express's Shearson": the possessor, an
    organisation (named, or a pronoun resolved to one), owns the company the name heads."""
    owned = _company(reader, token)
    if owned is None or reader.by_token.get(token.head.i) is owned or token.dep_ == "compound":
        return  # not a company, not the head word of its name, or a noun's modifier
    if any(c.dep_ == "conj" for c in token.children):
        return  # "Rohr's Chula Vista and Riverside plants": the possessive is the list's
    if any(w.lower() in BODY_WORDS for w in owned.text.split()):
        return  # "its Board of Directors", "the EC's Brussels Commission": a body of it
    for c in token.children:
        if c.dep_ != "poss":
            continue
        for owner in arguments(reader, c, concepts=False):
            if owner.type == COMPANY and (owner.named or owner.refers_to) \
                    and syntax.name_key(owner) != syntax.name_key(owned):
                yield token, owner, "owns", owned, "possessive-owner"


def _based_apposition(reader: Reader, noun: Token) -> Iterator[Found]:
    """ "X, a Belfast-based company": the company in apposition is based in the place."""
    company = _company(reader, noun.head)
    if company is None or noun.i < 3:
        return
    doc = noun.doc
    for based in (t for t in noun.children if t.lower_ == "based" and t.i < noun.i):
        at = based.i - 1
        if doc[at].text == "-":
            at -= 1
        place = reader.by_token.get(at)
        if place is not None and place.named and place.type in PLACES:
            yield based, company, "basedIn", place, "based-apposition"


def _acquisition(reader: Reader, noun: Token) -> Iterator[Found]:
    """ "X's acquisition of Y", "the acquisition of Y by X", "Y's takeover by X" -> X
    acquires Y, both named (or a pronoun for one): X a company or a person, Y a company."""
    if any(c.lower_ in UNDONE_DEAL_WORDS for c in noun.children):
        return
    head = noun.head.head if noun.dep_ == POBJ else noun.head
    if head.lemma_.lower() in UNDOING_VERBS or any(c.dep_ == "neg" for c in head.children):
        return
    owners = [c for c in noun.children if c.dep_ == "poss"]
    of = syntax.prep_objects(noun, {"of"})
    # "the acquisition of Y by X": the parser often hangs "by X" on Y's name
    by = [
        *syntax.prep_objects(noun, {"by"}, frozenset({PREP, AGENT})),
        *(p for o in of for p in syntax.prep_objects(o, {"by"})),
    ]
    buyers, bought = (by, of or owners) if by else (owners, of)
    if not buyers and noun.dep_ == "dobj" and head.lemma_.lower() in COMPLETING_VERBS:
        buyers, _ = syntax.subjects(head)  # "X completed the acquisition of Y"
    for b in bought:
        for target in arguments(reader, b, concepts=False):
            if target.type != COMPANY:
                continue
            for a in buyers:
                for buyer in arguments(reader, a, concepts=False):
                    same = (buyer.refers_to or buyer.text) == (target.refers_to or target.text)
                    if buyer.type in {COMPANY, "Person"} and not same:
                        yield noun, buyer, "acquires", target, "acquisition"
