"""Pass 2 of :mod:`kg.extract`: what an argument token stands for.

======== ====================================================================================
requires ``sentences``, ``by_token`` (pass 1); ``current`` and ``titles`` (pass 3, as it reads)
assigns  ``discourse``: per sentence, the last person and the last organisation or country in
         subject position *before* it (what he/she and it can stand for there)
======== ====================================================================================

:func:`run` takes the discourse snapshots of every sentence from the mentions alone, so no
later pass updates them. :func:`argument` then resolves a token against the records: a
token of a mention is that mention; a relative pronoun stands for its antecedent; he/she/it
for the snapshot of the sentence being read (an antecedent earlier in the same sentence
wins); "the Russian leader" for the person who carried that title (``titles``, which the
title frames of pass 3 record as they are read); another noun for a concept. The readers of
pass 3 (and the attribution of pass 4) call it; it reads, never assigns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg import lexicons
from kg.extract import syntax
from kg.extract.deps import (
    APPOSITION,
    MODIFIERS,
    NOMINAL_SUBJECTS,
    OBJECTS,
    POBJ,
    PREP,
    RELCL,
    SUBJECTS,
)
from kg.extract.reader import Discourse, Reader
from kg.lexicons.names import (
    GOODS_MEASURES,
    INSTRUMENT_NOUNS,
    PERSONAL_PRONOUNS,
    RELATIVE_PRONOUNS,
    THING_PRONOUNS,
)
from kg.model import Mention

if TYPE_CHECKING:
    from spacy.tokens import Token


#: What "it" and "its" stand for: an organisation or a country; a city or a region is
#: rarely "it" in news ("he declined to discuss it", said after "a Zurich court").
THING_TYPES = frozenset({"Organization", "Country"})


def run(reader: Reader) -> None:
    """Remember, before each sentence, the last person, and the last organisation or country
    in subject position."""
    discourse = Discourse()
    for sent in reader.sentences:
        reader.discourse[sent.start] = discourse
        last_person, last_thing = discourse.last_person, discourse.last_thing
        for token in reader.sentence(sent):
            mention = reader.by_token.get(token.i)
            if mention is None:
                continue
            if mention.type == "Person":
                last_person = mention
            elif mention.type in THING_TYPES and token.dep_ in SUBJECTS:
                last_thing = mention
        discourse = Discourse(last_person, last_thing)


def arguments(reader: Reader, token: Token, *, concepts: bool = True) -> list[Mention]:
    """The mentions an argument token stands for, conjuncts included."""
    found: list[Mention] = []
    for item in [token, *token.conjuncts]:
        mention = argument(reader, item, concepts=concepts)
        if mention is not None and mention not in found:
            found.append(mention)
        # "clearing agencies Cedel and Euroclear": every name of the list in apposition
        for child in item.children:
            if child.dep_ == APPOSITION and child.i in reader.by_token:
                for named in child.conjuncts:
                    more = reader.by_token.get(named.i)
                    if more is not None and more.named and more not in found:
                        found.append(more)
    return found


def argument(reader: Reader, token: Token, *, concepts: bool) -> Mention | None:
    if token.i in reader.by_token:
        return reader.by_token[token.i]
    lower, pos, lemma = reader.lowers[token.i], reader.pos[token.i], reader.lemmas[token.i]
    # A relative pronoun stands for the noun its clause modifies.
    if lower in RELATIVE_PRONOUNS:
        clause = token.head
        while clause.dep_ != RELCL and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ == RELCL:
            antecedent = clause.head
            if antecedent.lemma_.lower() in INSTRUMENT_NOUNS and antecedent.dep_ in OBJECTS:
                # "Oswald fired the shots that killed Kennedy": who used the instrument did it.
                agents, _ = syntax.subjects(antecedent.head)
                for agent in agents:
                    found = argument(reader, agent, concepts=False)
                    if found is not None:
                        return found
            return argument(reader, antecedent, concepts=concepts)
        return None
    if pos == "PRON":
        return pronoun(reader, token)
    # A title noun with a name in apposition stands for the person ("his counterpart Xi").
    for child in token.children:
        if child.dep_ == APPOSITION and child.i in reader.by_token:
            return reader.by_token[child.i]
    # A noun in apposition to a name stands for it: "Oswald, the man who killed Kennedy".
    if token.dep_ == APPOSITION and pos == "NOUN" and token.head.i in reader.by_token:
        named = reader.by_token[token.head.i]
        if named.named and named.type == "Person":
            return named
    if pos == "NOUN" and lemma in GOODS_MEASURES:
        measured = [  # "5 mln tonnes of wheat": the wheat
            p
            for c in token.children
            if c.dep_ == PREP and c.lower_ == "of"
            for p in c.children
            if p.dep_ == POBJ
        ]
        for goods in measured:
            found = argument(reader, goods, concepts=concepts)
            if found is not None:
                return found
    if pos == "NOUN":
        described = _description(reader, token) if reader.titles else None
        if described is not None:
            return described
        if concepts and lemma not in lexicons.VACUOUS_NOUNS:
            span = syntax.concept_span(token)
            return reader.mention(span, "Concept", named=False)
    return None


def pronoun(reader: Reader, token: Token) -> Mention | None:
    """He/his -> the last person; it/its -> the last organisation or country in subject role."""
    lower = token.lower_
    assert reader.current is not None, "pronouns are resolved in a sentence being read"
    discourse = reader.discourse[reader.current.start]
    if lower in PERSONAL_PRONOUNS:
        wanted, target = frozenset({"Person"}), discourse.last_person
    elif lower in THING_PRONOUNS:
        wanted, target = THING_TYPES, discourse.last_thing
    else:
        return None
    # An antecedent earlier in the same sentence wins ("Putin and his counterpart"); for a
    # subject or possessive pronoun, a subject before any other ("Range Rover Inc, a unit of
    # Land Rover Group, said it ..."), not for an object ("Mobil bought oil from China and
    # sold it lubricant": no clause's subject is its own object).
    earlier = [
        (i, c)
        for i in range(token.i - 1, token.sent.start - 1, -1)
        if (c := reader.by_token.get(i)) is not None and c.type in wanted and c.named
    ]
    subjects = [c for i, c in earlier if _subject(token.doc[i])]
    if token.dep_ not in NOMINAL_SUBJECTS and token.dep_ != "poss":
        subjects = []
    # "Oliver North and his boss": a possessive on a conjunct is its partner's
    partner = reader.by_token.get(token.head.head.i) if (
        token.dep_ == "poss" and token.head.dep_ == "conj") else None
    if partner is not None and partner.type in wanted and partner.named:
        target = partner
    elif subjects or earlier:
        target = subjects[0] if subjects else earlier[0][1]
    if target is None:
        return None
    span = token.doc[token.i : token.i + 1]
    name = target.refers_to or target.text
    return reader.mention(span, target.type, refers_to=name, named=False)


def _subject(token: Token) -> bool:
    """A clause's subject, or a name in apposition to one ("Mexican state oil firm Petroleos
    Mexicanos (Pemex) signed ...": the name is what the subject stands for)."""
    if token.dep_ in NOMINAL_SUBJECTS:
        return True
    return token.dep_ == APPOSITION and token.head.dep_ in NOMINAL_SUBJECTS


def _description(reader: Reader, token: Token) -> Mention | None:
    """A definite description that names a title seen before: "the Russian leader"."""
    if not any(c.lower_ == "the" for c in token.lefts):
        return None
    title = token.lemma_.lower()
    nationality = " ".join(c.lower_ for c in token.lefts if c.dep_ in MODIFIERS)
    person = reader.titles.get(f"{nationality} {title}".strip()) or (
        None if nationality else reader.titles.get(title)
    )
    if person is None:
        return None
    start = min(c.i for c in token.lefts if c.lower_ == "the")
    span = token.doc[start : token.i + 1]
    return reader.mention(span, "Person", refers_to=person, named=False)


def source(reader: Reader, token: Token) -> Mention | None:
    """The mention a token belongs to, for attribution (pronouns resolved: "he added")."""
    if token.i in reader.by_token:
        return reader.by_token[token.i]
    return pronoun(reader, token) if token.pos_ == "PRON" else None
