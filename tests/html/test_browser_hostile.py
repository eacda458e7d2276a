"""Hostile article text, through the real ``kg build`` and ``kg viz``, in real headless Chromium:
the page runs none of it, fetches nothing, logs no error, and shows it as plain text.

The article is the one of test_robustness (a ``<script>`` title, an ``<img onerror>`` in the
body, Cypher and SPARQL fragments, quotes, backslashes, a right-to-left mark, NUL, BEL).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDFS

from kg.ontology import KG
from kg.rdf.graph import read_turtle
from tests import chromium
from tests.graphs import HOSTILE_BODY, HOSTILE_TITLE
from tests.processes import kg

pytestmark = [pytest.mark.browser, pytest.mark.model]

#: The sentence of the visit, as ingest keeps it (NUL became U+FFFD, the rest verbatim).
VISIT = HOSTILE_BODY.split("\n\n")[0].replace("\0", "\ufffd")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium.launch()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Graph]:
    """OUT built by the real command line from one hostile JSONL article, and its graph."""
    folder = tmp_path_factory.mktemp("hostile-page")
    source = folder / "hostile.jsonl"
    record = {"id": "h1", "title": HOSTILE_TITLE, "text": HOSTILE_BODY}
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    out = folder / "out"
    done = kg("build", source, "-o", out, "-q")
    assert done.returncode == 0, done.stderr
    graph = read_turtle(out / "graph.ttl")
    assert VISIT in {str(s).strip() for s in graph.objects(None, KG.sentence)}
    return out, graph


def check_hostile_page(page: Any, log: chromium.Log, graph: Graph) -> None:
    putin = next(graph.subjects(RDFS.label, Literal("Vladimir Putin")))
    china = next(graph.subjects(RDFS.label, Literal("China")))
    # Click the visit where it is drawn; the panel must hold exactly the graph's sentences.
    edge = chromium.click_a_fact(page, graph, str(putin), prefer=str(china))
    assert edge["to"] == str(china), edge
    quotes = page.locator("#details blockquote").all_text_contents()
    # the <img onerror=…> tag, quotes, backslash, RLM and U+FFFD, all as text
    assert VISIT in [quote.strip() for quote in quotes]
    _, text = chromium.details(page)
    assert HOSTILE_TITLE in text  # the document's title, <script> and all, as text
    # Nothing of it became markup or ran.
    assert page.evaluate("document.querySelectorAll('#details *:is(img, script)').length") == 0
    assert page.evaluate("document.querySelectorAll('body img').length") == 0
    assert page.evaluate("document.scripts.length") == 2  # vis-network and the page's own
    assert page.evaluate("typeof window.pwned") == "undefined"
    log.check_clean()  # no request off file:, no console error, no dialog


def test_hostile_article_in_the_built_page(browser: Any, hostile: tuple[Path, Graph]) -> None:
    out, graph = hostile
    page, log = chromium.open_page(browser, out / "graph.html")
    try:
        check_hostile_page(page, log, graph)
    finally:
        page.close()


def test_hostile_article_in_a_viz_page(
    browser: Any, hostile: tuple[Path, Graph], tmp_path: Path
) -> None:
    out, graph = hostile
    view = tmp_path / "view.html"
    done = kg("viz", "-g", out, "-o", view, "--focus", "Putin")
    assert done.returncode == 0, done.stderr
    page, log = chromium.open_page(browser, view)
    try:
        check_hostile_page(page, log, graph)
    finally:
        page.close()
