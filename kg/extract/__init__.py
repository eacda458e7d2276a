"""The extraction stage: entity mentions and relations from a parsed ``Doc``, as plain records.

Every rule is a pure function over the ``Doc``. Relations come from dependency *frames*
(subject, verb, object, preposition, prepositional object), looked up in the lexicon kept
in ``ontology/kg.ttl``; see :func:`frame_keys` for the frame notation.
"""

from __future__ import annotations

import functools
import hashlib
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg import lexicons, qualify
from kg.extract import clauses, confidence, dateline, mentions, surface, syntax, typed
from kg.extract.syntax import (
    AGENT,
    APPOSITION,
    MODIFIERS,
    NOMINAL_PREPOSITIONS,
    OBJECTS,
    PARTICLE,
    PASSIVE_SUBJECTS,
    POBJ,
    PREP,
    RELCL,
    SUBJECTS,
    frame_keys,
)
from kg.model import Document, Evidence, Mention, Proposition, Relation, Section

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

#: Weapons and shots: the one who fires or sets them off is the agent of what they do.
INSTRUMENT_NOUNS = {"shot", "bullet", "bomb", "grenade", "missile", "rocket", "round"}
RELATIVE_PRONOUNS = {"which", "that", "who", "whom", "whose"}
PERSONAL_PRONOUNS = {"he", "him", "his", "she", "her", "hers"}
THING_PRONOUNS = {"it", "its"}


@dataclass(frozen=True)
class Extraction:
    """Mentions, relations and open propositions read from one document."""

    mentions: tuple[Mention, ...]
    relations: tuple[Relation, ...]
    propositions: tuple[Proposition, ...] = ()


class _Reader:
    """Per-document state: which mention each token belongs to, and the discourse so far."""

    def __init__(self, document: Document, doc: Doc, frames: Mapping[str, str]) -> None:
        self.document = document
        self.doc = doc
        self.frames = frames
        self.by_token: dict[int, Mention] = {}
        self.mentions: list[Mention] = []
        self.titles: dict[str, str] = {}  # "russian leader" / "leader" -> person name
        self.last_person: Mention | None = None
        self.last_thing: Mention | None = None
        #: Calibrated confidence of the best clause read at each predicate token.
        self.clause_confidence: dict[int, float] = {}

    # -- mentions --------------------------------------------------------------

    def add(self, mention: Mention, tokens: Iterable[int]) -> Mention:
        for i in tokens:
            self.by_token.setdefault(i, mention)
        self.mentions.append(mention)
        return mention

    def mention(self, span: Span, type_: str, **kw: object) -> Mention:
        # The document's own text, not span.text: a true-cased headline word ("china") must
        # not become the name, and evidence quotes exactly what the article says.
        return Mention(
            doc_id=self.document.id,
            text=self.document.text[span.start_char : span.end_char],
            start=span.start_char,
            end=span.end_char,
            type=type_,
            **kw,  # type: ignore[arg-type]
        )


def extract(document: Document, doc: Doc, *, frames: Mapping[str, str]) -> Extraction:
    """Mentions and relations of one parsed document.

    Args:
        document: The ingested document; offsets refer to its text.
        doc: The spaCy parse of the document's text (same length, headlines true-cased).
        frames: The predicate lexicon, frame -> property local name (``ontology.lexicon()``).
    """
    reader = _Reader(document, doc, frames)
    for ent in doc.ents:
        mentions.add_entity(reader, ent)
    mentions.add_surnames(reader)
    mentions.add_addresses(reader)
    mentions.add_quoted_infrastructure(reader)
    mentions.add_commodities(reader)
    relations: list[Relation] = []
    found: list[Proposition] = []
    for sent in doc.sents:
        for anchor, s, prop, o, rule in dateline.read(reader, sent):
            relations.append(_relation(reader, sent, anchor, s, prop, o, rule, ""))
        for clause, proposition in _propositions(document, sent):
            found.append(proposition)
            i = clause.verb.i
            score = max(proposition.confidence, reader.clause_confidence.get(i, 0.0))
            reader.clause_confidence[i] = score
        relations.extend(_sentence_relations(reader, sent))
        relations.extend(_nominal_relations(reader, sent))
        relations.extend(_event_relations(reader, sent))
        resolve = functools.partial(_argument, reader, concepts=False)
        for anchor, s, prop, o, rule in surface.relations(reader, sent, resolve):
            relations.append(_relation(reader, sent, anchor, s, prop, o, rule, ""))
        _update_discourse(reader, sent)
    return Extraction(tuple(reader.mentions), tuple(_dedupe(relations)), tuple(found))


def extract_texts(
    texts: Iterable[str | Document],
    nlp: Language,
    *,
    frames: Mapping[str, str] | None = None,
    batch_size: int = 64,
) -> Iterator[tuple[Document, Extraction]]:
    """Parse and extract texts (or ingested documents) with a loaded spaCy pipeline.

    This is the library entry point that ``kg build`` and the benchmark adapters share: a
    plain string becomes a one-section document whose id is derived from its text.
    """
    from kg import nlp as kgnlp
    from kg.ontology import lexicon

    table = lexicon() if frames is None else frames
    documents = (t if isinstance(t, Document) else text_document(t) for t in texts)
    for document, doc in kgnlp.parse(documents, nlp, batch_size=batch_size):
        yield document, extract(document, doc, frames=table)


def text_document(text: str, source: str = "<text>") -> Document:
    """A plain text as a document of one body section, its id derived from the text."""
    doc_id = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return Document(doc_id, text, source, sections=(Section("body", 0, len(text)),))


def propositions(document: Document, sent: Span) -> Iterator[Proposition]:
    """The open propositions of one sentence, each with its calibrated confidence."""
    for _, proposition in _propositions(document, sent):
        yield proposition


def _propositions(document: Document, sent: Span) -> Iterator[tuple[clauses.Clause, Proposition]]:
    for clause in clauses.clauses(sent):
        if clause.negated and not clause.arguments:
            continue
        score = confidence.probability(clauses.features(clause, sent))
        yield clause, clauses.proposition(clause, sent, document.id, document.text, score)


# -- arguments ---------------------------------------------------------------------


def _arguments(reader: _Reader, token: Token, *, concepts: bool = True) -> list[Mention]:
    """The mentions an argument token stands for, conjuncts included."""
    found: list[Mention] = []
    for item in [token, *token.conjuncts]:
        mention = _argument(reader, item, concepts=concepts)
        if mention is not None and mention not in found:
            found.append(mention)
    return found


def _argument(reader: _Reader, token: Token, *, concepts: bool) -> Mention | None:
    if token.i in reader.by_token:
        return reader.by_token[token.i]
    lower = token.lower_
    # A relative pronoun stands for the noun its clause modifies.
    if lower in RELATIVE_PRONOUNS:
        clause = token.head
        while clause.dep_ != RELCL and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ == RELCL:
            antecedent = clause.head
            if antecedent.lemma_.lower() in INSTRUMENT_NOUNS and antecedent.dep_ in OBJECTS:
                # "Oswald fired the shots that killed Kennedy": who used the instrument did it.
                agents, _ = syntax.subjects(antecedent.head)
                for agent in agents:
                    found = _argument(reader, agent, concepts=False)
                    if found is not None:
                        return found
            return _argument(reader, antecedent, concepts=concepts)
        return None
    if token.pos_ == "PRON":
        return _pronoun(reader, token)
    # A title noun with a name in apposition stands for the person ("his counterpart Xi").
    for child in token.children:
        if child.dep_ == APPOSITION and child.i in reader.by_token:
            return reader.by_token[child.i]
    # A noun in apposition to a name stands for it: "Oswald, the man who killed Kennedy".
    if token.dep_ == APPOSITION and token.pos_ == "NOUN" and token.head.i in reader.by_token:
        named = reader.by_token[token.head.i]
        if named.named and named.type == "Person":
            return named
    if token.pos_ == "NOUN":
        described = _description(reader, token)
        if described is not None:
            return described
        if concepts and token.lemma_.lower() not in lexicons.VACUOUS_NOUNS:
            span = mentions.concept_span(token)
            return reader.mention(span, "Concept", named=False)
    return None


def _pronoun(reader: _Reader, token: Token) -> Mention | None:
    """He/his -> the last person; it/its -> the last organisation or place in subject role."""
    lower = token.lower_
    if lower in PERSONAL_PRONOUNS:
        wanted, target = {"Person"}, reader.last_person
    elif lower in THING_PRONOUNS:
        wanted, target = {"Organization", "Country", "Place"}, reader.last_thing
    else:
        return None
    # An antecedent earlier in the same sentence wins ("Putin and his counterpart").
    for i in range(token.i - 1, token.sent.start - 1, -1):
        candidate = reader.by_token.get(i)
        if candidate is not None and candidate.type in wanted and candidate.named:
            target = candidate
            break
    if target is None:
        return None
    span = token.doc[token.i : token.i + 1]
    name = target.refers_to or target.text
    return reader.mention(span, target.type, refers_to=name, named=False)


def _description(reader: _Reader, token: Token) -> Mention | None:
    """A definite description that names a title seen before: "the Russian leader"."""
    if not any(c.lower_ == "the" for c in token.lefts):
        return None
    title = token.lemma_.lower()
    nationality = " ".join(c.lower_ for c in token.lefts if c.dep_ in MODIFIERS)
    person = reader.titles.get(f"{nationality} {title}".strip()) or (
        None if nationality else reader.titles.get(title)
    )
    if person is None:
        return None
    start = min(c.i for c in token.lefts if c.lower_ == "the")
    span = token.doc[start : token.i + 1]
    return reader.mention(span, "Person", refers_to=person, named=False)


# -- relations -----------------------------------------------------------------------


def _sentence_relations(reader: _Reader, sent: Span) -> Iterator[Relation]:
    for token in sent:
        # Negated clauses too: kg.qualify gives them negative polarity (evidence, no triple).
        if token.pos_ in {"VERB", "AUX"}:
            yield from _measured(reader, sent, token)
            if token.lemma_ == "be":
                yield from _copula(reader, sent, token)
            else:
                yield from _verb_frames(reader, sent, token)
        if token.i in reader.by_token and reader.by_token[token.i].type == "Person":
            yield from _titles(reader, sent, token)


def _verb_frames(reader: _Reader, sent: Span, verb: Token) -> Iterator[Relation]:
    subjects, how = syntax.subjects(verb)
    if not subjects:
        return
    lemma = verb.lemma_.lower()
    particle = next((c.lower_ for c in verb.children if c.dep_ == PARTICLE), None)
    phrase = f"{lemma} {particle}" if particle else lemma
    objects = [c for c in verb.children if c.dep_ in OBJECTS]
    if how == "bare-passive":
        phrase, how = f"is {verb.lower_}", "passive"
    else:
        objects += [c for c in verb.children if c.dep_ in PASSIVE_SUBJECTS]
    preps = [
        (c.lower_, p) for c in verb.children if c.dep_ == PREP for p in c.children if p.dep_ == POBJ
    ]
    if verb.dep_ == RELCL and any(c.lower_ == "where" for c in verb.children):
        preps.append(("in", verb.head))  # "Rolling Fork, where Muddy Waters was born"
    slots_subj = [m for s in subjects for m in _arguments(reader, s, concepts=False)]
    slots_obj = [m for o in objects for m in _arguments(reader, o)]
    used_obj = False
    for prep, pobj in preps:
        slots_pobj = _arguments(reader, pobj)
        for key, s_slot, o_slot in frame_keys(phrase, prep, bool(objects)):
            predicate = reader.frames.get(key)
            if predicate is None:
                continue
            if s_slot == "subj" and o_slot == "obj":
                used_obj = True
            rule = "theme-prep" if s_slot == "obj" else "svo-prep"
            slots = {"subj": slots_subj, "obj": slots_obj, "pobj": slots_pobj}
            for s in slots[s_slot]:
                for o in slots[o_slot]:
                    yield _relation(reader, sent, verb, s, predicate, o, rule, how)
        open_frame = not objects and lemma not in lexicons.NON_RELATION_VERBS
        if open_frame and not any(
            reader.frames.get(k) for k, _, _ in frame_keys(phrase, prep, False)
        ):
            # An open prepositional frame: "rely on", "push onto" with no object.
            for s in slots_subj:
                for o in slots_pobj:
                    if o.named:
                        yield _relation(
                            reader,
                            sent,
                            verb,
                            s,
                            f"{phrase} {prep}",
                            o,
                            "svo-prep",
                            how,
                            open_=True,
                        )
    if used_obj or not objects:
        return
    light = syntax.light_object(verb, objects)
    if light is not None:
        # A light verb's noun carries the meaning: "take advantage of X" -> (s, X).
        noun, light_prep, light_pobj = light
        light_phrase = f"{phrase} {noun.lemma_.lower()} {light_prep.lower_}"
        predicate = reader.frames.get(f"{{s}} {light_phrase} {{o}}")
        for s in slots_subj:
            for o in _arguments(reader, light_pobj):
                label = predicate or light_phrase
                yield _relation(
                    reader, sent, verb, s, label, o, "svo-prep", how, open_=not predicate
                )
        return
    predicate = reader.frames.get(frame_keys(phrase, None, True)[0][0])
    if predicate is None and lemma in lexicons.NON_RELATION_VERBS:
        return
    for s in slots_subj:
        for o in slots_obj:
            if predicate:
                yield _relation(reader, sent, verb, s, predicate, o, "svo", how)
            else:
                yield _relation(reader, sent, verb, s, phrase, o, "svo", how, open_=True)


def _copula(reader: _Reader, sent: Span, verb: Token) -> Iterator[Relation]:
    """Copulas: "X is the president of Y", "X is in Y"."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    if not subjects:
        return
    slots_subj = [m for s in subjects for m in _arguments(reader, s, concepts=False)]
    # A role noun's organisation may hang on the copula: "was comptroller at the University".
    at_verb = [
        (c.lower_, o)
        for c in verb.children
        if c.dep_ == PREP and c.lower_ in ROLE_PREPOSITIONS
        for p in c.children
        if p.dep_ == POBJ
        for o in _arguments(reader, p, concepts=False)
    ]
    for child in verb.children:
        if child.dep_ == "attr" and child.pos_ == "NOUN":
            yield from _noun_frame(reader, sent, child, slots_subj, "copula", at_verb)
        elif child.dep_ == PREP:
            for pobj in (p for p in child.children if p.dep_ == POBJ):
                predicate = reader.frames.get(f"{{s}} is {child.lower_} {{o}}")
                if predicate:
                    for s in slots_subj:
                        for o in _arguments(reader, pobj, concepts=False):
                            yield _relation(reader, sent, verb, s, predicate, o, "copula", "")


#: Prepositions that attach a role to the organisation or place it is held at.
ROLE_PREPOSITIONS = {"at", "for", "with", "in"}


def _noun_frame(
    reader: _Reader,
    sent: Span,
    noun: Token,
    subjects: list[Mention],
    rule: str,
    extra: Iterable[tuple[str, Mention]] = (),
) -> Iterator[Relation]:
    """Title nouns and their holder: "president of China", "his counterpart", "Russian leader"."""
    title = syntax.title_phrase(noun)
    objects: list[tuple[str, Mention]] = list(extra)
    for child in noun.children:
        if child.dep_ == PREP:
            for pobj in (p for p in child.children if p.dep_ == POBJ):
                found = _arguments(reader, pobj, concepts=False)
                for o in found:
                    objects.append((child.lower_, o))
                if not found:
                    objects += [("at", o) for o in _role_place(reader, pobj)]
        elif child.dep_ == "poss" or (child.dep_ in MODIFIERS and child.i in reader.by_token):
            for o in _arguments(reader, child, concepts=False):
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
            if predicate:
                yield _relation(reader, sent, noun, s, predicate, o, rule, "")
            elif typed_prop and prep in NOMINAL_PREPOSITIONS:
                yield _relation(reader, sent, noun, s, typed_prop, o, rule, "")
            elif prep == "of":
                yield _relation(reader, sent, noun, s, f"{title} of", o, rule, "", open_=True)


def _role_place(reader: _Reader, noun: Token, depth: int = 2) -> list[Mention]:
    """The organisations and places a role's complement is held at: "vice president of
    daytime programs for ABC", "a professor of political science at Queens College", "one of
    the strategists in Israel" (at most ``depth`` prepositions further down)."""
    found: list[Mention] = []
    for prep in (c for c in noun.children if c.dep_ == PREP):
        for pobj in (p for p in prep.children if p.dep_ == POBJ):
            named = [
                m
                for m in _arguments(reader, pobj, concepts=False)
                if m.named and m.type in {"Organization", "Place", "Country"}
            ]
            if named and prep.lower_ in ROLE_PREPOSITIONS:
                found += named
            elif not named and depth > 1 and pobj.pos_ in {"NOUN", "PRON", "NUM"}:
                found += _role_place(reader, pobj, depth - 1)
    return found


def _titles(reader: _Reader, sent: Span, token: Token) -> Iterator[Relation]:
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
            yield from _noun_frame(reader, sent, child, [person], "title")
        elif child.dep_ == APPOSITION and (child.pos_ == "NOUN" or child.lower_ == "one"):
            # "Tal, one of the top strategists in Israel": "one of" stands for its noun.
            yield from _noun_frame(reader, sent, child, [person], "apposition")
    if token.dep_ == APPOSITION and token.head.pos_ == "NOUN":
        yield from _noun_frame(reader, sent, token.head, [person], "apposition")


NAMED_TYPES = {"Person", "Organization", "Place", "Country", "Infrastructure"}


def _nominal_relations(reader: _Reader, sent: Span) -> Iterator[Relation]:
    """Typed relations between two names linked inside one noun phrase (see kg.typed)."""
    heads: list[tuple[Token, Mention]] = []
    for token in sent:
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
            for s_, o_ in ((first, second), (second, first)):
                prop = typed.nominal(s_.type, o_.type)
                if prop == "livesIn" and titled:
                    break  # "Harrison, president of the United States" leads it (title frame)
                if prop == "locatedIn" and s_.type == "Country" and o_.type != "Country":
                    break  # a country is not inside a city ("a U.S. bank in Frankfurt")
                if prop is not None:
                    anchor = between[0] if between else lca
                    yield _relation(reader, sent, anchor, s_, prop, o_, "nominal", "")
                    break


#: Event nouns whose possessor or "of" object is the patient of the fact (Kennedy's killing),
#: and the property the event states.
EVENT_NOUNS = {
    "killing": "killed",
    "assassination": "killed",
    "murder": "killed",
    "slaying": "killed",
    "shooting": "killed",
}


def _event_relations(reader: _Reader, sent: Span) -> Iterator[Relation]:
    """Facts stated by an event noun: "Sirhan was convicted of Kennedy's killing", "the
    assassination of Lincoln by Booth". The agent is the "by" object, else the subject of the
    verb the noun's phrase depends on."""
    for noun in sent:
        prop = EVENT_NOUNS.get(noun.lemma_.lower()) if noun.pos_ == "NOUN" else None
        if prop is None:
            continue
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
            for victim in _arguments(reader, patient, concepts=False):
                for agent in agents:
                    for killer in _arguments(reader, agent, concepts=False):
                        yield _relation(reader, sent, noun, killer, prop, victim, "event", "")


def _titled(reader: _Reader, noun: Token) -> bool:
    """Whether a noun is a title whose own lexicon frame states the relation ("president of")."""
    if noun.pos_ != "NOUN":
        return False
    title = syntax.title_phrase(noun)
    return any(f"{{s}} is {title} {p} {{o}}" in reader.frames for p in NOMINAL_PREPOSITIONS)


def _relation(
    reader: _Reader,
    sent: Span,
    anchor: Token,
    subject: Mention,
    predicate: str,
    obj: Mention,
    rule: str,
    how: str,
    *,
    open_: bool = False,
) -> Relation:
    """The one place where a ``Relation`` and its ``Evidence`` are made: the property narrowed
    by the entity types (kg.typed), the calibrated confidence, the time expression."""
    document = reader.document
    if not open_:
        refined = typed.refine(predicate, subject.type, obj.type)
        if refined is None:  # the entities contradict the property's domain or range
            predicate, open_ = anchor.lemma_.lower(), True
        else:
            predicate = refined
    full_rule = f"{rule}+{how}" if how and how not in rule else rule
    section = document.section_at(sent.start_char)
    evidence = Evidence(
        doc_id=document.id,
        sentence=document.text[sent.start_char : sent.end_char],
        sentence_start=sent.start_char,
        sentence_end=sent.end_char,
        section=section,
        rule=full_rule,
        confidence=_confidence(reader, anchor, rule, sent),
        **qualify.qualify(anchor, document.published, lambda t: _source(reader, t)),
    )
    return Relation(subject, predicate, obj, evidence, open=open_)


#: The clause rule whose calibrated prior stands for a relation rule with no clause reading.
CLAUSE_RULES = {
    "title": "title",
    "apposition": "apposition",
    "copula": "copula",
    "nominal": "modifier",
    "address": "modifier",
    "source-line": "modifier",
    "agent-noun": "apposition",
    "native": "modifier",
    "born": "modifier",
    "based": "modifier",
    "passive": "passive",
}


def _confidence(reader: _Reader, anchor: Token, rule: str, sent: Span) -> float:
    """The calibrated confidence of the clause the fact was read from (kg.confidence); for a
    fact read from no clause (some noun phrases), the model's value for a bare clause of the
    corresponding rule in a sentence of this length."""
    found = reader.clause_confidence.get(anchor.i)
    if found is not None:
        return found
    features = {
        f"rule={CLAUSE_RULES.get(rule, 'verb')}": 1.0,
        "args=1": 1.0,
        "log_sentence_len": math.log(len(sent)),
    }
    return confidence.probability(features)


def _source(reader: _Reader, token: Token) -> Mention | None:
    """The mention a token belongs to, for attribution (pronouns resolved: "he added")."""
    if token.i in reader.by_token:
        return reader.by_token[token.i]
    return _pronoun(reader, token) if token.pos_ == "PRON" else None


def _measured(reader: _Reader, sent: Span, verb: Token) -> Iterator[Relation]:
    """Measured trade relations (kg.qualify.measure): "Chinese exports to Russia fell by 27.5%"."""
    for s_token, action, prep, o_token in qualify.measure.frames(verb):
        s = _argument(reader, s_token, concepts=False)
        o = _argument(reader, o_token, concepts=False)
        if s is None or o is None:
            continue
        keys = (f"{{s}} {action} {prep} {{o}}", f"{{s}} {action} _ {prep} {{o}}")
        predicate = next((reader.frames[k] for k in keys if k in reader.frames), None)
        phrase = predicate or f"{action} {prep}"
        yield _relation(reader, sent, verb, s, phrase, o, "measure", "", open_=predicate is None)


def _update_discourse(reader: _Reader, sent: Span) -> None:
    """Remember the last person, and the last organisation or place in subject position."""
    for token in sent:
        mention = reader.by_token.get(token.i)
        if mention is None:
            continue
        if mention.type == "Person":
            reader.last_person = mention
        elif mention.type in {"Organization", "Country", "Place"} and token.dep_ in SUBJECTS:
            reader.last_thing = mention


def _dedupe(relations: list[Relation]) -> Iterator[Relation]:
    seen: set[tuple[object, ...]] = set()
    for r in relations:
        key = (r.subject.start, r.predicate, r.object.start, r.evidence.sentence_start)
        if key in seen or (r.subject.start == r.object.start and r.subject.end == r.object.end):
            continue
        seen.add(key)
        yield r
