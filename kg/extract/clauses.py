"""Open clauses of a parsed sentence: who does what to whom, where and when (part of extract).

A *clause* is one predicate with its arguments, read from the dependency parse: the subject
(own, or inherited through coordination, control, relative and participial clauses), the
relation phrase (auxiliaries, negation, verb, particle, and the first preposition when the verb
has no object: "led to"), and the arguments in sentence order (object, complements,
prepositional phrases, time adverbials). Copulas, appositions ("Cook, the CEO of Apple") and
title compounds ("President Bush") give "is" clauses.

This module reads verbal clauses, light verbs and conjunct splits, and turns clauses into
records and confidence features; the clause record and argument spans are in
:mod:`kg.extract.clause`, the clauses of noun phrases in :mod:`kg.extract.nominal_clauses`.

Only :mod:`kg.extract` uses this module; clauses hold spaCy tokens and never leave the stage.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from kg.extract.clause import (
    Clause,
    argument_span,
)
from kg.extract.deps import (
    ACL,
    ADVCL,
    AGENT,
    AUXILIARIES,
    CCOMP,
    CLAUSAL,
    CLAUSE_SUBJECTS,
    COMPLEMENTS,
    CONJ,
    OBJECTS,
    PARTICLE,
    PASSIVE_SUBJECTS,
    PCOMP,
    POBJ,
    PREP,
    RELCL,
    TIME_MODIFIER_LABELS,
    XCOMP,
)
from kg.extract.nominal_clauses import nominal_clauses
from kg.lexicons.names import LIGHT_VERBS, RELATIVE_WORDS, VAGUE_PRONOUNS
from kg.model import Argument, Proposition

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["Clause", "argument_span", "clauses", "features", "proposition"]


def clauses(sent: Span, tokens: Iterable[Token] | None = None) -> Iterator[Clause]:
    """Every clause of a sentence, verbal and nominal, in the order of their predicates
    (``tokens``: the sentence's tokens, if the caller has them made already)."""
    for token in sent if tokens is None else tokens:
        if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ not in AUXILIARIES):
            clause = _verb_clause(token)
            if clause is not None:
                yield clause
                yield from _conjunct_splits(clause)
                light = _light_verb(clause)
                if light is not None:
                    yield light
        elif token.pos_ in {"NOUN", "PROPN"}:
            yield from nominal_clauses(token)


def _light_verb(clause: Clause) -> Clause | None:
    """A light verb's object noun and its preposition join the relation: "took advantage of
    the crisis" -> (took advantage of; the crisis)."""
    if clause.verb.lemma_ not in LIGHT_VERBS or not clause.arguments:
        return None
    role, (first, last), noun = clause.arguments[0]
    if role != "object" or noun.pos_ != "NOUN":
        return None
    # The preposition hangs on the noun, or on the verb right after the object.
    preps = [c for c in noun.children if c.dep_ == PREP and c.i > noun.i]
    preps += [c for c in clause.verb.children if c.dep_ == PREP and c.i == last + 1]
    prep = preps[0] if preps else None
    pobj = next((p for p in prep.children if p.dep_ == POBJ), None) if prep else None
    if prep is None or pobj is None:
        return None
    rest = [a for a in clause.arguments[1:] if a[1][0] != prep.i]
    doc = noun.doc
    words = [doc[i] for i in range(first, noun.i + 1) if doc[i].dep_ != "det"]
    light = Clause(
        clause.verb,
        clause.subject,
        clause.subject_head,
        [*clause.relation, *words, prep],
        rule=clause.rule,
        how="light",
        negated=clause.negated,
    )
    light.arguments = [("object", argument_span(pobj), pobj), *rest]
    return light


def _conjunct_splits(clause: Clause) -> Iterator[Clause]:
    """One more clause per conjunct of the first argument: "specializes in physics and
    chemistry" also gives "specializes in chemistry" (the first conjunct's span is the
    head's own phrase without its conjuncts)."""
    if not clause.arguments:
        return
    role, (first, last), head = clause.arguments[0]
    conjuncts = [c for c in head.conjuncts if c.i > head.i and c.pos_ in {"NOUN", "PROPN"}]
    if not conjuncts or role != "object":
        return
    own = argument_span(head, drop=frozenset(CLAUSAL | {CONJ, "cc"}))
    pieces = [(own[0] if first > own[0] else first, own[1], head)]
    pieces += [(*argument_span(c, drop=frozenset(CLAUSAL | {CONJ, "cc"})), c) for c in conjuncts]
    for a, b, token in pieces:
        if (a, b) == (first, last):
            continue
        split = Clause(
            clause.verb,
            clause.subject,
            clause.subject_head,
            list(clause.relation),
            rule=clause.rule,
            how="split",
            negated=clause.negated,
            implicit=clause.implicit,
        )
        split.arguments = [("object", (max(first, a) if token is head else a, b), token)]
        split.arguments += clause.arguments[1:]
        yield split


# -- verbal clauses -----------------------------------------------------------------


def _verb_clause(verb: Token) -> Clause | None:
    found = _subject(verb)
    if found is None:
        return None
    subject_head, subject, how = found
    children = list(verb.children)
    relation = [c for c in children if c.dep_ in AUXILIARIES and c.i < verb.i]
    relation.append(verb)
    relation += [c for c in children if c.dep_ == PARTICLE or (c.dep_ == "neg" and c.i > verb.i)]
    negated = any(c.dep_ == "neg" for c in children)
    passive = any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in children)
    if how == "acl" and verb.tag_ == "VBN":
        passive = True
    rule = "copula" if verb.lemma_ == "be" else "passive" if passive else "verb"
    clause = Clause(verb, subject, subject_head, relation, rule=rule, how=how, negated=negated)
    objects = [c for c in children if c.dep_ in OBJECTS | COMPLEMENTS]
    if how == "relcl-object" and not objects:
        # "the book that she wrote": the antecedent is the object.
        clause.arguments.append(("object", argument_span(verb.head), verb.head))
    for child in children:
        dep = child.dep_
        if dep in OBJECTS or dep in COMPLEMENTS:
            if child.lower_ in RELATIVE_WORDS:
                continue
            clause.arguments.append(("object", argument_span(child), child))
        elif dep in {PREP, AGENT}:
            objs = [p for p in child.children if p.dep_ in {POBJ, PCOMP}]
            if not objs:
                continue
            first, last = argument_span(objs[0])
            clause.arguments.append((f"prep:{child.lower_}", (child.i, last), objs[0]))
        elif dep in TIME_MODIFIER_LABELS and child.ent_type_ in {"DATE", "TIME"}:
            clause.arguments.append(("time", argument_span(child), child))
        elif dep == CCOMP:
            mark = [c for c in child.children if c.dep_ == "mark"]
            first = mark[0].i if mark else child.left_edge.i
            clause.arguments.append(("clause", (first, child.right_edge.i), child))
        elif dep == XCOMP and child.i > verb.i and not objects:
            # Control: "wants to buy X" -> relation "wants to buy", the xcomp's arguments.
            to = [c for c in child.children if c.dep_ == "aux" and c.i < child.i]
            inner = _verb_clause_args(child)
            if inner is not None:
                clause.relation += [*to, child]
                clause.relation += [c for c in child.children if c.dep_ == PARTICLE]
                clause.arguments += inner
    if not any(role == "object" or role == "clause" for role, _, _ in clause.arguments):
        _fold_preposition(clause)
    clause.arguments.sort(key=lambda a: a[1][0])
    # Object first: an object before the subject (relative clauses) keeps its role order.
    objects_first = [a for a in clause.arguments if a[0] in {"object", "clause"}]
    rest = [a for a in clause.arguments if a[0] not in {"object", "clause"}]
    clause.arguments = objects_first + rest
    return clause


def _verb_clause_args(verb: Token) -> list[tuple[str, tuple[int, int], Token]] | None:
    args: list[tuple[str, tuple[int, int], Token]] = []
    for child in verb.children:
        if child.dep_ in OBJECTS or child.dep_ in COMPLEMENTS:
            args.append(("object", argument_span(child), child))
        elif child.dep_ == PREP:
            objs = [p for p in child.children if p.dep_ in {POBJ, PCOMP}]
            if objs:
                args.append((f"prep:{child.lower_}", (child.i, argument_span(objs[0])[1]), objs[0]))
    return args


def _fold_preposition(clause: Clause) -> None:
    """With no object, the first prepositional phrase after the verb lends its preposition to
    the relation ("led to" + "a coal mine"), as open IE benchmarks write it."""
    for n, (role, (first, last), head) in enumerate(clause.arguments):
        if role.startswith("prep:") and first > clause.verb.i:
            clause.relation.append(head.doc[first])
            clause.arguments[n] = ("object", (first + 1, last), head)
            return


def _subject(verb: Token) -> tuple[Token, tuple[int, int], str] | None:
    """The subject of a verb, its span and how it was found."""
    for child in verb.children:
        if child.dep_ in CLAUSE_SUBJECTS or child.dep_ in PASSIVE_SUBJECTS:
            if child.lower_ in RELATIVE_WORDS and verb.dep_ == RELCL:
                head = _antecedent(verb.head)
                return head, argument_span(head), "relcl"
            if child.dep_ == "expl":
                continue
            return child, argument_span(child), "own"
    dep = verb.dep_
    if dep == CONJ and verb.head.pos_ in {"VERB", "AUX"}:
        found = _subject(verb.head)
        return (found[0], found[1], "conj") if found else None
    if dep == XCOMP:
        objects = [c for c in verb.head.children if c.dep_ in OBJECTS]
        if objects:  # object control: "asked Xi to boost trade" -> Xi boosts
            return objects[0], argument_span(objects[0]), "control"
        found = _subject(verb.head)
        return (found[0], found[1], "control") if found else None
    if dep == RELCL:
        # No relative pronoun as subject: "the man I saw" has its own subject (handled above).
        head = _antecedent(verb.head)
        return head, argument_span(head), "relcl"
    if dep == ACL and verb.tag_ in {"VBG", "VBN"} and verb.head.pos_ in {"NOUN", "PROPN"}:
        return verb.head, argument_span(verb.head), "acl"
    if dep == ADVCL and verb.tag_ == "VBG":
        found = _subject(verb.head)  # "..., saying that" -> the main subject says
        return (found[0], found[1], "control") if found else None
    return None


def _antecedent(noun: Token) -> Token:
    """The noun a relative clause describes; for a predicate noun ("X is a player who ..."),
    the copula's subject."""
    if noun.dep_ == "attr":
        for sibling in noun.head.children:
            if sibling.dep_ in CLAUSE_SUBJECTS:
                return sibling
    return noun


# -- records and features -------------------------------------------------------------


def features(clause: Clause, sent: Span) -> dict[str, float]:
    """Plain features of a clause for the confidence model (:mod:`kg.extract.confidence`)."""
    doc = sent.doc
    n_args = len(clause.arguments)
    subject_len = clause.subject[1] - clause.subject[0] + 1
    # max(0, ...): a free relative ("What it comes down to is ...") can yield a reversed
    # span, which crashed kg build on Reuters 00540 (math domain error in the log below).
    arg_len = sum(max(0, last - first + 1) for _, (first, last), _ in clause.arguments)
    subject_word = doc[clause.subject[0]].lower_ if subject_len == 1 else ""
    found: dict[str, float] = {
        f"rule={clause.rule}": 1.0,
        f"how={clause.how}": 1.0,
        f"args={min(n_args, 3)}": 1.0,
        "log_sentence_len": math.log(len(sent)),
        "log_subject_len": math.log(subject_len),
        "log_args_len": math.log(1 + arg_len),
        "log_distance": math.log(1 + abs(clause.verb.i - clause.subject_head.i)),
        "relation_len": float(len(clause.relation)),
    }
    if subject_len == 1 and doc[clause.subject[0]].pos_ == "PRON":
        found["subject_pronoun"] = 1.0
    first_args = clause.arguments[:1]
    if subject_word in VAGUE_PRONOUNS or any(
        doc[a[1][0]].lower_ in VAGUE_PRONOUNS for a in first_args
    ):
        found["vague"] = 1.0
    if clause.negated:
        found["negated"] = 1.0
    if any(role == "clause" for role, _, _ in clause.arguments):
        found["clause_argument"] = 1.0
    if clause.verb.lemma_ in LIGHT_VERBS:
        found["light_verb"] = 1.0
    if clause.verb.dep_ in {"ROOT"}:
        found["root"] = 1.0
    return found


def proposition(
    clause: Clause, sent: Span, doc_id: str, text: str, confidence: float
) -> Proposition:
    """The plain record of a clause; texts are cut from ``text`` (the document's own text)."""
    doc = sent.doc

    def cut(first: int, last: int) -> tuple[str, int, int]:
        start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
        return text[start:end], start, end

    rel_spans = tuple((t.idx, t.idx + len(t.text)) for t in sorted(clause.relation, key=_i))
    words = [text[s:e] for s, e in rel_spans]
    if clause.implicit:
        words.insert(0, clause.implicit)
    arguments = [Argument(*cut(*clause.subject), "subject")]
    arguments += [Argument(*cut(*span), role) for role, span, _ in clause.arguments]
    return Proposition(
        doc_id=doc_id,
        sentence_start=sent.start_char,
        sentence_end=sent.end_char,
        relation=" ".join(words),
        relation_spans=rel_spans,
        arguments=tuple(arguments),
        rule=f"{clause.rule}+{clause.how}" if clause.how != "own" else clause.rule,
        confidence=confidence,
        negated=clause.negated,
    )


def _i(token: Token) -> int:
    return token.i
