"""NewsKG on a slice of the gold file, and precision per confidence bin of predicted facts.

    B=../shared/bench
    python bench/newskg_bins.py --scorer $B/newskg_score.py \\
        --gold $B/newskg/reuters-dev.gold.jsonl --pred pred.jsonl [--lines 1-20]

Prints the scorer's own lines for the selected gold lines (``--lines 1-20``: the first
twenty, ``21-40`` the last twenty; both gold and predictions are cut to those articles),
then two tables of the predicted facts of those articles: by confidence thirds (ranks) and
by 0.1 bins, each with the facts, how many the scorer counts right, and how many have both
ends grounded in gold entities; last, the missed gold facts counted by what the graph has
for their two ends (no entity for one end; no fact between them; a fact the other way
round; a fact whose predicate or polarity the gold does not accept). A fact's verdict is
the scorer's own: its ``score_doc`` is run on the article's facts taken in its order
(highest confidence first), and a fact is right when adding it raises the article's count
of right facts. The scorer is imported from the path given (it is not part of this
repository).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("newskg_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"error: {path}: not a Python file")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def select(lines: list[dict[str, Any]], spec: str | None) -> list[dict[str, Any]]:
    """The gold lines ``A-B`` (1-based, inclusive), or all."""
    if not spec:
        return lines
    first, _, last = spec.partition("-")
    return lines[int(first) - 1 : int(last or first)]


Verdict = tuple[float, bool, bool, str]


def verdicts(scorer: ModuleType, gold: dict, pred: dict) -> list[Verdict]:
    """(confidence, right, grounded, rule) of each predicted fact of one article."""
    facts = sorted(pred.get("facts", []), key=lambda f: -float(f.get("confidence", 0) or 0))
    out = []
    right = grounded = 0
    for k in range(1, len(facts) + 1):
        tally = scorer.Tally()
        scorer.score_doc(gold, {**pred, "facts": facts[:k]}, tally, defaultdict(set), [])
        now_right, now_grounded = tally.n["right"], tally.n["grounded"]
        fact = facts[k - 1]
        out.append((float(fact.get("confidence", 0) or 0), now_right > right,
                    now_grounded > grounded, str(fact.get("rule", ""))))
        right, grounded = now_right, now_grounded
    return out


def miss_kinds(scorer: ModuleType, gold: dict, pred: dict, kinds: Counter) -> None:
    """Count one article's missed gold facts by what the graph has for their two ends."""
    variants: dict[str, str] = {}
    for e in gold.get("entities", []):
        for name in [e.get("name", ""), *e.get("mentions", [])]:
            variants.setdefault(scorer.norm(name), e["id"])

    def ground(entity: dict) -> str | None:
        for name in [entity.get("label", ""), *entity.get("aliases", [])]:
            if scorer.norm(name) in variants:
                return variants[scorer.norm(name)]
        return None

    grounded = {e["id"]: ground(e) for e in pred.get("entities", [])}
    found = set(grounded.values())
    linked = Counter((grounded.get(f["subject"]), grounded.get(f["object"]))
                     for f in pred.get("facts", []))
    misses: list = []
    scorer.score_doc(gold, pred, scorer.Tally(), defaultdict(set), misses)
    names = {e["id"]: e.get("name") for e in gold.get("entities", [])}
    left = Counter((m[1], m[2], m[3]) for m in misses)
    for g in gold.get("facts", []):
        key = (names.get(g["subject"]), g.get("predicate"), names.get(g["object"]))
        if left[key] <= 0:
            continue
        left[key] -= 1
        s, o = g["subject"], g["object"]
        if s not in found or o not in found:
            kinds["an end is no entity of the graph"] += 1
        elif linked[(s, o)] or (g.get("symmetric") and linked[(o, s)]):
            kinds["pair linked, predicate or polarity not accepted"] += 1
        elif linked[(o, s)]:
            kinds["pair linked the other way round"] += 1
        else:
            kinds["both ends are entities, no fact between them"] += 1


def table(title: str, rows: list[tuple[str, list[Verdict]]], what: str = "confidence") -> str:
    lines = [f"{title}", f"| {what} | facts | right | precision | grounded |",
             "|---|---|---|---|---|"]
    for name, facts in rows:
        n = len(facts)
        right = sum(1 for f in facts if f[1])
        grounded = sum(1 for f in facts if f[2])
        p = f"{right / n:.3f}" if n else "-"
        g = f"{grounded / n:.3f}" if n else "-"
        lines.append(f"| {name} | {n} | {right} | {p} | {g} |")
    return "\n".join(lines)


def bins(facts: list[Verdict]) -> str:
    ranked = sorted(facts, key=lambda f: f[0])
    n = len(ranked)
    cuts = [0, n // 3, 2 * n // 3, n]
    thirds = []
    for i, name in enumerate(["bottom", "middle", "top"]):
        part = ranked[cuts[i] : cuts[i + 1]]
        span = f"{part[0][0]:.2f}-{part[-1][0]:.2f}" if part else "-"
        thirds.append((f"{name} third ({span})", part))
    tenths = []
    for i in range(10):
        low, high = i / 10, (i + 1) / 10
        part = [f for f in facts if low <= f[0] < high or (i == 9 and f[0] >= 1.0)]
        if part:
            tenths.append((f"{low:.1f}-{high:.1f}", part))
    by_rule: dict[str, list[Verdict]] = defaultdict(list)
    for fact in facts:
        by_rule[fact[3] or "?"].append(fact)
    rules = sorted(by_rule.items(), key=lambda item: (-len(item[1]), item[0]))
    return "\n\n".join([table("by confidence third (ranks)", thirds),
                        table("by 0.1 bin", tenths),
                        table("by rule (of the fact's most confident evidence)", rules, "rule")])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scorer", type=Path, required=True, help="path of newskg_score.py")
    parser.add_argument("--gold", type=Path, required=True)
    parser.add_argument("--pred", type=Path, required=True)
    parser.add_argument("--lines", help="gold lines A-B (1-based), e.g. 1-20")
    parser.add_argument("--misses", type=int, default=0, help="passed to the scorer")
    args = parser.parse_args(argv)
    scorer = load_scorer(args.scorer)
    gold = select(read_jsonl(args.gold), args.lines)
    docs = [g["doc"] for g in gold]
    pred = {p["doc"]: p for p in read_jsonl(args.pred) if p["doc"] in docs}
    with tempfile.TemporaryDirectory() as tmp:
        g_path, p_path = Path(tmp) / "gold.jsonl", Path(tmp) / "pred.jsonl"
        g_path.write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
        p_path.write_text("".join(json.dumps(p) + "\n" for p in pred.values()), encoding="utf-8")
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            scorer.main(["--gold", str(g_path), "--pred", str(p_path),
                         "--misses", str(args.misses)])
    print(out.getvalue(), end="")
    facts = [v for g in gold for v in verdicts(scorer, g, pred.get(g["doc"], {"doc": g["doc"]}))]
    print()
    print(bins(facts))
    kinds: Counter = Counter()
    for g in gold:
        miss_kinds(scorer, g, pred.get(g["doc"], {"doc": g["doc"]}), kinds)
    print(f"\nmissed gold facts: {sum(kinds.values())}")
    for kind, count in kinds.most_common():
        print(f"  {count:4d}  {kind}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
