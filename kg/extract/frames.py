"""Relations from verb frames: subject, verb (+ particle), object, preposition and its object,
looked up in the lexicon (``ontology/kg.ttl``, keys from :func:`kg.extract.syntax.frame_keys`);
copulas ("X is in Y", "X is the president of Y"); light verbs ("take advantage of X"); and the
measured trade relations of :mod:`kg.extract.qualify.measure`. An unknown frame gives an open
relation.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg import lexicons
from kg.extract import qualify, syntax
from kg.extract.deps import OBJECTS, PARTICLE, PASSIVE_SUBJECTS, POBJ, PREP, RELCL, SUBJECTS
from kg.extract.evidence import Candidate, candidate
from kg.extract.nominal import ROLE_PREPOSITIONS, noun_frame, titles
from kg.extract.passes.p2_arguments import argument, arguments
from kg.extract.reader import Reader
from kg.extract.syntax import frame_keys
from kg.lexicons.deals import LOAN_NOUNS, PARTITIVE_WORDS
from kg.model import Mention

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def sentence_relations(reader: Reader, sent: Span) -> Iterator[Candidate]:
    tags, lemmas = reader.pos, reader.lemmas
    for token in reader.sentence(sent):
        # Negated clauses too: qualify gives them negative polarity (evidence, no triple).
        if tags[token.i] in {"VERB", "AUX"}:
            yield from _measured(reader, sent, token)
            if lemmas[token.i] == "be":
                yield from _copula(reader, sent, token)
            else:
                yield from _verb_frames(reader, sent, token)
        if token.i in reader.by_token and reader.by_token[token.i].type == "Person":
            yield from titles(reader, sent, token)


def _verb_frames(reader: Reader, sent: Span, verb: Token) -> Iterator[Candidate]:
    subjects, how = syntax.subjects(verb)
    if not subjects:
        return
    lemma = reader.lemmas[verb.i]
    children = list(verb.children)  # spaCy makes them again at each walk
    particle = next((c.lower_ for c in children if c.dep_ == PARTICLE), None)
    phrase = f"{lemma} {particle}" if particle else lemma
    objects = [c for c in children if c.dep_ in OBJECTS]
    if how == "bare-passive":
        phrase, how = f"is {verb.lower_}", "passive"
    else:
        objects += [c for c in children if c.dep_ in PASSIVE_SUBJECTS]
    preps = [
        (c.lower_, p) for c in children if c.dep_ == PREP for p in c.children if p.dep_ == POBJ
    ]
    if verb.dep_ == RELCL and any(c.lower_ == "where" for c in children):
        preps.append(("in", verb.head))  # "Rolling Fork, where Muddy Waters was born"
    for o in objects:  # "paid 1.25 billion dlrs for X": the amount's phrase is the verb's
        if syntax.amount(o):
            preps += [(c.lower_, p) for c in o.children if c.dep_ == PREP
                      for p in c.children if p.dep_ == POBJ]  # fmt: skip
    slots_subj = [m for s in subjects for m in arguments(reader, s, concepts=False)]
    slots_obj = [m for o in objects for m in arguments(reader, o)]
    frame = _Frame(reader, sent, verb, phrase, how, objects, slots_subj, slots_obj)
    used_obj = False
    for prep, pobj in preps:
        found, used = _prep_frames(frame, prep, pobj)
        used_obj = used_obj or used
        yield from found
    if not used_obj and objects:
        yield from _object_frames(frame)


#: Properties of trade in goods, which a deal in shares or a company is not.
TRADE_PROPERTIES = frozenset({"suppliesTo", "supplies", "importsFrom", "exportsTo"})
#: Nouns of a share in or a part of a company ("shares", "a stake", "its chemicals unit").
SECURITY_NOUNS = frozenset(
    "share stock stake holding shareholding interest unit subsidiary division business "
    "operation asset".split()
)


def _security(token: Token) -> bool:
    """Whether an object names shares in or a part of a company (the head noun, or a
    measure of it: "10 mln shares")."""
    if _partitive_word(token):
        return bool(syntax.prep_objects(token, {"of"}))  # "bought 20 pct of X"
    return token.lemma_.lower() in SECURITY_NOUNS


def _partitive_word(token: Token) -> bool:
    """A word of a part ("pct", "part", "majority", "all"): ``PARTITIVE_WORDS``."""
    return token.lemma_.lower() in PARTITIVE_WORDS or token.lower_ in PARTITIVE_WORDS


@dataclass(frozen=True)
class _Frame:
    """A verb's frame: its phrase, rule tag, objects, and the mentions of subject and object."""

    reader: Reader
    sent: Span
    verb: Token
    phrase: str
    how: str
    objects: list[Token]
    slots_subj: list[Mention]
    slots_obj: list[Mention]


def _prep_frames(frame: _Frame, prep: str, pobj: Token) -> tuple[list[Candidate], bool]:
    """The facts of one prepositional phrase of a verb frame, and whether a lexicon frame
    used the direct object."""
    reader, sent, verb, phrase, how = frame.reader, frame.sent, frame.verb, frame.phrase, frame.how
    found: list[Candidate] = []
    used_obj = False
    slots_pobj = arguments(reader, pobj)
    for key, s_slot, o_slot in frame_keys(phrase, prep, bool(frame.objects)):
        predicate = reader.frames.get(key)
        if predicate is None:
            continue
        if predicate in TRADE_PROPERTIES and any(
            _security(o) or o.lemma_.lower() in LOAN_NOUNS for o in frame.objects
        ):
            continue  # "bought 10 mln shares from X", "provided a loan to X": no trade in goods
        if s_slot == "subj" and o_slot == "obj":
            used_obj = True
        rule = "theme-prep" if s_slot == "obj" else "svo-prep"
        slots = {"subj": frame.slots_subj, "obj": frame.slots_obj, "pobj": slots_pobj}
        for s in slots[s_slot]:
            for o in slots[o_slot]:
                found.append(candidate(sent, verb, s, predicate, o, rule, how))
    open_frame = not frame.objects and verb.lemma_.lower() not in lexicons.NON_RELATION_VERBS
    if open_frame and not any(reader.frames.get(k) for k, _, _ in frame_keys(phrase, prep, False)):
        # An open prepositional frame: "rely on", "push onto" with no object.
        label = f"{phrase} {prep}"
        for s in frame.slots_subj:
            for o in slots_pobj:
                if o.named:
                    found.append(candidate(sent, verb, s, label, o, "svo-prep", how, open_=True))
    return found, used_obj


def _object_frames(frame: _Frame) -> Iterator[Candidate]:
    """The facts of a verb and its direct object: a light verb's noun ("take advantage of
    X"), a lexicon frame, or an open relation."""
    reader, sent, verb, phrase, how = frame.reader, frame.sent, frame.verb, frame.phrase, frame.how
    part = _partitive(frame)
    if part is not None:
        yield from part
        return
    light = syntax.light_object(verb, frame.objects)
    if light is not None:
        # A light verb's noun carries the meaning: "take advantage of X" -> (s, X).
        noun, light_prep, light_pobj = light
        light_phrase = f"{phrase} {noun.lemma_.lower()} {light_prep.lower_}"
        predicate = reader.frames.get(f"{{s}} {light_phrase} {{o}}")
        rule = "stake" if syntax.is_stake(noun) else "svo-prep"
        for s in frame.slots_subj:
            for o in arguments(reader, light_pobj):
                label = predicate or light_phrase
                yield candidate(sent, verb, s, label, o, rule, how, open_=not predicate)
        return
    predicate = reader.frames.get(frame_keys(phrase, None, True)[0][0])
    if predicate is None and verb.lemma_.lower() in lexicons.NON_RELATION_VERBS:
        return
    for s in frame.slots_subj:
        for o in frame.slots_obj:
            if predicate:
                yield candidate(sent, verb, s, predicate, o, "svo", how)
            else:
                yield candidate(sent, verb, s, phrase, o, "svo", how, open_=True)


def _partitive(frame: _Frame) -> list[Candidate] | None:
    """A part of a named company as the object: "bought 20 pct of X", "sell part of X",
    "spin off all or part of its X". The company is the object; the verb's stake frame
    ("buy stake in") says what is done with the part, else the verb's own frame does. None
    when the object is no part of a named company."""
    reader, verb, phrase = frame.reader, frame.verb, frame.phrase
    if len(frame.objects) != 1:
        return None
    part = frame.objects[0]
    if not _partitive_word(part):
        return None
    companies = [
        m
        for item in (part, *part.conjuncts)
        for p in syntax.prep_objects(item, {"of"})
        for m in arguments(reader, p, concepts=False)
        if m.type == "Organization"
    ]
    if not companies:
        return None
    stake = reader.frames.get(f"{{s}} {phrase} stake in {{o}}")
    plain = reader.frames.get(frame_keys(phrase, None, True)[0][0])
    predicate, rule = (stake, "stake") if stake else (plain, "svo")
    if predicate is None and verb.lemma_.lower() in lexicons.NON_RELATION_VERBS:
        return []
    return [
        candidate(frame.sent, verb, s, predicate or phrase, o, rule, frame.how,
                  open_=predicate is None)
        for s in frame.slots_subj
        for o in companies
    ]


def _copula(reader: Reader, sent: Span, verb: Token) -> Iterator[Candidate]:
    """Copulas: "X is the president of Y", "X is in Y"."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    if not subjects:
        return
    slots_subj = [m for s in subjects for m in arguments(reader, s, concepts=False)]
    # A role noun's organisation may hang on the copula: "was comptroller at the University".
    at_verb = [
        (c.lower_, o)
        for c in verb.children
        if c.dep_ == PREP and c.lower_ in ROLE_PREPOSITIONS
        for p in c.children
        if p.dep_ == POBJ
        for o in arguments(reader, p, concepts=False)
    ]
    for child in verb.children:
        if child.dep_ == "attr" and child.pos_ == "NOUN":
            yield from noun_frame(reader, sent, child, slots_subj, "copula", at_verb)
        elif child.dep_ == PREP:
            for pobj in (p for p in child.children if p.dep_ == POBJ):
                predicate = reader.frames.get(f"{{s}} is {child.lower_} {{o}}")
                if predicate:
                    for s in slots_subj:
                        for o in arguments(reader, pobj, concepts=False):
                            yield candidate(sent, verb, s, predicate, o, "copula", "")


def _measured(reader: Reader, sent: Span, verb: Token) -> Iterator[Candidate]:
    """Measured trade relations (kg.extract.qualify.measure): "Chinese exports to Russia fell by
    27.5%"."""
    for s_token, action, prep, o_token in qualify.measure.frames(verb):
        s = argument(reader, s_token, concepts=False)
        o = argument(reader, o_token, concepts=False)
        if s is None or o is None:
            continue
        keys = (f"{{s}} {action} {prep} {{o}}", f"{{s}} {action} _ {prep} {{o}}")
        predicate = next((reader.frames[k] for k in keys if k in reader.frames), None)
        phrase = predicate or f"{action} {prep}"
        yield candidate(sent, verb, s, phrase, o, "measure", "", open_=predicate is None)
