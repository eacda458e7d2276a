"""Merge records and the cross-document step: same graph whatever the order of documents."""

from __future__ import annotations

import itertools

import pytest
from rdflib import Literal
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS, SKOS

from kg.extract import Extraction
from kg.merges import consolidate
from kg.model import Document, Mention
from kg.ontology import ENT, KG
from kg.rdf.graph import add_result, new_graph, validate
from kg.resolve import resolve
from tests.graphs import consolidated


def result(doc_id: str, *names: tuple[str, str]):
    text = " ".join(n for n, _ in names) + "."
    mentions, start = [], 0
    for name, type_ in names:
        mentions.append(Mention(doc_id, name, start, start + len(name), type_))
        start += len(name) + 1
    return resolve(Document(doc_id, text, f"{doc_id}.txt"), Extraction(tuple(mentions), ()))


RESULTS = [
    result("a", ("Chrysler Corp", "Organization"), ("U.S.", "Country")),
    result("b", ("Chrysler Corporation", "Organization"), ("United States", "Country")),
    result("c", ("CHRYSLER", "Organization"), ("Kremlin", "Organization")),
    result("d", ("Russia", "Country"), ("Fed", "Organization")),
    result("e", ("WESTERN DIGITAL", "Organization")),
    result("f", ("WESTERN DIGITAL CORP", "Organization")),
    result("g", ("Western Digital Corp", "Organization")),
]


def test_one_node_per_entity_across_documents_with_its_names_and_reasons():
    graph = new_graph()
    for r in RESULTS:
        add_result(graph, r)
    consolidate(graph)
    chrysler = ENT["chrysler"]
    assert list(graph.objects(chrysler, RDFS.label)) == [Literal("Chrysler Corporation")]
    assert set(map(str, graph.objects(chrysler, SKOS.altLabel))) == {"Chrysler Corp"}
    digital = ENT["western-digital"]
    assert list(graph.objects(digital, RDFS.label)) == [Literal("Western Digital Corp")]
    assert not list(graph.objects(digital, SKOS.altLabel))  # capitals are case variants
    us = ENT["united-states"]
    assert set(map(str, graph.objects(us, SKOS.altLabel))) == {"U.S."}
    reasons = {
        (str(graph.value(m, KG.alias)), str(graph.value(m, KG.mergeReason)))
        for m in graph.subjects(KG.mergedInto, chrysler)
    }
    assert reasons == {("Chrysler Corp", "same-key")}
    # The Kremlin is linked to Russia, not merged into it.
    assert (ENT["kremlin"], KG.institutionOf, ENT["russia"]) in graph
    ok, report = validate(graph)
    assert ok, report


@pytest.mark.slow
def test_any_order_and_any_split_gives_the_same_graph():
    build = consolidated
    reference = build([RESULTS])
    for i, order in enumerate(itertools.permutations(RESULTS)):
        if i % 30:  # 5,040 orders; every thirtieth keeps the test fast and still mixes all
            continue
        assert isomorphic(build([order[:1], order[1:3], order[3:]]), reference)
        assert isomorphic(build([[r] for r in order]), reference)
    # The order that demotes capitals before the mixed-case name arrives, and its reverse.
    assert isomorphic(build([[RESULTS[5]], [RESULTS[4]], RESULTS[:4] + [RESULTS[6]]]), reference)
    assert isomorphic(build([[r] for r in reversed(RESULTS)]), reference)
    # Partial graphs built apart (workers), each consolidated, then unioned and consolidated.
    for cut in (1, 3, 5):
        union = build([RESULTS[:cut]]) + build([RESULTS[cut:]])
        consolidate(union)
        assert isomorphic(union, reference)
    again = build([RESULTS, RESULTS[:2]])  # re-adding changes nothing
    assert isomorphic(again, reference)


@pytest.mark.parametrize("seed", [4, 5, 6])
def test_judged_duplicate_sample_is_kept_and_scored(capsys, seed):
    import csv
    import importlib.util

    from tests.conftest import REPO

    path = REPO / "tests" / "data" / f"duplicates-seed{seed}-judged.tsv"
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()[1:], delimiter="\t"))
    judged = [r for r in rows if r["same"] in {"y", "n"}]
    assert len(judged) >= 100
    assert {r["stratum"] for r in judged} == {"merged", "apart"}
    assert not any(len(r["context_a"]) > 20 for r in rows)  # no article text in the repo
    spec = importlib.util.spec_from_file_location("duplicates", REPO / "bench" / "duplicates.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.main(["score", str(path)]) == 0
    out = capsys.readouterr().out
    merged = [r for r in judged if r["stratum"] == "merged"]
    precision = sum(r["same"] == "y" for r in merged) / len(merged)
    assert f"merge precision: {precision:.3f}" in out
