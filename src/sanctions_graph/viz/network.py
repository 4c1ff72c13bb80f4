"""The network of states as one self-contained HTML page, drawn by vis-network.

The page works offline: vis-network's script and style (the copies shipped inside the pyvis
package) are inlined, as are the page's own small script and style; nothing is linked. pyvis's
own page template is not used because it links Bootstrap from a CDN even with
``cdn_resources="in_line"``. The project writes only the data handed to vis-network (nodes,
edges, their events and citations) and a little glue for the filters and the event panel.

All text from the store reaches the page as JSON inside a ``<script type="application/json">``
element (``<``, ``>`` and ``&`` escaped) and is put into the document with ``textContent``, so a
quote cannot inject markup; only http(s) source links become links.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

from sanctions_graph.errors import UserError
from sanctions_graph.viz import style
from sanctions_graph.viz.data import Edge, GraphData
from sanctions_graph.viz.families import FAMILIES

_HERE = Path(__file__).resolve().parent
#: vis-network as shipped in pyvis (``templates/lib/vis-<version>``).
VIS_VERSION = "9.1.2"


def vis_assets() -> tuple[str, str]:
    """vis-network's minified script and its style sheet, read from the pyvis package."""
    try:
        lib = resources.files("pyvis") / "templates" / "lib" / f"vis-{VIS_VERSION}"
        script = (lib / "vis-network.min.js").read_text(encoding="utf-8")
        css = (lib / "vis-network.css").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        raise UserError(
            "the HTML picture needs pyvis (it ships vis-network): "
            "pip install 'sanctions-graph[viz]'"
        ) from None
    return script, css


def edge_payload(edge: Edge, index: int, graph: GraphData) -> dict[str, Any]:
    """One edge with its events, as the page's script reads it."""
    return {
        "id": f"e{index}",
        "key": edge.key,
        "from": edge.source,
        "to": edge.target,
        "family": edge.family.name,
        "polarity": edge.family.polarity,
        "directed": edge.family.directed,
        "fromLabel": graph.nodes[edge.source].label,
        "toLabel": graph.nodes[edge.target].label,
        "events": [
            {
                "iri": event.iri,
                "type": event.type,
                "date": event.date.isoformat() if event.date else None,
                "modality": event.modality,
                "citations": [
                    {
                        "quote": c.quote,
                        "title": c.title,
                        "publisher": c.publisher,
                        "issued": c.issued,
                        "url": c.url if c.url and c.url.startswith(("http://", "https://"))
                        else None,
                        "sourceKey": c.source_key,
                    }
                    for c in event.citations
                ],
            }
            for event in edge.events
        ],
    }


def payload(graph: GraphData, title: str, focus: str | None = None) -> dict[str, Any]:
    """Everything the page draws: nodes, edges with events, and the encoding's constants."""
    events_per_node: dict[str, int] = dict.fromkeys(graph.nodes, 0)
    for edge in graph.edges:
        events_per_node[edge.source] += len(edge.events)
        events_per_node[edge.target] += len(edge.events)
    nodes = [
        {
            "id": node.iri,
            "label": node.label,
            "code": node.code,
            "kind": node.kind,
            "status": node.sanction_status if node.kind == "state" else "organisation",
            "authorities": list(node.authorities),
            "sources": node.sources,
            "color": style.node_colour(node),
            "size": style.node_size(node),
            "shape": "box" if node.kind == "organisation" else "dot",
            "title": style.node_hover(node, events_per_node[node.iri]),
        }
        for node in sorted(graph.nodes.values(), key=lambda n: n.code)
    ]
    return {
        "title": title,
        "focus": focus,
        "nodes": nodes,
        "edges": [edge_payload(edge, i, graph) for i, edge in enumerate(graph.edges)],
        "families": [
            {
                "name": f.name,
                "polarity": f.polarity,
                "directed": f.directed,
                "classes": list(f.classes),
                "color": style.FAMILY_COLOURS[f.name],
            }
            for f in FAMILIES
        ],
        "statuses": [
            {"status": key, "label": style.STATUS_LABELS[key], "color": colour}
            for key, colour in style.STATUS_COLOURS.items()
        ],
        "organisationColor": style.ORGANISATION_COLOUR,
        "unconfirmed": sorted(["Alleged", "Planned"]),
        "width": {
            "base": style.WIDTH_BASE,
            "perSource": style.WIDTH_PER_SOURCE,
            "max": style.WIDTH_MAX,
        },
    }


def script_json(data: Any) -> str:
    """JSON safe to place inside a ``<script>`` element (no ``</script>``, no ``<!--``)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _escape_html(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def render_html(graph: GraphData, title: str, focus: str | None = None) -> str:
    """The whole page as text: inlined vis-network, the data, the filters and the event panel."""
    vis_js, vis_css = vis_assets()
    page_js = (_HERE / "network.js").read_text(encoding="utf-8")
    page = Template((_HERE / "network.html").read_text(encoding="utf-8"))
    # A script body must not close its element early (neither vis-network nor ours does).
    for name, body in (("vis-network.min.js", vis_js), ("network.js", page_js)):
        if "</script" in body.lower():
            raise RuntimeError(f"{name} contains '</script' and cannot be inlined")
    return page.substitute(
        title=_escape_html(title),
        vis_css=vis_css,
        page_css=(_HERE / "network.css").read_text(encoding="utf-8"),
        vis_js=vis_js,
        data=script_json(payload(graph, title, focus)),
        page_js=page_js,
    )


def write_html(graph: GraphData, path: Path, title: str, focus: str | None = None) -> None:
    """Write the page to ``path`` (whole file at once: nothing half-written on error)."""
    from sanctions_graph.viz.files import write_text_atomic

    write_text_atomic(path, render_html(graph, title, focus))
