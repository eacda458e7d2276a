"""Shared fixtures: the spaCy pipeline and the seed graph are made once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SEED = SEEDS / "putin-beijing-visit.txt"
SHARED = REPO.parent / "shared"
IN_CI = os.environ.get("CI") == "true"


def need(condition: bool, what: str) -> None:
    """Skip when a component is missing; in CI (CI=true) a missing component fails the run."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{what} is missing in CI")
    pytest.skip(f"{what} is missing")


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def seed_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A graph built from the bundled seeds/ (read-only for the tests that use it)."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("seed") / "out"
    build([SEEDS], out)
    return out


@pytest.fixture(scope="session")
def seed_graph(seed_out: Path):
    from kg.graph import read_turtle

    return read_turtle(seed_out / "graph.ttl")


def unprivileged(argv: list[str]) -> list[str]:
    """``argv`` run so that file permissions apply to it, also when the tests run as root
    (root's capabilities to bypass them are dropped with util-linux ``setpriv``)."""
    if os.geteuid() != 0:
        return argv
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", *argv]
