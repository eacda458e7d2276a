"""Relations stated by noun phrases: titles and appositions ("Russian leader Vladimir Putin",
"Cook, CEO of Apple", "X is the president of Y"), two names linked inside one noun phrase
("Susan Cruzan, an FDA spokeswoman": the typed relation of :mod:`kg.extract.typed`), event
nouns ("Kennedy's killing"), and what goes on "between A and B" ("talks between X and Y").
Titles seen are remembered for later descriptions ("the leader").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from kg import lexicons
from kg.extract import legislators, syntax, typed
from kg.extract.deps import AGENT, APPOSITION, MODIFIERS, POBJ, PREP
from kg.extract.evidence import Candidate, candidate
from kg.extract.passes.p2_arguments import arguments
from kg.extract.reader import Reader
from kg.extract.syntax import NOMINAL_PREPOSITIONS
from kg.lexicons.deals import RELATIONAL_NOUNS
from kg.lexicons.names import (
    COMPANY_ROLES,
    EVENT_NOUNS,
    FACILITY_HEADS,
    KIND_NOUNS,
    MEMBERSHIP_NOUNS,
    PARTY_MEMBERS,
    PLACE_HEADS,
    PUBLIC_OFFICES,
    ROLE_PREPOSITIONS,
    STATE_BODY_WORDS,
)
from kg.lexicons.qualifiers import DENIAL_VERBS
from kg.model import Mention

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def noun_frame(
    reader: Reader,
    sent: Span,
    noun: Token,
    subjects: list[Mention],
    rule: str,
    extra: Iterable[tuple[str, Mention]] = (),
) -> Iterator[Candidate]:
    """Title nouns and their holder: "president of China", "his counterpart", "Russian leader"."""
    title = syntax.title_phrase(noun)
    objects: list[tuple[str, Mention]] = list(extra)
    for child in noun.children:
        if child.dep_ == PREP:
            for pobj in (p for p in child.children if p.dep_ == POBJ):
                found = arguments(reader, pobj, concepts=False)
                for o in found:
                    objects.append((child.lower_, o))
                if not found:
                    objects += [("at", o) for o in _role_place(reader, pobj)]
        elif child.dep_ == "poss" or (child.dep_ in MODIFIERS and child.i in reader.by_token):
            for o in arguments(reader, child, concepts=False):
                objects.append(("of", o))
    office = noun.lemma_.lower() in lexicons.OFFICE_TITLES
    for s in subjects:
        if rule != "copula" and s.type != "Person":
            continue
        holder = s.refers_to or s.text
        if s.type == "Person":
            reader.titles.setdefault(noun.lemma_.lower(), holder)
        for prep, o in objects:
            if o.type == s.type and (o.refers_to or o.text) == holder:
                continue
            if o.type == "Country" and o.refers_to and not o.named:
                # A demonym names the country an office is held in ("Russian leader"), not
                # the holder of other titles ("Chinese counterpart").
                if not office:
                    continue
                reader.titles.setdefault(f"{o.text.lower()} {noun.lemma_.lower()}", holder)
            key = f"{{s}} is {title} {prep} {{o}}"
            predicate = reader.frames.get(key)
            # A role noun between a person and a named organisation or place states the
            # typed relation of their types ("comptroller at the American University").
            typed_prop = typed.nominal(s.type, o.type) if o.named and s.named else None
            if typed_prop == "livesIn" and noun.lemma_.lower() in PUBLIC_OFFICES:
                typed_prop = None  # "U.S. trade representative X": a jurisdiction, no home
            if legislators.is_part(reader, o) and not (
                predicate and typed.fits(predicate, s.type, o.type)
            ):
                continue  # "Democratic senator X": a member of the party (legislators)
            if predicate:
                yield candidate(sent, noun, s, predicate, o, rule, "")
            elif typed_prop and prep in NOMINAL_PREPOSITIONS:
                yield candidate(sent, noun, s, typed_prop, o, rule, "")
            elif prep == "of":
                yield candidate(sent, noun, s, f"{title} of", o, rule, "", open_=True)


def _role_place(reader: Reader, noun: Token, depth: int = 2) -> list[Mention]:
    """The organisations and places a role's complement is held at: "vice president of
    daytime programs for ABC", "a professor of political science at Queens College", "one of
    the strategists in Israel" (at most ``depth`` prepositions further down)."""
    found: list[Mention] = []
    for prep in (c for c in noun.children if c.dep_ == PREP):
        for pobj in (p for p in prep.children if p.dep_ == POBJ):
            named = [
                m
                for m in arguments(reader, pobj, concepts=False)
                if m.named and m.type in {"Organization", "Place", "Country"}
            ]
            if named and prep.lower_ in ROLE_PREPOSITIONS:
                found += named
            elif not named and depth > 1 and pobj.pos_ in {"NOUN", "PRON", "NUM"}:
                found += _role_place(reader, pobj, depth - 1)
    return found


def titles(reader: Reader, sent: Span, token: Token) -> Iterator[Candidate]:
    """Titles before a name and appositions: "Russian leader Vladimir Putin", "Cook, CEO of X"."""
    person = reader.by_token[token.i]
    if reader.by_token.get(token.i + 1) is person:
        return  # not the last token of the name
    # A title the mention includes ("President Kennedy") still states the office.
    name_start = person.end - len(person.refers_to or person.text)
    for child in token.children:
        if reader.by_token.get(child.i) is person and child.idx >= name_start:
            continue
        if child.dep_ == "compound" and child.pos_ == "NOUN":
            yield from noun_frame(reader, sent, child, [person], "title")
        elif child.dep_ == APPOSITION and (child.pos_ == "NOUN" or child.lower_ == "one"):
            # "Tal, one of the top strategists in Israel": "one of" stands for its noun.
            yield from noun_frame(reader, sent, child, [person], "apposition")
    if token.dep_ == APPOSITION and token.head.pos_ == "NOUN":
        yield from noun_frame(reader, sent, token.head, [person], "apposition")


NAMED_TYPES = {"Person", "Organization", "Place", "Country", "Infrastructure"}


def nominal_relations(reader: Reader, sent: Span) -> Iterator[Candidate]:
    """Typed relations between two names linked inside one noun phrase (see kg.extract.typed)."""
    heads: list[tuple[Token, Mention]] = []
    for token in reader.sentence(sent):
        mention = reader.by_token.get(token.i)
        if mention is None or not mention.named or mention.type not in NAMED_TYPES:
            continue
        if reader.by_token.get(token.head.i) is not mention or token.head.i == token.i:
            heads.append((token, mention))
    for n, (a, ma) in enumerate(heads):
        for b, mb in heads[n + 1 :]:
            if ma is mb or (ma.start, ma.end) == (mb.start, mb.end):
                continue
            if ma.type == mb.type == "Country":
                continue  # a country is not inside another ("Australia, Canada")
            if legislators.is_part(reader, ma) or legislators.is_part(reader, mb):
                continue  # "Kennedy (D-Mass.)": his party and state (kg.extract.legislators)
            path = syntax.nominal_path(a, b)
            if path is None:
                continue
            lca, between = path
            # The container is the name that modifies ("Bosnia's capital, Sarajevo", "the
            # capital of Armenia"); else the later one ("Morgan City, La."). For two types
            # the relation's domain decides.
            inner = syntax.modifies(a, lca) and not syntax.modifies(b, lca)
            first, second = (mb, ma) if inner else (ma, mb)
            titled = any(_titled(reader, t) for t in between)
            if any(t.lower_ in MEMBERSHIP_NOUNS for t in (*between, lca)):
                continue  # "Qatar, an OPEC member": a member, not a place of OPEC
            for s_, o_ in ((first, second), (second, first)):
                prop = typed.nominal(s_.type, o_.type)
                if prop == "livesIn" and titled:
                    break  # "Harrison, president of the United States" leads it (title frame)
                if prop == "livesIn" and _in_office(between, a if s_ is ma else b):
                    break  # "New York Governor Mario Cuomo": the office's place, no home
                if prop == "livesIn" and [t.lower_ for t in between] != ["of"]:
                    # Only "X of North Kingstown, R.I." says a home; "De Croo, in
                    # Washington for talks", "the Reagan Iran speech" say a visit or a topic.
                    break
                if prop == "locatedIn" and s_.type == "Country" and o_.type != "Country":
                    break  # a country is not inside a city ("a U.S. bank in Frankfurt")
                if prop == "locatedIn" and _through_list(a, b):
                    break  # "Bluffton, Ohio, and ... Hoffman Estates, Ill.": items of a list
                if prop is not None and _unlicensed(reader, prop, lca):
                    break  # "GM's Van Nuys plant", "a filing with the SEC, Redstone"
                if prop == "basedIn" and o_.type == "Country":
                    if _last_word_in(s_, STATE_BODY_WORDS):
                        break  # "the U.S. Agriculture Department" is the country's
                if prop == "worksFor" and _last_word_in(o_, PARTY_WORDS):
                    prop = "memberOf"  # "Neil Kinnock of the Labour Party": no employer
                if prop is not None:
                    anchor = between[0] if between else lca
                    yield candidate(sent, anchor, s_, prop, o_, "nominal", "")
                    break


def event_relations(reader: Reader, sent: Span) -> Iterator[Candidate]:
    """Facts stated by an event noun: "Sirhan was convicted of Kennedy's killing", "the
    assassination of Lincoln by Booth". The agent is the "by" object, else the subject of the
    verb the noun's phrase depends on."""
    for noun in reader.where(sent, "NOUN", EVENT_NOUNS):
        prop = EVENT_NOUNS[reader.lemmas[noun.i]]
        patients = [c for c in noun.children if c.dep_ == "poss"]
        patients += [
            p
            for c in noun.children
            if c.dep_ == PREP and c.lower_ == "of"
            for p in c.children
            if p.dep_ == POBJ
        ]
        agents = [
            p
            for c in noun.children
            if c.dep_ in {PREP, AGENT} and c.lower_ == "by"
            for p in c.children
            if p.dep_ == POBJ
        ]
        if not agents:
            head = noun.head.head if noun.dep_ == POBJ else noun.head
            if head.pos_ in {"VERB", "AUX"}:
                found, _ = syntax.subjects(head)
                agents = found
        for patient in patients:
            for victim in arguments(reader, patient, concepts=False):
                for agent in agents:
                    for killer in arguments(reader, agent, concepts=False):
                        yield candidate(sent, noun, killer, prop, victim, "event", "")


def between_relations(reader: Reader, sent: Span) -> Iterator[Candidate]:
    """What goes on between two parties: "the takeover battle between X and Y", "differences
    which are mainly between X and Y", "talks between X and Y" -> X "takeover battle with" Y
    (an open relation named by the noun and its noun modifiers, rule ``between``). Exactly
    two named parties; a noun of amounts or places ("the gap between") says nothing."""
    for prep in reader.sentence(sent):
        if prep.lower_ != "between" or prep.dep_ != PREP:
            continue
        noun = prep.head
        if noun.lemma_ == "be" and noun.dep_ == "relcl":  # "differences which are between"
            noun = noun.head
        if noun.pos_ != "NOUN" or noun.lower_ not in RELATIONAL_NOUNS or _not_stated(noun):
            continue
        objects = [obj for obj in prep.children if obj.dep_ == POBJ]
        if sum(1 + len(obj.conjuncts) for obj in objects) != 2:
            continue  # "a three-way merger between TWA, USAir and Piedmont": not two
        parties = [
            m
            for obj in objects
            for m in arguments(reader, obj, concepts=False)
            if m.named and m.type in {"Person", "Organization", "Country"}
        ]
        if len(parties) != 2 or parties[0].start == parties[1].start:
            continue
        words = [c.lower_ for c in noun.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"
                 and not (c.i > 0 and c.nbor(-1).text == "-")]  # not "way" of "three-way"
        label = " ".join([*words, noun.lower_, "with"])
        yield candidate(sent, noun, parties[0], label, parties[1], "between", "", open_=True)


#: Words that make a relational noun a proposal rather than a fact: "a proposed merger
#: between", "proposal to negotiate a merger between".
UNSTATED_WORDS = frozenset(
    "proposed planned possible potential contemplated expected prospective".split()
)
#: Verbs over a relational noun that deny or only propose it ("denied any link between",
#: "to negotiate a merger between").
NOT_STATING_VERBS = DENIAL_VERBS | frozenset(
    "negotiate propose plan seek explore discuss consider study weigh".split()
)


def _not_stated(noun: Token) -> bool:
    """Whether the sentence denies or only proposes what the noun names: "no link between",
    "denied any link between", "a proposed merger between", "to negotiate a merger
    between" (no fact, rather than an asserted one)."""
    if any(c.dep_ == "det" and c.lower_ in {"no", "neither"} for c in noun.children):
        return True
    if any(c.lower_ in UNSTATED_WORDS for c in noun.lefts):
        return True
    verb = noun.head
    if noun.dep_ == POBJ:
        verb = verb.head
    return verb.pos_ in {"VERB", "AUX"} and (
        verb.lemma_.lower() in NOT_STATING_VERBS
        or any(c.dep_ == "neg" for c in verb.children)
    )


def _in_office(between: list[Token], person: Token) -> bool:
    """Whether a public office or a party label links a person to a place in one noun
    phrase: a word between them ("Governor" of "New York Governor Mario Cuomo"), a title
    before the name ("Speaker James Wright of Texas") or in its apposition ("Rep. John
    Dingell, the Michigan Democrat"). The place is then the office's, not a home."""
    words = [*between]
    for child in person.children:
        if child.dep_ == "compound":
            words.append(child)
        elif child.dep_ == APPOSITION:
            words += [t for t in child.subtree if t.dep_ in {"compound", "amod"} or t is child]
    return any(w.lower_.rstrip(".") in PUBLIC_OFFICES for w in words)


def _titled(reader: Reader, noun: Token) -> bool:
    """Whether a noun is a title whose own lexicon frame states the relation ("president of")."""
    if noun.pos_ != "NOUN":
        return False
    title = syntax.title_phrase(noun)
    return any(f"{{s}} is {title} {p} {{o}}" in reader.frames for p in NOMINAL_PREPOSITIONS)


def _unlicensed(reader: Reader, prop: str, lca: Token) -> bool:
    """Whether two names meet at a common noun that licenses no relation of this kind: the
    noun then says what links them ("GM's Van Nuys plant", "the IMF's talks in Washington",
    "a filing with the SEC, Redstone", "Florida's imports from Brazil"). A company's kind
    noun licenses a base ("a Boston software maker"), a role a job ("the Bank of Tokyo's
    economic adviser"), a place's kind noun a place ("the oil port of Ventspils")."""
    if lca.i in reader.by_token or lca.pos_ not in {"NOUN", "PROPN"}:
        return False  # a proper noun of no name: "the EC's founding Treaty of Rome"
    lemma = lca.lemma_.lower()
    if prop == "basedIn":
        return lemma not in KIND_NOUNS["Organization"] | BUSINESS_NOUNS
    if prop == "worksFor":
        role = lemma in KIND_NOUNS["Person"] | KIND_NOUNS["Organization"] | COMPANY_ROLES
        return not role and reader.frames.get(f"{{s}} is {lemma} of {{o}}") is None
    if prop == "locatedIn":
        return lemma not in KIND_NOUNS["Place"] | PLACE_HEADS | FACILITY_HEADS | SITE_NOUNS
    return False


#: Nouns of a site that is somewhere ("its two Chibougamau mines in Quebec").
SITE_NOUNS = frozenset("mine plant factory mill field well office area airport port".split())


#: Nouns news uses for a company besides its kind nouns ("U.S. telecommunications giant
#: AT&T", "the Dutch electronics concern").
BUSINESS_NOUNS = frozenset(
    "giant concern conglomerate producer insurer lender exporter importer".split()
)


def _last_word_in(mention: Mention, words: frozenset[str]) -> bool:
    """Whether an organisation's name ends in one of ``words``: a state's own body
    ("Agriculture Department", "Navy") or a party ("Labour Party", "the Christian
    Democrats")."""
    name = syntax.name_key(mention).split()
    return bool(name) and name[-1] in words


def _through_list(a: Token, b: Token) -> bool:
    """Whether a coordination stands between two names in the text: items of a list ("its
    unit in Bluffton, Ohio, and its division in Hoffman Estates, Ill.", "will serve Albany,
    N.Y., Birmingham and Huntsville in Alabama") are in no place of each other."""
    first, last = sorted((a.i, b.i))
    return any(t.pos_ == "CCONJ" for t in a.doc[first + 1 : last])


#: The last words of a party's name (a name in "Party", or the members' plural).
PARTY_WORDS = PARTY_MEMBERS | {"party"}
