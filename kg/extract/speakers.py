"""A bare title before a speaker's name in a sentence about one organisation (rule
``title-speaker``): "Qantas Airways Ltd has placed an order ..., chairman Jim Leslie said"
and "Boeing Co said chairman Frank Shrontz would retire" make the person the holder of the
title at the organisation the other clause names as its subject.

The title must be a title noun of the lexicon (a frame ``{s} is TITLE of {o}``: chairman,
president, vice president, director ...) written in lower case before the name, with no
organisation of its own ("Qantas chairman Jim Leslie" is the title frame's) and no
outsider's role ("analyst", ``OUTSIDE_ROLES``); and the speech frame must name exactly one
organisation, not a coordination, as the subject of the other clause.

Only pass 3 (:mod:`kg.extract.passes.p3_relations`) calls :func:`relations`; each result is
(anchor token, subject, property, object, rule), turned into a fact there.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg.extract import syntax
from kg.extract.deps import NOMINAL_SUBJECTS
from kg.lexicons.names import OUTSIDE_ROLES
from kg.lexicons.qualifiers import SPEECH_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.reader import Reader
    from kg.model import Mention


Found = tuple["Token", "Mention", str, "Mention", str]


def relations(reader: Reader, sent: Span) -> Iterator[Found]:
    """The title facts of the speakers (and the people spoken of) in one sentence."""
    for token in reader.sentence(sent):
        person = reader.by_token.get(token.i)
        if person is None or person.type != "Person" or token.dep_ not in NOMINAL_SUBJECTS:
            continue
        if reader.by_token.get(token.i + 1) is person:
            continue  # not the last token of the name
        title = _bare_title(reader, token, person)
        if title is None:
            continue
        noun, predicate = title
        companies = {(m.refers_to or m.text): m for m in _other_clause_subjects(reader, token)}
        if len(companies) == 1:
            (company,) = companies.values()
            yield noun, person, predicate, company, "title-speaker"


def _bare_title(reader: Reader, name: Token, person: Mention) -> tuple[Token, str] | None:
    """The lower-case title noun before a name and its lexicon property, when the title has
    no organisation or place of its own."""
    for child in name.children:
        if child.dep_ != "compound" or child.pos_ != "NOUN" or not child.text.islower():
            continue
        if reader.by_token.get(child.i) is person:
            continue
        if any(c.dep_ in {"poss", "compound", "prep"} and c.i in reader.by_token
               for c in child.subtree if c is not child):  # fmt: skip
            return None  # "Qantas chairman", "chairman of Qantas": the title frame's
        predicate = reader.frames.get(f"{{s}} is {syntax.title_phrase(child)} of {{o}}")
        if predicate is not None and child.lemma_.lower() not in OUTSIDE_ROLES:
            return child, predicate
    return None


def _other_clause_subjects(reader: Reader, name: Token) -> list[Mention]:
    """The named organisations that are the subject of the other clause of a speech frame:
    the reported clause when the name says it, the saying clause when the name is spoken of."""
    verb = name.head
    clauses: list[Token] = []
    if verb.lemma_.lower() in SPEECH_VERBS:
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    elif verb.dep_ == "ccomp" and verb.head.lemma_.lower() in SPEECH_VERBS:
        clauses = [verb.head]
    found: list[Mention] = []
    for clause in clauses:
        for subject in (c for c in clause.children if c.dep_ in NOMINAL_SUBJECTS):
            mention = reader.by_token.get(subject.i)
            if any(c.dep_ == "conj" for c in subject.children):
                return []  # "Boeing and Airbus will merge": not one organisation
            if mention is not None and mention.named and mention.type == "Organization":
                found.append(mention)
    return found
