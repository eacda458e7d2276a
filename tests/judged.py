"""Reading the hand-judged files of tests/data and running the scripts that score them."""

from __future__ import annotations

import csv
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
