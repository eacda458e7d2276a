"""Parallel builds (--workers, --dask) give the graph a single-process build gives."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS

from kg import parallel
from kg.errors import InputError, WorkerError
from kg.ontology import KG
from kg.parallel import chunks
from kg.pipeline import build
from kg.rdf.graph import read_turtle
from tests.conftest import SEEDS, need
from tests.news import ARTICLES

pytestmark = [pytest.mark.model, pytest.mark.slow]

#: The 50 articles of tests/data/news and their words (whitespace-separated, as a build
#: counts them).
COUNT, WORDS = 50, 9732
#: People, a company and countries each article set mentions in five articles or more.
RECURRING = {"Daniel Whitcombe", "Hiroshi Tanabe", "Ian Prescott", "Kenji Morimoto",
             "Richard Vance", "Brightwater Holdings Inc", "Japan", "United States"}


@pytest.fixture(scope="module")
def articles() -> list[Path]:
    return ARTICLES


@pytest.fixture(scope="module")
def single(articles, tmp_path_factory):
    out = tmp_path_factory.mktemp("single") / "out"
    summary = build(articles, out, fresh=True)
    return summary, read_turtle(out / "graph.ttl")


def test_the_articles_share_entities(articles, single):
    summary, graph = single
    assert len(articles) == summary.documents_added == COUNT
    documents_per_entity = Counter(s for s, _ in graph.subject_objects(KG.mentionedIn))
    shared = {str(graph.value(e, RDFS.label)) for e, n in documents_per_entity.items() if n >= 5}
    assert RECURRING <= shared, shared
    assert summary.words == WORDS
    assert set(summary.seconds) == {"start", "documents", "stop", "outputs"}


def test_two_worker_processes_build_the_same_graph(articles, single, tmp_path):
    summary, graph = single
    parallel = build(articles, tmp_path / "out", fresh=True, workers=2)
    assert parallel.documents_added == summary.documents_added
    assert parallel.triples == summary.triples
    assert isomorphic(graph, read_turtle(tmp_path / "out" / "graph.ttl"))


def test_dask_local_cluster_builds_the_same_graph(articles, single, tmp_path):
    need(importlib.util.find_spec("distributed") is not None, "dask.distributed (kg[dask])")
    summary, graph = single
    distributed = build(articles, tmp_path / "out", fresh=True, dask="local", workers=2)
    assert distributed.documents_added == summary.documents_added
    assert isomorphic(graph, read_turtle(tmp_path / "out" / "graph.ttl"))


def test_parallel_build_adds_to_an_existing_graph_without_duplicates(articles, single, tmp_path):
    """Half the articles first, then all of them with two workers: the same graph."""
    whole, graph = single
    out = tmp_path / "out"
    half = build(articles[: len(articles) // 2], out, fresh=True)
    summary = build(articles, out, workers=2)
    assert summary.documents_added == whole.documents_added - half.documents_added
    assert isomorphic(graph, read_turtle(out / "graph.ttl"))


def test_a_worker_that_cannot_load_the_model_fails_the_build_in_one_line(articles, tmp_path):
    from kg.errors import ModelError

    with pytest.raises(ModelError, match="cannot load spaCy pipeline"):
        build(articles[:3], tmp_path / "out", workers=2, model="no_such_model_xx")
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_bad_input_stops_a_parallel_build_and_its_workers(tmp_path):
    import multiprocessing

    before = set(multiprocessing.active_children())
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "1", "text": "Fine."}\n{not json\n', encoding="utf-8")
    with pytest.raises(InputError, match="bad.jsonl:2"):
        build([SEEDS, bad], tmp_path / "out", workers=2)
    assert set(multiprocessing.active_children()) <= before
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_an_unreachable_scheduler_is_a_one_line_error(articles, tmp_path, monkeypatch):
    need(importlib.util.find_spec("distributed") is not None, "dask.distributed (kg[dask])")
    monkeypatch.setattr(parallel, "CONNECT_TIMEOUT", "2s")
    with pytest.raises(WorkerError, match="cannot reach the Dask scheduler"):
        build(articles[:3], tmp_path / "out", dask="tcp://127.0.0.1:9")


def test_chunks_keep_order_and_size():
    assert [len(c) for c in chunks(range(70), 32)] == [32, 32, 6]  # type: ignore[arg-type]
    assert [x for c in chunks(range(70), 32) for x in c] == list(range(70))  # type: ignore[arg-type]



def test_cli_rejects_zero_workers_in_one_line(tmp_path, capsys):
    from kg.cli import main

    assert main(["build", str(SEEDS), "-o", str(tmp_path / "out"), "--workers", "0"]) == 1
    assert capsys.readouterr().err == "error: --workers must be at least 1, not 0\n"
