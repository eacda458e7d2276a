"""The record of a fact read in pass 3 (:class:`Candidate`, made by :func:`candidate`: the
property narrowed by the entity types of :mod:`kg.extract.typed`, the rule name checked against
:mod:`kg.extract.rules`) and the one place where a ``Relation`` and its ``Evidence`` are
made from a fact and what passes 4 and 5 assigned it (:func:`relation`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extract import rules, typed
from kg.model import Document, Evidence, Mention, Qualifiers, Relation

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


@dataclass(frozen=True)
class Candidate:
    """A relation read in a sentence, before its qualifiers and confidence."""

    sent: Span
    anchor: Token  # the verb, or the noun of a noun-phrase fact
    subject: Mention
    predicate: str
    object: Mention
    rule: str  # the rule alone (its confidence prior)
    full_rule: str  # as written on the evidence: rule or rule+how
    open: bool
    #: Whether the fact may take the confidence of a clause read at its anchor: not for
    #: the fact of a source line (a heading, read before the sentence's clauses).
    scoreable: bool = True


def candidate(
    sent: Span,
    anchor: Token,
    subject: Mention,
    predicate: str,
    obj: Mention,
    rule: str,
    how: str,
    *,
    open_: bool = False,
    scoreable: bool = True,
) -> Candidate:
    """A fact with its property narrowed by the entity types; a property whose domain or
    range the entities contradict becomes the open relation of the anchor's lemma."""
    if not open_:
        refined = typed.refine(predicate, subject.type, obj.type)
        if refined is None:  # the entities contradict the property's domain or range
            predicate, open_ = anchor.lemma_.lower(), True
        else:
            predicate = refined
    full_rule = rules.full_name(rule, how)
    return Candidate(sent, anchor, subject, predicate, obj, rule, full_rule, open_, scoreable)


def relation(document: Document, read: Candidate, q: Qualifiers, confidence: float) -> Relation:
    """The one place where a ``Relation`` and its ``Evidence`` are made."""
    sent = read.sent
    start, end = trimmed(document.text, sent.start_char, sent.end_char)
    evidence = Evidence(
        doc_id=document.id,
        sentence=document.text[start:end],
        sentence_start=start,
        sentence_end=end,
        section=document.section_at(sent.start_char),
        rule=read.full_rule,
        confidence=confidence,
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
    return Relation(read.subject, read.predicate, read.object, evidence, open=read.open)


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span ``text[start:end]`` without the white space at either end (spaCy's sentence
    keeps the blank lines after it): the offsets move with the text, so they stay exact.

    A closing quote the sentence splitter left to the next sentence ("... we were looking
    for." + '"') is the sentence's own when the sentence opened a quotation; and a lone
    closing quote that opens a sentence is the previous one's, not this one's. A quoted
    sentence so keeps both its quotes (exports and Cypher engines read the text whole)."""
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    if start < end and text[start] in CLOSING_QUOTES and _closes(text, start):
        start += 1  # the previous sentence's closing quote
        while start < end and text[start].isspace():
            start += 1
    if end < len(text) and text[end] in CLOSING_QUOTES and _open_quote(text[start:end]):
        end += 1
    return start, end


#: Quotes that may close a quotation (the straight quote both opens and closes one).
CLOSING_QUOTES = frozenset('"\u201d')


def _open_quote(sentence: str) -> bool:
    """Whether a sentence leaves a quotation open: an odd number of straight quotes, or more
    opening than closing typographic ones."""
    return sentence.count('"') % 2 == 1 or sentence.count("\u201c") > sentence.count("\u201d")


def _closes(text: str, at: int) -> bool:
    """Whether the quote at ``at`` closes the quotation before it: the text's quotes up to it
    (straight ones) are odd, or it is a typographic closing quote followed by a space."""
    if text[at] == "\u201d":
        return True
    return text[:at].count('"') % 2 == 1
