"""The per-document stages, in order: nlp → extract → resolve, one ``DocumentResult`` each.

What a worker runs (``kg.parallel``) and what ``kg.pipeline`` runs in its own process; the
pipeline module adds what comes before (ingest) and after (the graph).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from kg import nlp, ontology
from kg.aliases import AliasTable
from kg.extract import extract
from kg.model import Document, DocumentResult
from kg.resolve import resolve

if TYPE_CHECKING:
    from spacy.language import Language


def process(
    documents: Iterable[Document], language: Language, aliases: AliasTable | None = None
) -> Iterator[DocumentResult]:
    """Run nlp, extract and resolve over documents, one result per document."""
    frames = ontology.lexicon()
    for document, doc in nlp.parse(documents, language):
        found = extract(document, doc, frames=frames, propositions=False)  # not in the graph
        yield resolve(document, found, aliases=aliases)
