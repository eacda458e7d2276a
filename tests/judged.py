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
