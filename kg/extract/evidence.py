"""The one place where a ``Relation`` and its ``Evidence`` are made (:func:`relation`): the
property narrowed by the entity types (:mod:`kg.extract.typed`), the calibrated confidence of
the clause the fact was read from (:mod:`kg.extract.confidence`), and the qualifiers of
:mod:`kg.extract.qualify` (time, quantities, attribution, polarity, modality).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg.extract import clauses, confidence, qualify, rules, typed
from kg.extract.reader import Reader, source
from kg.model import Evidence, Mention, Relation

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def relation(
    reader: Reader,
    sent: Span,
    anchor: Token,
    subject: Mention,
    predicate: str,
    obj: Mention,
    rule: str,
    how: str,
    *,
    open_: bool = False,
) -> Relation:
    """The one place where a ``Relation`` and its ``Evidence`` are made: the property narrowed
    by the entity types (kg.extract.typed), the calibrated confidence, the time expression."""
    document = reader.document
    if not open_:
        refined = typed.refine(predicate, subject.type, obj.type)
        if refined is None:  # the entities contradict the property's domain or range
            predicate, open_ = anchor.lemma_.lower(), True
        else:
            predicate = refined
    full_rule = rules.full_name(rule, how)
    section = document.section_at(sent.start_char)
    start, end = trimmed(document.text, sent.start_char, sent.end_char)
    confidence_ = _confidence(reader, anchor, rule, sent)
    q = qualify.qualify(anchor, document.published, lambda t: source(reader, t))
    evidence = Evidence(
        doc_id=document.id,
        sentence=document.text[start:end],
        sentence_start=start,
        sentence_end=end,
        section=section,
        rule=full_rule,
        confidence=confidence_,
        time_text=q.time_text,
        valid_from=q.valid_from,
        valid_until=q.valid_until,
        time_resolved=q.time_resolved,
        polarity=q.polarity,
        modality=q.modality,
        failed=q.failed,
        attribution_text=q.attribution_text,
        attributed_to=q.attributed_to,
        quantities=q.quantities,
    )
    return Relation(subject, predicate, obj, evidence, open=open_)


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span ``text[start:end]`` without the white space at either end (spaCy's sentence
    keeps the blank lines after it): the offsets move with the text, so they stay exact."""
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def scored_clauses(
    sent: Span, tokens: list[Token] | None = None
) -> Iterator[tuple[clauses.Clause, float]]:
    """The clauses of a sentence that make propositions, with calibrated confidences."""
    for clause in clauses.clauses(sent, tokens):
        if clause.negated and not clause.arguments:
            continue
        yield clause, confidence.probability(clauses.features(clause, sent))


def score_clauses(reader: Reader, sent: Span) -> list[tuple[clauses.Clause, float]]:
    """Score the clauses of a sentence (``reader.clause_confidence``: the best score at
    each predicate token); returns each clause with its score."""
    reader.scored.add(sent.start)
    found = list(scored_clauses(sent, reader.sentence(sent)))
    for clause, score in found:
        i = clause.verb.i
        reader.clause_confidence[i] = max(score, reader.clause_confidence.get(i, 0.0))
    return found


def _ensure_scored(reader: Reader, anchor: Token) -> None:
    """Score the sentence of ``anchor`` if it is one whose clauses have been read by now:
    an earlier sentence, or the current one once its clauses count."""
    current = reader.current
    if current is None:
        return
    if current.start <= anchor.i < current.end:
        if reader.clauses_open and current.start not in reader.scored:
            score_clauses(reader, current)
    elif anchor.i < current.start:
        sent = anchor.sent
        if sent.start not in reader.scored:
            score_clauses(reader, sent)


def _confidence(reader: Reader, anchor: Token, rule: str, sent: Span) -> float:
    """The calibrated confidence of the clause the fact was read from (kg.extract.confidence); for a
    fact read from no clause (some noun phrases), the model's value for a bare clause of the
    corresponding rule in a sentence of this length."""
    _ensure_scored(reader, anchor)
    found = reader.clause_confidence.get(anchor.i)
    if found is not None:
        return found
    features = {
        f"rule={rules.CLAUSE_PRIORS[rules.Rule(rule)]}": 1.0,
        "args=1": 1.0,
        "log_sentence_len": math.log(len(sent)),
    }
    return confidence.probability(features)
