#!/usr/bin/env python3
"""Refit kg's confidence model on the CaRB development split, and print precision per bin.

    python bench/calibrate.py --bench ../shared/bench            # print the table only
    python bench/calibrate.py --bench ../shared/bench --write    # refit kg/data/confidence.tsv

Every proposition kg extracts from ``carb/dev.txt`` is labelled with its CaRB match
precision (the best token-overlap precision against the sentence's gold tuples, the score
``carb_score.py`` gives a matched pair; 0 when it matches nothing). A logistic regression
over the proposition's features (``kg.extract.clauses.features``) is fitted to these labels by
gradient descent with a small L2 penalty; its weights are written to
``kg/data/confidence.tsv``. The table shows, per confidence bin, how many propositions fall
in it and their mean match precision: higher confidence must mean more often right.
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import sys
from pathlib import Path

import numpy as np

from kg.extract import clauses, confidence, text_document
from kg.nlp import load_model, parse

sys.path.insert(0, str(Path(__file__).resolve().parent))
from carb import widen  # noqa: E402 - the CaRB adapter's own argument spans

WEIGHTS = Path(__file__).resolve().parents[1] / "kg" / "data" / confidence.WEIGHTS
BINS = [0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.01]


def _scorer(bench: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("carb_score", bench / "carb_score.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


Row = dict[str, float]
Line = tuple[str, str, list[str]]  # sentence, relation, arguments (as carb.py writes them)


def collect(bench: Path, model: str | None) -> tuple[list[Row], list[float], list[Line]]:
    """Features, match-precision labels and CaRB fields of every proposition on CaRB dev."""
    carb = _scorer(bench)
    gold, _ = carb.read_gold(bench / "carb" / "dev.gold.tsv")
    gold_by_key = {carb.sentence_key(s): tuples for s, tuples in gold.items()}
    sentences = [s.rstrip("\n") for s in open(bench / "carb" / "dev.txt", encoding="utf-8")]
    nlp = load_model(model)
    rows: list[Row] = []
    labels: list[float] = []
    lines: list[Line] = []
    documents = [text_document(s) for s in sentences if s.strip()]
    for document, doc in parse(documents, nlp):
        golds = gold_by_key.get(carb.sentence_key(document.text), [])
        for sent in doc.sents:
            for clause in clauses.clauses(sent):
                p = clauses.proposition(clause, sent, document.id, document.text, 0.0)
                words = p.relation.split()
                implicit = words[: len(words) - len(p.relation_spans)]
                relation = " ".join(
                    [*implicit, *(widen(document.text, s, e) for s, e in p.relation_spans)]
                )
                args = [widen(document.text, a.start, a.end) for a in p.arguments]
                pred = carb.OieTuple(relation, args, 0.0, 0)
                best = max((carb.match_score(g, pred)[0] for g in golds), default=0.0)
                rows.append(clauses.features(clause, sent))
                labels.append(float(best))
                lines.append((document.text, relation, args))
    return rows, labels, lines


def fit(rows: list[dict[str, float]], labels: list[float], l2: float = 1e-3) -> dict[str, float]:
    """Logistic regression on fractional labels (cross-entropy), plain gradient descent."""
    names = sorted({name for row in rows for name in row})
    x = np.array([[row.get(n, 0.0) for n in names] + [1.0] for row in rows])
    y = np.array(labels)
    w = np.zeros(x.shape[1])
    for _ in range(4000):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) / len(y) + l2 * np.r_[w[:-1], 0.0]
        w -= 0.5 * grad
    table = {n: float(v) for n, v in zip(names, w[:-1], strict=True)}
    table["bias"] = float(w[-1])
    return table


def bin_table(scores: list[float], labels: list[float]) -> list[str]:
    lines = ["| confidence | propositions | mean CaRB match precision |", "|---|---|---|"]
    for lo, hi in zip(BINS, BINS[1:], strict=False):
        chosen = [y for s, y in zip(scores, labels, strict=True) if lo <= s < hi]
        if chosen:
            top = min(hi, 1.0)
            lines.append(
                f"| {lo:.1f}–{top:.1f} | {len(chosen)} | {sum(chosen) / len(chosen):.3f} |"
            )
    return lines


def _crossfit(rows: list[Row], labels: list[float], lines: list[Line], path: Path) -> None:
    """Score each half of the sentences with weights fitted on the other half."""
    sentences = sorted({line[0] for line in lines})
    fold = {sentence: n % 2 for n, sentence in enumerate(sentences)}
    scores = [0.0] * len(rows)
    for k in (0, 1):
        train = [i for i, line in enumerate(lines) if fold[line[0]] != k]
        table = fit([rows[i] for i in train], [labels[i] for i in train])
        for i, line in enumerate(lines):
            if fold[line[0]] == k:
                scores[i] = confidence.probability(rows[i], table)
    with open(path, "w", encoding="utf-8") as out:
        for (sentence, relation, arguments), score in zip(lines, scores, strict=True):
            out.write("\t".join([sentence, f"{score:.3f}", relation, *arguments]) + "\n")
    print("cross-fitted (held-out half) bins:")
    print("\n".join(bin_table(scores, labels)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, required=True, help="the shared bench folder")
    parser.add_argument("--model", help="spaCy pipeline (default: kg's default)")
    parser.add_argument("--write", action="store_true", help="refit kg/data/confidence.tsv")
    parser.add_argument(
        "--crossfit",
        type=Path,
        help="also write CaRB predictions whose confidences come from a 2-fold cross-fit "
        "(weights fitted on the other half of the sentences) to this file",
    )
    args = parser.parse_args(argv)
    rows, labels, lines = collect(args.bench, args.model)
    if args.crossfit:
        _crossfit(rows, labels, lines, args.crossfit)
    table = confidence.weights()
    if args.write:
        table = fit(rows, labels)
        with open(WEIGHTS, "w", encoding="utf-8") as out:
            out.write("# Logistic confidence model, fitted by bench/calibrate.py on CaRB dev.\n")
            for name, value in sorted(table.items()):
                out.write(f"{name}\t{value:.4f}\n")
        table = {n: round(v, 4) for n, v in table.items()}
    scores = [confidence.probability(row, table) for row in rows]
    print("\n".join(bin_table(scores, labels)))
    mean = sum(labels) / len(labels)
    loss = -sum(
        y * math.log(max(p, 1e-6)) + (1 - y) * math.log(max(1 - p, 1e-6))
        for p, y in zip(scores, labels, strict=True)
    ) / len(labels)
    print(f"{len(labels)} propositions, mean label {mean:.3f}, cross-entropy {loss:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
