"""The HTML page of a graph, checked as text (no browser): data, offline, escaping, limits."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import OWL, RDF, RDFS

from kg.errors import ViewError
from kg.html import DEFAULT_TITLE, render_html, write_html
from kg.ontology import ENT, KG, REL
from tests.html_fixtures import (
    BOLD,
    CHINA,
    DOC_PATH,
    DOC_TITLE,
    DOC_URL,
    EVIL,
    GOODS,
    HOSTILE_ALIAS,
    HOSTILE_LABEL,
    HOSTILE_SENTENCE,
    HOSTILE_TITLE,
    PUTIN,
    QUALIFIERS,
    READING,
    RUSSIA,
    SUPPLIES_SENTENCE,
    VISITS_SENTENCE,
    XSS,
    build_graph,
    expected_counts,
    star_graph,
)


def _dataset(page: str, name: str) -> list[dict]:
    """Every entity (``nodes``) or fact (``edges``) of the page: the JSON array of
    ``var kgAllNodes = …;`` / ``var kgAllEdges = …;`` (the data sets hold the view drawn)."""
    var = {"nodes": "kgAllNodes", "edges": "kgAllEdges"}[name]
    match = re.search(rf"var {var} = (\[.*?\]);\n", page)
    assert match, f"no {var} in the page"
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(build_graph())


@pytest.fixture(scope="module")
def hostile_page() -> str:
    return render_html(build_graph(hostile=True), title=f"News {XSS}")


def test_nodes_carry_labels_types_and_aliases(page: str) -> None:
    nodes = {n["id"]: n for n in _dataset(page, "nodes")}
    assert set(nodes) == {str(PUTIN), str(CHINA), str(GOODS), str(RUSSIA)}
    putin = nodes[str(PUTIN)]
    assert putin["label"] == "Vladimir Putin"
    assert putin["aliases"] == ["Putin", "the Russian leader"]
    assert putin["kgType"] == "person"
    assert "Putin; the Russian leader" in putin["title"]
    # Coloured and shaped by type; the two countries alike, the person different.
    china, russia = nodes[str(CHINA)], nodes[str(RUSSIA)]
    assert (china["shape"], china["color"]) == (russia["shape"], russia["color"])
    assert (putin["shape"], putin["color"]) != (china["shape"], china["color"])
    assert nodes[str(GOODS)]["kgType"] == "commodity"
    # Size grows with degree: Putin has two facts, Russia one.
    assert putin["size"] > russia["size"]


def test_edges_carry_predicate_labels_and_evidence(page: str) -> None:
    edges = {(e["from"], e["label"], e["to"]): e for e in _dataset(page, "edges")}
    assert set(edges) == {
        (str(PUTIN), "visits", str(CHINA)),
        (str(CHINA), "supplies", str(GOODS)),
        (str(PUTIN), "leader of", str(RUSSIA)),
    }
    visits = edges[(str(PUTIN), "visits", str(CHINA))]
    assert visits["arrows"] == "to"
    assert visits["predicate"] == str(KG.visits)
    assert visits["confidence"] == pytest.approx(0.9)
    assert visits["evidenceTotal"] == 2
    assert visits["evidence"][0] == {
        "sentence": VISITS_SENTENCE,
        "doc": DOC_TITLE,
        "url": DOC_URL,
        "path": DOC_PATH,
        "published": "2024-05-16",
        "section": "body",
        "confidence": pytest.approx(0.9),
        "properties": QUALIFIERS,
        "details": READING,
    }
    assert visits["evidence"][1]["section"] == "headline"
    assert visits["evidence"][1]["properties"] == []
    assert visits["evidence"][1]["details"] == [
        ["rule", "svo"],
        ["sentence end", "18"],
        ["sentence start", "0"],
    ]
    assert VISITS_SENTENCE in visits["title"] and DOC_TITLE in visits["title"]
    assert "confidence 0.90" in visits["title"]
    supplies = edges[(str(CHINA), "supplies", str(GOODS))]
    assert supplies["evidence"][0]["sentence"] == SUPPLIES_SENTENCE
    assert supplies["width"] < visits["width"]  # width grows with the best confidence


def test_page_has_network_search_panel_and_legend(page: str) -> None:
    assert "var network = new vis.Network(" in page
    assert 'id="search"' in page and 'id="details"' in page
    assert "setOptions({physics: false})" in page
    assert "stabilizationIterationsDone" in page
    legend = re.search(r'<div id="legend">(.*?)</div>', page, re.S)
    assert legend
    names = re.findall(r'class="type-name">([^<]*)<', legend.group(1))
    assert names == ["Person", "Country", "Commodity"]
    assert f"<title>{DEFAULT_TITLE}</title>" in page
    assert 'id="note"' not in page
    assert "innerHTML" not in page.split("<body>", 1)[1]


def test_vis_network_is_inlined_and_nothing_is_loaded(page: str) -> None:
    assert len(page) > 400_000  # vis-network.min.js is inlined
    assert "<link" not in page
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)
    assert not re.search(
        r"""\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I
    )
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert "@import" not in page
    assert "cdn" not in page.lower()
    assert "sourceMappingURL" not in page
    assert "default-src 'none'" in page  # the CSP forbids any network load


def test_article_text_cannot_break_out(hostile_page: str) -> None:
    assert XSS not in hostile_page
    assert "<script>alert" not in hostile_page
    assert BOLD not in hostile_page
    assert "\u2028" not in hostile_page and "\u2029" not in hostile_page
    # Only the template's two <script> elements (vis-network and kg's own) are ever closed.
    assert len(re.findall(r"</script", hostile_page, re.I)) == 2
    # The title is HTML-escaped where it appears as markup.
    escaped_title = "News &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    assert f"<title>{escaped_title}</title>" in hostile_page
    assert f"<h1>{escaped_title}</h1>" in hostile_page
    # The data still holds the exact strings once parsed.
    nodes = {n["id"]: n for n in _dataset(hostile_page, "nodes")}
    evil = nodes[str(EVIL)]
    assert evil["label"] == HOSTILE_LABEL
    assert evil["aliases"] == [HOSTILE_ALIAS]
    edge = next(e for e in _dataset(hostile_page, "edges") if e["from"] == str(EVIL))
    assert edge["evidence"][0]["sentence"] == HOSTILE_SENTENCE
    assert edge["evidence"][0]["doc"] == HOSTILE_TITLE


def test_counts_match_fixture() -> None:
    for hostile in (False, True):
        page = render_html(build_graph(hostile=hostile))
        assert (len(_dataset(page, "nodes")), len(_dataset(page, "edges"))) == expected_counts(
            hostile=hostile
        )


def test_max_nodes_keeps_best_connected_and_says_what_was_left_out() -> None:
    graph = star_graph(6, chain=4)  # hub: 6 facts; leaves: 1; places: 1, 2, 2, 1
    page = render_html(graph, max_nodes=3)
    ids = [n["id"] for n in _dataset(page, "nodes")]
    assert len(ids) == 3
    assert ids[0] == str(ENT["person/hub"])
    assert set(ids[1:]) == {str(ENT["place/p-001"]), str(ENT["place/p-002"])}
    edges = _dataset(page, "edges")
    assert len(edges) == 1  # only p-001 -> p-002 has both ends kept
    note = re.search(r'<p id="note"[^>]*>(.*?)</p>', page, re.S)
    assert note
    assert "showing the 3 best-connected of 11 entities" in note.group(1)
    assert "Left out: 8 entities and 8 facts" in note.group(1)
    assert 'data-nodes-left-out="8"' in page and 'data-edges-left-out="8"' in page

    untruncated = render_html(graph)
    assert 'id="note"' not in untruncated
    assert len(_dataset(untruncated, "nodes")) == 11


@pytest.mark.parametrize(
    "options, message",
    [
        ({"max_nodes": 0}, "max_nodes must be at least 1"),
        ({"hops": -1}, "hops must be 0 or more"),
        ({"min_confidence": 1.5}, "min_confidence must be within 0 and 1"),
        ({"focus": "Xi Jinping"}, "no entity named 'Xi Jinping'"),
        ({"types": ["person", "planet"]}, "unknown type 'planet' (known: "),
    ],
)
def test_impossible_views_are_one_line_errors(options: dict, message: str) -> None:
    with pytest.raises(ViewError) as caught:
        render_html(build_graph(), **options)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_empty_graph_renders() -> None:
    page = render_html(Graph())
    assert _dataset(page, "nodes") == [] and _dataset(page, "edges") == []
    assert 'id="legend"' not in page


def test_graph_without_ontology_still_has_types_and_labels() -> None:
    page = render_html(build_graph(ontology=False))
    nodes = {n["id"]: n for n in _dataset(page, "nodes")}
    assert nodes[str(CHINA)]["kgType"] == "country"
    assert {e["label"] for e in _dataset(page, "edges")} == {"visits", "supplies", "leader of"}


def test_open_relation_label_and_local_name_fallback() -> None:
    graph = build_graph()
    push = REL["push-onto"]
    graph.add((push, RDF.type, OWL.ObjectProperty))
    graph.add((push, RDF.type, KG.OpenRelation))
    graph.add((push, RDFS.subPropertyOf, KG.relatedTo))
    graph.add((push, RDFS.label, Literal("push onto")))
    graph.add((CHINA, push, RUSSIA))
    graph.add((RUSSIA, REL["trades-with"], CHINA))  # undeclared: local name
    graph.add((CHINA, KG.visits, RUSSIA))  # parallel to push-onto: curved apart
    edges = _dataset(render_html(graph), "edges")
    pair = {str(CHINA), str(RUSSIA)}
    between = {e["label"]: e for e in edges if {e["from"], e["to"]} == pair}
    assert set(between) == {"push onto", "trades with", "visits"}
    assert between["push onto"]["evidence"] == [] and between["push onto"]["confidence"] is None
    # Parallel facts are curved apart; the first of the three stays straight.
    assert sorted(e.get("smooth", {}).get("roundness", 0) for e in between.values()) == [
        0,
        0.25,
        0.5,
    ]


def test_identity_records_are_no_edges() -> None:
    """A surname kept apart (kg:ambiguousWith) and a folded key's redirect (owl:sameAs)
    link entities, but no article says them: the page draws the news facts only."""
    graph = build_graph()
    graph.add((CHINA, KG.ambiguousWith, RUSSIA))
    graph.add((RUSSIA, OWL.sameAs, CHINA))
    labels = {e["label"] for e in _dataset(render_html(graph), "edges")}
    assert labels == {e["label"] for e in _dataset(render_html(build_graph()), "edges")}
    assert "ambiguous with" not in labels and "visits" in labels


def test_most_specific_type_wins() -> None:
    graph = build_graph()
    graph.add((CHINA, RDF.type, KG.Place))  # also a place: Country is more specific
    nodes = {n["id"]: n for n in _dataset(render_html(graph), "nodes")}
    assert nodes[str(CHINA)]["kgType"] == "country"


def test_rendering_is_deterministic(page: str) -> None:
    assert render_html(build_graph()) == page


def test_write_html_writes_atomically(tmp_path: Path) -> None:
    graph = build_graph()
    target = tmp_path / "out" / "graph.html"
    written = write_html(graph, target, title="My graph")
    assert written == target
    assert target.read_text(encoding="utf-8") == render_html(graph, title="My graph")
    assert sorted(p.name for p in target.parent.iterdir()) == ["graph.html"]
    # Overwriting replaces the file whole.
    write_html(graph, str(target), max_nodes=1)
    assert target.read_text(encoding="utf-8") == render_html(graph, max_nodes=1)
    assert sorted(p.name for p in target.parent.iterdir()) == ["graph.html"]


def test_failed_write_keeps_previous_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "graph.html"
    target.write_text("previous", encoding="utf-8")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_html(build_graph(), target)
    assert target.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]  # no temp file left


def _drawn(page: str) -> tuple[set[str], set[tuple[str, str, str]], str]:
    """The node ids, the (from, label, to) edges and the note text of a page."""
    note = re.search(r'<p id="note"[^>]*>(.*?)</p>', page, re.S)
    return (
        {n["id"] for n in _dataset(page, "nodes")},
        {(e["from"], e["label"], e["to"]) for e in _dataset(page, "edges")},
        note.group(1) if note else "",
    )


def test_focus_draws_the_neighbourhood_of_a_name_or_alias() -> None:
    graph = build_graph(hostile=True)
    nodes, edges, note = _drawn(render_html(graph, focus="putin"))
    assert nodes == {str(PUTIN), str(CHINA), str(RUSSIA)}
    assert edges == {
        (str(PUTIN), "visits", str(CHINA)),
        (str(PUTIN), "leader of", str(RUSSIA)),
    }
    assert "within 1 hop of Vladimir Putin" in note
    assert "Left out: 2 entities and 2 facts." in note

    nodes, edges, note = _drawn(render_html(graph, focus="  THE russian   Leader ", hops=2))
    assert nodes == {str(PUTIN), str(CHINA), str(RUSSIA), str(GOODS)}
    assert "within 2 hops of Vladimir Putin" in note
    assert "Left out: 1 entity and 1 fact." in note

    nodes, edges, _ = _drawn(render_html(graph, focus="Vladimir Putin", hops=0))
    assert nodes == {str(PUTIN)} and edges == set()


def test_types_keep_entities_of_a_class_and_its_subclasses() -> None:
    graph = build_graph()
    nodes, edges, note = _drawn(render_html(graph, types=["country"]))
    assert nodes == {str(CHINA), str(RUSSIA)} and edges == set()
    assert "Filter: types country." in note
    nodes, _, _ = _drawn(render_html(graph, types=["Place"]))  # Country is a sub-class
    assert nodes == {str(CHINA), str(RUSSIA)}
    nodes, edges, _ = _drawn(render_html(graph, types=("Person", "COUNTRY")))
    assert nodes == {str(PUTIN), str(CHINA), str(RUSSIA)}
    assert {label for _, label, _ in edges} == {"visits", "leader of"}


def test_min_confidence_keeps_confident_facts_and_their_entities() -> None:
    graph = build_graph(hostile=True)  # visits 0.90, leader of 0.85, supplies 0.75 and 0.5
    nodes, edges, note = _drawn(render_html(graph, min_confidence=0.8))
    assert nodes == {str(PUTIN), str(CHINA), str(RUSSIA)}
    assert {label for _, label, _ in edges} == {"visits", "leader of"}
    assert "confidence ≥ 0.8" in note
    nodes, edges, _ = _drawn(render_html(graph, min_confidence=0.75))
    assert (str(CHINA), "supplies", str(GOODS)) in edges
    assert str(EVIL) not in nodes


def test_focus_ranks_by_distance_before_degree() -> None:
    graph = star_graph(6, chain=4)
    nodes, _, note = _drawn(render_html(graph, focus="hub", hops=3, max_nodes=3))
    assert nodes == {
        str(ENT["person/hub"]),
        str(ENT["country/leaf-000"]),
        str(ENT["country/leaf-001"]),
    }
    assert "showing the 3 closest and best-connected of 11 entities" in note
    # The chain is not connected to the hub: never within reach.
    nodes, _, _ = _drawn(render_html(graph, focus="hub", hops=5))
    assert len(nodes) == 7


def test_evidence_qualifiers_are_listed_as_text(hostile_page: str) -> None:
    edge = next(e for e in _dataset(hostile_page, "edges") if e["label"] == "visits")
    assert ["attribution", "state media <i>said</i>"] in edge["evidence"][0]["properties"]
    assert "<i>said" not in hostile_page  # escaped in the JSON data
    assert '"dd"' in hostile_page and "textContent" in hostile_page


def test_a_denied_claim_is_a_dashed_not_edge() -> None:
    """Negative evidence with no plain triple (the agreed shape of a denial) is drawn."""
    from rdflib.namespace import RDF

    from tests.html_fixtures import DOC_1, _evidence

    graph = build_graph()
    denial = (RUSSIA, KG.supplies, CHINA)
    ev = _evidence(graph, denial, DOC_1, "Russia denied supplying China.", confidence="0.7",
                   section="body", start=400)  # fmt: skip
    graph.add((ev, KG.polarity, Literal("negative")))
    graph.add((ev, KG.modality, Literal("asserted")))
    assert denial not in graph and (ev, RDF.subject, RUSSIA) in graph
    page = render_html(graph)
    edges = {(e["from"], e["to"]): e for e in _dataset(page, "edges")}
    edge = edges[(str(RUSSIA), str(CHINA))]
    assert edge["denied"] is True and edge["dashes"] is True
    assert edge["label"] == "not supplies"
    assert edge["evidence"][0]["sentence"] == "Russia denied supplying China."
    assert ["polarity", "negative"] in edge["evidence"][0]["properties"]
    assert "denied" not in edges[(str(PUTIN), str(CHINA))]
    # A negative sentence beside a plain triple is evidence of an ordinary edge.
    ev = _evidence(graph, (PUTIN, KG.visits, CHINA), DOC_1, "Putin did not visit China.",
                   confidence="0.6", section="body", start=500)  # fmt: skip
    graph.add((ev, KG.polarity, Literal("negative")))
    visits = next(e for e in _dataset(render_html(graph), "edges") if e["label"] == "visits")
    assert "denied" not in visits and visits["evidenceTotal"] == 3
    assert 'id="legend-denied"' in render_html(graph)
    assert 'id="legend-denied"' not in render_html(build_graph())


@pytest.mark.parametrize("hostile", [False, True])
def test_a_graph_in_the_store_draws_the_same_page(tmp_path: Path, hostile: bool) -> None:
    """A graph in kg's Oxigraph store is read by SPARQL (kg.html.read's fast path), one in
    memory by triple patterns: the same triples give the same page. The store reads plain
    literals as text and keeps a language: a shorter name or title in another language
    is still not the one shown."""
    from rdflib.namespace import DCTERMS

    from kg.rdf.graph import open_store, write_store, write_turtle
    from tests.html_fixtures import DOC_1, synthetic_graph

    graph = build_graph(hostile=hostile)
    graph.add((PUTIN, RDFS.label, Literal("WP", lang="de")))
    graph.add((DOC_1, DCTERMS.title, Literal("Titre", lang="fr")))
    assert "WP" not in render_html(graph) and "Titre" not in render_html(graph)
    write_turtle(graph, tmp_path / "graph.ttl")
    write_store(tmp_path / "graph.ttl", tmp_path / "store")
    stored = open_store(tmp_path / "store")
    assert getattr(stored.store, "oxigraph", None) is not None  # the fast path is taken
    assert render_html(stored) == render_html(graph)
    synthetic = synthetic_graph(400)
    write_turtle(synthetic, tmp_path / "synthetic.ttl")
    write_store(tmp_path / "synthetic.ttl", tmp_path / "synthetic")
    assert render_html(open_store(tmp_path / "synthetic")) == render_html(synthetic)


def test_a_fact_only_planned_is_a_dotted_edge_that_says_so() -> None:
    """A fact whose sentences only plan (or suppose, or attempt) it is not drawn as a plain
    fact: dotted, labelled with its modality, counted in the legend."""
    from tests.html_fixtures import DOC_1, _evidence

    graph = build_graph()
    plan = (RUSSIA, KG.supplies, CHINA)
    graph.add(plan)
    ev = _evidence(graph, plan, DOC_1, "Russia will supply China.", confidence="0.7",
                   section="body", start=400)  # fmt: skip
    graph.add((ev, KG.polarity, Literal("positive")))
    graph.add((ev, KG.modality, Literal("plan")))
    page = render_html(graph)
    edges = {(e["from"], e["to"]): e for e in _dataset(page, "edges")}
    edge = edges[(str(RUSSIA), str(CHINA))]
    assert edge["hedged"] == "plan" and edge["label"] == "supplies (plan)"
    assert edge["dashes"] == [3, 5] and "denied" not in edge
    assert 'id="legend-hedged"' in page
    # One sentence stating it makes it a plain fact again.
    ev = _evidence(graph, plan, DOC_1, "Russia supplies China.", confidence="0.6",
                   section="body", start=500)  # fmt: skip
    graph.add((ev, KG.modality, Literal("asserted")))
    edges = {(e["from"], e["to"]): e for e in _dataset(render_html(graph), "edges")}
    assert "hedged" not in edges[(str(RUSSIA), str(CHINA))]
    assert edges[(str(RUSSIA), str(CHINA))]["label"] == "supplies"


def test_entities_without_facts_are_hidden_and_big_pages_open_on_an_overview() -> None:
    """The opening view: isolated entities hidden (no spring holds them), and above
    OVERVIEW_ABOVE entities in facts only the best-connected OVERVIEW are in the view."""
    from kg.html.page import OVERVIEW, OVERVIEW_ABOVE

    nodes = _dataset(render_html(star_graph(10)), "nodes")
    assert all(n["kgView"] for n in nodes)
    graph = build_graph()
    lonely = ENT["concept/lonely"]
    graph.add((lonely, RDF.type, KG.Concept))
    graph.add((lonely, RDFS.label, Literal("lonely")))
    nodes = {n["label"]: n for n in _dataset(render_html(graph), "nodes")}
    assert nodes["lonely"]["isolated"] and nodes["lonely"]["hidden"]
    assert nodes["lonely"]["physics"] is False
    assert not any(n.get("isolated") for label, n in nodes.items() if label != "lonely")

    page = render_html(star_graph(OVERVIEW_ABOVE + 20))
    nodes = _dataset(page, "nodes")
    in_view = [n for n in nodes if n["kgView"]]
    assert len(nodes) == OVERVIEW_ABOVE + 21 and len(in_view) == OVERVIEW
    assert in_view[0]["degree"] == max(n["degree"] for n in nodes)  # the hub is in it
    assert "Overview: the 150 best-connected of 321 entities with facts." in page
    assert all(n["kgView"] for n in _dataset(render_html(star_graph(400), overview=0), "nodes"))
    with pytest.raises(ViewError, match="overview must be 0 or more"):
        render_html(star_graph(3), overview=-1)
