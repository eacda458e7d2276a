"""Pass 4 of :mod:`kg.extract`: the qualifiers of each fact's evidence.

======== ====================================================================================
requires ``candidates`` (pass 3); ``by_token`` (pass 1) and ``discourse`` (pass 2), to name the
         source of an attribution ("he added" -> the last person)
assigns  ``qualifiers``: one ``model.Qualifiers`` per fact (time, quantities, attribution,
         polarity, modality; :mod:`kg.extract.qualify`)
======== ====================================================================================
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract import qualify
from kg.extract.passes.p2_arguments import source
from kg.extract.reader import Reader
from kg.model import Mention

if TYPE_CHECKING:
    from spacy.tokens import Token


def run(reader: Reader) -> None:
    """Qualify every fact at its anchor."""

    def mention_at(token: Token) -> Mention | None:
        return source(reader, token)

    published = reader.document.published
    for found in reader.candidates:
        reader.current = found.sent  # pronouns are resolved against this sentence's discourse
        reader.qualifiers.append(qualify.qualify(found.anchor, published, mention_at))
    reader.current = None
