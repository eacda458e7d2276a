"""Per-document state of the extraction stage and what an argument token stands for.

:class:`Reader` keeps which mention each token belongs to and the discourse so far (the last
person, the last organisation or place in subject position, the titles people carried);
:func:`argument` resolves a token to a mention through it: relative pronouns to their
antecedent, he/she/it to the discourse, "the Russian leader" to the person who carried the
title, other nouns to concepts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from kg import lexicons
from kg.extract import syntax
from kg.extract.deps import APPOSITION, MODIFIERS, OBJECTS, RELCL, SUBJECTS
from kg.lexicons.names import INSTRUMENT_NOUNS, PERSONAL_PRONOUNS, RELATIVE_PRONOUNS, THING_PRONOUNS
from kg.model import Document, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


class Reader:
    """Per-document state: which mention each token belongs to, and the discourse so far."""

    def __init__(self, document: Document, doc: Doc, frames: Mapping[str, str]) -> None:
        self.document = document
        self.doc = doc
        self.frames = frames
        #: The document's tokens, made once: spaCy makes a new Token object on every
        #: access, and each sentence is read by several passes.
        self.tokens: list[Token] = list(doc)
        self.by_token: dict[int, Mention] = {}
        self.mentions: list[Mention] = []
        self.titles: dict[str, str] = {}  # "russian leader" / "leader" -> person name
        self.last_person: Mention | None = None
        self.last_thing: Mention | None = None
        #: Calibrated confidence of the best clause read at each predicate token, for the
        #: sentences scored so far (:func:`kg.extract.evidence.score_clauses`: a sentence is
        #: scored when one of its facts first asks, and most sentences state no fact).
        self.clause_confidence: dict[int, float] = {}
        #: Starts (token index) of the sentences whose clauses are scored.
        self.scored: set[int] = set()
        #: The sentence being read, and whether its clauses count yet (not for the facts
        #: of a source line, which are read before the sentence's clauses).
        self.current: Span | None = None
        self.clauses_open = False

    def sentence(self, sent: Span) -> list[Token]:
        """The tokens of a sentence of this document."""
        return self.tokens[sent.start : sent.end]

    # -- mentions --------------------------------------------------------------

    def add(self, mention: Mention, tokens: Iterable[int]) -> Mention:
        for i in tokens:
            self.by_token.setdefault(i, mention)
        self.mentions.append(mention)
        return mention

    def mention(self, span: Span, type_: str, **kw: object) -> Mention:
        # The document's own text, not span.text: a true-cased headline word ("china") must
        # not become the name, and evidence quotes exactly what the article says.
        return Mention(
            doc_id=self.document.id,
            text=self.document.text[span.start_char : span.end_char],
            start=span.start_char,
            end=span.end_char,
            type=type_,
            **kw,  # type: ignore[arg-type]
        )


def arguments(reader: Reader, token: Token, *, concepts: bool = True) -> list[Mention]:
    """The mentions an argument token stands for, conjuncts included."""
    found: list[Mention] = []
    for item in [token, *token.conjuncts]:
        mention = argument(reader, item, concepts=concepts)
        if mention is not None and mention not in found:
            found.append(mention)
    return found


def argument(reader: Reader, token: Token, *, concepts: bool) -> Mention | None:
    if token.i in reader.by_token:
        return reader.by_token[token.i]
    lower = token.lower_
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
    if token.pos_ == "PRON":
        return pronoun(reader, token)
    # A title noun with a name in apposition stands for the person ("his counterpart Xi").
    for child in token.children:
        if child.dep_ == APPOSITION and child.i in reader.by_token:
            return reader.by_token[child.i]
    # A noun in apposition to a name stands for it: "Oswald, the man who killed Kennedy".
    if token.dep_ == APPOSITION and token.pos_ == "NOUN" and token.head.i in reader.by_token:
        named = reader.by_token[token.head.i]
        if named.named and named.type == "Person":
            return named
    if token.pos_ == "NOUN":
        described = _description(reader, token)
        if described is not None:
            return described
        if concepts and token.lemma_.lower() not in lexicons.VACUOUS_NOUNS:
            span = concept_span(token)
            return reader.mention(span, "Concept", named=False)
    return None


def pronoun(reader: Reader, token: Token) -> Mention | None:
    """He/his -> the last person; it/its -> the last organisation or place in subject role."""
    lower = token.lower_
    if lower in PERSONAL_PRONOUNS:
        wanted, target = {"Person"}, reader.last_person
    elif lower in THING_PRONOUNS:
        wanted, target = {"Organization", "Country", "Place"}, reader.last_thing
    else:
        return None
    # An antecedent earlier in the same sentence wins ("Putin and his counterpart").
    for i in range(token.i - 1, token.sent.start - 1, -1):
        candidate = reader.by_token.get(i)
        if candidate is not None and candidate.type in wanted and candidate.named:
            target = candidate
            break
    if target is None:
        return None
    span = token.doc[token.i : token.i + 1]
    name = target.refers_to or target.text
    return reader.mention(span, target.type, refers_to=name, named=False)


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


def update_discourse(reader: Reader, sent: Span) -> None:
    """Remember the last person, and the last organisation or place in subject position."""
    for token in reader.sentence(sent):
        mention = reader.by_token.get(token.i)
        if mention is None:
            continue
        if mention.type == "Person":
            reader.last_person = mention
        elif mention.type in {"Organization", "Country", "Place"} and token.dep_ in SUBJECTS:
            reader.last_thing = mention


def concept_span(token: Token) -> Span:
    """The noun with its lower-case noun and adjective modifiers ("raw materials")."""
    start = token.i
    for child in reversed(list(token.lefts)):
        if child.i != start - 1 or child.dep_ not in MODIFIERS:
            break
        if child.ent_type_ in {"NORP", "GPE", "ORG", "PERSON"} or not child.text.islower():
            break
        if child.pos_ not in {"NOUN", "ADJ"} or child.lower_ in lexicons.NON_CLASSIFYING:
            break
        start = child.i
    return token.doc[start : token.i + 1]
