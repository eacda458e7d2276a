"""Starting positions for big graphs, so the browser's layout only has to tidy up.

vis-network's Barnes-Hut layout from random positions needs hundreds of iterations, and one
iteration over 5,000 nodes takes tens to hundreds of milliseconds in a browser. So above a
size the page gets positions from here, in O(n): each connected component is drawn as a
"balloon" tree (a breadth-first spanning tree from its best-connected entity; each node's
subtrees grow away from its parent on a golden-angle spiral, the biggest nearest, the
root's all around it), and the components are packed in rows, biggest first. The browser then
runs a short, time-bounded refinement and stops.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Sequence

#: Distance between neighbouring entities, in vis-network units.
SPACING = 50.0
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))

Point = tuple[float, float]


def _tree(
    root: int, neighbours: list[list[int]], seen: list[bool]
) -> tuple[list[int], dict[int, list[int]]]:
    """Breadth-first order and children of a component's spanning tree."""
    seen[root] = True
    order = [root]
    children: dict[int, list[int]] = {root: []}
    queue = deque([root])
    while queue:
        here = queue.popleft()
        for there in neighbours[here]:
            if not seen[there]:
                seen[there] = True
                children[here].append(there)
                children[there] = []
                order.append(there)
                queue.append(there)
    return order, children


#: The angle a non-root node's subtrees spread over, facing away from its parent.
_FAN = math.pi


def _offsets(sizes: list[int], fan: float) -> list[float]:
    """Distances from their parent of subtrees of these sizes (biggest first), placed one
    after another on a golden-angle spiral within ``fan``: each further out than the area
    the ones before it need (about SPACING² per node), so they fill the fan evenly."""
    offsets, area = [], 0.0
    for size in sizes:
        offsets.append(SPACING * (0.9 + 0.6 * math.sqrt(1.3 * (2 * math.pi / fan) * area)))
        area += size
    return offsets


def _angle(i: int, heading: float, fan: float) -> float:
    """The direction of the i-th subtree: the golden-angle sequence folded into ``fan``
    around ``heading`` (the first straight ahead)."""
    turn = (i * _GOLDEN_ANGLE + math.pi) % (2 * math.pi) - math.pi
    return heading + turn * fan / (2 * math.pi)


def _balloon(order: list[int], children: dict[int, list[int]]) -> tuple[dict[int, Point], float]:
    """Positions of one component around its root at (0, 0), and the radius it covers.

    Each node's subtrees grow away from its parent, biggest nearest, on a golden-angle
    spiral (the root's all around it), spaced by the number of nodes in them: the area
    grows with the node count and the radius with depth, never exponentially."""
    root = order[0]
    size: dict[int, int] = {}
    for node in reversed(order):  # children before parents
        kids = children[node]
        kids.sort(key=lambda k: -size[k])  # stable: equal subtrees keep their rank order
        size[node] = 1 + sum(size[k] for k in kids)

    positions: dict[int, Point] = {root: (0.0, 0.0)}
    heading: dict[int, float] = {root: 0.0}
    for node in order:
        x, y = positions[node]
        kids = children[node]
        fan = 2 * math.pi if node == root else _FAN
        for i, (kid, d) in enumerate(
            zip(kids, _offsets([size[k] for k in kids], fan), strict=True)
        ):
            angle = _angle(i, heading[node], fan)
            positions[kid] = (x + d * math.cos(angle), y + d * math.sin(angle))
            heading[kid] = angle
    reach = max(math.hypot(x, y) for x, y in positions.values())
    return positions, reach + SPACING / 2


def initial_positions(count: int, edges: Sequence[tuple[int, int]]) -> list[Point]:
    """Positions for nodes ``0 .. count-1`` (best-connected first) joined by ``edges``."""
    neighbours: list[set[int]] = [set() for _ in range(count)]
    for a, b in edges:
        if a != b:
            neighbours[a].add(b)
            neighbours[b].add(a)
    ordered = [sorted(n) for n in neighbours]
    seen = [False] * count
    components = []
    for root in range(count):  # nodes come best-connected first: each root is its hub
        if not seen[root]:
            order, children = _tree(root, ordered, seen)
            components.append(_balloon(order, children))

    # Pack the components in rows of a roughly square area, biggest first (as found).
    components.sort(key=lambda c: -c[1])
    area = sum((2 * r + SPACING) ** 2 for _, r in components)
    width = max(math.sqrt(area) * 1.1, 2 * components[0][1] + SPACING) if components else 0.0
    result: list[Point] = [(0.0, 0.0)] * count
    x = y = row_height = 0.0
    for positions, r in components:
        size = 2 * r + SPACING
        if x > 0 and x + size > width:
            x, y, row_height = 0.0, y + row_height, 0.0
        cx, cy = x + size / 2, y + size / 2
        for node, (px, py) in positions.items():
            result[node] = (round(cx + px, 1), round(cy + py, 1))
        x += size
        row_height = max(row_height, size)
    shift_x, shift_y = width / 2, (y + row_height) / 2  # centre the drawing on (0, 0)
    return [(round(px - shift_x, 1), round(py - shift_y, 1)) for px, py in result]
