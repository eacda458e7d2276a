#!/usr/bin/env python3
"""CoNLL04 adapter: the input JSONL of ``conll04_eval.py input <split>`` -> prediction JSONL.

    export CONLL04_DIR=../shared/bench/conll04
    python ../shared/bench/conll04_eval.py input dev > input.jsonl
    python bench/conll04.py < input.jsonl > pred.jsonl
    python ../shared/bench/conll04_eval.py score dev pred.jsonl --per-type

Each sentence goes through kg's public API (``kg.extract.extract_texts``, the function
``kg build`` uses, default settings). This script only maps kg's entity classes and
ontology properties to CoNLL04's labels and writes character offsets into ``text``.
"""

from __future__ import annotations

import argparse
import json
import sys

from kg.extract import Extraction, extract_texts
from kg.model import Mention
from kg.nlp import load_model

#: kg entity class -> CoNLL04 entity type.
ENTITY_TYPES = {
    "Person": "Peop",
    "Organization": "Org",
    "Place": "Loc",
    "Country": "Loc",
    "Infrastructure": "Loc",
    "Group": "Other",
    "Product": "Other",
    "Event": "Other",
}
#: kg ontology property -> CoNLL04 relation type.
RELATION_TYPES = {
    "worksFor": "Work_For",
    "leaderOf": "Work_For",
    "basedIn": "OrgBased_In",
    "livesIn": "Live_In",
    "locatedIn": "Located_In",
    "killed": "Kill",
}


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """A character span widened to whole tokens of ``text`` (the benchmark's tokens)."""
    while start > 0 and text[start - 1] != " ":
        start -= 1
    while end < len(text) and text[end] != " ":
        end += 1
    return start, end


def _type(mention: Mention) -> str | None:
    if mention.type == "Country" and not mention.named:
        return "Other"  # a demonym: "Russian" is a nationality in CoNLL04
    return ENTITY_TYPES.get(mention.type)


def _convert(
    text: str, extraction: Extraction
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """CoNLL04 entities (character offsets widened to tokens) and relations of one sentence."""
    entities: list[dict[str, object]] = []
    index: dict[tuple[int, int], int] = {}

    named = {m.text: m for m in extraction.mentions if m.named}

    def entity(m: Mention) -> int | None:
        label = _type(m)
        if label is not None and m.refers_to and not m.named and m.type != "Country":
            # A pronoun or description is not a CoNLL04 entity; the entity it refers to is,
            # where the sentence names it ("Jackson won ... in his native South Carolina").
            antecedent = named.get(m.refers_to)
            return entity(antecedent) if antecedent is not None else None
        if label is None:
            return None
        key = _widen(text, m.start, m.end)
        if key not in index:
            index[key] = len(entities)
            entities.append({"type": label, "char_start": key[0], "char_end": key[1]})
        return index[key]

    for mention in extraction.mentions:
        entity(mention)
    relations: list[dict[str, object]] = []
    for r in extraction.relations:
        label = RELATION_TYPES.get(r.predicate)
        if r.predicate == "leaderOf" and r.object.type != "Organization":
            label = None  # CoNLL04's Work_For is a person's organisation, not a country led
        head, tail = entity(r.subject), entity(r.object)
        if label and head is not None and tail is not None and head != tail:
            relations.append({"type": label, "head": head, "tail": tail})
    return entities, relations


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="spaCy pipeline (default: kg's default)")
    args = parser.parse_args(argv)
    records = [json.loads(line) for line in sys.stdin if line.strip()]
    nlp = load_model(args.model)
    texts = [r["text"] for r in records]
    for record, (_, extraction) in zip(records, extract_texts(texts, nlp), strict=True):
        entities, relations = _convert(record["text"], extraction)
        out = {"id": record["id"], "entities": entities, "relations": relations}
        sys.stdout.write(json.dumps(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
