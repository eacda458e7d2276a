"""Who lends to whom, read from a loan noun and the verbs around it (rule ``loan``).

News names a loan by its noun far more often than by the verb "lend", and puts its two
parties in the noun phrase or in the verb over it:

- in the noun phrase: "a loan from the Export-Import Bank of Japan to Pemex", "a 1985 World
  Bank loan to Hungary", "a World Bank loan made to Argentina": the lender is the object of
  "from"; the borrower the object of "to" (on the noun, or on a participle after it: "made
  to") or "for" ("a loan for Jamaica");
- in the verb: the subject of a granting verb lends ("Citibank extended a 200 mln dlr credit
  to Brazil", "the IMF approved a loan for Jamaica"); the subject of an obtaining verb
  borrows ("Pemex signed for a loan from the Export-Import Bank", "Itel obtained a loan
  from Chemical Bank");
- a possessor or a name before the noun is whichever party the rest leaves open: the lender
  in "the World Bank's loan to Hungary" and "Pemex signed a Japan loan", the borrower in
  "Brazil's loans from commercial banks"; with neither party stated otherwise it is left
  alone ("the Brazil loan" is said of both);
- "X borrowed 300 mln dlrs from Y": Y lends to X; "X lent 500 mln dlrs to Y" is also the
  verb frame of the ontology's lexicon (:mod:`kg.extract.frames`), read here too for the
  parses that make "to Y" a dative, which frames do not read.

Both parties must be named (or a pronoun that resolves to a name). A loan that is only
planned, sought or refused states no lending: a word that makes it so on the noun
("a proposed loan") or a verb that weighs or stops it ("sought a loan", "rejected the
loan"), as for acquisitions (:data:`~kg.lexicons.deals.UNDONE_DEAL_WORDS`,
:data:`~kg.lexicons.deals.UNDOING_VERBS`); a negated verb likewise. Modality from the
clause ("will extend a loan") is the qualifiers' (the loan noun is the anchor).

Only pass 3 (:mod:`kg.extract.passes.p3_relations`) calls :func:`relations`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg.extract import syntax
from kg.extract.deps import POBJ, PREP
from kg.extract.passes.p2_arguments import arguments
from kg.lexicons.deals import (
    GRANTING_VERBS,
    LOAN_NOUNS,
    OBTAINING_VERBS,
    UNDOING_VERBS,
    UNDONE_DEAL_WORDS,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.reader import Reader
    from kg.model import Mention


Found = tuple["Token", "Mention", str, "Mention", str]
TO_DATIVE = frozenset({PREP, "dative"})
LENDERS = {"Organization", "Country"}
BORROWERS = {"Organization", "Country", "Place", "Person"}


def relations(reader: Reader, sent: Span) -> Iterator[Found]:
    """The lending facts of one sentence."""
    for token in reader.sentence(sent):
        lemma, pos = reader.lemmas[token.i], reader.pos[token.i]
        if pos == "NOUN" and lemma in LOAN_NOUNS:
            yield from _loan(reader, token)
        elif pos == "VERB" and lemma in {"borrow", "lend"}:
            yield from _verb(reader, token, lemma)


def _loan(reader: Reader, noun: Token) -> Iterator[Found]:
    if any(c.lower_ in UNDONE_DEAL_WORDS for c in noun.children):
        return
    verb = noun.head.head if noun.dep_ == POBJ else noun.head  # "signed for a loan"
    if verb.pos_ in {"VERB", "AUX"} and _undone(verb):
        return
    lenders = _objects(noun, {"from"})
    borrowers = _objects(noun, {"to", "for"})
    borrowers += [  # "a World Bank loan made to Argentina"
        p for c in noun.children if c.dep_ == "acl" for p in _objects(c, {"to", "for"})
    ]
    if verb.pos_ == "VERB" and noun.dep_ in {"dobj", POBJ}:
        verb_lemma = verb.lemma_.lower()
        subjects, how = syntax.subjects(verb)
        if how == "bare-passive":
            subjects = []
        if verb_lemma in GRANTING_VERBS:
            lenders += subjects
            borrowers += _objects(verb, {"to", "for"})
        elif verb_lemma in OBTAINING_VERBS:
            borrowers += subjects
            lenders += _objects(verb, {"from"})
    # A possessor or a name before the noun is either party ("the World Bank's loan to
    # Hungary", "Brazil's loans from commercial banks"): the one the phrase leaves open.
    modifiers = [c for c in noun.children if c.dep_ in {"poss", "compound"}]
    if borrowers and not lenders:
        lenders = modifiers
    elif lenders and not borrowers:
        borrowers = modifiers
    yield from _pairs(reader, noun, lenders, borrowers)


def _verb(reader: Reader, verb: Token, lemma: str) -> Iterator[Found]:
    """ "X borrowed 300 mln dlrs from Y" -> Y lends to X; "X lent 200 mln dlrs to Y" where
    the parser makes "to Y" a dative, which the verb frames do not read."""
    if _undone(verb):
        return
    subjects, how = syntax.subjects(verb)
    if how in {"passive", "bare-passive"}:
        return
    if lemma == "borrow":
        yield from _pairs(reader, verb, _objects(verb, {"from"}), subjects)
    else:
        yield from _pairs(reader, verb, subjects, _objects(verb, {"to"}))


def _undone(verb: Token) -> bool:
    return verb.lemma_.lower() in UNDOING_VERBS or any(c.dep_ == "neg" for c in verb.children)


def _pairs(
    reader: Reader, anchor: Token, lenders: list[Token], borrowers: list[Token]
) -> Iterator[Found]:
    seen: set[tuple[str, str]] = set()
    for a in lenders:
        for lender in _named(reader, a, LENDERS):
            for b in borrowers:
                for borrower in _named(reader, b, BORROWERS):
                    ends = (syntax.name_key(lender), syntax.name_key(borrower))
                    if ends[0] != ends[1] and ends not in seen:
                        seen.add(ends)
                        yield anchor, lender, "lendsTo", borrower, "loan"


def _named(reader: Reader, token: Token, types: set[str]) -> list[Mention]:
    return [
        m
        for m in arguments(reader, token, concepts=False)
        if m.type in types and (m.named or m.refers_to)
    ]


def _objects(head: Token, words: set[str]) -> list[Token]:
    """The objects of the head's prepositions ``words``, a dative's too ("lent 500 mln dlrs
    to Y", "a loan made to Argentina": the parser's dative "to")."""
    return syntax.prep_objects(head, words, TO_DATIVE)
