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
from kg.errors import ViewError
from kg.html import style
from kg.html.evidence import STATED
from kg.html.layout import initial_positions
from kg.html.read import GraphData, read_graph
from kg.html.select import Selection, View, describe, select
from kg.html.terms import local_name

DEFAULT_TITLE = "kg — knowledge graph"

#: The vis-network build shipped inside pyvis 0.3.2, inlined into every page.
_VIS_JS = ("templates", "lib", "vis-9.1.2", "vis-network.min.js")
_TEMPLATE = "graph.html"
#: At most this many evidence sentences per edge are stored in the page (the rest counted).
_MAX_EVIDENCE = 50
#: A page with more entities in facts than this opens on an overview: the ``overview``
#: best-connected ones (search and "Neighbourhood" open any other one's facts in the page).
OVERVIEW_ABOVE = 300
OVERVIEW = 150


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
        stated = [e for e in items if e.polarity != "negative"]
        if key in data.denied:  # said not to hold: dashed and red, "not ..."
            edge["denied"] = True
            edge["label"] = f"not {label}"
            edge["title"] = "Denied: " + edge["title"]
            edge["dashes"] = True
            edge["color"] = {"color": "#cf222e", "highlight": "#a40e26", "hover": "#a40e26"}
        elif stated and not any(e.modality in STATED for e in stated):
            # only planned, possible or attempted: dotted and purple, "visits (plan)"
            how = ", ".join(sorted({e.modality for e in stated}))
            edge["hedged"] = how
            edge["label"] = f"{label} ({how})"
            edge["title"] = f"Not stated as a fact ({how}): " + edge["title"]
            edge["dashes"] = [3, 5]
            edge["color"] = {"color": "#8250df", "highlight": "#512a97", "hover": "#512a97"}
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


def _opening_view(nodes: list[dict], edges: list[dict], overview: int) -> dict[str, Any]:
    """Mark what the page draws when it opens, and give it starting positions.

    Entities without a drawn fact are hidden (``isolated``; the legend's box shows them).
    Above :data:`OVERVIEW_ABOVE` entities in facts, only the ``overview`` best-connected
    ones (``nodes`` is in rank order) and the facts between them are drawn (``kgView``);
    the page keeps the rest for search and the neighbourhood view.
    """
    linked = {edge["from"] for edge in edges} | {edge["to"] for edge in edges}
    in_facts = [node for node in nodes if node["id"] in linked]
    shown = {node["id"] for node in nodes}
    if overview and len(in_facts) > OVERVIEW_ABOVE:
        shown = {node["id"] for node in in_facts[:overview]}
    for node in nodes:
        node["kgView"] = node["id"] in shown
        if node["id"] not in linked:  # no fact, no spring: hidden until asked for
            node["isolated"] = True
            node["hidden"] = True
            node["physics"] = False
    for edge in edges:
        edge["kgView"] = edge["from"] in shown and edge["to"] in shown
    drawn = [node for node in nodes if node["kgView"] and node["id"] in linked]
    if len(drawn) > style.IMPROVED_LAYOUT_MAX:  # vis-network's own start is random
        index = {node["id"]: i for i, node in enumerate(drawn)}
        pairs = [(index[e["from"]], index[e["to"]]) for e in edges if e["kgView"]]
        for node, (x, y) in zip(drawn, initial_positions(len(drawn), pairs), strict=True):
            node["x"], node["y"] = x, y
    return {
        "drawn": len(drawn),
        "linked": len(in_facts),
        "isolated": len(nodes) - len(in_facts),
        "overview": bool(overview) and len(in_facts) > OVERVIEW_ABOVE,
    }


def _page_values(
    data: GraphData,
    selection: Selection,
    styles: dict[str, style.Style],
    view: View,
    edges: list[dict[str, Any]],
    views: dict[str, Any],
) -> dict[str, Any]:
    """What the page's template shows besides the network: legend, note, counts, settings."""
    nodes = selection.entities
    left_nodes, left_edges = selection.left_out
    shown_nodes, shown_edges = len(nodes), len(edges)
    page = {
        "legend": _legend(data, selection, styles),
        "note": describe(selection, view),
        "stats": (
            f"{shown_nodes:,} entit{'y' if shown_nodes == 1 else 'ies'} · "
            f"{shown_edges:,} fact{'' if shown_edges == 1 else 's'}"
        ),
        "vis_js": _vis_js(),
        "layout_budget_ms": style.layout_budget_ms(len(nodes)),
        "denied": sum(1 for edge in edges if edge.get("denied")),
        "hedged": sum(1 for edge in edges if edge.get("hedged")),
        "left_out": {"nodes": left_nodes, "edges": left_edges},
        "isolated": views["isolated"],
        "overview": views["overview"],
        "min_label_px": style.MIN_LABEL_PX,
    }
    if views["overview"]:
        page["note"] = (
            f"Overview: the {views['drawn']:,} best-connected of {views['linked']:,} "
            "entities with facts. Search for any name (Enter), or click an entity and "
            "“Neighbourhood”, to see its facts. " + page["note"]
        ).strip()
    return page


def _network(
    data: GraphData, selection: Selection, styles: dict[str, style.Style], title: str,
    overview: int,
) -> tuple[Any, dict[str, Any]]:
    """The pyvis network of the selection, with what it draws when the page opens."""
    from pyvis.network import Network  # heavy (imports IPython): only when rendering

    net = Network(
        height="100%", width="100%", directed=True, heading=title, cdn_resources="in_line"
    )
    # pyvis' add_node/add_edge check ids against lists (quadratic): fill its data directly.
    net.nodes = _nodes(data, selection, styles)
    net.node_ids = [node["id"] for node in net.nodes]
    net.node_map = {node["id"]: node for node in net.nodes}
    net.edges = _edges(data, selection)
    views = _opening_view(net.nodes, net.edges, overview)
    net.options = style.vis_options(views["drawn"])
    return net, views


def render_html(
    graph: Graph,
    *,
    title: str = DEFAULT_TITLE,
    max_nodes: int = 2000,
    focus: str | None = None,
    hops: int = 1,
    types: tuple[str, ...] | list[str] = (),
    min_confidence: float = 0.0,
    overview: int = OVERVIEW,
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
        overview: Above ``OVERVIEW_ABOVE`` entities in facts, open on this many of the
            best-connected (0: draw them all); search and "Neighbourhood" show the others'
            facts in the page. Entities without a fact are hidden until asked for.

    Returns:
        The HTML page as a string.

    Raises:
        ViewError: For an unknown focus entity or type, or a limit out of range.
    """
    view = View(focus, hops, tuple(types), min_confidence, max_nodes)
    view.check()
    if overview < 0:
        raise ViewError(f"overview must be 0 or more, not {overview}")
    data = read_graph(graph, list(style.STYLES))
    selection = select(data, view)
    styles = style.styles_for({e.type_iri for e in selection.entities})

    net, views = _network(data, selection, styles, title, overview)

    page = _page_values(data, selection, styles, view, net.edges, views)
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
            ``hops``, ``types``, ``min_confidence``, ``overview``).

    Returns:
        The path written.
    """
    target = Path(path)
    page = render_html(graph, **kwargs)
    atomic.write_bytes(target, page.encode("utf-8"))
    return target
