"""Which entities and facts a page draws: filters, a focus neighbourhood, and a ranked cut.

The steps, in order: keep entities of the chosen types; keep facts whose best evidence
reaches the minimum confidence (and, then, only entities left in such a fact); take the
N-hop neighbourhood of the focus entities; rank what remains (hop distance from the focus,
then degree) and keep the first ``max_nodes``. The result says what each step left out.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from kg.errors import ViewError, ViewNotFoundError
from kg.html.evidence import FactKey
from kg.html.read import Entity, GraphData
from kg.html.terms import rank


@dataclass(frozen=True)
class View:
    """What to draw. The defaults draw the whole graph up to ``max_nodes`` entities."""

    focus: str | None = None
    hops: int = 1
    types: tuple[str, ...] = ()
    min_confidence: float = 0.0
    max_nodes: int = 2000

    def check(self) -> None:
        """Raise ViewError for options that cannot be met."""
        if self.max_nodes < 1:
            raise ViewError(f"max_nodes must be at least 1, not {self.max_nodes}")
        if self.hops < 0:
            raise ViewError(f"hops must be 0 or more, not {self.hops}")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ViewError(f"min_confidence must be within 0 and 1, not {self.min_confidence}")


@dataclass
class Selection:
    """The entities (in rank order) and facts to draw, and what was left out."""

    entities: list[Entity]
    facts: list[FactKey]
    total_entities: int
    total_facts: int
    focus: list[Entity] = field(default_factory=list)
    scope: list[str] = field(default_factory=list)  # one phrase per filter that applied
    truncated: bool = False

    @property
    def left_out(self) -> tuple[int, int]:
        return self.total_entities - len(self.entities), self.total_facts - len(self.facts)


def _type_filter(data: GraphData, names: tuple[str, ...]) -> set[str]:
    """The class IRIs that ``names`` (class labels or local names, any case) stand for."""
    by_name: dict[str, str] = {}
    for iri, label in data.class_names.items():
        by_name[label.casefold()] = iri
        by_name[iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1].casefold()] = iri
    chosen = set()
    for name in names:
        found = by_name.get(name.strip().casefold())
        if found is None:
            known = sorted({label for label in data.class_names.values()})
            raise ViewNotFoundError(f"unknown type {name!r} (known: {', '.join(known)})")
        chosen.add(found)
    return chosen


def find_entities(data: GraphData, name: str) -> list[Entity]:
    """The entities whose label or alias is ``name``, compared case-insensitively."""
    wanted = " ".join(name.split()).casefold()
    return sorted(
        (
            e
            for e in data.entities.values()
            if wanted in {" ".join(n.split()).casefold() for n in [e.label, *e.aliases]}
        ),
        key=lambda e: e.iri,
    )


def _distances(sources: list[Entity], facts: list[FactKey], hops: int) -> dict[str, int]:
    """Hop distance (edges in either direction) from the sources, up to ``hops``."""
    neighbours: dict[str, set[str]] = {}
    for s, _, o in facts:
        neighbours.setdefault(s, set()).add(o)
        neighbours.setdefault(o, set()).add(s)
    distance = {e.iri: 0 for e in sources}
    queue = deque(distance)
    while queue:
        here = queue.popleft()
        if distance[here] == hops:
            continue
        for there in sorted(neighbours.get(here, ())):
            if there not in distance:
                distance[there] = distance[here] + 1
                queue.append(there)
    return distance


def _of_types(
    data: GraphData, types: tuple[str, ...], entities: dict[str, Entity], facts: list[FactKey],
    scope: list[str],
) -> tuple[dict[str, Entity], list[FactKey]]:
    """The entities of the given classes (sub-classes included) and the facts between them."""
    classes = _type_filter(data, types)
    entities = {
        iri: e
        for iri, e in entities.items()
        if any(t in classes or classes & data.supers.get(t, set()) for t in e.types)
    }
    facts = [k for k in facts if k[0] in entities and k[2] in entities]
    scope.append("types " + ", ".join(sorted(data.class_names[c] for c in classes)))
    return entities, facts


def _confident(
    data: GraphData, minimum: float, entities: dict[str, Entity], facts: list[FactKey],
    scope: list[str],
) -> tuple[dict[str, Entity], list[FactKey]]:
    """The facts with evidence at least ``minimum`` confident, and the entities in them."""
    evidence = data.evidence(facts)
    facts = [
        k
        for k in facts
        if max((rank(e.confidence) for e in evidence[k]), default=-1.0) >= minimum
    ]
    linked = {k[0] for k in facts} | {k[2] for k in facts}
    entities = {iri: e for iri, e in entities.items() if iri in linked}
    scope.append(f"confidence ≥ {minimum:g}")
    return entities, facts


def select(data: GraphData, view: View) -> Selection:
    """Apply a view to a graph's data (see the module docstring for the steps)."""
    view.check()
    entities = dict(data.entities)
    facts = list(data.facts)
    scope: list[str] = []

    if view.types:
        entities, facts = _of_types(data, view.types, entities, facts, scope)
    if view.min_confidence > 0:
        entities, facts = _confident(data, view.min_confidence, entities, facts, scope)

    for entity in data.entities.values():
        entity.degree = 0
    for s, _, o in facts:
        entities[s].degree += 1
        entities[o].degree += 1

    focus: list[Entity] = []
    distance: dict[str, int] = {}
    if view.focus is not None:
        focus = find_entities(data, view.focus)
        if not focus:
            raise ViewNotFoundError(f"no entity named {view.focus!r}")
        for entity in focus:  # the focus is drawn even when a filter would drop it
            entities.setdefault(entity.iri, entity)
        distance = _distances(focus, facts, view.hops)
        entities = {iri: e for iri, e in entities.items() if iri in distance}
        names = ", ".join(e.label for e in focus)
        scope.append(f"within {view.hops} hop{'' if view.hops == 1 else 's'} of {names}")

    ranked = sorted(
        entities.values(),
        key=lambda e: (distance.get(e.iri, 0), -e.degree, e.label.casefold(), e.label, e.iri),
    )
    kept = ranked[: view.max_nodes]
    kept_ids = {e.iri for e in kept}
    kept_facts = sorted(
        (k for k in facts if k[0] in kept_ids and k[2] in kept_ids),
        key=lambda k: (data.entities[k[0]].label, data.facts[k], data.entities[k[2]].label, k),
    )
    return Selection(
        entities=kept,
        facts=kept_facts,
        total_entities=len(data.entities),
        total_facts=len(data.facts),
        focus=focus,
        scope=scope,
        truncated=len(kept) < len(ranked),
    )


def describe(selection: Selection, view: View) -> str:
    """One sentence for the page's note: what is shown and what was left out; empty when
    the whole graph is drawn."""
    left_nodes, left_edges = selection.left_out
    if not left_nodes and not left_edges:
        return ""
    shown = len(selection.entities)
    parts = []
    if selection.truncated:
        how = "closest and best-connected" if selection.focus else "best-connected"
        parts.append(
            f"Large graph: showing the {shown:,} {how} of {selection.total_entities:,} "
            f"entities (max_nodes={view.max_nodes:,})."
        )
    else:
        parts.append(f"Showing {shown:,} of {selection.total_entities:,} entities.")
    if selection.scope:
        parts.append("Filter: " + "; ".join(selection.scope) + ".")
    parts.append(
        f"Left out: {left_nodes:,} entit{'y' if left_nodes == 1 else 'ies'} and "
        f"{left_edges:,} fact{'' if left_edges == 1 else 's'}."
    )
    return " ".join(parts)
