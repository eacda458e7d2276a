"""``kg remove`` and re-adding a changed article: the graph is then the one a build that
never saw the removed (or earlier) text makes, in graph.ttl and in the store, folds, types
and labels that rested on it undone. Real builds of tests/data/news articles and of short
JSONL records; the removals through the real ``kg remove`` process and the Python API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import OWL, RDF

from kg.errors import NotFoundError
from kg.ontology import DOC, ENT, KG
from kg.pipeline import build
from kg.rdf import store
from kg.rdf.graph import read_turtle, validate
from kg.remove import remove_documents
from tests.news import ARTICLES, NEWS
from tests.processes import kg, snapshot, triples

pytestmark = [pytest.mark.model]

#: 029 names "Alhaji Musa Bello" (typed a place there) and "Bello"; 050 names him as a
#: person: with both, the tie of votes makes him a Person and "Bello" folds into him.
#: 021-023 name Margaret Holloway, 023 also "Holloway"; 031, 032 Susan Delgado.
PICKED = ["029", "050", "021", "022", "023", "031", "032"]


def article(name: str) -> Path:
    return NEWS / f"{name}.txt"


def same(one: Graph, other: Graph) -> bool:
    if isomorphic(one, other):
        return True
    _, left, right = graph_diff(to_isomorphic(one), to_isomorphic(other))
    print("only in the first:", sorted(left)[:20], "\nonly in the second:", sorted(right)[:20])
    return False


def stored(out: Path) -> Graph:
    """The data and the ontology of OUT's current store snapshot."""
    return store.copy_graph(out)


def document_id(out: Path, path: Path) -> str:
    graph = read_turtle(out / "graph.ttl", ontology=False)
    (doc,) = graph.subjects(KG.path, Literal(str(path)))
    return str(doc).removeprefix(str(DOC))


def test_kg_remove_by_path_and_id_equals_a_build_without_them(tmp_path: Path) -> None:
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    build([article(n) for n in PICKED], out, fresh=True)
    before = read_turtle(out / "graph.ttl")
    bello, musa = ENT["bello"], ENT["alhaji-musa-bello"]
    assert (bello, OWL.sameAs, musa) in before
    assert set(before.objects(musa, RDF.type)) == {KG.Person}
    done = kg("remove", article("050"), document_id(out, article("023")), "-o", out)
    assert done.returncode == 0, done.stderr
    assert "2 removed, 5 in graph" in done.stdout
    build([article(n) for n in PICKED if n not in ("050", "023")], fresh, fresh=True)
    after, expected = read_turtle(out / "graph.ttl"), read_turtle(fresh / "graph.ttl")
    assert same(after, expected)
    assert same(stored(out), stored(fresh))
    # the fold 050's vote made is undone, and the type it tipped goes back to the majority
    assert (bello, OWL.sameAs, None) not in after
    assert set(after.objects(musa, RDF.type)) == {KG.Place}
    assert set(after.objects(bello, RDF.type)) == {KG.Person}
    assert (ENT["holloway"], None, None) not in after  # 023 was the only to name it so
    ok, report = validate(after)
    assert ok, report


@pytest.mark.slow
def test_removing_ten_of_the_news_articles_equals_building_the_others(tmp_path: Path) -> None:
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    build([NEWS], out, fresh=True)
    gone = ARTICLES[::5]
    summary = remove_documents(out, [str(p) for p in gone])
    assert summary.documents_removed == len(gone) == 10
    kept = [p for p in sorted(NEWS.iterdir()) if p not in gone]
    build(kept, fresh, fresh=True)
    assert same(read_turtle(out / "graph.ttl"), read_turtle(fresh / "graph.ttl"))
    assert triples(out) == triples(fresh)
    # and the documents come back as they were
    build(gone, out)
    build([NEWS], fresh, fresh=True)
    assert same(read_turtle(out / "graph.ttl"), read_turtle(fresh / "graph.ttl"))


def test_unknown_document_is_one_line_and_changes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([article("029"), article("050")], out, fresh=True)
    before, count = snapshot(out), triples(out)
    done = kg("remove", article("029"), "no-such-document", "-o", out)
    assert done.returncode == 3
    assert done.stderr.strip().splitlines() == [
        f"error: no-such-document: no document with this id, path or URL in {out}"]
    assert snapshot(out) == before and triples(out) == count
    assert sorted(p.name for p in (out / "snapshots").iterdir() if not p.name.endswith(
        ".lease")) == [store.current(out).name]  # the unpublished snapshot is gone
    missing = kg("remove", "x", "-o", tmp_path / "nothing")
    assert missing.returncode == 1
    assert missing.stderr.strip() == (f"error: {tmp_path / 'nothing'}: no graph here; run "
                                      "`kg build` first")


def records(path: Path, *rows: dict[str, str]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def text(name: str) -> str:
    return article(name).read_text(encoding="utf-8")


def test_a_changed_article_replaces_its_earlier_version(tmp_path: Path, monkeypatch) -> None:
    """The same id with another text, and the same URL under another id: the earlier
    version's facts go; the graph is the one a build of the current versions makes."""
    steps, once = tmp_path / "steps", tmp_path / "once"
    steps.mkdir(), once.mkdir()
    first = {"id": "a", "text": text("029")}
    second = {"id": "b", "text": text("050"), "url": "https://news.example/b"}
    changed = {"id": "b", "text": text("032"), "url": "https://news.example/b"}
    moved = {"id": "c", "text": text("031"), "url": "https://news.example/b"}
    monkeypatch.chdir(steps)
    build([records(Path("v1.jsonl"), first, second)], "out", fresh=True)
    summary = build([records(Path("v2.jsonl"), changed)], "out")
    assert (summary.documents_added, summary.replaced) == (1, 1)
    assert "1 of them replacing an earlier version" in summary.format()
    monkeypatch.chdir(once)
    build([records(Path("v1.jsonl"), first), records(Path("v2.jsonl"), changed)], "out",
          fresh=True)  # fmt: skip
    assert same(read_turtle(steps / "out/graph.ttl"), read_turtle(once / "out/graph.ttl"))
    assert (ENT["bello"], OWL.sameAs, None) not in read_turtle(steps / "out/graph.ttl")
    # the same text again is no new version: skipped
    monkeypatch.chdir(steps)
    again = build([Path("v2.jsonl")], "out")
    assert (again.documents_added, again.known, again.replaced) == (0, 1, 0)
    # another id with the URL of a document in the graph replaces it
    build([records(Path("v3.jsonl"), moved)], "out")
    monkeypatch.chdir(once)
    build([Path("v1.jsonl"), records(Path("v3.jsonl"), moved)], "out", fresh=True)
    assert same(read_turtle(steps / "out/graph.ttl"), read_turtle(once / "out/graph.ttl"))


def test_remove_by_url_and_by_jsonl_file_and_from_python(tmp_path: Path) -> None:
    import kg as kg_package

    out = tmp_path / "out"
    feed = records(tmp_path / "feed.jsonl",
                   {"id": "a", "text": text("029"), "url": "https://news.example/a"},
                   {"id": "b", "text": text("050")})  # fmt: skip
    graph = kg_package.KnowledgeGraph.from_texts([feed, article("031")], out, fresh=True)
    assert graph.summary is not None and graph.summary.documents_in_graph == 3
    summary = graph.remove("https://news.example/a")
    assert (summary.documents_removed, summary.documents_in_graph) == (1, 2)
    assert len(graph.query("SELECT ?d WHERE { ?d a kg:Document }")) == 2  # the new snapshot
    assert graph.remove(str(feed)).documents_in_graph == 1  # its other record
    with pytest.raises(NotFoundError, match="no document with this id, path or URL"):
        graph.remove("a")
    done = kg("remove", str(article("031")), "-o", out, "-q")
    assert done.returncode == 0 and done.stdout == "", done.stderr
    graph.close()  # the snapshot read until now; the next query reads the current one
    assert len(graph.query("SELECT ?d WHERE { ?d a kg:Document }")) == 0


def test_remove_by_folder_and_by_a_path_written_another_way(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = Path("folder")
    (folder / "deeper").mkdir(parents=True)
    for name, where in (("029", folder), ("050", folder / "deeper"), ("031", Path("."))):
        (where / f"{name}.txt").write_text(text(name), encoding="utf-8")
    build([folder, Path("031.txt")], "out", fresh=True)
    summary = remove_documents("out", [str((tmp_path / folder / "029.txt").resolve())])
    assert (summary.documents_removed, summary.documents_in_graph) == (1, 2)
    summary = remove_documents("out", ["./folder/"])  # what is left under it
    assert (summary.documents_removed, summary.documents_in_graph) == (1, 1)
    build([Path("031.txt")], "fresh", fresh=True)
    assert same(read_turtle(Path("out/graph.ttl")), read_turtle(Path("fresh/graph.ttl")))
