"""A bare title before a speaker's name in a sentence about one organisation (rule
``title-speaker``): "Qantas Airways Ltd has placed an order ..., chairman Jim Leslie said"
and "Boeing Co said chairman Frank Shrontz would retire" make the person the holder of the
title at the organisation the other clause names as its subject.

The title must be a title noun of the lexicon (a frame ``{s} is TITLE of {o}``: chairman,
president, vice president, director ...) written in lower case before the name, with no
organisation of its own ("Qantas chairman Jim Leslie" is the title frame's) and no
outsider's role ("analyst", ``OUTSIDE_ROLES``); and the speech frame must name exactly one
organisation, not a coordination, as the subject of the other clause.

Rule ``implicit-title``: a story about one company names its officers by a bare title
("At the Toy Fair, vice president Morton Handel said ...", "Finance director Niall
Fitzgerald added ..."). When the sentence itself names no organisation and the story's lead
names exactly one organisation as the subject of its clauses, and that organisation is the
one the story names most (:func:`story_company`), the titled person holds the title there,
unless another fact of the story already gives them a title or an employer.

Only pass 3 (:mod:`kg.extract.passes.p3_relations`) calls :func:`relations` (per sentence,
each result (anchor token, subject, property, object, rule) turned into a fact there) and
:func:`story_relations` (once, after every sentence is read).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg import lexicons
from kg.extract import syntax
from kg.extract.deps import NOMINAL_SUBJECTS
from kg.extract.evidence import Candidate, candidate
from kg.lexicons.names import OUTSIDE_ROLES
from kg.lexicons.qualifiers import SPEECH_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.reader import Reader
    from kg.model import Mention


Found = tuple["Token", "Mention", str, "Mention", str]
#: The sentences of a story's lead (the headline is the first).
LEAD_SENTENCES = 3
#: Properties that already give a person a title or an employer.
TIES = frozenset({"worksFor", "officialOf", "leaderOf", "memberOf"})


def relations(reader: Reader, sent: Span) -> Iterator[Found]:
    """The title facts of the speakers (and the people spoken of) in one sentence."""
    for token, person, (noun, predicate) in _titled(reader, sent):
        companies = {(m.refers_to or m.text): m for m in _other_clause_subjects(reader, token)}
        if len(companies) == 1:
            (company,) = companies.values()
            yield noun, person, predicate, company, "title-speaker"


def story_relations(reader: Reader) -> Iterator[Candidate]:
    """The bare titles of a story about one company: its officers (rule ``implicit-title``)."""
    company = story_company(reader)
    if company is None:
        return
    tied = {_key(c.subject) for c in reader.candidates if c.predicate in TIES}
    for sent in reader.sentences:
        if any(
            m.type == "Organization" and m.named
            for t in reader.sentence(sent)
            if (m := reader.by_token.get(t.i)) is not None
        ):
            continue  # the sentence names an organisation: the title may be its
        for _, person, (noun, predicate) in _titled(reader, sent):
            if _key(person) not in tied:
                tied.add(_key(person))
                yield candidate(sent, noun, person, predicate, company, "implicit-title", "")


def story_company(reader: Reader) -> Mention | None:
    """The one organisation a story is about: the only one named as a clause's subject in
    its lead, and named more often than any other organisation in the story (a short form
    counts for the longer name it begins: "Coleco" for "Coleco Industries Inc")."""
    named = [m for m in reader.mentions if m.type == "Organization" and m.named]
    keys = _company_keys([_key(m) for m in named])
    counts: Counter[str] = Counter()
    first: dict[str, Mention] = {}
    for mention in named:
        counts[keys[_key(mention)]] += 1
        first.setdefault(keys[_key(mention)], mention)
    subjects = {
        keys[_key(m)]
        for sent in reader.sentences[:LEAD_SENTENCES]
        for t in reader.sentence(sent)
        if t.dep_ in NOMINAL_SUBJECTS
        and (m := reader.by_token.get(t.i)) is not None
        and m.type == "Organization"
        and m.named
    }
    if len(subjects) != 1:
        return None
    (key,) = subjects
    (top, n), *rest = counts.most_common(2) + [("", 0)]
    return first[key] if top == key and n > rest[0][1] else None


def _company_keys(names: list[str]) -> dict[str, str]:
    """Each organisation name's key in the story: its words without case, punctuation and
    company form, or the longer name it begins when all the longer names it begins extend
    the shortest of them ("Coleco" and "COLECO INDUSTRIES" of "Coleco Industries Inc")."""
    words = {n: _core(n) for n in names}
    keys: dict[str, str] = {}
    for name, own in words.items():
        longer = sorted(
            {" ".join(w) for w in words.values() if len(w) > len(own) and w[: len(own)] == own},
            key=len,
        )
        fits = bool(own) and bool(longer) and all(o.startswith(longer[0]) for o in longer)
        keys[name] = longer[0] if fits else " ".join(own)
    return keys


def _core(name: str) -> list[str]:
    words = lexicons.normalise(name).split()
    while len(words) > 1 and words[-1] in lexicons.COMPANY_SUFFIXES:
        words.pop()
    return words


def _titled(reader: Reader, sent: Span) -> Iterator[tuple[Token, Mention, tuple[Token, str]]]:
    """The people of a sentence named as a clause's subject after a bare title."""
    for token in reader.sentence(sent):
        person = reader.by_token.get(token.i)
        if person is None or person.type != "Person" or token.dep_ not in NOMINAL_SUBJECTS:
            continue
        if reader.by_token.get(token.i + 1) is person:
            continue  # not the last token of the name
        title = _bare_title(reader, token, person)
        if title is not None:
            yield token, person, title


def _key(mention: Mention) -> str:
    return mention.refers_to or mention.text


def _bare_title(reader: Reader, name: Token, person: Mention) -> tuple[Token, str] | None:
    """The lower-case title noun before a name and its lexicon property, when the title has
    no organisation or place of its own."""
    for child in name.children:
        if child.dep_ != "compound" or child.pos_ != "NOUN" or not child.text.islower():
            continue
        if reader.by_token.get(child.i) is person:
            continue
        if any(c.dep_ in {"poss", "compound", "prep"} and c.i in reader.by_token
               for c in child.subtree if c is not child):  # fmt: skip
            return None  # "Qantas chairman", "chairman of Qantas": the title frame's
        predicate = reader.frames.get(f"{{s}} is {syntax.title_phrase(child)} of {{o}}")
        if predicate is not None and child.lemma_.lower() not in OUTSIDE_ROLES:
            return child, predicate
    return None


def _other_clause_subjects(reader: Reader, name: Token) -> list[Mention]:
    """The named organisations that are the subject of the other clause of a speech frame:
    the reported clause when the name says it, the saying clause when the name is spoken of."""
    verb = name.head
    clauses: list[Token] = []
    if verb.lemma_.lower() in SPEECH_VERBS:
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    elif verb.dep_ == "ccomp" and verb.head.lemma_.lower() in SPEECH_VERBS:
        clauses = [verb.head]
    found: list[Mention] = []
    for clause in clauses:
        for subject in (c for c in clause.children if c.dep_ in NOMINAL_SUBJECTS):
            mention = reader.by_token.get(subject.i)
            if any(c.dep_ == "conj" for c in subject.children):
                return []  # "Boeing and Airbus will merge": not one organisation
            if mention is not None and mention.named and mention.type == "Organization":
                found.append(mention)
    return found
