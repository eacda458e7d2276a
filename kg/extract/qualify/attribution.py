"""Who says a fact: "three sources ... told Reuters", "said a source close to the government",
"according to Reuters", a quotation and its speaker.

:func:`attribution` returns the text that names the source and, when the source (or the
outlet it spoke to) is an entity mention, that mention; ``mention_at`` is the extractor's
lookup from a token to the mention it belongs to (pronouns resolved).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kg.lexicons.qualifiers import DOUBLE_QUOTES, SPEECH_VERBS
from kg.model import Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Kinds of mention that can be a source.
SOURCE_TYPES = {"Person", "Organization", "Country", "Place", "Group"}
MAX_WORDS = 14

MentionAt = Callable[["Token"], Mention | None]


def attribution(verb: Token, mention_at: MentionAt) -> tuple[str | None, Mention | None]:
    """(attribution text, source mention) for the clause headed by ``verb``; (None, None)."""
    speech = _speech_verb(verb)
    if speech is not None:
        return _source(speech, mention_at)
    according = _according_to(verb)
    if according is not None:
        phrase = _phrase(according)
        return f"according to {phrase}", _entity_in(according, mention_at)
    speech = _quotation_speaker(verb)
    if speech is not None:
        return _source(speech, mention_at)
    return None, None


def _clause_top(verb: Token) -> Token:
    """The head of the clause chain a fact's verb sits in (through control and conjunction)."""
    token = verb
    for _ in range(8):
        if token.dep_ in {"xcomp", "conj", "acl", "acomp"} and token.head.i != token.i:
            if token.dep_ == "acl" and token.head.pos_ not in {"VERB", "AUX"}:
                break
            token = token.head
        else:
            break
    return token


def _speech_verb(verb: Token) -> Token | None:
    top = _clause_top(verb)
    token = top
    # The clause is the complement of a speech verb: "X fell, three sources told Reuters".
    for _ in range(4):
        head = token.head
        if token.dep_ in {"ccomp", "parataxis"} and head.lemma_.lower() in SPEECH_VERBS:
            return head if head.i != verb.i else None
        if token.dep_ in {"ccomp", "xcomp"} and head.pos_ in {"VERB", "AUX"}:
            token = head  # "said it plans to sell": climb through the plan
            continue
        break
    # A speech verb hanging off the clause: "X fell, sources said" parsed as parataxis/conj.
    for child in top.children:
        if (
            child.dep_ in {"parataxis", "conj", "advcl", "ccomp"}
            and child.lemma_.lower() in SPEECH_VERBS
            and child.i > top.i
            and child.i != verb.i
            and _speaker_token(child) is not None
            and not any(c.dep_ in {"ccomp", "dobj"} and c.pos_ in {"VERB", "AUX"}
                        for c in child.children)  # fmt: skip
        ):
            return child
    return None


def _according_to(verb: Token) -> Token | None:
    top = _clause_top(verb)
    for head in [verb] if top.i == verb.i else [verb, top]:
        for child in head.children:
            if child.lower_ == "according":
                for to in child.children:
                    for pobj in to.children:
                        if pobj.dep_ == "pobj":
                            return pobj
            if child.lower_ == "citing":
                for obj in child.children:
                    if obj.dep_ in {"dobj", "pobj"}:
                        return obj
    return None


def _quotation_speaker(verb: Token) -> Token | None:
    """The speech verb just outside the quotation that holds ``verb``, if any."""
    doc = verb.doc
    opening = _open_quote(verb)
    if opening is None:
        return None
    closing = next(
        (t.i for t in doc[verb.i + 1 : verb.i + 150] if t.text in DOUBLE_QUOTES or "\n" in t.text),
        None,
    )
    if closing is None or doc[closing].text in {"“", "``"} or "\n" in doc[closing].text:
        return None
    # "“...,” he added." / "“...,” said a source": only punctuation and the speaker between.
    for candidate in doc[closing + 1 : closing + 8]:
        if candidate.lemma_.lower() not in SPEECH_VERBS or candidate.pos_ not in {"VERB", "AUX"}:
            continue
        speaker = _speaker_token(candidate)
        if speaker is None:
            continue
        between = doc[closing + 1 : candidate.i]
        if all(t.is_punct or speaker.left_edge.i <= t.i <= speaker.right_edge.i for t in between):
            return candidate
        break
    # "..., complained a source. “More quotation”": the speaker of the sentence just before.
    for candidate in reversed(doc[max(0, opening - 12) : opening]):
        if candidate.lemma_.lower() not in SPEECH_VERBS or candidate.pos_ not in {"VERB", "AUX"}:
            continue
        speaker = _speaker_token(candidate)
        if speaker is None:
            continue
        if all(t.is_punct or candidate.is_ancestor(t) for t in doc[candidate.i + 1 : opening]):
            return candidate
        break
    return None


def _open_quote(verb: Token) -> int | None:
    """Index of the double quote that opens the quotation holding ``verb`` in its paragraph."""
    doc = verb.doc
    start = verb.i
    while start > 0 and "\n" not in doc[start - 1].text and verb.i - start < 300:
        start -= 1
    opening = None
    for token in doc[start : verb.i]:
        if token.text in {"“", "``"}:
            opening = token.i
        elif token.text == "”":
            opening = None
        elif token.text in {'"', "''"}:  # straight quotes open and close in turn
            opening = None if opening is not None else token.i
    return opening


def _speaker_token(speech: Token) -> Token | None:
    """The subject of a speech verb; an inverted one too ("said a source close to ...")."""
    for child in speech.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and child.lower_ not in {"it", "that", "which"}:
            return child
    if speech.lemma_.lower() not in {"tell", "inform", "brief"}:
        for child in speech.children:
            if child.dep_ in {"dobj", "attr", "npadvmod"} and child.i > speech.i:
                return child
    for child in speech.children:  # "as reported by Reuters"
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _addressee(speech: Token) -> Token | None:
    if speech.lemma_.lower() not in {"tell", "inform", "brief"}:
        return None
    for child in speech.children:
        if child.dep_ in {"dobj", "dative"}:
            return child
    return None


def _phrase(token: Token) -> str:
    """A noun phrase as written: the token's subtree without relative or quoted clauses."""
    doc = token.doc
    words = [t for t in token.subtree if not (t.is_quote or t.dep_ in {"relcl", "punct"})]
    start = min(t.i for t in words)
    end = max(t.i for t in words)
    if end - start + 1 > MAX_WORDS:
        start = token.left_edge.i
        end = token.i
    return doc[start : end + 1].text


def _entity_in(token: Token, mention_at: MentionAt) -> Mention | None:
    """The source entity of a noun phrase: its head when that is one, else a name inside."""
    head = mention_at(token)
    if head is not None and head.type in SOURCE_TYPES:
        return head
    for t in token.subtree:
        mention = mention_at(t)
        if mention is not None and mention.type in SOURCE_TYPES and mention.named:
            return mention
    return None


def _source(speech: Token, mention_at: MentionAt) -> tuple[str | None, Mention | None]:
    speaker = _speaker_token(speech)
    addressee = _addressee(speech)
    if speaker is None and addressee is None:
        return None, None
    parts = []
    if speaker is not None:
        parts.append(_phrase(speaker))
    if addressee is not None:
        parts += [speech.text, _phrase(addressee)]
    entity = _entity_in(speaker, mention_at) if speaker is not None else None
    if entity is None and addressee is not None:
        entity = _entity_in(addressee, mention_at)
    return " ".join(parts), entity
