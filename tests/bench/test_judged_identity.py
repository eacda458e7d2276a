"""The hand-judged duplicate audit and merge sample of issue 16 (identity across documents):
complete, well-formed, free of article text, and read by the scoring script as counted here."""

from __future__ import annotations

import re

from tests.judged import DATA, KG, assert_audit_scored, bench, read, read_merge_sample

AUDIT = DATA / "duplicate-audit-16.tsv"
MERGES = DATA / "merge-sample-16.tsv"


def test_duplicate_audit_16_is_judged_for_the_top_100_and_scored() -> None:
    comments, fields, rows = read(AUDIT)
    assert len(comments) == 1 and "100 most-mentioned" in comments[0]
    assert re.search(r"kg commit [0-9a-f]{7}", comments[0])
    assert fields[:2] == ["rank", "entity"] and fields[-2:] == ["same", "note"]
    assert rows and {row["same"] for row in rows} == {"y", "n"}
    assert all(1 <= int(row["rank"]) <= 100 for row in rows)
    # the IRIs of the identity scheme: the folded name, no type
    assert all(row["entity"].startswith(KG + "entity/") for row in rows)
    assert not any("/" in row["entity"].removeprefix(KG + "entity/") for row in rows)
    assert len({(row["entity"], row["candidate"]) for row in rows}) == len(rows)
    assert all(row["note"].strip() for row in rows)
    assert_audit_scored(AUDIT, rows)


def test_merge_sample_16_is_60_judged_merge_records_without_article_text() -> None:
    comments, rows = read_merge_sample(MERGES)
    assert rows and {row["same"] for row in rows} <= {"y", "n"}  # a sample may hold no wrong one
    assert all(row["note"].strip() for row in rows if row["same"] == "n")
    assert {"surname", "plural"} & {row["reason"] for row in rows}  # corpus-level merges drawn
    right = sum(row["same"] == "y" for row in rows)
    done = bench("bench/duplicates.py", "--merges-score", str(MERGES))
    assert done.returncode == 0, done.stderr
    assert f"merge precision {right / 60:.3f} (Wilson 95% " in done.stdout
