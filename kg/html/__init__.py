"""The interactive HTML page of a kg graph: pyvis data in kg's own offline template.

The page is one self-contained file: vis-network is inlined from the copy inside the pyvis
package, there is no CDN, no Bootstrap and no other resource loaded over the network, and a
Content-Security-Policy forbids any. Every string taken from an article (names, aliases,
sentences, titles) reaches the browser only as JSON data inside a ``<script>`` (with ``<``,
``>``, ``&``, U+2028 and U+2029 escaped) or as auto-escaped HTML text, and the page shows it
with ``textContent`` or as vis-network's plain-text tooltips, never as HTML.

The modules, in the order a page is made:

- ``read``: entities, classes, facts and evidence (with every literal it carries) read
  from the graph with indexed triple patterns;
- ``select``: filters (types, confidence), the focus neighbourhood and the ranked cut to
  ``max_nodes``, with a note on what was left out;
- ``style``: per-type styles, tooltips, vis-network options (a bounded layout);
- ``page``: the node and edge data, the Jinja template (``kg/templates/graph.*``) and the
  atomic write.

Typical use::

    from kg.html import write_html
    write_html(graph, "out/graph.html")
    write_html(graph, "putin.html", focus="Putin", hops=2, min_confidence=0.5)
"""

from kg.html.page import DEFAULT_TITLE, render_html, write_html
from kg.html.select import View

__all__ = ["DEFAULT_TITLE", "View", "render_html", "write_html"]
