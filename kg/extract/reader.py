"""The per-document record of the extraction stage, which the passes fill in order.

:class:`Reader` holds what each pass of :mod:`kg.extract.passes` assigns, for the later
passes to read (the module docstring of each pass says what it requires and assigns):

============================  ==================================================  ========
attribute                     what                                                assigned
============================  ==================================================  ========
``sentences``                 the sentences (spaCy spans), in order               1
``by_token``, ``mentions``    which mention each token belongs to; the mentions   1
``source_lines``              sentence start -> (outlet, place, outlet's root)     1
``legislators``               sentence start -> the party and state facts of the   1
                              legislators named (anchor, person, property,
                              party or state, rule)
``discourse``                 sentence start -> the last person, and the last      2
                              organisation or place in subject position, before
                              the sentence
``candidates``                the facts read (:class:`kg.extract.evidence.Candidate`)  3
``titles``                    "russian leader" / "leader" -> the person who        3
                              carried the title (read by description resolution
                              of the facts read after it, in pass 3)
``current``                   the sentence being read (pass 3) or qualified (4)   3, 4
``qualifiers``                one ``model.Qualifiers`` per fact                    4
``confidences``               one calibrated confidence per fact                   5
``propositions``              the open propositions (when asked for)               5
============================  ==================================================  ========
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.model import Document, Mention, Proposition, Qualifiers

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from kg.extract.evidence import Candidate


@dataclass(frozen=True)
class Discourse:
    """What he/she and it can stand for at the start of a sentence (pass 2)."""

    last_person: Mention | None = None
    last_thing: Mention | None = None


class Reader:
    """The per-document record: each pass reads what earlier passes assigned."""

    def __init__(self, document: Document, doc: Doc, frames: Mapping[str, str]) -> None:
        self.document = document
        self.doc = doc
        self.frames = frames
        #: The document's tokens, made once: spaCy makes a new Token object on every
        #: access, and each sentence is read by several passes.
        self.tokens: list[Token] = list(doc)
        #: Each token's coarse tag, lower-case lemma and lower-case form, read once from
        #: the parse's arrays: the rules that look for their words scan every token of
        #: every sentence, and each ``token.lemma_`` decodes a new string.
        self.pos, self.lemmas, self.lowers = _words(doc)
        self.sentences: list[Span] = []
        self.by_token: dict[int, Mention] = {}
        self.mentions: list[Mention] = []
        self.source_lines: dict[int, tuple[Mention, Mention, Token]] = {}
        #: sentence start -> (anchor, person, property, party or state, rule): pass 1 makes
        #: the party's and the state's mentions, pass 3 the facts (kg.extract.legislators).
        self.legislators: dict[int, list[tuple[Token, Mention, str, Mention, str]]] = {}
        self.discourse: dict[int, Discourse] = {}
        self.candidates: list[Candidate] = []
        self.titles: dict[str, str] = {}  # "russian leader" / "leader" -> person name
        self.current: Span | None = None
        self.qualifiers: list[Qualifiers] = []
        self.confidences: list[float] = []
        self.propositions: list[Proposition] = []

    def where(self, sent: Span, pos: str, lemmas: Container[str]) -> list[Token]:
        """The tokens of a sentence with the coarse tag ``pos`` whose lower-case lemma is in
        ``lemmas``, in order."""
        tags, words = self.pos, self.lemmas
        return [self.tokens[i] for i in range(sent.start, sent.end)
                if tags[i] == pos and words[i] in lemmas]  # fmt: skip

    def sentence(self, sent: Span) -> list[Token]:
        """The tokens of a sentence of this document."""
        return self.tokens[sent.start : sent.end]

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


def _words(doc: Doc) -> tuple[list[str], list[str], list[str]]:
    """The coarse tags, lower-case lemmas and lower-case forms of a parse's tokens."""
    from spacy.attrs import LEMMA, LOWER, POS
    from spacy.parts_of_speech import NAMES

    strings = doc.vocab.strings
    tags, lemmas, lowers = [], [], []
    seen: dict[int, str] = {}  # a hash -> its lower-case string, decoded once per document
    for pos, lemma, lower in doc.to_array([POS, LEMMA, LOWER]).tolist():
        tags.append(NAMES[pos])
        if (word := seen.get(lemma)) is None:
            word = seen[lemma] = strings[lemma].lower()
        lemmas.append(word)
        if (word := seen.get(lower)) is None:
            word = seen[lower] = strings[lower]
        lowers.append(word)
    return tags, lemmas, lowers
