"""Pass 3 of :mod:`kg.extract`: the frames and relations of each sentence, as facts.

======== ====================================================================================
requires ``sentences``, ``by_token``, ``source_lines``, ``legislators`` (pass 1);
         ``discourse`` (pass 2, through :func:`kg.extract.passes.p2_arguments.argument`)
assigns  ``candidates``: the facts read (:class:`kg.extract.evidence.Candidate`, property
         typed, in reading order); ``titles`` (the title frames record who carried a title,
         for the descriptions of the facts read after them); ``current`` (the sentence read)
======== ====================================================================================

Per sentence, in order: the fact of a source line (:mod:`kg.extract.dateline`, found in
pass 1), verb and copula frames (:mod:`kg.extract.frames`), relations stated by noun
phrases and event nouns (:mod:`kg.extract.nominal`), relations read from word order
(:mod:`kg.extract.surface`), ownership and bases stated by noun phrases around company
names (:mod:`kg.extract.holdings`), loans (:mod:`kg.extract.lending`), production
(:mod:`kg.extract.production`), the titles of
speakers (:mod:`kg.extract.speakers`), the parties and states of legislators found in
pass 1 (:mod:`kg.extract.legislators`); then, once over the whole story, the government
offices held for a country (:mod:`kg.extract.offices`), the underwriters of an offering
(:mod:`kg.extract.offerings`) and the bare titles of a story about one company
(:mod:`kg.extract.speakers`). In a headline, the relations of two names side by side
(``nominal``, ``address``) are not read: telegraphic capitals put names next to each other
that no noun phrase links. The order matters: of two facts with the same subject,
property, object and sentence, the first read is kept; and the typed guess of two names in
one noun phrase (rule ``nominal``) is dropped where another rule links the same two in the
sentence ("Unilever Plc chairman Michael Angus" leads it, not "works for" it as well).
"""

from __future__ import annotations

import dataclasses
import functools

from kg.extract import (
    holdings,
    lending,
    offerings,
    offices,
    production,
    speakers,
    surface,
    syntax,
)
from kg.extract.evidence import Candidate, candidate
from kg.extract.frames import sentence_relations
from kg.extract.nominal import between_relations, event_relations, nominal_relations
from kg.extract.passes.p2_arguments import argument
from kg.extract.reader import Reader
from kg.lexicons.names import CHAMBER_WORDS, GROUP_LEADER_WORDS

#: Rules that read a relation from two names side by side, which a headline's telegraphic
#: capitals do not state ("(NISSAN MOTOR) LATE FEBRUARY U.S. CAR SALES UP", "NEW CURRENCY
#: PROBLEM SEEN AMONG U.S, EUROPE, JAPAN"): not read in a headline.
WORD_ORDER_RULES = frozenset({"nominal", "address"})


def run(reader: Reader) -> None:
    """Read the facts of every sentence, in order."""
    resolve = functools.partial(argument, reader, concepts=False)
    for sent in reader.sentences:
        reader.current = sent
        first = len(reader.candidates)
        line = reader.source_lines.get(sent.start)
        if line is not None:
            source, place, root = line
            reader.candidates.append(
                candidate(sent, root, source, "basedIn", place, "source-line", "", scoreable=False)
            )
        reader.candidates.extend(sentence_relations(reader, sent))
        reader.candidates.extend(nominal_relations(reader, sent))
        reader.candidates.extend(event_relations(reader, sent))
        reader.candidates.extend(between_relations(reader, sent))
        for anchor, s, prop, o, rule in surface.relations(reader, sent, resolve):
            reader.candidates.append(candidate(sent, anchor, s, prop, o, rule, ""))
        for module in (holdings, lending, production, speakers):
            for anchor, s, prop, o, rule in module.relations(reader, sent):
                reader.candidates.append(candidate(sent, anchor, s, prop, o, rule, ""))
        for anchor, s, prop, o, rule in reader.legislators.get(sent.start, ()):
            reader.candidates.append(candidate(sent, anchor, s, prop, o, rule, ""))
        read = _without_subsumed(reader.candidates[first:])
        if reader.document.section_at(sent.start_char) == "headline":
            read = [c for c in read if c.rule not in WORD_ORDER_RULES]
        reader.candidates[first:] = [c for c in _group_leaders(read) if not _self(c)]
    reader.current = None
    # The offices last, over the whole story: the implicit ones need its dominant country
    # and every other fact about the person.
    reader.candidates.extend(offices.relations(reader))
    reader.candidates.extend(offerings.relations(reader))
    reader.candidates.extend(speakers.story_relations(reader))


def _without_subsumed(found: list[Candidate]) -> list[Candidate]:
    """One sentence's facts without the guesses another rule reads more exactly: two names in
    one noun phrase state only the typed relation of their types ("Unilever Plc chairman
    Michael Angus" works for it), which says less than the title frame of the same two
    ("... leads it"), so it is dropped where another rule links the same pair."""

    def ends(c: Candidate) -> tuple[str, str]:
        return (c.subject.refers_to or c.subject.text, c.object.refers_to or c.object.text)

    exact = {ends(c) for c in found if c.rule != "nominal" and not c.open}
    return [c for c in found if c.rule != "nominal" or ends(c) not in exact]


def _group_leaders(found: list[Candidate]) -> list[Candidate]:
    """A leader of a group within a body leads neither the body nor the party: "Senate
    Republican leader Robert Dole", "Senate Majority Leader Robert Byrd" are members of the
    Senate (``memberOf``); their party membership is the legislators' reading."""
    kept: list[Candidate] = []
    for c in found:
        title = c.anchor
        words = {t.lower_ for t in title.doc[max(title.i - 3, 0) : title.i]}
        if c.predicate != "leaderOf" or not words & GROUP_LEADER_WORDS:
            kept.append(c)
        elif (c.object.refers_to or c.object.text) in CHAMBER_WORDS:
            kept.append(dataclasses.replace(c, predicate="memberOf"))
    return kept


def _self(c: Candidate) -> bool:
    """Whether a fact links an entity to itself: a pronoun resolved to the clause's own
    object ("It condemns Japan", said of Japan's critics) or a name read twice."""
    return syntax.name_key(c.subject) == syntax.name_key(c.object)
