"""Polarity and modality of a fact: is it asserted, denied, attempted, planned, possible?

The fact's verb is read with the words that govern it, climbing the dependency tree through
the clauses that embed it (``xcomp``: "tried to push", ``ccomp``: "denied that ...", a
claim noun's clause: "dismissed claims that ..."). Each negation or negative verb on the way
flips the polarity ("did not supply", "refused to allow", "failed to agree", "denied that");
the nearest modal word sets the modality ("tried to" attempt, "plans to"/"will"/"is expected
to" plan, "may"/"could" possibility, "said that"/"reportedly" reported). A relative clause
or an adverbial clause is a boundary: "talks may cover exports which Beijing refused to
allow" does not make the refusal a possibility.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.lexicons.qualifiers import (
    ATTEMPT_VERBS,
    CLAIM_NOUNS,
    CONDITIONAL_MARKS,
    DENIAL_VERBS,
    FAILED_ADVERBS,
    FUTURE_AUX,
    NEGATIONS,
    NEGATIVE_ADJECTIVES,
    NEGATIVE_VERBS,
    PLAN_ADJECTIVES,
    PLAN_VERBS,
    POSSIBLE_ADJECTIVES,
    POSSIBLE_ADVERBS,
    POSSIBLE_AUX,
    REPORTED_ADVERBS,
    REPORTING_VERBS,
)
from kg.model import Modality, Polarity

if TYPE_CHECKING:
    from spacy.tokens import Token


@dataclass(frozen=True)
class Factuality:
    polarity: Polarity = "positive"
    modality: Modality = "asserted"
    failed: bool = False
    future: bool = False  # the clause speaks of the future (a plan, "will")


class _Reading:
    def __init__(self) -> None:
        self.negative = False
        self.modality: Modality | None = None
        self.reported = False
        self.failed = False
        self.future = False

    def mode(self, modality: Modality) -> None:
        if self.modality is None:
            self.modality = modality

    def flip(self) -> None:
        self.negative = not self.negative


def _markers(reading: _Reading, verb: Token, *, negation: bool = True) -> None:
    """Negation, modal auxiliaries and adverbs on one verb."""
    children = list(verb.children)
    words = [c.lower_ for c in children]
    if not negation:
        pass
    elif any(c.dep_ == "neg" or (c.lower_ in NEGATIONS and c.dep_ in {"advmod", "det"})
           for c in children):  # fmt: skip
        reading.flip()
    elif any(_negative_subject(c) for c in children if c.dep_ in {"nsubj", "nsubjpass"}):
        reading.flip()  # "Neither side signed", "No country has recognised"
    elif "longer" in words and any(
        w.lower_ == "no" for c in children if c.lower_ == "longer" for w in c.children
    ):
        reading.flip()  # "no longer supplies"
    for child in children:
        word = child.lower_
        if child.dep_ == "aux" and word in FUTURE_AUX:
            reading.mode("plan")
            reading.future = True
        elif child.dep_ == "aux" and word in POSSIBLE_AUX:
            reading.mode("possibility")
        elif child.dep_ == "advmod" and word in POSSIBLE_ADVERBS:
            reading.mode("possibility")
        elif child.dep_ == "advmod" and word in REPORTED_ADVERBS:
            reading.reported = True
        elif child.dep_ in {"advmod", "prep"} and (
            word in FAILED_ADVERBS
            or (word == "in" and any(g.lower_ == "vain" for g in child.children))
        ):
            reading.failed = True  # "unsuccessfully pushed": an attempt that failed
            reading.mode("attempt")
        elif child.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in CONDITIONAL_MARKS for m in child.children
        ):
            reading.mode("possibility")
    # Headline futures: "Putin to sell off Russian resources".
    if verb.dep_ == "ROOT" and verb.tag_ == "VB" and "to" in words and not any(
        c.dep_ in {"aux", "auxpass"} and c.lower_ != "to" for c in children
    ):
        reading.mode("plan")
        reading.future = True


def _negative_subject(subject: Token) -> bool:
    if subject.lower_ in {"nobody", "none", "nothing", "neither", "no-one", "noone"}:
        return True
    return any(
        c.dep_ in {"det", "preconj"} and c.lower_ in {"no", "neither"} for c in subject.children
    )


def factuality(verb: Token) -> Factuality:
    """Polarity and modality of the clause whose head is ``verb``."""
    reading = _Reading()
    token = verb
    negation = True
    for _ in range(12):
        _markers(reading, token, negation=negation)
        step = _governor(reading, token)
        if step is None:
            break
        token, negation = step
    modality = reading.modality or ("reported" if reading.reported else "asserted")
    if reading.failed and modality != "attempt":
        reading.failed = False
    return Factuality(
        polarity="negative" if reading.negative else "positive",
        modality=modality,
        failed=reading.failed,
        future=reading.future,
    )


def _governor(reading: _Reading, token: Token) -> tuple[Token, bool] | None:
    """Read what the word governing ``token`` says of it (a verb or adjective it complements,
    a reporting verb, a claim noun) into ``reading``; return the governor to read next, and
    whether its negation counts (not after a reporting verb: "did not say that X" leaves X
    open, it does not deny it). None where the clause stops."""
    head = token.head
    if head.i == token.i:
        return None
    negation = True
    if token.dep_ == "xcomp" and head.pos_ in {"VERB", "AUX"}:
        _governing_verb(reading, head)
    elif (token.dep_ == "xcomp" and head.pos_ == "ADJ") or (
        token.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ == "ADJ"
    ):
        if head.pos_ != "ADJ":
            head = head.head  # "interested in buying X": the adjective over the preposition
        _governing_adjective(reading, head.lower_)
        head = head.head  # the copula
    elif token.dep_ in {"ccomp", "parataxis"} and head.pos_ in {"VERB", "AUX"}:
        lemma = head.lemma_.lower()
        if lemma in DENIAL_VERBS:
            reading.flip()
            reading.reported = True
        elif lemma in REPORTING_VERBS:
            reading.reported = True
            negation = False
        elif lemma in PLAN_VERBS:
            reading.mode("plan")
        else:
            return None
    elif token.dep_ in {"acl", "ccomp"} and head.lemma_.lower() in CLAIM_NOUNS:
        reading.reported = True
        noun = head
        if noun.dep_ in {"dobj", "nsubjpass"} and noun.head.lemma_.lower() in DENIAL_VERBS:
            reading.flip()
            head = noun.head
        elif noun.dep_ == "pobj" and noun.head.head.lemma_.lower() in DENIAL_VERBS:
            head = noun.head.head  # "pushed back against claims that"
            reading.flip()
        else:
            return None
    elif token.dep_ == "conj" and token.tag_ == "VB" and head.pos_ in {"VERB", "AUX"}:
        pass  # a bare conjunct shares its head's auxiliaries: "will visit X and meet Y"
    elif token.dep_ == "pcomp" and head.lower_ == "by" and head.head.pos_ in {"VERB", "AUX"}:
        head = head.head  # the means of a verb: "if it reduced its exposure by selling X"
    else:
        if token.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in token.children
        ):
            reading.mode("possibility")  # "if Brazil fails to service its debt"
        return None
    return head, negation


def _governing_adjective(reading: _Reading, word: str) -> None:
    """An adjective whose complement the fact is: "unable to", "set to", "likely to"."""
    if word in NEGATIVE_ADJECTIVES:
        reading.flip()
    elif word in PLAN_ADJECTIVES:
        reading.mode("plan")
        reading.future = True
    elif word in POSSIBLE_ADJECTIVES and word != "able":
        reading.mode("possibility")
    if word == "unlikely":
        reading.flip()


def _governing_verb(reading: _Reading, head: Token) -> None:
    """A verb that controls the fact's verb: "tried to push", "refused to allow"."""
    lemma = head.lemma_.lower()
    if lemma == "fail":
        reading.flip()
        reading.mode("attempt")
        reading.failed = True
    elif lemma in NEGATIVE_VERBS:
        reading.flip()
    elif lemma in ATTEMPT_VERBS:
        reading.mode("attempt")
        # "tried but failed to ...", "tried in vain": the attempt failed.
        if any(c.dep_ == "conj" and c.lemma_.lower() == "fail" for c in head.children):
            reading.failed = True
    elif lemma in {"manage", "succeed"}:
        pass
    elif lemma in PLAN_VERBS:
        reading.mode("plan")
        reading.future = True
    elif lemma in REPORTING_VERBS:  # "is said to have supplied", "is believed to"
        reading.reported = True
