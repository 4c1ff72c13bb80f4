"""The picture of the demo corpus: the nodes and edges handed to networkx/matplotlib are the
ones the corpus reports, coloured and styled as the data says (not a pixel comparison)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sanctions_graph.store import EmbeddedStore
from sanctions_graph.viz import style
from sanctions_graph.viz.data import GraphData, load_graph
from sanctions_graph.viz.static import render_static

# What the demo articles plainly report (written by the team: see demo/corpus).
REPORTED_EDGES = {
    ("AGREEMENT", "PRK", "RUS"),  # the June 2024 partnership treaty
    ("DIPLOMATIC", "PRK", "RUS"),  # summits in Vostochny and Pyongyang
    ("AID", "PRK", "RUS"),  # artillery shells and missiles shipped to Russia
    ("AGREEMENT", "IRN", "RUS"),  # the January 2025 partnership treaty
    ("AID", "IRN", "RUS"),  # Shahed drones and missiles
    ("COOPERATION", "CHN", "RUS"),  # record trade
    ("AGREEMENT", "IRN", "VEN"),  # the 2022 cooperation plan
}


@pytest.fixture(scope="module")
def demo_graph(tmp_path_factory: pytest.TempPathFactory) -> GraphData:
    from sanctions_graph.bootstrap import seed
    from sanctions_graph.demo import corpus_dir
    from sanctions_graph.ingest.pipeline import ingest_paths
    from sanctions_graph.ingest.registry import IngestOptions

    store = EmbeddedStore(tmp_path_factory.mktemp("demo") / "store")
    try:
        seed(store)
        report = ingest_paths(store, [corpus_dir()], IngestOptions(), None)
        assert not report.skipped
        return load_graph(store)
    finally:
        store.close()


@pytest.mark.slow
def test_demo_picture_hands_the_reported_graph_to_the_drawing_library(
    demo_graph: GraphData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import networkx as nx

    drawn_nodes: dict[str, str] = {}
    drawn_labels: dict[str, str] = {}
    drawn_edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    draw_nodes, draw_edges = nx.draw_networkx_nodes, nx.draw_networkx_edges
    draw_labels = nx.draw_networkx_labels

    def spy_labels(g: Any, pos: Any, labels: dict[str, str], **kw: Any) -> Any:
        drawn_labels.update(labels)
        return draw_labels(g, pos, labels=labels, **kw)

    def spy_nodes(g: Any, pos: Any, nodelist: list[str], node_color: list[str], **kw: Any) -> Any:
        drawn_nodes.update(zip(nodelist, node_color, strict=True))
        return draw_nodes(g, pos, nodelist=nodelist, node_color=node_color, **kw)

    def spy_edges(g: Any, pos: Any, edgelist: list[Any], **kw: Any) -> Any:
        for u, v, key in edgelist:
            drawn_edges[(key, u, v)] = {
                "colour": kw["edge_color"], "width": kw["width"], "style": kw["style"]
            }
        return draw_edges(g, pos, edgelist=edgelist, **kw)

    monkeypatch.setattr(nx, "draw_networkx_nodes", spy_nodes)
    monkeypatch.setattr(nx, "draw_networkx_edges", spy_edges)
    monkeypatch.setattr(nx, "draw_networkx_labels", spy_labels)
    picture = tmp_path / "demo.png"
    g = render_static(demo_graph, picture, "png", "Demo")
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    # Everything in the data is drawn, once, and nothing else.
    assert set(drawn_nodes) == set(g.nodes) == demo_graph.node_codes()
    assert set(drawn_edges) == {(k, u, v) for u, v, k in g.edges(keys=True)}
    assert set(drawn_edges) == demo_graph.edge_tuples()

    # The corpus's relations are there, between the states it names.
    assert {"PRK", "RUS", "IRN", "VEN", "CHN", "BLR", "UKR"} <= set(drawn_nodes)
    assert drawn_edges.keys() >= REPORTED_EDGES

    # Colours: North Korea and Iran under UN sanctions, Russia under others' only.
    nodes = {n.code: n for n in demo_graph.nodes.values()}
    assert nodes["PRK"].sanction_status == "un" and "UNSC" in nodes["PRK"].authorities
    assert nodes["RUS"].sanction_status == "unilateral"
    assert {"USA", "EU"} <= set(nodes["RUS"].authorities)
    assert drawn_nodes["PRK"] == style.STATUS_COLOURS["un"]
    assert drawn_nodes["RUS"] == style.STATUS_COLOURS["unilateral"]
    assert drawn_nodes["UKR"] == style.STATUS_COLOURS["none"]
    # Captions: the name, and under it who sanctions the state.
    assert drawn_labels["PRK"].split("\n")[0] == "North Korea"
    assert "UNSC" in drawn_labels["PRK"].split("\n")[1].split(" · ")
    assert drawn_labels["UKR"] == "Ukraine"

    # Line style follows the data: family colour, width by sources, dashed iff unconfirmed.
    for edge in demo_graph.edges:
        key = (edge.family.name, nodes_code(demo_graph, edge.source),
               nodes_code(demo_graph, edge.target))
        assert drawn_edges[key] == {
            "colour": style.FAMILY_COLOURS[edge.family.name],
            "width": style.edge_width(edge.independent_sources),
            "style": "dashed" if edge.dashed else "solid",
        }, key


def nodes_code(graph: GraphData, iri: str) -> str:
    return graph.nodes[iri].code
