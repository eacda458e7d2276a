"""Fixtures the build tests share (test_robustness.py, test_robustness_live.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import SAMPLE as CORPUS
from tests.conftest import SEED, need
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
    """A folder of 100 real news articles (a build spends several seconds on them)."""
    need(CORPUS.is_dir(), f"the news corpus at {CORPUS}")
    folder = tmp_path_factory.mktemp("articles")
    for path in sorted(CORPUS.glob("*.txt"))[:100]:
        (folder / path.name).write_bytes(path.read_bytes())
    return folder
