"""The interactive HTML page of a kg graph: pyvis data in kg's own offline template.

The page is one self-contained file: vis-network is inlined from the copy inside the pyvis
package, there is no CDN, no Bootstrap and no other resource loaded over the network, and a
Content-Security-Policy forbids any. Every string taken from an article (names, aliases,
sentences, titles) reaches the browser only as JSON data inside a ``<script>`` (with ``<``,
``>``, ``&``, U+2028 and U+2029 escaped) or as auto-escaped HTML text, and the page shows it
with ``textContent`` or as vis-network's plain-text tooltips, never as HTML.

Typical use::

    from kg.html import write_html
    write_html(graph, "out/graph.html")
"""

from __future__ import annotations

import json
import math
import os
import re
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any, cast

import jinja2
from markupsafe import Markup
from rdflib import Graph, Literal
from rdflib.namespace import RDFS
from rdflib.query import ResultRow

from kg.ontology import KG, PREFIXES, load_ontology

__all__ = ["DEFAULT_TITLE", "render_html", "write_html"]

DEFAULT_TITLE = "kg — knowledge graph"

#: The vis-network build shipped inside pyvis 0.3.2, inlined into every page.
_VIS_JS = ("templates", "lib", "vis-9.1.2", "vis-network.min.js")
_TEMPLATE = "graph.html"

#: At most this many evidence sentences per edge are stored in the page (the rest counted).
_MAX_EVIDENCE = 50
#: At most this many evidence sentences per edge appear in its tooltip.
_TOOLTIP_EVIDENCE = 3
_TOOLTIP_SENTENCE_CHARS = 240
_TOOLTIP_ALIASES = 10
_STABILIZATION_ITERATIONS = 300

# --- Styles -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Style:
    shape: str
    color: str


#: One fixed style per ontology class, in legend order (more specific classes first).
_STYLES: dict[str, _Style] = {
    str(KG.Person): _Style("dot", "#e15759"),
    str(KG.Organization): _Style("square", "#4e79a7"),
    str(KG.Country): _Style("hexagon", "#59a14f"),
    str(KG.Place): _Style("triangle", "#8cd17d"),
    str(KG.Commodity): _Style("star", "#edc948"),
    str(KG.Product): _Style("triangleDown", "#f28e2b"),
    str(KG.Infrastructure): _Style("diamond", "#9c755f"),
    str(KG.Event): _Style("star", "#b07aa1"),
    str(KG.Group): _Style("square", "#ff9da7"),
    str(KG.Concept): _Style("dot", "#bab0ac"),
    str(KG.Entity): _Style("dot", "#79706e"),
}
#: Colours for sub-classes of kg:Entity that kg itself does not define.
_EXTRA_COLORS = ("#86bcb6", "#d37295", "#a0cbe8", "#ffbe7d", "#d4a6c8", "#b6992d", "#499894")

# --- SPARQL ---------------------------------------------------------------------------------

_PROLOGUE = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())

_ENTITIES_QUERY = (
    _PROLOGUE
    + """
SELECT DISTINCT ?entity ?type WHERE {
    ?type rdfs:subClassOf* kg:Entity .
    ?entity rdf:type ?type .
    FILTER(isIRI(?entity))
}"""
)

_NAMES_QUERY = (
    _PROLOGUE
    + """
SELECT DISTINCT ?entity ?property ?name WHERE {
    ?type rdfs:subClassOf* kg:Entity .
    ?entity rdf:type ?type ;
        ?property ?name .
    FILTER(?property IN (rdfs:label, skos:altLabel))
}"""
)

_CLASSES_QUERY = (
    _PROLOGUE
    + """
SELECT DISTINCT ?class ?label WHERE {
    ?class rdfs:subClassOf* kg:Entity .
    OPTIONAL { ?class rdfs:label ?label }
}"""
)

_SUPERCLASSES_QUERY = (
    _PROLOGUE
    + """
SELECT DISTINCT ?class ?super WHERE {
    ?class rdfs:subClassOf* kg:Entity .
    ?class rdfs:subClassOf+ ?super .
}"""
)

_FACTS_QUERY = (
    _PROLOGUE
    + """
SELECT DISTINCT ?s ?p ?o WHERE {
    ?stype rdfs:subClassOf* kg:Entity .
    ?s rdf:type ?stype ;
        ?p ?o .
    FILTER(isIRI(?s) && isIRI(?o) && ?p != rdf:type)
}"""
)

#: Labels of properties (declared with a property class, or sub-properties of another).
_PREDICATE_LABELS_QUERY = (
    _PROLOGUE
    + """
SELECT DISTINCT ?p ?label WHERE {
    {
        VALUES ?kind {
            rdf:Property owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty
            owl:TransitiveProperty owl:SymmetricProperty kg:OpenRelation
        }
        ?p rdf:type ?kind .
    } UNION {
        ?p rdfs:subPropertyOf ?parent .
    }
    ?p rdfs:label ?label .
}"""
)

_EVIDENCE_QUERY = (
    _PROLOGUE
    + """
SELECT ?evidence ?s ?p ?o ?sentence ?confidence ?doc ?title ?section WHERE {
    ?evidence rdf:subject ?s ;
        rdf:predicate ?p ;
        rdf:object ?o ;
        kg:sentence ?sentence ;
        prov:wasDerivedFrom ?doc .
    OPTIONAL { ?evidence kg:confidence ?confidence }
    OPTIONAL { ?doc dcterms:title ?title }
    OPTIONAL { ?evidence kg:section ?section }
}"""
)

# --- Records read from the graph --------------------------------------------------------------


@dataclass
class _Entity:
    iri: str
    types: set[str] = field(default_factory=set)
    labels: list[Literal] = field(default_factory=list)
    alt_labels: set[str] = field(default_factory=set)
    label: str = ""
    type_iri: str = ""
    degree: int = 0


@dataclass(frozen=True)
class _Evidence:
    sentence: str
    doc: str
    section: str
    confidence: float | None

    def as_json(self) -> dict[str, Any]:
        return {
            "sentence": self.sentence,
            "doc": self.doc,
            "section": self.section,
            "confidence": self.confidence,
        }


FactKey = tuple[str, str, str]


def _rows(graph: Graph, query: str) -> Iterable[ResultRow]:
    """The rows of a SELECT query (a constant query string: no values are formatted in)."""
    return cast(Iterable[ResultRow], graph.query(query))


def _local_name(iri: str) -> str:
    """The last segment of an IRI, made readable (``vladimir-putin`` -> ``vladimir putin``)."""
    tail = iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return tail.replace("-", " ").replace("_", " ") or iri


def _pick_label(labels: Iterable[Literal]) -> str | None:
    """One label, deterministically: English or untagged first, then the shortest."""
    ranked = sorted(
        labels,
        key=lambda lit: (lit.language not in (None, "en"), len(str(lit)), str(lit)),
    )
    return str(ranked[0]) if ranked else None


def _confidence(value: object) -> float | None:
    """A confidence literal as a float in [0, 1], or None when missing or malformed."""
    if value is None:
        return None
    try:
        number = float(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return None
    if not math.isfinite(number):
        return None
    return min(1.0, max(0.0, number))


def _with_ontology(graph: Graph) -> Graph:
    """The graph itself when it holds kg's ontology (as every kg graph does), else a copy
    with the ontology merged in, so that entity classes and predicates are known."""
    if (KG.Person, RDFS.subClassOf, KG.Entity) in graph:
        return graph
    merged = load_ontology()
    for triple in graph:
        merged.add(triple)
    return merged


def _read_entities(graph: Graph) -> dict[str, _Entity]:
    entities: dict[str, _Entity] = {}
    for entity, type_ in _rows(graph, _ENTITIES_QUERY):
        entities.setdefault(str(entity), _Entity(str(entity))).types.add(str(type_))
    for entity, prop, name in _rows(graph, _NAMES_QUERY):
        record = entities.get(str(entity))
        if record is None or not isinstance(name, Literal):
            continue
        if prop == RDFS.label:
            record.labels.append(name)
        else:
            record.alt_labels.add(str(name))
    return entities


def _read_classes(graph: Graph) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Class labels (sub-classes of kg:Entity) and each class's super-classes."""
    labels: dict[str, list[Literal]] = defaultdict(list)
    for class_, label in _rows(graph, _CLASSES_QUERY):
        labels.setdefault(str(class_), [])
        if isinstance(label, Literal):
            labels[str(class_)].append(label)
    names = {iri: _pick_label(found) or _local_name(iri) for iri, found in labels.items()}
    supers: dict[str, set[str]] = defaultdict(set)
    for class_, super_ in _rows(graph, _SUPERCLASSES_QUERY):
        if str(class_) != str(super_):
            supers[str(class_)].add(str(super_))
    return names, supers


def _most_specific(types: set[str], supers: dict[str, set[str]]) -> str:
    """The type to show: drop every type that is a super-class of another, then prefer
    kg's own classes in palette order, then the IRI."""
    implied = set().union(*(supers.get(t, set()) for t in types))
    candidates = (types - implied) or types
    order = list(_STYLES)
    return min(candidates, key=lambda t: (order.index(t) if t in order else len(order), t))


def _read_facts(graph: Graph, entities: dict[str, _Entity]) -> dict[FactKey, str]:
    """Each fact between two entities, with its predicate's label.

    The query gives the IRI-valued triples of every entity; those whose object is an
    entity too are facts (checking the object's class in SPARQL is much slower in rdflib).
    """
    keys: set[FactKey] = set()
    for s, p, o in _rows(graph, _FACTS_QUERY):
        key = (str(s), str(p), str(o))
        if key[0] in entities and key[2] in entities:
            keys.add(key)
    found: dict[str, list[Literal]] = defaultdict(list)
    for p, label in _rows(graph, _PREDICATE_LABELS_QUERY):
        if isinstance(label, Literal):
            found[str(p)].append(label)
    return {key: _pick_label(found.get(key[1], [])) or _local_name(key[1]) for key in keys}


def _read_evidence(graph: Graph, facts: Iterable[FactKey]) -> dict[FactKey, list[_Evidence]]:
    """The evidence sentences of the given facts, best first, one per sentence and document."""
    wanted = set(facts)
    by_node: dict[str, dict[str, Any]] = {}
    for ev, s, p, o, sentence, confidence, doc, title, section in _rows(graph, _EVIDENCE_QUERY):
        key = (str(s), str(p), str(o))
        if key not in wanted:
            continue
        record = by_node.setdefault(
            str(ev),
            {
                "key": key,
                "sentence": str(sentence),
                "doc": str(doc),
                "titles": [],
                "section": "",
                "confidence": None,
            },
        )
        if isinstance(title, Literal):
            record["titles"].append(title)
        if section is not None and not record["section"]:
            record["section"] = str(section)
        value = _confidence(confidence)
        if value is not None and (record["confidence"] is None or value > record["confidence"]):
            record["confidence"] = value

    best: dict[FactKey, dict[tuple[str, str, str], _Evidence]] = defaultdict(dict)
    for record in by_node.values():
        doc_iri = record["doc"]
        doc_title = _pick_label(record["titles"]) or _document_name(doc_iri)
        item = _Evidence(record["sentence"], doc_title, record["section"], record["confidence"])
        seen = best[record["key"]]
        dedup = (doc_iri, item.sentence, item.section)
        old = seen.get(dedup)
        if old is None or _rank(item.confidence) > _rank(old.confidence):
            seen[dedup] = item
    return {
        key: sorted(
            items.values(), key=lambda e: (-_rank(e.confidence), e.doc, e.section, e.sentence)
        )
        for key, items in best.items()
    }


def _rank(confidence: float | None) -> float:
    """A sort key for confidences: a missing one ranks below any given one."""
    return -1.0 if confidence is None else confidence


def _document_name(iri: str) -> str:
    doc_ns = str(PREFIXES["doc"])
    return "document " + (iri[len(doc_ns) :] if iri.startswith(doc_ns) else iri)


# --- Page data ------------------------------------------------------------------------------


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _darker(color: str, factor: float = 0.7) -> str:
    """A darker shade of a ``#rrggbb`` colour (for node borders)."""
    channels = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c * factor):02x}" for c in channels)


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _format_confidence(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _node_title(entity: _Entity, type_label: str, aliases: list[str]) -> str:
    lines = [entity.label, _capitalised(type_label)]
    if aliases:
        shown = aliases[:_TOOLTIP_ALIASES]
        more = len(aliases) - len(shown)
        lines.append("Also: " + "; ".join(shown) + (f" (+{more} more)" if more else ""))
    lines.append(f"{entity.degree} fact" + ("" if entity.degree == 1 else "s"))
    return "\n".join(lines)


def _edge_title(
    source: str, label: str, target: str, evidence: list[_Evidence], best: float | None
) -> str:
    count = len(evidence)
    lines = [
        f"{source} — {label} → {target}",
        f"confidence {_format_confidence(best)} · {count} sentence" + ("" if count == 1 else "s"),
    ]
    for item in evidence[:_TOOLTIP_EVIDENCE]:
        meta = " · ".join(
            part
            for part in (
                item.doc,
                item.section,
                f"confidence {_format_confidence(item.confidence)}",
            )
            if part
        )
        lines += ["", f"“{_shorten(item.sentence, _TOOLTIP_SENTENCE_CHARS)}”", f"    {meta}"]
    if count > _TOOLTIP_EVIDENCE:
        lines += ["", f"+{count - _TOOLTIP_EVIDENCE} more: click the edge"]
    return "\n".join(lines)


def _vis_options(node_count: int) -> dict[str, Any]:
    """vis-network options: bounded Barnes-Hut layout, then physics is switched off."""
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": node_count <= 100},
        "physics": {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -6000,
                "centralGravity": 0.3,
                "springLength": 150,
                "springConstant": 0.04,
                "damping": 0.15,
                "avoidOverlap": 0.3,
            },
            "maxVelocity": 50,
            "minVelocity": 1,
            "stabilization": {
                "enabled": True,
                "iterations": _STABILIZATION_ITERATIONS,
                "updateInterval": 25,
                "fit": True,
            },
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "navigationButtons": False,
            "keyboard": False,
            "multiselect": False,
        },
        "nodes": {
            "borderWidth": 1.5,
            "font": {
                "size": 15,
                "face": "system-ui, sans-serif",
                "color": "#1f2328",
                "strokeWidth": 4,
                "strokeColor": "#ffffff",
            },
            "widthConstraint": {"maximum": 180},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "color": {"color": "#9aa0a6", "highlight": "#2f3439", "hover": "#5f6368"},
            "font": {
                "size": 12,
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


def render_html(graph: Graph, *, title: str = DEFAULT_TITLE, max_nodes: int = 2000) -> str:
    """Render a kg graph as one self-contained, offline, interactive HTML page.

    One node per entity (an IRI typed with kg:Entity or a sub-class), labelled with its
    ``rdfs:label``, coloured and shaped by type, sized by degree; one directed edge per fact
    between two entities, labelled with the predicate's ``rdfs:label`` and carrying its
    evidence sentences (shown in the tooltip and, on click, in the side panel).

    Args:
        graph: A kg graph (entities, facts, evidence, documents), ideally with the ontology
            merged in so that classes and predicates have labels.
        title: The page title and heading (escaped like all other text).
        max_nodes: The most entities to draw; above it, the best-connected ``max_nodes`` are
            kept and the page says how many entities and facts were left out.

    Returns:
        The HTML page as a string.

    Raises:
        ValueError: If ``max_nodes`` is smaller than 1.
    """
    if max_nodes < 1:
        raise ValueError(f"max_nodes must be at least 1, not {max_nodes}")
    from pyvis.network import Network  # heavy (imports IPython): only when rendering

    graph = _with_ontology(graph)
    entities = _read_entities(graph)
    class_names, supers = _read_classes(graph)
    for entity in entities.values():
        entity.label = _pick_label(entity.labels) or _local_name(entity.iri)
        entity.type_iri = _most_specific(entity.types, supers)
    facts = _read_facts(graph, entities)
    for s, _, o in facts:
        entities[s].degree += 1
        entities[o].degree += 1

    ranked = sorted(
        entities.values(), key=lambda e: (-e.degree, e.label.casefold(), e.label, e.iri)
    )
    kept = ranked[:max_nodes]
    kept_ids = {e.iri for e in kept}
    kept_facts = sorted(
        (key for key in facts if key[0] in kept_ids and key[2] in kept_ids),
        key=lambda k: (entities[k[0]].label, facts[k], entities[k[2]].label, k),
    )
    evidence = _read_evidence(graph, kept_facts)

    styles = dict(_STYLES)
    extra = sorted({e.type_iri for e in kept} - set(styles))
    for i, class_iri in enumerate(extra):
        styles[class_iri] = _Style("dot", _EXTRA_COLORS[i % len(_EXTRA_COLORS)])

    net = Network(
        height="100%", width="100%", directed=True, heading=title, cdn_resources="in_line"
    )
    for entity in kept:
        style = styles[entity.type_iri]
        type_label = class_names.get(entity.type_iri) or _local_name(entity.type_iri)
        aliases = sorted(entity.alt_labels - {entity.label}, key=lambda a: (a.casefold(), a))
        net.add_node(
            entity.iri,
            label=entity.label,
            shape=style.shape,
            color={
                "background": style.color,
                "border": _darker(style.color),
                "highlight": {"background": style.color, "border": "#1f2328"},
                "hover": {"background": style.color, "border": "#1f2328"},
            },
            size=min(50.0, round(12 + 6 * math.sqrt(entity.degree), 1)),
            title=_node_title(entity, type_label, aliases),
            aliases=aliases,
            kgType=type_label,
            typeIri=entity.type_iri,
            degree=entity.degree,
        )

    pair_count: Counter[frozenset[str]] = Counter()
    for index, key in enumerate(kept_facts):
        s, p, o = key
        items = evidence.get(key, [])
        known = [e.confidence for e in items if e.confidence is not None]
        best = max(known) if known else None
        options: dict[str, Any] = {
            "id": f"e{index}",
            "label": facts[key],
            "title": _edge_title(entities[s].label, facts[key], entities[o].label, items, best),
            "width": round(1 + 3 * (best if best is not None else 0.3), 2),
            "predicate": p,
            "confidence": best,
            "evidence": [item.as_json() for item in items[:_MAX_EVIDENCE]],
            "evidenceTotal": len(items),
        }
        pair = frozenset((s, o))
        nth = pair_count[pair]
        pair_count[pair] += 1
        if nth:  # parallel facts between the same two entities: curve them apart
            options["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.25 * nth}
        net.add_edge(s, o, **options)
    net.options = _vis_options(len(kept))

    left_nodes = len(entities) - len(kept)
    left_edges = len(facts) - len(kept_facts)
    note = ""
    if left_nodes:
        note = (
            f"Large graph: showing the {len(kept):,} best-connected of {len(entities):,} "
            f"entities. Left out: {left_nodes:,} entities and {left_edges:,} facts "
            f"(max_nodes={max_nodes:,})."
        )
    legend_types = Counter(e.type_iri for e in kept)
    legend = [
        {
            "label": _capitalised(class_names.get(iri) or _local_name(iri)),
            "shape": styles[iri].shape,
            "color": styles[iri].color,
            "count": legend_types[iri],
        }
        for iri in styles
        if iri in legend_types
    ]
    stats = (
        f"{len(kept):,} entit{'y' if len(kept) == 1 else 'ies'} · "
        f"{len(kept_facts):,} fact{'' if len(kept_facts) == 1 else 's'}"
    )

    page = {
        "legend": legend,
        "note": note,
        "stats": stats,
        "vis_js": _vis_js(),
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
        **kwargs: Passed on to :func:`render_html` (``title``, ``max_nodes``).

    Returns:
        The path written.
    """
    target = Path(path)
    page = render_html(graph, **kwargs)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(page)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return target
