"""The folding rules of the cross-document step (:func:`fold`), apart from the graph: which
entity keys are other names of another key, decided from what the documents said of each
key (:class:`Named`: its type votes, its names). ``kg.identity`` reads the votes from the
graph and applies the decisions; see its docstring for the rules.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from rdflib import URIRef

from kg import lexicons
from kg.acronyms import initials
from kg.aliases import default_aliases, entity_key, label_rank, lookup, singular_names
from kg.ontology import ENT

#: Which type wins a tie of votes (the tables' Country first, then the kinds of names).
TIE_ORDER = ("Country", "Person", "Organization", "Place", "Product", "Event", "Commodity",
             "Infrastructure", "Group", "Concept")  # fmt: skip
#: Types whose plural is another entity's name ("Smiths" is no plural of "Smith").
NO_PLURALS = {"Person", "Country", "Place", "Organization"}
#: Types the NER gives a bare surname by mistake ("Dauster" an Organization).
MISTYPED_SURNAMES = {"Organization", "Product", "Event", "Group"}
#: A state's official name ("Commonwealth of Australia", "Kingdom of Spain").
OFFICIAL = re.compile(r"(?:the )?(?:commonwealth|republic|kingdom|federal republic|"
                      r"principality|state|union) of (.+)", re.IGNORECASE)  # fmt: skip
#: A name in capitals only that may be an acronym ("EPA", "GM").
ACRONYM = re.compile(r"[A-Z]{2,6}")


@dataclass
class Named:
    """What the documents said of one key: its votes (document votes per type), its names."""

    node: URIRef
    votes: list[str] = field(default_factory=list)
    types: Counter[str] = field(default_factory=Counter)
    labels: set[str] = field(default_factory=set)
    #: Documents per (type, label) voted (``kg.foldindex`` keeps them per key).
    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)

    def best(self) -> str:
        return self._best

    def words(self) -> list[str]:
        return self._words

    # Computed once, when the votes are all read (fold asks for them many times per key).
    @cached_property
    def _best(self) -> str:
        return max(self.labels, key=label_rank) if self.labels else ""

    @cached_property
    def _words(self) -> list[str]:
        return lexicons.normalise(self._best).split()


def decide_type(types: Counter[str]) -> str:
    """The type most votes name; a tie goes to the type first in :data:`TIE_ORDER`."""
    return max(types, key=lambda t: (types[t], -TIE_ORDER.index(t) if t in TIE_ORDER else -99))


def _core(words: list[str]) -> list[str]:
    """A person's name words without a courtesy title in front."""
    return words[1:] if len(words) > 1 and words[0] in lexicons.HONORIFICS else words


def fold(named: dict[str, Named]) -> tuple[dict[str, tuple[str, str]], dict[str, list[str]]]:
    """Which keys are other names of another key, and why; and the ambiguous surnames.

    Keys are IRIs as plain strings (as :func:`read_votes` gives them). Returns ``(into,
    ambiguous)``: ``into[X] = (C, reason)``, ``C`` never itself folded; ``ambiguous[X]`` the
    full names a bare surname ``X`` could be (two or more)."""
    types = {node: decide_type(n.types) for node, n in sorted(named.items()) if n.types}
    into: dict[str, tuple[str, str]] = {}
    ent = str(ENT)
    for node, type_ in types.items():  # "Mr Tony Blair" -> "Tony Blair"
        words = named[node].words()
        core = _core(words)
        if type_ == "Person" and len(core) >= 2 and core != words:
            target = ent + entity_key(" ".join(core))
            if types.get(target) == "Person" and target != node:
                into[node] = (target, "title")
    for node, type_ in types.items():  # "Commonwealth of Australia" -> Australia
        match = OFFICIAL.fullmatch(named[node].best())
        entry = lookup(default_aliases(), match.group(1)) if match else None
        if entry is not None and entry.type == "Country" and type_ != "Person":
            target = ent + entity_key(entry.name)
            if types.get(target) == "Country" and target != node:
                into[node] = (target, "official-name")
    ambiguous = _surnames(named, types, into)
    _acronyms(named, types, into)
    _plurals(named, types, into)
    return into, ambiguous


def _surnames(
    named: dict[str, Named], types: dict[str, str], into: dict[str, tuple[str, str]]
) -> dict[str, list[str]]:
    """A bare surname ("Blair", "Mr Blair"; or one word the NER typed otherwise, "Dauster",
    unless a longer organisation name begins with it: "Ford" of "Ford Motor") joins the one
    full name of a person with that surname; the ambiguous ones are returned."""
    by_surname: dict[str, set[str]] = defaultdict(set)
    firsts = set()  # first words of organisations' longer names
    for node, type_ in types.items():
        words = named[node].words()
        core = _core(words)
        if type_ == "Person" and len(core) >= 2 and not set(words) & lexicons.FEMALE_HONORIFICS:
            by_surname[core[-1]].add(into.get(node, (node, ""))[0])
        elif type_ == "Organization" and len(words) >= 2:
            firsts.add(words[0])
    ambiguous: dict[str, list[str]] = {}
    for node, type_ in types.items():
        words = named[node].words()
        if len(_core(words)) != 1 or words[0] in lexicons.FEMALE_HONORIFICS or node in into:
            continue
        if type_ != "Person" and (type_ not in MISTYPED_SURNAMES or words[0] in firsts
                                  or len(words) != 1):  # fmt: skip
            continue
        found = sorted(by_surname.get(words[-1], set()) - {node})
        if len(found) == 1:
            into[node] = (found[0], "surname")
        elif found and type_ == "Person":
            ambiguous[node] = found
    return ambiguous


def _acronyms(
    named: dict[str, Named], types: dict[str, str], into: dict[str, tuple[str, str]]
) -> None:
    """An organisation named by capitals only ("EPA") joins the one organisation of the
    corpus whose initials they are ("Environmental Protection Agency")."""
    by_initials: dict[str, set[str]] = defaultdict(set)
    for node, type_ in types.items():
        if type_ == "Organization" and node not in into and len(named[node].words()) >= 2:
            for letters in initials(named[node].best()):
                by_initials[letters].add(node)
    for node, type_ in types.items():
        label = named[node].best()
        if type_ != "Organization" or node in into or not ACRONYM.fullmatch(label):
            continue
        found = by_initials.get(label, set()) - {node}
        if len(found) == 1:
            into[node] = (found.pop(), "acronym")


def _plurals(
    named: dict[str, Named], types: dict[str, str], into: dict[str, tuple[str, str]]
) -> None:
    """A plural joins its singular ("Oscars", "Oscar"), never a person's, place's or
    organisation's name ("Philips", "Times")."""
    plurals: dict[str, str] = {}
    ent = str(ENT)
    for node, n in sorted(named.items()):
        if node in into or types.get(node) in NO_PLURALS:
            continue
        for singular in singular_names(n.best()):
            target = ent + entity_key(singular)
            if target != node and target in types and types[target] not in NO_PLURALS:
                plurals[node] = target
                break
    for node, target in plurals.items():
        if target not in plurals and target not in into:
            into[node] = (target, "plural")


@dataclass(frozen=True)
class Shape:
    """Where one key can take part in :func:`fold`, from its own votes alone: the keys and
    the blocks of keys its decision reads, and the blocks it falls in for the others'.

    A block is a string (``w:``, ``f:``, ``i:``, ``k:`` and a word, letters or key); every
    relation fold makes between two keys runs through a block they share, so the keys a
    changed key can affect are found by block (``kg.foldindex``)."""

    #: A title's and an official name's target key (its type decides the fold).
    targets: tuple[str, ...] = ()
    #: The keys of its singulars, in fold's order (a plural's candidates).
    singulars: tuple[str, ...] = ()
    #: The surname of a person's full name (``by_surname``'s member).
    surname: str = ""
    #: The word of a bare surname or one-word name (a surname fold's candidate).
    bare: str = ""
    #: The first word of an organisation of two words or more (``firsts``).
    first: str = ""
    #: The letters of an organisation's initials (``by_initials``'s member).
    initials: tuple[str, ...] = ()
    #: A name in capitals that may be an acronym (an acronym fold's candidate).
    acronym: str = ""

    def blocks(self) -> set[str]:
        """The blocks the key falls in: ``k:`` the keys it may fold into (title, official
        name, singulars), ``w:`` its surname or bare word, ``f:`` its first word, ``i:``
        its initials or acronym."""
        out = {"k:" + key for key in (*self.targets, *self.singulars)}
        out |= {"w:" + word for word in (self.surname, self.bare) if word}
        out |= {"f:" + self.first} if self.first else set()
        out |= {"i:" + letters for letters in (*self.initials, self.acronym) if letters}
        return out


def shape(named: Named) -> Shape:
    """The :class:`Shape` of a key, by the conditions of :func:`fold`'s rules (the type is
    the key's own vote, as fold's ``types``)."""
    type_ = decide_type(named.types) if named.types else None
    words, best, ent = named.words(), named.best(), str(ENT)
    core = _core(words)
    targets: list[str] = []
    if type_ == "Person" and len(core) >= 2 and core != words:
        targets.append(ent + entity_key(" ".join(core)))
    match = OFFICIAL.fullmatch(best) if type_ is not None else None
    entry = lookup(default_aliases(), match.group(1)) if match else None
    if entry is not None and entry.type == "Country" and type_ != "Person":
        targets.append(ent + entity_key(entry.name))
    person = type_ == "Person" and len(core) >= 2
    female = bool(set(words) & lexicons.FEMALE_HONORIFICS)
    mistyped = type_ in MISTYPED_SURNAMES and len(words) == 1
    candidate = (type_ is not None and len(core) == 1
                 and words[0] not in lexicons.FEMALE_HONORIFICS
                 and (type_ == "Person" or mistyped))  # fmt: skip
    organisation = type_ == "Organization" and len(words) >= 2
    singulars = () if type_ in NO_PLURALS else tuple(ent + entity_key(s)
                                                     for s in singular_names(best))  # fmt: skip
    return Shape(
        targets=tuple(targets),
        singulars=singulars,
        surname=core[-1] if person and not female else "",
        bare=words[-1] if candidate else "",
        first=words[0] if organisation else "",
        initials=tuple(sorted(initials(best))) if organisation else (),
        acronym=best if type_ == "Organization" and ACRONYM.fullmatch(best) else "",
    )
