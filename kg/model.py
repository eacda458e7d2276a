"""Records passed between the stages: frozen dataclasses of plain values, never spaCy objects."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

SectionKind = Literal["headline", "caption", "body"]
Polarity = Literal["positive", "negative"]
#: How the text presents a fact: as a plain assertion, a report of someone's words, an
#: attempt, a plan (or the future), a possibility.
Modality = Literal["asserted", "reported", "attempt", "plan", "possibility"]
Direction = Literal["up", "down", "none"]

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


def document_id(text: str) -> str:
    """The id of a document that carries none: the first 16 hex digits of its text's SHA-256,
    so the same text read from any path is the same document."""
    return text_sha256(text)[:16]


def text_sha256(text: str) -> str:
    """The SHA-256 of a document's text (hex), kept on its node (``kg:sha256``): a document
    read again under the same id or URL with another text is a new version of it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
    #: Characters of cleaned text cut off at ``--max-doc-chars``, and bytes of a file too
    #: large to read whole that were never read; both 0 for a document kept whole.
    skipped_chars: int = 0
    skipped_bytes: int = 0

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
class Quantity:
    """An amount or a change stated with a fact: "fell by 8%", "$5 million", "almost halved".

    ``amount`` is a plain number in ``unit`` ("percent", "USD", "tonne", ...; multipliers such
    as "million" are applied); ``direction`` is the direction of the change the quantity
    measures ("none" for a level or an amount); ``approximate`` for "almost", "about", ...
    """

    text: str
    amount: Decimal | None
    unit: str | None
    direction: Direction = "none"
    approximate: bool = False


@dataclass(frozen=True)
class Qualifiers:
    """How the sentence qualifies a fact (``kg.extract.qualify``), the same fields and defaults
    as the qualifier fields of :class:`Evidence`: time (``time_text``, the interval
    ``valid_from``/``valid_until`` and whether it was resolved), polarity, modality (and
    ``failed``), attribution and quantities."""

    time_text: str | None = None
    valid_from: str | None = None
    valid_until: str | None = None
    time_resolved: bool | None = None
    polarity: Polarity = "positive"
    modality: Modality = "asserted"
    failed: bool = False
    attribution_text: str | None = None
    attributed_to: Mention | None = None
    quantities: tuple[Quantity, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """Where and how a fact was found, and how the sentence qualifies it.

    The qualifiers (time, quantities, attribution, polarity, modality) are filled by
    ``kg.extract.qualify``: ``valid_from``/``valid_until`` are ISO dates of the interval the time
    expression denotes (either may be open), ``time_resolved`` is False when a time
    expression was found but nothing anchors it; a ``negative`` fact is evidence only, never
    a plain triple.
    """

    doc_id: str
    sentence: str
    sentence_start: int
    sentence_end: int
    section: SectionKind
    rule: str
    confidence: float
    time_text: str | None = None
    valid_from: str | None = None
    valid_until: str | None = None
    time_resolved: bool | None = None  # None when there is no time expression
    polarity: Polarity = "positive"
    modality: Modality = "asserted"
    failed: bool = False  # an attempt that failed ("unsuccessfully tried")
    attribution_text: str | None = None
    #: The entity the fact is attributed to (a speaker, an outlet), when it is one.
    attributed_to: Mention | None = None
    quantities: tuple[Quantity, ...] = ()


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
class Extraction:
    """Mentions, relations and open propositions read from one document (``kg.extract``)."""

    mentions: tuple[Mention, ...]
    relations: tuple[Relation, ...]
    propositions: tuple[Proposition, ...] = ()


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
    ``kg/extract/confidence.py``).
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
