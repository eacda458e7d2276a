"""The documents already in a graph, looked up one by one in the build's snapshot
(``kg.intake.Versions``): the same answers the whole-graph read gave, as of the build's
start, whatever this build adds meanwhile."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kg.intake import Intake, Versions
from kg.model import Document, text_sha256
from kg.rdf import graph as kgraph
from kg.rdf.builder import Builder
from kg.summary import BuildSummary
from tests.graphs import result


def document(doc_id: str, text: str, url: str | None = None) -> Document:
    return Document(doc_id, text, f"{doc_id}.txt", url=url)


def add(builder: Builder, doc: Document) -> None:
    builder.add(kgraph.triples(replace(result(), document=doc)))


def test_look_ups_answer_as_the_snapshot_was_when_the_build_began(tmp_path: Path) -> None:
    builder = Builder(tmp_path)
    try:
        assert Versions.read(builder).count == 0
        add(builder, document("a", "First text.", "https://news.example/a"))
        add(builder, document("b", "Second text."))
        versions = Versions.read(builder)
        assert versions.count == 2
        a, b = (str(kgraph.document_iri(x)) for x in "ab")
        assert versions.unchanged(a, text_sha256("First text."))
        assert not versions.unchanged(a, text_sha256("Another text."))
        assert versions.older(a, text_sha256("Another text."), None) == {a}
        assert versions.older(b, text_sha256("Second text."), None) == set()
        c = str(kgraph.document_iri("c"))
        assert not versions.unchanged(c, text_sha256("Third."))
        # another document with a's URL replaces a; one this build adds is no older version
        intake = Intake(BuildSummary(out_dir=tmp_path), versions, keep_going=False, warn=None)
        new = document("c", "Third.", "https://news.example/c")
        assert intake.is_new(new)
        add(builder, new)
        assert versions.older(c, text_sha256("Third."), "https://news.example/a") == {a}
        d = str(kgraph.document_iri("d"))
        assert versions.older(d, text_sha256("Fourth."), "https://news.example/c") == set()
        assert intake.is_new(document("e", "Fifth.", "https://news.example/a"))
        assert intake.replaces == {"e": {a}}
        assert not intake.is_new(document("b", "Second text."))  # in the graph already
        assert intake.summary.known == 1
    finally:
        builder.discard()


def test_documents_given_as_a_set_are_the_whole_truth() -> None:
    versions = Versions(dict.fromkeys(["urn:x"]))
    assert versions.count == 1
    assert versions.unchanged("urn:x", "any digest")  # no digest kept: the same document
    assert versions.older("urn:y", "d", "https://news.example/y") == set()
