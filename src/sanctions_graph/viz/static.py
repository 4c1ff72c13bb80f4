"""The network of states as a static picture (PNG or SVG) for reports and slides.

networkx holds the graph and lays it out, matplotlib (its Agg/SVG canvases, no pyplot, no
display) draws it. The encoding is the HTML page's (``viz.style``): node colour by sanction
status, node size by sources, edge colour by family, width by independent sources, dashed when
only alleged or planned. ``to_networkx`` is the data handed to the drawing library.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sanctions_graph.errors import UserError
from sanctions_graph.viz import style
from sanctions_graph.viz.data import GraphData
from sanctions_graph.viz.families import FAMILIES
from sanctions_graph.viz.files import write_atomic

if TYPE_CHECKING:
    import networkx as nx

STATIC_FORMATS = ("png", "svg")


def _libraries() -> tuple[Any, Any]:
    try:
        import matplotlib
        import networkx
    except ModuleNotFoundError:
        raise UserError(
            "static pictures need networkx and matplotlib: pip install 'sanctions-graph[viz]'"
        ) from None
    return networkx, matplotlib


def to_networkx(graph: GraphData) -> nx.MultiDiGraph:
    """A ``MultiDiGraph`` keyed by node code, one edge per family, with the drawing attributes.

    Node attributes: ``label``, ``kind``, ``status``, ``authorities``, ``sources``, ``colour``,
    ``size``. Edge key = family name; attributes: ``family``, ``polarity``, ``directed``,
    ``events``, ``sources`` (independent), ``colour``, ``width``, ``dashed``.
    """
    nx, _ = _libraries()
    g = nx.MultiDiGraph()
    for node in sorted(graph.nodes.values(), key=lambda n: n.code):
        g.add_node(
            node.code,
            label=node.label,
            kind=node.kind,
            status=node.sanction_status if node.kind == "state" else "organisation",
            authorities=node.authorities,
            sources=node.sources,
            colour=style.node_colour(node),
            size=style.node_size(node),
        )
    for edge in graph.edges:
        g.add_edge(
            graph.nodes[edge.source].code,
            graph.nodes[edge.target].code,
            key=edge.family.name,
            family=edge.family.name,
            polarity=edge.family.polarity,
            directed=edge.family.directed,
            events=len(edge.events),
            sources=edge.independent_sources,
            colour=style.edge_colour(edge),
            width=style.edge_width(edge.independent_sources),
            dashed=edge.dashed,
        )
    return g


def node_label(data: dict[str, Any]) -> str:
    """A node's caption: its name, and under it the authorities sanctioning it."""
    authorities = data.get("authorities") or ()
    return data["label"] + ("\n" + " · ".join(authorities) if authorities else "")


def render_static(graph: GraphData, path: Path, fmt: str, title: str) -> nx.MultiDiGraph:
    """Draw ``graph`` to ``path`` as ``png`` or ``svg``; return the graph that was drawn."""
    if fmt not in STATIC_FORMATS:
        raise UserError(f"unknown picture format {fmt!r}; choose from png, svg")
    nx, _ = _libraries()
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    g = to_networkx(graph)
    figure = Figure(figsize=(11, 8), dpi=110)
    ax = figure.add_subplot()
    ax.set_title(title)
    ax.set_axis_off()
    pos = nx.spring_layout(g.to_undirected(as_view=True), seed=7, k=1.6) if len(g) else {}
    for kind, marker in (("state", "o"), ("organisation", "s")):
        members = [n for n, data in g.nodes(data=True) if data["kind"] == kind]
        if members:
            nx.draw_networkx_nodes(
                g,
                pos,
                nodelist=members,
                node_color=[g.nodes[n]["colour"] for n in members],
                node_size=[(g.nodes[n]["size"] * 1.8) ** 2 for n in members],
                node_shape=marker,
                edgecolors="#34495e",
                ax=ax,
            )
    nx.draw_networkx_labels(g, pos, labels={n: node_label(g.nodes[n]) for n in g}, ax=ax,
                            font_size=9)
    # Several families between one pair: bend them apart, alternately to either side.
    seen: dict[frozenset[str], int] = {}
    for u, v, key, data in g.edges(keys=True, data=True):
        pair = frozenset((u, v))
        k = seen.get(pair, 0)
        seen[pair] = k + 1
        rad = 0.0 if k == 0 else (0.18 * ((k + 1) // 2)) * (1 if k % 2 else -1)
        connection = f"arc3,rad={rad}"
        nx.draw_networkx_edges(
            g,
            pos,
            edgelist=[(u, v, key)],
            edge_color=data["colour"],
            width=data["width"],
            style="dashed" if data["dashed"] else "solid",
            arrows=True,
            arrowstyle="-|>" if data["directed"] else "-",
            arrowsize=14,
            connectionstyle=connection,
            node_size=[(g.nodes[n]["size"] * 1.8) ** 2 for n in (u, v)],
            nodelist=[u, v],
            ax=ax,
        )
        nx.draw_networkx_edge_labels(
            g,
            pos,
            edge_labels={(u, v, key): key},
            font_size=7,
            font_color=data["colour"],
            connectionstyle=connection,
            ax=ax,
        )
    handles = [
        Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor=colour,
               markeredgecolor="#34495e", label=style.STATUS_LABELS[status])
        for status, colour in style.STATUS_COLOURS.items()
    ]
    families_drawn = {data["family"] for _, _, data in g.edges(data=True)}
    handles += [
        Line2D([], [], color=style.FAMILY_COLOURS[f.name], linewidth=2.5,
               label=f"{f.name} ({f.polarity})")
        for f in FAMILIES
        if f.name in families_drawn
    ]
    handles.append(Line2D([], [], color="#555", linestyle="--", label="alleged or planned only"))
    ax.legend(handles=handles, loc="lower left", fontsize=7, frameon=False)
    write_atomic(path, lambda tmp: figure.savefig(tmp, format=fmt, bbox_inches="tight"))
    return g
