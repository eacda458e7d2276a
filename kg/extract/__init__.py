"""The extraction stage: entity mentions and relations from a parsed ``Doc``, as plain records.

Every rule is a pure function over the ``Doc``. Relations come from dependency *frames*
(subject, verb, object, preposition, prepositional object), looked up in the lexicon kept
in ``ontology/kg.ttl``; see :func:`frame_keys` for the frame notation.

This package is the whole stage; spaCy objects never leave it. :func:`extract` runs the
passes of :mod:`kg.extract.passes` in order over one per-document record
(:class:`kg.extract.reader.Reader`), each reading what the earlier ones assigned:

1. mentions and their types (``mentions``, ``retype``, ``metonymy``, ``dateline``);
2. argument resolution: the discourse before each sentence, for pronouns and descriptions;
3. frames and relations (``frames``, ``nominal``, ``surface``) as facts, typed (``typed``);
4. qualifiers (:mod:`kg.extract.qualify`);
5. confidence (``clauses`` scored by ``confidence``), and the open propositions.

Every ``Relation`` and its ``Evidence`` are then made in ``evidence.relation``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from kg.extract import clauses
from kg.extract.evidence import relation
from kg.extract.passes import (
    p1_mentions,
    p2_arguments,
    p3_relations,
    p4_qualifiers,
    p5_confidence,
)
from kg.extract.passes.p5_confidence import scored_clauses
from kg.extract.reader import Reader
from kg.extract.syntax import frame_keys
from kg.model import Document, Extraction, Proposition, Relation, Section, document_id

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

__all__ = ["Extraction", "extract", "extract_texts", "frame_keys", "propositions", "text_document"]


def extract(
    document: Document, doc: Doc, *, frames: Mapping[str, str], propositions: bool = True
) -> Extraction:
    """Mentions and relations of one parsed document.

    Args:
        document: The ingested document; offsets refer to its text.
        doc: The spaCy parse of the document's text (same length, headlines true-cased).
        frames: The predicate lexicon, frame -> property local name (``ontology.lexicon()``).
        propositions: Also return the open propositions as records (``kg build``, which
            uses only their confidences, turns this off; the relations are the same).
    """
    reader = Reader(document, doc, frames)
    p1_mentions.run(reader)
    p2_arguments.run(reader)
    p3_relations.run(reader)
    p4_qualifiers.run(reader)
    p5_confidence.run(reader, propositions=propositions)
    made = zip(reader.candidates, reader.qualifiers, reader.confidences, strict=True)
    relations = [relation(document, read, q, confidence) for read, q, confidence in made]
    return Extraction(
        tuple(reader.mentions), tuple(_dedupe(relations)), tuple(reader.propositions)
    )


def extract_texts(
    texts: Iterable[str | Document],
    nlp: Language,
    *,
    frames: Mapping[str, str] | None = None,
    batch_size: int = 64,
) -> Iterator[tuple[Document, Extraction]]:
    """Parse and extract texts (or ingested documents) with a loaded spaCy pipeline.

    This is the library entry point that ``kg build`` and the benchmark adapters share: a
    plain string becomes a one-section document whose id is derived from its text.
    """
    from kg import nlp as kgnlp
    from kg.ontology import lexicon

    table = lexicon() if frames is None else frames
    documents = (t if isinstance(t, Document) else text_document(t) for t in texts)
    for document, doc in kgnlp.parse(documents, nlp, batch_size=batch_size):
        yield document, extract(document, doc, frames=table)


def text_document(text: str, source: str = "<text>") -> Document:
    """A plain text as a document of one body section, its id derived from the text."""
    return Document(document_id(text), text, source, sections=(Section("body", 0, len(text)),))


def propositions(document: Document, sent: Span) -> Iterator[Proposition]:
    """The open propositions of one sentence, each with its calibrated confidence."""
    for _, proposition in _propositions(document, sent):
        yield proposition


def _propositions(document: Document, sent: Span) -> Iterator[tuple[clauses.Clause, Proposition]]:
    for clause, score in scored_clauses(sent):
        yield clause, clauses.proposition(clause, sent, document.id, document.text, score)


def _dedupe(relations: list[Relation]) -> Iterator[Relation]:
    seen: set[tuple[object, ...]] = set()
    for r in relations:
        key = (r.subject.start, r.predicate, r.object.start, r.evidence.sentence_start)
        if key in seen or (r.subject.start == r.object.start and r.subject.end == r.object.end):
            continue
        seen.add(key)
        yield r
