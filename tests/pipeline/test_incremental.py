"""Articles added to a graph a few at a time, in another order, give the graph one build of
all of them gives: on tests/data/news, whose companies and people recur across articles
under full names and surnames, so the cross-document merges have to agree."""

from __future__ import annotations

import pytest
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS, SKOS

from kg.ontology import ENT, KG
from kg.pipeline import build
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
