"""Articles added to a graph a few at a time, in another order, give the graph one build of
all of them gives: on tests/data/news, whose companies and people recur across articles
under full names and surnames, so the cross-document merges have to agree."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS, SKOS

from kg.ontology import ENT, KG
from kg.pipeline import build
from kg.rdf import store
from kg.rdf.graph import read_turtle, validate
from tests.news import ARTICLES

pytestmark = [pytest.mark.model, pytest.mark.slow]

#: Entities the articles name under more than one form, the forms, and how many articles
#: name them (as `grep -l SURNAME tests/data/news/*.txt | wc -l` counts).
RECURRING = {
    "kenji-morimoto": ({"Kenji Morimoto", "Morimoto"}, 6),
    "daniel-whitcombe": ({"Daniel Whitcombe", "Whitcombe"}, 10),
    "hiroshi-tanabe": ({"Hiroshi Tanabe", "Tanabe"}, 9),
    "ian-prescott": ({"Ian Prescott", "Prescott"}, 8),
    "richard-vance": ({"Richard Vance", "Vance"}, 6),
    "margaret-holloway": ({"Margaret Holloway", "Holloway"}, 5),
    "hanabusa-electric": ({"Hanabusa Electric Co Ltd", "Hanabusa Electric"}, 12),
}


def names(graph, node) -> set[str]:
    aliases = {str(a) for a in graph.objects(node, SKOS.altLabel)}
    return {str(graph.value(node, RDFS.label))} | aliases


def test_incremental_equals_all_at_once_on_news_articles(tmp_path):
    files = ARTICLES
    assert len(files) == 50
    once_summary = build(files, tmp_path / "once", fresh=True)
    assert once_summary.documents_added == 50
    once = read_turtle(tmp_path / "once" / "graph.ttl")
    for batch in (files[30:], files[9::-1], files[10:30]):
        build(batch, tmp_path / "steps")
    steps = read_turtle(tmp_path / "steps" / "graph.ttl")
    assert isomorphic(once, steps)
    again = build(files[:5], tmp_path / "steps")  # re-adding is a no-op
    assert again.documents_added == 0
    assert isomorphic(once, read_turtle(tmp_path / "steps" / "graph.ttl"))
    for key, (forms, articles) in RECURRING.items():
        node = ENT[key]
        assert forms <= names(once, node), (key, names(once, node))
        assert len(set(once.objects(node, KG.mentionedIn))) == articles, key
    ok, report = validate(once)
    assert ok, report


def table_files(snapshot: Path) -> dict[int, str]:
    """The RocksDB table files of a snapshot folder, by inode."""
    return {path.stat().st_ino: path.name for path in snapshot.glob("*.sst")}


def test_an_article_added_to_a_bigger_graph_starts_from_a_copy_of_its_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One article added to a graph twenty times its size: the new snapshot is a checkpoint
    of the current one (their table files are the same files), the whole-graph files are
    left out and removed, and the graph equals the one a build of all the articles makes."""
    import kg.pipeline
    from kg.export import load_graph

    monkeypatch.setattr(kg.pipeline, "FILES_ALWAYS_UP_TO", 10)
    steps, once = tmp_path / "steps", tmp_path / "once"
    assert build(ARTICLES[:20], steps).files
    before = store.open_snapshot(steps)  # a reader: the old snapshot stays while it reads
    try:
        added = build(ARTICLES[20:21], steps)
        after = store.current(steps)
        assert after is not None and after != before.path
        shared = table_files(before.path).keys() & table_files(after).keys()
        assert len(shared) >= 1, "the new snapshot shares the old one's table files"
    finally:
        before.close()
    assert added.documents_added == 1 and not added.files
    assert not (steps / "graph.ttl").exists() and not (steps / "graph.html").exists()
    assert "graph.ttl and graph.html, whole-graph files, are left out" in added.format()
    assert build(ARTICLES[:21], once, fresh=True).files
    reference = read_turtle(once / "graph.ttl")
    assert isomorphic(store.copy_graph(steps), store.copy_graph(once))
    assert isomorphic(load_graph(steps), store.copy_graph(once))  # exports read the store
    again = build(ARTICLES[:1], steps, files="always")  # nothing new; the files written
    assert again.documents_added == 0 and again.files
    assert isomorphic(read_turtle(steps / "graph.ttl"), reference)
    assert (steps / "graph.html").is_file()


@pytest.mark.parametrize(
    "files, before, added, wanted",
    [("auto", 0, 1, True), ("auto", 100, 1, True), ("auto", 101, 1, False),
     ("auto", 1000, 99, False), ("auto", 1000, 100, True), ("always", 1000, 1, True),
     ("never", 0, 5, False)],
)  # fmt: skip
def test_when_a_build_rewrites_the_whole_graph_files(files, before, added, wanted) -> None:
    from kg.pipeline import files_wanted

    assert files_wanted(files, before, added) is wanted
