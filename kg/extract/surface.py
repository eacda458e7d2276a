"""Relations read from the order of words around two names, where English fixes the reading
by convention and a small parser often attaches the words wrongly.

- Agent nouns between two names: "McKinley's assassin Leon Czolgosz", "King assassin James
  Earl Ray", "Kennedy's assassin, Lee Harvey Oswald", "Booth, the assassin of Lincoln": the
  name next to the noun did the deed to the other (:data:`AGENT_NOUNS`).
- "Illinois born Charlton Heston": a person born in the place before "born".
- A possessor's native or home place: "in his native South Carolina", "Jackson's home
  state, South Carolina" -> the possessor lives there.
- A company's officer named by the title between the two names: "Laurie Milbank and Co
  assistant manager Machiko Suzuki", "Thomas McKiernan, McKiernan and Co chairman": the
  person works for (or leads, by the title's lexicon frame) the company; the parser reads
  "X and Co" as a coordination and loses the title's company.
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
from kg.lexicons.names import (
    AGENT_NOUNS,
    COMPANY_ROLES,
    COMPASS,
    NATIVE_WORDS,
    PORTFOLIO_TITLES,
    STATE_NAMES,
)
from kg.lexicons.qualifiers import PAST_TITLE_WORDS

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
        yield from _company_title(reader, doc, by_start, mention, start, end)


def _native(
    reader: Reader, sent: Span, resolve: Callable[[Token], Mention | None]
) -> Iterator[Found]:
    """ "his native South Carolina", "Jackson's home state(, South Carolina)"."""
    for token in reader.sentence(sent):
        word = reader.lowers[token.i]
        if word == "home" and reader.pos[token.i] == "NOUN":
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
        if word not in NATIVE_WORDS or token.dep_ not in {"amod", "compound"}:
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
    container, stop = found
    if stop < len(doc) and doc[stop].tag_ == "POS":
        return  # "Indianapolis, New York's Kennedy Airport": New York owns the next name
    if _listed(place, container):
        return  # "in California, Florida and North Carolina": a list, no address
    state = container.type == "Place" and retype.is_state(container.text, after_comma=True)
    if state or container.type == "Country" and lexicons.is_country(container.text):
        yield doc[end], place, "locatedIn", container, "address"


def _listed(place: Mention, container: Mention) -> bool:
    """Whether "PLACE, CONTAINER" is part of a list of states ("in California, Florida and
    North Carolina"): a state is in no other state ("New York, N.Y." is the city, in its
    state). A list of addresses ("Bluffton, Ohio, Fort Wayne, Ind.") is still one address
    after another."""
    if place.type != "Place" or not retype.is_state(place.text, after_comma=False):
        return False
    names = STATE_NAMES.get(retype.state_key(place.text)), STATE_NAMES.get(
        retype.state_key(container.text)
    )
    return names[0] != names[1]


def _company_title(
    reader: Reader,
    doc: Doc,
    by_start: dict[int, tuple[Mention, int]],
    company: Mention,
    start: int,
    end: int,
) -> Iterator[Found]:
    """ "COMPANY TITLE PERSON" and "PERSON, COMPANY TITLE(,|.)": a title of one to three
    lower-case words between an organisation's name and a person's, or after both."""
    if company.type != "Organization" or _past_or_joined(doc, start):
        return
    title = _title_words(doc, end, by_start)
    if title is None:
        return
    words, after = title
    capitalised = not all(w.text.islower() for w in words)
    if capitalised and words[-1].lemma_.lower() in PORTFOLIO_TITLES:
        return  # "Finance Minister X": an office, and "Finance" no organisation
    predicate = _title_property(reader, words, lexicon_only=capitalised)
    if predicate is None:
        return
    found = by_start.get(after)
    if found is not None:
        if found[0].type == "Person":
            yield words[-1], found[0], predicate, company, "company-title"
        return
    if capitalised:  # "Ways and Means Committee Chairman" only before the holder's name
        return
    if after < len(doc) and doc[after].text not in {",", ".", ";"} and doc[after].lower_ != "said":
        return
    if start >= 2 and doc[start - 1].text == ",":
        before = _name_ending_at(by_start, start - 1)
        if before is not None and before.type == "Person":
            yield words[-1], before, predicate, company, "company-title"


def _past_or_joined(doc: Doc, start: int) -> bool:
    """Whether the word before a company's name makes its title past ("former Chrysler
    chairman", "ex-CIA chief") or the name the end of a longer one ("Energy and Commerce
    committee chairman": the title is the committee's)."""
    i = start - 1
    if i >= 1 and doc[i].text == "-":
        i -= 1
    return i >= 0 and doc[i].lower_ in {*PAST_TITLE_WORDS, "and", "&"}


def _title_words(
    doc: Doc, at: int, names: dict[int, tuple[Mention, int]]
) -> tuple[list[Token], int] | None:
    """The title words from ``at`` on (at most three, the last a noun), and the index after
    them: all lower case, or all capitalised ("House Ways and Means Committee Chairman Dan
    Rostenkowski", where the tagger leaves the title out of both names)."""
    if at >= len(doc):
        return None
    words: list[Token] = []
    i = at
    case = str.islower if doc[at].text.islower() else str.istitle
    while i < len(doc) and len(words) < 4 and doc[i].is_alpha and case(doc[i].text):
        if i in names:  # the next name begins
            break
        words.append(doc[i])
        i += 1
    if not words or len(words) > 3 or words[-1].pos_ not in {"NOUN", "PROPN"}:
        return None
    if any(w.pos_ not in {"NOUN", "ADJ", "PROPN"} for w in words):
        return None
    if case is str.islower and words[-1].pos_ != "NOUN":
        return None
    return words, i


def _title_property(reader: Reader, words: list[Token], lexicon_only: bool = False) -> str | None:
    """The property a title states between a person and a company: its lexicon frame
    ("chairman" leads, "vice president" works for), else (unless ``lexicon_only``) works
    for when its noun is a role at a company ("assistant manager", "analyst")."""
    phrase = [*(w.lower_ for w in words[:-1]), words[-1].lemma_.lower()]
    for at in range(len(phrase)):  # "senior vice president" as "vice president", not "president"
        candidate = " ".join(phrase[at:])
        predicate = reader.frames.get(f"{{s}} is {candidate} of {{o}}")
        if predicate is not None:
            return predicate
    if lexicon_only:
        return None
    return "worksFor" if words[-1].lemma_.lower() in COMPANY_ROLES else None


def _name_ending_at(by_start: dict[int, tuple[Mention, int]], end: int) -> Mention | None:
    """The named mention whose tokens end right before ``end``."""
    for mention, stop in by_start.values():
        if stop == end:
            return mention
    return None
