"""How the picture encodes the data: colours, sizes, widths, dashes. Shared by HTML and PNG/SVG.

Node colour says whether a state is sanctioned and by whom (UN Security Council, or other
authorities only); node size grows with the number of sources behind the node's events. Edge
colour names the event family (cool colours for cooperation, reds for conflict), edge width grows
with the number of independent sources, and an edge is dashed when all its events are only
alleged or planned.
"""

from __future__ import annotations

import math

from sanctions_graph.viz.data import Edge, Node

#: Fill colour of a node by sanction status (``Node.sanction_status``).
STATUS_COLOURS: dict[str, str] = {
    "un": "#c0392b",
    "unilateral": "#f39c12",
    "unrecorded": "#f7dc6f",
    "none": "#7fb3d5",
}
STATUS_LABELS: dict[str, str] = {
    "un": "sanctioned by the UN Security Council",
    "unilateral": "sanctioned by other authorities only",
    "unrecorded": "sanctioned, authority not recorded",
    "none": "not sanctioned",
}
#: Fill colour of an international organisation (drawn as a box).
ORGANISATION_COLOUR = "#bdc3c7"

#: Edge colour by event family.
FAMILY_COLOURS: dict[str, str] = {
    "DIPLOMATIC": "#1f77b4",
    "AGREEMENT": "#17becf",
    "COOPERATION": "#2ca02c",
    "SUPPORT": "#9467bd",
    "AID": "#8c564b",
    "SANCTION": "#d62728",
    "HOSTILITY": "#8b0000",
}

#: Edge width = min(WIDTH_BASE + WIDTH_PER_SOURCE * sources, WIDTH_MAX) (pixels / points).
WIDTH_BASE = 1.0
WIDTH_PER_SOURCE = 2.0
WIDTH_MAX = 11.0
#: Node size = min(SIZE_BASE + SIZE_PER_ROOT * sqrt(sources), SIZE_MAX) (vis-network radius).
SIZE_BASE = 14.0
SIZE_PER_ROOT = 8.0
SIZE_MAX = 48.0


def node_colour(node: Node) -> str:
    """Fill colour of ``node``."""
    if node.kind == "organisation":
        return ORGANISATION_COLOUR
    return STATUS_COLOURS[node.sanction_status]


def node_size(node: Node) -> float:
    """Radius of ``node`` from its number of sources."""
    return min(SIZE_BASE + SIZE_PER_ROOT * math.sqrt(node.sources), SIZE_MAX)


def edge_width(independent_sources: int) -> float:
    """Line width of an edge backed by ``independent_sources`` sources."""
    return min(WIDTH_BASE + WIDTH_PER_SOURCE * independent_sources, WIDTH_MAX)


def edge_colour(edge: Edge) -> str:
    """Line colour of ``edge`` (its family's)."""
    return FAMILY_COLOURS[edge.family.name]


def node_hover(node: Node, events: int) -> str:
    """Hover text of a node: name, code, sanction status, counts."""
    lines = [f"{node.label} ({node.code})"]
    if node.kind == "organisation":
        lines.append("international organisation")
    elif node.sanctioned:
        by = ", ".join(node.authorities) if node.authorities else "authority not recorded"
        lines.append(f"sanctioned by {by}")
    else:
        lines.append("not sanctioned")
    lines.append(f"{events} event(s), {node.sources} source(s)")
    return "\n".join(lines)
