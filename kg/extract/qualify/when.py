"""The time expressions attached to a fact's verb in a parse, and the interval they denote."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from kg.extract.qualify.periods import Interval, Tense
from kg.extract.qualify.timex import normalise
from kg.extract.syntax import path_up, sentence_ents
from kg.lexicons.qualifiers import PAST_TITLE_WORDS, TIME_ADVERBS, TIME_NOUNS, TIME_SHAPING_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

TIME_LABELS = {"DATE", "TIME"}


def phrases(anchor: Token) -> list[str]:
    """Time expressions that modify ``anchor`` (a verb or a title noun), as written.

    DATE/TIME entities and prepositional time phrases whose attachment climbs to the anchor;
    when the anchor has none, those of the verbs that control it ("plans to ask ... next
    week"). A preposition that shapes the interval ("since", "between") is kept.
    """
    token = anchor
    for _ in range(4):
        found = list(_attached(token))
        if found or token.dep_ != "xcomp" or token.head.i == token.i:
            return found
        token = token.head
    return []


def _attached(anchor: Token) -> list[str]:
    """The anchor's time phrases; "from 2011" and "to 2022" become "from 2011 to 2022"."""
    found: list[tuple[str, str]] = []  # (governing preposition, text)
    ents = sentence_ents(anchor.sent)
    for ent in ents:
        if ent.label_ not in TIME_LABELS:
            continue
        top = _top(ent.root, anchor)
        if top is None:
            continue
        prep = top.lower_ if top.dep_ == "prep" and top.i < ent.start else ""
        start = top.i if prep in TIME_SHAPING_WORDS else ent.start
        found.append((prep, anchor.doc[start : ent.end].text))
    found += list(_phrases_without_entity(anchor, ents))
    starts = [i for i, (prep, _) in enumerate(found) if prep == "from"]
    ends = [i for i, (prep, _) in enumerate(found) if prep in {"to", "until", "till", "through"}]
    if starts and ends:
        i, j = starts[0], ends[0]
        merged = f"{found[i][1]} {found[j][0]} {found[j][1]}"
        found = [f for k, f in enumerate(found) if k not in {i, j}] + [("from", merged)]
    return [text for _, text in found]


def _phrases_without_entity(anchor: Token, ents: tuple[Span, ...]) -> Iterator[tuple[str, str]]:
    """Prepositional time phrases, years and time adverbs the NER did not mark (``ents``:
    the entities of the anchor's sentence)."""
    doc = anchor.doc
    covered = {t.i for e in ents if e.label_ in TIME_LABELS for t in e}
    for child in anchor.children:
        if child.i in covered:
            continue
        if child.dep_ == "prep":
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is None or pobj.i in covered:
                continue
            year = pobj.like_num and len(pobj.text) == 4 and pobj.text[:2] in {"18", "19", "20"}
            if year or pobj.lemma_.lower() in TIME_NOUNS:
                start = child.i if child.lower_ in TIME_SHAPING_WORDS else child.i + 1
                yield child.lower_, doc[start : pobj.right_edge.i + 1].text
        elif child.dep_ in {"npadvmod", "advmod"} and child.lower_ in TIME_ADVERBS:
            yield "", child.text


def _top(token: Token, anchor: Token) -> Token | None:
    """The anchor's child on the way up from ``token``; None when it leads to another verb."""
    path = path_up(token, anchor, _not_a_time_of_the_anchor)
    return path[0] if path else None


def _not_a_time_of_the_anchor(current: Token, head: Token) -> bool:
    if head.pos_ in {"VERB", "AUX"} and current.dep_ not in {"pcomp"}:
        return True  # another verb's time
    # "winter wheat", "a four-day visit": part of a noun, not a time
    return head.pos_ in {"NOUN", "PROPN"} and current.dep_ in {"compound", "amod", "nmod"}


def tense_of(verb: Token, future: bool) -> Tense:
    """Past, present (and perfect) or future, from the verb's tag and auxiliaries."""
    if future:
        return "future"
    auxes = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    if auxes & {"has", "have", "'ve", "is", "are", "am", "'s", "'re"}:
        return "present"
    if verb.tag_ in {"VBD", "VBN"} or auxes & {"had", "was", "were", "did"}:
        return "past"
    return "present"


def interval(texts: list[str], published: date | None, tense: Tense) -> Interval | None:
    """The narrowest interval among the phrases that can be placed."""
    found = [i for t in texts if (i := normalise(t, published, tense)) is not None]
    if not found:
        return None

    def width(span: Interval) -> int:
        start, end = span
        if start is None or end is None:
            return 10**6
        return (end - start).days

    return min(found, key=width)



def past_title(anchor: Token) -> str | None:
    """The word that puts a title noun in the past ("former", "ex-", "late"), when it
    modifies the title ``anchor`` or a title coordinated with it ("the former Wall Street
    executive and Treasury secretary"); None for a title held now."""
    titles = [anchor, anchor.head] if anchor.dep_ == "conj" else [anchor]
    for title in titles:
        for token in title.doc[title.left_edge.i : title.i]:
            if (token.dep_ in _MODIFIER and token.lower_.rstrip("-") in PAST_TITLE_WORDS
                    and token.head.pos_ == "NOUN"):  # not "the former Soviet Union's leader"
                return token.text.rstrip("-")
    return None


_MODIFIER = {"amod", "compound", "advmod", "nmod"}
