"""Fixtures the build tests share (test_robustness.py, test_robustness_live.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import SEED
from tests.news import write_news
from tests.processes import kg


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """OUT with the seed graph, built once; tests work on copies of it."""
    out = tmp_path_factory.mktemp("built") / "out"
    done = kg("build", SEED, "-o", out, "-q")
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture
def out(built: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "out"
    # without the lock file, its appearance tells that a build under test has started;
    # OUT/store stays the symlink to its snapshot (copied as a folder it would be a store of
    # the layout before snapshots, which a build first migrates)
    shutil.copytree(built, copy, symlinks=True, ignore=shutil.ignore_patterns(".kg.lock"))
    assert (copy / "store").is_symlink()
    return copy


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of 100 news articles, the 50 of tests/data/news and a round of 50 more made
    from them (a build spends several seconds on them)."""
    folder = tmp_path_factory.mktemp("articles")
    assert len(write_news(folder, 100)) == len(set(folder.glob("*.txt"))) == 100
    return folder
