"""US legislators' party and the state they represent, as news copy writes them.

- ``party-tag``: a party letter and a state right after a person's name, in brackets or
  between commas: "Sen. Edward Kennedy (D-Mass.)", "Rostenkowski, D-Ill., predicted";
- ``party-apposition``: a party noun in apposition to the name, the state before it or after
  "from": "Senator David Boren, an Oklahoma Democrat,", "Sen. Steven Symms, a conservative
  Republican from Idaho,", "Rep. Mathew Rinaldo, the senior subcommittee Republican,";
- ``party-title``: a party word, a state or both before the name and its title, or the state
  after "of": "Democratic senator Paul Sarbanes of Maryland", "Republican Bob Dole of
  Kansas", "N.J. Rep. Mathew Rinaldo", "Sen. Bob Dole of Kansas".

Each makes the person ``memberOf`` the party (Democratic Party, Republican Party) and
``represents`` the state (by its full name: "Mass." is Massachusetts), where the text names
them. A party word is the US party's only where the text says it is American: a state named
with it, a title of Congress (:data:`~kg.lexicons.names.LEGISLATIVE_TITLES`) or a chamber
("House Democrat"), or the tag itself; and never after another capitalised word of a name
("Christian Democrat", "Social Democratic", "Irish Republican"). A state is a whole name
("Texas Instruments" is none), a tag a party letter and a state ("D-Day", "R-rated" are
none). The holder of an executive title ("Republican Governor Kay Orr of Nebraska",
"Democratic presidential candidate Michael Dukakis") is a member of the party but represents
no state; an independent ("I-Vt.") represents the state and is a member of no party.

Pass 1 (:mod:`kg.extract.passes.p1_mentions`) calls :func:`read`: the party and the state
become mentions (an organisation and a place, their full names as ``refers_to``, in place of
the tagger's "Republican" group or "N.J." place), and the facts wait in
``reader.legislators`` (sentence start -> (anchor token, person, property, object, rule))
until pass 3 makes them facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg import lexicons
from kg.extract.retype import state_key
from kg.lexicons.names import (
    CHAMBER_WORDS,
    EXECUTIVE_TITLES,
    LEGISLATIVE_TITLES,
    PARTY_TAG_LETTERS,
    STATE_NAMES,
    TITLES_JOINED_TO_NAMES,
    US_PARTIES,
    US_STATES,
    WORDLIKE_STATE_ABBREVIATIONS,
)
from kg.lexicons.qualifiers import PAST_TITLE_WORDS
from kg.model import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from kg.extract.reader import Reader


Found = tuple["Token", Mention, str, Mention, str]

#: A party tag right after a name: "(D-Mass.)", ", R-Kan.,", ", D-Mass," or ", R-Mo." at the
#: sentence's end; the state is looked up in the table, so "D-Day" and "R-rated" are none.
_TAG = re.compile(
    rf"\s*[(,]\s*([{PARTY_TAG_LETTERS}])\s?-\s?([A-Z][A-Za-z.]*(?: [A-Z][a-z]+)?)\s*(?:[),;]|$)"
)
#: Party words as nouns (in apposition, "a Texas Democrat") and as adjectives (before a title).
PARTY_NOUNS = frozenset({"Democrat", "Republican"})
PARTY_WORDS = frozenset({"Democrat", "Democratic", "Republican"})
#: Words that end an apposition after its party noun.
_APPOSITION_ENDS = frozenset({"who", "whose", "and", "on", "in", "at", "for", "with"})
_DETERMINERS = frozenset({"a", "an", "the"})
#: Titles that, beside a party or a chamber of Congress, are a legislator's ("Democratic
#: leader Robert Byrd of West Virginia", "Senate Republican whip"), not a party official's.
_CONGRESS_ROLES = frozenset(
    "leader whip majority minority assistant ranking senior junior freshman".split()
)


@dataclass(frozen=True)
class _Part:
    """A party or a state where the text names it: character span, full name."""

    start: int
    end: int
    name: str


@dataclass(frozen=True)
class _Reading:
    rule: str
    anchor: int  # token index
    party: _Part | None
    state: _Part | None


def read(reader: Reader) -> None:
    """The party and state of every legislator named in the document: their mentions are
    added, their facts kept in ``reader.legislators`` for pass 3."""
    for sent in reader.sentences:
        for person, first, last in _people(reader, sent):
            readings = (_tag(reader, sent, person, first, last),
                        _apposition(reader, sent, person, first, last),
                        _title(reader, sent, first, last))  # fmt: skip
            for reading in readings:
                if reading is not None:
                    found = list(_facts(reader, person, reading))
                    reader.legislators.setdefault(sent.start, []).extend(found)


def is_part(reader: Reader, mention: Mention) -> bool:
    """Whether a mention is a legislator's party or state, whose facts with the legislator
    are this module's: no other noun-phrase relation of its (the state is no home of his,
    nor of the party; he is a member of the party, no employee)."""
    return any(found[3] is mention for facts in reader.legislators.values() for found in facts)


def _people(reader: Reader, sent: Span) -> list[tuple[Mention, int, int]]:
    """The named people of a sentence, each with its first and last token."""
    spans: dict[int, tuple[Mention, int, int]] = {}
    for token in reader.sentence(sent):
        mention = reader.by_token.get(token.i)
        if mention is None or mention.type != "Person" or not mention.named:
            continue
        first = spans[id(mention)][1] if id(mention) in spans else token.i
        spans[id(mention)] = (mention, first, token.i)
    return list(spans.values())


def _facts(reader: Reader, person: Mention, reading: _Reading) -> list[Found]:
    anchor = reader.tokens[reading.anchor]
    found: list[Found] = []
    for part, prop, type_ in ((reading.party, "memberOf", "Organization"),
                              (reading.state, "represents", "Place")):  # fmt: skip
        if part is not None:
            mention = _mention(reader, part, type_)
            if mention is not None:
                found.append((anchor, person, prop, mention, reading.rule))
    return found


def _mention(reader: Reader, part: _Part, type_: str) -> Mention | None:
    """The mention of a party or a state, made where the tagger made none or another (a
    group "Republican", a place "N.J." without its full name); None over a person's name."""
    span = reader.doc.char_span(part.start, part.end, alignment_mode="expand")
    if span is None:
        return None
    tokens = range(span.start, span.end)
    text = reader.document.text[part.start : part.end]
    refers_to = None if text == part.name else part.name
    known = {id(m): m for i in tokens if (m := reader.by_token.get(i)) is not None}
    for m in known.values():
        if m.start == part.start and m.end == part.end and m.type == type_:
            if m.refers_to == refers_to:
                return m
        if m.type == "Person":
            return None
    for m in known.values():  # replaced: no other mention covers these tokens
        reader.mentions.remove(m)
        for i in [i for i, other in reader.by_token.items() if other is m]:
            del reader.by_token[i]
    mention = Mention(reader.document.id, text, part.start, part.end, type_, refers_to=refers_to)
    return reader.add(mention, tokens)


# -- the three ways news copy names a legislator's party and state ---------------------------


def _tag(reader: Reader, sent: Span, person: Mention, first: int, last: int) -> _Reading | None:
    """ "Sen. Edward Kennedy (D-Mass.)", "Rostenkowski, D-Ill., predicted"."""
    text = reader.document.text
    end = sent.end_char
    while end > person.end and text[end - 1].isspace():
        end -= 1
    match = _TAG.match(text, person.end, end)
    if match is None:
        return None
    letter, written = match.group(1), match.group(2)
    state_name = STATE_NAMES.get(state_key(written))
    if state_name is None:
        return None
    party = US_PARTIES.get(letter.lower())
    party_part = _Part(match.start(1), match.end(1), party) if party else None
    state: _Part | None = _Part(match.start(2), match.start(2) + len(written.rstrip()), state_name)
    if _executive(_titles(reader, sent, first)):
        state = None
    anchor = reader.doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
    if anchor is None or (party_part is None and state is None):
        return None
    return _Reading("party-tag", anchor.start, party_part, state)


def _apposition(
    reader: Reader, sent: Span, person: Mention, first: int, last: int
) -> _Reading | None:
    """ "X, an Oklahoma Republican,", "X, a conservative Republican from Idaho,", "X, the
    senior subcommittee Republican,", "X, a Democratic senator from Maryland"."""
    doc = reader.doc
    i = last + 1
    if i + 2 >= sent.end or doc[i].text != "," or doc[i + 1].lower_ not in _DETERMINERS:
        return None
    i += 2
    state: _Part | None = None
    chamber = False
    while not _party_noun(doc, i, sent.end):
        found = _state_at(reader, i, sent.end, PARTY_WORDS | CHAMBER_WORDS)
        if found is not None and state is None:
            i, state = found
            continue
        word = doc[i]
        if word.text in CHAMBER_WORDS:
            chamber = True
        elif not (word.is_lower and word.is_alpha and word.pos_ in {"ADJ", "NOUN", "ADV", "VERB"}):
            return None  # "a Social Democrat", "a member of the Popular Democrat"
        i += 1
        if i >= min(sent.end, last + 10):
            return None
    party, anchor = doc[i], i
    i += 1
    legislative = chamber or bool(_titles(reader, sent, first) & LEGISLATIVE_TITLES)
    if i < sent.end and doc[i].lower_ in LEGISLATIVE_TITLES:
        legislative, i = True, i + 1
    if state is None and i + 1 < sent.end and doc[i].lower_ in {"from", "of"}:
        found = _state_at(reader, i + 1, sent.end, frozenset())
        if found is not None:
            i, state = found
    if i < sent.end and not doc[i].is_punct and doc[i].lower_ not in _APPOSITION_ENDS:
        return None  # "a Democrat from Houston", "a Republican victory"
    if state is None and not legislative:
        return None  # no sign the party is American
    if _executive(_titles(reader, sent, first)):
        state = None
    return _Reading("party-apposition", anchor, _party(reader, party), state)


def _title(reader: Reader, sent: Span, first: int, last: int) -> _Reading | None:
    """ "Democratic senator Barbara Mikulski of Maryland", "Republican Bob Dole of Kansas",
    "Senate Republican leader Robert Dole", "N.J. Rep. Mathew Rinaldo", "Sen. Bob Dole of
    Kansas"."""
    doc = reader.doc
    titles = _titles(reader, sent, first)
    j = first - 1
    while j >= sent.start and _title_word(doc[j]):
        j -= 1
    chamber = bool(titles & CHAMBER_WORDS)
    party = None
    if j >= sent.start and doc[j].text in PARTY_WORDS:
        party, j = doc[j], j - 1
    state = _state_ending_at(reader, j, sent.start)
    if state is not None:
        j = _token_at(reader, state.start) - 1
    if j >= sent.start and doc[j].text in CHAMBER_WORDS:
        chamber, j = True, j - 1
    if j >= sent.start and _name_word(doc[j]):
        return None  # "Christian Democrat leader Helmut Kohl", "Irish Republican"
    after = None
    if last + 2 < sent.end and doc[last + 1].lower_ == "of":
        found = _state_at(reader, last + 2, sent.end, frozenset())
        after = found[1] if found is not None else None
    if state is not None and after is not None and state.name != after.name:
        return None
    state = state or after
    legislative = bool(titles & LEGISLATIVE_TITLES)
    if party is None and not (legislative and state is not None):
        return None
    if party is not None and not (state is not None or legislative or chamber):
        return None  # "Republican David Karnes": no sign the party is American
    if _executive(titles) or not titles <= LEGISLATIVE_TITLES | CHAMBER_WORDS | _CONGRESS_ROLES:
        state = None  # a governor, a candidate, a party chairman: no state represented
    elif titles and not (legislative or chamber) and after is None:
        state = None  # "Ohio Democratic leader James Ruvulo": the party's, in the state
    if j >= sent.start and doc[j].lower_ in PAST_TITLE_WORDS:
        state = None  # "former Texas Sen. John Tower": he represents no state now
    if party is None and state is None:
        return None
    anchor = party.i if party is not None else first
    return _Reading("party-title", anchor, _party(reader, party) if party else None, state)


# -- words ----------------------------------------------------------------------------------


def _token_at(reader: Reader, char: int) -> int:
    """The index of the token that starts at or holds a character offset."""
    span = reader.doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else len(reader.doc)


def _party(reader: Reader, word: Token) -> _Part:
    start = word.idx
    return _Part(start, start + len(word.text), US_PARTIES[word.lower_])


def _party_noun(doc: Doc, i: int, end: int) -> bool:
    """A party noun ("Democrat"), or "Democratic" before a legislator's title."""
    if i >= end:
        return False
    if doc[i].text in PARTY_NOUNS:
        return True
    return doc[i].text in PARTY_WORDS and i + 1 < end and doc[i + 1].lower_ in LEGISLATIVE_TITLES


def _titles(reader: Reader, sent: Span, first: int) -> frozenset[str]:
    """The title words (lower case) in the person's mention and right before it."""
    doc = reader.doc
    words = []
    i = first
    while (
        i < len(doc)
        and doc[i].lower_ in TITLES_JOINED_TO_NAMES
        and reader.by_token.get(i) is reader.by_token.get(first)
    ):
        words.append(doc[i].lower_)
        i += 1
    j = first - 1
    while j >= sent.start and _title_word(doc[j]):
        words.append(doc[j].lower_ if doc[j].text not in CHAMBER_WORDS else doc[j].text)
        j -= 1
    return frozenset(words)


def _title_word(word: Token) -> bool:
    """A word of a title before a name: "senator", "Sen.", "Republican leader"'s "leader",
    "Senate"; not a party word."""
    if word.text in PARTY_WORDS:
        return False
    lower = word.lower_
    if lower in LEGISLATIVE_TITLES or lower in EXECUTIVE_TITLES or lower in _CONGRESS_ROLES:
        return True
    if word.text in CHAMBER_WORDS:
        return True
    return (
        word.is_lower
        and word.is_alpha
        and word.pos_ in {"NOUN", "ADJ"}
        and lower not in {"former", "late"}
    )


def _executive(titles: frozenset[str]) -> bool:
    return bool(titles & EXECUTIVE_TITLES)


def _name_word(word: Token) -> bool:
    """A capitalised word of another name before a party word ("Christian", "Irish"); not the
    United States' ("U.S. Republican senator")."""
    if not word.text[:1].isupper() or word.pos_ not in {"PROPN", "ADJ", "NOUN"}:
        return False
    return lexicons.country_name(word.text) != "United States" and (
        lexicons.country_of_demonym(word.text) != "United States"
    )


def _state_at(reader: Reader, i: int, end: int, before: frozenset[str]) -> tuple[int, _Part] | None:
    """The state named by the capitalised words from token ``i`` (the longest of one to three
    words), and the token after it: a whole name, followed by no other capitalised word
    except those of ``before`` ("Texas Instruments" is no state)."""
    doc = reader.doc
    for n in (3, 2, 1):
        if i + n > end:
            continue
        span = doc[i : i + n]
        if not all(t.text[:1].isupper() for t in span):
            continue  # ("W.Va" of "W.Va." is the state; the full stop may end the sentence)
        name = STATE_NAMES.get(state_key(span.text)) if _state_spelling(span.text) else None
        if name is None:
            continue
        nxt = doc[i + n] if i + n < end else None
        if nxt is not None and nxt.text[:1].isupper() and nxt.text not in before:
            return None
        if nxt is not None and nxt.tag_ == "POS":
            return None  # "Texas's" is a place of its own, not the party's
        return i + n, _Part(span.start_char, span.end_char, name)
    return None


def _state_ending_at(reader: Reader, j: int, start: int) -> _Part | None:
    """The state named by the capitalised words ending at token ``j`` (before a party word or
    a title: "an Oklahoma Republican", "N.J. Rep.")."""
    doc = reader.doc
    for n in (3, 2, 1):
        if j - n + 1 < start:
            continue
        span = doc[j - n + 1 : j + 1]
        if not all(t.text[:1].isupper() for t in span):
            continue
        if _state_spelling(span.text) and (name := STATE_NAMES.get(state_key(span.text))):
            if j - n >= start and doc[j - n].text[:1].isupper() and doc[j - n].is_alpha:
                return None  # "Bank of New York": part of a longer name
            return _Part(span.start_char, span.end_char, name)
    return None


def _state_spelling(text: str) -> bool:
    """A state as written outside a party tag: its name or news abbreviation, one that is
    also a word only with its full stop ("Ill.", not "Ill"; "Mass." not "Mass")."""
    key = state_key(text)
    return key in US_STATES and (key not in WORDLIKE_STATE_ABBREVIATIONS or text.endswith("."))
