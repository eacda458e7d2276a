"""The extraction stage: entity mentions and relations from a parsed ``Doc``, as plain records.

Every rule is a pure function over the ``Doc``. Relations come from dependency *frames*
(subject, verb, object, preposition, prepositional object), looked up in the lexicon kept
in ``ontology/kg.ttl``; see :func:`frame_keys` for the frame notation.

This package is the whole stage; spaCy objects never leave it. :func:`extract` runs the
steps in order over one document:

- ``mentions`` (NER names corrected by ``retype`` and ``metonymy``, quoted infrastructure,
  commodities, addresses) into a ``reader.Reader``, the per-document state that also resolves
  argument tokens (pronouns, descriptions, relative pronouns);
- per sentence: ``dateline`` (source lines), ``clauses`` (open propositions scored by
  ``confidence``), ``frames`` (verb and copula frames), ``nominal`` (titles, appositions,
  names inside one noun phrase, event nouns), ``surface`` (word-order readings);
- every ``Relation`` and its ``Evidence`` are made in ``evidence.relation`` (types from
  ``typed``, qualifiers from :mod:`kg.extract.qualify`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from kg.extract import clauses, dateline, mentions, surface
from kg.extract.evidence import relation, score_clauses, scored_clauses
from kg.extract.frames import sentence_relations
from kg.extract.nominal import event_relations, nominal_relations
from kg.extract.reader import Reader, argument, update_discourse
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
    for ent in doc.ents:
        mentions.add_entity(reader, ent)
    mentions.add_surnames(reader)
    mentions.add_addresses(reader)
    mentions.add_quoted_infrastructure(reader)
    mentions.add_commodities(reader)
    relations: list[Relation] = []
    found: list[Proposition] = []
    for sent in doc.sents:
        reader.current, reader.clauses_open = sent, False
        for anchor, s, prop, o, rule in dateline.read(reader, sent):
            relations.append(relation(reader, sent, anchor, s, prop, o, rule, ""))
        reader.clauses_open = True
        if propositions:  # every clause, now; else a sentence's when a fact first asks
            for clause, score in score_clauses(reader, sent):
                found.append(
                    clauses.proposition(clause, sent, document.id, document.text, score)
                )
        relations.extend(sentence_relations(reader, sent))
        relations.extend(nominal_relations(reader, sent))
        relations.extend(event_relations(reader, sent))
        resolve = functools.partial(argument, reader, concepts=False)
        for anchor, s, prop, o, rule in surface.relations(reader, sent, resolve):
            relations.append(relation(reader, sent, anchor, s, prop, o, rule, ""))
        update_discourse(reader, sent)
    return Extraction(tuple(reader.mentions), tuple(_dedupe(relations)), tuple(found))


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
