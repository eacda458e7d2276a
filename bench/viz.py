"""How fast the HTML page of a big graph becomes interactive in headless Chromium.

Builds a kg-shaped synthetic graph (``tests/html_fixtures.synthetic_graph``: entities of
every type, facts by preferential attachment, evidence with documents), renders it with
``kg.html.write_html`` without truncation, opens the page in Debian's Chromium
(``/usr/bin/chromium``, driven by Playwright; no downloaded browser) and reports:

- ``render``: seconds to render and write the page in Python;
- ``ready``: milliseconds from navigation start until the layout ended and physics was
  switched off (the page's ``kgTimings.ready``), and the wall-clock seconds until
  ``body[data-ready]`` appeared as seen from Playwright;
- ``phases``: when the data was parsed and the network built (since navigation start);
- ``drawn``: milliseconds until the first frame after that;
- ``redraw``: the median time of a full redraw afterwards (what a pan or zoom costs).

It saves a screenshot and prints one line per figure. Run it on a quiet machine::

    .venv/bin/python bench/viz.py                      # 5,000 entities
    .venv/bin/python bench/viz.py --entities 2000 --screenshot test-output/bench/viz-2k.png
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entities", type=int, default=5000)
    parser.add_argument("--page", default=str(REPO / "test-output" / "bench" / "viz.html"))
    parser.add_argument(
        "--screenshot", default=str(REPO / "test-output" / "bench" / "viz-5000.png")
    )
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from kg.html import write_html
    from tests.html_fixtures import synthetic_graph

    started = time.perf_counter()
    graph = synthetic_graph(args.entities)
    built = time.perf_counter()
    page_path = write_html(graph, args.page, max_nodes=args.entities, title="kg viz bench")
    rendered = time.perf_counter()
    size_mb = Path(page_path).stat().st_size / 1e6
    print(
        f"graph:   {args.entities:,} entities, {len(graph):,} triples "
        f"({built - started:.1f} s to build)"
    )
    print(f"render:  {rendered - built:.2f} s, page {size_mb:.1f} MB -> {page_path}")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 860})
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        opened = time.perf_counter()
        page.goto(Path(page_path).resolve().as_uri(), timeout=args.timeout * 1000)
        page.wait_for_selector(
            "body[data-ready='true']", state="attached", timeout=args.timeout * 1000
        )
        wall = time.perf_counter() - opened
        page.wait_for_timeout(500)  # let the first frame after the layout land
        figures = page.evaluate(
            """() => {
                const times = [];
                for (let i = 0; i < 5; i++) {
                    const t = performance.now();
                    network.redraw();
                    times.push(performance.now() - t);
                }
                return {
                    nodes: network.body.data.nodes.length,
                    edges: network.body.data.edges.length,
                    physics: network.physics.options.enabled,
                    iterations: options.physics.stabilization.iterations,
                    ran: kgTimings.iterations,
                    budget: kgLayoutBudget,
                    data: kgTimings.data,
                    network: kgTimings.network,
                    ready: kgTimings.ready,
                    drawn: kgTimings.drawn,
                    redraws: times,
                };
            }"""
        )
        Path(args.screenshot).parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=args.screenshot)
        browser.close()

    remote = [url for url in requests if not url.startswith(("file:", "data:"))]
    print(f"page:    {figures['nodes']:,} nodes, {figures['edges']:,} edges drawn")
    print(
        f"layout:  {figures['ran']} of {figures['iterations']} iterations within the "
        f"{figures['budget'] / 1000:g} s budget; physics on after: {figures['physics']}"
    )
    print(
        f"ready:   {figures['ready'] / 1000:.2f} s after navigation start "
        f"(physics stopped); {wall:.2f} s wall clock from goto to data-ready"
    )
    print(
        f"phases:  data parsed {figures['data'] / 1000:.2f} s, network built "
        f"{figures['network'] / 1000:.2f} s, layout done {figures['ready'] / 1000:.2f} s"
    )
    drawn = figures["drawn"]
    print("drawn:   " + (f"{drawn / 1000:.2f} s" if drawn is not None else "no frame seen"))
    print(f"redraw:  {statistics.median(figures['redraws']):.0f} ms median of 5")
    print(f"network: {len(remote)} requests off the page; console errors: {len(errors)}")
    print(f"shot:    {args.screenshot}")
    ok = not figures["physics"] and not remote and not errors
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
