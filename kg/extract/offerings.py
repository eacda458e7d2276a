"""The banks that underwrite a company's offering of securities (rule ``underwriter``).

Wire stories about an offering name the issuer once as the one that offers, sells, raises
or prices ("Hallmark Stores Inc is raising 137 mln dlrs through a three-tranche offering",
"Occidental Petroleum Corp said its common stock offering has been increased") and the
banks apart, by their role: "said lead underwriter Salomon Brothers Inc", "The underwriters
are Drexel Burnham Lambert Inc, Kidder Peabody and Co Inc and Salomon Brothers Inc", "the
offering is underwritten by X", "X is the underwriter". Each such bank underwrites the
issuer (``underwrites``) when the story has exactly one issuer; with two issuers, or none,
nothing is read (a bank named as an underwriter in a story about another deal is left
alone).

The issuer is an organisation that is the subject of a verb whose object or prepositional
phrase holds an offering noun (:data:`~kg.lexicons.deals.OFFERING_NOUNS`), or the possessor
or name-modifier of an offering noun ("its offering", "the entire Hallmark offering").

Only pass 3 (:mod:`kg.extract.passes.p3_relations`) calls :func:`relations`, once, after
every sentence is read: the issuer and the banks are often sentences apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg.extract import syntax
from kg.extract.deps import AGENT, APPOSITION, NOMINAL_SUBJECTS, POBJ, PREP
from kg.extract.evidence import Candidate, candidate
from kg.extract.passes.p2_arguments import arguments
from kg.lexicons.deals import ISSUING_VERBS, OFFERING_NOUNS, UNDERWRITER_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.reader import Reader
    from kg.model import Mention

COMPANY = "Organization"


def relations(reader: Reader) -> Iterator[Candidate]:
    """The underwriting facts of a whole story."""
    issuers: dict[str, Mention] = {}
    banks: list[tuple[Span, Token, Mention]] = []
    for sent in reader.sentences:
        reader.current = sent  # pronouns ("its offering") resolve in the sentence read
        for token in reader.sentence(sent):
            lemma, pos = reader.lemmas[token.i], reader.pos[token.i]
            if pos == "NOUN" and lemma in OFFERING_NOUNS:
                for m in _issuers(reader, token):
                    known = issuers.get(syntax.name_key(m))
                    if known is None or (m.named and not known.named):  # a name over "its"
                        issuers[syntax.name_key(m)] = m
            elif pos == "NOUN" and lemma in UNDERWRITER_NOUNS:
                banks += [(sent, token, m) for m in _named_by_role(reader, token)]
            elif pos == "VERB" and lemma == "underwrite":
                banks += [(sent, token, m) for m in _underwriting(reader, token)]
    reader.current = None
    if len(issuers) != 1 or not banks:
        return
    (issuer,) = issuers.values()
    seen: set[str] = set()
    for sent, anchor, bank in banks:
        key = syntax.name_key(bank)
        if key != syntax.name_key(issuer) and key not in seen:
            seen.add(key)
            yield candidate(sent, anchor, bank, "underwrites", issuer, "underwriter", "")


def _issuers(reader: Reader, noun: Token) -> list[Mention]:
    """The companies an offering noun is of: its possessor or name-modifier, else the
    subject of the issuing verb it is the object (or in a phrase of)."""
    found = [
        m
        for c in noun.children
        if c.dep_ in {"poss", "compound"}
        for m in arguments(reader, c, concepts=False)
    ]
    head = noun.head
    if noun.dep_ == POBJ:
        head = head.head
    if not found and head.pos_ == "VERB" and head.lemma_.lower() in ISSUING_VERBS:
        found = [
            m
            for c in head.children
            if c.dep_ in NOMINAL_SUBJECTS
            for m in arguments(reader, c, concepts=False)
        ]
    return [m for m in found if m.type == COMPANY and (m.named or m.refers_to)]


def _named_by_role(reader: Reader, noun: Token) -> list[Mention]:
    """The companies an underwriter noun names: "lead underwriter X", "X, the underwriter",
    "the underwriters are X, Y and Z", "X is the underwriter"."""
    tokens: list[Token] = []
    if noun.dep_ == "compound" or noun.dep_ == APPOSITION:
        tokens.append(noun.head)  # "lead underwriter Salomon Brothers Inc", "X, the underwriter"
    tokens += [c for c in noun.children if c.dep_ == APPOSITION]
    head = noun.head
    if noun.dep_ in NOMINAL_SUBJECTS and head.lemma_ == "be":
        tokens += [c for c in head.children if c.dep_ == "attr"]  # "the underwriters are X"
    elif noun.dep_ == "attr" and head.lemma_ == "be":
        tokens += [c for c in head.children if c.dep_ in NOMINAL_SUBJECTS]  # "X is the underwriter"
    return [
        m
        for t in tokens
        for m in arguments(reader, t, concepts=False)
        if m.type == COMPANY and m.named
    ]


def _underwriting(reader: Reader, verb: Token) -> list[Mention]:
    """The banks of "X underwrites the offering" and "the offering is underwritten by X"."""
    tokens = [c for c in verb.children if c.dep_ == "nsubj"]
    tokens += [
        p
        for c in verb.children
        if c.dep_ in {AGENT, PREP} and c.lower_ == "by"
        for p in c.children
        if p.dep_ == POBJ
    ]
    return [
        m
        for t in tokens
        for m in arguments(reader, t, concepts=False)
        if m.type == COMPANY and m.named
    ]
