"""The clause record and the phrase spans of its arguments (part of :mod:`kg.extract`).

:class:`Clause` is one predicate with its arguments as token spans; :func:`argument_span`
is the phrase a head word stands for. The readers of verbal clauses (:mod:`kg.extract.clauses`)
and nominal clauses (:mod:`kg.extract.nominal_clauses`) share them and the dependency labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.extract.deps import CLAUSAL

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass
class Clause:
    """One predicate with its arguments, as token spans (``(first, last)`` inclusive)."""

    verb: Token
    subject: tuple[int, int]
    subject_head: Token
    relation: list[Token]
    arguments: list[tuple[str, tuple[int, int], Token]] = field(default_factory=list)
    rule: str = "verb"  # verb | copula | passive | apposition | title
    how: str = "own"  # own | conj | control | relcl | acl | appos
    negated: bool = False
    #: A relation word the text leaves implicit ("is" for appositions and titles).
    implicit: str = ""

    @property
    def object_head(self) -> Token | None:
        """Head token of the first argument after the subject (None for intransitives)."""
        return self.arguments[0][2] if self.arguments else None


def argument_span(head: Token, *, drop: frozenset[str] = frozenset(CLAUSAL)) -> tuple[int, int]:
    """The phrase a head word stands for: its subtree without clausal modifiers and appositions
    that follow it, and without edge punctuation or conjunctions."""
    first, last = head.i, head.i
    for child in head.children:
        if child.i > head.i and (child.dep_ in drop or child.dep_ == "punct" and _ends(child)):
            break
        if child.i > head.i and child.dep_ == "cc" and _next_is_clausal(child, drop):
            break
        first = min(first, child.left_edge.i)
        last = max(last, child.right_edge.i)
    doc = head.doc
    while first < last and (
        doc[first].is_punct and not doc[first].is_quote or doc[first].dep_ == "cc"
    ):
        first += 1
    while last > first and (
        doc[last].is_punct and not _closes(doc, first, last) or doc[last].dep_ == "cc"
    ):
        last -= 1
    return first, last


def _ends(punct: Token) -> bool:
    return punct.text in {",", ";", ":", "--", "-"}


def _next_is_clausal(cc: Token, drop: frozenset[str]) -> bool:
    later = [c for c in cc.head.children if c.i > cc.i]
    return bool(later) and later[0].dep_ in drop


def _closes(doc: Doc, first: int, last: int) -> bool:
    """A closing bracket or quote that an earlier token of the span opened."""
    token = doc[last]
    if not (token.is_quote or token.is_bracket):
        return False
    return any(doc[i].is_quote or doc[i].is_bracket for i in range(first, last))
