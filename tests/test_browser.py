"""The HTML page in real headless Chromium (Debian's /usr/bin/chromium, via Playwright).

Playwright never fetches a browser of its own here: without /usr/bin/chromium or the
playwright package the tests skip, except in CI (``CI=true``) where that is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from kg.html import write_html
from tests.html_fixtures import (
    BIG_FACT_SENTENCE,
    CHINA,
    DOC_TITLE,
    EVIL,
    GOODS,
    HOSTILE_ALIAS,
    HOSTILE_LABEL,
    HOSTILE_SENTENCE,
    HOSTILE_TITLE,
    PUTIN,
    QUALIFIERS,
    RUSSIA,
    VISITS_SENTENCE,
    XSS,
    build_graph,
    expected_counts,
    star_graph,
    synthetic_graph,
)

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
SCREENSHOT = REPO / "test-output" / "browser" / "graph.png"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
READY_TIMEOUT_MS = 60_000


def _require(condition: bool, what: str) -> None:
    """Skip without a browser component; in CI (``CI=true``) fail instead."""
    if condition:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is missing in CI")
    pytest.skip(f"{what} is missing")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _require(False, "the playwright package")
    _require(CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK), str(CHROMIUM))
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Log:
    """What the page did: every request, console errors, uncaught errors, dialogs."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def check_clean(self) -> None:
        remote = [url for url in self.requests if not url.startswith(("file:", "data:"))]
        assert remote == [], f"the page made network requests: {remote}"
        assert not any(url.startswith(("http:", "https:")) for url in self.requests)
        assert self.errors == [], f"console errors: {self.errors}"
        assert self.dialogs == [], f"dialogs opened: {self.dialogs}"


def _open(browser: Any, html: Path) -> tuple[Any, Log]:
    """Open a page file, recording its activity, and wait until its layout settled."""
    page = browser.new_page(viewport={"width": 1400, "height": 860})
    log = Log()
    page.on("request", lambda request: log.requests.append(request.url))
    page.on(
        "console",
        lambda message: log.errors.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: log.errors.append(f"pageerror: {error}"))

    def on_dialog(dialog: Any) -> None:
        log.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(html.as_uri())
    # The template marks <body data-ready="true"> on stabilizationIterationsDone. (A selector,
    # not wait_for_function: the page's CSP forbids the eval() that string predicates use.)
    page.wait_for_selector("body[data-ready='true']", state="attached", timeout=READY_TIMEOUT_MS)
    assert page.evaluate("typeof window.network") == "object"
    assert page.evaluate("window.kgReady") is True
    assert page.evaluate("network.physics.options.enabled") is False
    return page, log


def _node_point(page: Any, node_id: str) -> tuple[float, float]:
    """A node's centre in page coordinates."""
    x, y = page.evaluate(
        """(id) => {
            const dom = network.canvasToDOM(network.getPositions([id])[id]);
            const box = document.querySelector("#mynetwork canvas").getBoundingClientRect();
            return [box.left + dom.x, box.top + dom.y];
        }""",
        node_id,
    )
    return float(x), float(y)


def _settled_point(page: Any, node_id: str, tries: int = 50) -> tuple[float, float]:
    """A node's centre once the view stopped moving (search focuses with an animation: the
    page marks <body data-moving> until vis-network reports it finished)."""
    page.wait_for_selector("body:not([data-moving])", state="attached", timeout=READY_TIMEOUT_MS)
    point = _node_point(page, node_id)
    for _ in range(tries):
        page.wait_for_timeout(100)
        again = _node_point(page, node_id)
        if abs(again[0] - point[0]) < 0.5 and abs(again[1] - point[1]) < 0.5:
            return again
        point = again
    raise AssertionError(f"node {node_id} kept moving on screen")


def _edge_point(page: Any, source: str, target: str) -> tuple[float, float]:
    """The midpoint of a straight edge in page coordinates."""
    (x1, y1), (x2, y2) = _node_point(page, source), _node_point(page, target)
    return (x1 + x2) / 2, (y1 + y2) / 2


def _details(page: Any) -> tuple[str, str]:
    """The side panel's kind (node/edge/none) and its text."""
    kind = page.get_attribute("#details", "data-kind") or ""
    return kind, page.eval_on_selector("#details", "el => el.textContent")


def _selected(page: Any) -> list[str]:
    return list(page.evaluate("network.getSelectedNodes()"))


def _away(page: Any) -> None:
    """Move the mouse off the graph (no hover tooltip)."""
    page.mouse.move(5, 5)


def test_page_in_chromium(browser: Any, tmp_path: Path) -> None:
    title = f"kg test graph {XSS}"
    html = write_html(build_graph(hostile=True), tmp_path / "graph.html", title=title)
    page, log = _open(browser, html)
    assert page.title() == title  # a title with <script> shows as text
    assert page.locator("h1").text_content() == title

    # The data sets hold every entity and fact of the fixture.
    nodes, edges = expected_counts(hostile=True)
    assert page.evaluate("network.body.data.nodes.length") == nodes
    assert page.evaluate("network.body.data.edges.length") == edges
    assert page.evaluate("nodes.length") == nodes and page.evaluate("edges.length") == edges
    assert page.locator("#legend").is_visible()
    assert page.locator("#note").count() == 0

    # Clicking a node shows its aliases in the side panel.
    page.mouse.click(*_node_point(page, str(PUTIN)))
    kind, text = _details(page)
    assert kind == "node"
    assert _selected(page) == [str(PUTIN)]
    assert page.locator("#details ul.aliases li").all_text_contents() == [
        "Putin",
        "the Russian leader",
    ]
    assert "Vladimir Putin" in text

    # Clicking an edge (at the midpoint of its two nodes) shows its evidence.
    _away(page)
    page.mouse.click(*_edge_point(page, str(PUTIN), str(CHINA)))
    kind, text = _details(page)
    assert kind == "edge", text
    assert VISITS_SENTENCE in text
    assert DOC_TITLE in text and "body" in text and "0.90" in text
    assert page.locator("#details blockquote").count() == 2  # body and headline sentences
    # Every other literal of the evidence node, labelled, as text (markup stays text).
    first = page.locator("#details .evidence").first
    labels = first.locator("dt").all_text_contents()
    values = first.locator("dd").all_text_contents()
    assert [list(pair) for pair in zip(labels, values, strict=True)] == QUALIFIERS
    assert page.locator("#details i").count() == 0

    _away(page)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))

    # Hostile article text shows as text: no markup, no script, no dialog.
    page.mouse.click(*_node_point(page, str(EVIL)))
    kind, text = _details(page)
    assert kind == "node"
    assert page.locator("#details h2").text_content() == HOSTILE_LABEL
    assert page.locator("#details ul.aliases li").all_text_contents() == [HOSTILE_ALIAS]
    _away(page)
    page.mouse.click(*_edge_point(page, str(EVIL), str(GOODS)))
    kind, text = _details(page)
    assert kind == "edge", text
    assert page.locator("#details blockquote").text_content() == HOSTILE_SENTENCE
    assert HOSTILE_TITLE in text
    assert page.evaluate("document.querySelectorAll('#details *:is(b, script)').length") == 0
    assert page.evaluate("document.scripts.length") == 2
    assert page.evaluate("document.querySelectorAll('body b').length") == 0

    # The search box selects and focuses a node by label or alias, case-insensitively.
    for query, expected in [
        ("vladimir", str(PUTIN)),
        ("RUSSIAN LEADER", str(PUTIN)),
        ("consumer", str(GOODS)),
        ("chin", str(CHINA)),
    ]:
        page.fill("#search", query)
        assert _selected(page) == [expected], query
        assert page.text_content("#search-status") == "1 of 1"
        assert _details(page)[0] == "node"
    page.fill("#search", "no such entity")
    assert _selected(page) == []
    assert page.text_content("#search-status") == "no match"

    log.check_clean()
    page.close()


def test_filters_in_chromium(browser: Any, tmp_path: Path) -> None:
    """The legend's type boxes and the confidence slider hide entities and facts."""
    html = write_html(build_graph(hostile=True), tmp_path / "graph.html")
    page, log = _open(browser, html)

    def shown() -> tuple[set[str], int]:
        ids = page.evaluate("nodes.get({filter: (n) => !n.hidden}).map((n) => n.id)")
        return set(ids), page.evaluate("edges.get({filter: (e) => !e.hidden}).length")

    everything = {str(PUTIN), str(CHINA), str(GOODS), str(RUSSIA), str(EVIL)}
    assert shown() == (everything, 4)
    page.get_by_role("checkbox", name="Country").uncheck()
    assert shown() == ({str(PUTIN), str(GOODS), str(EVIL)}, 1)  # only Evil Corp -> goods
    assert page.text_content("#filter-status") == "showing 3 of 5 entities, 1 of 4 facts"
    page.fill("#search", "china")  # a hidden entity is not found
    assert page.text_content("#search-status") == "no match"
    page.get_by_role("checkbox", name="Country").check()
    assert shown() == (everything, 4)
    assert page.text_content("#filter-status") == ""

    # Confidence 0.80 with the keyboard: visits 0.90 and leader of 0.85 stay.
    page.focus("#min-confidence")
    page.keyboard.press("End")  # 1.00, then four steps of 0.05 down
    for _ in range(4):
        page.keyboard.press("ArrowLeft")
    assert page.text_content("#min-confidence-value") == "0.80"
    assert shown() == ({str(PUTIN), str(CHINA), str(RUSSIA)}, 2)
    log.check_clean()
    page.close()


def test_denied_fact_in_chromium(browser: Any, tmp_path: Path) -> None:
    """A denial (negative evidence, no plain triple) is a dashed edge whose panel says so."""
    from rdflib import Literal

    from kg.ontology import KG
    from tests.html_fixtures import DOC_1, _evidence

    graph = build_graph()
    ev = _evidence(graph, (RUSSIA, KG.supplies, CHINA), DOC_1, "Russia denied it.",
                   confidence="0.7", section="body", start=400)  # fmt: skip
    graph.add((ev, KG.polarity, Literal("negative")))
    page, log = _open(browser, write_html(graph, tmp_path / "denied.html"))
    edge_id = page.evaluate("edges.get({filter: (e) => e.denied})[0].id")
    _away(page)
    page.mouse.click(*_clickable_edge_point(page, edge_id))
    kind, text = _details(page)
    assert kind == "edge"
    assert page.locator("#details h2").text_content() == "Russia — not supplies → China"
    assert (page.locator("#details .summary").first.text_content() or "").startswith("denied ·")
    assert page.locator("#details blockquote").all_text_contents() == ["Russia denied it."]
    assert page.locator("#legend-denied").is_visible()
    log.check_clean()
    page.close()


def test_truncated_graph_in_chromium(browser: Any, tmp_path: Path) -> None:
    html = write_html(star_graph(150, chain=120), tmp_path / "big.html", max_nodes=200)
    page, log = _open(browser, html)
    assert page.evaluate("network.body.data.nodes.length") == 200
    note = page.locator("#note")
    assert note.is_visible()
    assert "Left out: 71 entities" in (note.text_content() or "")
    log.check_clean()
    page.close()


def test_empty_graph_in_chromium(browser: Any, tmp_path: Path) -> None:
    from rdflib import Graph

    html = write_html(Graph(), tmp_path / "empty.html")
    page, log = _open(browser, html)
    assert page.evaluate("network.body.data.nodes.length") == 0
    page.fill("#search", "anything")
    assert page.text_content("#search-status") == "no match"
    log.check_clean()
    page.close()


@pytest.mark.model
def test_seed_page_in_chromium(browser: Any, seed_out: Path, seed_graph: Any) -> None:
    """The page `kg build` writes for the seed: offline, complete, searchable, clickable."""
    from rdflib.namespace import RDF, RDFS

    from kg.ontology import KG

    page, log = _open(browser, seed_out / "graph.html")
    entity_types = {
        KG.Person,
        KG.Organization,
        KG.Place,
        KG.Country,
        KG.Product,
        KG.Commodity,
        KG.Infrastructure,
        KG.Event,
        KG.Group,
        KG.Concept,
    }
    entities = {s for t in entity_types for s in seed_graph.subjects(RDF.type, t)}
    assert page.evaluate("network.body.data.nodes.length") == len(entities)
    assert page.evaluate("network.body.data.edges.length") == len(_facts_of(seed_graph)[1]) > 10

    putin = next(e for e in entities if str(seed_graph.value(e, RDFS.label)) == "Vladimir Putin")
    page.fill("#search", "putin")
    page.keyboard.press("Enter")
    assert _selected(page) == [str(putin)]

    _away(page)
    page.mouse.click(*_settled_point(page, str(putin)))
    kind, text = _details(page)
    assert kind == "node" and "Vladimir Putin" in text
    assert "Putin" in page.locator("#details ul.aliases li").all_text_contents()
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT.with_name("seed.png")))

    # Click one of Putin's facts where it is drawn: its sentences show.
    _click_a_fact(page, seed_graph, str(putin))
    log.check_clean()
    page.close()


def _facts_of(graph: Any) -> tuple[set[Any], dict[tuple[str, str, str], float]]:
    """Entities and facts (with their best evidence confidence) read straight from a graph."""
    from rdflib.namespace import RDF, RDFS

    from kg.ontology import KG

    classes = set(graph.transitive_subjects(RDFS.subClassOf, KG.Entity))
    entities = {s for c in classes for s in graph.subjects(RDF.type, c)}
    facts = {
        (str(s), str(p), str(o)): -1.0
        for s in entities
        for p, o in graph.predicate_objects(s)
        if p != RDF.type and o in entities
    }
    for ev in graph.subjects(RDF.type, KG.Evidence):
        key = (
            str(graph.value(ev, RDF.subject)),
            str(graph.value(ev, RDF.predicate)),
            str(graph.value(ev, RDF.object)),
        )
        if key in facts:
            facts[key] = max(facts[key], float(graph.value(ev, KG.confidence)))
    return entities, facts


def _free_edge_point(page: Any, edge_id: str) -> tuple[float, float] | None:
    """A whole-pixel point on an edge, in page coordinates, that vis-network's hit test gives
    to that edge (no node is drawn there), with no other straight edge within 1.5 pixels.
    The view is centred on the edge (no animation) with nothing selected, then points along
    it are tried; a point must pass twice 200 ms apart (so the view is known to be still)."""
    page.evaluate("network.unselectAll()")
    find = """([id, f, move]) => {
        const edge = edges.get(id);
        const pos = network.getPositions();
        const a = pos[edge.from], b = pos[edge.to];
        const on = {x: a.x + f * (b.x - a.x), y: a.y + f * (b.y - a.y)};
        if (move) { network.moveTo({position: on, scale: 2.5, animation: false}); }
        // The page point in whole pixels (what the mouse gets), and the same in the canvas.
        const box = document.querySelector("#mynetwork canvas").getBoundingClientRect();
        const raw = network.canvasToDOM(on);
        const page = [Math.round(box.left + raw.x), Math.round(box.top + raw.y)];
        const dom = {x: page[0] - box.left, y: page[1] - box.top};
        const at = network.DOMtoCanvas(dom);
        if (network.getNodeAt(dom) !== undefined || network.getEdgeAt(dom) !== id) {
            return null;
        }
        const clear = 1.5 / network.getScale();
        function distance(p, q) {  // from the point to the segment p-q
            const dx = q.x - p.x, dy = q.y - p.y, len = dx * dx + dy * dy;
            const along = ((at.x - p.x) * dx + (at.y - p.y) * dy) / (len || 1);
            const t = Math.max(0, Math.min(1, along));
            return Math.hypot(at.x - p.x - t * dx, at.y - p.y - t * dy);
        }
        let free = true;
        edges.forEach((other) => {
            // Curved (parallel) edges leave the straight line: vis-network's own hit test
            // above tells them apart.
            const near = !other.smooth && distance(pos[other.from], pos[other.to]) < clear;
            if (free && other.id !== id && near) {
                free = false;
            }
        });
        return free ? page : null;
    }"""
    for fraction in sorted((f / 20 for f in range(2, 19)), key=lambda f: abs(f - 0.5)):
        point = page.evaluate(find, [edge_id, fraction, True])
        if point is None:
            continue
        page.wait_for_timeout(200)
        if page.evaluate(find, [edge_id, fraction, False]) == point:
            page.mouse.move(point[0], point[1])  # hover first: what a user does
            return float(point[0]), float(point[1])
    return None


def _click_a_fact(page: Any, graph: Any, entity: str, prefer: str = "") -> dict:
    """Click, where it is drawn, a straight edge of ``entity`` (the one to ``prefer`` first,
    then in page order, the first with a free point on screen), check that the panel shows
    exactly the sentences of that fact's evidence in ``graph``, and return the edge."""
    from rdflib import URIRef
    from rdflib.namespace import RDF

    from kg.ontology import KG

    candidates = page.evaluate(
        """(id) => edges.get({filter: (e) => (e.from === id || e.to === id) && !e.smooth})""",
        entity,
    )
    candidates.sort(key=lambda e: (e["to"] != prefer, int(e["id"][1:])))
    _away(page)
    for edge in candidates[:40]:
        point = _free_edge_point(page, edge["id"])
        if point is not None:
            break
    else:
        raise AssertionError(f"no fact of {entity} has a free point on screen")
    said = {
        str(graph.value(ev, KG.sentence))
        for ev in graph.subjects(RDF.subject, URIRef(edge["from"]))
        if str(graph.value(ev, RDF.predicate)) == edge["predicate"]
        and str(graph.value(ev, RDF.object)) == edge["to"]
    }
    page.mouse.click(*point)
    kind, _ = _details(page)
    assert kind == "edge" and page.get_attribute("#details", "data-id") == edge["id"]
    shown = page.locator("#details blockquote").all_text_contents()
    assert shown and set(shown) == said
    return dict(edge)


def _clickable_edge_point(page: Any, edge_id: str) -> tuple[float, float]:
    point = _free_edge_point(page, edge_id)
    assert point is not None, f"no free point on edge {edge_id}"
    return point


@pytest.mark.slow
def test_five_thousand_nodes_in_chromium(browser: Any, tmp_path: Path) -> None:
    """A kg-shaped page of 5,000 entities: complete, searchable, clickable, filterable."""
    graph = synthetic_graph(5000)
    entities, facts = _facts_of(graph)
    html = write_html(graph, tmp_path / "big.html", max_nodes=5000)
    page, log = _open(browser, html)

    assert page.evaluate("network.body.data.nodes.length") == len(entities) == 5000
    assert page.evaluate("network.body.data.edges.length") == len(facts) > 7000
    assert page.locator("#note").count() == 0

    # Search by alias, then click the entity where it is drawn.
    page.fill("#search", "PUTIN")
    assert _selected(page) == [str(PUTIN)]
    _away(page)
    _settled_point(page, str(PUTIN))
    page.mouse.click(*_visible_node_point(page, str(PUTIN)))
    kind, text = _details(page)
    assert kind == "node" and page.get_attribute("#details", "data-id") == str(PUTIN)
    assert page.locator("#details ul.aliases li").all_text_contents() == ["Putin"]

    # Click one of Putin's facts where it is drawn (Putin -> China unless other entities
    # crowd it out): its sentences show.
    edge = _click_a_fact(page, graph, str(PUTIN), prefer=str(CHINA))
    if edge["to"] == str(CHINA):
        shown = page.locator("#details blockquote").all_text_contents()
        assert shown == [BIG_FACT_SENTENCE] and "confidence 0.95" in _details(page)[1]

    # The confidence slider at 0.80 leaves exactly the facts that confident.
    page.focus("#min-confidence")
    page.keyboard.press("End")  # 1.00, then four steps of 0.05 down
    for _ in range(4):
        page.keyboard.press("ArrowLeft")
    confident = [key for key, best in facts.items() if best >= 0.8 - 1e-9]
    linked = {key[0] for key in confident} | {key[2] for key in confident}
    assert page.text_content("#filter-status") == (
        f"showing {len(linked)} of 5000 entities, {len(confident)} of {len(facts)} facts"
    )
    page.evaluate("network.fit()")
    page.mouse.move(*_canvas_corner(page))  # off every node and edge: no tooltip
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT.with_name("big.png")))
    log.check_clean()
    page.close()


def _visible_node_point(page: Any, node_id: str) -> tuple[float, float]:
    """A point of a node's shape that no other node covers, in page coordinates (in a
    crowded graph a neighbour can be drawn over part of it): its centre if free, else the
    nearest free point on rings around it."""
    point = page.evaluate(
        """(id) => {
            const centre = network.canvasToDOM(network.getPositions([id])[id]);
            const radius = 0.7 * nodes.get(id).size * network.getScale();
            const box = document.querySelector("#mynetwork canvas").getBoundingClientRect();
            for (let ring = 0; ring <= 4; ring++) {
                for (let step = 0; step < (ring ? 12 : 1); step++) {
                    const angle = step * Math.PI / 6, r = radius * ring / 4;
                    const x = centre.x + r * Math.cos(angle), y = centre.y + r * Math.sin(angle);
                    if (network.getNodeAt({x, y}) === id) { return [box.left + x, box.top + y]; }
                }
            }
            return null;
        }""",
        node_id,
    )
    assert point is not None, f"node {node_id} is hidden under others"
    return float(point[0]), float(point[1])


def _canvas_corner(page: Any) -> tuple[float, float]:
    """A point just inside the canvas' top left corner (nothing is drawn there after fit)."""
    left, top = page.evaluate(
        """() => {
            const box = document.querySelector("#mynetwork canvas").getBoundingClientRect();
            return [box.left, box.top];
        }"""
    )
    return float(left) + 3, float(top) + 3
