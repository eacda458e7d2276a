"""Qualifiers of a fact, read from the sentence that states it: when it held, how much, who
says so, and whether the text asserts, denies, attempts, plans or only allows it.

Part of the extraction stage (spaCy tokens are allowed here). :func:`qualify` is called by
``kg.extract`` where a relation's evidence is made and returns a ``model.Qualifiers`` record
(the qualifier fields of ``model.Evidence``):

- ``when``/``timex``: time expressions attached to the fact's verb, normalised against the
  publication date to an interval (``valid_from``/``valid_until``);
- ``quantity``: amounts and changes ("fell by 8%", "almost halved", "$5 million");
- ``attribution``: the source ("told Reuters", "according to ...", a quotation's speaker);
- ``factuality``: polarity (negation, denial, "refused to") and modality (attempt, plan,
  possibility, reported);
- ``measure``: frames for measured trade nouns ("exports to Russia fell"), used by extract.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from kg.extract.qualify import attribution, factuality, measure, quantity, when
from kg.extract.qualify.attribution import MentionAt
from kg.model import Qualifiers

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["MentionAt", "measure", "parse_date", "qualify"]

VERBAL = {"VERB", "AUX"}


def parse_date(value: str | None) -> date | None:
    """An ISO ``YYYY-MM-DD`` date (the document's publication date), or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def qualify(anchor: Token, published: str | None, mention_at: MentionAt) -> Qualifiers:
    """The qualifiers of a fact whose verb (or title noun) is ``anchor``.

    Args:
        anchor: The token the fact hangs on: its verb, or the noun of a title frame.
        published: The document's publication date (ISO), the anchor of relative times.
        mention_at: The extractor's token -> mention lookup (pronouns resolved).
    """
    verbal = anchor.pos_ in VERBAL
    reading = factuality.factuality(anchor) if verbal else factuality.Factuality()
    time = _time(anchor, published, reading.future, verbal)
    if not verbal:
        return time
    text, source = attribution.attribution(anchor, mention_at)
    modality = reading.modality
    if modality == "asserted" and text:
        modality = "reported"
    return replace(
        time,
        polarity=reading.polarity,
        modality=modality,
        failed=reading.failed,
        attribution_text=text or None,
        attributed_to=source if text else None,
        quantities=quantity.attached(anchor),
    )


def _time(anchor: Token, published: str | None, future: bool, verbal: bool) -> Qualifiers:
    """The time qualifiers: the phrases attached to the anchor and their interval."""
    texts = when.phrases(anchor)
    if not texts and not verbal and (past := when.past_title(anchor)) is not None:
        # "former Senate leader Howard Baker": the title held before the article, no longer
        day = parse_date(published)
        return Qualifiers(time_text=past, time_resolved=day is not None,
                          valid_until=day.isoformat() if day else None)  # fmt: skip
    if not texts:
        return Qualifiers()
    tense = when.tense_of(anchor, future) if verbal else "present"
    span = when.interval(texts, parse_date(published), tense)
    if span is None:
        return Qualifiers(time_text="; ".join(texts), time_resolved=False)
    return Qualifiers(
        time_text="; ".join(texts),
        time_resolved=True,
        valid_from=span[0].isoformat() if span[0] else None,
        valid_until=span[1].isoformat() if span[1] else None,
    )
