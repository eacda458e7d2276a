"""The hand-judged baselines in tests/data and the scripts that score them.

The files are data (judged by hand on a seeded build); these tests check that each is
complete and well-formed, and that the scoring scripts read them.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.judged import (
    DATA,
    KG,
    assert_audit_scored,
    bench,
    read,
    read_judged_facts,
    read_merge_sample,
    score_judged_facts,
    wilson,
)

FACTS = DATA / "judged-facts-baseline.tsv"
# issue 15's second check: the same draw on the code of the day (kg commit in its header)
FACT_FILES = [FACTS, DATA / "judged-facts-15.tsv", DATA / "judged-facts-15-2f5c66d.tsv",
              DATA / "judged-facts-15-1231cda.tsv", DATA / "judged-facts-15-5616b10.tsv"]
AUDIT = DATA / "duplicate-audit-baseline.tsv"
MERGES = DATA / "merge-sample-baseline.tsv"


@pytest.mark.parametrize("path", FACT_FILES, ids=lambda path: path.name)
def test_judged_facts_name_their_build_and_hold_100_verdicts(path: Path) -> None:
    assert len(read_judged_facts(path)) == 100


@pytest.mark.parametrize("path", FACT_FILES, ids=lambda path: path.name)
def test_judge_sample_scores_the_file_with_a_wilson_interval(path: Path) -> None:
    rows = read_judged_facts(path)
    counts = Counter(row["verdict"] for row in rows)
    out = score_judged_facts(path)
    assert (f"correct {counts['correct']}, vague {counts['vague']}, wrong {counts['wrong']}"
            in out)
    low, high = wilson(counts["correct"], len(rows))
    assert (f"precision {counts['correct'] / len(rows):.3f} (Wilson 95% {low:.3f}-{high:.3f})"
            in out)
    kinds = Counter(row["cause"].split(":")[0] for row in rows if row["verdict"] == "wrong")
    for kind, count in kinds.items():
        assert re.search(rf"wrong: +{count}  {re.escape(kind)}$", out, re.MULTILINE)
    assert sum(int(n) for n in re.findall(r"wrong: +(\d+)  ", out)) == counts["wrong"]


@pytest.mark.parametrize("path", FACT_FILES, ids=lambda path: path.name)
def test_bench_readme_reports_the_counts_the_file_holds(path: Path) -> None:
    """bench/README.md quotes each judged file's counts and precision as the scorer prints
    them (bold marks aside), so the written report and the kept verdicts cannot drift."""
    out = score_judged_facts(path)
    counts = re.search(r"correct \d+, vague \d+, wrong \d+", out)
    precision = re.search(r"precision (\d\.\d{3}) \(Wilson 95% (\d\.\d{3})-(\d\.\d{3})\)", out)
    assert counts and precision
    readme = (REPO / "bench" / "README.md").read_text(encoding="utf-8").replace("**", "")
    assert f"{path.name}" in readme
    assert f"{counts.group(0)}: precision {precision.group(1)} (Wilson 95% " \
           f"{precision.group(2)}-{precision.group(3)})" in " ".join(readme.split())


def test_wilson_interval_matches_published_values() -> None:
    # Newcombe (1998), table I: 0/10 -> 0-0.2775; 81/263 -> 0.2553-0.3662
    assert wilson(0, 10) == pytest.approx((0.0, 0.2775), abs=5e-4)
    assert wilson(81, 263) == pytest.approx((0.2553, 0.3662), abs=5e-4)


def test_a_verdict_outside_the_three_labels_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "judged.tsv"
    text = FACTS.read_text(encoding="utf-8").replace("\tvague\t", "\tmaybe\t", 1)
    bad.write_text(text, encoding="utf-8")
    done = bench("bench/judge_sample.py", "--score", str(bad))
    assert done.returncode != 0
    assert re.fullmatch(rf"error: {re.escape(str(bad))}:\d+: verdict 'maybe' is not one of "
                        r"correct, vague, wrong\n", done.stderr)


def test_duplicate_audit_is_judged_for_the_top_100() -> None:
    comments, fields, rows = read(AUDIT)
    assert len(comments) == 1 and "100 most-mentioned" in comments[0]
    assert re.search(r"kg commit [0-9a-f]{7}", comments[0])
    assert fields[:2] == ["rank", "entity"] and fields[-2:] == ["same", "note"]
    assert rows and {row["same"] for row in rows} <= {"y", "n"}
    assert all(1 <= int(row["rank"]) <= 100 for row in rows)
    assert all(row["entity"].startswith(KG + "entity/") for row in rows)
    assert all(row["candidate"] != row["entity"] for row in rows)
    assert len({(row["entity"], row["candidate"]) for row in rows}) == len(rows)
    assert_audit_scored(AUDIT, rows)


def test_merge_sample_is_60_judged_merge_records() -> None:
    comments, rows = read_merge_sample(MERGES)
    assert all(row["merge"].startswith(KG + "merge/") for row in rows)
    assert {row["same"] for row in rows} <= {"y", "n"}
    assert all(row["note"].strip() for row in rows if row["same"] == "n")
    right = sum(row["same"] == "y" for row in rows)
    done = bench("bench/duplicates.py", "--merges-score", str(MERGES))
    assert done.returncode == 0, done.stderr
    assert f"merge precision {right / 60:.3f} (Wilson 95% " in done.stdout
