"""Pass 5 of :mod:`kg.extract`: the calibrated confidence of each fact, and the open
propositions.

======== ====================================================================================
requires ``sentences`` (pass 1), ``candidates`` (pass 3)
assigns  ``confidences``: one per fact; ``propositions`` (only when asked for)
======== ====================================================================================

A fact takes the confidence of the best clause read at its anchor
(:mod:`kg.extract.clauses`, scored by :mod:`kg.extract.confidence`); a fact read from no
clause (some noun phrases), or a source line's, takes the model's value for a bare clause
of its rule in a sentence of that length; that confidence is then recalibrated on news
facts by the rule's kind (``confidence.fact_probability``). A sentence's clauses are
scored only when a fact of it asks, or when the propositions are asked for: most sentences
state no fact.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg.extract import clauses, confidence, rules
from kg.extract.evidence import Candidate
from kg.extract.reader import Reader

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def run(reader: Reader, *, propositions: bool) -> None:
    """Score the facts (and every clause, when the propositions are asked for)."""
    best: dict[int, float] = {}  # predicate token -> best clause confidence there
    scored: set[int] = set()  # starts of the sentences whose clauses are scored
    document = reader.document
    if propositions:
        for sent in reader.sentences:
            for clause, score in _score(reader, sent, best, scored):
                reader.propositions.append(
                    clauses.proposition(clause, sent, document.id, document.text, score)
                )
    wanted = _predicates(reader.candidates)
    for found in reader.candidates:
        prior = rules.CLAUSE_PRIORS[rules.Rule(found.rule)]
        read_at = _confidence(reader, found, best, scored, wanted)
        reader.confidences.append(confidence.fact_probability(read_at, prior))


def scored_clauses(
    sent: Span, tokens: list[Token] | None = None
) -> Iterator[tuple[clauses.Clause, float]]:
    """The clauses of a sentence that make propositions, with calibrated confidences."""
    for clause in clauses.clauses(sent, tokens):
        if clause.negated and not clause.arguments:
            continue
        yield clause, confidence.probability(clauses.features(clause, sent))


def _predicates(found: list[Candidate]) -> dict[int, set[int]]:
    """Sentence start -> the tokens whose clauses can score a fact read there: each fact's
    anchor, and its head (a noun's prepositional modifier is the clause of the preposition
    that hangs on the noun, kg.extract.nominal_clauses)."""
    wanted: dict[int, set[int]] = {}
    for c in found:
        if c.scoreable and c.anchor.i < c.sent.end:
            wanted.setdefault(c.anchor.sent.start, set()).update((c.anchor.i, c.anchor.head.i))
    return wanted


def _score(
    reader: Reader, sent: Span, best: dict[int, float], scored: set[int],
    only: set[int] | None = None,
) -> list[tuple[clauses.Clause, float]]:  # fmt: skip
    """Score the clauses of a sentence into ``best`` (of the predicates ``only``, when
    given: the others score no fact); returns each clause with its score."""
    scored.add(sent.start)
    tokens = reader.sentence(sent)
    if only is not None:
        tokens = [t for t in tokens if t.i in only]
    found = list(scored_clauses(sent, tokens))
    for clause, score in found:
        i = clause.verb.i
        best[i] = max(score, best.get(i, 0.0))
    return found


def _confidence(
    reader: Reader, found: Candidate, best: dict[int, float], scored: set[int],
    wanted: dict[int, set[int]],
) -> float:  # fmt: skip
    anchor, sent = found.anchor, found.sent
    if found.scoreable and anchor.i < sent.end:
        anchor_sent = anchor.sent
        if anchor_sent.start not in scored:
            _score(reader, anchor_sent, best, scored, wanted[anchor_sent.start])
        clause = best.get(anchor.i)
        if clause is not None:
            return clause
    features = {
        f"rule={rules.CLAUSE_PRIORS[rules.Rule(found.rule)]}": 1.0,
        "args=1": 1.0,
        "log_sentence_len": math.log(len(sent)),
    }
    return confidence.probability(features)
