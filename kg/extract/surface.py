"""Relations read from the order of words around two names, where English fixes the reading
by convention and a small parser often attaches the words wrongly.

- Agent nouns between two names: "McKinley's assassin Leon Czolgosz", "King assassin James
  Earl Ray", "Kennedy's assassin, Lee Harvey Oswald", "Booth, the assassin of Lincoln": the
  name next to the noun did the deed to the other (:data:`AGENT_NOUNS`).
- "Illinois born Charlton Heston": a person born in the place before "born".
- A possessor's native or home place: "in his native South Carolina", "Jackson's home
  state, South Carolina" -> the possessor lives there.
- The news address "Dayton, Ohio" / "Leninakan, Armenia": a place, a comma and a US state or
  a country means the first lies in the second (a list such as "Colombia, Bolivia" is not:
  the first name must not be a country itself).

Only pass 3 (:mod:`kg.extract.passes.p3_relations`) calls :func:`relations`; each result is
(anchor token, subject, property, object, rule), turned into a fact there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kg import lexicons
from kg.extract import retype
from kg.lexicons.names import AGENT_NOUNS, COMPASS, NATIVE_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from kg.extract.reader import Reader
    from kg.model import Mention


Found = tuple["Token", "Mention", str, "Mention", str]


def relations(
    reader: Reader, sent: Span, resolve: Callable[[Token], Mention | None]
) -> Iterator[Found]:
    """The relations the word order around names states in one sentence; ``resolve`` gives
    the mention a token stands for (pronouns included)."""
    yield from _native(reader, sent, resolve)
    names = _names(reader, sent)
    by_start = {start: (m, end) for m, start, end in names}
    by_end = {end: (m, start) for m, start, end in names}
    doc = sent.doc
    for mention, start, end in names:
        yield from _born(doc, by_start, mention, end)
        yield from _agent_before(doc, by_end, mention, start)
        yield from _agent_after(doc, by_start, mention, end)
        yield from _address(doc, by_start, mention, end)


def _native(
    reader: Reader, sent: Span, resolve: Callable[[Token], Mention | None]
) -> Iterator[Found]:
    """ "his native South Carolina", "Jackson's home state(, South Carolina)"."""
    for token in reader.sentence(sent):
        if token.lower_ == "home" and token.pos_ == "NOUN":
            # "at his home in suburban Larchmont"
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            places = [
                reader.by_token.get(p.i)
                for c in token.children
                if c.dep_ == "prep" and c.lower_ == "in"
                for p in c.children
                if p.dep_ == "pobj"
            ]
            person = resolve(owner) if owner is not None else None
            for place in places:
                if place and person and person.type == "Person" and place.named:
                    if place.type in {"Place", "Country"}:
                        yield token, person, "livesIn", place, "native"
            continue
        if token.lower_ not in NATIVE_WORDS or token.dep_ not in {"amod", "compound"}:
            continue
        head = token.head
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is None:
            continue
        place = reader.by_token.get(head.i)
        if place is None:  # "home state, South Carolina": the apposition names it
            place = next(
                (reader.by_token.get(c.i) for c in head.children if c.dep_ == "appos"), None
            )
        person = resolve(owner)
        if place is None or person is None or person.type != "Person":
            continue
        if place.type in {"Place", "Country"}:
            yield token, person, "livesIn", place, "native"


def _names(reader: Reader, sent: Span) -> list[tuple[Mention, int, int]]:
    """The named mentions of a sentence with their token ranges (end exclusive)."""
    found: list[tuple[Mention, int, int]] = []
    for token in reader.sentence(sent):
        mention = reader.by_token.get(token.i)
        if mention is None or not mention.named:
            continue
        if found and found[-1][0] is mention and found[-1][2] == token.i:
            found[-1] = (mention, found[-1][1], token.i + 1)
        else:
            found.append((mention, token.i, token.i + 1))
    return found


def _born(
    doc: Doc, by_start: dict[int, tuple[Mention, int]], place: Mention, end: int
) -> Iterator[Found]:
    """ "Illinois born Charlton Heston", "Chicago-born writer Saul Bellow": a person born in
    a place; "the Frankfurt-based Commerzbank": an organisation based there (a kind noun of
    up to three words may stand between)."""
    if place.type not in {"Place", "Country"} or end + 1 >= len(doc):
        return
    at = end + 1 if doc[end].text == "-" else end
    word = doc[at].lower_
    wanted = {"born": ("Person", "livesIn"), "based": ("Organization", "basedIn")}.get(word)
    if wanted is None:
        return
    for i in range(at + 1, min(at + 5, len(doc))):
        found = by_start.get(i)
        if found is not None:
            if found[0].type == wanted[0]:
                yield doc[at], found[0], wanted[1], place, word
            return
        if not doc[i].is_alpha:
            return


def _agent_before(
    doc: Doc, by_end: dict[int, tuple[Mention, int]], doer: Mention, start: int
) -> Iterator[Found]:
    """ "VICTIM('s) assassin(,) DOER": the agent noun right before the doer's name."""
    if doer.type != "Person":
        return
    i = start - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    if i < 1 or doc[i].lemma_.lower() not in AGENT_NOUNS or not doc[i].text.islower():
        return
    noun = doc[i]
    j = i - 1 if doc[i - 1].tag_ != "POS" else i - 2
    found = by_end.get(j + 1)
    if found is not None and found[0].type == "Person" and found[0] is not doer:
        yield noun, doer, AGENT_NOUNS[noun.lemma_.lower()], found[0], "agent-noun"


def _agent_after(
    doc: Doc, by_start: dict[int, tuple[Mention, int]], doer: Mention, end: int
) -> Iterator[Found]:
    """ "DOER, (the) assassin of VICTIM"."""
    if doer.type != "Person" or end + 3 >= len(doc) or doc[end].text != ",":
        return
    i = end + 1
    if doc[i].lower_ in {"the", "a", "an"}:
        i += 1
    noun = doc[i]
    if noun.lemma_.lower() not in AGENT_NOUNS or i + 2 >= len(doc) or doc[i + 1].lower_ != "of":
        return
    found = by_start.get(i + 2)
    if found is not None and found[0].type == "Person" and found[0] is not doer:
        yield noun, doer, AGENT_NOUNS[noun.lemma_.lower()], found[0], "agent-noun"


def _address(
    doc: Doc, by_start: dict[int, tuple[Mention, int]], place: Mention, end: int
) -> Iterator[Found]:
    """ "Dayton, Ohio": a place (not a country), a comma, a US state or a country; a compass
    word may say where in it ("Mohammadia, south-east Algeria", "Kirkuk, northern Iraq")."""
    if place.type != "Place" or end + 1 >= len(doc) or doc[end].text != ",":
        return
    at = end + 1
    while at < len(doc) and at <= end + 3 and (doc[at].lower_ in COMPASS or doc[at].text == "-"):
        at += 1
    found = by_start.get(at)
    if found is None:
        return
    container, _ = found
    state = container.type == "Place" and retype.is_state(container.text, after_comma=True)
    if state or container.type == "Country" and lexicons.is_country(container.text):
        yield doc[end], place, "locatedIn", container, "address"
