#!/usr/bin/env python3
"""Refit the news recalibration of kg's fact confidences on kg's own graph, cross-fitted.

    B=../shared/bench
    python bench/newskg.py ../shared/corpus $B/newskg/reuters-dev.txt -o pred.jsonl
    python bench/refit_facts.py --scorer $B/newskg_score.py \\
        --gold $B/newskg/reuters-dev.gold.jsonl --pred pred.jsonl \\
        --fit 1-20 --report 21-40 [--write]

Each predicted fact of the ``--fit`` articles is labelled right or not by the scorer's own
verdict (``bench/newskg_bins.py``); a logistic regression with a small L2 penalty over the
fact's features (``kg.extract.confidence.fact_features``: the logit of its confidence and
its rule's clause prior) is fitted to the labels. The fit is composed with the weights the
graph was built with (a logistic map of a logistic map's logit is one again), so the file
``--write`` writes (``kg/data/fact_confidence.tsv``) maps clause confidences directly.

Printed: precision per confidence bin of the ``--report`` articles before and after the
weights fitted on ``--fit`` (out of sample), and the other way round (weights fitted on
``--report`` applied to ``--fit``), for the figure only: what is written is the ``--fit`` fit.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import Any

import numpy as np

from kg.extract import confidence, rules

sys.path.insert(0, str(Path(__file__).resolve().parent))
from newskg_bins import bins, load_scorer, read_jsonl, select, verdicts  # noqa: E402

WEIGHTS = Path(__file__).resolve().parents[1] / "kg" / "data" / confidence.FACT_WEIGHTS
PRIORS = sorted(set(rules.CLAUSE_PRIORS.values()))
NAMES = ["bias", "logit", *(f"prior={p}" for p in PRIORS)]


def prior_of(rule: str) -> str:
    base = rule.split("+", 1)[0]
    return rules.CLAUSE_PRIORS[rules.Rule(base)] if base in set(rules.Rule) else "verb"


def row(fact: dict[str, Any]) -> list[float]:
    features = confidence.fact_features(float(fact["confidence"]), prior_of(fact["rule"]))
    features["bias"] = 1.0
    return [features.get(name, 0.0) for name in NAMES]


def labelled(scorer: Any, gold: list[dict], pred: dict[str, dict]) -> tuple[list, list]:
    """Feature rows and right/wrong labels of the predicted facts of these articles."""
    x, y = [], []
    for g in gold:
        p = pred.get(g["doc"], {"doc": g["doc"]})
        facts = sorted(p.get("facts", []), key=lambda f: -float(f.get("confidence", 0) or 0))
        for fact, verdict in zip(facts, verdicts(scorer, g, p), strict=True):
            x.append(row(fact))
            y.append(1.0 if verdict[1] else 0.0)
    return x, y


def fit(x: list, y: list, l2: float = 1.0, steps: int = 4000) -> np.ndarray:
    """Logistic regression by gradient descent (the intercept not penalised)."""
    a, b = np.array(x), np.array(y)
    w = np.zeros(a.shape[1])
    w[1] = 1.0  # start from the identity: the confidence as it is
    mask = np.ones_like(w)
    mask[0] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(a @ w)))
        grad = a.T @ (p - b) / len(b) + l2 * mask * (w - np.eye(len(w))[1]) / len(b)
        w -= 0.5 * grad
    return w


def apply(w: np.ndarray, gold: list[dict], pred: dict[str, dict]) -> dict[str, dict]:
    """The predictions of these articles with each fact's confidence recalibrated by ``w``."""
    out = {}
    for g in gold:
        p = pred.get(g["doc"], {"doc": g["doc"]})
        facts = [{**f, "confidence": 1.0 / (1.0 + math.exp(-float(np.dot(w, row(f)))))}
                 for f in p.get("facts", [])]  # fmt: skip
        out[g["doc"]] = {**p, "facts": facts}
    return out


def composed(w: np.ndarray) -> dict[str, float]:
    """The fitted map composed with the weights the graph was built with."""
    old = confidence.weights(confidence.FACT_WEIGHTS)
    scale = float(w[1])
    new = {"bias": float(w[0]) + scale * old.get("bias", 0.0),
           "logit": scale * old.get("logit", 1.0)}  # fmt: skip
    for name, value in zip(NAMES[2:], w[2:], strict=True):
        new[name] = float(value) + scale * old.get(name, 0.0)
    return new


def report(scorer: Any, title: str, gold: list[dict], pred: dict[str, dict]) -> None:
    facts = [v for g in gold for v in verdicts(scorer, g, pred.get(g["doc"], {"doc": g["doc"]}))]
    print(f"## {title}\n")
    print(bins(facts).split("\n\nby rule")[0] + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scorer", type=Path, required=True, help="path of newskg_score.py")
    parser.add_argument("--gold", type=Path, required=True)
    parser.add_argument("--pred", type=Path, required=True)
    parser.add_argument("--fit", default="1-20", help="gold lines the weights are fitted on")
    parser.add_argument("--report", default="21-40", help="gold lines reported out of sample")
    parser.add_argument("--write", action="store_true", help=f"write {WEIGHTS.name}")
    args = parser.parse_args(argv)
    scorer = load_scorer(args.scorer)
    all_gold = read_jsonl(args.gold)
    pred = {p["doc"]: p for p in read_jsonl(args.pred)}
    fit_gold, report_gold = select(all_gold, args.fit), select(all_gold, args.report)
    w_fit = fit(*labelled(scorer, fit_gold, pred))
    w_report = fit(*labelled(scorer, report_gold, pred))
    print("weights fitted on", args.fit, dict(zip(NAMES, np.round(w_fit, 3), strict=True)), "\n")
    report(scorer, f"lines {args.report}, as built", report_gold, pred)
    report(scorer, f"lines {args.report}, weights fitted on {args.fit}", report_gold,
           apply(w_fit, report_gold, pred))  # fmt: skip
    report(scorer, f"lines {args.fit}, as built", fit_gold, pred)
    report(scorer, f"lines {args.fit}, weights fitted on {args.report}", fit_gold,
           apply(w_report, fit_gold, pred))  # fmt: skip
    if args.write:
        lines = [f"# Recalibration of facts on news, fitted by bench/refit_facts.py on NewsKG "
                 f"dev lines {args.fit}."]  # fmt: skip
        lines += [f"{name}\t{value:.4f}" for name, value in sorted(composed(w_fit).items())]
        WEIGHTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print("wrote", WEIGHTS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
