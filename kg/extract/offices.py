"""Government offices held for a country: the holder of a national government's title works
for the country the title names, or the one the story is about.

- Rule ``office``: a government title whose modifier is a country or its demonym, right
  before the holder's name ("Japanese Finance Minister Kiichi Miyazawa", "Brazil's Finance
  Minister Dilson Funaro", "U.S. Trade Representative Clayton Yeutter") -> the person is an
  official of the country (``officialOf``, a kind of ``worksFor``), or its leader for a head
  of government's title ("French Prime Minister Jacques Chirac": ``leaderOf``).
- Rule ``implicit-office``: the same title with no country ("Finance Minister Dilson
  Funaro") -> the story's dominant country, when it has one (:func:`dominant_country`; named
  once at least as an actor, not only as in "the Iran arms scandal"), when
  nothing else in the story ties the person to another country or gives them the title at
  an organisation, and when the sentence names no other country and does not name the
  story's country as what the official deals with ("Agriculture Secretary Richard Lyng ...
  an initiative to the Soviet Union": the title may be another country's).

The title is the noun right before the name (:data:`kg.lexicons.names.GOVERNMENT_TITLES`),
and every word between it and the country is a portfolio or rank word
(:data:`~kg.lexicons.names.OFFICE_WORDS`): "Chrysler Chairman Lee Iacocca", "Nissan
President", "former Finance Minister" and "Bank of Japan Governor" are no national office
this reads. A name inside a hypothetical clause ("if I were Finance Minister X") is left
alone, and so is a person the other readings of the sentence already link to the country.

Only pass 3 (:mod:`kg.extract.passes.p3_relations`) calls :func:`relations`, once, after
every sentence is read: the implicit rule needs the whole story.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg import lexicons
from kg.extract.deps import NOMINAL_SUBJECTS, POSSESSOR
from kg.extract.evidence import Candidate, candidate
from kg.lexicons.names import (
    GOVERNMENT_TITLES,
    HEAD_OF_GOVERNMENT_TITLES,
    HEAD_RANK_WORDS,
    HYPOTHETICAL_MARKS,
    OFFICE_WORDS,
    OUTWARD_PREPOSITIONS,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.reader import Reader
    from kg.model import Mention

#: The sentences of a story's lead, where its dominant country must be named (the headline
#: is the first).
LEAD_SENTENCES = 3
#: Properties that already tie a person to a country or an organisation.
TIES = frozenset({"worksFor", "officialOf", "leaderOf"})


class Office:
    """A government title read before a name: its tokens and the country modifying it."""

    def __init__(self, title: Token, words: list[Token], country: Mention | None) -> None:
        self.title = title
        self.words = words  # the title's words, the title noun last
        self.country = country

    @property
    def predicate(self) -> str:
        lowered = [w.lower_ for w in self.words]
        phrase = " ".join(lowered[-2:]) if lowered[-2:] == ["prime", "minister"] else lowered[-1]
        if phrase in HEAD_OF_GOVERNMENT_TITLES and not HEAD_RANK_WORDS & set(lowered):
            return "leaderOf"
        return "officialOf"


def relations(reader: Reader) -> Iterator[Candidate]:
    """The office facts of a whole story: the explicit ones, then the implicit ones."""
    implicit: list[tuple[Span, Mention, Office]] = []
    for sent in reader.sentences:
        for person, office in _offices(reader, sent):
            if office.country is None:
                implicit.append((sent, person, office))
            elif not _linked(reader, person, _key(office.country), sent):
                yield candidate(sent, office.title, person, office.predicate, office.country,
                                "office", "")  # fmt: skip
    if not implicit:
        return
    country = dominant_country(reader)
    if country is None:
        return
    key = _key(country)
    for sent, person, office in implicit:
        if _foreign_sentence(reader, office, key) or _tied_elsewhere(reader, person, key):
            continue
        if not _linked(reader, person, key, sent):
            yield candidate(sent, office.title, person, office.predicate, country,
                            "implicit-office", "")  # fmt: skip


def dominant_country(reader: Reader) -> Mention | None:
    """The country a story is about: named (or its demonym used) at least twice, at least
    twice as often as any other, in the lead, and once at least as an actor; its first
    mention."""
    counts: Counter[str] = Counter()
    first: dict[str, Mention] = {}
    for mention in reader.mentions:
        if mention.type == "Country":
            key = _key(mention)
            counts[key] += 1
            first.setdefault(key, mention)
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2) + [("", 0)]
    if n < 2 or n < 2 * rest[0][1]:
        return None
    lead = reader.sentences[:LEAD_SENTENCES]
    end = lead[-1].end_char if lead else 0
    if not any(_key(m) == top and m.start < end for m in reader.mentions if m.type == "Country"):
        return None
    if not _actor(reader, top):
        return None
    return first[top]


def _actor(reader: Reader, country: str) -> bool:
    """Whether a story names the country as one that acts or has: a clause's subject, a
    possessor or its demonym ("Brazil will ask", "Italy's coalition", "Polish officials"), not
    only as a label or a destination ("the Iran arms scandal", "arms sales to Iran")."""
    for token in reader.tokens:
        mention = reader.by_token.get(token.i)
        if mention is None or mention.type != "Country" or _key(mention) != country:
            continue
        if not mention.named or token.dep_ in NOMINAL_SUBJECTS or token.dep_ == POSSESSOR:
            return True
    return False


def _foreign_sentence(reader: Reader, office: Office, country: str) -> bool:
    """Whether a sentence names another country ("President Reagan told the American people")
    or names the story's country as what the official deals with ("a wheat initiative to the
    Soviet Union"): the title may then be another country's. A country in the title's own
    phrase ("met with Prime Minister Yasuhiro Nakasone ... and other Japanese officials")
    is not dealt with."""
    for token in reader.sentence(office.title.sent):
        mention = reader.by_token.get(token.i)
        if mention is None or mention.type != "Country":
            continue
        if _key(mention) != country:
            return True
        prep = _outward(token)
        if token.dep_ != "poss" and prep is not None and office.title not in prep.subtree:
            return True
    return False


def _outward(token: Token) -> Token | None:
    """The outward preposition of its clause whose object a token is in, if any."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in {"VERB", "AUX"}:
            return None
        if ancestor.dep_ == "prep" and ancestor.lower_ in OUTWARD_PREPOSITIONS:
            return ancestor
    return None


def _offices(reader: Reader, sent: Span) -> Iterator[tuple[Mention, Office]]:
    """Each person named right after a government title in one sentence, with the title."""
    for token in reader.sentence(sent):
        person = reader.by_token.get(token.i)
        if person is None or person.type != "Person" or reader.by_token.get(token.i + 1) is person:
            continue  # not a person, or not the last token of the name
        if _hypothetical(token):
            continue
        office = _office_before(reader, token, person)
        if office is not None and not _held_at_organisation(reader, token, office.title):
            yield person, office


def _office_before(reader: Reader, head: Token, person: Mention) -> Office | None:
    """The government title right before a name, within the name's noun phrase."""
    # A title the mention includes ("Minister Kiichi Miyazawa") is still the title.
    name_start = person.end - len(person.refers_to or person.text)
    first = head.i
    while reader.by_token.get(first - 1) is person and reader.tokens[first - 1].idx >= name_start:
        first -= 1
    i = first - 1
    words: list[Token] = []
    left = head.left_edge.i
    while i >= left:
        token = reader.tokens[i]
        if token.is_space:  # a line break inside the phrase
            i -= 1
            continue
        mention = reader.by_token.get(token.i)
        if mention is not None and mention.type == "Country" and mention is not person:
            break
        word = token.lower_.rstrip(".")
        if not words and word not in GOVERNMENT_TITLES:
            return None
        if words and word not in OFFICE_WORDS and word != "'s":
            break
        if mention is not None and mention is not person and not _office_words(mention):
            return None  # "Bank of Japan Governor", "Chrysler Chairman"
        words.insert(0, token)
        i -= 1
    words = [w for w in words if w.lower_ != "'s"]
    if not words or words[0].lower_ in {"and", "of"}:
        return None
    title = words[-1]
    needs = GOVERNMENT_TITLES[title.lower_.rstrip(".")]
    if needs is not None and not needs & {w.lower_ for w in words}:
        return None
    if i < left or reader.tokens[i].dep_ == "det":
        return Office(title, words, None)
    country = reader.by_token.get(i)
    if country is None or country.type != "Country" or reader.tokens[i].dep_ == "pobj":
        return None  # "former Finance Minister", "U.S. Ambassador to Japan"
    return Office(title, words, country)


def _held_at_organisation(reader: Reader, head: Token, title: Token) -> bool:
    """Whether the name or its title has an organisation as its complement ("President Akio
    Morita of Sony", "Minister X, of the Liberal Party"): the title is the organisation's."""
    for word in (head, title):
        for prep in (c for c in word.children if c.dep_ == "prep"):
            for t in prep.subtree:
                mention = reader.by_token.get(t.i)
                if mention is not None and mention.type == "Organization":
                    return True
    return False


def _office_words(mention: Mention) -> bool:
    """Whether a mention is only portfolio words ("Finance" tagged as an organisation)."""
    return all(w.lower() in OFFICE_WORDS for w in mention.text.split())


def _hypothetical(token: Token) -> bool:
    """Whether a token is inside a clause an "if" or "unless" opens."""
    for ancestor in token.ancestors:
        if any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in ancestor.children):
            return True
    return False


def _key(mention: Mention) -> str:
    name = mention.refers_to or mention.text
    return lexicons.country_name(name) or name


def _holder(mention: Mention) -> str:
    return mention.refers_to or mention.text


def _same_person(a: Mention, b: Mention) -> bool:
    x, y = _holder(a), _holder(b)
    return x == y or x.endswith(" " + y) or y.endswith(" " + x)


def _linked(reader: Reader, person: Mention, country: str, sent: Span) -> bool:
    """Whether a fact of the sentence already makes the person work for or lead the country
    (an open relation, "bank governor of", or a home, is no such fact)."""
    return any(
        c.sent.start == sent.start
        and not c.open
        and c.predicate in TIES
        and _same_person(c.subject, person)
        and c.object.type == "Country"
        and _key(c.object) == country
        for c in reader.candidates
    )


def _tied_elsewhere(reader: Reader, person: Mention, country: str) -> bool:
    """Whether the story ties the person to another country ("Argentine Economy Minister Juan
    Sourrouille") or gives them the title at an organisation ("Bundesbank President Karl Otto
    Poehl")."""
    for c in reader.candidates:
        if c.open or c.predicate not in TIES or not _same_person(c.subject, person):
            continue
        if c.object.type == "Organization" and not _office_words(c.object):
            # A title held at the organisation ("Bundesbank President Karl Otto Poehl"), not
            # a party's or a company's other tie ("Craxi's Socialist Party").
            if c.anchor.lower_.rstrip(".") in GOVERNMENT_TITLES:
                return True
        if c.object.type == "Country" and _key(c.object) != country:
            return True
    return False
