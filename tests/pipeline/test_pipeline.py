"""The whole pipeline on the seed article: the design card's triples, evidence, stability."""

from __future__ import annotations

import shutil

import pytest
from rdflib import Literal
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS

from kg.errors import GraphError, InputError
from kg.ontology import KG, PREFIX_IRIS
from kg.pipeline import build
from kg.rdf.graph import read_turtle, validate
from tests.conftest import SEED, SEEDS

pytestmark = pytest.mark.model

CARD = """
SELECT ?sentence ?plabel WHERE {
  ?s rdfs:label ?sl . ?o rdfs:label ?ol . ?p rdfs:label ?plabel .
  ?s ?p ?o .
  ?ev rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:sentence ?sentence .
  FILTER (?sl = ?subject && ?ol = ?object && ?p = ?predicate)
}
"""


@pytest.mark.parametrize(
    ("subject", "predicate", "obj", "label", "words"),
    [
        ("Vladimir Putin", KG.visits, "China", "visits", "travel to China"),
        ("China", KG.supplies, "consumer goods", "supplies", "China supplies Russia"),
        ("Power of Siberia-2", KG.proposedTo, "China", "proposed to", "push onto China"),
    ],
)
def test_design_card_triples_with_evidence(seed_graph, subject, predicate, obj, label, words):
    rows = list(
        seed_graph.query(
            CARD,
            initNs=PREFIX_IRIS,
            initBindings={
                "subject": Literal(subject),
                "object": Literal(obj),
                "predicate": predicate,
            },
        )
    )
    assert rows, f"missing ({subject}, {label}, {obj})"
    sentence, plabel = rows[0]
    assert str(plabel) == label
    assert words in str(sentence)


def test_one_node_per_person_with_aliases(seed_graph):
    people = {
        str(seed_graph.value(e, RDFS.label)) for e in seed_graph.subjects(RDF.type, KG.Person)
    }
    assert people == {"Vladimir Putin", "Xi Jinping", "Guo Jiakun"}


CHROME = (
    "category",
    "latest news",
    "min read",
    "authors",
    "see all",
    "help us",
    "your support",
    "algorithm",
    "getty images",
)


def test_no_entity_from_chrome_or_a_misread_headline(seed_graph):
    labels = {str(o).lower() for o in seed_graph.objects(None, RDFS.label)}
    labels |= {str(o).lower() for o in seed_graph.objects(None, KG.subjectText)}
    labels |= {str(o).lower() for o in seed_graph.objects(None, KG.objectText)}
    sentences = {str(o).lower() for o in seed_graph.objects(None, KG.sentence)}
    for chrome in CHROME:
        assert not any(chrome in text for text in labels | sentences), chrome
    # Title case in the headline must not turn ordinary words into names.
    for misread in ("sell off", "resources during", "war machine", "relies mostly"):
        assert not any(misread in label for label in labels), misread


def test_seed_graph_conforms_to_shapes(seed_graph):
    ok, report = validate(seed_graph)
    assert ok, report


def test_building_twice_gives_isomorphic_graphs(seed_out, tmp_path):
    again = tmp_path / "again"
    build([SEEDS], again)
    assert isomorphic(read_turtle(seed_out / "graph.ttl"), read_turtle(again / "graph.ttl"))
    assert (again / "graph.html").stat().st_size > 10_000
    assert (again / "store").is_dir()


def test_adding_the_same_article_changes_nothing_and_fresh_starts_over(tmp_path):
    out = tmp_path / "out"
    build([SEEDS], out)
    first = read_turtle(out / "graph.ttl")
    copy = tmp_path / "elsewhere.txt"
    shutil.copy(SEED, copy)
    summary = build([copy], out)
    assert summary.documents_read == 1 and summary.documents_added == 0
    assert isomorphic(first, read_turtle(out / "graph.ttl"))
    other = tmp_path / "other.txt"
    other.write_text("Angela Merkel visited France on Monday.\n", encoding="utf-8")
    summary = build([other], out)
    assert summary.documents_added == 1 and summary.documents_in_graph == 2
    grown = read_turtle(out / "graph.ttl")
    assert len(grown) > len(first)
    assert all(t in grown for t in first)
    summary = build([other], out, fresh=True)
    assert summary.documents_in_graph == 1


def test_failed_build_leaves_previous_graph_untouched(tmp_path):
    out = tmp_path / "out"
    build([SEEDS], out)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "1", "text": "Fine."}\n{not json\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        build([SEEDS, bad], out, fresh=True)
    assert "bad.jsonl:2" in str(info.value)
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == before
    assert not list(out.glob(".staging-*"))


def test_second_writer_fails_fast(tmp_path):
    import fcntl

    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".kg.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(GraphError, match="another kg build"):
            build([SEEDS], out)
