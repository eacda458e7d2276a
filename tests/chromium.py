"""Helpers for the browser tests: Debian's Chromium through Playwright, and ways to read
and click the kg page as a user would (real mouse events at the positions vis-network
draws things).

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


def require(condition: bool, what: str) -> None:
    """Skip without a browser component; in CI (``CI=true``) fail instead."""
    if condition:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is missing in CI")
    pytest.skip(f"{what} is missing")


def launch() -> Iterator[Any]:
    """Debian's Chromium, headless, through Playwright (yielded; closed afterwards). Test
    modules wrap it in their own ``browser`` fixture."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "the playwright package")
    require(CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK), str(CHROMIUM))
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


def open_page(
    browser: Any, html: Path, viewport: tuple[int, int] = (1400, 860)
) -> tuple[Any, Log]:
    """Open a page file, recording its activity, and wait until its layout settled."""
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
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


def node_point(page: Any, node_id: str) -> tuple[float, float]:
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


def settled_point(page: Any, node_id: str, tries: int = 50) -> tuple[float, float]:
    """A node's centre once the view stopped moving (search focuses with an animation: the
    page marks <body data-moving> until vis-network reports it finished)."""
    page.wait_for_selector("body:not([data-moving])", state="attached", timeout=READY_TIMEOUT_MS)
    point = node_point(page, node_id)
    for _ in range(tries):
        page.wait_for_timeout(100)
        again = node_point(page, node_id)
        if abs(again[0] - point[0]) < 0.5 and abs(again[1] - point[1]) < 0.5:
            return again
        point = again
    raise AssertionError(f"node {node_id} kept moving on screen")


def edge_point(page: Any, source: str, target: str) -> tuple[float, float]:
    """The midpoint of a straight edge in page coordinates."""
    (x1, y1), (x2, y2) = node_point(page, source), node_point(page, target)
    return (x1 + x2) / 2, (y1 + y2) / 2


def details(page: Any) -> tuple[str, str]:
    """The side panel's kind (node/edge/none) and its text."""
    kind = page.get_attribute("#details", "data-kind") or ""
    return kind, page.eval_on_selector("#details", "el => el.textContent")


def selected(page: Any) -> list[str]:
    return list(page.evaluate("network.getSelectedNodes()"))


def away(page: Any) -> None:
    """Move the mouse off the graph (no hover tooltip)."""
    page.mouse.move(5, 5)


def facts_of(graph: Any) -> tuple[set[Any], dict[tuple[str, str, str], float]]:
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
        confidence = float(graph.value(ev, KG.confidence))
        if key in facts:
            facts[key] = max(facts[key], confidence)
        elif str(graph.value(ev, KG.polarity)) == "negative" and all(
            graph.value(ev, term) in entities for term in (RDF.subject, RDF.object)
        ):  # a denied claim: no plain triple, drawn as a dashed "not …" edge
            facts[key] = max(facts.get(key, -1.0), confidence)
    return entities, facts


def free_edge_point(page: Any, edge_id: str) -> tuple[float, float] | None:
    """A whole-pixel point on an edge, in page coordinates, that vis-network's hit test gives
    to that edge (no node is drawn there), with no other straight edge within 1.5 pixels.
    The view is centred on the edge (no animation) with nothing selected, then points along
    it are tried. Click at once: the point holds for the view it was computed in."""
    page.evaluate("network.unselectAll()")
    find = """([id, f]) => {
        const edge = edges.get(id);
        const pos = network.getPositions();
        const a = pos[edge.from], b = pos[edge.to];
        const on = {x: a.x + f * (b.x - a.x), y: a.y + f * (b.y - a.y)};
        network.moveTo({position: on, scale: 2.5, animation: false});
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
        point = page.evaluate(find, [edge_id, fraction])
        if point is not None:
            return float(point[0]), float(point[1])
    return None


def click_a_fact(page: Any, graph: Any, entity: str, prefer: str = "") -> dict:
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
    # On a loaded machine the view can still be settling: look again, click again.
    for _ in range(3):
        page.wait_for_selector("body:not([data-moving])", state="attached")
        away(page)
        found = None
        for edge in candidates[:40]:
            point = free_edge_point(page, edge["id"])
            if point is not None:
                found = edge, point
                break
        if found is not None:
            page.mouse.click(*found[1])
            if page.get_attribute("#details", "data-id") == found[0]["id"]:
                break
        page.wait_for_timeout(500)
    assert found is not None, f"no fact of {entity} has a free point on screen"
    edge = found[0]
    said = {
        str(graph.value(ev, KG.sentence))
        for ev in graph.subjects(RDF.subject, URIRef(edge["from"]))
        if str(graph.value(ev, RDF.predicate)) == edge["predicate"]
        and str(graph.value(ev, RDF.object)) == edge["to"]
    }
    kind, _ = details(page)
    assert kind == "edge" and page.get_attribute("#details", "data-id") == edge["id"]
    shown = page.locator("#details blockquote").all_text_contents()
    assert shown and set(shown) == said
    return dict(edge)


def clickable_edge_point(page: Any, edge_id: str) -> tuple[float, float]:
    point = free_edge_point(page, edge_id)
    assert point is not None, f"no free point on edge {edge_id}"
    return point


def click_node(page: Any, node_id: str) -> None:
    """Click a node where it is drawn (a part no other node covers) once the view is still;
    on a loaded machine the view can still be settling, so look again and click again."""
    for _ in range(3):
        settled_point(page, node_id)
        page.mouse.click(*visible_node_point(page, node_id))
        if page.get_attribute("#details", "data-id") == node_id:
            break
        page.wait_for_timeout(500)
    assert details(page)[0] == "node" and page.get_attribute("#details", "data-id") == node_id


def visible_node_point(page: Any, node_id: str) -> tuple[float, float]:
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


def canvas_corner(page: Any) -> tuple[float, float]:
    """A point just inside the canvas' top left corner (nothing is drawn there after fit)."""
    left, top = page.evaluate(
        """() => {
            const box = document.querySelector("#mynetwork canvas").getBoundingClientRect();
            return [box.left, box.top];
        }"""
    )
    return float(left) + 3, float(top) + 3
