"""How the page looks: a style per entity type, plain-text tooltips, vis-network options.

The layout is bounded: vis-network runs a fixed budget of Barnes-Hut iterations before the
first frame (fewer, with a coarser approximation, the bigger the graph), then the page
switches physics off, so even thousands of nodes become still and interactive quickly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from kg.html.evidence import Evidence
from kg.html.read import Entity
from kg.ontology import KG

#: At most this many evidence sentences per edge appear in its tooltip.
TOOLTIP_EVIDENCE = 3
_TOOLTIP_SENTENCE_CHARS = 240
_TOOLTIP_ALIASES = 10
#: Above this many nodes the page uses the settings for big graphs.
BIG_GRAPH = 1000
#: Labels are at least this many pixels tall on screen when the page opens: the page
#: zooms in (onto the best-connected entity) when fitting the whole drawing would make
#: them smaller.
MIN_LABEL_PX = 12
#: Font sizes in vis-network units (pixels at zoom 1).
NODE_FONT = 16
EDGE_FONT = 14
#: Up to this many nodes vis-network lays out from its own start ("improved layout"); above
#: it, from kg.html.layout's positions.
IMPROVED_LAYOUT_MAX = 100


@dataclass(frozen=True)
class Style:
    shape: str
    color: str


#: One fixed style per ontology class, in legend order (more specific classes first).
STYLES: dict[str, Style] = {
    str(KG.Person): Style("dot", "#e15759"),
    str(KG.Organization): Style("square", "#4e79a7"),
    str(KG.Country): Style("hexagon", "#59a14f"),
    str(KG.Place): Style("triangle", "#8cd17d"),
    str(KG.Commodity): Style("star", "#edc948"),
    str(KG.Product): Style("triangleDown", "#f28e2b"),
    str(KG.Infrastructure): Style("diamond", "#9c755f"),
    str(KG.Event): Style("star", "#b07aa1"),
    str(KG.Group): Style("square", "#ff9da7"),
    str(KG.Concept): Style("dot", "#bab0ac"),
    str(KG.Entity): Style("dot", "#79706e"),
}
#: Colours for sub-classes of kg:Entity that kg itself does not define.
_EXTRA_COLORS = ("#86bcb6", "#d37295", "#a0cbe8", "#ffbe7d", "#d4a6c8", "#b6992d", "#499894")


def styles_for(type_iris: set[str]) -> dict[str, Style]:
    """kg's styles, plus a colour each for the other classes among ``type_iris``."""
    styles = dict(STYLES)
    for i, class_iri in enumerate(sorted(type_iris - set(styles))):
        styles[class_iri] = Style("dot", _EXTRA_COLORS[i % len(_EXTRA_COLORS)])
    return styles


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def darker(color: str, factor: float = 0.7) -> str:
    """A darker shade of a ``#rrggbb`` colour (for node borders)."""
    channels = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c * factor):02x}" for c in channels)


def node_size(degree: int) -> float:
    return min(50.0, round(12 + 6 * math.sqrt(degree), 1))


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def format_confidence(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def node_title(entity: Entity, type_label: str, aliases: list[str]) -> str:
    """A node's tooltip (plain text: vis-network shows a string title as text)."""
    lines = [entity.label, capitalised(type_label)]
    if aliases:
        shown = aliases[:_TOOLTIP_ALIASES]
        more = len(aliases) - len(shown)
        lines.append("Also: " + "; ".join(shown) + (f" (+{more} more)" if more else ""))
    lines.append(f"{entity.degree} fact" + ("" if entity.degree == 1 else "s"))
    return "\n".join(lines)


def edge_title(
    source: str, label: str, target: str, evidence: list[Evidence], best: float | None
) -> str:
    """An edge's tooltip: the fact, its best confidence and its first sentences."""
    count = len(evidence)
    lines = [
        f"{source} — {label} → {target}",
        f"confidence {format_confidence(best)} · {count} sentence" + ("" if count == 1 else "s"),
    ]
    for item in evidence[:TOOLTIP_EVIDENCE]:
        meta = " · ".join(
            part
            for part in (item.doc, item.section, f"confidence {format_confidence(item.confidence)}")
            if part
        )
        lines += ["", f"“{_shorten(item.sentence, _TOOLTIP_SENTENCE_CHARS)}”", f"    {meta}"]
    if count > TOOLTIP_EVIDENCE:
        lines += ["", f"+{count - TOOLTIP_EVIDENCE} more: click the edge"]
    return "\n".join(lines)


def stabilization_iterations(node_count: int) -> int:
    """The layout's iteration budget: 400 up to 250 nodes, then fewer (about 90 at 5,000)."""
    if node_count <= 250:
        return 400
    return max(60, round(400 * math.sqrt(250 / node_count)))


def layout_budget_ms(node_count: int) -> int:
    """The layout's time budget in the browser: it stops at whichever budget ends first."""
    return 2000 if node_count > BIG_GRAPH else 6000


def vis_options(node_count: int) -> dict[str, Any]:
    """vis-network options: a bounded Barnes-Hut layout, after which physics is switched off."""
    big = node_count > BIG_GRAPH
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": node_count <= IMPROVED_LAYOUT_MAX},
        "physics": {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {
                "theta": 0.8 if big else 0.5,
                "gravitationalConstant": -4000 if big else -6000,
                "centralGravity": 0.3,
                "springLength": 120 if big else 150,
                "springConstant": 0.04,
                "damping": 0.3 if big else 0.15,
                "avoidOverlap": 0 if big else 0.3,
            },
            "maxVelocity": 50,
            "minVelocity": 2 if big else 1,
            "stabilization": {
                "enabled": True,
                "iterations": stabilization_iterations(node_count),
                "updateInterval": 5 if big else 25,
                "fit": True,
            },
        },
        "interaction": {
            "hover": True,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "tooltipDelay": 150,
            "navigationButtons": False,
            "keyboard": False,
            "multiselect": False,
        },
        "nodes": {
            "borderWidth": 1.5,
            "font": {
                "size": NODE_FONT,
                "face": "system-ui, sans-serif",
                "color": "#1f2328",
                "strokeWidth": 4,
                "strokeColor": "#ffffff",
            },
            "widthConstraint": {"maximum": 180},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "color": {
                "color": "#9aa0a6",
                "highlight": "#2f3439",
                "hover": "#5f6368",
                "opacity": 0.35 if big else 1.0,  # thousands of edges: let the nodes show
            },
            "font": {
                "size": EDGE_FONT,
                "face": "system-ui, sans-serif",
                "color": "#3c4043",
                "strokeWidth": 4,
                "strokeColor": "#ffffff",
                "align": "middle",
            },
            "smooth": False,
            "selectionWidth": 1.5,
        },
    }
