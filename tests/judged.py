"""Reading the hand-judged files of tests/data and running the scripts that score them."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

DATA = REPO / "tests" / "data"
KG = "https://w3id.org/kg/"


def read(path: Path) -> tuple[list[str], list[str], list[dict[str, str]]]:
    """A judged TSV file: its comment lines, its column names and its rows."""
    lines = path.read_text(encoding="utf-8").splitlines()
    comments = [line for line in lines if line.startswith("#")]
    reader = csv.DictReader([line for line in lines if not line.startswith("#")],
                            delimiter="\t")
    rows = list(reader)
    return comments, list(reader.fieldnames or []), rows


def bench(*argv: str) -> subprocess.CompletedProcess:
    """A script of bench/ run from the repository root."""
    return subprocess.run([sys.executable, *argv], cwd=REPO, capture_output=True, text=True,
                          timeout=120)


def assert_audit_scored(path: Path, rows: list[dict[str, str]]) -> None:
    """The audit script counts the entities judged to have a duplicate node, as ``rows`` do."""
    duplicated = {row["entity"] for row in rows if row["same"] == "y"}
    done = bench("bench/duplicates.py", "--audit-score", str(path))
    assert done.returncode == 0, done.stderr
    assert f"top-100 entities with a duplicate node: {len(duplicated)}\n" in done.stdout


def read_merge_sample(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """A judged sample of 60 merge records: one comment naming its seed, the columns, 60
    distinct merges; its comments and rows."""
    comments, fields, rows = read(path)
    assert len(comments) == 1 and re.search(r"seed \d+", comments[0])
    assert fields == ["merge", "entity", "label", "alias", "reason", "files", "same", "note"]
    assert len(rows) == 60 and len({row["merge"] for row in rows}) == 60
    return comments, rows


def read_judged_facts(path: Path) -> list[dict[str, str]]:
    """A judged fact sample of ``bench/judge_sample.py keep``: one comment naming the build
    command, seed and kg commit, the kept columns, 100 distinct evidence IRIs, a verdict of
    the three for each and a cause exactly for the wrong ones; its rows."""
    comments, fields, rows = read(path)
    assert len(comments) == 1
    assert re.search(r"seed \d+", comments[0]) and re.search(r"kg commit [0-9a-f]{7}", comments[0])
    assert "bench/sample300.py" in comments[0] and "--exclude" in comments[0]
    assert fields == ["evidence", "verdict", "cause"]
    assert len(rows) == 100
    assert len({row["evidence"] for row in rows}) == 100
    assert all(row["evidence"].startswith(KG + "evidence/") for row in rows)
    assert {row["verdict"] for row in rows} <= {"correct", "vague", "wrong"}
    assert all(row["cause"].strip() for row in rows if row["verdict"] == "wrong")
    assert not any(row["cause"].strip() for row in rows if row["verdict"] != "wrong")
    return rows


def score_judged_facts(path: Path) -> str:
    """What ``judge_sample.py --score`` prints for a judged file (it must succeed)."""
    done = bench("bench/judge_sample.py", "--score", str(path))
    assert done.returncode == 0, done.stderr
    return done.stdout


def wilson(successes: int, n: int) -> tuple[float, float]:
    """``bench/judge_sample.py``'s Wilson score interval (bench/ is no package)."""
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from judge_sample import wilson as interval
    finally:
        sys.path.remove(str(REPO / "bench"))
    return interval(successes, n)
