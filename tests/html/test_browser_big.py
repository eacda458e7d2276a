"""A 5,000-entity page in real headless Chromium: complete, searchable, clickable,
filterable (the figure for how fast it becomes interactive is bench/viz.py's)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.html import write_html
from tests import chromium
from tests.html_fixtures import BIG_FACT_SENTENCE, CHINA, PUTIN, synthetic_graph

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium.launch()


@pytest.mark.slow
def test_five_thousand_nodes_in_chromium(browser: Any, tmp_path: Path) -> None:
    """A kg-shaped page of 5,000 entities: complete, searchable, clickable, filterable."""
    graph = synthetic_graph(5000)
    entities, facts = chromium.facts_of(graph)
    html = write_html(graph, tmp_path / "big.html", max_nodes=5000, overview=0)  # all drawn
    page, log = chromium.open_page(browser, html)

    assert page.evaluate("network.body.data.nodes.length") == len(entities) == 5000
    assert page.evaluate("network.body.data.edges.length") == len(facts) > 7000
    assert page.locator("#note").count() == 0

    # Search by alias, then click the entity where it is drawn.
    page.fill("#search", "PUTIN")
    assert chromium.selected(page) == [str(PUTIN)]
    chromium.away(page)
    chromium.click_node(page, str(PUTIN))
    kind, text = chromium.details(page)
    assert kind == "node" and page.get_attribute("#details", "data-id") == str(PUTIN)
    assert page.locator("#details ul.aliases li").all_text_contents() == ["Putin"]

    # Click one of Putin's facts where it is drawn (Putin -> China unless other entities
    # crowd it out): its sentences show.
    edge = chromium.click_a_fact(page, graph, str(PUTIN), prefer=str(CHINA))
    if edge["to"] == str(CHINA):
        shown = page.locator("#details blockquote").all_text_contents()
        assert shown == [BIG_FACT_SENTENCE] and "confidence 0.95" in chromium.details(page)[1]

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
    page.mouse.move(*chromium.canvas_corner(page))  # off every node and edge: no tooltip
    chromium.SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(chromium.SCREENSHOT.with_name("big.png")))
    log.check_clean()
    page.close()
