"""Per-category accuracy of kg.extract.qualify on hand-written news sentences.

Each line of ``tests/data/qualify.jsonl`` is a sentence (split "dev": written first and
used while building kg.extract.qualify; "heldout": written afterwards and measured as is), the
verb of the fact to qualify, an optional publication date and the expected values of one
category (time, quantity, polarity, modality, attribution). A sentence counts as right
when every expected value matches. The verb is qualified directly (clause level), so the
figures measure kg.extract.qualify and not which relations the extractor happens to find.

    .venv/bin/python bench/qualify.py            # accuracy per category
    .venv/bin/python bench/qualify.py -v         # and every miss with what kg found
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from kg.model import Qualifiers

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data" / "qualify.jsonl"
CATEGORIES = ("time", "quantity", "polarity", "modality", "attribution")
#: NER labels that can name a source, with the kg type the extractor gives them.
SOURCE_LABELS = {"PERSON": "Person", "ORG": "Organization", "GPE": "Country", "NORP": "Group",
                 "LOC": "Place", "FAC": "Infrastructure"}  # fmt: skip


@dataclass
class Outcome:
    row: dict[str, Any]
    ok: bool
    got: Qualifiers = field(default_factory=Qualifiers)


def load(path: Path = DATA) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def mention_lookup(doc: Any) -> Callable[[Any], Any]:
    """Token -> Mention from the NER of a parse (what the extractor's lookup gives for names)."""
    from kg.model import Mention

    by_token: dict[int, Mention] = {}
    for ent in doc.ents:
        if ent.label_ not in SOURCE_LABELS:
            continue
        span = ent[1:] if ent[0].lower_ == "the" and len(ent) > 1 else ent
        mention = Mention("bench", span.text, span.start_char, span.end_char,
                          SOURCE_LABELS[ent.label_])  # fmt: skip
        for token in span:
            by_token[token.i] = mention
    return lambda token: by_token.get(token.i)


def qualify_row(nlp: Any, row: dict[str, Any]) -> Qualifiers:
    """The qualifier fields kg finds for the row's verb."""
    from kg.extract.qualify import qualify

    doc = nlp(row["text"])
    verb = next((t for t in doc if t.text == row["verb"]), None)
    if verb is None:
        raise ValueError(f"{row['id']}: verb {row['verb']!r} not in the sentence")
    return qualify(verb, row.get("published"), mention_lookup(doc))


def _matches(category: str, expect: dict[str, Any], got: Qualifiers) -> bool:
    if category == "time":
        if "resolved" in expect:
            return bool(got.time_text) and got.time_resolved is expect["resolved"]
        return (got.valid_from, got.valid_until) == (
            expect["valid_from"],
            expect["valid_until"],
        )
    if category == "quantity":
        quantities = got.quantities
        if not quantities:
            return False
        q = quantities[0]
        return (q.amount, q.unit, q.direction, q.approximate) == (
            Decimal(expect["amount"]),
            expect["unit"],
            expect["direction"],
            expect["approximate"],
        )
    if category == "polarity":
        return bool(got.polarity == expect["polarity"])
    if category == "modality":
        if got.modality != expect["modality"]:
            return False
        return "failed" not in expect or got.failed is expect["failed"]
    if category == "attribution":
        source = got.attributed_to
        if _name(source.text if source else None) != _name(expect["source"]):
            return False
        return expect["text_contains"].casefold() in (got.attribution_text or "").casefold()
    raise ValueError(f"unknown category {category!r}")


def _name(text: str | None) -> str | None:
    """A source name compared without case and a leading "the"."""
    return None if text is None else text.casefold().removeprefix("the ")


def evaluate(nlp: Any, rows: Iterable[dict[str, Any]]) -> list[Outcome]:
    outcomes = []
    for row in rows:
        got = qualify_row(nlp, row)
        outcomes.append(Outcome(row, _matches(row["category"], row["expect"], got), got))
    return outcomes


def accuracy(outcomes: list[Outcome], category: str) -> tuple[int, int]:
    """(right, total) for one category ("all": every category)."""
    mine = [o for o in outcomes if category in {"all", o.row["category"]}]
    return sum(o.ok for o in mine), len(mine)


def _shown(got: Qualifiers) -> str:
    keep = {k: v for k, v in vars(got).items() if v not in (None, (), False)}
    if "attributed_to" in keep:
        keep["attributed_to"] = keep["attributed_to"].text
    if "quantities" in keep:
        keep["quantities"] = [
            (str(q.amount), q.unit, q.direction, q.approximate) for q in keep["quantities"]
        ]
    return json.dumps(keep, ensure_ascii=False, default=str)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=str(DATA), help="a qualify.jsonl file")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every miss")
    args = parser.parse_args(argv)
    from kg.nlp import load_model

    nlp = load_model()
    outcomes = evaluate(nlp, load(Path(args.data)))
    splits = sorted({o.row.get("split", "dev") for o in outcomes})
    print(f"{'category':12s} " + " ".join(f"{s:>16s}" for s in [*splits, "all"]))
    for category in [*CATEGORIES, "all"]:
        cells = []
        for split in [*splits, "all"]:
            mine = [o for o in outcomes if split in {"all", o.row.get("split", "dev")}]
            right, total = accuracy(mine, category)
            cells.append(f"{right:3d}/{total:<3d} {right / total:6.1%}" if total else "")
        print(f"{category:12s} " + " ".join(f"{c:>16s}" for c in cells))
    if args.verbose:
        for o in outcomes:
            if not o.ok:
                print(f"\nMISS {o.row['id']}: {o.row['text']}")
                print(f"  expected {json.dumps(o.row['expect'], ensure_ascii=False)}")
                print(f"  got      {_shown(o.got)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
