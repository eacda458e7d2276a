"""Hand-built parses: a spaCy ``Doc`` from rows of (word, head, dep, POS, lemma, entity), so
extraction rules are tested without a model (shared by the extraction test modules)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from kg.model import Document, Section

VOCAB = spacy.blank("en").vocab


def parsed(
    rows: list[tuple[str, int, str, str, str, str]], joined: frozenset[int] = frozenset()
) -> tuple[Document, Doc]:
    """A Doc from rows of (word, head index, dep, POS, lemma, IOB entity) and its Document:
    a space after each word but before punctuation, and none after the rows in ``joined``
    ("Jean", "-", "Claude" written "Jean-Claude")."""
    words = [r[0] for r in rows]
    spaces = [
        i + 1 < len(rows) and rows[i + 1][3] != "PUNCT" and i not in joined
        for i in range(len(rows))
    ]
    doc = Doc(
        VOCAB,
        words=words,
        spaces=spaces,
        heads=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        lemmas=[r[4] for r in rows],
        ents=[r[5] for r in rows],
    )
    document = Document("d1", doc.text, "test", sections=(Section("body", 0, len(doc.text)),))
    return document, doc


Fact = tuple[str, str, str, str]


def typed_facts(nlp, text: str) -> set[Fact]:
    """(subject, property, object, rule) of the typed (not open) facts a real parse of one
    text gives, each end by the name it stands for."""
    from kg.extract import extract_texts

    ((_, extraction),) = list(extract_texts([text], nlp))
    return {
        (r.subject.refers_to or r.subject.text, r.predicate, r.object.refers_to or r.object.text,
         r.evidence.rule)
        for r in extraction.relations
        if not r.open
    }  # fmt: skip
