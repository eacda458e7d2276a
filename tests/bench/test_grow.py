"""bench/grow.py: graphs of growing size, each built in a child process, then the same
held-back articles added to each and removed again (a real run on a few articles of
tests/data/news)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import REPO
from tests.news import write_news

LAST_LINE = re.compile(
    r"grow add2_20k_over_500=(\d+\.\d\d) remove2_20k_over_500=(\d+\.\d\d) "
    r"build20k_s=(\d+\.\d) peak20k_mb=(\d+)"
)


@pytest.mark.model
@pytest.mark.slow
def test_grow_builds_each_size_and_adds_the_held_back_articles(tmp_path) -> None:
    corpus = tmp_path / "corpus"
    write_news(corpus, 7)
    run = subprocess.run(
        [sys.executable, str(REPO / "bench" / "grow.py"), str(corpus), "--sizes", "2,all",
         "--held", "2", "--work", str(tmp_path)],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].split() == ["articles", "documents", "triples", "build_s", "peak_mb",
                                "add_s", "add_outputs_s", "add_xdoc_s", "remove_s",
                                "remove_xdoc_s"]  # fmt: skip
    rows = [line.split() for line in lines[1:-1]]
    assert [row[0] for row in rows] == ["2", "5"]  # 7 articles, 2 held back: all = 5
    assert [row[1] for row in rows] == ["2", "5"]  # every article is a document of its graph
    small, big = (dict(zip(lines[0].split(), row, strict=True)) for row in rows)
    assert 0 < int(small["triples"]) < int(big["triples"])
    assert float(small["add_s"]) > 0 and float(big["add_s"]) > 0
    assert 100 < float(big["peak_mb"]) < 4000  # a child that loaded spaCy: its own RSS
    assert float(small["remove_s"]) > 0 and float(big["remove_s"]) > 0  # checked back
    for row in (small, big):  # the cross-document step is part of the add and the removal
        assert 0 < float(row["add_xdoc_s"]) <= float(row["add_s"]) + 0.01
        assert 0 < float(row["remove_xdoc_s"]) <= float(row["remove_s"]) + 0.01
    match = LAST_LINE.fullmatch(lines[-1])
    assert match, lines[-1]
    for ratio, column in ((match[1], "add_s"), (match[2], "remove_s")):
        # the ratio is of the unrounded seconds; the table shows them to 0.01 s
        low = (float(big[column]) - 0.005) / (float(small[column]) + 0.005)
        high = (float(big[column]) + 0.005) / max(float(small[column]) - 0.005, 1e-9)
        assert low - 0.005 <= float(ratio) <= high + 0.005, (ratio, column, small, big)
    assert match[4] == big["peak_mb"]
    assert not list(tmp_path.glob("tmp*")), "the bench's temporary folder is removed"


def test_grow_refuses_a_corpus_too_small_in_one_line(tmp_path) -> None:
    write_news(tmp_path, 3)
    run = subprocess.run(
        [sys.executable, str(REPO / "bench" / "grow.py"), str(tmp_path), "--sizes", "2",
         "--held", "2"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert run.returncode == 1
    assert run.stderr.strip() == "error: size 2: between 1 and 1 articles are left here"
