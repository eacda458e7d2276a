"""Dependency helpers of the extraction stage: pure functions over spaCy tokens (subjects of
a verb, its frame keys, light-verb objects, title phrases, noun-phrase paths between names).
Only :mod:`kg.extract` uses them; they know nothing of mentions or the lexicon.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kg import lexicons
from kg.extract.deps import (
    ACL,
    AGENT,
    APPOSITION,
    CONJ,
    CONTROL,
    MODIFIERS,
    NOMINAL_LINKS,
    OBJECTS,
    PASSIVE_SUBJECTS,
    PCOMP,
    POBJ,
    PREP,
    SUBJECTS,
)
from kg.lexicons.deals import PARTY_NOUNS, STAKE_NOUNS
from kg.lexicons.names import LIGHT_VERBS, NOMINAL_PREPOSITIONS, TIME_ADJECTIVES
from kg.lexicons.qualifiers import CURRENCIES

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.model import Mention


def frame_keys(verb: str, prep: str | None, has_obj: bool) -> list[tuple[str, str, str]]:
    """The lexicon keys a frame can match, each with its (subject slot, object slot).

    Slots: ``subj`` the clause subject, ``obj`` the direct object, ``pobj`` the object of
    ``prep``. Keys are the patterns of ``kg:pattern``: ``"{s} travel to {o}"``,
    ``"push {s} onto {o}"`` (the object is the subject of the fact), ``"{s} supply _ with
    {o}"`` (an argument present but not part of the fact).
    """
    if prep is None:
        return [(f"{{s}} {verb} {{o}}", "subj", "obj")] if has_obj else []
    if not has_obj:
        return [(f"{{s}} {verb} {prep} {{o}}", "subj", "pobj")]
    return [
        (f"{verb} {{s}} {prep} {{o}}", "obj", "pobj"),
        (f"{{s}} {verb} _ {prep} {{o}}", "subj", "pobj"),
        (f"{{s}} {verb} {{o}} {prep} _", "subj", "obj"),
    ]


def subjects(verb: Token) -> tuple[list[Token], str]:
    """Subject tokens of a verb, inherited through control and coordination; and a rule tag."""
    own = [c for c in verb.children if c.dep_ in SUBJECTS]
    if own:
        return own, ""
    passive_agents = [
        p for c in verb.children if c.dep_ == AGENT for p in c.children if p.dep_ == POBJ
    ]
    if passive_agents:
        return passive_agents, "passive"
    patients = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECTS]
    if patients:
        # A passive whose "by" phrase the parser hung lower ("shot in the courtyard ... by
        # Chapman") still has that agent; else it has none: "Young was born in X" -> is born in.
        stray = stray_agent(verb)
        return (stray, "passive") if stray else (patients, "bare-passive")
    patient = reduced_relative(verb)
    if patient is not None:  # "Adamson, convicted of murdering Bolles": Adamson is convicted
        return [patient], "bare-passive"
    if verb.dep_ == PCOMP and verb.head.dep_ == PREP and verb.head.head.pos_ in {"VERB", "AUX"}:
        # A gerund after a preposition shares its verb's subject: "acted alone in killing".
        inherited, _ = subjects(verb.head.head)
        return inherited, "control"
    if verb.dep_ in {PCOMP, *CONTROL} and verb.head.dep_ in {PREP, "acomp"}:
        # An adjective's complement is said of the copula's subject: "X would be interested
        # in buying Y", "X is eager to buy Y".
        adjective = verb.head.head if verb.head.dep_ == PREP else verb.head
        if adjective.pos_ == "ADJ" and adjective.dep_ == "acomp":
            inherited, _ = subjects(adjective.head)
            return inherited, "control"
    if verb.dep_ in CONTROL or verb.dep_ == CONJ:
        head = verb.head
        # Object control: "ask Xi Jinping to boost trade" -> Xi boosts.
        objects = [c for c in head.children if c.dep_ in OBJECTS]
        if verb.dep_ in CONTROL and objects:
            return objects, "control"
        inherited, _ = subjects(head)
        return inherited, "control" if verb.dep_ in CONTROL else "conj"
    return [], ""


def stray_agent(verb: Token) -> list[Token]:
    """A passive's agent that the parse attached to a noun of the verb's own prepositional
    phrases ("was shot to death in the courtyard of his building by Chapman"): a person's name,
    at most three prepositions down."""
    frontier = [c for c in verb.children if c.dep_ == PREP]
    for _ in range(3):
        below: list[Token] = []
        for prep in frontier:
            for pobj in (p for p in prep.children if p.dep_ == POBJ):
                if prep.lower_ == "by" and pobj.ent_type_ == "PERSON":
                    return [pobj]
                below += [c for c in pobj.children if c.dep_ == PREP]
        frontier = below
    return []


def reduced_relative(verb: Token) -> Token | None:
    """The noun a past participle without a subject is said of: the noun it modifies ("the
    man killed by X"), or a person's name right before its comma ("Adamson, convicted of")."""
    if verb.tag_ != "VBN":
        return None
    if verb.dep_ == ACL and verb.head.pos_ in {"NOUN", "PROPN"}:
        return verb.head
    doc = verb.doc
    if verb.dep_ == "advcl" and verb.i >= 2 and doc[verb.i - 1].text == ",":
        name = doc[verb.i - 2]
        if name.ent_type_ == "PERSON":
            return name
    return None


def light_object(verb: Token, objects: list[Token]) -> tuple[Token, Token, Token] | None:
    """(object noun, preposition, its object) of a light verb: "take advantage of X"; any verb
    whose object is a stake noun is read so too ("bought a stake in X"), and one whose object
    is a deal noun with its party ("placed an order with X", ``PARTY_NOUNS``)."""
    if len(objects) != 1:
        return None
    noun = objects[0]
    party = noun.lower_ in PARTY_NOUNS and verb.lemma_.lower() not in LIGHT_VERBS
    if verb.lemma_.lower() not in LIGHT_VERBS and not is_stake(noun) and not party:
        return None
    if noun.pos_ != "NOUN" or noun.dep_ not in OBJECTS:
        return None
    if not is_stake(noun) and amount(noun):
        return None  # "paid 1.25 billion dlrs for X": an amount, no light verb's noun
    # The preposition hangs on the noun, or on the verb right after the object.
    candidates = [c for c in noun.children if c.dep_ == PREP and c.i > noun.i]
    candidates += [c for c in verb.children if c.dep_ == PREP and c.i == noun.right_edge.i + 1]
    # fronted with a relative pronoun: "X, in which Y holds a 72 pct stake"
    candidates += [c for c in verb.children if c.dep_ == PREP and c.i < verb.i
                   and any(p.dep_ == POBJ and p.lower_ in {"which", "whom"} for p in c.children)]
    for prep in candidates:
        if party and prep.lower_ not in PARTY_PREPOSITIONS:
            continue  # "signed an agreement on Monday": no party
        for pobj in prep.children:
            if pobj.dep_ == POBJ:
                return noun, prep, pobj
    return None


#: The prepositions that name the other party of a deal noun (``PARTY_NOUNS``).
PARTY_PREPOSITIONS = frozenset({"with", "from", "by", "against", "for", "to", "between"})


def amount(noun: Token) -> bool:
    """Whether a noun is an amount of money: a currency word with a number ("1.25 billion
    dlrs", "20 mln stg")."""
    return noun.lower_ in CURRENCIES and any(c.like_num for c in noun.subtree)


def name_key(mention: Mention) -> str:
    """The name a mention stands for, folded for comparing two ends of a fact in one story
    (a pronoun's antecedent, else its own text; case ignored)."""
    return (mention.refers_to or mention.text).lower()


def prep_objects(
    head: Token, words: set[str], deps: frozenset[str] = frozenset({PREP})
) -> list[Token]:
    """The objects of the head's prepositions ``words`` ("a loan from X to Y": from -> X)."""
    return [
        p
        for c in head.children
        if c.dep_ in deps and c.lower_ in words
        for p in c.children
        if p.dep_ == POBJ
    ]


def is_stake(noun: Token) -> bool:
    """Whether a noun is a share in a company: "stake", "holding" (``STAKE_NOUNS``)."""
    return noun.lemma_.lower() in STAKE_NOUNS


def title_phrase(noun: Token) -> str:
    """The title a noun names, with its lower-case noun modifiers: "prime minister"."""
    words = [
        c.lower_
        for c in noun.lefts
        if c.dep_ in MODIFIERS
        and c.text.islower()
        and c.pos_ != "VERB"
        # An ordinal or a time word does not change the office: "the 23rd president".
        and not c.text[:1].isdigit()
        and c.lower_ not in TIME_ADJECTIVES
    ]
    return " ".join([*words, noun.lemma_.lower()])


def coordinated_apposition(token: Token) -> bool:
    return token.dep_ == CONJ and token.head.dep_ == APPOSITION and token.pos_ == "NOUN"


def modifies(token: Token, top: Token) -> bool:
    """Whether a name hangs below ``top`` as a possessor, compound or prepositional object."""
    while token.i != top.i:
        if token.dep_ in {"poss", "compound", POBJ}:
            return True
        token = token.head
    return False


def nominal_path(a: Token, b: Token) -> tuple[Token, list[Token]] | None:
    """The lowest common head of two names and the words between them on the tree path, when
    that path stays inside a noun phrase: at most one noun and preps of NOMINAL_PREPOSITIONS."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    index_b = {t.i: n for n, t in enumerate(up_b)}
    for n, token in enumerate(up_a):
        if token.i in index_b:
            m = index_b[token.i]
            lca = token
            between = up_a[1:n] + ([lca] if lca.i not in (a.i, b.i) else []) + up_b[1:m]
            break
    else:
        return None
    below = up_a[:n] + up_b[:m]
    # Coordinated appositions count as one ("leader of X and vice-president of Y").
    if any(t.dep_ not in NOMINAL_LINKS and not coordinated_apposition(t) for t in below):
        return None
    between = [t for t in between if not coordinated_apposition(t)]
    if len(between) > 3:
        return None
    nouns = [t for t in between if t.pos_ in {"NOUN", "PROPN"}]
    if len(nouns) > 1 or any(t.pos_ in {"VERB", "AUX"} for t in between):
        return None
    if any(t.pos_ == "ADP" and t.lower_ not in NOMINAL_PREPOSITIONS for t in between):
        return None
    if any(t.pos_ not in {"NOUN", "PROPN", "ADP"} for t in between):
        return None
    return lca, between


#: The last document whose entities were asked for, and its entities.
_LAST_ENTS: list[Any] = [None, ()]


def sentence_ents(sent: Span) -> tuple[Span, ...]:
    """The entities that lie within a sentence, as ``sent.ents``, which walks every entity
    of the document again on each call; the last document's entities are kept instead."""
    doc = sent.doc
    if _LAST_ENTS[0] is not doc:
        _LAST_ENTS[0], _LAST_ENTS[1] = doc, doc.ents
    start, end = sent.start, sent.end
    return tuple(e for e in _LAST_ENTS[1] if e.start >= start and e.end <= end)


def path_up(
    token: Token, anchor: Token, blocked: Callable[[Token, Token], bool], steps: int = 8
) -> list[Token] | None:
    """The tokens from the anchor's child down to ``token`` (top first), climbing at most
    ``steps`` heads; None when the climb reaches the root or ``blocked(current, head)``
    stops it before the anchor. The qualifiers' one way of asking "is this phrase attached
    to the fact's verb?" (quantities, time phrases), each with its own ``blocked``."""
    path = [token]
    current = token
    for _ in range(steps):
        head = current.head
        if head.i == current.i:
            return None
        if head.i == anchor.i:
            return path[::-1]
        if blocked(current, head):
            return None
        path.append(head)
        current = head
    return None


def concept_span(token: Token) -> Span:
    """The noun with its lower-case noun and adjective modifiers ("raw materials")."""
    start = token.i
    for child in reversed(list(token.lefts)):
        if child.i != start - 1 or child.dep_ not in MODIFIERS:
            break
        if child.ent_type_ in {"NORP", "GPE", "ORG", "PERSON"} or not child.text.islower():
            break
        if child.pos_ not in {"NOUN", "ADJ"} or child.lower_ in lexicons.NON_CLASSIFYING:
            break
        start = child.i
    return token.doc[start : token.i + 1]
