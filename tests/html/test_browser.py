"""The HTML page in real headless Chromium (Debian's /usr/bin/chromium, via Playwright):
small pages and the seed page (the 5,000-entity page is in test_browser_big.py).

Playwright never fetches a browser of its own here: without /usr/bin/chromium or the
playwright package the tests skip, except in CI (``CI=true``) where that is a failure.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.html import write_html
from tests import chromium
from tests.html_fixtures import (
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
    VISITS_SENTENCE,
    XSS,
    build_graph,
    expected_counts,
    star_graph,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium.launch()


def test_page_in_chromium(browser: Any, tmp_path: Path) -> None:
    title = f"kg test graph {XSS}"
    html = write_html(build_graph(hostile=True), tmp_path / "graph.html", title=title)
    page, log = chromium.open_page(browser, html)
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
    page.mouse.click(*chromium.node_point(page, str(PUTIN)))
    kind, text = chromium.details(page)
    assert kind == "node"
    assert chromium.selected(page) == [str(PUTIN)]
    assert page.locator("#details ul.aliases li").all_text_contents() == [
        "Putin",
        "the Russian leader",
    ]
    assert "Vladimir Putin" in text

    # Clicking an edge (at the midpoint of its two nodes) shows its evidence.
    chromium.away(page)
    page.mouse.click(*chromium.edge_point(page, str(PUTIN), str(CHINA)))
    kind, text = chromium.details(page)
    assert kind == "edge", text
    assert VISITS_SENTENCE in text
    assert DOC_TITLE in text and "body" in text and "0.90" in text
    assert page.locator("#details blockquote").count() == 2  # body and headline sentences
    # Every other literal of the evidence node, labelled, as text (markup stays text).
    first = page.locator("#details .evidence").first
    labels = first.locator("dl.properties dt").all_text_contents()
    values = first.locator("dl.properties dd").all_text_contents()
    assert [list(pair) for pair in zip(labels, values, strict=True)] == QUALIFIERS
    assert page.locator("#details i").count() == 0
    # The citation: the title links to the article's URL, then its date; the file below.
    link = first.locator("p.cite a")
    assert link.text_content() == DOC_TITLE and link.get_attribute("href") == DOC_URL
    assert link.get_attribute("rel") == "noopener noreferrer"
    assert (first.locator("p.cite").text_content() or "").endswith(" · 2024-05-16")
    assert DOC_PATH in (first.locator("p.meta").text_content() or "")
    # Offsets and rule are folded under "details", closed until clicked.
    fold = first.locator("details.reading")
    assert fold.get_attribute("open") is None and not fold.locator("dl").is_visible()
    fold.locator("summary").click()
    reading = zip(fold.locator("dt").all_text_contents(), fold.locator("dd").all_text_contents(),
                  strict=True)  # fmt: skip
    assert [list(pair) for pair in reading] == READING

    chromium.away(page)
    chromium.SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(chromium.SCREENSHOT))

    # Hostile article text shows as text: no markup, no script, no dialog.
    page.mouse.click(*chromium.node_point(page, str(EVIL)))
    kind, text = chromium.details(page)
    assert kind == "node"
    assert page.locator("#details h2").text_content() == HOSTILE_LABEL
    assert page.locator("#details ul.aliases li").all_text_contents() == [HOSTILE_ALIAS]
    chromium.away(page)
    page.mouse.click(*chromium.edge_point(page, str(EVIL), str(GOODS)))
    kind, text = chromium.details(page)
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
        assert chromium.selected(page) == [expected], query
        assert page.text_content("#search-status") == "1 of 1"
        assert chromium.details(page)[0] == "node"
    page.fill("#search", "no such entity")
    assert chromium.selected(page) == []
    assert page.text_content("#search-status") == "no match"

    log.check_clean()
    page.close()


def test_filters_in_chromium(browser: Any, tmp_path: Path) -> None:
    """The legend's type boxes and the confidence slider hide entities and facts."""
    html = write_html(build_graph(hostile=True), tmp_path / "graph.html")
    page, log = chromium.open_page(browser, html)

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
    page, log = chromium.open_page(browser, write_html(graph, tmp_path / "denied.html"))
    edge_id = page.evaluate("edges.get({filter: (e) => e.denied})[0].id")
    chromium.away(page)
    page.mouse.click(*chromium.clickable_edge_point(page, edge_id))
    kind, text = chromium.details(page)
    assert kind == "edge"
    assert page.locator("#details h2").text_content() == "Russia — not supplies → China"
    assert (page.locator("#details .summary").first.text_content() or "").startswith("denied ·")
    assert page.locator("#details blockquote").all_text_contents() == ["Russia denied it."]
    assert page.locator("#legend-denied").is_visible()
    log.check_clean()
    page.close()


def test_truncated_graph_in_chromium(browser: Any, tmp_path: Path) -> None:
    html = write_html(star_graph(150, chain=120), tmp_path / "big.html", max_nodes=200)
    page, log = chromium.open_page(browser, html)
    assert page.evaluate("network.body.data.nodes.length") == 200
    note = page.locator("#note")
    assert note.is_visible()
    assert "Left out: 71 entities" in (note.text_content() or "")
    log.check_clean()
    page.close()


def test_empty_graph_in_chromium(browser: Any, tmp_path: Path) -> None:
    from rdflib import Graph

    html = write_html(Graph(), tmp_path / "empty.html")
    page, log = chromium.open_page(browser, html)
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

    page, log = chromium.open_page(browser, seed_out / "graph.html")
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
    assert (
        page.evaluate("network.body.data.edges.length")
        == len(chromium.facts_of(seed_graph)[1])
        > 10
    )

    putin = next(e for e in entities if str(seed_graph.value(e, RDFS.label)) == "Vladimir Putin")
    page.fill("#search", "putin")
    page.keyboard.press("Enter")
    assert chromium.selected(page) == [str(putin)]

    chromium.away(page)
    chromium.click_node(page, str(putin))
    kind, text = chromium.details(page)
    assert kind == "node" and "Vladimir Putin" in text
    assert "Putin" in page.locator("#details ul.aliases li").all_text_contents()
    chromium.SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(chromium.SCREENSHOT.with_name("seed.png")))

    # Click one of Putin's facts where it is drawn: its sentences show.
    chromium.click_a_fact(page, seed_graph, str(putin))
    log.check_clean()
    page.close()
