"""A page an editor can read, in real headless Chromium at 1280×720: labels legible at the
opening zoom, entities without facts hidden until asked for, and a big graph opening on an
overview whose search draws any entity's neighbourhood inside the page.

Screenshots go to test-output/browser/ (seed-open.png, seed-isolated.png,
seed-neighbourhood.png, news900.png, news900-focus.png).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import chromium
from tests.conftest import SEED
from tests.news import write_news

pytestmark = [pytest.mark.browser, pytest.mark.model]

VIEWPORT = (1280, 720)
MIN_LABEL_PX = 12
SHOTS = chromium.SCREENSHOT.parent
#: The articles of the big page: tests/data/news and 12 more rounds made from it, well over
#: a thousand entities.
NEWS_COUNT = 900


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium.launch()


#: A denial between two entities, read with the seed article: the seed's own denial ("has
#: so far refused to allow" wheat exports) has a generic end and is a statement, no edge.
DENIAL = "Beijing has so far refused to supply Russia with weapons, the ministry said.\n"


@pytest.fixture(scope="module")
def seed_denied_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed article and a short article of ours with a denial, built by kg."""
    from kg.pipeline import build

    root = tmp_path_factory.mktemp("seed-denied")
    (root / "denial.txt").write_text(DENIAL, encoding="utf-8")
    build([SEED, root / "denial.txt"], root / "out")
    return root / "out"


@pytest.fixture(scope="module")
def news_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A graph built by kg from 900 news articles (the same every run)."""
    from kg.pipeline import build

    folder = tmp_path_factory.mktemp("news900")
    out = folder / "out"
    summary = build(write_news(folder / "articles", NEWS_COUNT), out)
    assert summary.documents_added == NEWS_COUNT
    return out


def label_px(page: Any) -> tuple[float, float]:
    """Node and edge label heights on screen: vis-network draws a label of font size F at
    F × the view's scale pixels."""
    node, edge = page.evaluate(
        "[network.getScale() * options.nodes.font.size,"
        " network.getScale() * options.edges.font.size]"
    )
    return float(node), float(edge)


def on_screen(page: Any) -> list[str]:
    """The labels of the drawn entities whose centre is inside the canvas."""
    return page.evaluate(
        """(() => {
          const box = document.getElementById("mynetwork").getBoundingClientRect();
          const drawn = nodes.get({filter: (n) => !n.hidden});
          const at = network.getPositions(drawn.map((n) => n.id));
          return drawn.filter((n) => {
            const p = network.canvasToDOM(at[n.id]);
            return p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height;
          }).map((n) => n.label);
        })()"""
    )


def drawn_ids(page: Any) -> set[str]:
    return set(page.evaluate("nodes.get({filter: (n) => !n.hidden}).map((n) => n.id)"))


def wait_for_layout(page: Any) -> None:
    """A neighbourhood view lays itself out; <body data-layout> is set until it is still."""
    page.wait_for_selector("body:not([data-layout])", state="attached", timeout=60_000)


def neighbours(page: Any, node_id: str) -> set[str]:
    """The entity and the entities one fact away, from the page's own data."""
    return set(
        page.evaluate(
            "(id) => [id].concat((kgEdgesOf[id] || []).map((e) => e.from === id ? e.to : e.from))",
            node_id,
        )
    )


def test_seed_page_is_legible_and_hides_entities_without_facts(
    browser: Any, seed_denied_out: Path
) -> None:
    page, log = chromium.open_page(browser, seed_denied_out / "graph.html", viewport=VIEWPORT)
    node_px, edge_px = label_px(page)
    assert node_px >= MIN_LABEL_PX and edge_px >= MIN_LABEL_PX, (node_px, edge_px)
    assert len(on_screen(page)) >= 10  # the opening view shows a legible part, not nothing

    isolated = set(page.evaluate("nodes.get({filter: (n) => n.isolated}).map((n) => n.id)"))
    linked = set(page.evaluate("nodes.get({filter: (n) => !n.isolated}).map((n) => n.id)"))
    assert isolated and linked, "the seed has entities with and without facts"
    assert drawn_ids(page) == linked  # every entity in a fact is drawn, no other
    box = page.locator("#show-isolated")
    assert not box.is_checked()
    assert page.text_content("#filter-status") == ""
    # Honest edges: the denial is "not supplies", the plan "visits (plan)"; a statement
    # with a generic end ("allow" wheat exports) is no edge.
    labels = set(page.evaluate("edges.map((e) => e.label)"))
    assert "not supplies" in labels and "visits (plan)" in labels
    assert not {label for label in labels if label.endswith("allow")}
    page.mouse.move(4, 4)  # off the canvas: no tooltip in the screenshot
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "seed-open.png"))

    box.check()  # the toggle shows them, in rows under the drawing
    assert drawn_ids(page) == linked | isolated
    page.screenshot(path=str(SHOTS / "seed-isolated.png"))
    box.uncheck()
    assert drawn_ids(page) == linked

    # The neighbourhood of an entity, drawn inside the page, legible, and back.
    page.fill("#search", "putin")
    putin = chromium.selected(page)[0]
    page.locator("#details button.neighbourhood").click()
    wait_for_layout(page)
    assert page.locator("#view-bar").is_visible()
    assert drawn_ids(page) == neighbours(page, putin)
    assert chromium.selected(page) == [putin]
    assert min(label_px(page)) >= MIN_LABEL_PX
    page.mouse.move(4, 4)  # off the canvas: no tooltip in the screenshot
    page.screenshot(path=str(SHOTS / "seed-neighbourhood.png"))
    page.click("#view-back")
    assert not page.locator("#view-bar").is_visible()
    assert drawn_ids(page) == linked
    log.check_clean()
    page.close()


@pytest.mark.slow
def test_big_page_opens_on_a_legible_overview_and_search_refocuses(
    browser: Any, news_out: Path
) -> None:
    page, log = chromium.open_page(browser, news_out / "graph.html", viewport=VIEWPORT)
    assert page.evaluate("kgOverview") is True
    total = page.evaluate("kgAllNodes.length")
    # 900 articles: about a thousand entities (generic concepts are no nodes, and one company
    # is one node whatever headline spelling or short form it comes with), three times what
    # turns the overview on
    assert total > 900
    assert page.evaluate("nodes.length") == 150  # the overview: the best-connected 150
    assert page.evaluate("nodes.get({filter: (n) => n.isolated}).length") == 0
    note = page.text_content("#note") or ""
    assert note.startswith("Overview: the 150 best-connected of ")
    node_px, edge_px = label_px(page)
    assert node_px >= MIN_LABEL_PX and edge_px >= MIN_LABEL_PX, (node_px, edge_px)
    assert len(on_screen(page)) >= 10
    page.mouse.move(4, 4)  # off the canvas: no tooltip in the screenshot
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "news900.png"))

    # The best-connected entity outside the overview (since generic concepts are no nodes,
    # the 150 hold every entity with many facts): search finds it, Enter draws it with its
    # neighbours in the page (as `kg viz --focus NAME` would).
    target = page.evaluate(
        """kgAllNodes.filter((n) => !n.kgView && (kgEdgesOf[n.id] || []).length >= 1)
             .map((n) => [-(kgEdgesOf[n.id] || []).length, n])
             .sort((a, b) => a[0] - b[0] || a[1].label.localeCompare(b[1].label))[0][1]"""
    )
    assert len(neighbours(page, target["id"])) >= 2  # the entity and one neighbour at least
    page.fill("#search", target["label"])
    assert (page.text_content("#search-status") or "").startswith("Enter: ")
    page.keyboard.press("Enter")
    wait_for_layout(page)
    assert page.locator("#view-bar").is_visible()
    assert drawn_ids(page) == neighbours(page, target["id"])
    assert chromium.selected(page) == [target["id"]]
    assert min(label_px(page)) >= MIN_LABEL_PX
    assert target["label"] in on_screen(page)
    page.mouse.move(4, 4)  # off the canvas: no tooltip in the screenshot
    page.screenshot(path=str(SHOTS / "news900-focus.png"))

    page.click("#view-back")  # back to the overview as it opened
    assert page.evaluate("nodes.length") == 150
    log.check_clean()
    page.close()
