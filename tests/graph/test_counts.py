"""The summary's counts kept by delta (``kg.rdf.counts``) are the counts of the graph: after
builds that add, replace and remove documents, what the store keeps equals a count of it
by SPARQL (and that of a graph built at once from the same articles), and a build's
summary reports it."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.ontology import COUNTS_GRAPH, KG
from kg.pipeline import build
from kg.rdf import counts, store
from kg.remove import remove_documents
from tests.news import ARTICLES

pytestmark = [pytest.mark.model, pytest.mark.slow]


def kept_and_counted(out: Path) -> tuple[counts.Counts | None, counts.Counts]:
    snapshot = store.current(out)
    assert snapshot is not None
    raw = ox.Store.read_only(str(snapshot))
    try:
        return counts.read(raw), counts.recount(raw)
    finally:
        del raw


def feed(path: Path, *articles: tuple[str, Path | str]) -> Path:
    """A JSONL file of articles under the ids given (a path's text, or a text)."""
    rows = [{"id": id_, "text": a.read_text(encoding="utf-8") if isinstance(a, Path) else a}
            for id_, a in articles]  # fmt: skip
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_counts_kept_by_delta_equal_a_recount(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(ARTICLES[:12], out, fresh=True)
    kept, counted = kept_and_counted(out)
    assert kept == counted  # a fresh build counts once and keeps it
    for batch in (ARTICLES[12:20], ARTICLES[20:21], ARTICLES[30:38]):
        summary = build(batch, out, files="never")
        kept, counted = kept_and_counted(out)
        assert kept == counted
        assert summary.documents_in_graph == counted.documents
        assert summary.facts == sum(counted.facts.values()) > 0
        assert summary.evidence == counted.evidence > 0
        assert sum(summary.entities_by_type.values()) == sum(counted.types.values())
    # a changed article under the same id replaces its earlier version
    first = feed(tmp_path / "v1.jsonl", ("a", ARTICLES[40]), ("b", ARTICLES[41]))
    build([first], out, files="never")
    changed = feed(tmp_path / "v2.jsonl", ("b", ARTICLES[42]))
    assert build([changed], out, files="never").replaced == 1
    kept, counted = kept_and_counted(out)
    assert kept == counted
    removed = remove_documents(out, [str(f) for f in ARTICLES[12:20]])
    kept, counted = kept_and_counted(out)
    assert kept == counted
    assert removed.documents_in_graph == counted.documents == 23
    # the same numbers as a graph built at once from the articles left
    once = tmp_path / "once"
    left = [*ARTICLES[:12], ARTICLES[20], *ARTICLES[30:38]]
    build([*left, feed(tmp_path / "v3.jsonl", ("a", ARTICLES[40]), ("b", ARTICLES[42]))],
          once, fresh=True)  # fmt: skip
    assert kept_and_counted(once)[1] == counted


def test_counts_of_another_version_are_made_again(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(ARTICLES[:3], out, fresh=True)
    raw = ox.Store(str(store.current(out)))
    name = ox.NamedNode(str(COUNTS_GRAPH))
    raw.clear_graph(name)
    record = ox.NamedNode(str(KG.counts))
    stale = {"version": "0:older", "triples": 1, "evidence": 1, "documents": 1000,
             "types": {}, "facts": {}}  # fmt: skip
    raw.add(ox.Quad(record, record, ox.Literal(json.dumps(stale)), name))
    raw.flush()
    del raw
    summary = build(ARTICLES[3:4], out)
    assert summary.documents_in_graph == 4
    assert kept_and_counted(out)[0] == kept_and_counted(out)[1]
