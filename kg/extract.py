"""The extraction stage: entity mentions and relations from a parsed ``Doc``, as plain records.

Every rule is a pure function over the ``Doc``. Relations come from dependency *frames*
(subject, verb, object, preposition, prepositional object), looked up in the lexicon kept
in ``ontology/kg.ttl``; see :func:`frame_keys` for the frame notation.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg import lexicons
from kg.metonymy import state_of_capital
from kg.model import Document, Evidence, Mention, Relation

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Dependency labels (ClearNLP style, as the English spaCy pipelines use).
SUBJECTS = {"nsubj", "csubj"}
PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
OBJECTS = {"dobj", "dative"}
PREP = "prep"
POBJ = "pobj"
AGENT = "agent"
PARTICLE = "prt"
NEGATION = "neg"
APPOSITION = "appos"
CONTROL = {"xcomp"}
CONJ = "conj"
RELCL = "relcl"
MODIFIERS = {"compound", "amod"}

#: NER labels that name entities, with the ontology class each becomes.
NER_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",  # Country when the country table knows the name
    "LOC": "Place",
    "FAC": "Infrastructure",
    "PRODUCT": "Product",
    "EVENT": "Event",
    "NORP": "Group",  # Country (as a demonym) when it modifies a noun
}
TIME_LABELS = {"DATE", "TIME"}
RELATIVE_PRONOUNS = {"which", "that", "who", "whom", "whose"}
PERSONAL_PRONOUNS = {"he", "him", "his", "she", "her", "hers"}
THING_PRONOUNS = {"it", "its"}

BASE_CONFIDENCE = {
    "svo": 0.70,
    "svo-prep": 0.65,
    "theme-prep": 0.65,
    "passive": 0.62,
    "copula": 0.62,
    "title": 0.80,
    "apposition": 0.75,
}


@dataclass(frozen=True)
class Extraction:
    """Mentions and relations read from one document."""

    mentions: tuple[Mention, ...]
    relations: tuple[Relation, ...]


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

    # -- mentions --------------------------------------------------------------

    def add(self, mention: Mention, tokens: Iterable[int]) -> Mention:
        for i in tokens:
            self.by_token.setdefault(i, mention)
        self.mentions.append(mention)
        return mention

    def mention(self, span: Span, type_: str, **kw: object) -> Mention:
        # span.text is the parsed text: it differs from the document only in headline case.
        return Mention(
            doc_id=self.document.id,
            text=span.text,
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
        _add_entity(reader, ent)
    _add_quoted_infrastructure(reader)
    _add_commodities(reader)
    relations: list[Relation] = []
    for sent in doc.sents:
        relations.extend(_sentence_relations(reader, sent))
        _update_discourse(reader, sent)
    return Extraction(tuple(reader.mentions), tuple(_dedupe(relations)))


# -- mentions -------------------------------------------------------------------


def _trim(span: Span) -> Span:
    """Drop a leading determiner and a trailing possessive marker or punctuation."""
    start, end = span.start, span.end
    while start < end and (span.doc[start].lower_ == "the" or span.doc[start].is_punct):
        start += 1
    while end > start and (span.doc[end - 1].tag_ == "POS" or span.doc[end - 1].is_punct):
        end -= 1
    return span.doc[start:end]


def _add_entity(reader: _Reader, ent: Span) -> None:
    type_ = NER_TYPES.get(ent.label_)
    if type_ is None:
        return
    span = _trim(ent)
    if not span.text or not any(t.is_alpha for t in span):
        return
    if ent.label_ == "NORP":
        country = lexicons.country_of_demonym(span.text)
        # A demonym modifying a noun ("Russian energy", "Chinese imports") denotes the country.
        if country and span.root.dep_ in MODIFIERS and span.root.head.pos_ in {"NOUN", "PROPN"}:
            reader.add(
                reader.mention(span, "Country", refers_to=country, named=False),
                range(span.start, span.end),
            )
        elif span.root.pos_ in {"NOUN", "PROPN"}:  # "Democrats", "Muslims": a group
            reader.add(reader.mention(span, "Group"), range(span.start, span.end))
        return
    if ent.label_ == "GPE" and lexicons.is_country(span.text):
        type_ = "Country"
    elif ent.label_ == "GPE" and (state := state_of_capital(span)) is not None:
        # A capital standing for its state ("Beijing has refused"); see kg.metonymy.
        reader.add(
            reader.mention(span, "Country", refers_to=state, named=False),
            range(span.start, span.end),
        )
        return
    reader.add(reader.mention(span, type_), range(span.start, span.end))


def _add_quoted_infrastructure(reader: _Reader) -> None:
    """Quoted names before an infrastructure noun: the “Power of Siberia-2” gas pipeline."""
    doc = reader.doc
    for i, token in enumerate(doc):
        if not (token.is_quote and token.is_left_punct):
            continue
        close = next((j for j in range(i + 1, min(i + 10, len(doc))) if doc[j].is_quote), None)
        if close is None or close == i + 1 or not doc[i + 1].text[:1].isupper():
            continue
        heads = [t for t in doc[close + 1 : close + 4] if t.pos_ == "NOUN"]
        head = next((t for t in heads if t.lemma_.lower() in lexicons.INFRASTRUCTURE), None)
        if head is None:
            continue
        span = doc[i + 1 : close]
        for j in range(span.start, span.end):
            reader.by_token.pop(j, None)
        # The noun that names the kind ("pipeline") stands for the named thing too.
        reader.add(reader.mention(span, "Infrastructure"), [*range(span.start, span.end), head.i])


def _add_commodities(reader: _Reader) -> None:
    """Goods and raw materials as noun-phrase concepts: "consumer goods", "winter wheat"."""
    for token in reader.doc:
        if token.pos_ != "NOUN" or not {token.lower_, token.lemma_.lower()} & lexicons.COMMODITIES:
            continue
        if token.i in reader.by_token:
            continue
        span = _concept_span(token)
        reader.add(reader.mention(span, "Commodity", named=False), range(span.start, span.end))


def _concept_span(token: Token) -> Span:
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
            return _argument(reader, clause.head, concepts=concepts)
        return None
    if token.pos_ == "PRON":
        return _pronoun(reader, token)
    # A title noun with a name in apposition stands for the person ("his counterpart Xi").
    for child in token.children:
        if child.dep_ == APPOSITION and child.i in reader.by_token:
            return reader.by_token[child.i]
    if token.pos_ == "NOUN":
        described = _description(reader, token)
        if described is not None:
            return described
        if concepts and token.lemma_.lower() not in lexicons.VACUOUS_NOUNS:
            span = _concept_span(token)
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


def _sentence_relations(reader: _Reader, sent: Span) -> Iterator[Relation]:
    for token in sent:
        if token.pos_ in {"VERB", "AUX"} and not _negated(token):
            if token.lemma_ == "be":
                yield from _copula(reader, sent, token)
            else:
                yield from _verb_frames(reader, sent, token)
        if token.i in reader.by_token and reader.by_token[token.i].type == "Person":
            yield from _titles(reader, sent, token)


def _negated(verb: Token) -> bool:
    return any(c.dep_ == NEGATION for c in verb.children)


def _subjects(verb: Token) -> tuple[list[Token], str]:
    """Subject tokens of a verb, inherited through control and coordination; and a rule tag."""
    own = [c for c in verb.children if c.dep_ in SUBJECTS]
    if own:
        return own, ""
    passive_agents = [
        p for c in verb.children if c.dep_ == AGENT for p in c.children if p.dep_ == POBJ
    ]
    if passive_agents:
        return passive_agents, "passive"
    if verb.dep_ in CONTROL or verb.dep_ == CONJ:
        head = verb.head
        # Object control: "ask Xi Jinping to boost trade" -> Xi boosts.
        objects = [c for c in head.children if c.dep_ in OBJECTS]
        if verb.dep_ in CONTROL and objects:
            return objects, "control"
        inherited, _ = _subjects(head)
        return inherited, "control" if verb.dep_ in CONTROL else "conj"
    return [], ""


def _verb_frames(reader: _Reader, sent: Span, verb: Token) -> Iterator[Relation]:
    subjects, how = _subjects(verb)
    if not subjects:
        return
    lemma = verb.lemma_.lower()
    particle = next((c.lower_ for c in verb.children if c.dep_ == PARTICLE), None)
    phrase = f"{lemma} {particle}" if particle else lemma
    objects = [c for c in verb.children if c.dep_ in OBJECTS]
    objects += [c for c in verb.children if c.dep_ in PASSIVE_SUBJECTS]
    preps = [
        (c.lower_, p) for c in verb.children if c.dep_ == PREP for p in c.children if p.dep_ == POBJ
    ]
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
    for child in verb.children:
        if child.dep_ == "attr" and child.pos_ == "NOUN":
            yield from _noun_frame(reader, sent, child, slots_subj, "copula")
        elif child.dep_ == PREP:
            for pobj in (p for p in child.children if p.dep_ == POBJ):
                predicate = reader.frames.get(f"{{s}} is {child.lower_} {{o}}")
                if predicate:
                    for s in slots_subj:
                        for o in _arguments(reader, pobj, concepts=False):
                            yield _relation(reader, sent, verb, s, predicate, o, "copula", "")


def _noun_frame(
    reader: _Reader, sent: Span, noun: Token, subjects: list[Mention], rule: str
) -> Iterator[Relation]:
    """Title nouns and their holder: "president of China", "his counterpart", "Russian leader"."""
    title = _title_phrase(noun)
    objects: list[tuple[str, Mention]] = []
    for child in noun.children:
        if child.dep_ == PREP:
            for pobj in (p for p in child.children if p.dep_ == POBJ):
                for o in _arguments(reader, pobj, concepts=False):
                    objects.append((child.lower_, o))
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
            if predicate:
                yield _relation(reader, sent, noun, s, predicate, o, rule, "")
            elif prep == "of":
                yield _relation(reader, sent, noun, s, f"{title} of", o, rule, "", open_=True)


def _title_phrase(noun: Token) -> str:
    """The title a noun names, with its lower-case noun modifiers: "prime minister"."""
    words = [
        c.lower_
        for c in noun.lefts
        if c.dep_ in MODIFIERS and c.text.islower() and c.pos_ != "VERB"
    ]
    return " ".join([*words, noun.lemma_.lower()])


def _titles(reader: _Reader, sent: Span, token: Token) -> Iterator[Relation]:
    """Titles before a name and appositions: "Russian leader Vladimir Putin", "Cook, CEO of X"."""
    person = reader.by_token[token.i]
    if reader.by_token.get(token.i + 1) is person:
        return  # not the last token of the name
    for child in token.children:
        if child.i in reader.by_token and reader.by_token[child.i] is person:
            continue
        if child.dep_ == "compound" and child.pos_ == "NOUN":
            yield from _noun_frame(reader, sent, child, [person], "title")
        elif child.dep_ == APPOSITION and child.pos_ == "NOUN":
            yield from _noun_frame(reader, sent, child, [person], "apposition")
    if token.dep_ == APPOSITION and token.head.pos_ == "NOUN":
        yield from _noun_frame(reader, sent, token.head, [person], "apposition")


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
    document = reader.document
    full_rule = f"{rule}+{how}" if how and how not in rule else rule
    section = document.section_at(sent.start_char)
    evidence = Evidence(
        doc_id=document.id,
        sentence=document.text[sent.start_char : sent.end_char],
        sentence_start=sent.start_char,
        sentence_end=sent.end_char,
        section=section,
        rule=full_rule,
        confidence=_confidence(rule, how, subject, obj, open_, section, len(sent)),
        time_text=_time_text(anchor),
    )
    return Relation(subject, predicate, obj, evidence, open=open_)


def _confidence(
    rule: str, how: str, s: Mention, o: Mention, open_: bool, section: str, length: int
) -> float:
    """A graded score: rule prior, adjusted for how direct the reading was."""
    score = BASE_CONFIDENCE.get(rule, 0.6)
    score += -0.08 if open_ else 0.10
    score -= 0.08 if how in {"control", "conj"} else 0.0
    for m in (s, o):
        if m.refers_to and not m.named:
            score -= 0.07  # pronoun or description resolved to an antecedent
        elif not m.named:
            score -= 0.12 if m.type == "Concept" else 0.05
    score -= 0.12 if section == "headline" else 0.0
    score -= 0.05 if length > 40 else 0.0
    return round(min(0.99, max(0.05, score)), 3)


def _time_text(anchor: Token) -> str | None:
    """Time expressions (DATE/TIME entities) that modify the fact's verb or noun."""
    found = []
    for ent in anchor.doc.ents:
        if ent.label_ not in TIME_LABELS:
            continue
        head = ent.root.head
        # Climb through prepositions to the word the time phrase attaches to.
        while (head.dep_ == PREP or head.pos_ == "ADP") and head.head.i != head.i:
            head = head.head
        if head.i == anchor.i or ent.root.head.i == anchor.i:
            found.append(ent.text)
    return "; ".join(found) if found else None


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
