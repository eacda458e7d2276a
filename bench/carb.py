#!/usr/bin/env python3
"""CaRB adapter: one sentence per line on stdin -> CaRB tabbed extractions on stdout.

    python bench/carb.py < ../shared/bench/carb/dev.txt > carb-dev.tsv
    python ../shared/bench/carb_score.py --gold ../shared/bench/carb/dev.gold.tsv \
        --pred carb-dev.tsv

Each line is extracted with kg's public API (``kg.extract.extract_texts``, the function
``kg build`` uses, default settings); this script only converts its propositions to
``sentence<TAB>confidence<TAB>relation<TAB>arg1<TAB>arg2...``, every string cut from the
sentence as given (widened to whole whitespace-separated tokens, the benchmark's tokens).
"""

from __future__ import annotations

import argparse
import sys

from kg.extract import extract_texts
from kg.nlp import load_model


def widen(text: str, start: int, end: int) -> str:
    """The whitespace tokens that a character span touches (spaCy may split a PTB token)."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return " ".join(text[start:end].split())


def _dedupe(words: object) -> list[str]:
    """Drop a repeated word where two spaCy tokens widened to the same PTB token."""
    kept: list[str] = []
    for word in words:  # type: ignore[attr-defined]
        if not kept or kept[-1] != word:
            kept.append(word)
    return kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="spaCy pipeline (default: kg's default)")
    args = parser.parse_args(argv)
    sentences = [line.rstrip("\n") for line in sys.stdin if line.strip()]
    nlp = load_model(args.model)
    out = sys.stdout
    for sentence, (document, extraction) in zip(
        sentences, extract_texts(sentences, nlp), strict=True
    ):
        for p in extraction.propositions:
            words = p.relation.split()
            implicit = words[: len(words) - len(p.relation_spans)]  # "is" of an apposition
            relation = " ".join(
                [*implicit, *_dedupe(widen(document.text, s, e) for s, e in p.relation_spans)]
            )
            fields = [widen(document.text, a.start, a.end) for a in p.arguments]
            out.write("\t".join([sentence, f"{p.confidence:.3f}", relation, *fields]) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
