"""The page itself: the selected entities and facts as pyvis data in kg's own template."""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from rdflib import Graph

from kg import atomic
from kg.html import style
from kg.html.layout import initial_positions
from kg.html.read import GraphData, local_name, read_graph
from kg.html.select import Selection, View, describe, select

DEFAULT_TITLE = "kg — knowledge graph"

#: The vis-network build shipped inside pyvis 0.3.2, inlined into every page.
_VIS_JS = ("templates", "lib", "vis-9.1.2", "vis-network.min.js")
_TEMPLATE = "graph.html"
#: At most this many evidence sentences per edge are stored in the page (the rest counted).
_MAX_EVIDENCE = 50


def _escape_script_json(text: str) -> Markup:
    """Make JSON text safe inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` can only occur inside JSON strings, where their ``\\uXXXX`` escapes
    mean the same; U+2028 and U+2029 are escaped too. So ``</script>`` or ``<!--`` in an
    article can never end the script.
    """
    escaped = (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
    return Markup(escaped)


def _script_json(value: object) -> Markup:
    """Serialise a value as JSON that is safe inside an HTML ``<script>`` element."""
    return _escape_script_json(json.dumps(value, ensure_ascii=False, allow_nan=False))


@cache
def _vis_js() -> Markup:
    """The vis-network JavaScript shipped with pyvis, checked to be safe to inline."""
    import pyvis

    path = Path(pyvis.__file__).resolve().parent.joinpath(*_VIS_JS)
    code = path.read_text(encoding="utf-8")
    # The source-map comment names a file the page does not have: drop it.
    code = re.sub(r"\n//# sourceMappingURL=\S*\s*$", "\n", code)
    if "</script" in code.lower() or "<!--" in code:
        raise RuntimeError(f"{path} cannot be inlined in a <script> element")
    return Markup(code)


def _environment(page: dict[str, Any]) -> jinja2.Environment:
    """A fresh Jinja environment for one page: kg's templates, auto-escaping on, the JSON
    filters, and ``kg`` (this page's extra values) as a global.

    One environment per render, so concurrent renders never share mutable globals.
    """
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("kg", "templates"),
        autoescape=jinja2.select_autoescape(["html"], default_for_string=True, default=True),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["script_json"] = _script_json
    env.filters["script_json_text"] = lambda text: _escape_script_json(str(text))
    env.globals["kg"] = page
    return env


def _nodes(data: GraphData, selection: Selection, styles: dict[str, style.Style]) -> list[dict]:
    nodes = []
    for entity in selection.entities:
        shape = styles[entity.type_iri]
        type_label = data.class_names.get(entity.type_iri) or local_name(entity.type_iri)
        aliases = sorted(entity.aliases - {entity.label}, key=lambda a: (a.casefold(), a))
        nodes.append(
            {
                "id": entity.iri,
                "label": entity.label,
                "shape": shape.shape,
                "color": {
                    "background": shape.color,
                    "border": style.darker(shape.color),
                    "highlight": {"background": shape.color, "border": "#1f2328"},
                    "hover": {"background": shape.color, "border": "#1f2328"},
                },
                "size": style.node_size(entity.degree),
                "title": style.node_title(entity, type_label, aliases),
                "aliases": aliases,
                "kgType": type_label,
                "typeIri": entity.type_iri,
                "degree": entity.degree,
            }
        )
    return nodes


def _edges(data: GraphData, selection: Selection) -> list[dict]:
    evidence = data.evidence(selection.facts)
    edges = []
    pair_count: Counter[frozenset[str]] = Counter()
    for index, key in enumerate(selection.facts):
        s, p, o = key
        items = evidence.get(key, [])
        known = [e.confidence for e in items if e.confidence is not None]
        best = max(known) if known else None
        label = data.facts[key]
        source, target = data.entities[s].label, data.entities[o].label
        edge: dict[str, Any] = {
            "id": f"e{index}",
            "from": s,
            "to": o,
            "arrows": "to",
            "label": label,
            "title": style.edge_title(source, label, target, items, best),
            "width": round(1 + 3 * (best if best is not None else 0.3), 2),
            "predicate": p,
            "confidence": best,
            "evidence": [item.as_json() for item in items[:_MAX_EVIDENCE]],
            "evidenceTotal": len(items),
        }
        if key in data.denied:  # said not to hold: dashed and red, "not ..."
            edge["denied"] = True
            edge["label"] = f"not {label}"
            edge["title"] = "Denied: " + edge["title"]
            edge["dashes"] = True
            edge["color"] = {"color": "#cf222e", "highlight": "#a40e26", "hover": "#a40e26"}
        pair = frozenset((s, o))
        nth = pair_count[pair]
        pair_count[pair] += 1
        if nth:  # parallel facts between the same two entities: curve them apart
            edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.25 * nth}
        edges.append(edge)
    return edges


def _legend(data: GraphData, selection: Selection, styles: dict[str, style.Style]) -> list[dict]:
    counts = Counter(e.type_iri for e in selection.entities)
    return [
        {
            "iri": iri,
            "label": style.capitalised(data.class_names.get(iri) or local_name(iri)),
            "shape": styles[iri].shape,
            "color": styles[iri].color,
            "count": counts[iri],
        }
        for iri in styles
        if iri in counts
    ]


def render_html(
    graph: Graph,
    *,
    title: str = DEFAULT_TITLE,
    max_nodes: int = 2000,
    focus: str | None = None,
    hops: int = 1,
    types: tuple[str, ...] | list[str] = (),
    min_confidence: float = 0.0,
) -> str:
    """Render a kg graph as one self-contained, offline, interactive HTML page.

    One node per entity (an IRI typed with kg:Entity or a sub-class), labelled with its
    ``rdfs:label``, coloured and shaped by type, sized by degree; one directed edge per fact
    between two entities, labelled with the predicate's ``rdfs:label`` and carrying its
    evidence (shown in the tooltip and, on click, in the side panel).

    Args:
        graph: A kg graph (entities, facts, evidence, documents), ideally with the ontology
            merged in so that classes and predicates have labels.
        title: The page title and heading (escaped like all other text).
        max_nodes: The most entities to draw; above it, the best-connected (or, with a
            focus, the closest) are kept and the page says what was left out.
        focus: Draw only the neighbourhood of the entities with this name or alias (any case).
        hops: The size of the focus neighbourhood, in facts followed either way.
        types: Draw only entities of these classes (labels or local names, any case;
            sub-classes included: ``place`` keeps countries).
        min_confidence: Draw only facts with evidence at least this confident, and only
            entities in such a fact.

    Returns:
        The HTML page as a string.

    Raises:
        ViewError: For an unknown focus entity or type, or a limit out of range.
    """
    view = View(focus, hops, tuple(types), min_confidence, max_nodes)
    view.check()
    from pyvis.network import Network  # heavy (imports IPython): only when rendering

    data = read_graph(graph, list(style.STYLES))
    selection = select(data, view)
    styles = style.styles_for({e.type_iri for e in selection.entities})

    net = Network(
        height="100%", width="100%", directed=True, heading=title, cdn_resources="in_line"
    )
    # pyvis' add_node/add_edge check ids against lists (quadratic): fill its data directly.
    net.nodes = _nodes(data, selection, styles)
    net.node_ids = [node["id"] for node in net.nodes]
    net.node_map = {node["id"]: node for node in net.nodes}
    net.edges = _edges(data, selection)
    if len(net.nodes) > style.IMPROVED_LAYOUT_MAX:  # vis-network's own start is random
        index = {node["id"]: i for i, node in enumerate(net.nodes)}
        pairs = [(index[edge["from"]], index[edge["to"]]) for edge in net.edges]
        linked = {i for pair in pairs for i in pair}
        positions = initial_positions(len(net.nodes), pairs)
        for i, (node, (x, y)) in enumerate(zip(net.nodes, positions, strict=True)):
            node["x"], node["y"] = x, y
            if i not in linked:  # no spring holds it: it would drift off, so it stays put
                node["physics"] = False
    net.options = style.vis_options(len(net.nodes))

    left_nodes, left_edges = selection.left_out
    shown_nodes, shown_edges = len(net.nodes), len(net.edges)
    page = {
        "legend": _legend(data, selection, styles),
        "note": describe(selection, view),
        "stats": (
            f"{shown_nodes:,} entit{'y' if shown_nodes == 1 else 'ies'} · "
            f"{shown_edges:,} fact{'' if shown_edges == 1 else 's'}"
        ),
        "vis_js": _vis_js(),
        "layout_budget_ms": style.layout_budget_ms(len(net.nodes)),
        "denied": sum(1 for edge in net.edges if edge.get("denied")),
        "left_out": {"nodes": left_nodes, "edges": left_edges},
    }
    # pyvis' generate_html() renders net.path from net.templateEnv (net.template in notebook
    # mode) with its own variables: nodes, edges, options, heading, bgcolor, ...
    env = _environment(page)
    net.templateEnv = env
    net.path = _TEMPLATE
    net.template = env.get_template(_TEMPLATE)
    return str(net.generate_html())


def write_html(graph: Graph, path: str | Path, **kwargs: Any) -> Path:
    """Render a graph with :func:`render_html` and write the page atomically.

    The page is written (UTF-8) to a temporary file in the target folder and moved into
    place with :func:`os.replace`, so a reader never sees a half-written file and a failed
    write leaves any previous page as it was.

    Args:
        graph: The kg graph to draw.
        path: Where to write the page; missing parent folders are created.
        **kwargs: Passed on to :func:`render_html` (``title``, ``max_nodes``, ``focus``,
            ``hops``, ``types``, ``min_confidence``).

    Returns:
        The path written.
    """
    target = Path(path)
    page = render_html(graph, **kwargs)
    atomic.write_bytes(target, page.encode("utf-8"))
    return target
