#!/usr/bin/env python3
"""Extraction time against bare spaCy parse time of the same sentences, in one run.

    python bench/overhead.py < ../shared/bench/carb/dev.txt

Parses every line once with the pipeline kg uses (``kg.nlp.parse``, timed), then runs kg's
extraction (``kg.extract.extract`` with the ontology lexicon) over the parsed documents
(timed separately), and prints both times and their ratio. Repeats ``--rounds`` times and
reports the median ratio, since the machine may be shared.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from kg.extract import extract, text_document
from kg.nlp import load_model, parse
from kg.ontology import lexicon


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="spaCy pipeline (default: kg's default)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    documents = [text_document(line.strip()) for line in sys.stdin if line.strip()]
    nlp = load_model(args.model)
    frames = lexicon()
    list(parse(documents[:20], nlp))  # warm up
    ratios = []
    for n in range(args.rounds):
        start = time.perf_counter()
        parsed = list(parse(documents, nlp))
        parse_time = time.perf_counter() - start
        start = time.perf_counter()
        count = sum(len(extract(d, doc, frames=frames).propositions) for d, doc in parsed)
        extract_time = time.perf_counter() - start
        ratios.append(extract_time / parse_time)
        print(
            f"round {n + 1}: {len(documents)} texts, parse {parse_time:.2f} s, "
            f"extract {extract_time:.2f} s ({count} propositions), "
            f"overhead {100 * ratios[-1]:.1f}%"
        )
    print(f"median extraction overhead: {100 * statistics.median(ratios):.1f}% of parse time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
