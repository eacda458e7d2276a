"""Records passed between the stages: frozen dataclasses of plain values, never spaCy objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SectionKind = Literal["headline", "caption", "body"]

#: Entity types, the local names of the ontology classes (``kg:Person`` ...).
ENTITY_TYPES = (
    "Person",
    "Organization",
    "Place",
    "Country",
    "Product",
    "Commodity",
    "Infrastructure",
    "Event",
    "Group",
    "Concept",
)


@dataclass(frozen=True)
class Section:
    """A span of a document's text that is a headline, a photo caption or body text."""

    kind: SectionKind
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """One article after ingest: clean text (chrome removed) and its metadata.

    ``text`` holds the headline, captions and body in reading order, separated by blank
    lines; ``sections`` says which character range is which. ``id`` is stable: the
    ``id`` field of a JSONL record, otherwise derived from the text.
    """

    id: str
    text: str
    source: str
    title: str | None = None
    published: str | None = None  # ISO 8601 date
    url: str | None = None
    sections: tuple[Section, ...] = ()

    def section_at(self, offset: int) -> SectionKind:
        """The kind of section that holds character ``offset`` (body when none is marked)."""
        for section in self.sections:
            if section.start <= offset < section.end:
                return section.kind
        return "body"


@dataclass(frozen=True)
class Mention:
    """A stretch of a document's text that names (or refers to) an entity."""

    doc_id: str
    text: str
    start: int
    end: int
    type: str  # one of ENTITY_TYPES
    #: The name the mention stands for when that is not its own text: a pronoun's or a
    #: demonym's referent ("He" -> "Vladimir Putin", "Russian" -> "Russia").
    refers_to: str | None = None
    #: A mention that is a name (NER or quoted proper name), not a concept or pronoun.
    named: bool = True


@dataclass(frozen=True)
class Evidence:
    """Where and how a fact was found."""

    doc_id: str
    sentence: str
    sentence_start: int
    sentence_end: int
    section: SectionKind
    rule: str
    confidence: float
    time_text: str | None = None


@dataclass(frozen=True)
class Relation:
    """One fact as read in one sentence: subject mention, predicate, object mention.

    ``predicate`` is an ontology property's local name (``visits``) when the lexicon
    knows the frame, otherwise ``open`` is True and ``predicate`` is the frame's label
    ("push onto", "counterpart of").
    """

    subject: Mention
    predicate: str
    object: Mention
    evidence: Evidence
    open: bool = False


@dataclass(frozen=True)
class Entity:
    """One real-world thing: canonical name, type and every other name it went by."""

    key: str  # stable: derived from type and canonical name
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    doc_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fact:
    """A resolved relation: entity keys in place of mentions, with its evidence."""

    subject: str  # Entity.key
    predicate: str
    object: str  # Entity.key
    evidence: Evidence
    open: bool = False
    subject_text: str = ""
    subject_span: tuple[int, int] = (0, 0)
    object_text: str = ""
    object_span: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class DocumentResult:
    """Everything the stages before the graph learnt from one document."""

    document: Document
    entities: tuple[Entity, ...] = ()
    facts: tuple[Fact, ...] = ()
    merges: tuple[tuple[str, str, str], ...] = field(default=())  # (alias, entity key, reason)


@dataclass(frozen=True)
class Argument:
    """One argument of an open proposition: its text as written and its character span."""

    text: str
    start: int
    end: int
    role: str  # subject | object | clause | time | prep:<preposition>


@dataclass(frozen=True)
class Proposition:
    """An open extraction (relation phrase and arguments, subject first), as written.

    ``relation`` joins the words of the relation phrase with single spaces (they need not be
    contiguous: "was loved by"); ``relation_spans`` gives each word's span in the document.
    ``confidence`` is a calibrated probability that the extraction is right (see
    ``kg/confidence.py``).
    """

    doc_id: str
    sentence_start: int
    sentence_end: int
    relation: str
    relation_spans: tuple[tuple[int, int], ...]
    arguments: tuple[Argument, ...]
    rule: str
    confidence: float
    negated: bool = False
